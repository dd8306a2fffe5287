// Benchmark (issue 5 Performance): the verifiable draw (ssj-draw/1) over a generated frame of
// 4,000,000 entities (A 30 %, B 50 %, C 15 %, D 5 %) with a 3 % `total` allocation, end to end
// from PostgreSQL, against the non-verifiable baseline `SELECT id … WHERE class = $1 ORDER BY
// random() LIMIT n_h` per class on the same table, measured in the same run.
//   freeze frame: keyset-paged SELECTs (200k rows each) return the frame file text itself
//                 (`id\tclass\n`, sorted by id bytes, draw-spec §2); counts per class and the
//                 frame hash are computed while the next page is being read.
//   draw:         allocation (draw-spec §4) from the counts, then tickets + per-class
//                 selection over worker threads (src/server/draws/parallelTickets.ts).
// Also: tickets/s on one core (same pages, one thread), peak RSS (sampled; worker threads live
// in the same process, so the RSS includes them), and inspector matching for 50,000 visits ×
// 2,000 inspectors (src/core/assignment).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench draw
//   SSJ_BENCH_DRAW_N=1000000 …   (scale; without DATABASE_URL: PGlite, 200,000 rows by default)
//   SSJ_BENCH_MATCH_VISITS / SSJ_BENCH_MATCH_INSPECTORS / SSJ_BENCH_MATCH_UNITS (matching size)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database.ts';
import { allocateByRiskClass } from '../src/core/draw/allocation.ts';
import { SmallestTicketSelector, packFrameText, selectionFromSmallest, ticketsWanted } from '../src/core/draw/batchTickets.ts';
import { RISK_CLASSES, type RiskClass } from '../src/core/draw/frame.ts';
import { bytesToHex } from '../src/core/hash/index.ts';
import { createStreamingHash } from '../src/core/hash/streaming.ts';
import { matchInspectors, type MatchingInspector, type MatchingVisit } from '../src/core/assignment/index.ts';
import { ParallelTicketPool } from '../src/server/draws/parallelTickets.ts';

const PAGE_ROWS = 200_000;
const READ_CONCURRENCY = 3;
const SEED = 'd1'.repeat(32);
const RESERVE = 5;

const seconds = (since: number) => (performance.now() - since) / 1000;
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;

async function createFrameTable(database: Database, rows: number): Promise<void> {
  // The class rides in the primary key index (INCLUDE) so the frame is read by an index-only
  // scan in id order; the baseline's per-class scans are not slowed by it.
  await sql`CREATE TABLE bench_frame (id text COLLATE "C" NOT NULL, class char(1) NOT NULL, PRIMARY KEY (id) INCLUDE (class))`.execute(
    database.db,
  );
  // USCC-shaped 18-character ids; rows inserted in hash order so the table is not physically
  // sorted by id (as a real directory is not). Class mix A 30 %, B 50 %, C 15 %, D 5 %.
  const step = 1_000_000;
  for (let from = 1; from <= rows; from += step) {
    const to = Math.min(rows, from + step - 1);
    await sql`
      INSERT INTO bench_frame (id, class)
      SELECT '9114058' || lpad(g::text, 10, '0') || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', 1 + (g % 31), 1),
             CASE WHEN h < 30 THEN 'A' WHEN h < 80 THEN 'B' WHEN h < 95 THEN 'C' ELSE 'D' END
      FROM (SELECT g, abs(hashint4(g)) % 100 AS h FROM generate_series(${from}::int, ${to}::int) g) s
      ORDER BY hashint4(g + 7)`.execute(database.db);
  }
  await sql`VACUUM ANALYZE bench_frame`.execute(database.db);
}

interface FrozenFrame {
  pages: Uint8Array[];
  counts: Record<RiskClass, number>;
  rows: number;
  hash: string;
}

// Page boundaries from a small block sample (TABLESAMPLE SYSTEM reads ~0.5 % of the table's
// blocks): the ranges (b_k, b_k+1] always cover every id exactly once, however uneven the
// sample; it only decides how big each page is.
async function pageBoundaries(database: Database, rows: number): Promise<string[]> {
  const pages = Math.max(1, Math.ceil(rows / PAGE_ROWS));
  if (pages === 1) return [];
  const { rows: sample } = await sql<{
    id: string;
  }>`SELECT id FROM bench_frame TABLESAMPLE SYSTEM (0.5) REPEATABLE (1) ORDER BY id`.execute(database.db);
  const bounds: string[] = [];
  for (let k = 1; k < pages; k++) {
    const id = sample[Math.floor((sample.length * k) / pages)]?.id;
    if (id !== undefined && id !== bounds[bounds.length - 1]) bounds.push(id);
  }
  return bounds;
}

