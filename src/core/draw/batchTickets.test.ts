import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateByRiskClass, type GroupAllocation } from './allocation.ts';
import {
  SmallestTicketSelector,
  mergeSmallestTickets,
  packFrame,
  selectGroupPacked,
  selectionFromSmallest,
  ticketsWanted,
  ticketsWantedEstimate,
  covers,
  StratumCollector,
  excludedIdsText,
} from './batchTickets.ts';
import { DrawError } from './errors.ts';
import { compareUtf8 } from './encoding.ts';
import { createSm3x4 } from '../hash/sm3x4.ts';
import { RISK_CLASSES, countByClass, eligibleEntries, formatFrame, type FrameEntry } from './frame.ts';
import type { AllocationSpec } from './params.ts';
import { selectGroup } from './selection.ts';
import { makeTicketer } from './tickets.ts';

const ALGS = ['sm3', 'sha256'] as const;

// Ids as they occur (USCC), plus short and non-ASCII ones for the byte-order tie-break path.
const idArb = fc.oneof(
  fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{18}$/),
  // what a frame file accepts (frame.ts checkId): no control characters, lower case or edge spaces
  fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme' }).filter((s) => !/[\u0000-\u001f\u007fa-z]/.test(s) && s.trim() === s),
);
const frameArb = fc
  .uniqueArray(fc.record({ id: idArb, class: fc.constantFrom(...RISK_CLASSES) }), { selector: (e) => e.id, maxLength: 400 })
  .map((entries) => entries as FrameEntry[]);
const seedArb = fc.stringMatching(/^[0-9a-f]{64}$/);
const specArb: fc.Arbitrary<AllocationSpec> = fc.oneof(
  fc.record({ mode: fc.constant('total' as const), ratio: fc.constantFrom('0.03', '0.1', '0.5', '1') }),
  fc.record({ mode: fc.constant('total' as const), count: fc.nat(120) }),
  fc.record({
    mode: fc.constant('rates' as const),
    rates: fc.record({ A: fc.constantFrom('0.05', '0.3'), B: fc.constantFrom('0', '0.02', '0.2'), D: fc.constantFrom('1', '0.5') }),
  }),
  fc.record({ mode: fc.constant('none' as const), count: fc.nat(60) }),
);

