// Benchmark (the draw's performance target): the verifiable draw (ssj-draw/1) over a generated frame of
// 4,000,000 entities (A 30 %, B 50 %, C 15 %, D 5 %) with a 3 % `total` allocation, end to end
// from PostgreSQL, against the non-verifiable baseline `SELECT id … WHERE class = $1 ORDER BY
// random() LIMIT n_h` per class on the same table, measured in the same run.
// Ours, in one pass (src/server/draws/frameCopy.ts, src/core/draw/frameReader.ts,
// src/server/draws/parallelTickets.ts):
//   - `COPY (SELECT id, class … ORDER BY id) TO STDOUT` streams the frame file itself
//     (`id\tclass\n`, sorted by id bytes, docs/draw-spec.md §2) in 4 MB pieces of whole lines;
//   - each piece goes to the ticket workers and, here, through FrameReader (line checks, N_h,
//     frame hash by node:crypto) at the same time;
//   - the workers keep per class the smallest tickets for the class counts the planner's
//     statistics estimate (with a margin); once the exact counts are read, the allocation
//     (docs/draw-spec.md §4) is computed, `covers` confirms the estimate sufficed (otherwise the frame is
//     hashed again with the exact counts, and the output says so) and each worker cuts its part
//     to n_h + reserve before sorting and merging.
// The ticket workers are started before the clock (a server starts them once). Ours and the
// baseline run in turn, SSJ_BENCH_ROUNDS rounds (3): the first on cold code and caches; the
// ratio printed is that of the medians, the first round's is printed too.
// Also: tickets/s on one core (same pages, one thread), peak RSS (sampled; worker threads live
// in the same process, so the RSS includes them), and inspector matching for 50,000 visits ×
// 2,000 inspectors (src/core/assignment).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench draw
//   SSJ_BENCH_DRAW_N=1000000 …   (scale; without DATABASE_URL: PGlite, 200,000 rows by default)
//   SSJ_BENCH_MATCH_VISITS / SSJ_BENCH_MATCH_INSPECTORS / SSJ_BENCH_MATCH_UNITS (matching size), SSJ_BENCH_THREADS,
//   SSJ_BENCH_ROUNDS
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database.ts';
import { allocateByRiskClass, type GroupAllocation } from '../src/core/draw/allocation.ts';
import {
  SmallestTicketSelector,
  selectionFromSmallest,
  ticketsWanted,
  ticketsWantedEstimate,
  covers,
} from '../src/core/draw/batchTickets.ts';
import { RISK_CLASSES, type RiskClass } from '../src/core/draw/frame.ts';
import { FrameReader, type FrozenFrameSummary } from '../src/core/draw/frameReader.ts';
import type { GroupSelection } from '../src/core/draw/selection.ts';
import type { AllocationSpec } from '../src/core/draw/params.ts';
import { copyFrameFile, nativeStreamingHash, storedFramePieces } from '../src/server/draws/frameCopy.ts';
import { operatorCommitment } from '../src/core/draw/seed.ts';
import { commitDrawFromBytes } from '../src/core/draw/bundle.ts';
import type { DrawParams } from '../src/core/draw/params.ts';
import { drawOnWorkers, startTicketPools } from '../src/server/draws/workerDraw.ts';
import { matchInspectors, type MatchingInspector, type MatchingVisit } from '../src/core/assignment/index.ts';
import { ParallelTicketPool, type ParallelTicketsResult } from '../src/server/draws/parallelTickets.ts';

const SPEC: AllocationSpec = { mode: 'total', ratio: '0.03' };
const SEED = 'd1'.repeat(32);
const RESERVE = 5;

// Peak RSS, sampled every 50 ms while the bench runs.
let peakRss = 0;

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
  // The table's writes are flushed now, not while the timings run (needs a superuser or
  // pg_checkpoint; without, the timings may include some of that background writing).
  await sql`CHECKPOINT`.execute(database.db).catch((error: Error) => console.log(`CHECKPOINT 未执行：${error.message}`));
}

