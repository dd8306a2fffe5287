// 随机抽查事项清单导入导出（ssj import items / ssj export items）. The command line acts as a
// system user of the issuing unit (--unit); the audit rows name 'ssj 命令行'.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { dbOptions, withDatabase } from '../dbOptions.ts';
import { importFileExists } from '../directoryFiles.ts';
import { AppError } from '../../server/http/errors.ts';
import { importCheckItemList } from '../../server/checkItems/checkItemLists.ts';
import { exportVersionXlsx } from '../../server/checkItems/exportCheckItems.ts';
import { reportCommandError } from '../reportCommandError.ts';

const CLI_ACTOR = { actorUserId: null, actorName: 'ssj 命令行' };

export function registerCheckItemCommands(importCommand: Command, exportCommand: Command): void {
  dbOptions(
    importCommand
      .command('items')
      .description('导入随机抽查事项清单为新的草稿版本（.xlsx/.csv；有任何错误行则全部不导入），发布请在控制台操作')
      .argument('<file>', '.xlsx 或 .csv 文件，第 1 行为表头：抽查类别、抽查事项、检查依据、检查对象、检查方式、检查主体（必填）等')
      .requiredOption('--unit <code>', '发布清单的单位代码（省局或市局，如 140000）')
      .requiredOption('--title <title>', '清单标题，如「山西省市场监管系统随机抽查事项清单（第三版）」')
      .option('--dry-run', '只检查，不写入'),
  ).action(async (file: string, opts) => {
    if (!importFileExists(file)) return;
    await withDatabase(opts, async (database) => {
      try {
        const result = await importCheckItemList(database.db, {
          filePath: path.resolve(file),
          fileName: path.basename(file),
          issuingUnitCode: opts.unit,
          title: opts.title,
          dryRun: Boolean(opts.dryRun),
          actor: CLI_ACTOR,
        });
        console.log(
          result.dryRun
            ? `检查通过（未写入）：${result.itemCount} 个事项，其中重点事项 ${result.keyItems} 个，抽查类别 ${result.categories.length} 个。`
            : `已导入为第 ${result.versionNo} 版草稿（版本编号 ${result.versionId}）：${result.itemCount} 个事项。请在控制台核对差异后发布。`,
        );
        if (result.unknownColumns.length > 0) console.log(`未识别、已忽略的列：${result.unknownColumns.join('、')}`);
      } catch (error) {
        reportCommandError(error);
      }
    });
  });

  dbOptions(
    exportCommand
      .command('items')
      .description('导出随机抽查事项清单的一个版本为 .xlsx（可再导入）')
      .requiredOption('--version <id>', '清单版本编号（控制台版本详情或 ssj import items 的输出中可见）')
      .option('--unit <code>', '附上该单位的认领标记')
      .requiredOption('--out <file>', '输出的 .xlsx 文件'),
  ).action(async (opts) => {
    await withDatabase(opts, async (database) => {
      try {
        if (!/^[0-9a-f-]{36}$/i.test(opts.version))
          throw new AppError('VALIDATION_FAILED', `版本编号「${opts.version}」格式不正确，应为 36 位 UUID。`);
        const { buffer, fileName } = await exportVersionXlsx(database.db, opts.version, opts.unit ?? null);
        fs.writeFileSync(opts.out, buffer);
        console.log(`已导出「${fileName.replace(/\.xlsx$/, '')}」到 ${opts.out}`);
      } catch (error) {
        reportCommandError(error);
      }
    });
  });
}
