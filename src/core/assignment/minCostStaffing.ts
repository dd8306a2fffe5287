// Minimum-cost staffing (docs/draw-spec.md §8) as a min-cost flow, solved exactly.
//
// Network, per visit v (supply 2, the "≥2 inspectors" of §8, met with exactly 2 because
// every cost is positive — more people are added by hand, with a logged reason):
//   v ──(cap 1, c(v,i))──> enforcement inspector i            (eligible 执法人员)
//   v ──(cap 1, 0)──> second(v) ──(cap 1, c(v,i))──> inspector i   (those who may only be
//                                                                   the second person: experts)
//   inspector i ──(cap = i's cap, 0)──> sink
// One edge per (visit, inspector) pair, so the two people are distinct; at most one unit
// passes second(v), so at least one of the two is an enforcement officer.
//
// Algorithm: successive shortest paths with Johnson potentials, augmenting one unit at a
// time from each visit in canonical order (the supply-by-supply form of SSP, as in the
// Hungarian / Jonker–Volgenant algorithm). Dijkstra on reduced costs stops when the sink
// is settled; potentials of settled nodes move by d(x) − d(sink), the rest stay, which
// keeps every residual reduced cost ≥ 0 (so the flow stays minimum-cost after every
// augmentation, and the final one is the optimum of §8, not a greedy pick). Costs are
// 64-bit, so sums and potentials are BigInt: exact, and "any correct solver agrees".
//
// Complexity: 2·V augmentations; each is one Dijkstra over the part of the residual graph
// reachable from its visit, O(E_r log N_r). With per-unit pools that part is the unit's
// own visits and inspectors, so the work is Σ_units 2·V_u · E_u log N_u, with
// E_u = V_u × I_u eligible pairs (and the same number of SM3 costs). Worst case (one pool
// for all) O(V · E log N). For 50,000 visits × 2,000 inspectors in one dense pool
// (10⁸ pairs) a pair list would not fit in memory: matchInspectors never lists them, it streams
// each visit's costs and gives minCostStaffingLazy the cheapest few with a bound (below).
//
// Pruning (exact): the solver first sees only the k cheapest candidates of each list of each
// visit (k = candidatesPerVisit, default 8). At its optimum every residual reduced cost
// c + π(u) − π(w) is ≥ 0; a dropped pair is an unused edge, so if its reduced cost under the
// final potentials is ≥ 0 too, no negative cycle exists in the full residual graph and the
// flow is optimal for the full problem (the same optimum, unique with overwhelming
// probability per §8). Dropped pairs with a negative reduced cost are added and the problem
// solved again (rarely needed). If the pruned problem is infeasible, the full one is solved,
// so infeasibility is always named on the full graph.
//
// A visit whose supply cannot be routed stays short. A visit that fails once can never be
// augmented later (augmenting elsewhere does not create residual paths from it), so the
// final flow is maximum; the visits then reachable from the short ones in the residual
// graph are exactly those that cannot all be staffed together (the source side of the
// minimal minimum cut, the same for every maximum flow), reported as groups.

import { residualGraph } from './residualGraph.ts';

export interface StaffingCandidate {
  inspector: number;
  cost: bigint;
}

export interface StaffingVisit {
  /** Inspectors who may fill either place (enforcement officers with a valid 执法证). */
  enforcement: readonly StaffingCandidate[];
  /** Inspectors who may only be the second person (experts, §8 "only in addition"). */
  secondOnly: readonly StaffingCandidate[];
}

export interface StaffingProblem {
  /** caps[i]: most visits inspector i may take; Infinity for no cap. */
  caps: readonly number[];
  visits: readonly StaffingVisit[];
}

export interface ShortGroup {
  /** Visits (indices) that cannot all be staffed together, ascending. */
  visits: number[];
  /** 2 × visits.length */
  demand: number;
  /** Places the caps let the solver fill in this group (< demand). */
  supplied: number;
}

export type StaffingResult = { feasible: true; staffed: number[][]; totalCost: bigint } | { feasible: false; groups: ShortGroup[] };

export const PLACES_PER_VISIT = 2;

export interface StaffingOptions {
  /** Candidates per list per visit the first solve sees (exact either way; see above). Infinity: no pruning. */
  candidatesPerVisit?: number;
}

