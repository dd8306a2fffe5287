// Benchmark (inspector matching, docs/draw-spec.md §8): the product's matching as the server runs
// it (matchInspectorsParallel, src/server/draws/parallelMatching.ts: eligibility, the seed's random
// costs — on worker threads for a pool of ten million pairs or more —, each pool's fair share with its
// maximum-flow checks, the exact minimum-cost assignment) against a maximum-flow feasibility check of the same instance
// (the same eligible pairs, no costs, given as each unit's people minus each visit's 回避 and
// checked on the fly: implicitFlow.ts), measured in the same run. The matching must compute one
// SM3 cost per eligible pair and the feasibility check none, so the time of the costs alone (from
// a sample) is printed beside them — the hash floor, on one core and on every core (the same sample
// on each of the matching's threads at once) — with the ratios matching ÷ maximum flow and
// matching ÷ hash floor; also the matching's CPU time (all threads), the process's peak RSS and the
// load average (other work on the machine inflates wall times).
// Sizes: 50,000 visits × 2,000 inspectors in 100 per-county pools (市抽县查), 5,000 × 500 in one
// pool; a dense single pool of 50,000 × 2,000 (a city-wide 跨区域 pool, 10⁸ pairs) only with
// SSJ_BENCH_MATCH_DENSE=1 (with SSJ_BENCH_MATCH_SINGLE=1 also the single-thread matchInspectors on
// it, for the same answer and its times). Loads are printed (largest load against the fair-share cap).
//
//   npm run bench matching
//   SSJ_BENCH_MATCH_VISITS / SSJ_BENCH_MATCH_INSPECTORS / SSJ_BENCH_MATCH_UNITS, SSJ_BENCH_MATCH_DENSE=1,
//   SSJ_BENCH_MATCH_SINGLE=1
import {
  matchInspectors,
  type MatchingInput,
  type MatchingInspector,
  type MatchingVisit,
  implicitStaffingFeasible,
  type ImplicitStaffingProblem,
} from '../src/core/assignment/index.ts';
import { TAGS, encodeTagged } from '../src/core/draw/encoding.ts';
import { makePartHasher } from '../src/core/hash/prefixed.ts';
import { SM3X4_MAX_BLOCKS, createSm3x4 } from '../src/core/hash/sm3x4.ts';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { MAX_MATCHING_THREADS, matchInspectorsParallel } from '../src/server/draws/parallelMatching.ts';

const SEED = 'd1'.repeat(32);
const seconds = (since: number) => (performance.now() - since) / 1000;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

// `units` inspecting units, each with its own pool (80 % enforcement officers, 20 % experts) and
// its share of the visits; every inspector declares one business (回避), every fifth a 辖区.
function matchingInput(visitCount: number, inspectorCount: number, units: number): MatchingInput {
  const id = (n: number) => `9114058${String(n * 13).padStart(10, '0')}X`;
  const inspectors: MatchingInspector[] = Array.from({ length: inspectorCount }, (_, i) => ({
    code: `P${String(i).padStart(5, '0')}`,
    unit: `U${i % units}`,
    category: Math.floor(i / units) % 5 === 4 ? 'expert' : 'enforcement',
    drawable: true,
    qualifications: [],
    recusals: i % 5 === 0 ? [id(i), { unitCode: `S${i % 7}`, reason: '本人网格' }] : [id(i)],
  }));
  const visits: MatchingVisit[] = Array.from({ length: visitCount }, (_, v) => ({
    id: id(v),
    items: ['I1'],
    inspectingUnit: `U${v % units}`,
    unitPath: [`U${v % units}`, `S${v % 11}`],
  }));
  return { hash: 'sm3', seed: SEED, visits, inspectors, fairShare: true };
}

/**
 * The same eligible pairs as the matching sees (pool, 回避, experts second only), without costs
 * and without listing them: each unit's people of each kind, minus each visit's 回避 (found
 * through the declarations, not pair by pair), checked on the fly by the maximum flow.
 */
