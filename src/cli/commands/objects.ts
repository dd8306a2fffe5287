// 其他检查对象（产品/项目/行为/标准）导入导出（ssj import objects / ssj export objects）. The command
// line acts as a system user of the owning unit (--unit); the audit rows name 'ssj 命令行'.
import type { Command } from 'commander';
import { objectKinds } from '../../core/directoryObjects/objectFields.ts';
import type { ObjectKind } from '../../core/glossary.ts';
import { dbOptions } from '../dbOptions.ts';
import { exportAction, rowImportCommand } from '../directoryFiles.ts';
import { importDirectoryObjects } from '../../server/directoryObjects/importObjects.ts';
import { exportDirectoryObjects } from '../../server/directoryObjects/exportObjects.ts';

export function registerObjectCommands(importCommand: Command, exportCommand: Command): void {
  rowImportCommand(importCommand, {
    name: 'objects',
    description: '导入其他检查对象（产品/项目/行为/标准；.xlsx/.csv；有任何错误行则全部不导入）',
    fileHelp: '.xlsx 或 .csv 文件，第 1 行为表头：对象类别、名称（必填），对象编码、管辖单位等',
    unitHelp: '导入单位代码（文件中的管辖单位须为该单位或其下级单位；留空的归该单位）',
    unit: '个',
    run: importDirectoryObjects,
  });

  const exportObjects = exportAction(
    (db, unitCodes, opts) => exportDirectoryObjects(db, unitCodes, opts.kind as ObjectKind | undefined),
    (unitName, count, out) => `已导出 ${unitName} 其他检查对象 ${count} 个到 ${out}`,
  );
  dbOptions(
    exportCommand
      .command('objects')
      .description('导出其他检查对象（产品/项目/行为/标准）为 .xlsx（导入模板的列布局）')
      .requiredOption('--unit <code>', '单位代码（导出该单位及其下级单位管辖的对象）')
      .requiredOption('--out <file>', '输出的 .xlsx 文件')
      .option('--kind <kind>', `只导出一类：${objectKinds.join(' | ')}`),
  ).action(async (opts) => {
    if (opts.kind && !(objectKinds as string[]).includes(opts.kind)) {
      console.error(`--kind 应为 ${objectKinds.join('、')} 之一（产品、项目、行为、标准），实为 ${opts.kind}。`);
      process.exitCode = 1;
      return;
    }
    await exportObjects(opts);
  });
}
