// The maximum flow over implicit eligibility (base list minus exclusions, checked on the fly)
// agrees with Dinic's algorithm on the same pairs listed one by one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { implicitMaxStaffablePlaces, implicitProblem, type ImplicitList, type ImplicitStaffingProblem } from './implicitFlow.ts';
import type { StaffingProblem } from './minCostStaffing.ts';
import { maxStaffablePlaces } from './staffingFeasible.ts';

// Inspectors 0 … n−1; the first `experts` are experts. Each visit draws one of two shared base
// lists per kind (as pools do) and its own exclusions.
const arbShared = fc
  .record({ n: fc.integer({ min: 1, max: 9 }), experts: fc.integer({ min: 0, max: 3 }), visits: fc.integer({ min: 1, max: 10 }) })
  .chain(({ n, experts, visits }) =>
    fc.record({
      n: fc.constant(n),
      experts: fc.constant(Math.min(experts, n)),
      caps: fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(Infinity)), { minLength: n, maxLength: n }),
      bases: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n }), { minLength: 2, maxLength: 2 }),
      visits: fc.array(
        fc.record({ base: fc.integer({ min: 0, max: 1 }), excluded: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n }) }),
        { minLength: visits, maxLength: visits },
      ),
    }),
  )
  .map(({ experts, caps, bases, visits }) => {
    const sorted = (xs: number[]) => Int32Array.from(xs).sort();
    const enfBases = bases.map((b) => sorted(b.filter((i) => i >= experts)));
    const expBases = bases.map((b) => sorted(b.filter((i) => i < experts)));
    const list = (base: Int32Array, excluded: number[]): ImplicitList => ({ base, excluded: sorted(excluded.filter((i) => base.includes(i))) });
    const implicit: ImplicitStaffingProblem = {
      caps,
      visits: visits.map((v) => ({ enforcement: list(enfBases[v.base]!, v.excluded), secondOnly: list(expBases[v.base]!, v.excluded) })),
    };
    const explicit: StaffingProblem = {
      caps,
      visits: implicit.visits.map((v) => {
        const listed = (l: ImplicitList) => [...l.base].filter((i) => !l.excluded.includes(i)).map((inspector) => ({ inspector, cost: 1n }));
        return { enforcement: listed(v.enforcement), secondOnly: listed(v.secondOnly) };
      }),
    };
    return { implicit, explicit };
  });

describe('implicitMaxStaffablePlaces (maximum flow without listing the pairs)', () => {
  it('fills as many places as Dinic on the listed pairs', () => {
    fc.assert(
      fc.property(arbShared, ({ implicit, explicit }) => {
        expect(implicitMaxStaffablePlaces(implicit)).toBe(maxStaffablePlaces(explicit));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees on listed problems converted as they are', () => {
    fc.assert(
      fc.property(arbShared, ({ explicit }) => {
        expect(implicitMaxStaffablePlaces(implicitProblem(explicit))).toBe(maxStaffablePlaces(explicit));
      }),
      { numRuns: 500 },
    );
  });
});
