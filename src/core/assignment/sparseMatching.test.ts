// The matching that lists only each visit's cheapest candidates (and proves the rest cannot
// help with the potentials, minCostStaffingLazy) gives exactly the answer of the solver that
// lists every eligible pair: the same assignment, cost, unstaffable visits and fair shares.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchInspectors, type MatchingInput, type MatchingInspector, type MatchingTuning } from './matchInspectors.ts';

const OBJECTS = Array.from({ length: 14 }, (_, n) => `9114058100000${String(n).padStart(4, '0')}X`);
const CODES = Array.from({ length: 18 }, (_, n) => `P${String(n).padStart(2, '0')}`);
const EVERY_COST: MatchingTuning = { listedUpTo: Infinity, keptPerKind: 1 };

const arbDense = fc
  .record({
    seed: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('')),
    visits: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...OBJECTS),
        items: fc.constantFrom(['I0'], ['I0'], ['I1'], ['I1', 'I2']),
        inspectingUnit: fc.constantFrom('A', 'A', 'A', 'B'),
        grid: fc.constantFrom('G1', 'G2', null),
        regionCode: fc.constantFrom('140581', '141002', null),
        unitPath: fc.constantFrom(['140500', 'S1'], ['140500', 'S2'], null),
      }),
      { selector: (v) => v.id, minLength: 1, maxLength: 12 },
    ),
    inspectors: fc.uniqueArray(
      fc.record({
        code: fc.constantFrom(...CODES),
        unit: fc.constantFrom('A', 'A', 'A', 'B'),
        category: fc.constantFrom<'enforcement' | 'expert'>('enforcement', 'enforcement', 'expert'),
        drawable: fc.constantFrom(true, true, true, true, true, true, false),
        qualifications: fc.constantFrom(['q1', 'q2'], ['q1', 'q2'], ['q1'], []),
        recusals: fc.oneof(
          fc.subarray(OBJECTS, { maxLength: 3 }),
          fc.constantFrom<MatchingInspector['recusals']>(
            [{ regionCode: '140500', reason: '本人辖区' }],
            [{ unitCode: 'S1', reason: '本人网格' }],
            [{ objectId: OBJECTS[0]!, reason: '亲属经营' }],
          ),
        ),
        homeGrid: fc.constantFrom('G1', 'G2', null),
        cap: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 3 }),
      }),
      { selector: (p) => p.code, minLength: 6, maxLength: 18 },
    ),
    capPerInspector: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    fairShare: fc.boolean(),
    cross: fc.constantFrom(false, false, true),
    includeOwnUnit: fc.boolean(),
    recuseHomeGrid: fc.boolean(),
    twoEnforcementOfficers: fc.constantFrom(false, false, true),
  })
  .map(
    (r): MatchingInput => ({
      hash: 'sm3',
      seed: r.seed,
      visits: r.visits,
      inspectors: r.inspectors,
      itemQualifications: { I1: ['q1'], I2: ['q2'] },
      capPerInspector: r.capPerInspector,
      fairShare: r.fairShare,
      crossRegion: r.cross ? { units: ['A', 'B'], includeOwnUnit: r.includeOwnUnit } : null,
      recuseHomeGrid: r.recuseHomeGrid,
      twoEnforcementOfficers: r.twoEnforcementOfficers,
    }),
  );

describe('matching on the cheapest candidates only (docs/draw-spec.md §8: the unique minimum)', () => {
  it('equals the solver that lists every cost, for any number of candidates kept', () => {
    fc.assert(
      fc.property(arbDense, fc.integer({ min: 1, max: 3 }), (inp, keptPerKind) => {
        const full = matchInspectors(inp, EVERY_COST);
        expect(matchInspectors(inp, { listedUpTo: 0, keptPerKind })).toEqual(full);
        expect(matchInspectors(inp)).toEqual(full);
      }),
      { numRuns: 600 },
    );
  }, 120_000);

  it('exercises both outcomes and pruned lists (the property above is not vacuous)', () => {
    const samples = fc.sample(arbDense, { numRuns: 300, seed: 7 });
    const results = samples.map((inp) => matchInspectors(inp, { listedUpTo: 0, keptPerKind: 1 }));
    expect(results.filter((r) => 'assignments' in r && r.assignments.length >= 3).length).toBeGreaterThan(20);
    expect(results.filter((r) => 'infeasible' in r && r.infeasible.some((x) => x.code === 'caps_exhausted')).length).toBeGreaterThan(50);
  });

  it('with the default lists (8 cheapest per kind beyond 16 eligible people) on pools of 40, caps tight or fair', () => {
    const people = (n: number, cap: number | null): MatchingInspector[] =>
      Array.from({ length: n }, (_, i) => ({
        code: `Q${String(i).padStart(3, '0')}`,
        unit: 'A',
        category: i % 5 === 4 ? 'expert' : 'enforcement',
        drawable: true,
        qualifications: i % 3 === 0 ? [] : ['q1'],
        recusals: i % 4 === 0 ? [OBJECTS[i % OBJECTS.length]!] : [],
        cap,
      }));
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('')),
        fc.integer({ min: 24, max: 40 }),
        fc.constantFrom(null, 1, 2),
        fc.boolean(),
        (seed, n, cap, fairShare) => {
          const inp: MatchingInput = {
            hash: 'sm3',
            seed,
            visits: OBJECTS.map((id, k) => ({ id, items: k % 2 === 0 ? ['I1'] : ['I0'], inspectingUnit: 'A' })),
            inspectors: people(n, cap),
            itemQualifications: { I1: ['q1'] },
            fairShare,
          };
          expect(matchInspectors(inp)).toEqual(matchInspectors(inp, EVERY_COST));
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
