// The flow network both staffing solvers work on (minCostStaffing.ts, staffingFeasible.ts), kept
// in flat arrays: edge e and e ^ 1 are a pair (forward, reverse); a node's edges are chained from
// head[node] through next[edge], -1 ending the chain.

export interface ResidualGraph {
  to: Int32Array;
  residual: Int32Array;
  next: Int32Array;
  head: Int32Array;
  /** Adds the edge u → w of capacity `cap` and its reverse (capacity 0); gives the forward edge. */
  addEdge(u: number, w: number, cap: number): number;
}

/** An empty network of `nodeCount` nodes with room for `edges` edge pairs. */
export function residualGraph(nodeCount: number, edges: number): ResidualGraph {
  const to = new Int32Array(2 * edges);
  const residual = new Int32Array(2 * edges);
  const next = new Int32Array(2 * edges);
  const head = new Int32Array(nodeCount).fill(-1);
  let count = 0;
  const link = (u: number, w: number, cap: number) => {
    to[count] = w;
    residual[count] = cap;
    next[count] = head[u]!;
    head[u] = count++;
  };
  return {
    to,
    residual,
    next,
    head,
    addEdge(u, w, cap) {
      const forward = count;
      link(u, w, cap);
      link(w, u, 0);
      return forward;
    },
  };
}
