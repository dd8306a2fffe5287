// Per-stratum selection with ordered reserves (docs/draw-spec.md §5): in each stratum the n_h
// smallest tickets are the sample, the next reserve_h the ordered reserve list.
import { bytesToHex } from '../hash/index.ts';
import { ALL_OBJECTS, type GroupAllocation, type Stratum } from './allocation.ts';
import { RISK_CLASSES, type FrameEntry } from './frame.ts';
import { compareTicketThenId, type Ticketer } from './tickets.ts';

export interface SampleEntry {
  group: string;
  id: string;
  class: Stratum;
  ticket: string;
  /** 1-based order within the stratum. */
  rank: number;
}

export interface ReserveEntry extends SampleEntry {
  used: boolean;
  reason: string | null;
}

export interface GroupSelection {
  sample: SampleEntry[];
  reserves: ReserveEntry[];
}

/**
 * Draws one group: strata in order A, B, C, D, U (or the single "*"), each listed by rank.
 * Choice (docs/draw-spec.md §2 gives one `reserve` per group, §5 speaks of reserve_h): `reserve`
 * is the reserve list length in every stratum, see reserveLength. Reserve ranks restart
 * at 1 (the §10 example shows rank 1 for a reserve).
 */
export function selectGroup(
  group: string,
  eligible: readonly FrameEntry[],
  allocation: GroupAllocation,
  reserve: number,
  ticketOf: Ticketer,
): GroupSelection {
  const sample: SampleEntry[] = [];
  const reserves: ReserveEntry[] = [];
  const strata: Stratum[] = allocation[ALL_OBJECTS] ? [ALL_OBJECTS] : [...RISK_CLASSES];
  for (const stratum of strata) {
    const n = allocation[stratum]?.n ?? 0;
    const members = stratum === ALL_OBJECTS ? eligible : eligible.filter((e) => e.class === stratum);
    const wanted = n + reserveLength(n, members.length, reserve);
    if (wanted === 0) continue;
    const ranked = smallestTickets(members, wanted, ticketOf);
    ranked.forEach((t, i) => {
      const entry = { group, id: t.id, class: stratum, ticket: bytesToHex(t.ticket) };
      if (i < n) sample.push({ ...entry, rank: i + 1 });
      else reserves.push({ ...entry, rank: i - n + 1, used: false, reason: null });
    });
  }
  return { sample, reserves };
}

/**
 * Length of a stratum's reserve list: min(reserve, N_h − n_h), and none when n_h = 0
 * (choice: a reserve replaces a drawn object, so a stratum drawing nothing needs none).
 */
export function reserveLength(n: number, N: number, reserve: number): number {
  return n === 0 ? 0 : Math.max(0, Math.min(reserve, N - n));
}

interface Ticketed {
  id: string;
  ticket: Uint8Array;
}

// The `count` smallest (ticket, id) pairs in order, kept in a bounded max-heap so memory
// is O(count), not O(N_h): only candidates that could still be drawn are retained.
function smallestTickets(members: readonly FrameEntry[], count: number, ticketOf: Ticketer): Ticketed[] {
  const heap: Ticketed[] = [];
  for (const m of members) {
    const candidate = { id: m.id, ticket: ticketOf(m.id) };
    if (heap.length < count) {
      heap.push(candidate);
      siftUp(heap, heap.length - 1);
    } else if (compareTicketThenId(candidate, heap[0]!) < 0) {
      heap[0] = candidate;
      siftDown(heap, 0);
    }
  }
  return heap.sort(compareTicketThenId);
}

// Max-heap on ticket order: the root is the largest retained ticket.
function siftUp(heap: Ticketed[], i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (compareTicketThenId(heap[i]!, heap[parent]!) <= 0) return;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function siftDown(heap: Ticketed[], i: number): void {
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let largest = i;
    if (left < heap.length && compareTicketThenId(heap[left]!, heap[largest]!) > 0) largest = left;
    if (right < heap.length && compareTicketThenId(heap[right]!, heap[largest]!) > 0) largest = right;
    if (largest === i) return;
    [heap[i], heap[largest]] = [heap[largest]!, heap[i]!];
    i = largest;
  }
}