describe('batch tickets and selection == selectGroup (docs/draw-spec.md §5)', () => {
  it('keeps tickets for estimated counts, and says whether they were enough (covers)', () => {
    fc.assert(
      fc.property(
        frameArb,
        seedArb,
        specArb,
        fc.nat(5),
        fc.array(fc.nat(300), { minLength: 5, maxLength: 5 }),
        (entries, seed, spec, reserve, guess) => {
          const counts = countByClass(entries);
          const estimate = { A: guess[0]!, B: guess[1]!, C: guess[2]!, D: guess[3]!, U: guess[4]! };
          const kept = ticketsWantedEstimate(spec, estimate, 400, reserve, 0);
          const selector = new SmallestTicketSelector('sm3', seed, kept);
          selector.add(packFrame(entries));
          const allocation = allocateByRiskClass(spec, counts);
          const needed = ticketsWanted(allocation, reserve);
          const expected = selectGroup('G1', entries, allocation, reserve, makeTicketer('sm3', seed));
          if (covers(kept, needed)) expect(selectionFromSmallest('G1', allocation, selector.result(needed))).toEqual(expected);
          // Estimates equal to the counts always cover.
          expect(covers(ticketsWantedEstimate(spec, counts, entries.length, reserve, 0), needed)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives exactly the same sample and reserves on random frames, seeds, allocations and reserves', () => {
    fc.assert(
      fc.property(frameArb, seedArb, specArb, fc.nat(8), fc.constantFrom(...ALGS), (entries, seed, spec, reserve, alg) => {
        const allocation = allocateByRiskClass(spec, countByClass(entries));
        const expected = selectGroup('G1', entries, allocation, reserve, makeTicketer(alg, seed));
        expect(selectGroupPacked('G1', packFrame(entries), allocation, reserve, alg, seed)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it("hashing the whole frame file, excluded ids skipped, gives the eligible objects' selection, in any chunks", () => {
    fc.assert(
      fc.property(
        frameArb,
        fc.array(fc.boolean(), { maxLength: 400 }),
        seedArb,
        specArb,
        fc.nat(5),
        fc.array(fc.nat(400), { maxLength: 4 }),
        (unsorted, pick, seed, spec, reserve, cuts) => {
          const entries = [...unsorted].sort((a, b) => compareUtf8(a.id, b.id)); // id order, as eligibleEntries wants
          // Ids picked from the frame, and ids that are not in it (they exclude nothing).
          const ids = new Set(entries.map((e) => e.id));
          const outside = entries.map((e, i) => (i % 3 === 0 ? `${e.id}~` : '')).filter((id) => id && !ids.has(id));
          const exclusions = [...entries.filter((_, i) => pick[i]).map((e) => e.id), ...outside]
            .sort(compareUtf8)
            .map((id) => ({ id, reason: '非存续', source: '登记状态' }));
          const excluded = excludedIdsText(exclusions.map((e) => e.id));
          const eligible = eligibleEntries(entries, exclusions);
          const allocation = allocateByRiskClass(spec, countByClass(eligible));
          const expected = selectGroup('G1', eligible, allocation, reserve, makeTicketer('sm3', seed));
          const wanted = ticketsWanted(allocation, reserve);
          const packed = new SmallestTicketSelector('sm3', seed, wanted, { excluded });
          packed.add(packFrame(entries));
          expect(selectionFromSmallest('G1', allocation, packed.result())).toEqual(expected);
          // The text in chunks of whole lines, given in any order (each chunk ascending).
          const bounds = [0, ...cuts.map((c) => c % (entries.length + 1)).sort((a, b) => a - b), entries.length];
          const chunks = bounds.slice(1).map((end, i) => new TextEncoder().encode(formatFrame(entries.slice(bounds[i], end))));
          const text = new SmallestTicketSelector('sm3', seed, wanted, { excluded });
          for (const chunk of chunks.reverse()) text.addText(chunk);
          expect(selectionFromSmallest('G1', allocation, text.result())).toEqual(expected);
          expect(text.count).toBe(entries.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('merging selectors over chunks of the frame gives the same result as one selector', () => {
    fc.assert(
      fc.property(frameArb, seedArb, specArb, fc.nat(5), fc.array(fc.nat(400), { maxLength: 4 }), (entries, seed, spec, reserve, cuts) => {
        const allocation = allocateByRiskClass(spec, countByClass(entries));
        const wanted = ticketsWanted(allocation, reserve);
        const bounds = [0, ...cuts.map((c) => c % (entries.length + 1)).sort((a, b) => a - b), entries.length];
        const parts = bounds.slice(1).map((end, i) => {
          const selector = new SmallestTicketSelector('sm3', seed, wanted);
          selector.add(packFrame(entries.slice(bounds[i], end)));
          return selector.result();
        });
        const merged = selectionFromSmallest('G', allocation, mergeSmallestTickets(parts, wanted));
        expect(merged).toEqual(selectGroup('G', entries, allocation, reserve, makeTicketer('sm3', seed)));
      }),
      { numRuns: 150 },
    );
  });

  it('stays exact when the stratum is much larger than the sample (the pruning path)', () => {
    const entries: FrameEntry[] = Array.from({ length: 20_000 }, (_, i) => ({
      id: `91140581${String(i).padStart(9, '0')}X`,
      class: (['A', 'B', 'B', 'C', 'D'] as const)[i % 5]!,
    }));
    const seed = '5a'.repeat(32);
    for (const alg of ALGS) {
      for (const allocation of [
        allocateByRiskClass({ mode: 'total', ratio: '0.03' }, countByClass(entries)),
        { A: { N: 4000, n: 1 }, B: { N: 8000, n: 0 }, C: { N: 4000, n: 3 }, D: { N: 4000, n: 40 }, U: { N: 0, n: 0 } } as GroupAllocation,
        { '*': { N: 20_000, n: 7 } } as GroupAllocation,
      ]) {
        const expected = selectGroup('G', entries, allocation, 3, makeTicketer(alg, seed));
        const packed = packFrame(entries);
        expect(selectGroupPacked('G', packed, allocation, 3, alg, seed)).toEqual(expected);
      }
    }
  });

  it('hashes a frame file where it lies (addText) exactly as its packed entries, and refuses a malformed line', () => {
    fc.assert(
      fc.property(frameArb, seedArb, fc.integer({ min: 0, max: 12 }), (entries, seed, n) => {
        const text = new TextEncoder().encode(formatFrame(entries));
        const wanted = { A: n, C: n + 1, D: 2 };
        const fromText = new SmallestTicketSelector('sm3', seed, wanted);
        fromText.addText(text);
        const fromEntries = new SmallestTicketSelector('sm3', seed, wanted);
        fromEntries.add(packFrame(entries));
        expect(fromText.count).toBe(entries.length);
        expect(fromText.result()).toEqual(fromEntries.result());
      }),
    );
    expect(createSm3x4()).not.toBeNull(); // so the text path above ran on four lanes
    const bad = (s: string) => () => new SmallestTicketSelector('sm3', 'ab'.repeat(32), { A: 1 }).addText(new TextEncoder().encode(s));
    expect(bad('91140581MA0WE0011X\tE\n')).toThrow(DrawError);
    expect(bad('91140581MA0WE0011X\tA\n91140581MA0WE0012X A\n')).toThrow(/第 2 行/);
    expect(bad('\tA\n')).toThrow(/第 1 行/);
    expect(bad('91140581MA0WE0011X\tA')).toThrow(/缺少换行符/);
  });

  it('hashes four tickets at a time (WebAssembly SIMD) exactly as one at a time, from text and packed, across batches and with long ids among them', () => {
    // More one-block ids than one call of the lanes takes (SM3X4_MAX_BLOCKS), and ids too long
    // for one block (over 29 bytes after the ticket prefix), which go one at a time in between.
    const entries: FrameEntry[] = Array.from({ length: 5_000 }, (_, i) => ({
      id: i % 97 === 0 ? `${String(i).padStart(8, '0')}-检查项目-${'X'.repeat(i % 30)}` : `91140581${String(i).padStart(9, '0')}X`,
      class: (['A', 'B', 'B', 'C', 'D'] as const)[i % 5]!,
    }));
    entries.sort((a, b) => compareUtf8(a.id, b.id));
    const text = new TextEncoder().encode(formatFrame(entries));
    for (const wanted of [{ A: 5, B: 40, C: 1, D: 300 }, { '*': 77 }]) {
      const lanes = new SmallestTicketSelector('sm3', '3c'.repeat(32), wanted);
      const scalar = new SmallestTicketSelector('sm3', '3c'.repeat(32), wanted, { lanes: false });
      lanes.addText(text.subarray(0, text.lastIndexOf(0x0a, 40_000) + 1));
      lanes.addText(text.subarray(text.lastIndexOf(0x0a, 40_000) + 1));
      scalar.addText(text);
      const packed = new SmallestTicketSelector('sm3', '3c'.repeat(32), wanted); // packed entries go through the lanes too
      packed.add(packFrame(entries));
      expect(lanes.count).toBe(entries.length);
      const expected = scalar.result();
      expect(lanes.result()).toEqual(expected);
      expect(packed.result()).toEqual(expected);
    }
  });

  it('orders kept tickets by the whole ticket and then the id bytes, also when first words tie (StratumCollector)', () => {
    // Few distinct first words, so ties are the rule; ids of mixed lengths and scripts.
    const ticketArb = fc.tuple(fc.constantFrom(0, 1, 0xffffffff), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 7, maxLength: 7 }));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(ticketArb, fc.constantFrom('A', 'AB', 'B', '甲', 'A甲', '')), {
          minLength: 1,
          maxLength: 60,
          selector: ([t, id]) => JSON.stringify([t, id]),
        }),
        fc.integer({ min: 1, max: 70 }),
        (entries, wanted) => {
          const collector = new StratumCollector(wanted);
          const encoder = new TextEncoder();
          for (const [[first, rest], id] of entries) {
            const bytes = encoder.encode(`${id}`);
            collector.offer(Int32Array.from([first | 0, ...rest]), 0, 1, bytes, 0, bytes.length);
          }
          const key = ([[first, rest], id]: (typeof entries)[number]) =>
            [first, ...rest].map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('') + ' ' + id;
          const expected = [...entries]
            .sort((a, b) => {
              const ta = key(a).split(' ')[0]!;
              const tb = key(b).split(' ')[0]!;
              return ta < tb ? -1 : ta > tb ? 1 : compareUtf8(a[1], b[1]);
            })
            .slice(0, wanted)
            .map(([, id]) => id);
          expect(collector.sorted().ids).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
