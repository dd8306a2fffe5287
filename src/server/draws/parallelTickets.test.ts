import { describe, expect, it } from 'vitest';
import { allocateByRiskClass } from '../../core/draw/allocation.ts';
import { packFrame, selectionFromSmallest, ticketsWanted } from '../../core/draw/batchTickets.ts';
import { countByClass, formatFrame, type FrameEntry } from '../../core/draw/frame.ts';
import { selectGroup } from '../../core/draw/selection.ts';
import { makeTicketer } from '../../core/draw/tickets.ts';
import { ParallelTicketPool, smallestTicketsParallel } from './parallelTickets.ts';

const entries: FrameEntry[] = Array.from({ length: 30_000 }, (_, i) => ({
  id: `91140581${String(i * 7 + 3).padStart(9, '0')}${'0123456789ABCDEFGHJKLMNPQRTUWXY'[i % 31]}`,
  class: (['A', 'A', 'A', 'B', 'B', 'B', 'B', 'B', 'C', 'D'] as const)[i % 10]!,
}));
const seed = 'c3'.repeat(32);

describe('tickets over worker threads (draw-spec §5)', () => {
  it('gives the single-thread selection, for 1 to 3 workers and both hashes', async () => {
    const allocation = allocateByRiskClass({ mode: 'total', ratio: '0.03' }, countByClass(entries));
    const wanted = ticketsWanted(allocation, 5);
    for (const alg of ['sm3', 'sha256'] as const) {
      const expected = selectGroup('G', entries, allocation, 5, makeTicketer(alg, seed));
      for (const threads of [1, 3]) {
        const result = await smallestTicketsParallel(alg, seed, packFrame(entries), wanted, threads);
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

  it('reports a malformed page instead of hanging', async () => {
    const wanted = { A: 1 };
    const pool = new ParallelTicketPool(1);
    pool.start('sm3', seed, wanted);
    pool.submitText(new TextEncoder().encode('91140581MA0WE0011X\tZ\n'));
    await expect(pool.finish()).rejects.toThrow(/抽查名录第 1 行/);
  }, 60_000);
});