export function minCostStaffing(problem: StaffingProblem, options: StaffingOptions = {}): StaffingResult {
  const k = options.candidatesPerVisit ?? 8;
  const prunable = problem.visits.some((v) => v.enforcement.length > k || v.secondOnly.length > k);
  if (!prunable) return solveStaffing(problem).result;

  // kept[v]: the candidate lists the solver sees for visit v, grown by re-solves.
  const kept = problem.visits.map((v) => ({ enforcement: cheapest(v.enforcement, k), secondOnly: cheapest(v.secondOnly, k) }));
  for (;;) {
    const solved = solveStaffing({ caps: problem.caps, visits: kept });
    if (!solved.result.feasible) return solveStaffing(problem).result;
    const { potential } = solved;
    const V = problem.visits.length;
    const inspectorPotential = (i: number) => potential[2 * V + i]!;
    let added = 0;
    problem.visits.forEach((visit, v) => {
      const lists = kept[v]!;
      // Edges v → i (enforcement) and second(v) → i (second only), docs/draw-spec.md §8 network above.
      const grow = (all: readonly StaffingCandidate[], have: StaffingCandidate[], from: bigint) => {
        if (all.length === have.length) return;
        const present = new Set(have.map((c) => c.inspector));
        for (const cand of all) {
          if (present.has(cand.inspector)) continue;
          if (cand.cost + from - inspectorPotential(cand.inspector) < 0n) {
            have.push(cand);
            added++;
          }
        }
      };
      grow(visit.enforcement, lists.enforcement, potential[v]!);
      if (visit.secondOnly.length > 0) grow(visit.secondOnly, lists.secondOnly, potential[V + v]!);
    });
    if (added === 0) return solved.result;
  }
}

/** A visit whose lists may leave eligible candidates out (see minCostStaffingLazy). */
export interface LazyStaffingVisit extends StaffingVisit {
  /** Null when `enforcement` lists every eligible candidate; else no candidate left out costs less. */
  enforcementBound: bigint | null;
  secondOnlyBound: bigint | null;
}

export type StaffingKind = 'enforcement' | 'secondOnly';

/**
 * Recomputes the costs of visit v's eligible candidates of one kind and gives a longer list
 * that holds every candidate `negative` accepts, with its bound (null: the list is complete).
 */
export type WidenList = (
  v: number,
  kind: StaffingKind,
  negative: (candidate: StaffingCandidate) => boolean,
) => { candidates: StaffingCandidate[]; bound: bigint | null };

/**
 * The exact optimum when the candidates are too many to list (a dense pool: 10⁸ pairs): the
 * solver sees each visit's cheapest candidates, and a list's bound stands for all it leaves out.
 * At the optimum of the lists every residual reduced cost is ≥ 0; a left-out pair (v, i) of cost
 * c ≥ bound has reduced cost c + π(v) − π(i) ≥ bound + π(v) − max π, so when that is ≥ 0 for
 * every list, no negative cycle exists in the full residual graph and the flow is the optimum of
 * the full problem. A list failing that test is widened (its costs recomputed); a pair of
 * negative reduced cost is added and the lists solved again. `visits` is updated in place.
 * When the lists cannot staff every visit, gives the groups short on the lists (the caller
 * decides on the full problem).
 */
export function minCostStaffingLazy(caps: readonly number[], visits: LazyStaffingVisit[], widen: WidenList): StaffingResult {
  const V = visits.length;
  for (;;) {
    const solved = solveStaffing({ caps, visits });
    if (!solved.result.feasible) return solved.result;
    const { potential } = solved;
    let maxPotential = 0n;
    for (let x = 2 * V; x < 2 * V + caps.length; x++) if (potential[x]! > maxPotential) maxPotential = potential[x]!;
    let added = 0;
    visits.forEach((visit, v) => {
      const check = (kind: StaffingKind, bound: bigint | null, from: bigint) => {
        if (bound === null || bound + from - maxPotential >= 0n) return;
        const have = new Set(visit[kind].map((c) => c.inspector));
        const negative = (c: StaffingCandidate) => c.cost + from - potential[2 * V + c.inspector]! < 0n;
        const widened = widen(v, kind, negative);
        const list = [...visit[kind]];
        for (const c of widened.candidates) {
          if (have.has(c.inspector)) continue;
          list.push(c);
          if (negative(c)) added++;
        }
        visits[v] = { ...visits[v]!, [kind]: list, [kind === 'enforcement' ? 'enforcementBound' : 'secondOnlyBound']: widened.bound };
      };
      check('enforcement', visit.enforcementBound, potential[v]!);
      if (visit.secondOnly.length > 0) check('secondOnly', visits[v]!.secondOnlyBound, potential[V + v]!);
    });
    if (added === 0) return solved.result;
  }
}