// N_h as the planner's statistics estimate them (pg_class.reltuples × the class column's
// most-common-value frequencies): a catalog read, no scan of the table.
async function estimateClassCounts(database: Database): Promise<{ estimate: Record<RiskClass, number>; rows: number }> {
  const { rows: stats } = await sql<{ reltuples: number; vals: string | null; freqs: number[] | null }>`
    SELECT c.reltuples, s.most_common_vals::text AS vals, s.most_common_freqs AS freqs
    FROM pg_class c LEFT JOIN pg_stats s ON s.tablename = c.relname AND s.attname = 'class'
    WHERE c.oid = 'bench_frame'::regclass`.execute(database.db);
  const rows = Math.max(0, Number(stats[0]?.reltuples ?? 0));
  const estimate: Record<RiskClass, number> = { A: 0, B: 0, C: 0, D: 0, U: 0 };
  (stats[0]?.vals ?? '{}')
    .replace(/[{}]/g, '')
    .split(',')
    .forEach((v, i) => {
      if (v in estimate) estimate[v as RiskClass] = Math.round(rows * Number(stats[0]?.freqs?.[i] ?? 0));
    });
  return { estimate, rows };
}

// Inspector matching, docs/draw-spec.md §8: `units` inspecting units (counties), each with its own pool
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

interface OursRound {
  seconds: number;
  readSeconds: number;
  workersReadySeconds: number;
  rehashed: boolean;
  result: ParallelTicketsResult;
  frame: FrozenFrameSummary;
  allocation: GroupAllocation;
  selection: GroupSelection;
  sampleSize: number;
  /** The frozen frame file, as read. */
  pages: Uint8Array[];
  peakRss: number;
  rssBefore: number;
}

// --- ours: one pass. The frame file streams out of PostgreSQL by COPY; each piece is handed
// to the ticket workers and checked, counted and hashed here at the same time. The class
// counts (hence n_h) are exact only at the end, so the workers keep, per class, the smallest
// tickets for the counts the planner's statistics estimate, with a margin
// (ticketsWantedEstimate); once the counts are known, `covers` tells whether that was enough
// and each worker cuts its part to the exact n_h + reserve. If it was not (the estimate far
// off), the frame is hashed again with the exact counts — reported. The ticket workers are
// started first, as a server does once when it starts (a worker is a fresh isolate loading
// the TypeScript engine: ~0.5 s idle, more under load) and keeps for its draws; their
// start-up is reported but not counted in the draw.
async function oursOnce(database: Database, rows: number, threads: number): Promise<OursRound> {
  const rssBefore = process.memoryUsage().rss;
  peakRss = rssBefore;
  let t = performance.now();
  const pool = new ParallelTicketPool(threads);
  await pool.ready();
  const workersReadySeconds = seconds(t);
  const started = performance.now();
  t = started;
  const { estimate, rows: estimatedRows } = await estimateClassCounts(database);
  const kept = ticketsWantedEstimate(SPEC, estimate, Math.ceil(estimatedRows * 1.5) + 1000, RESERVE);
  pool.start('sm3', SEED, kept);
  const reader = new FrameReader('sm3', nativeStreamingHash('sm3'));
  const pages: Uint8Array[] = [];
  let readSeconds = NaN;
  let result;
  let frame;
  let allocation;
  let wanted;
  try {
    for await (const piece of copyFrameFile(database, 'SELECT id, class FROM bench_frame ORDER BY id')) {
      pool.submitText(piece); // copied into one piece per worker; kept here as the frozen file
      reader.update(piece);
      pages.push(piece);
    }
    readSeconds = seconds(t);
    frame = reader.finish();
    allocation = allocateByRiskClass(SPEC, frame.counts);
    wanted = ticketsWanted(allocation, RESERVE);
    // Each worker cuts its part to the exact n_h + reserve before sorting it.
    result = await pool.finish(covers(kept, wanted) ? wanted : undefined); // stops the workers
  } finally {
    await pool.close();
  }
  let smallest = result.smallest; // cut to the exact n_h + reserve by the workers
  let rehashed = false;
  if (!covers(kept, wanted)) {
    const again = new SmallestTicketSelector('sm3', SEED, wanted);
    for (const page of pages) again.addText(page);
    smallest = again.result();
    rehashed = true;
  }
  const selection = selectionFromSmallest('G1', allocation, smallest);
  const oursSeconds = seconds(started);
  if (frame.rows !== rows) throw new Error(`bench: froze ${frame.rows} rows, expected ${rows}`);
  if (result.count !== rows) throw new Error(`bench: hashed ${result.count} tickets, expected ${rows}`);
  const sampleSize = RISK_CLASSES.reduce((s, h) => s + (allocation[h]?.n ?? 0), 0);
  if (selection.sample.length !== sampleSize) throw new Error('bench: sample size differs from the allocation');
  return {
    seconds: oursSeconds,
    readSeconds,
    workersReadySeconds,
    rehashed,
    result,
    frame,
    allocation,
    selection,
    sampleSize,
    pages,
    peakRss,
    rssBefore,
  };
}

