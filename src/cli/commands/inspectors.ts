// 执法检查人员名录库导入导出（ssj import inspectors / ssj export inspectors）
import type { Command } from 'commander';

export function registerInspectorCommands(_importCommand: Command, _exportCommand: Command): void {}
