// 检查对象名录库导入导出（ssj import entities / ssj export entities / ssj import risk-classes）
import type { Command } from 'commander';

export function registerEntityCommands(_importCommand: Command, _exportCommand: Command): void {}
