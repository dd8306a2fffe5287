// Inspector matching, docs/draw-spec.md §8: which inspector may go to which drawn object, and the
// minimum-total-cost feasible assignment under the seed's random costs. Pure: the same
// code runs in the server and in the browser verifier.
//
// Choices where §8 is silent (each a hostile auditor can still check):
// - §8 "≥2 inspectors": exactly 2 are matched; costs are positive, so the minimum never
//   adds a third. More people are a manual addition with a recorded reason.
// - §8 "at least one with 执法证; experts only in addition": an enforcement officer
//   (category 'enforcement', drawable — i.e. 在岗 with a valid 执法证 on the matching day,
//   see src/core/inspectors/drawability.ts) may take either place; an expert may only be
//   the second person, never the one enforcement officer. `twoEnforcementOfficers: true`
//   (for tasks that follow 行政处罚法 §42 to the letter) keeps experts out entirely.
// - §8 "holds what the items require": every matched person holds every qualification
//   required by every item of the visit (per person, not pooled over the pair). An item
//   missing from `itemQualifications` requires nothing.
// - §8 pool: without `crossRegion` the pool is the inspectors of the visit's inspecting
//   unit; with it, the inspectors of the named units, minus those of the visit's own
//   inspecting unit unless `crossRegion.includeOwnUnit` (交叉互查 means someone else's
//   people check).
// - §8 recusal: every declaration the directory records — an object id (USCC; conflicts, former
//   employer, relatives' businesses) or an area (本人网格/辖区: a 行政区划 code, which covers the
//   divisions below it, or a unit, which covers the objects whose 管辖单位 is it or below it) —
//   plus the home grid when `recuseHomeGrid` is set. Which declarations are in force (declared,
//   not ended, not past their valid-until date) is decided by the caller on the matching day.
//   People of a visit's pool left out by a recusal are reported with the declaration's reason.
// - §8 cap: `capPerInspector` for everyone, `inspector.cap` overrides it for one person. Without
//   either, `fairShare` caps each pool at its fair share: 2 × its visits ÷ the people eligible for
//   at least one of them, rounded up, plus a slack of a fifth (at least 1); if that cannot staff
//   every visit of the pool (qualifications or 回避 concentrate the work), the pool's cap is raised
//   by the least amount that can (maximum-flow checks), and the caps used are reported. The
//   cap is only a constraint of §8's minimum: the costs and the minimum stay those of the seed.
// - §8 "o" and "i" in c(o, i) are the visit's object id and the inspector's public code.
// - Large pools (a city-wide 跨区域 pool: 50,000 visits × 2,000 people, 10⁸ eligible pairs) are
//   never listed pair by pair: a visit's eligible people are its pool's (shared) list minus its
//   own 回避; its costs are streamed, keeping the cheapest few with a bound for the rest, and the
//   solver proves the optimum for every pair (minCostStaffingLazy); fair shares and feasibility are
//   maximum flows over the same implicit pairs (implicitFlow.ts). The answer is the one of §8.
//   The server computes those costs on worker threads (prepareMatching, then
//   src/server/draws/parallelMatching.ts); the answer is the same. When such a pool cannot be
//   staffed, the visits are named on the full lists, every pair materialised (docs/scale-out.md).
// - §8 infeasible: the result is either a full assignment or the list of visits that
//   cannot be staffed with a reason; never a partial assignment. Visits failing on their
//   own (pool, qualification, recusal) are named first and left out of the flow; the
//   flow then names the visits that the caps cannot all cover together.
import { DrawError } from '../draw/errors.ts';
import { compareUtf8, isLowerHex } from '../draw/encoding.ts';
import type { HashAlgorithm } from '../hash/index.ts';
import { implicitStaffingFeasible, listSize, sortedHas, type ImplicitList, type ImplicitStaffingVisit } from './implicitFlow.ts';
import {
  PLACES_PER_VISIT,
  minCostStaffing,
  minCostStaffingLazy,
  type LazyStaffingVisit,
  type StaffingCandidate,
  type StaffingResult,
  type WidenList,
} from './minCostStaffing.ts';
import { PairCosts, cheapestLists, type ListsRequest } from './pairCosts.ts';