// The k cheapest candidates (ties by inspector index), in their original order.
function cheapest(list: readonly StaffingCandidate[], k: number): StaffingCandidate[] {
  if (list.length <= k) return [...list];
  const chosen = new Set([...list].sort((a, b) => (a.cost < b.cost ? -1 : a.cost > b.cost ? 1 : a.inspector - b.inspector)).slice(0, k));
  return list.filter((c) => chosen.has(c));
}

function solveStaffing(problem: StaffingProblem): { result: StaffingResult; potential: bigint[] } {
  const V = problem.visits.length;
  const I = problem.caps.length;
  const nodeCount = 2 * V + I + 1;
  const sink = 2 * V + I;
  const inspectorNode = (i: number) => 2 * V + i;

  // The network; edge e and e^1 are a pair (forward, reverse), each with its cost.
  let capacityTotal = 0;
  for (const v of problem.visits) capacityTotal += v.enforcement.length + (v.secondOnly.length > 0 ? 1 + v.secondOnly.length : 0);
  capacityTotal += I;
  const { to, residual, next, head, addEdge: addFlowEdge } = residualGraph(nodeCount, capacityTotal);
  const cost: bigint[] = new Array<bigint>(2 * capacityTotal);
  const addEdge = (u: number, w: number, cap: number, c: bigint) => {
    const e = addFlowEdge(u, w, cap);
    cost[e] = c;
    cost[e ^ 1] = -c;
  };
  problem.visits.forEach((visit, v) => {
    for (const cand of visit.enforcement) addEdge(v, inspectorNode(cand.inspector), 1, cand.cost);
    if (visit.secondOnly.length > 0) {
      addEdge(v, V + v, 1, 0n);
      for (const cand of visit.secondOnly) addEdge(V + v, inspectorNode(cand.inspector), 1, cand.cost);
    }
  });
  problem.caps.forEach((cap, i) => addEdge(inspectorNode(i), sink, Number.isFinite(cap) ? cap : V, 0n));

  const potential: bigint[] = new Array<bigint>(nodeCount).fill(0n);
  const dist: bigint[] = new Array<bigint>(nodeCount).fill(0n);
  const parentEdge = new Int32Array(nodeCount);
  const seen = new Int32Array(nodeCount); // stamp: dist valid when seen[x] === stamp
  const settled = new Int32Array(nodeCount);
  let stamp = 0;
  const heap = new DistanceHeap();
  const settledList: number[] = [];
  const shortBy = new Int32Array(V);

  const augmentFrom = (start: number): boolean => {
    stamp++;
    heap.clear();
    settledList.length = 0;
    seen[start] = stamp;
    dist[start] = 0n;
    parentEdge[start] = -1;
    heap.push(0n, start);
    let reached = false;
    while (heap.size > 0) {
      const [d, u] = heap.pop();
      if (settled[u] === stamp) continue;
      settled[u] = stamp;
      settledList.push(u);
      if (u === sink) {
        reached = true;
        break;
      }
      const pu = potential[u]!;
      for (let e = head[u]!; e !== -1; e = next[e]!) {
        if (residual[e]! <= 0) continue;
        const w = to[e]!;
        if (settled[w] === stamp) continue;
        const nd = d + cost[e]! + pu - potential[w]!;
        if (seen[w] !== stamp || nd < dist[w]!) {
          seen[w] = stamp;
          dist[w] = nd;
          parentEdge[w] = e;
          heap.push(nd, w);
        }
      }
    }
    if (!reached) return false;
    const dSink = dist[sink]!;
    for (const x of settledList) potential[x] = potential[x]! + dist[x]! - dSink;
    for (let x = sink; x !== start;) {
      const e = parentEdge[x]!;
      residual[e]!--;
      residual[e ^ 1]!++;
      x = to[e ^ 1]!;
    }
    return true;
  };

  let anyShort = false;
  for (let v = 0; v < V; v++) {
    for (let k = 0; k < PLACES_PER_VISIT; k++) {
      if (!augmentFrom(v)) {
        shortBy[v] = PLACES_PER_VISIT - k;
        anyShort = true;
        break;
      }
    }
  }

  if (anyShort) return { result: { feasible: false, groups: shortGroups(V, shortBy, head, next, to, residual, nodeCount) }, potential };

  const staffed: number[][] = [];
  let totalCost = 0n;
  for (let v = 0; v < V; v++) {
    const people: number[] = [];
    for (const u of [v, V + v]) {
      for (let e = head[u]!; e !== -1; e = next[e]!) {
        // forward edges to inspectors carrying flow have residual 0 and a reverse with 1
        if ((e & 1) === 0 && to[e]! >= 2 * V && residual[e] === 0) {
          people.push(to[e]! - 2 * V);
          totalCost += cost[e]!;
        }
      }
    }
    people.sort((a, b) => a - b);
    staffed.push(people);
  }
  return { result: { feasible: true, staffed, totalCost }, potential };
}