// Reads the frame file in id ranges, READ_CONCURRENCY at a time: each round trip returns one
// page of the file as text. Pages are hashed, counted and checked in order as they arrive.
async function freezeFrame(database: Database, rowsHint: number): Promise<FrozenFrame> {
  const bounds = await pageBoundaries(database, rowsHint);
  const ranges = [null, ...bounds].map((from, k) => ({ from, to: bounds[k] ?? null }));
  // Two aggregates (ids joined by newlines, classes as one string) cost PostgreSQL half of
  // concatenating `id\tclass\n` per row; the file text is assembled here, in one pass.
  const readPage = ({ from, to }: { from: string | null; to: string | null }) =>
    sql<{ ids: string | null; classes: string | null; n: string }>`
      SELECT string_agg(id, E'\n') AS ids, string_agg(class::text, '') AS classes, count(*) AS n
      FROM (SELECT id, class FROM bench_frame
            WHERE ${from === null ? sql`true` : sql`id > ${from}`} AND ${to === null ? sql`true` : sql`id <= ${to}`}
            ORDER BY id) page`.execute(database.db);
  const inFlight = ranges.slice(0, READ_CONCURRENCY).map(readPage);
  const encoder = new TextEncoder();
  const hash = createStreamingHash('sm3');
  const counts: Record<RiskClass, number> = { A: 0, B: 0, C: 0, D: 0, U: 0 };
  const pages: Uint8Array[] = [];
  let rows = 0;
  let previous: Uint8Array = new Uint8Array(0);
  for (let k = 0; k < ranges.length; k++) {
    const {
      rows: [page],
    } = await inFlight[k]!;
    if (k + READ_CONCURRENCY < ranges.length) inFlight.push(readPage(ranges[k + READ_CONCURRENCY]!));
    if (!page?.ids || !page.classes) continue;
    const bytes = frameText(encoder.encode(page.ids), page.classes);
    // string_agg keeps the order of its sorted subquery (PostgreSQL does, without promising
    // it): check that ids strictly ascend (draw-spec §2) rather than trust it.
    previous = checkAndCount(bytes, previous, counts);
    hash.update(bytes);
    pages.push(bytes);
    rows += Number(page.n);
  }
  return { pages, counts, rows, hash: bytesToHex(hash.digest()) };
}

// `id\tclass\n` lines from newline-separated ids and one class letter per id.
function frameText(ids: Uint8Array, classes: string): Uint8Array {
  const out = new Uint8Array(ids.length + 1 + 2 * classes.length);
  let at = 0;
  let line = 0;
  for (let i = 0; i < ids.length; i++) {
    const b = ids[i]!;
    if (b === 0x0a) {
      out[at++] = 0x09;
      out[at++] = classes.charCodeAt(line++);
    }
    out[at++] = b;
  }
  out[at++] = 0x09;
  out[at++] = classes.charCodeAt(line++);
  out[at++] = 0x0a;
  if (line !== classes.length || at !== out.length) throw new Error('bench: ids and classes of a page do not line up');
  return out;
}

// Counts classes and checks byte order of the ids in one pass; returns the last id.
function checkAndCount(bytes: Uint8Array, previous: Uint8Array, counts: Record<RiskClass, number>): Uint8Array {
  let prevStart = 0;
  let prevEnd = 0;
  let prevBytes = previous;
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    const end = i - 2; // id ends at the TAB
    counts[String.fromCharCode(bytes[i - 1]!) as RiskClass]++;
    if (
      prevBytes === previous
        ? previous.length > 0 && compareRange(previous, 0, previous.length, bytes, start, end) >= 0
        : compareRange(bytes, prevStart, prevEnd, bytes, start, end) >= 0
    ) {
      throw new Error(`bench: frame ids not strictly ascending near byte ${start}`);
    }
    prevBytes = bytes;
    prevStart = start;
    prevEnd = end;
    start = i + 1;
  }
  return prevBytes === previous ? previous : bytes.slice(prevStart, prevEnd);
}

function compareRange(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): number {
  const n = Math.min(ae - as, be - bs);
  for (let i = 0; i < n; i++) {
    const d = a[as + i]! - b[bs + i]!;
    if (d !== 0) return d;
  }
  return ae - as - (be - bs);
}

