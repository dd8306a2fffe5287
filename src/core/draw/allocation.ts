// Allocation per risk class, integers only (docs/draw-spec.md §4).
import { DrawError } from './errors.ts';
import { RISK_CLASSES, type RiskClass } from './frame.ts';
import type { AllocationSpec, ClassMap } from './params.ts';
import { ceilTimes, parseRate } from './rate.ts';

/**
 * A stratum is a risk class, or "*" for mode `none`. Choice (docs/draw-spec.md §4 "all objects
 * one stratum" does not name it): the single stratum is written "*" in the allocation,
 * sample and reserves.
 */
export type Stratum = RiskClass | '*';
export const ALL_OBJECTS: Stratum = '*';

export interface StratumAllocation {
  N: number;
  n: number;
}

/** Allocation of one group, keyed by stratum: A–U always all five, or just "*". */
export type GroupAllocation = Partial<Record<Stratum, StratumAllocation>>;

/** Weights A:B:C:D:U = 1:2:4:8:2 when the plan gives none (docs/draw-spec.md §4). */
export const DEFAULT_WEIGHTS: Record<RiskClass, number> = { A: 1, B: 2, C: 4, D: 8, U: 2 };

/** n_h per stratum from N_h (eligible counts) and the group's allocation (docs/draw-spec.md §4). */
export function allocateByRiskClass(spec: AllocationSpec, counts: Record<RiskClass, number>): GroupAllocation {
  switch (spec.mode) {
    case 'rates':
      return allocateByRates(spec.rates, counts);
    case 'total':
      return allocateByDHondt(spec, counts);
    case 'none': {
      const N = RISK_CLASSES.reduce((sum, h) => sum + counts[h], 0);
      return { [ALL_OBJECTS]: { N, n: totalSize(spec, N) } };
    }
    default:
      throw new DrawError('DRAW_BAD_PARAMS', `未知的分配方式 ${JSON.stringify((spec as { mode: unknown }).mode)}`);
  }
}

// mode `rates`: n_h = min(N_h, ceil(N_h · r_h)). Choice: a class without a rate gets
// rate 0 (P is published, so an omitted class is visible to everyone).
function allocateByRates(rates: ClassMap<string>, counts: Record<RiskClass, number>): GroupAllocation {
  const out: GroupAllocation = {};
  for (const h of RISK_CLASSES) {
    const N = counts[h];
    const rate = rates[h];
    out[h] = { N, n: rate === undefined ? 0 : Math.min(N, ceilTimes(N, parseRate(rate))) };
  }
  return out;
}

// n = min(N, ceil(N · r)) or the count. Choice: a count larger than N is capped at N in
// mode `none` (mode `total` stops early on its own when every class is full).
function totalSize(spec: { ratio?: string; count?: number }, N: number): number {
  if (spec.ratio !== undefined) return Math.min(N, ceilTimes(N, parseRate(spec.ratio)));
  return Math.min(N, spec.count ?? 0);
}

/**
 * mode `total`: D'Hondt on votes v_h = w_h · N_h, starting from s_h = min(min_h, N_h),
 * one seat at a time to the class with s_h < cap_h and v_h > 0 that maximises
 * v_h / (s_h + 1) (cross-multiplied in integers); ties → larger N_h, then A<B<C<D<U;
 * stop early when no class can take more (docs/draw-spec.md §4).
 * Choice: `weights` given in P override the defaults class by class; missing classes keep
 * the default weight.
 */
function allocateByDHondt(spec: Extract<AllocationSpec, { mode: 'total' }>, counts: Record<RiskClass, number>): GroupAllocation {
  const N = RISK_CLASSES.reduce((sum, h) => sum + counts[h], 0);
  const n = totalSize(spec, N);
  const votes = RISK_CLASSES.map((h) => BigInt(spec.weights?.[h] ?? DEFAULT_WEIGHTS[h]) * BigInt(counts[h]));
  const caps = RISK_CLASSES.map((h) => Math.min(counts[h], spec.max?.[h] ?? Number.MAX_SAFE_INTEGER));
  const seats = RISK_CLASSES.map((h) => Math.min(spec.min?.[h] ?? 0, counts[h]));
  let given = seats.reduce((a, b) => a + b, 0);
  while (given < n) {
    let best = -1;
    for (let h = 0; h < RISK_CLASSES.length; h++) {
      if (seats[h]! >= caps[h]! || votes[h]! === 0n) continue;
      if (best < 0 || beats(h, best)) best = h;
    }
    if (best < 0) break;
    seats[best]!++;
    given++;
  }
  const out: GroupAllocation = {};
  RISK_CLASSES.forEach((h, i) => (out[h] = { N: counts[h], n: seats[i]! }));
  return out;

  // Does class h strictly beat class b? v_h/(s_h+1) vs v_b/(s_b+1), then N_h; A<B<… is
  // kept by scanning in class order and replacing only on a strict win.
  function beats(h: number, b: number): boolean {
    const left = votes[h]! * BigInt(seats[b]! + 1);
    const right = votes[b]! * BigInt(seats[h]! + 1);
    if (left !== right) return left > right;
    return counts[RISK_CLASSES[h]!] > counts[RISK_CLASSES[b]!];
  }
}

/**
 * An upper bound on n_h for every frame of at most `maxObjects` eligible objects, whatever
 * its class counts: lets tickets be computed while the frame is still being read, before
 * N_h are known (each stratum keeps its bound + reserve smallest tickets; the n_h + reserve
 * smallest are a prefix of them). Holds because
 * - `rates`: n_h = min(N_h, ceil(N_h · r_h)) grows with N_h ≤ maxObjects;
 * - `total`: n_h starts at min(min_h, N_h) and D'Hondt adds seats only while the total is
 *   below n = totalSize(N) ≤ totalSize(maxObjects), never past cap_h ≤ max_h;
 * - `none`: the one stratum takes totalSize(N).
 */
export function allocationBound(spec: AllocationSpec, maxObjects: number): Partial<Record<Stratum, number>> {
  const M = Math.max(0, Math.floor(maxObjects));
  switch (spec.mode) {
    case 'rates': {
      const all = allocateByRates(spec.rates, { A: M, B: M, C: M, D: M, U: M });
      return Object.fromEntries(RISK_CLASSES.map((h) => [h, all[h]!.n]));
    }
    case 'total': {
      const n = totalSize(spec, M);
      return Object.fromEntries(
        RISK_CLASSES.map((h) => [h, Math.min(M, Math.max(spec.min?.[h] ?? 0, Math.min(n, spec.max?.[h] ?? Number.MAX_SAFE_INTEGER)))]),
      );
    }
    case 'none':
      return { [ALL_OBJECTS]: totalSize(spec, M) };
    default:
      throw new DrawError('DRAW_BAD_PARAMS', `未知的分配方式 ${JSON.stringify((spec as { mode: unknown }).mode)}`);
  }
}
