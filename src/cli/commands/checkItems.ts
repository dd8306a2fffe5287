// 随机抽查事项清单导入导出（ssj import items / ssj export items）
import type { Command } from 'commander';

export function registerCheckItemCommands(_importCommand: Command, _exportCommand: Command): void {}