export interface MatchingInspector {
  /** Stable public code of the inspector (docs/draw-spec.md §1: never a database key). */
  code: string;
  /** Unit whose pool the inspector belongs to. */
  unit: string;
  category: 'enforcement' | 'expert';
  /** inspectorDrawability(…, matching day).drawable: 在岗, and for enforcement a valid 执法证. */
  drawable: boolean;
  qualifications: readonly string[];
  /** 回避 in force: object ids (USCC), or declarations with their area and reason. */
  recusals: readonly (string | MatchingRecusal)[];
  homeGrid?: string | null;
  /** Most visits this inspector may take; overrides capPerInspector. */
  cap?: number | null;
}

/** One 回避 declaration as the matching applies it (docs/draw-spec.md §8). */
export interface MatchingRecusal {
  /** The object (USCC or directory code) the person must not inspect. */
  objectId?: string | null;
  /** 本人网格/辖区 by 行政区划: covers the objects whose region code is it or below it. */
  regionCode?: string | null;
  /** 本人网格/辖区 by unit: covers the objects whose 管辖单位 is it or below it. */
  unitCode?: string | null;
  /** 中文: shown as why the person was not eligible for a visit. */
  reason: string;
}

export interface MatchingVisit {
  /** Object id (USCC), as in the draw's visits. */
  id: string;
  items: readonly string[];
  /** Unit whose people inspect (市抽县查: the county unit). */
  inspectingUnit: string;
  /** Its name, for the reasons a visit cannot be staffed. */
  inspectingUnitName?: string;
  grid?: string | null;
  /** The object's 行政区划 code (6 digits), for 本人网格/辖区 recusals. */
  regionCode?: string | null;
  /** The object's 管辖单位 and the units above it, for 本人网格/辖区 recusals by unit. */
  unitPath?: readonly string[] | null;
}

export interface MatchingInput {
  hash: HashAlgorithm;
  /** The draw's seed, lower-case hex. */
  seed: string;
  visits: readonly MatchingVisit[];
  inspectors: readonly MatchingInspector[];
  /** Item code → qualifications every matched person must hold. */
  itemQualifications?: Readonly<Record<string, readonly string[]>>;
  crossRegion?: { units: readonly string[]; includeOwnUnit?: boolean } | null;
  capPerInspector?: number | null;
  recuseHomeGrid?: boolean;
  twoEnforcementOfficers?: boolean;
  /** Without capPerInspector: cap each pool at its fair share (see above). */
  fairShare?: boolean;
}

/** The fair share of one pool: its visits, the people eligible for them, the cap used. */
export interface FairSharePool {
  /** The inspecting unit whose pool it is, or '*' for the cross-region pool. */
  pool: string;
  visits: number;
  people: number;
  /** ceil(2 × visits ÷ people) */
  share: number;
  /** The cap applied: the share plus slack, raised if needed to staff every visit. */
  cap: number;
}

/** The cap a fair share suggests for `visits` visits over `people` eligible people (2 places each, slack a fifth, ≥ 1). */
export function fairShareCap(visits: number, people: number): { share: number; cap: number } {
  if (people <= 0) return { share: 0, cap: 0 };
  const share = Math.ceil((PLACES_PER_VISIT * visits) / people);
  return { share, cap: share + Math.max(1, Math.ceil(share / 5)) };
}

/** Same shape as the bundle's AssignmentRecord (docs/draw-spec.md §10): inspectors sorted by code bytes. */
export interface VisitAssignment {
  id: string;
  inspectors: string[];
}

export type UnstaffableCode = 'no_enforcement_in_pool' | 'missing_qualification' | 'recusal' | 'too_few' | 'caps_exhausted';

export interface UnstaffableVisit {
  visitId: string;
  code: UnstaffableCode;
  /** 中文: why, and what would fix it. */
  reason: string;
}

