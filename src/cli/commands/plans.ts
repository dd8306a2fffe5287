// ssj plan import / export. The command line acts as a system user of the owning
// unit (--unit); the audit rows name 'ssj 命令行'.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { type ColumnTarget, columnTargetOf, headerKey, planFieldLabel, type PlanProblem, type PlanTable } from '../../core/plan/index.ts';
import { columnChoicesFor, columnMappingOf, rememberColumnMappings } from '../../server/plans/columnMappings.ts';
import { dbOptions, withDatabase } from '../dbOptions.ts';
import { importFileExists } from '../directoryFiles.ts';
import { AppError } from '../../server/http/errors.ts';
import { createPlan } from '../../server/plans/planCommands.ts';
import { planWorkbook } from '../../server/plans/planExport.ts';
import { assertImportable, readPlanFile } from '../../server/plans/planFile.ts';
import { loadPlan } from '../../server/plans/planStore.ts';
import { loadTasks, loadVersions } from '../../server/plans/planViews.ts';

const CLI_ACTOR = { userId: null, name: 'ssj 命令行' };

function describeProblem(p: PlanProblem): string {
  const where = [p.row !== null ? `第${p.row}个任务` : null, p.seq ? `序号${p.seq}` : null, `第${p.line}行`].filter(Boolean).join('，');
  const column = p.column ?? (p.field ? planFieldLabel[p.field] : '整行');
  return `  [${p.severity === 'error' ? '错误' : '提示'}] ${where}「${column}」：${p.message}`;
}

const SOURCE_TEXT = { header: '', remembered: '（已记住的对应）', chosen: '（本次指定）', unknown: '' } as const;

function printTable(table: PlanTable) {
  const errors = table.problems.filter((p) => p.severity === 'error').length;
  console.log(
    `识别到 ${table.tasks.length} 个任务，${table.columns.length} 列；未能识别的单元格 ${errors} 处，提示 ${table.problems.length - errors} 处。`,
  );
  console.log('列对应（表头 → 字段）：');
  for (const m of columnMappingOf(table)) console.log(`  ${m.header} → ${m.label ?? '未识别（内容原样保留）'}${SOURCE_TEXT[m.source]}`);
  for (const p of table.problems) console.log(describeProblem(p));
  const notes = table.skipped.filter((s) => s.kind === 'text' || s.kind === 'beforeHeader');
  for (const s of notes) console.log(`  [跳过] 第${s.line}行不是任务行：${s.text.slice(0, 40)}`);
}

/**
 * --column 列名=字段 (repeatable) and --columns FILE (JSON {"列名":"字段"}) as one mapping by header
 * key; a field is its key (name) or its label (抽查任务名称), or 忽略. null after printing what is wrong.
 */
function columnOptions(pairs: readonly string[], file: string | undefined): Record<string, ColumnTarget> | null {
  const entries: [string, string][] = [];
  if (file !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      console.error(`--columns ${file} 无法读取，或不是 JSON：内容应为 {"列名":"字段"}，如 {"抽查计划名称":"抽查任务名称"}。`);
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      console.error(`--columns ${file} 应为 {"列名":"字段"} 形式的 JSON 对象。`);
      return null;
    }
    for (const [header, target] of Object.entries(parsed)) entries.push([header, String(target)]);
  }
  for (const pair of pairs) {
    const at = pair.lastIndexOf('=');
    if (at <= 0) {
      console.error(`--column ${pair} 的格式应为 列名=字段，如 --column 抽查计划名称=抽查任务名称。`);
      return null;
    }
    entries.push([pair.slice(0, at), pair.slice(at + 1)]);
  }
  const mapping: Record<string, ColumnTarget> = {};
  for (const [header, written] of entries) {
    const target = columnTargetOf(written);
    if (target === null || headerKey(header) === '') {
      console.error(
        `列对应“${header}=${written}”无法识别：字段应为 ${Object.values(planFieldLabel)
          .filter((l) => l !== '任务编号')
          .join('、')} 之一，或“忽略”。`,
      );
      return null;
    }
    mapping[headerKey(header)] = target;
  }
  return mapping;
}

