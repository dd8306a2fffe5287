// Benchmark: import a generated 1,000,000-row entity CSV into PostgreSQL
// through the real import pipeline (parse → validate → staging → one final upsert), and compare
// with a row-by-row INSERT baseline measured in the same run over a sample of the same kind of
// rows (extrapolated, and labelled so). Goals: ≥ 20× the baseline, peak RSS ≤ 1 GB. The anchor is
// the database itself: PostgreSQL `COPY … FROM STDIN` of the same file into a plain table of text
// columns, in the same run (three times, the median); goals: the import within 3× of it, an
// unchanged re-import (three times, the median) within 1.5×.
// Beside it the database's own write of the same rows into an empty copy of the entity table with
// its indexes and foreign keys (no parse, no validation): the floor any import of new rows meets.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench entity-import
//   SSJ_BENCH_ROWS=100000 …   (scale down)
//   SSJ_BENCH_PGLITE=1 SSJ_BENCH_ROWS=20000 …   (embedded PGlite in memory instead of the server)
//   SSJ_BENCH_EXPLAIN=500 …   (EXPLAIN ANALYZE of every statement over 500 ms into the server's log)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadReferenceData } from '../src/db/reference-data.ts';
import { makeUscc } from '../src/core/uscc/index.ts';
import { createJob } from '../src/server/jobs/jobs.ts';
import { runImportJob, type ImportPhase, type ImportSummary, type ImportTimings } from '../src/server/imports/entityImport.ts';

const HEADER = '统一社会信用代码,企业名称,主体类别,登记状态,成立日期,住所,法定代表人,管辖单位,行业代码,许可资质,风险分类,风险分类日期';
const STATIONS = ['140581-a', '140581-b', '140581-c', '140581-d'];
const INDUSTRIES = ['5212', '5265', '6210', '5123', '1311', '7011'];
const TAGS = ['', '食品经营许可', '加油站', '特种设备使用单位', '年报全0申报、一址多照'];
const STATUSES = ['存续', '存续', '存续', '吊销', '注销'];

