// Whether a staffing problem (docs/draw-spec.md §8) has any feasible assignment at all, ignoring
// costs: a maximum flow on the network of minCostStaffing.ts (source → visit, capacity 2; visit →
// enforcement officer, capacity 1; visit → second(v), capacity 1 → expert, capacity 1; inspector
// → sink, capacity = cap), feasible when the flow is 2 per visit. Dinic's algorithm: breadth-first
// levels, then blocking flows by depth-first search with a current-edge pointer; on unit-capacity
// bipartite graphs like this one it runs in O(E·√V).
//
// Two uses: the fair share's search for the smallest cap that still staffs every visit, and the
// baseline the matching bench compares the min-cost solver with (the same instance, no costs).
import { PLACES_PER_VISIT, type StaffingProblem } from './minCostStaffing.ts';
import { residualGraph } from './residualGraph.ts';

/** The most places the caps let any assignment fill (2 × visits when feasible). */
export function maxStaffablePlaces(problem: StaffingProblem): number {
  const V = problem.visits.length;
  const I = problem.caps.length;
  // nodes: 0 source, 1..V visits, V+1..2V second(v), 2V+1..2V+I inspectors, 2V+I+1 sink
  const source = 0;
  const visitNode = (v: number) => 1 + v;
  const secondNode = (v: number) => 1 + V + v;
  const inspectorNode = (i: number) => 1 + 2 * V + i;
  const sink = 1 + 2 * V + I;
  const nodeCount = sink + 1;

  let edges = V + I;
  for (const v of problem.visits) edges += v.enforcement.length + (v.secondOnly.length > 0 ? 1 + v.secondOnly.length : 0);
  const { to, residual, next, head, addEdge } = residualGraph(nodeCount, edges);
  problem.visits.forEach((visit, v) => {
    addEdge(source, visitNode(v), PLACES_PER_VISIT);
    for (const c of visit.enforcement) addEdge(visitNode(v), inspectorNode(c.inspector), 1);
    if (visit.secondOnly.length > 0) {
      addEdge(visitNode(v), secondNode(v), 1);
      for (const c of visit.secondOnly) addEdge(secondNode(v), inspectorNode(c.inspector), 1);
    }
  });
  problem.caps.forEach((cap, i) => addEdge(inspectorNode(i), sink, Math.min(Number.isFinite(cap) ? cap : V, V)));

  const level = new Int32Array(nodeCount);
  const current = new Int32Array(nodeCount);
  const queue = new Int32Array(nodeCount);
  const bfs = (): boolean => {
    level.fill(-1);
    level[source] = 0;
    let qh = 0;
    let qt = 0;
    queue[qt++] = source;
    while (qh < qt) {
      const u = queue[qh++]!;
      for (let e = head[u]!; e !== -1; e = next[e]!) {
        if (residual[e]! > 0 && level[to[e]!] === -1) {
          level[to[e]!] = level[u]! + 1;
          queue[qt++] = to[e]!;
        }
      }
    }
    return level[sink] !== -1;
  };
  // Iterative DFS for one augmenting path of the level graph (through reverse edges a path may
  // pass many visits, so it is as long as the levels go).
  const pathEdges = new Int32Array(nodeCount);
  const augment = (): number => {
    let depth = 0;
    let u = source;
    for (;;) {
      if (u === sink) {
        let bottleneck = Infinity;
        for (let k = 0; k < depth; k++) bottleneck = Math.min(bottleneck, residual[pathEdges[k]!]!);
        for (let k = 0; k < depth; k++) {
          residual[pathEdges[k]!]! -= bottleneck;
          residual[pathEdges[k]! ^ 1]! += bottleneck;
        }
        return bottleneck;
      }
      let advanced = false;
      for (let e = current[u]!; e !== -1; e = next[e]!) {
        const w = to[e]!;
        if (residual[e]! > 0 && level[w] === level[u]! + 1) {
          current[u] = e;
          pathEdges[depth++] = e;
          u = w;
          advanced = true;
          break;
        }
      }
      if (advanced) continue;
      // dead end: retreat and skip the edge that led here
      current[u] = -1;
      level[u] = -1;
      if (depth === 0) return 0;
      const back = pathEdges[--depth]!;
      u = to[back ^ 1]!;
      current[u] = next[current[u]!]!;
    }
  };
  let flow = 0;
  while (bfs()) {
    current.set(head);
    for (let pushed = augment(); pushed > 0; pushed = augment()) flow += pushed;
  }
  return flow;
}

export function staffingFeasible(problem: StaffingProblem): boolean {
  return maxStaffablePlaces(problem) === PLACES_PER_VISIT * problem.visits.length;
}