/** A person of a visit's pool (drawable, qualified) left out by a 回避 declaration. */
export interface RecusedPerson {
  visitId: string;
  inspector: string;
  /** 中文: the declaration's kind and reason. */
  reason: string;
}

export type MatchingResult =
  | { assignments: VisitAssignment[]; totalCost: bigint; recused: RecusedPerson[]; fairShare?: FairSharePool[] }
  | { infeasible: UnstaffableVisit[]; recused: RecusedPerson[]; fairShare?: FairSharePool[] };

/** Whether a declared 行政区划 covers an object's: the same code, or a division below it (140500 covers 140581). */
export function regionCovers(declared: string, objectRegion: string): boolean {
  let prefix = declared;
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return objectRegion.startsWith(prefix);
}

/** The reason a declaration excludes a person from a visit, or null when it does not apply. */
export function recusalReason(recusals: readonly (string | MatchingRecusal)[], visit: MatchingVisit): string | null {
  for (const r of recusals) {
    if (typeof r === 'string') {
      if (r === visit.id) return '回避声明';
      continue;
    }
    if (r.objectId && r.objectId === visit.id) return r.reason;
    if (r.regionCode && visit.regionCode && regionCovers(r.regionCode, visit.regionCode)) return r.reason;
    if (r.unitCode && visit.unitPath && visit.unitPath.includes(r.unitCode)) return r.reason;
  }
  return null;
}

/**
 * How many costs the solver lists (the answer is the same whatever they are; tests vary them):
 * a visit with at most `listedUpTo` eligible people has every cost listed; beyond, the
 * `keptPerKind` cheapest of each kind first (see minCostStaffingLazy).
 */
export interface MatchingTuning {
  listedUpTo: number;
  keptPerKind: number;
}

export const DEFAULT_TUNING: MatchingTuning = { listedUpTo: 16, keptPerKind: 8 };

export function matchInspectors(input: MatchingInput, tuning: MatchingTuning = DEFAULT_TUNING): MatchingResult {
  return prepareMatching(input, tuning).finish();
}

/**
 * The matching in two steps, so the costs — the part of a dense pool's work that divides between
 * cores — can be computed elsewhere (worker threads: src/server/draws/parallelMatching.ts): `lists` says which
 * cheapest candidates the solver needs first, `finish` solves with them (computed here when not
 * given). The answer is the same whoever computes the lists (cheapestLists is deterministic).
 */
export interface PreparedMatching {
  lists: ListsRequest;
  /** The result of §8; `first`: cheapestLists(request, 0, visits) computed elsewhere. */
  finish(first?: readonly LazyStaffingVisit[]): MatchingResult;
}