// --- baseline: ORDER BY random() LIMIT n_h per class, same table, same n_h.
async function baselineOnce(database: Database, allocation: GroupAllocation, sampleSize: number): Promise<number> {
  const t = performance.now();
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
  return baselineSeconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function run(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const rows = Number(process.env.SSJ_BENCH_DRAW_N ?? (serverUrl ? 4_000_000 : 200_000));
  const threads = Number(process.env.SSJ_BENCH_THREADS ?? os.availableParallelism());
  const rounds = Math.max(1, Number(process.env.SSJ_BENCH_ROUNDS ?? 3));
  peakRss = process.memoryUsage().rss;
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
    const t = performance.now();
    await createFrameTable(database, rows);
    console.log(`生成抽查名录表 ${rows.toLocaleString()} 行（${database.engine}）：${seconds(t).toFixed(1)} s`);

    // Rounds: ours, then the baseline, in turn (SSJ_BENCH_ROUNDS, 3 by default). The first
    // round runs on cold code and caches; the ratio is that of the medians, and every round
    // is printed.
    const ours: OursRound[] = [];
    const baseline: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const previous = ours[ours.length - 1];
      if (previous) previous.pages = []; // only the last round's frame file is kept
      const o = await oursOnce(database, rows, threads);
      if (previous && (JSON.stringify(previous.selection) !== JSON.stringify(o.selection) || previous.frame.hash !== o.frame.hash))
        throw new Error('bench: two rounds of the same draw differ');
      ours.push(o);
      const b = await baselineOnce(database, o.allocation, o.sampleSize);
      baseline.push(b);
      console.log(
        `第 ${round} 轮：本方案 ${o.seconds.toFixed(2)} s（读完名录 ${o.readSeconds.toFixed(2)} s，各工作线程忙 ${o.result.busyMs.map((ms) => (ms / 1000).toFixed(2)).join(' / ')} s${o.rehashed ? '；估计的分类计数不足，已按实际计数重算签号' : ''}；工作线程启动 ${o.workersReadySeconds.toFixed(2)} s 不计入），基线 ${b.toFixed(2)} s，倍数 ${(o.seconds / b).toFixed(2)}×`,
      );
    }
    const last = ours[ours.length - 1]!;
    const { frame, allocation, selection, pages, sampleSize } = last;

    // --- one thread over the same pages with the exact counts (selection included): tickets/s
    // per core, and the check that the one-pass result is the plain one
    const wanted = ticketsWanted(allocation, RESERVE);
    const single = new SmallestTicketSelector('sm3', SEED, wanted);
    const singleStarted = performance.now();
    for (const page of pages) single.addText(page);
    const singleSelection = selectionFromSmallest('G1', allocation, single.result());
    const singleSeconds = seconds(singleStarted);
    if (JSON.stringify(singleSelection) !== JSON.stringify(selection))
      throw new Error('bench: one-pass parallel and single-thread selections differ');
    const perCore = rows / singleSeconds;

    const oursMedian = median(ours.map((o) => o.seconds));
    const baselineMedian = median(baseline);
    console.log(
      `分类计数：${RISK_CLASSES.map((h) => `${h} ${frame.counts[h].toLocaleString()}`).join('，')}；3% total 分配：${RISK_CLASSES.map((h) => `${h} ${allocation[h]?.n ?? 0}`).join('，')}（共 ${sampleSize}，每类备选 ${RESERVE}）`,
    );
    console.log(`名录哈希 SM3 ${frame.hash.slice(0, 16)}…，COPY 读出 ${pages.length} 段（每段约 4 MB）`);
    console.log(
      `本方案端到端（COPY 读名录 + 校验计数哈希 + ${last.result.threads} 个工作线程签号选取，一遍完成）：中位数 ${oursMedian.toFixed(2)} s（${rounds} 轮：${ours.map((o) => o.seconds.toFixed(2)).join(' / ')}）`,
    );
    console.log(
      `基线 ORDER BY random() LIMIT n_h（逐类 ${RISK_CLASSES.filter((h) => allocation[h]?.n).length} 条查询）：中位数 ${baselineMedian.toFixed(2)} s（${rounds} 轮：${baseline.map((b) => b.toFixed(2)).join(' / ')}）`,
    );
    console.log(
      `倍数 本方案/基线：${(oursMedian / baselineMedian).toFixed(2)}×（中位数之比；目标 ≤ 1.0×）；第 1 轮（冷启动）${(ours[0]!.seconds / baseline[0]!).toFixed(2)}×`,
    );
    console.log(
      `单核签号速度（SM3，含分类选取，单线程重算同一名录）：${(perCore / 1e6).toFixed(2)} M/s（目标 ≥ 1.5 M/s）；端到端合计 ${(rows / oursMedian / 1e6).toFixed(2)} M/s（${threads} 核）`,
    );
    console.log(
      `本方案期间峰值内存（RSS 采样，含工作线程）：${mb(Math.max(...ours.map((o) => o.peakRss)))}（开始时 ${mb(ours[0]!.rssBefore)}；目标 ≤ 1024 MB）；工作线程堆：${last.result.heapBytes.map(mb).join(' / ')}`,
    );

    // --- the product's ceremony on this frame (drawCommands.ts runCeremony → workerDraw.ts): the
    // frozen frame file as stored in draw_group_file.frame (text), with an exclusions file of
    // every 100th object, streamed back (binary COPY) and drawn as it arrives — frame checked,
    // counted and hashed, commit checked, tickets on worker threads started for this draw
    // (counted; started before the read, as runCeremony does), the excluded ids skipped by the
    // workers. Measured once: the ceremony runs once per draw, so this is its cold figure; the
    // former reading (the whole text first) is measured after it for comparison.
    const frameText = Buffer.concat(pages).toString('utf8');
    const excludedIds: string[] = [];
    for (let at = 0, line = 0; at < frameText.length; at = frameText.indexOf('\n', at) + 1, line++)
      if (line % 100 === 0) excludedIds.push(frameText.slice(at, frameText.indexOf('\t', at)));
    const excludedText = excludedIds.map((id) => `${id}\t非存续（注销）\t登记状态 2026-01-05\n`).join('');
    await sql`CREATE TABLE bench_group_file (frame text NOT NULL, exclusions text NOT NULL)`.execute(database.db);
    await sql`INSERT INTO bench_group_file VALUES (${frameText}, ${excludedText})`.execute(database.db);
    const operatorValue = 'e5'.repeat(32);
    const params: DrawParams = {
      spec: 'ssj-draw/1',
      hash: 'sm3',
      task: 'BENCH-2026-001-1',
      year: 2026,
      groups: [{ code: 'G1', items: ['SJ-BENCH-01'], allocation: SPEC, reserve: RESERVE }],
      sources: [
        { kind: 'dice', name: '现场骰子' },
        { kind: 'operator', name: '平台服务器随机数', commitment: operatorCommitment('sm3', operatorValue) },
      ],
    };
    // The commit and eligible N_h, as recorded when the frame was frozen (not timed).
    const committed = commitDrawFromBytes(params, [{ code: 'G1', frame: frameText, exclusions: excludedText }], nativeStreamingHash);
    const recordedCommit = committed.commit;
    const recordedCounts = committed.groups[0]!.counts;
    const drawnInput = (frame: string | AsyncIterable<Uint8Array>, exclusions: string) => ({
      params,
      groups: [{ code: 'G1', frame, exclusions }],
      committedAt: '2026-01-05T02:00:00.000Z',
      sources: [
        { kind: 'dice' as const, name: '现场骰子', value: '31415926535897932384' },
        { kind: 'operator' as const, name: '平台服务器随机数', value: operatorValue },
      ],
      recordedCommit,
    });
    // As runCeremony on PostgreSQL: the ticket workers are started first; the frame file streams
    // out of the database (binary COPY, storedFramePieces) while the workers hash it.
    peakRss = process.memoryUsage().rss;
    const ceremonyStarted = performance.now();
    const pools = startTicketPools(1, threads);
    const { exclusions } = (await sql<{ exclusions: string }>`SELECT exclusions FROM bench_group_file`.execute(database.db)).rows[0]!;
    const drawn = await drawOnWorkers(
      drawnInput(storedFramePieces(database, 'SELECT frame FROM bench_group_file'), exclusions),
      threads,
      [recordedCounts],
      pools,
    );
    const ceremonySeconds = seconds(ceremonyStarted);
    const ceremonyRss = peakRss;
    // The same draw as it was read before (the whole frame text first, then drawn), measured
    // next in the same run for comparison (it runs second, on warmer caches).
    peakRss = process.memoryUsage().rss;
    const textStarted = performance.now();
    const textPools = startTicketPools(1, threads);
    const stored = (await sql<{ frame: string; exclusions: string }>`SELECT frame, exclusions FROM bench_group_file`.execute(database.db))
      .rows[0]!;
    const readStoredSeconds = seconds(textStarted);
    const fromText = await drawOnWorkers(drawnInput(stored.frame, stored.exclusions), threads, [recordedCounts], textPools);
    const textSeconds = seconds(textStarted);
    const textRss = peakRss;
    if (JSON.stringify(fromText) !== JSON.stringify(drawn)) throw new Error('bench: the streamed and the text ceremony differ');
    const drawnSize = RISK_CLASSES.reduce((sum, h) => sum + (drawn.allocation[0]!.classes[h]?.n ?? 0), 0);
    if (drawn.sample.length !== drawnSize || drawnSize === 0) throw new Error('bench: ceremony sample size differs from its allocation');
    const excluded = new Set(excludedIds);
    if (drawn.sample.some((e) => excluded.has(e.id))) throw new Error('bench: ceremony drew an excluded object');
    console.log(
      `产品摇号（runCeremony 大名录路径：本次启动 ${threads} 个工作线程，已冻结的名录文件以二进制 COPY 流式读出，边读边校验计数哈希、核对承诺，同时各工作线程以记录的承诺推得种子签号并跳过排除名单 ${excludedIds.length.toLocaleString()} 户）：${ceremonySeconds.toFixed(2)} s，为基线中位数的 ${(ceremonySeconds / baselineMedian).toFixed(2)}×（目标 ≤ 1.0×；对第 1 轮冷启动基线 ${(ceremonySeconds / baseline[0]!).toFixed(2)}×）；抽中 ${drawnSize.toLocaleString()} 户；峰值内存 ${mb(ceremonyRss)}`,
    );
    console.log(
      `对照：先读出整个名录文本（${readStoredSeconds.toFixed(2)} s）再抽取：${textSeconds.toFixed(2)} s，基线中位数的 ${(textSeconds / baselineMedian).toFixed(2)}×；峰值内存 ${mb(textRss)}；结果与流式相同`,
    );
  } finally {
    await database.close();
    if (admin) {
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.db);
      await admin.close();
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }

  // --- inspector matching (docs/draw-spec.md §8): the target size with per-county pools (each county
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
