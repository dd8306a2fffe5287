// 其他检查对象（产品/项目/行为）导入导出（ssj import objects / ssj export objects）. The command
// line acts as a system user of the owning unit (--unit); the audit rows name 'ssj 命令行'.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { objectKinds } from '../../core/directoryObjects/objectFields.ts';
import type { ObjectKind } from '../../core/glossary.ts';
import { dbOptions, withDatabase } from '../dbOptions.ts';
import { reportCommandError } from '../reportCommandError.ts';
import { loadScope } from '../../server/access/scope.ts';
import { importDirectoryObjects } from '../../server/directoryObjects/importObjects.ts';
import { exportDirectoryObjects } from '../../server/directoryObjects/exportObjects.ts';

const CLI_ACTOR = 'ssj 命令行';

export function registerObjectCommands(importCommand: Command, exportCommand: Command): void {
  dbOptions(
    importCommand
      .command('objects')
      .description('导入其他检查对象（产品/项目/行为；.xlsx/.csv；有任何错误行则全部不导入）')
      .argument('<file>', '.xlsx 或 .csv 文件，第 1 行为表头：对象类别、名称（必填），对象编码、管辖单位等')
      .requiredOption('--unit <code>', '导入单位代码（文件中的管辖单位须为该单位或其下级单位；留空的归该单位）')
      .option('--dry-run', '只检查，不写入'),
  ).action(async (file: string, opts) => {
    if (!fs.existsSync(file)) {
      console.error(`找不到文件 ${file}，请检查路径。`);
      process.exitCode = 1;
      return;
    }
    await withDatabase(opts, async (database) => {
      try {
        const result = await importDirectoryObjects(
          database.db,
          path.resolve(file),
          path.basename(file),
          { userId: null, name: CLI_ACTOR, unitCode: opts.unit },
          { dryRun: Boolean(opts.dryRun) },
        );
        console.log(
          `${result.dryRun ? '检查完成（未写入）' : '导入完成'}：共 ${result.total} 行，新增 ${result.created} 个，更新 ${result.updated} 个，无变化 ${result.unchanged} 个。`,
        );
      } catch (error) {
        reportCommandError(error);
      }
    });
  });

  dbOptions(
    exportCommand
      .command('objects')
      .description('导出其他检查对象（产品/项目/行为）为 .xlsx（导入模板的列布局）')
      .requiredOption('--unit <code>', '单位代码（导出该单位及其下级单位管辖的对象）')
      .requiredOption('--out <file>', '输出的 .xlsx 文件')
      .option('--kind <kind>', `只导出一类：${objectKinds.join(' | ')}`),
  ).action(async (opts) => {
    if (opts.kind && !(objectKinds as string[]).includes(opts.kind)) {
      console.error(`--kind 应为 ${objectKinds.join('、')} 之一（产品、项目、行为），实为 ${opts.kind}。`);
      process.exitCode = 1;
      return;
    }
    await withDatabase(opts, async (database) => {
      try {
        const scope = await loadScope(database.db, opts.unit);
        const { buffer, count } = await exportDirectoryObjects(database.db, scope.unitCodes, opts.kind as ObjectKind | undefined);
        fs.writeFileSync(opts.out, buffer);
        console.log(`已导出 ${scope.unitName} 其他检查对象 ${count} 个到 ${opts.out}`);
      } catch (error) {
        reportCommandError(error);
      }
    });
  });
}