// Inspector matching, draw-spec §8: `units` inspecting units (counties), each with its own pool
// (80 % enforcement officers, 20 % experts) and its share of the visits, a few recusals.
function matchingInput(visitCount: number, inspectorCount: number, units: number) {
  const inspectors: MatchingInspector[] = Array.from({ length: inspectorCount }, (_, i) => ({
    code: `P${String(i).padStart(5, '0')}`,
    unit: `U${i % units}`,
    category: Math.floor(i / units) % 5 === 4 ? 'expert' : 'enforcement',
    drawable: true,
    qualifications: i % 3 === 0 ? ['食品'] : [],
    recusals: [`9114058${String(i * 13).padStart(10, '0')}X`],
  }));
  const visits: MatchingVisit[] = Array.from({ length: visitCount }, (_, v) => ({
    id: `9114058${String(v * 13).padStart(10, '0')}X`,
    items: ['I1'],
    inspectingUnit: `U${v % units}`,
  }));
  const perInspector = Math.ceil((2 * visitCount) / inspectorCount);
  return { hash: 'sm3' as const, seed: SEED, visits, inspectors, capPerInspector: perInspector + 2 };
}

export async function run(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const rows = Number(process.env.SSJ_BENCH_DRAW_N ?? (serverUrl ? 4_000_000 : 200_000));
  const threads = os.availableParallelism();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);

  const name = `ssj_bench_${randomBytes(5).toString('hex')}`;
  let admin: Database | null = null;
  let database: Database;
  let dataDir: string | null = null;
  if (serverUrl) {
    admin = await openDatabase({ databaseUrl: serverUrl });
    await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.db);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    database = await openDatabase({ databaseUrl: url.toString() });
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-bench-draw-'));
    database = await openDatabase({ dataDir });
    console.log(`未设置 DATABASE_URL：改用内嵌 PGlite，默认 ${rows.toLocaleString()} 行（PostgreSQL 上默认 4,000,000 行）`);
  }
  try {
    let t = performance.now();
    await createFrameTable(database, rows);
    console.log(`生成抽查名录表 ${rows.toLocaleString()} 行（${database.engine}）：${seconds(t).toFixed(1)} s`);

    // --- ours: freeze frame, then allocation + tickets + selection over worker threads
    const rssBefore = process.memoryUsage().rss;
    peakRss = rssBefore;
    const started = performance.now();
    t = started;
    // Ticket workers start while the frame is read (a server keeps such a pool warm).
    const pool = new ParallelTicketPool(threads);
    let workersReadySeconds = NaN;
    void pool.ready().then(
      () => (workersReadySeconds = seconds(started)),
      () => undefined,
    );
    const frame = await freezeFrame(database, rows).catch(async (error: unknown) => {
      await pool.close();
      throw error;
    });
    const freezeSeconds = seconds(t);
    if (frame.rows !== rows) throw new Error(`bench: froze ${frame.rows} rows, expected ${rows}`);

    t = performance.now();
    const allocation = allocateByRiskClass({ mode: 'total', ratio: '0.03' }, frame.counts);
    const wanted = ticketsWanted(allocation, RESERVE);
    pool.start('sm3', SEED, wanted);
    for (const page of frame.pages) pool.submitText(page); // copied into per-worker pieces, kept for the measure below
    const result = await pool.finish(); // stops the workers, also on failure
    const mergedAt = performance.now();
    const selection = selectionFromSmallest('G1', allocation, result.smallest);
    const presentSeconds = seconds(mergedAt);
    const drawSeconds = seconds(t);
    const oursSeconds = seconds(started);
    const oursPeakRss = peakRss;
    if (result.count !== rows) throw new Error(`bench: hashed ${result.count} tickets, expected ${rows}`);
    const sampleSize = RISK_CLASSES.reduce((s, h) => s + (allocation[h]?.n ?? 0), 0);
    if (selection.sample.length !== sampleSize) throw new Error('bench: sample size differs from the allocation');

    // --- single-thread tickets/s over the same pages (packing excluded, selection included)
    const single = new SmallestTicketSelector('sm3', SEED, wanted);
    let singleMs = 0;
    for (const page of frame.pages) {
      const packed = packFrameText(page);
      const s = performance.now();
      single.add(packed);
      singleMs += performance.now() - s;
    }
    const singleSelection = selectionFromSmallest('G1', allocation, single.result());
    if (JSON.stringify(singleSelection) !== JSON.stringify(selection))
      throw new Error('bench: parallel and single-thread selections differ');
    const perCore = rows / (singleMs / 1000);

    // --- baseline: ORDER BY random() LIMIT n_h per class, same table, same n_h
    t = performance.now();
    let baselineRows = 0;
    for (const h of RISK_CLASSES) {
      const n = allocation[h]?.n ?? 0;
      if (n === 0) continue;
      const { rows: picked } = await sql<{
        id: string;
      }>`SELECT id FROM bench_frame WHERE class = ${h} ORDER BY random() LIMIT ${n}`.execute(database.db);
      baselineRows += picked.length;
    }
    const baselineSeconds = seconds(t);
    if (baselineRows !== sampleSize) throw new Error('bench: baseline sample size differs');

    console.log(
      `分类计数：${RISK_CLASSES.map((h) => `${h} ${frame.counts[h].toLocaleString()}`).join('，')}；3% total 分配：${RISK_CLASSES.map((h) => `${h} ${allocation[h]?.n ?? 0}`).join('，')}（共 ${sampleSize}，每类备选 ${RESERVE}）`,
    );
    console.log(`名录哈希 SM3 ${frame.hash.slice(0, 16)}…，${frame.pages.length} 页`);
    console.log(`冻结名录（分页读取 + 计数 + 名录哈希）：${freezeSeconds.toFixed(2)} s`);
    console.log(
      `分配 + 签号 + 分类选取（${result.threads} 个工作线程，各线程忙 ${result.busyMs.map((ms) => (ms / 1000).toFixed(2)).join(' / ')} s，其中生成样本记录 ${presentSeconds.toFixed(2)} s）：${drawSeconds.toFixed(2)} s`,
    );
    console.log(`本方案端到端：${oursSeconds.toFixed(2)} s（工作线程在冻结名录的同时启动，${workersReadySeconds.toFixed(2)} s 后就绪）`);
    console.log(
      `基线 ORDER BY random() LIMIT n_h（逐类 ${RISK_CLASSES.filter((h) => allocation[h]?.n).length} 条查询）：${baselineSeconds.toFixed(2)} s`,
    );
    console.log(
      `倍数 本方案/基线：${(oursSeconds / baselineSeconds).toFixed(2)}×（目标 ≤ 1.0×）；仅抽取阶段/基线：${(drawSeconds / baselineSeconds).toFixed(2)}×`,
    );
    console.log(
      `单核签号速度（SM3，含分类选取）：${(perCore / 1e6).toFixed(2)} M/s（目标 ≥ 1.5 M/s）；并行合计 ${(rows / drawSeconds / 1e6).toFixed(2)} M/s（${threads} 核）`,
    );
    console.log(
      `本方案期间峰值内存（RSS 采样，含工作线程）：${mb(oursPeakRss)}（开始时 ${mb(rssBefore)}；目标 ≤ 1024 MB）；工作线程堆：${result.heapBytes.map(mb).join(' / ')}`,
    );
  } finally {
    await database.close();
    if (admin) {
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.db);
      await admin.close();
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }

  // --- inspector matching (draw-spec §8): the issue's size with per-county pools (each county
  // staffs its own visits, 市抽县查), then one shared pool (交叉互查-like, every pair eligible)
  // at a size the current solver keeps in memory: all pair costs are computed and held.
  const visitCount = Number(process.env.SSJ_BENCH_MATCH_VISITS ?? 50_000);
  const inspectorCount = Number(process.env.SSJ_BENCH_MATCH_INSPECTORS ?? 2_000);
  const units = Number(process.env.SSJ_BENCH_MATCH_UNITS ?? 100);
  for (const [v, i, u] of [
    [visitCount, inspectorCount, units],
    [Math.min(visitCount, 5_000), Math.min(inspectorCount, 500), 1],
  ] as const) {
    const input = matchingInput(v, i, u);
    peakRss = process.memoryUsage().rss;
    const t = performance.now();
    const matched = matchInspectors(input);
    const matchSeconds = seconds(t);
    if (!('assignments' in matched)) throw new Error(`bench: matching infeasible: ${JSON.stringify(matched.infeasible.slice(0, 3))}`);
    const pools = u === 1 ? '1 个共用人员库' : `${u} 个检查单位各自的人员库，每库 ${Math.round(i / u)} 人`;
    console.log(
      `人员匹配 ${v.toLocaleString()} 户 × ${i.toLocaleString()} 人（${pools}，每人上限 ${input.capPerInspector}，候选对 ${((v * i) / u / 1e6).toFixed(1)} M）：${matchSeconds.toFixed(1)} s，峰值内存 ${mb(Math.max(peakRss, process.memoryUsage().rss))}`,
    );
  }
  clearInterval(sampler);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
