// 执法检查人员名录库导入导出（ssj import inspectors / ssj export inspectors）. The command line
// acts as a system user of the owning unit (--unit); the audit rows name 'ssj 命令行'.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { dbOptions, withDatabase } from '../dbOptions.ts';
import { reportCommandError } from '../reportCommandError.ts';
import { loadScope } from '../../server/access/scope.ts';
import { importInspectors } from '../../server/inspectors/importInspectors.ts';
import { exportInspectors } from '../../server/inspectors/exportInspectors.ts';

const CLI_ACTOR = 'ssj 命令行';

export function registerInspectorCommands(importCommand: Command, exportCommand: Command): void {
  dbOptions(
    importCommand
      .command('inspectors')
      .description('导入执法检查人员名录（.xlsx/.csv；有任何错误行则全部不导入）')
      .argument('<file>', '.xlsx 或 .csv 文件，第 1 行为表头：姓名、单位、类别（必填）等')
      .requiredOption('--unit <code>', '所属单位代码（文件中的单位须为该单位或其下级单位）')
      .option('--dry-run', '只检查，不写入'),
  ).action(async (file: string, opts) => {
    if (!fs.existsSync(file)) fail(`找不到文件 ${file}，请检查路径。`);
    await withDatabase(opts, async (database) => {
      try {
        const result = await importInspectors(
          database.db,
          path.resolve(file),
          path.basename(file),
          { userId: null, name: CLI_ACTOR, unitCode: opts.unit },
          { dryRun: Boolean(opts.dryRun) },
        );
        console.log(
          `${result.dryRun ? '检查完成（未写入）' : '导入完成'}：共 ${result.total} 行，新增 ${result.created} 人，更新 ${result.updated} 人，无变化 ${result.unchanged} 人。`,
        );
      } catch (error) {
        reportCommandError(error);
      }
    });
  });

  dbOptions(
    exportCommand
      .command('inspectors')
      .description('导出执法检查人员名录（含当日可否抽取与回避声明）为 .xlsx')
      .requiredOption('--unit <code>', '单位代码（导出该单位及其下级单位的人员）')
      .requiredOption('--out <file>', '输出的 .xlsx 文件'),
  ).action(async (opts) => {
    await withDatabase(opts, async (database) => {
      try {
        const scope = await loadScope(database.db, opts.unit);
        const { buffer, count } = await exportInspectors(database.db, scope.unitCodes);
        fs.writeFileSync(opts.out, buffer);
        console.log(`已导出 ${scope.unitName} 执法检查人员 ${count} 名到 ${opts.out}`);
      } catch (error) {
        reportCommandError(error);
      }
    });
  });
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
