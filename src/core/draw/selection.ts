// Per-stratum selection with ordered reserves (draw-spec §5): in each stratum the n_h
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
 * Choice (draw-spec §2 gives one `reserve` per group, §5 speaks of reserve_h): `reserve`
 * is the reserve list length in every stratum, min(reserve, N_h − n_h). Reserve ranks
 * restart at 1 (the §10 example shows rank 1 for a reserve).
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
    const wanted = Math.min(members.length, n + reserve);
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

// The `count` smallest (ticket, id) pairs in order. Keeps simple: ticket every member and
// sort; a bounded heap is the obvious next step for very large strata.
function smallestTickets(members: readonly FrameEntry[], count: number, ticketOf: Ticketer): { id: string; ticket: Uint8Array }[] {
  const ticketed = members.map((m) => ({ id: m.id, ticket: ticketOf(m.id) }));
  ticketed.sort(compareTicketThenId);
  return ticketed.slice(0, count);
}