function feasibilityProblem(input: MatchingInput, caps: Map<string, number>): ImplicitStaffingProblem {
  const sorted = (xs: number[]) => Int32Array.from(xs).sort();
  const byUnit = new Map<string, { enforcement: number[]; experts: number[] }>();
  const byObject = new Map<string, number[]>();
  const areaRecusers: number[] = [];
  input.inspectors.forEach((p, i) => {
    const unit = byUnit.get(p.unit) ?? { enforcement: [], experts: [] };
    (p.category === 'enforcement' ? unit.enforcement : unit.experts).push(i);
    byUnit.set(p.unit, unit);
    for (const r of p.recusals) {
      if (typeof r === 'string') byObject.set(r, [...(byObject.get(r) ?? []), i]);
      else if (r.unitCode) areaRecusers.push(i);
    }
  });
  const bases = new Map(
    [...byUnit].map(([u, { enforcement, experts }]) => [u, { enforcement: sorted(enforcement), experts: sorted(experts) }]),
  );
  const recused = (p: MatchingInspector, v: MatchingVisit) =>
    p.recusals.some((r) => (typeof r === 'string' ? r === v.id : !!r.unitCode && !!v.unitPath?.includes(r.unitCode)));
  const empty = new Int32Array(0);
  return {
    caps: input.inspectors.map((p) => caps.get(p.unit) ?? Infinity),
    visits: input.visits.map((v) => {
      const base = bases.get(v.inspectingUnit) ?? { enforcement: empty, experts: empty };
      const out = [...(byObject.get(v.id) ?? []), ...areaRecusers].filter((i) => recused(input.inspectors[i]!, v));
      const list = (b: Int32Array) => ({ base: b, excluded: sorted([...new Set(out)].filter((i) => b.includes(i))) });
      return { enforcement: list(base.enforcement), secondOnly: list(base.experts) };
    }),
  };
}

/**
 * Seconds for `count` costs c(o, i) alone on one core, from a sample: one SM3 compression per
 * pair (a USCC and a short code fit the last block), four at a time on the WebAssembly lanes as
 * the matching computes them (scalar where the lanes are missing). The floor of any matching
 * that computes every pair's cost once.
 */
function hashSeconds(count: number): number {
  const lanes = createSm3x4();
  const sample = 2_000_000;
  const t = performance.now();
  if (lanes) {
    lanes.blocks.fill(0x5c5c5c5c);
    for (let done = 0; done < sample; done += SM3X4_MAX_BLOCKS) lanes.compress(SM3X4_MAX_BLOCKS);
  } else {
    const hasher = makePartHasher('sm3', encodeTagged(TAGS.assign, [SEED]));
    const o = new TextEncoder().encode('91140580000000013X');
    const i = new TextEncoder().encode('P00001');
    for (let k = 0; k < sample; k++) hasher.digestTwoParts(o, 0, o.length, i, 0, i.length);
  }
  return (seconds(t) * count) / sample;
}

/**
 * Seconds for `count` costs on `threads` cores at once: each thread hashes the same sample on
 * the lanes; the slowest thread's time is the floor (the load on the machine included).
 */
