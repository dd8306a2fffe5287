// The messages between a matching and its worker threads (parallelMatching.ts,
// matchingWorker.ts), and the candidate lists packed in typed arrays to cross between them. A
// module of its own, so that the worker's bundle holds only what the worker runs.
import type { LazyStaffingVisit, StaffingCandidate } from '../../core/assignment/minCostStaffing.ts';
import type { ListsRequest } from '../../core/assignment/pairCosts.ts';

export type MatchingWorkerRequest = { type: 'start'; request: ListsRequest } | { type: 'visits'; from: number; to: number };

export type MatchingWorkerReply =
  { type: 'ready' } | { type: 'lists'; from: number; to: number; packed: PackedLists } | { type: 'error'; message: string };

/**
 * Lists as typed arrays (cheap to move between threads): per visit and kind, 2 × candidates +
 * 1 if bounded in `counts`; the candidates' inspectors in `who`; their costs as high and low
 * 32-bit words in `words`, followed by every (visit, kind)'s bound (0, 0 when none).
 */
export interface PackedLists {
  counts: Int32Array;
  who: Int32Array;
  words: Uint32Array;
}

const KINDS = ['enforcement', 'secondOnly'] as const;
const BOUNDS = ['enforcementBound', 'secondOnlyBound'] as const;

export function packLists(lists: readonly LazyStaffingVisit[]): PackedLists {
  const n = lists.length;
  let total = 0;
  for (const l of lists) total += l.enforcement.length + l.secondOnly.length;
  const counts = new Int32Array(2 * n);
  const who = new Int32Array(total);
  const words = new Uint32Array(2 * total + 4 * n);
  let at = 0;
  lists.forEach((l, v) => {
    KINDS.forEach((kind, k) => {
      const bound = l[BOUNDS[k]!];
      counts[2 * v + k] = 2 * l[kind].length + (bound === null ? 0 : 1);
      for (const c of l[kind]) {
        who[at] = c.inspector;
        words[2 * at] = Number(c.cost >> 32n);
        words[2 * at + 1] = Number(c.cost & 0xffffffffn);
        at++;
      }
      if (bound !== null) {
        words[2 * total + 4 * v + 2 * k] = Number(bound >> 32n);
        words[2 * total + 4 * v + 2 * k + 1] = Number(bound & 0xffffffffn);
      }
    });
  });
  return { counts, who, words };
}

export function unpackLists(packed: PackedLists): LazyStaffingVisit[] {
  const { counts, who, words } = packed;
  const n = counts.length / 2;
  const total = who.length;
  const big = (at: number) => (BigInt(words[at]!) << 32n) | BigInt(words[at + 1]!);
  const out: LazyStaffingVisit[] = [];
  let at = 0;
  for (let v = 0; v < n; v++) {
    const visit = {} as LazyStaffingVisit;
    KINDS.forEach((kind, k) => {
      const count = counts[2 * v + k]! >> 1;
      const candidates: StaffingCandidate[] = [];
      for (let c = 0; c < count; c++, at++) candidates.push({ inspector: who[at]!, cost: big(2 * at) });
      visit[kind] = candidates;
      visit[BOUNDS[k]!] = counts[2 * v + k]! & 1 ? big(2 * total + 4 * v + 2 * k) : null;
    });
    out.push(visit);
  }
  return out;
}
