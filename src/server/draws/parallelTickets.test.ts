import { describe, expect, it } from 'vitest';
import { allocateByRiskClass } from '../../core/draw/allocation.ts';
import { selectionFromSmallest, ticketsWanted, ticketsWantedEstimate } from '../../core/draw/batchTickets.ts';
import { countByClass, formatFrame, type FrameEntry } from '../../core/draw/frame.ts';
import { selectGroup } from '../../core/draw/selection.ts';
import { makeTicketer } from '../../core/draw/tickets.ts';
import { ParallelTicketPool, smallestTicketsParallel } from './parallelTickets.ts';

const entries: FrameEntry[] = Array.from({ length: 30_000 }, (_, i) => ({
  id: `91140581${String(i * 7 + 3).padStart(9, '0')}${'0123456789ABCDEFGHJKLMNPQRTUWXY'[i % 31]}`,
  class: (['A', 'A', 'A', 'B', 'B', 'B', 'B', 'B', 'C', 'D'] as const)[i % 10]!,
}));
const seed = 'c3'.repeat(32);

describe('tickets over worker threads (docs/draw-spec.md §5)', () => {
  it('gives the single-thread selection, for 1 to 3 workers and both hashes', async () => {
    const allocation = allocateByRiskClass({ mode: 'total', ratio: '0.03' }, countByClass(entries));
    const wanted = ticketsWanted(allocation, 5);
    for (const alg of ['sm3', 'sha256'] as const) {
      const expected = selectGroup('G', entries, allocation, 5, makeTicketer(alg, seed));
      for (const threads of [1, 3]) {
        const result = await smallestTicketsParallel(alg, seed, new TextEncoder().encode(formatFrame(entries)), wanted, threads);
        expect(result.count).toBe(entries.length);
        expect(result.threads).toBe(threads);
        expect(selectionFromSmallest('G', allocation, result.smallest)).toEqual(expected);
      }
    }
  }, 60_000);

  it('takes frame-file text page by page, as read from the database', async () => {
    const allocation = allocateByRiskClass({ mode: 'none', count: 50 }, countByClass(entries));
    const wanted = ticketsWanted(allocation, 2);
    const lines = formatFrame(entries).split(/(?<=\n)/);
    const pool = new ParallelTicketPool(2);
    await pool.ready();
    pool.start('sm3', seed, wanted);
    for (let at = 0; at < lines.length; at += 4_000) pool.submitText(new TextEncoder().encode(lines.slice(at, at + 4_000).join('')));
    const result = await pool.finish();
    expect(result.count).toBe(entries.length);
    expect(selectionFromSmallest('G', allocation, result.smallest)).toEqual(
      selectGroup('G', entries, allocation, 2, makeTicketer('sm3', seed)),
    );
  }, 60_000);

  it('keeps tickets for estimated counts and cuts each part to the exact ones at the end', async () => {
    const spec = { mode: 'total' as const, ratio: '0.03' };
    const allocation = allocateByRiskClass(spec, countByClass(entries));
    const exact = ticketsWanted(allocation, 5);
    const text = new TextEncoder().encode(formatFrame(entries));
    // Counts a few per cent off (9,000 / 15,000 / 3,000 / 3,000 really), as a planner estimates them.
    const kept = ticketsWantedEstimate(spec, { A: 8700, B: 15400, C: 2900, D: 3100, U: 0 }, 40_000, 5);
    const pool = new ParallelTicketPool(2);
    pool.start('sm3', seed, kept);
    pool.submitText(text);
    const result = await pool.finish(exact);
    expect(selectionFromSmallest('G', allocation, result.smallest)).toEqual(
      selectGroup('G', entries, allocation, 5, makeTicketer('sm3', seed)),
    );
    // Asking for more than was kept is refused, not answered short.
    const short = new ParallelTicketPool(1);
    short.start('sm3', seed, { A: 3 });
    short.submitText(text);
    await expect(short.finish({ A: 4 })).rejects.toThrow(/more tickets than were kept/);
    await short.close();
  }, 60_000);

  it('reports a malformed page instead of hanging', async () => {
    const wanted = { A: 1 };
    const pool = new ParallelTicketPool(1);
    pool.start('sm3', seed, wanted);
    pool.submitText(new TextEncoder().encode('91140581MA0WE0011X\tZ\n'));
    await expect(pool.finish()).rejects.toThrow(/抽查名录第 1 行/);
  }, 60_000);
});
