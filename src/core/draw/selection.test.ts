import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { selectGroup } from './selection.ts';
import type { FrameEntry } from './frame.ts';

// A ticketer with hand-picked tickets: the first byte is the value, the rest zero.
const ticketsBy = (values: Record<string, number>) => (id: string) => {
  const t = new Uint8Array(32);
  t[0] = values[id]!;
  return t;
};

const entries: FrameEntry[] = [
  { id: 'P1', class: 'A' },
  { id: 'P2', class: 'A' },
  { id: 'P3', class: 'A' },
  { id: 'P4', class: 'A' },
  { id: 'P5', class: 'B' },
];

describe('selection (docs/draw-spec.md §5)', () => {
  it('takes the n_h smallest tickets, then the next ones as the ordered reserve', () => {
    const ticketOf = ticketsBy({ P1: 9, P2: 3, P3: 7, P4: 1, P5: 5 });
    const { sample, reserves } = selectGroup('G', entries, { A: { N: 4, n: 2 }, B: { N: 1, n: 0 } }, 1, ticketOf);
    expect(sample.map((e) => [e.id, e.rank])).toEqual([
      ['P4', 1],
      ['P2', 2],
    ]);
    expect(reserves.map((e) => [e.id, e.rank, e.used, e.reason])).toEqual([['P3', 1, false, null]]);
  });

  it('breaks equal tickets by id bytes', () => {
    const ticketOf = ticketsBy({ P1: 4, P2: 4, P3: 4, P4: 4, P5: 4 });
    const { sample } = selectGroup('G', entries, { '*': { N: 5, n: 3 } }, 0, ticketOf);
    expect(sample.map((e) => `${e.class}/${e.id}`)).toEqual(['*/P1', '*/P2', '*/P3']);
  });

  it('gives no reserve to a stratum that draws nothing, and never more than remain', () => {
    const ticketOf = ticketsBy({ P1: 1, P2: 2, P3: 3, P4: 4, P5: 5 });
    const { reserves } = selectGroup('G', entries, { A: { N: 4, n: 3 }, B: { N: 1, n: 0 } }, 5, ticketOf);
    expect(reserves.map((e) => e.id)).toEqual(['P4']);
  });
});

describe('selection against a plain sort (property)', () => {
  it('the bounded heap returns exactly the first n + reserve of a full sort', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 40 }),
        fc.array(fc.nat(3), { minLength: 40, maxLength: 40 }),
        fc.nat(45),
        fc.nat(4),
        (ids, values, n, reserve) => {
          const tickets = Object.fromEntries(ids.map((id, i) => [id, values[i]!]));
          const members = ids.map((id) => ({ id, class: 'A' as const }));
          const nA = Math.min(n, ids.length);
          const { sample, reserves } = selectGroup('G', members, { A: { N: ids.length, n: nA } }, reserve, ticketsBy(tickets));
          const sorted = [...ids].sort((a, b) => tickets[a]! - tickets[b]! || Buffer.compare(Buffer.from(a), Buffer.from(b)));
          expect([...sample, ...reserves].map((e) => e.id)).toEqual(sorted.slice(0, nA === 0 ? 0 : nA + reserve));
        },
      ),
    );
  });
});
