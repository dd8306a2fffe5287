// Maximum flow of the staffing network (docs/draw-spec.md §8; the network of minCostStaffing.ts)
// when the eligible pairs are not listed one by one. A city-wide pool of 50,000 visits × 2,000
// people has 10⁸ eligible pairs; as a list that is gigabytes. Here each visit's candidates of one
// kind are a shared base list (the people of its pool of that kind holding what its items
// require, ascending) minus a short, visit-specific exclusion list (its 回避 declarations):
// pairs are checked on the fly, never stored.
//
// Algorithm: a greedy first assignment (each place to the first eligible person of the base list
// with room under their cap), then one breadth-first augmenting path per place still open, in
// visit order. The search skips people already reached with a "next unreached position" pointer
// per base list (union–find with path compression), so one search costs O(visits + people +
// exclusions) whatever the number of eligible pairs — the usual trick for graphs given as the
// complement of a sparse set. Augmenting paths on the flow the greedy start leaves make it a
// maximum flow (Ford–Fulkerson); a place that cannot be augmented once never can be later.
//
// People are of one kind per visit: a person is in at most one of a visit's two lists (as
// matchInspectors builds them: 执法人员 may take either place, experts only the second).
import { PLACES_PER_VISIT, type StaffingProblem } from './minCostStaffing.ts';

/** A visit's candidates of one kind: `base` minus `excluded`, both ascending inspector indices. */
export interface ImplicitList {
  base: Int32Array;
  /** A subset of `base`: the people of the base list who may not go to this visit. */
  excluded: Int32Array;
}

export interface ImplicitStaffingVisit {
  enforcement: ImplicitList;
  secondOnly: ImplicitList;
}

export interface ImplicitStaffingProblem {
  caps: readonly number[];
  visits: readonly ImplicitStaffingVisit[];
}

export const EMPTY_LIST: ImplicitList = { base: new Int32Array(0), excluded: new Int32Array(0) };

/** Number of eligible candidates of the list. */
export function listSize(list: ImplicitList): number {
  return list.base.length - list.excluded.length;
}

