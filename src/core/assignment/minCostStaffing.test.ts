import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { minCostStaffing, type StaffingProblem } from './minCostStaffing.ts';
import { cheapestPairs } from '../../testing/cheapestPairs.ts';

const c = (inspector: number, cost: number) => ({ inspector, cost: BigInt(cost) });

describe('minCostStaffing (docs/draw-spec.md §8, min-cost flow)', () => {
  it('finds the optimum where visit-by-visit greedy does not (worked by hand)', () => {
    // Inspectors 0..3 = A, B, C, D, all enforcement, each may take one visit.
    // Greedy: visit 0 takes A+B (1+2), visit 1 is left C+D (100+3): 106.
    // Optimum: visit 0 B+C (2+3), visit 1 A+D (2+3): 10.
    const problem: StaffingProblem = {
      caps: [1, 1, 1, 1],
      visits: [
        { enforcement: [c(0, 1), c(1, 2), c(2, 3), c(3, 100)], secondOnly: [] },
        { enforcement: [c(0, 2), c(1, 100), c(2, 100), c(3, 3)], secondOnly: [] },
      ],
    };
    expect(minCostStaffing(problem)).toEqual({
      feasible: true,
      staffed: [
        [1, 2],
        [0, 3],
      ],
      totalCost: 10n,
    });
  });

  it('never lets two experts staff a visit: at most one second-only person', () => {
    // Enforcement 0 costs 10, experts 1 and 2 cost 1 and 2: the two cheap experts alone
    // would cost 3, but one enforcement officer is required, so 0 + 1 = 11.
    const result = minCostStaffing({
      caps: [Infinity, Infinity, Infinity],
      visits: [{ enforcement: [c(0, 10)], secondOnly: [c(1, 1), c(2, 2)] }],
    });
    expect(result).toEqual({ feasible: true, staffed: [[0, 1]], totalCost: 11n });
  });

  it('moves an enforcement officer off a visit where an expert can replace him', () => {
    // Inspector 0 (enforcement, cap 1) is cheapest for both visits; visit 1 has no other
    // enforcement officer, so visit 0 must take 1 (enforcement) + 2 (expert).
    const result = minCostStaffing({
      caps: [1, 1, 2],
      visits: [
        { enforcement: [c(0, 1), c(1, 50)], secondOnly: [c(2, 5)] },
        { enforcement: [c(0, 40)], secondOnly: [c(2, 5)] },
      ],
    });
    expect(result).toEqual({
      feasible: true,
      staffed: [
        [1, 2],
        [0, 2],
      ],
      totalCost: 100n,
    });
  });

  it('names the group the caps cannot cover, with demand and supply', () => {
    // Three visits share two officers with cap 2: 6 places needed, 4 available. A fourth
    // visit has its own people and is not part of the group.
    const shared = [c(0, 1), c(1, 1)];
    const result = minCostStaffing({
      caps: [2, 2, 1, 1],
      visits: [
        { enforcement: shared, secondOnly: [] },
        { enforcement: shared, secondOnly: [] },
        { enforcement: [c(2, 1), c(3, 1)], secondOnly: [] },
        { enforcement: shared, secondOnly: [] },
      ],
    });
    expect(result).toEqual({ feasible: false, groups: [{ visits: [0, 1, 3], demand: 6, supplied: 4 }] });
  });

  it('equals the brute-force optimum on tiny random instances, ties included', () => {
    const instance = fc
      .record({ inspectors: fc.integer({ min: 1, max: 5 }), visits: fc.integer({ min: 1, max: 4 }) })
      .chain(({ inspectors, visits }) =>
        fc.record({
          caps: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(Infinity)), { minLength: inspectors, maxLength: inspectors }),
          kinds: fc.array(fc.constantFrom<'e' | 'x'>('e', 'e', 'x'), { minLength: inspectors, maxLength: inspectors }),
          visits: fc.array(
            fc.array(fc.option(fc.integer({ min: 0, max: 9 }), { nil: null }), { minLength: inspectors, maxLength: inspectors }),
            {
              minLength: visits,
              maxLength: visits,
            },
          ),
        }),
      );
    fc.assert(
      fc.property(instance, ({ caps, kinds, visits }) => {
        const problem: StaffingProblem = {
          caps,
          visits: visits.map((row) => ({
            enforcement: row.flatMap((cost, i) => (cost !== null && kinds[i] === 'e' ? [c(i, cost)] : [])),
            secondOnly: row.flatMap((cost, i) => (cost !== null && kinds[i] === 'x' ? [c(i, cost)] : [])),
          })),
        };
        const best = bruteForce(problem);
        // Unpruned, and pruned to 1 or 2 candidates per list (the exact pruning must still
        // reach the brute-force optimum, or name infeasibility on the full problem).
        for (const candidatesPerVisit of [Infinity, 1, 2]) {
          const result = minCostStaffing(problem, { candidatesPerVisit });
          if (best === null) {
            expect(result.feasible).toBe(false);
          } else {
            expect(result.feasible).toBe(true);
            if (result.feasible) expect(result.totalCost).toBe(best);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('minCostStaffing pruning (k cheapest candidates, then pricing the dropped pairs)', () => {
  it('gives exactly the unpruned result on larger random instances with tight caps', () => {
    const instance = fc.record({
      inspectors: fc.integer({ min: 4, max: 14 }),
      visits: fc.integer({ min: 1, max: 25 }),
      k: fc.integer({ min: 1, max: 4 }),
      seed: fc.integer(),
    });
    fc.assert(
      fc.property(instance, ({ inspectors, visits, k, seed }) => {
        // 60-bit pseudo-random costs (distinct, so the optimum is unique as in §8).
        let x = BigInt(seed >>> 0) | 1n;
        const next = () => {
          x = (x * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
          return x >> 4n;
        };
        const expert = (i: number) => i % 4 === 3;
        const problem: StaffingProblem = {
          caps: Array.from({ length: inspectors }, (_, i) => (i % 5 === 0 ? Infinity : Math.ceil((2 * visits) / inspectors) + (i % 2))),
          visits: Array.from({ length: visits }, () => {
            const row = Array.from({ length: inspectors }, (_, i) => ({ inspector: i, cost: next() }));
            return { enforcement: row.filter((r) => !expert(r.inspector)), secondOnly: row.filter((r) => expert(r.inspector)) };
          }),
        };
        expect(minCostStaffing(problem, { candidatesPerVisit: k })).toEqual(minCostStaffing(problem, { candidatesPerVisit: Infinity }));
      }),
      { numRuns: 150 },
    );
  });
});

/** The minimum total cost over every feasible choice of pairs, or null. */
function bruteForce(problem: StaffingProblem): bigint | null {
  return cheapestPairs(problem.visits, {
    candidates: (visit) => [...visit.enforcement.map((x) => ({ ...x, enf: true })), ...visit.secondOnly.map((x) => ({ ...x, enf: false }))],
    key: (x) => x.inspector,
    cap: (x) => problem.caps[x.inspector]!,
    enforcement: (x) => x.enf,
    cost: (_visit, x) => x.cost,
  });
}
