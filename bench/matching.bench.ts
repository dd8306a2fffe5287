// Benchmark (inspector matching, docs/draw-spec.md §8): the product's matching (src/core/assignment:
// eligibility, the seed's random costs, each pool's fair share with its maximum-flow checks, the
// exact minimum-cost assignment) against a maximum-flow feasibility check of the same instance
// (the same eligible pairs, no costs: staffingFeasible.ts, Dinic), measured in the same run.
// Sizes: 50,000 visits × 2,000 inspectors in 100 per-county pools (市抽县查), 5,000 × 500 in one
// pool; a dense single pool of 50,000 × 2,000 (a city-wide 跨区域 pool, 10⁸ pairs) only with
// SSJ_BENCH_MATCH_DENSE=1. Loads are printed (largest load against the fair-share cap).
//
//   npm run bench matching
//   SSJ_BENCH_MATCH_VISITS / SSJ_BENCH_MATCH_INSPECTORS / SSJ_BENCH_MATCH_UNITS, SSJ_BENCH_MATCH_DENSE=1
import {
  matchInspectors,
  staffingFeasible,
  type MatchingInput,
  type MatchingInspector,
  type MatchingVisit,
  type StaffingProblem,
} from '../src/core/assignment/index.ts';

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

/** The same eligible pairs as the matching sees (pool, 回避, experts second only), without costs. */
function feasibilityProblem(input: MatchingInput, caps: Map<string, number>): StaffingProblem {
  const index = new Map(input.inspectors.map((p, i) => [p.code, i]));
  const byUnit = new Map<string, MatchingInspector[]>();
  for (const p of input.inspectors) byUnit.set(p.unit, [...(byUnit.get(p.unit) ?? []), p]);
  const recused = (p: MatchingInspector, v: MatchingVisit) =>
    p.recusals.some((r) => (typeof r === 'string' ? r === v.id : !!r.unitCode && !!v.unitPath?.includes(r.unitCode)));
  return {
    caps: input.inspectors.map((p) => caps.get(p.unit) ?? Infinity),
    visits: input.visits.map((v) => {
      const pool = (byUnit.get(v.inspectingUnit) ?? []).filter((p) => !recused(p, v));
      const candidate = (p: MatchingInspector) => ({ inspector: index.get(p.code)!, cost: 0n });
      return {
        enforcement: pool.filter((p) => p.category === 'enforcement').map(candidate),
        secondOnly: pool.filter((p) => p.category === 'expert').map(candidate),
      };
    }),
  };
}

export async function run(): Promise<void> {
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
    const matched = matchInspectors(input);
    const matchSeconds = seconds(t);
    const matchRss = Math.max(peakRss, process.memoryUsage().rss);
    if (!('assignments' in matched)) throw new Error(`bench: matching infeasible: ${JSON.stringify(matched.infeasible.slice(0, 3))}`);
    const caps = new Map((matched.fairShare ?? []).map((p) => [p.pool, p.cap]));
    const load = new Map<string, number>();
    for (const a of matched.assignments) for (const c of a.inspectors) load.set(c, (load.get(c) ?? 0) + 1);

    const tb = performance.now();
    const feasible = staffingFeasible(feasibilityProblem(input, caps));
    const baselineSeconds = seconds(tb);
    if (!feasible) throw new Error('bench: the feasibility check disagrees with the matching');
    const pools = u === 1 ? '1 个共用人员库' : `${u} 个检查单位各自的人员库，每库 ${Math.round(i / u)} 人`;
    console.log(
      `人员匹配 ${v.toLocaleString()} 户 × ${i.toLocaleString()} 人（${pools}，候选对 ${((v * i) / u / 1e6).toFixed(1)} M）：` +
        `${matchSeconds.toFixed(2)} s，峰值内存 ${mb(matchRss)}；同一实例的最大流可行性检查 ${baselineSeconds.toFixed(2)} s，` +
        `比值 ${(matchSeconds / baselineSeconds).toFixed(2)}×；每人上限（公平份额）${Math.max(...caps.values())}，` +
        `最多 ${Math.max(...load.values())} 户、最少 ${Math.min(...load.values())} 户（${load.size} 人有任务）`,
    );
  }
  clearInterval(sampler);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