/** Whether `i` is in the ascending array `sorted`. */
export function sortedHas(sorted: Int32Array, i: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const x = sorted[mid]!;
    if (x === i) return true;
    if (x < i) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** The same problem with each list as a base list of its own (no exclusions). */
export function implicitProblem(problem: StaffingProblem): ImplicitStaffingProblem {
  const list = (candidates: readonly { inspector: number }[]): ImplicitList => ({
    base: Int32Array.from(candidates.map((c) => c.inspector)).sort(),
    excluded: new Int32Array(0),
  });
  return { caps: problem.caps, visits: problem.visits.map((v) => ({ enforcement: list(v.enforcement), secondOnly: list(v.secondOnly) })) };
}

/** "Next position ≥ p not yet skipped" over one base list; positions are skipped for good until reset. */
class SkipList {
  private readonly next: Int32Array;
  private readonly stamp: Int32Array;
  private current = 1;

  constructor(length: number) {
    this.next = new Int32Array(length + 1);
    this.stamp = new Int32Array(length + 1);
  }

  /** Forgets every skip (O(1)). */
  reset(): void {
    this.current++;
  }

  skip(p: number): void {
    this.stamp[p] = this.current;
    this.next[p] = p + 1;
  }

  find(p: number): number {
    let root = p;
    while (this.stamp[root] === this.current) root = this.next[root]!;
    while (p !== root) {
      const n = this.next[p]!;
      this.next[p] = root;
      p = n;
    }
    return root;
  }
}

/** The most places the caps let any assignment fill (2 × visits when every visit can be staffed). */
export function implicitMaxStaffablePlaces(problem: ImplicitStaffingProblem): number {
  const V = problem.visits.length;
  const I = problem.caps.length;
  const cap = Float64Array.from(problem.caps, (c) => (Number.isFinite(c) ? c : V));
  const load = new Int32Array(I);
  // Visit v's places: slot[2v], slot[2v + 1] = inspector or -1; via[k] = 1 when through second(v).
  const slot = new Int32Array(2 * V).fill(-1);
  const via = new Uint8Array(2 * V);
  // served[i]: the slots person i fills.
  const served: number[][] = Array.from({ length: I }, () => []);
  const skips = new Map<Int32Array, SkipList>();
  const skipsOf = (base: Int32Array) => {
    let s = skips.get(base);
    if (!s) skips.set(base, (s = new SkipList(base.length)));
    return s;
  };
  const assignedTo = (v: number, i: number) => slot[2 * v] === i || slot[2 * v + 1] === i;
  const assign = (v: number, i: number, second: boolean) => {
    const k = slot[2 * v] === -1 ? 2 * v : 2 * v + 1;
    slot[k] = i;
    via[k] = second ? 1 : 0;
    load[i]!++;
    served[i]!.push(k);
  };
  const unassign = (v: number, i: number) => {
    const k = slot[2 * v] === i ? 2 * v : 2 * v + 1;
    slot[k] = -1;
    load[i]!--;
    const list = served[i]!;
    const at = list.indexOf(k);
    list[at] = list[list.length - 1]!;
    list.pop();
  };
  const filled = (v: number) => (slot[2 * v] === -1 ? 0 : 1) + (slot[2 * v + 1] === -1 ? 0 : 1);
  const hasSecond = (v: number) => (slot[2 * v] !== -1 && via[2 * v] === 1) || (slot[2 * v + 1] !== -1 && via[2 * v + 1] === 1);

  // Greedy start: people at their cap are skipped for good (loads only grow here).
  const firstWithRoom = (v: number, list: ImplicitList): number => {
    const s = skipsOf(list.base);
    for (let p = s.find(0); p < list.base.length; p = s.find(p + 1)) {
      const i = list.base[p]!;
      if (load[i]! >= cap[i]!) {
        s.skip(p);
        continue;
      }
      if (!assignedTo(v, i) && !sortedHas(list.excluded, i)) return i;
    }
    return -1;
  };
  for (let v = 0; v < V; v++) {
    const visit = problem.visits[v]!;
    const first = firstWithRoom(v, visit.enforcement);
    if (first === -1) continue;
    assign(v, first, false);
    const expert = firstWithRoom(v, visit.secondOnly);
    if (expert !== -1) assign(v, expert, true);
    else {
      const other = firstWithRoom(v, visit.enforcement);
      if (other !== -1) assign(v, other, false);
    }
  }

  // Augmenting paths. Nodes: visit v, second(v) = V + v, inspector i = 2V + i.
  for (const s of skips.values()) s.reset();
  const nodeCount = 2 * V + I;
  const reached = new Int32Array(nodeCount);
  const parent = new Int32Array(nodeCount);
  const queue = new Int32Array(nodeCount);
  let stamp = 0;
  const touched: SkipList[] = [];
  const augment = (start: number): boolean => {
    stamp++;
    for (const s of touched) s.reset();
    touched.length = 0;
    let qh = 0;
    let qt = 0;
    reached[start] = stamp;
    queue[qt++] = start;
    let found = -1;
    // Forward edges from visit v (or second(v)) to the people of `list` not yet reached.
    const scan = (from: number, v: number, list: ImplicitList): boolean => {
      const s = skipsOf(list.base);
      touched.push(s);
      for (let p = s.find(0); p < list.base.length; p = s.find(p + 1)) {
        const i = list.base[p]!;
        const node = 2 * V + i;
        if (reached[node] === stamp) {
          s.skip(p);
          continue;
        }
        if (assignedTo(v, i) || sortedHas(list.excluded, i)) continue;
        s.skip(p);
        reached[node] = stamp;
        parent[node] = from;
        if (load[i]! < cap[i]!) {
          found = node;
          return true;
        }
        queue[qt++] = node;
      }
      return false;
    };
    const reach = (from: number, node: number) => {
      if (reached[node] === stamp) return;
      reached[node] = stamp;
      parent[node] = from;
      queue[qt++] = node;
    };
    while (qh < qt && found === -1) {
      const u = queue[qh++]!;
      if (u < V) {
        const visit = problem.visits[u]!;
        if (scan(u, u, visit.enforcement)) break;
        if (visit.secondOnly.base.length > 0 && !hasSecond(u)) reach(u, V + u);
      } else if (u < 2 * V) {
        const v = u - V;
        if (scan(u, v, problem.visits[v]!.secondOnly)) break;
        if (hasSecond(v)) reach(u, v); // give back the unit v → second(v)
      } else {
        // a person at their cap: take back one of their places (reverse edges)
        for (const k of served[u - 2 * V]!) reach(u, via[k] === 1 ? V + (k >> 1) : k >> 1);
      }
    }
    if (found === -1) return false;
    const path: number[] = [];
    for (let x = found; x !== start; x = parent[x]!) path.push(x);
    path.push(start);
    path.reverse();
    for (let k = 0; k + 1 < path.length; k++) {
      const a = path[k]!;
      const b = path[k + 1]!;
      if (b >= 2 * V) assign(a < V ? a : a - V, b - 2 * V, a >= V);
      else if (a >= 2 * V) unassign(b < V ? b : b - V, a - 2 * V);
      // visit ↔ second(v): the unit follows the expert's slot
    }
    return true;
  };
  let places = 0;
  for (let v = 0; v < V; v++) {
    while (filled(v) < PLACES_PER_VISIT && augment(v));
    places += filled(v);
  }
  return places;
}

export function implicitStaffingFeasible(problem: ImplicitStaffingProblem): boolean {
  return implicitMaxStaffablePlaces(problem) === PLACES_PER_VISIT * problem.visits.length;
}
