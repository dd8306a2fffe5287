// The brute-force oracle of the staffing tests: every choice of one pair of people per visit.

export interface PairChoice<V, P> {
  /** The people who may go on this visit. */
  candidates(visit: V): readonly P[];
  /** Who a candidate is (the same person may be a candidate of several visits). */
  key(person: P): string | number;
  /** How many visits the person may go on at most. */
  cap(person: P): number;
  /** An enforcement officer (each pair needs one). */
  enforcement(person: P): boolean;
  cost(visit: V, person: P): bigint;
}

/**
 * The minimum total cost over every choice of one pair per visit — at least one of the pair an
 * enforcement officer, nobody past their cap — or null when no choice is feasible.
 */
export function cheapestPairs<V, P>(visits: readonly V[], choice: PairChoice<V, P>): bigint | null {
  const used = new Map<string | number, number>();
  const load = (p: P) => used.get(choice.key(p)) ?? 0;
  let best: bigint | null = null;
  const go = (k: number, sum: bigint) => {
    if (k === visits.length) {
      if (best === null || sum < best) best = sum;
      return;
    }
    const visit = visits[k]!;
    const cands = choice.candidates(visit);
    for (let a = 0; a < cands.length; a++) {
      for (let b = a + 1; b < cands.length; b++) {
        const pair = [cands[a]!, cands[b]!];
        if (!pair.some((p) => choice.enforcement(p))) continue;
        if (pair.some((p) => load(p) >= choice.cap(p))) continue;
        for (const p of pair) used.set(choice.key(p), load(p) + 1);
        go(k + 1, sum + pair.reduce((s, p) => s + choice.cost(visit, p), 0n));
        for (const p of pair) used.set(choice.key(p), load(p) - 1);
      }
    }
  };
  go(0, 0n);
  return best;
}
