// 检查对象名录库导入导出（ssj import entities / risk-classes / classifications, ssj export entities）.
// The CLI acts as a system user for the unit given by --unit, runs the same import pipeline as
// the console (same validation, same all-or-nothing rule, same job and audit rows).
import fs from 'node:fs';
import type { Command } from 'commander';
import { dbOptions, withDatabase } from '../dbOptions.ts';
import type { Database } from '../../db/database.ts';
import { loadScope } from '../../server/access/scope.ts';
import { AppError } from '../../server/http/errors.ts';
import { createJob } from '../../server/jobs/jobs.ts';
import { buildErrorReport, checkImportFile, listIssues, runImportJob, type ImportKind, type ImportSummary } from '../../server/imports/entityImport.ts';
import { runClassificationImportJob } from '../../server/imports/classificationImportJob.ts';
import { exportEntitiesXlsx } from '../../server/imports/entityExport.ts';
import { todayInChina } from '../../server/clock.ts';

const CLI_ACTOR = 'ssj 命令行';

interface ImportOpts {
  unit: string;
  dryRun?: boolean;
  validOnly?: boolean;
  report?: string;
  dataDir: string;
  databaseUrl?: string;
}

export function registerEntityCommands(importCommand: Command, exportCommand: Command): void {
  for (const [name, kind, description] of [
    ['entities', 'entity_import', '导入检查对象名录库（市场主体，按统一社会信用代码新增或更新）'],
    ['risk-classes', 'risk_class_import', '导入信用风险分类推送（统一社会信用代码 → 风险分类，只更新风险分类）'],
  ] as const) {
    dbOptions(importCommand.command(`${name} <file>`).description(description))
      .requiredOption('--unit <code>', '导入单位代码（如 140581）；文件中未填管辖单位的主体归该单位，只能导入该单位及下级单位管辖的主体')
      .option('--dry-run', '只检查并统计将新增/更新多少，不写入')
      .option('--valid-only', '文件有错误时仍导入正确的行（默认：有任何错误就全部不导入）')
      .option('--report <file.xlsx>', '把错误报告（行号、列、值、原因、级别）写到这个文件')
      .action(async (file: string, opts: ImportOpts) => {
        await withDatabase(opts, async (database) => {
          const summary = await importFromCli(database, file, kind, opts);
          if (summary.rejected) process.exitCode = 1;
        });
      });
  }

  // 专业领域风险分级: all rows or none, so no --valid-only.
  dbOptions(
    importCommand
      .command('classifications <file>')
      .description('导入专业领域风险分级（统一社会信用代码、分级类别、风险等级、评定日期、来源；全部行正确才写入）'),
  )
    .requiredOption('--unit <code>', '导入单位代码（如 140581）；只能为该单位及下级单位名录库中的主体导入分级')
    .option('--dry-run', '只检查并统计将新增/更新多少，不写入')
    .option('--report <file.xlsx>', '把错误报告（行号、列、值、原因、级别）写到这个文件')
    .action(async (file: string, opts: ImportOpts) => {
      await withDatabase(opts, async (database) => {
        const summary = await importFromCli(database, file, 'classification_import', { ...opts, validOnly: false });
        if (summary.rejected) process.exitCode = 1;
      });
    });

  dbOptions(exportCommand.command('entities').description('导出检查对象名录库为 .xlsx（与导入模板列一致）'))
    .requiredOption('--unit <code>', '单位代码：导出该单位及下级单位管辖的市场主体')
    .requiredOption('--out <file.xlsx>', '输出文件')
    .action(async (opts: { unit: string; out: string; dataDir: string; databaseUrl?: string }) => {
      await withDatabase(opts, async (database) => {
        const scope = await loadScope(database.db, opts.unit);
        const count = await exportEntitiesXlsx(database.db, scope.unitCodes, opts.out);
        console.log(`已导出 ${count} 个市场主体（${scope.unitName}及下级单位）到 ${opts.out}`);
      });
    });
}

async function importFromCli(database: Database, file: string, kind: ImportKind, opts: ImportOpts): Promise<ImportSummary> {
  if (!fs.existsSync(file)) throw new AppError('NOT_FOUND', `文件 ${file} 不存在，请检查路径`);
  const fileName = file.split(/[\\/]/).pop() ?? file;
  const scope = await loadScope(database.db, opts.unit);
  const { unknownColumns } = await checkImportFile(file, fileName, kind);
  if (unknownColumns.length > 0) console.error(`提示：以下列无法识别，将被忽略：${unknownColumns.join('、')}`);
  const options = { dryRun: Boolean(opts.dryRun), validOnly: Boolean(opts.validOnly) };
  const jobId = await createJob(database.db, {
    unitCode: scope.unitCode,
    kind,
    fileName,
    fileBytes: fs.statSync(file).size,
    options,
    createdBy: null,
    createdByName: CLI_ACTOR,
  });
  const started = Date.now();
  let lastPrinted = 0;
  const onProgress = ({ phase, done, total }: { phase: string; done: number; total: number | null }) => {
    // At most two lines a second while reading, and always the last one (the total reached).
    if (Date.now() - lastPrinted < 500 && phase === '读取校验' && done !== total) return;
    lastPrinted = Date.now();
    const percent = total ? `${Math.min(100, Math.floor((done / total) * 100))}% ` : '';
    process.stderr.write(`\r${phase}：${percent}${done}${total ? `/${total}` : ''} 行`);
  };
  const summary =
    kind === 'classification_import'
      ? await runClassificationImportJob(database.db, {
          jobId,
          filePath: file,
          fileName,
          actor: { userId: null, name: CLI_ACTOR, unitCode: scope.unitCode },
          dryRun: options.dryRun,
          unknownColumns,
          onProgress,
        })
      : await runImportJob(database.db, {
          jobId,
          kind,
          filePath: file,
          fileName,
          unitCode: scope.unitCode,
          scopeUnitCodes: scope.unitCodes,
          actor: { userId: null, name: CLI_ACTOR },
          options,
          today: todayInChina(),
          onProgress,
        });
  process.stderr.write('\n');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const mode = summary.rejected ? '（有错误，未写入任何数据）' : summary.dryRun ? '（试运行，未写入）' : '';
  console.log(
    `${fileName}${mode}：共 ${summary.rows} 行；新增 ${summary.inserted}，更新 ${summary.updated}，未变 ${summary.unchanged}，错误 ${summary.errorRows} 行，警告 ${summary.warningRows} 行；用时 ${seconds} 秒`,
  );
  if (summary.ifValidOnly) {
    const w = summary.ifValidOnly;
    console.log(`若只导入正确的行（--valid-only）：预计新增 ${w.inserted}，更新 ${w.updated}，未变 ${w.unchanged}`);
  }
  if (summary.errors + summary.warnings > 0) {
    const report = opts.report ?? `${file.replace(/\.[^.\\/]+$/, '')}-错误报告.xlsx`;
    fs.writeFileSync(report, await buildErrorReport(database.db, jobId));
    console.log(`错误报告已写到 ${report}`);
  }
  if (summary.rejected) {
    for (const issue of await listIssues(database.db, jobId, 10)) {
      if (issue.level === 'error') console.error(`第 ${issue.rowNumber} 行「${issue.column}」${issue.value ? `（${issue.value}）` : ''}：${issue.reason}`);
    }
    const validOnly = kind === 'classification_import' ? '' : '，或加 --valid-only 只导入正确的行';
    console.error(`文件中有 ${summary.errorRows} 行错误，未导入任何数据。请按错误报告修正后重新导入${validOnly}。`);
  }
  return summary;
}