export function prepareMatching(input: MatchingInput, tuning: MatchingTuning = DEFAULT_TUNING): PreparedMatching {
  validate(input);
  const visits = [...input.visits].sort((a, b) => compareUtf8(a.id, b.id));
  const inspectors = [...input.inspectors].sort((a, b) => compareUtf8(a.code, b.code));
  const codes = inspectors.map((p) => p.code);
  const itemQualifications = input.itemQualifications ?? {};
  const expertsAllowed = !input.twoEnforcementOfficers;
  const qualSets = inspectors.map((p) => new Set(p.qualifications));
  // Who may be recused from a visit: object declarations indexed by object id, area
  // declarations and home grids checked for the people who have them.
  const byRecusedObject = new Map<string, number[]>();
  const areaRecusers: number[] = [];
  const byHomeGrid = new Map<string, number[]>();
  inspectors.forEach((p, i) => {
    const ids = new Set(p.recusals.map((r) => (typeof r === 'string' ? r : (r.objectId ?? null))));
    for (const id of ids) if (id) pushTo(byRecusedObject, id, i);
    if (p.recusals.some((r) => typeof r !== 'string' && (!!r.regionCode || !!r.unitCode))) areaRecusers.push(i);
    if (input.recuseHomeGrid && p.homeGrid) pushTo(byHomeGrid, p.homeGrid, i);
  });
  const recused: RecusedPerson[] = [];
  const caps = inspectors.map((p) => capOf(p, input.capPerInspector));
  const flowPools: string[] = [];

  const byUnit = new Map<string, number[]>();
  inspectors.forEach((p, i) => {
    if (p.drawable) pushTo(byUnit, p.unit, i);
  });
  const crossPool = input.crossRegion
    ? [...new Set(input.crossRegion.units.flatMap((u) => byUnit.get(u) ?? []))].sort((a, b) => a - b)
    : null;

  // The people of a pool by kind, and those holding every qualification a set of items
  // requires: shared by every visit of the same pool and requirements (base lists, implicitFlow.ts).
  const bases = new Map<string, PoolBase>();
  const baseFor = (visit: MatchingVisit, required: readonly string[]): PoolBase => {
    const poolKey = crossPool ? (input.crossRegion!.includeOwnUnit ? '*' : `*-${visit.inspectingUnit}`) : `u:${visit.inspectingUnit}`;
    const key = `${poolKey}\u0001${required.join('\u0000')}`;
    const cached = bases.get(key);
    if (cached) return cached;
    const pool = crossPool
      ? crossPool.filter((i) => input.crossRegion!.includeOwnUnit || inspectors[i]!.unit !== visit.inspectingUnit)
      : (byUnit.get(visit.inspectingUnit) ?? []);
    const holdsAll = (i: number) => required.every((q) => qualSets[i]!.has(q));
    const enfPool = pool.filter((i) => inspectors[i]!.category === 'enforcement');
    const expPool = expertsAllowed ? pool.filter((i) => inspectors[i]!.category === 'expert') : [];
    const base: PoolBase = {
      enfPool,
      enforcement: Int32Array.from(enfPool.filter(holdsAll)),
      secondOnly: Int32Array.from(expPool.filter(holdsAll)),
    };
    bases.set(key, base);
    return base;
  };

  const infeasible: UnstaffableVisit[] = [];
  const flowVisits: ImplicitStaffingVisit[] = [];
  const flowVisitIds: string[] = [];
  for (const visit of visits) {
    const required = [...new Set(visit.items.flatMap((item) => itemQualifications[item] ?? []))].sort(compareUtf8);
    const base = baseFor(visit, required);
    const { enfPool } = base;
    // 回避: the people of the base lists a declaration (or the home grid) keeps from this visit.
    const whyRecused = new Map<number, string>();
    const maybe = new Set([
      ...(byRecusedObject.get(visit.id) ?? []),
      ...areaRecusers,
      ...(visit.grid ? (byHomeGrid.get(visit.grid) ?? []) : []),
    ]);
    for (const i of maybe) {
      if (!sortedHas(base.enforcement, i) && !sortedHas(base.secondOnly, i)) continue;
      const p = inspectors[i]!;
      const reason = recusalReason(p.recusals, visit);
      if (reason !== null) whyRecused.set(i, reason);
      else if (input.recuseHomeGrid && visit.grid && p.homeGrid === visit.grid) whyRecused.set(i, `本人网格回避（${visit.grid}）`);
    }
    const excludedFrom = (list: Int32Array) => Int32Array.from([...whyRecused.keys()].filter((i) => sortedHas(list, i))).sort();
    const enforcement: ImplicitList = { base: base.enforcement, excluded: excludedFrom(base.enforcement) };
    const secondOnly: ImplicitList = { base: base.secondOnly, excluded: excludedFrom(base.secondOnly) };
    const enfQualified = base.enforcement.length;
    const enfOk = listSize(enforcement);
    const expOk = listSize(secondOnly);
    // A visit with no qualified officer in its pool fails before 回避 matters: nobody is named.
    if (enfQualified > 0)
      for (const [i, reason] of [...whyRecused].sort((a, b) => a[0] - b[0])) {
        recused.push({ visitId: visit.id, inspector: inspectors[i]!.code, reason });
      }
    const poolName = crossPool ? '交叉互查人员库' : `检查单位（${visit.inspectingUnitName ?? visit.inspectingUnit}）的人员库`;

    const fail = (code: UnstaffableCode, reason: string) => infeasible.push({ visitId: visit.id, code, reason });
    if (enfPool.length === 0) {
      fail('no_enforcement_in_pool', `${poolName}中没有在岗且执法证有效的执法人员；请补充执法人员或更新执法证信息`);
    } else if (enfQualified === 0) {
      const missing = required.filter((q) => !enfPool.some((i) => qualSets[i]!.has(q)));
      fail(
        'missing_qualification',
        missing.length > 0
          ? `没有执法人员具备检查事项所需的资格：${missing.join('、')}；请为执法人员登记该资格或调整检查事项`
          : `没有执法人员同时具备检查事项所需的全部资格：${required.join('、')}`,
      );
    } else if (enfOk === 0) {
      fail('recusal', `回避后无可用执法人员：具备资格的${enfQualified}名执法人员均须回避本检查对象；请扩大人员库（如交叉互查）`);
    } else if (enfOk + expOk < 2) {
      const qualifiedCount = enfQualified + base.secondOnly.length;
      const because =
        qualifiedCount < 2
          ? `具备所需资格${required.length > 0 ? `（${required.join('、')}）` : ''}的仅${qualifiedCount}人`
          : `回避后仅剩${enfOk + expOk}人`;
      fail('too_few', `可用检查人员不足2人：${because}（每户须至少2人，其中至少1名执法人员）`);
    } else {
      flowVisits.push({ enforcement, secondOnly });
      flowVisitIds.push(visit.id);
      flowPools.push(crossPool ? '*' : visit.inspectingUnit);
    }
  }

  const keep = Math.max(1, tuning.keptPerKind);
  const lists: ListsRequest = {
    hash: input.hash,
    seed: input.seed,
    inspectorCodes: codes,
    visitIds: flowVisitIds,
    visits: flowVisits,
    keptPerKind: keep,
    keep: flowVisits.map((v) => (listSize(v.enforcement) + listSize(v.secondOnly) <= tuning.listedUpTo ? Infinity : keep)),
  };
  return { lists, finish: (first) => finishMatching(first) };

  function finishMatching(first: readonly LazyStaffingVisit[] | undefined): MatchingResult {
    const costs = new PairCosts(input.hash, input.seed, codes);
    if (first && first.length !== flowVisits.length)
      throw new Error(`matching: ${first.length} candidate lists for ${flowVisits.length} visits`);
    const fairShare =
      input.fairShare && input.capPerInspector == null ? applyFairShare(caps, inspectors, flowVisits, flowPools) : undefined;
    const solved = solveMatching(caps, lists, first ?? cheapestLists(costs, lists, 0, flowVisits.length), costs);
    if (!solved.feasible) {
      for (const group of solved.groups) {
        const others = group.visits.length - 1;
        const reason =
          `检查人员可派人次已用尽（受每人上限所限）：` +
          (others > 0 ? `本对象与另外${others}个对象争用同一批检查人员，` : '') +
          `共需${group.demand}人次，按上限只能派出${group.supplied}人次；请提高上限、增加人员或启用交叉互查`;
        for (const v of group.visits) infeasible.push({ visitId: flowVisitIds[v]!, code: 'caps_exhausted', reason });
      }
    }
    if (infeasible.length > 0) {
      return { infeasible: infeasible.sort((a, b) => compareUtf8(a.visitId, b.visitId)), recused, ...(fairShare ? { fairShare } : {}) };
    }
    if (!solved.feasible) throw new Error('unreachable: infeasible flow without named visits');

    const assignments = solved.staffed.map((people, v) => ({
      id: flowVisitIds[v]!,
      inspectors: people.map((i) => inspectors[i]!.code).sort(compareUtf8),
    }));
    return { assignments, totalCost: solved.totalCost, recused, ...(fairShare ? { fairShare } : {}) };
  }
}

