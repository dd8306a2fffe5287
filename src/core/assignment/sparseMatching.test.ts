// The matching that lists only each visit's cheapest candidates (and proves the rest cannot
// help with the potentials, minCostStaffingLazy) gives exactly the answer of the solver that
// lists every eligible pair: the same assignment, cost, unstaffable visits and fair shares.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchInspectors, type MatchingInput, type MatchingInspector, type MatchingTuning } from './matchInspectors.ts';
import { OBJECTS, arbDense } from '../../testing/matchingInstances.ts';

const EVERY_COST: MatchingTuning = { listedUpTo: Infinity, keptPerKind: 1 };

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