function entityLine(i: number): string {
  const code = makeUscc({ authority: '9', type: i % 5 === 0 ? '2' : '1', division: '140581', orgCode8: String(i).padStart(8, '0') });
  const month = (i % 12) + 1;
  const day = (i % 28) + 1;
  const risk = ['A', 'B', 'C', 'D', ''][i % 5]!;
  return [
    code,
    `高平市基准测试第${i}号商贸有限公司`,
    i % 5 === 0 ? '个体工商户' : '企业',
    STATUSES[i % STATUSES.length],
    `20${String(10 + (i % 15)).padStart(2, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    `山西省晋城市高平市基准路${i % 997}号`,
    `张${i % 1000}`,
    STATIONS[i % STATIONS.length],
    INDUSTRIES[i % INDUSTRIES.length],
    TAGS[i % TAGS.length],
    risk,
    risk ? '2026-10-01' : '',
  ].join(',');
}

async function writeCsv(file: string, from: number, rows: number): Promise<void> {
  const out = fs.createWriteStream(file);
  out.write(`${HEADER}\n`);
  const chunk = 10_000;
  for (let start = from; start < from + rows; start += chunk) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(from + rows, start + chunk); i++) lines.push(entityLine(i));
    if (!out.write(`${lines.join('\n')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function setUp(database: Database): Promise<void> {
  await migrate(database);
  await loadReferenceData(database);
  await database.db
    .insertInto('org_unit')
    .values([
      {
        code: '140000',
        name: '山西省市场监督管理局',
        short_name: '省局',
        kind: 'province',
        parent_code: null,
        path: '140000',
        region_code: '140000',
        dept_type: null,
      },
      {
        code: '140500',
        name: '晋城市市场监督管理局',
        short_name: '晋城市局',
        kind: 'city',
        parent_code: '140000',
        path: '140000.140500',
        region_code: '140500',
        dept_type: null,
      },
      {
        code: '140581',
        name: '高平市市场监督管理局',
        short_name: '高平市局',
        kind: 'county',
        parent_code: '140500',
        path: '140000.140500.140581',
        region_code: '140581',
        dept_type: null,
      },
      ...STATIONS.map((code, i) => ({
        code,
        name: `高平市市场监督管理局基准${i}市场监管所`,
        short_name: `基准${i}所`,
        kind: 'station' as const,
        parent_code: '140581',
        path: `140000.140500.140581.${code}`,
        region_code: '140581',
        dept_type: null,
      })),
    ])
    .execute();
}

export async function run(): Promise<void> {
  const rows = Number(process.env.SSJ_BENCH_ROWS ?? 1_000_000);
  const sampleRows = Math.min(rows, Number(process.env.SSJ_BENCH_BASELINE_ROWS ?? 20_000));
  const onPglite = Boolean(process.env.SSJ_BENCH_PGLITE);
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `ssj_bench_${randomBytes(5).toString('hex')}`;
  const admin = onPglite ? null : await openDatabase({ databaseUrl: serverUrl });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (admin) {
    await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.db);
    if (process.env.SSJ_BENCH_EXPLAIN) {
      // Every statement over SSJ_BENCH_EXPLAIN ms goes to the server's log with EXPLAIN ANALYZE
      // (triggers, i.e. foreign-key checks, included): the SQL side of the split.
      for (const setting of [
        sql`session_preload_libraries = 'auto_explain'`,
        sql`auto_explain.log_min_duration = ${sql.lit(Number(process.env.SSJ_BENCH_EXPLAIN))}`,
        sql`auto_explain.log_analyze = on`,
        sql`auto_explain.log_triggers = on`,
        sql`auto_explain.log_buffers = on`,
        sql`auto_explain.log_nested_statements = on`,
      ])
        await sql`ALTER DATABASE ${sql.id(name)} SET ${setting}`.execute(admin.db);
    }
  }
  const database = await openDatabase(onPglite ? { dataDir: 'memory://' } : { databaseUrl: url.toString() });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-bench-'));
  try {
    await setUp(database);
    const file = path.join(dir, 'entities.csv');
    let t = performance.now();
    await writeCsv(file, 1, rows);
    console.log(
      `生成 ${rows.toLocaleString()} 行 CSV（${(fs.statSync(file).size / 1048576).toFixed(0)} MB）：${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    // Baseline: one INSERT statement per row (autocommit), the naive way, over a sample of rows
    // of the same shape (other codes), then extrapolated to the full row count.
    const sample: string[][] = [];
    for (let i = 0; i < sampleRows; i++) sample.push(entityLine(rows + 1 + i).split(','));
    t = performance.now();
    for (const c of sample) {
      await database.db
        .insertInto('market_entity')
        .values({
          region_code: '140581',
          uscc: c[0]!,
          name: c[1]!,
          subject_type: c[2] === '企业' ? 'enterprise' : 'individual',
          enterprise_type: null,
          reg_status: c[3]!,
          established_on: c[4]!,
          address: c[5]!,
          legal_rep: c[6]!,
          reg_authority: null,
          unit_code: c[7]!,
          industry_code: c[8]!,
          tags: c[9] ? c[9].split('、') : [],
          risk_class: (c[10] || null) as 'A' | null,
          risk_class_since: c[11] || null,
        })
        .execute();
    }
    const baselineSeconds = (performance.now() - t) / 1000;
    const baselineRate = sampleRows / baselineSeconds;
    await database.db.deleteFrom('market_entity').execute();

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const jobId = await createJob(database.db, {
      unitCode: '140581',
      kind: 'entity_import',
      fileName: 'entities.csv',
      fileBytes: fs.statSync(file).size,
      options: {},
      createdBy: null,
      createdByName: 'bench',
    });
    const firstTimings: ImportTimings = {};
    t = performance.now();
    const summary = await runImportJob(database.db, {
      timings: firstTimings,
      jobId,
      kind: 'entity_import',
      filePath: file,
      fileName: 'entities.csv',
      unitCode: '140581',
      scopeUnitCodes: ['140581', ...STATIONS],
      actor: { userId: null, name: 'bench' },
      options: { dryRun: false, validOnly: false },
      today: '2026-11-23',
    });
    const importSeconds = (performance.now() - t) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    if (summary.inserted !== rows) throw new Error(`bench: expected ${rows} inserted, got ${JSON.stringify(summary)}`);
    const importRate = rows / importSeconds;

    // The unchanged re-import, three times (its time moves by a tenth from run to run): the median
    // is the figure, all three are printed. It holds back rows while the stored fingerprints are
    // read: its peak is its own.
    let reimportPeakRss = process.memoryUsage().rss;
    const reimportSampler = setInterval(() => (reimportPeakRss = Math.max(reimportPeakRss, process.memoryUsage().rss)), 100);
    let againTimings: ImportTimings = {};
    let again: ImportSummary | null = null;
    const reimportRuns: number[] = [];
    for (let run = 0; run < 3; run++) {
      againTimings = {};
      t = performance.now();
      again = await runImportJob(database.db, {
        timings: againTimings,
        jobId: await createJob(database.db, {
          unitCode: '140581',
          kind: 'entity_import',
          fileName: 'entities.csv',
          fileBytes: null,
          options: {},
          createdBy: null,
          createdByName: 'bench',
        }),
        kind: 'entity_import',
        filePath: file,
        fileName: 'entities.csv',
        unitCode: '140581',
        scopeUnitCodes: ['140581', ...STATIONS],
        actor: { userId: null, name: 'bench' },
        options: { dryRun: false, validOnly: false },
        today: '2026-11-23',
      });
      reimportRuns.push((performance.now() - t) / 1000);
      if (again.unchanged !== rows) throw new Error(`bench: expected ${rows} unchanged, got ${JSON.stringify(again)}`);
    }
    const reimportSeconds = median(reimportRuns);
    clearInterval(reimportSampler);
    reimportPeakRss = Math.max(reimportPeakRss, process.memoryUsage().rss);

    // The anchor: the same file by COPY into a plain table (no checks, no index, no history),
    // three times (a checkpoint during one moves it by a third): the median is the anchor.
    const copyRuns: number[] = [];
    for (let run = 0; run < 3; run++) copyRuns.push(await copyIntoPlainTable(database, file));
    const copySeconds = median(copyRuns);
    const seconds = (runs: number[]) => runs.map((x) => x.toFixed(2)).join(' / ');
    console.log(
      `COPY 同一文件入无索引的纯文本表（数据库本身的速度）：中位数 ${copySeconds.toFixed(2)} s（三次：${seconds(copyRuns)} s）；` +
        `导入为其 ${(importSeconds / copySeconds).toFixed(2)} 倍（目标 ≤ 3 倍），重复导入（三次的中位数）为其 ${(reimportSeconds / copySeconds).toFixed(2)} 倍（目标 ≤ 1.5 倍）`,
    );
    // The database's own floor for the write: the imported rows into an empty copy of the table
    // with its indexes and foreign keys, by one INSERT … SELECT (no Node, no staging, no history).
    const floorSeconds = await writeIntoIndexedCopy(database);
    console.log(
      `同样的 ${rows.toLocaleString()} 行由数据库自身写入带全部索引与外键的空名录表（INSERT … SELECT，无解析校验）：${floorSeconds.toFixed(1)} s，` +
        `为 COPY 的 ${(floorSeconds / copySeconds).toFixed(1)} 倍；导入为其 ${(importSeconds / floorSeconds).toFixed(1)} 倍`,
    );
    console.log(
      `导入 ${rows.toLocaleString()} 行（解析+校验+暂存+一次性写入）：${importSeconds.toFixed(1)} s，${Math.round(importRate).toLocaleString()} 行/秒`,
    );
    console.log(
      `重复导入同一文件（未变 ${again!.unchanged.toLocaleString()} 行）：中位数 ${reimportSeconds.toFixed(2)} s（三次：${seconds(reimportRuns)} s）`,
    );
    console.log(
      `逐行 INSERT 基线：实测 ${sampleRows.toLocaleString()} 行 ${baselineSeconds.toFixed(1)} s，${Math.round(baselineRate).toLocaleString()} 行/秒` +
        (sampleRows < rows ? `；按此速率外推 ${rows.toLocaleString()} 行约 ${(rows / baselineRate).toFixed(0)} s（外推值）` : ''),
    );
    console.log(`倍数：${(importRate / baselineRate).toFixed(1)}×（目标 ≥ 20×）`);
    console.log(
      `导入期间峰值内存（RSS 采样）：${(peakRss / 1048576).toFixed(0)} MB，重复导入期间：${(reimportPeakRss / 1048576).toFixed(0)} MB（目标 ≤ 1024 MB）`,
    );
    printSplit('导入', firstTimings, importSeconds);
    printSplit('重复导入（第三次）', againTimings, reimportRuns[2]!);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await database.close();
    if (admin) {
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.db);
      await admin.close();
    }
  }
}

const PHASE_LABELS: Record<ImportPhase, string> = {
  fingerprints: '读取已存主体指纹',
  parse: '解析 CSV',
  validate: '逐行校验',
  stage: '写入暂存表',
  issues: '问题清单',
  progress: '进度写入',
  directoryCheck: '与名录库比对（区划/管辖）',
  count: '计数',
  dropUnchanged: '剔除未变行',
  diff: '差异计数',
  history: '变更历史',
  upsert: '写入名录库（ON CONFLICT，含索引维护）',
  insert: '写入新主体（含索引与外键检查）',
  audit: '审计日志',
  finish: '任务完成记录',
  cleanup: '清空暂存',
};

/** The time split of one import, by phase, with what no phase accounts for (commit, yields). */
function printSplit(label: string, timings: ImportTimings, totalSeconds: number): void {
  const total = totalSeconds * 1000;
  const parts = (Object.keys(PHASE_LABELS) as ImportPhase[]).filter((p) => timings[p] !== undefined);
  const rest = total - parts.reduce((sum, p) => sum + timings[p]!, 0);
  const cells = parts.map((p) => `${PHASE_LABELS[p]} ${(timings[p]! / 1000).toFixed(2)} s（${((timings[p]! / total) * 100).toFixed(0)}%）`);
  cells.push(`其他（提交、让出事件循环） ${(rest / 1000).toFixed(2)} s（${((rest / total) * 100).toFixed(0)}%）`);
  console.log(`${label}耗时分布：${cells.join('；')}`);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Seconds to COPY the CSV (header skipped) into a new plain table of twelve text columns. */
async function copyIntoPlainTable(database: Database, file: string): Promise<number> {
  const columns = HEADER.split(',').map((_, i) => `c${i}`);
  await sql`CREATE TABLE bench_copy (${sql.raw(columns.map((c) => `${c} text`).join(', '))})`.execute(database.db);
  const t = performance.now();
  await database.copyIn('bench_copy', columns, fs.readFileSync(file, 'utf8'), 'csv, HEADER true');
  const seconds = (performance.now() - t) / 1000;
  await sql`DROP TABLE bench_copy`.execute(database.db);
  return seconds;
}

/**
 * Seconds for the database to write the stored entities into an empty copy of `market_entity` that
 * has its indexes (LIKE … INCLUDING ALL) and its foreign keys, in key order, by one statement.
 */
async function writeIntoIndexedCopy(database: Database): Promise<number> {
  const db = database.db;
  await sql`CREATE TABLE bench_floor (LIKE market_entity INCLUDING ALL)`.execute(db);
  const keys = await sql<{ name: string; def: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
    WHERE conrelid = 'market_entity'::regclass AND contype = 'f'`.execute(db);
  for (const key of keys.rows) {
    await sql`ALTER TABLE bench_floor ADD CONSTRAINT ${sql.id(`bench_${key.name}`)} ${sql.raw(key.def)}`.execute(db);
  }
  const t = performance.now();
  await sql`INSERT INTO bench_floor SELECT * FROM market_entity ORDER BY region_code, uscc`.execute(db);
  const seconds = (performance.now() - t) / 1000;
  await sql`DROP TABLE bench_floor`.execute(db);
  return seconds;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