interface PoolBase {
  /** Drawable enforcement officers of the pool (qualified or not). */
  enfPool: number[];
  /** …holding every required qualification; experts likewise (empty when experts are kept out). */
  enforcement: Int32Array;
  secondOnly: Int32Array;
}

/**
 * The minimum-cost assignment (minCostStaffing.ts) without listing every eligible pair: a visit
 * with few eligible people gets all its costs, one with many its `keptPerKind` cheapest of each
 * kind and a bound for the rest (minCostStaffingLazy proves the optimum for the full problem).
 * If the short lists cannot staff every visit, the full eligibility decides (maximum flow on
 * the implicit pairs): staffable, and the lists of the visits short together are doubled until
 * they do; not, and the full lists are solved so the visits that cannot be staffed are named on
 * the full graph, as the solver that lists every pair names them.
 */
function solveMatching(
  caps: readonly number[],
  request: ListsRequest,
  first: readonly LazyStaffingVisit[],
  costs: PairCosts,
): StaffingResult {
  const { visits: flowVisits, visitIds: ids } = request;
  const keep = request.keptPerKind;
  const listsFor = (): LazyStaffingVisit[] =>
    flowVisits.map((visit, v) => {
      const e = costs.cheapest(ids[v]!, visit.enforcement, Infinity);
      const s = costs.cheapest(ids[v]!, visit.secondOnly, Infinity);
      return { enforcement: e.candidates, enforcementBound: e.bound, secondOnly: s.candidates, secondOnlyBound: s.bound };
    });
  const kept: Int32Array[] = flowVisits.map(() => new Int32Array(2));
  const lists = first.map((l) => ({ ...l }));
  lists.forEach((l, v) => kept[v]!.set([l.enforcement.length, l.secondOnly.length]));
  const widen: WidenList = (v, kind, negative) => {
    const at = kind === 'enforcement' ? 0 : 1;
    kept[v]![at] = 2 * kept[v]![at]!;
    return costs.cheapest(ids[v]!, flowVisits[v]![kind], kept[v]![at]!, negative);
  };
  const complete = (l: LazyStaffingVisit) => l.enforcementBound === null && l.secondOnlyBound === null;
  let feasibleOnFull: boolean | undefined;
  for (;;) {
    const result = minCostStaffingLazy(caps, lists, widen);
    if (result.feasible) return result;
    const byIndex = (a: StaffingCandidate, b: StaffingCandidate) => a.inspector - b.inspector;
    if (lists.every(complete)) {
      // the full problem: solved once more with its lists in canonical order, so the visits named are those of the listed solver
      const full = lists.map((l) => ({ enforcement: [...l.enforcement].sort(byIndex), secondOnly: [...l.secondOnly].sort(byIndex) }));
      return minCostStaffing({ caps, visits: full }, { candidatesPerVisit: Infinity });
    }
    feasibleOnFull ??= implicitStaffingFeasible({ caps, visits: flowVisits });
    if (!feasibleOnFull) return minCostStaffing({ caps, visits: listsFor() }, { candidatesPerVisit: Infinity });
    // Longer lists for the visits short together (where a missing pair must start), or all.
    const short = result.groups.flatMap((g) => g.visits).filter((v) => !complete(lists[v]!));
    for (const v of short.length > 0 ? short : lists.keys()) {
      const k = 2 * Math.max(kept[v]![0]!, kept[v]![1]!, keep);
      kept[v]!.set([k, k]);
      const e = costs.cheapest(ids[v]!, flowVisits[v]!.enforcement, k);
      const s = costs.cheapest(ids[v]!, flowVisits[v]!.secondOnly, k);
      lists[v] = { enforcement: e.candidates, enforcementBound: e.bound, secondOnly: s.candidates, secondOnlyBound: s.bound };
    }
  }
}