/** Groups of visits that cannot all be staffed: residual reachability from each short visit, merged when they overlap. */
function shortGroups(
  V: number,
  shortBy: Int32Array,
  head: Int32Array,
  next: Int32Array,
  to: Int32Array,
  residual: Int32Array,
  nodeCount: number,
): ShortGroup[] {
  const parent = Array.from({ length: V }, (_, v) => v);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  const inGroup = new Uint8Array(V);
  for (let s = 0; s < V; s++) {
    if (shortBy[s] === 0) continue;
    const mark = new Uint8Array(nodeCount);
    const stack = [s];
    mark[s] = 1;
    while (stack.length > 0) {
      const u = stack.pop()!;
      if (u === nodeCount - 1) continue; // the sink: never reached from a short visit, guard anyway
      if (u < V) {
        inGroup[u] = 1;
        parent[find(u)] = find(s);
      }
      for (let e = head[u]!; e !== -1; e = next[e]!) {
        const w = to[e]!;
        if (residual[e]! > 0 && !mark[w]) {
          mark[w] = 1;
          stack.push(w);
        }
      }
    }
  }
  const byRoot = new Map<number, number[]>();
  for (let v = 0; v < V; v++) {
    if (!inGroup[v]) continue;
    const r = find(v);
    const list = byRoot.get(r) ?? [];
    list.push(v);
    byRoot.set(r, list);
  }
  return [...byRoot.values()]
    .sort((a, b) => a[0]! - b[0]!)
    .map((visits) => {
      const demand = PLACES_PER_VISIT * visits.length;
      let short = 0;
      for (const v of visits) short += shortBy[v]!;
      return { visits, demand, supplied: demand - short };
    });
}

/** Binary min-heap of (distance, node), lazy deletion; ties by node index for determinism. */
class DistanceHeap {
  private keys: bigint[] = [];
  private nodes: number[] = [];

  get size(): number {
    return this.nodes.length;
  }

  clear(): void {
    this.keys.length = 0;
    this.nodes.length = 0;
  }

  push(key: bigint, node: number): void {
    const keys = this.keys;
    const nodes = this.nodes;
    let i = nodes.length;
    keys.push(key);
    nodes.push(node);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(key, node, keys[p]!, nodes[p]!)) break;
      keys[i] = keys[p]!;
      nodes[i] = nodes[p]!;
      i = p;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  pop(): [bigint, number] {
    const keys = this.keys;
    const nodes = this.nodes;
    const topKey = keys[0]!;
    const topNode = nodes[0]!;
    const lastKey = keys.pop()!;
    const lastNode = nodes.pop()!;
    const n = nodes.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && this.less(keys[r]!, nodes[r]!, keys[l]!, nodes[l]!) ? r : l;
        if (!this.less(keys[c]!, nodes[c]!, lastKey, lastNode)) break;
        keys[i] = keys[c]!;
        nodes[i] = nodes[c]!;
        i = c;
      }
      keys[i] = lastKey;
      nodes[i] = lastNode;
    }
    return [topKey, topNode];
  }

  private less(ka: bigint, na: number, kb: bigint, nb: number): boolean {
    return ka < kb || (ka === kb && na < nb);
  }
}