async function hashSecondsOnThreads(count: number, threads: number): Promise<number> {
  const sample = 2_000_000;
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL('./support/hashFloorWorker.mjs', import.meta.url), { workerData: { blocks: sample } }),
  );
  try {
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
    const times = await Promise.all(
      workers.map(
        (w) =>
          new Promise<number>((resolve, reject) => {
            w.once('message', (m: { ms: number }) => resolve(m.ms / 1000));
            w.once('error', reject);
            w.postMessage('go');
          }),
      ),
    );
    return (Math.max(...times) * count) / (sample * threads);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export async function run(): Promise<void> {
  const threads = Math.min(os.availableParallelism(), MAX_MATCHING_THREADS);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const visitCount = Number(process.env.SSJ_BENCH_MATCH_VISITS ?? 50_000);
  const inspectorCount = Number(process.env.SSJ_BENCH_MATCH_INSPECTORS ?? 2_000);
  const units = Number(process.env.SSJ_BENCH_MATCH_UNITS ?? 100);
  const sizes: [number, number, number][] = [
    [visitCount, inspectorCount, units],
    [Math.min(visitCount, 5_000), Math.min(inspectorCount, 500), 1],
  ];
  if (process.env.SSJ_BENCH_MATCH_DENSE === '1') sizes.push([visitCount, inspectorCount, 1]);
  for (const [v, i, u] of sizes) {
    const input = matchingInput(v, i, u);
    peakRss = process.memoryUsage().rss;
    const t = performance.now();
    const cpu = process.cpuUsage();
    const matched = await matchInspectorsParallel(input);
    const matchSeconds = seconds(t);
    const matchCpu = process.cpuUsage(cpu).user / 1e6;
    const matchRss = Math.max(peakRss, process.memoryUsage().rss);
    if (!('assignments' in matched)) throw new Error(`bench: matching infeasible: ${JSON.stringify(matched.infeasible.slice(0, 3))}`);
    if (u === 1 && v === visitCount && process.env.SSJ_BENCH_MATCH_SINGLE === '1') {
      const ts = performance.now();
      const cpuSingle = process.cpuUsage();
      const single = matchInspectors(input);
      const same =
        JSON.stringify(single, (_, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ===
        JSON.stringify(matched, (_, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
      console.log(
        `  单线程 matchInspectors：${seconds(ts).toFixed(2)} s（CPU ${(process.cpuUsage(cpuSingle).user / 1e6).toFixed(2)} s），结果${same ? '与多线程逐字节相同' : '与多线程不同'}；负载 ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
      );
      if (!same) throw new Error('bench: the single-thread matching differs');
    }
    const caps = new Map((matched.fairShare ?? []).map((p) => [p.pool, p.cap]));
    const load = new Map<string, number>();
    for (const a of matched.assignments) for (const c of a.inspectors) load.set(c, (load.get(c) ?? 0) + 1);

    const problem = feasibilityProblem(input, caps);
    const tb = performance.now();
    const feasible = implicitStaffingFeasible(problem);
    const baselineSeconds = seconds(tb);
    if (!feasible) throw new Error('bench: the feasibility check disagrees with the matching');
    const pairs = (v * i) / u;
    const oneCore = hashSeconds(pairs);
    const allCores = await hashSecondsOnThreads(pairs, threads);
    const pools = u === 1 ? '1 个共用人员库' : `${u} 个检查单位各自的人员库，每库 ${Math.round(i / u)} 人`;
    console.log(
      `人员匹配 ${v.toLocaleString()} 户 × ${i.toLocaleString()} 人（${pools}，候选对 ${((v * i) / u / 1e6).toFixed(1)} M）：` +
        `${matchSeconds.toFixed(2)} s（CPU ${matchCpu.toFixed(2)} s），峰值内存 ${mb(matchRss)}；同一实例的最大流可行性检查 ${baselineSeconds.toFixed(2)} s，` +
        `比值 ${(matchSeconds / baselineSeconds).toFixed(2)}×；每人上限（公平份额）${Math.max(...caps.values())}，` +
        `最多 ${Math.max(...load.values())} 户、最少 ${Math.min(...load.values())} 户（${load.size} 人有任务）；` +
        `其中 ${(pairs / 1e6).toFixed(1)} M 个成本的散列本身（散列下限）单核 SIMD 约 ${oneCore.toFixed(1)} s、${threads} 核约 ${allCores.toFixed(1)} s，` +
        `比值（匹配 ÷ ${threads} 核散列下限）${(matchSeconds / allCores).toFixed(2)}×；` +
        `进程峰值内存 ${mb(process.resourceUsage().maxRSS * 1024)}；负载 ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
    );
  }
  clearInterval(sampler);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