/**
 * Caps every person without a cap of their own at their pool's fair share (in `caps`), raised by
 * the least that staffs every visit of the pool when the share alone cannot. Pools share no
 * people, so each is checked on its own visits; the checks are maximum flows on the full
 * eligibility, its pairs checked on the fly (implicitFlow.ts).
 */
function applyFairShare(
  caps: number[],
  inspectors: readonly MatchingInspector[],
  visits: readonly ImplicitStaffingVisit[],
  pools: readonly string[],
): FairSharePool[] {
  const byPool = new Map<string, ImplicitStaffingVisit[]>();
  visits.forEach((v, k) => pushTo(byPool, pools[k]!, v));
  const own = caps.slice();
  const out: FairSharePool[] = [];
  for (const [pool, poolVisits] of byPool) {
    const people = eligiblePeople(poolVisits);
    const { share, cap } = fairShareCap(poolVisits.length, people.length);
    const apply = (raise: number) => {
      for (const i of people) caps[i] = inspectors[i]!.cap == null ? cap + raise : own[i]!;
    };
    const feasible = () => implicitStaffingFeasible({ caps, visits: poolVisits });
    let raise = 0;
    apply(0);
    if (!feasible()) {
      // The least raise that staffs the pool; if even 2 × its visits cannot, the solver names why.
      let low = 0;
      let high = PLACES_PER_VISIT * poolVisits.length;
      apply(high);
      if (feasible()) {
        while (high - low > 1) {
          const mid = (low + high) >> 1;
          apply(mid);
          if (feasible()) high = mid;
          else low = mid;
        }
      }
      raise = high;
      apply(raise);
    }
    out.push({ pool, visits: poolVisits.length, people: people.length, share, cap: cap + raise });
  }
  return out.sort((a, b) => compareUtf8(a.pool, b.pool));
}