function fail(error: unknown) {
  if (!(error instanceof AppError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerPlanCommands(program: Command): void {
  const plan = program.command('plan').description('年度抽查计划');
  dbOptions(
    plan
      .command('import')
      .description('导入计划表（.xlsx/.csv，或种子文件样式的 .tsv/.txt：表头一行，其后每行一个任务）为计划草稿')
      .argument('<file>', '计划表文件')
      .requiredOption('--unit <code>', '制定计划的单位代码，如 140581')
      .requiredOption('--year <year>', '计划年度，如 2025')
      .option('--kind <kind>', 'own（本单位计划）或 joint（部门联合抽查计划）', 'own')
      .option('--title <title>', '计划名称')
      .option('--doc-number <text>', '文号，如 高市市监办发〔2025〕9号')
      .option('--deadline <date>', '完成时限 YYYY-MM-DD')
      .option(
        '--column <列名=字段>',
        '列对应：把表头“列名”读作“字段”（如 抽查计划名称=抽查任务名称，或 备注栏=忽略），可重复；导入后为该单位记住',
        collect,
        [],
      )
      .option('--columns <file>', '列对应文件：JSON {"列名":"字段"}')
      .option('--dry-run', '只解析并列出任务数、列对应和全部问题，不写入'),
  ).action(async (file: string, opts) => {
    if (!importFileExists(file)) return;
    const year = Number(opts.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      console.error(`--year ${opts.year} 不是有效年度：请写四位年份，如 2025。`);
      process.exitCode = 1;
      return;
    }
    if (opts.kind !== 'own' && opts.kind !== 'joint') {
      console.error(`--kind 只能是 own 或 joint（当前：${opts.kind}）。`);
      process.exitCode = 1;
      return;
    }
    if (opts.deadline !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.deadline)) {
      console.error(`--deadline ${opts.deadline} 的格式应为 YYYY-MM-DD。`);
      process.exitCode = 1;
      return;
    }
    const chosen = columnOptions(opts.column as string[], opts.columns);
    if (chosen === null) {
      process.exitCode = 1;
      return;
    }
    await withDatabase(opts, async (database) => {
      try {
        const columns = await columnChoicesFor(database.db, opts.unit, chosen);
        const table = await readPlanFile(path.resolve(file), path.basename(file), year, columns);
        printTable(table);
        if (opts.dryRun) {
          console.log('试运行：未写入数据库。');
          // A script checking a file before importing it relies on the exit status.
          if (table.problems.some((p) => p.severity === 'error')) process.exitCode = 1;
          return;
        }
        assertImportable(table, path.basename(file));
        const unit = await database.db.selectFrom('org_unit').select(['code', 'name']).where('code', '=', opts.unit).executeTakeFirst();
        if (!unit) throw new AppError('NOT_FOUND', `单位代码 ${opts.unit} 不存在，请核对后重试。`);
        const kind = opts.kind as 'own' | 'joint';
        const id = await database.db.transaction().execute(async (trx) => {
          await rememberColumnMappings(trx, unit.code, table, chosen, CLI_ACTOR);
          return createPlan(
            trx,
            {
              unitCode: unit.code,
              year,
              kind,
              header: {
                title: opts.title ?? `${unit.name}${year}年度${kind === 'joint' ? '部门联合' : ''}“双随机、一公开”抽查工作计划`,
                docNumber: opts.docNumber ?? '',
                deadline: opts.deadline ?? null,
              },
              table,
              sourceFileName: path.basename(file),
            },
            CLI_ACTOR,
          );
        });
        console.log(`已导入为计划草稿 ${id}（${table.tasks.length} 个任务）。请在控制台修改未能识别的单元格后发布。`);
      } catch (error) {
        fail(error);
      }
    });
  });

  dbOptions(
    plan
      .command('export')
      .description('把计划导出为 .xlsx（种子文件的表格样式，附任务编号）')
      .argument('<planId>', '计划编号（UUID）')
      .requiredOption('--out <file>', '输出文件，如 plan.xlsx')
      .option('--version <n>', '版本号（默认：已发布版本；从未发布的取草稿）'),
  ).action(async (planId: string, opts) => {
    await withDatabase(opts, async (database) => {
      try {
        if (!/^[0-9a-f-]{36}$/i.test(planId)) throw new AppError('VALIDATION_FAILED', `计划编号 ${planId} 不是 UUID。`);
        const row = await loadPlan(database.db, planId);
        if (!row) throw new AppError('NOT_FOUND', `计划 ${planId} 不存在。`);
        const versions = await loadVersions(database.db, row, false);
        const wanted = opts.version !== undefined ? Number(opts.version) : (row.state.publishedVersion ?? row.state.draftVersion ?? 1);
        const version = versions.find((v) => v.versionNo === wanted);
        if (!version) throw new AppError('NOT_FOUND', `计划没有第${wanted}版。现有版本：${versions.map((v) => v.versionNo).join('、')}。`);
        const tasks = await loadTasks(database.db, row, version.versionNo, false);
        fs.writeFileSync(opts.out, await planWorkbook(row, version, tasks));
        console.log(`已导出第${version.versionNo}版（${tasks.length} 个任务）到 ${opts.out}`);
      } catch (error) {
        fail(error);
      }
    });
  });
}
