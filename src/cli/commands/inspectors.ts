// 执法检查人员名录库导入导出（ssj import inspectors / ssj export inspectors）. The command line
// acts as a system user of the owning unit (--unit); the audit rows name 'ssj 命令行'.
import type { Command } from 'commander';
import { dbOptions } from '../dbOptions.ts';
import { exportAction, rowImportCommand } from '../directoryFiles.ts';
import { importInspectors } from '../../server/inspectors/importInspectors.ts';
import { exportInspectors } from '../../server/inspectors/exportInspectors.ts';
import { loadScope } from '../../server/access/scope.ts';

export function registerInspectorCommands(importCommand: Command, exportCommand: Command): void {
  rowImportCommand(importCommand, {
    name: 'inspectors',
    description: '导入执法检查人员名录（.xlsx/.csv；有任何错误行则全部不导入）',
    fileHelp: '.xlsx 或 .csv 文件，第 1 行为表头：姓名、单位、类别（必填）等',
    unitHelp: '所属单位代码（文件中的单位须为该单位或其下级单位）',
    unit: '人',
    run: importInspectors,
  });

  dbOptions(
    exportCommand
      .command('inspectors')
      .description('导出执法检查人员名录（含当日可否抽取与回避声明）为 .xlsx')
      .requiredOption('--unit <code>', '单位代码（导出该单位及其下级单位的人员；下级的联合抽查成员部门各管本部门名录，不在其中）')
      .requiredOption('--out <file>', '输出的 .xlsx 文件'),
  ).action(
    exportAction(
      async (db, _unitCodes, opts) => exportInspectors(db, await loadScope(db, opts.unit!)),
      (unitName, count, out) => `已导出 ${unitName} 执法检查人员 ${count} 名到 ${out}`,
    ),
  );
}