/**
 * The people eligible for at least one of the visits: of each base list, those not excluded
 * from every visit that uses it (counted per list, not pair by pair).
 */
function eligiblePeople(visits: readonly ImplicitStaffingVisit[]): number[] {
  const uses = new Map<Int32Array, { visits: number; excluded: Map<number, number> }>();
  for (const v of visits) {
    for (const list of [v.enforcement, v.secondOnly]) {
      const use = uses.get(list.base) ?? { visits: 0, excluded: new Map<number, number>() };
      use.visits++;
      for (const i of list.excluded) use.excluded.set(i, (use.excluded.get(i) ?? 0) + 1);
      uses.set(list.base, use);
    }
  }
  const people = new Set<number>();
  for (const [base, use] of uses) for (const i of base) if ((use.excluded.get(i) ?? 0) < use.visits) people.add(i);
  return [...people].sort((a, b) => a - b);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function capOf(p: MatchingInspector, capPerInspector: number | null | undefined): number {
  const cap = p.cap ?? capPerInspector;
  return cap == null ? Infinity : cap;
}

function validate(input: MatchingInput): void {
  const bad = (message: string, details: Record<string, unknown> = {}) => {
    throw new DrawError('DRAW_BAD_INPUT', message, details);
  };
  if (!isLowerHex(input.seed, 32)) bad('人员匹配的种子必须是64位小写十六进制（抽取结果中的 seed）', { seed: input.seed });
  const isCap = (c: unknown) => c == null || (typeof c === 'number' && Number.isInteger(c) && c >= 0);
  if (!isCap(input.capPerInspector)) bad('每人检查上限必须是非负整数', { capPerInspector: input.capPerInspector });
  const visitIds = new Set<string>();
  for (const v of input.visits) {
    if (visitIds.has(v.id)) bad(`检查对象重复：${v.id}`, { id: v.id });
    visitIds.add(v.id);
  }
  const codes = new Set<string>();
  for (const p of input.inspectors) {
    if (codes.has(p.code)) bad(`检查人员编号重复：${p.code}`, { code: p.code });
    codes.add(p.code);
    if (!isCap(p.cap)) bad(`检查人员 ${p.code} 的上限必须是非负整数`, { code: p.code, cap: p.cap });
  }
}
