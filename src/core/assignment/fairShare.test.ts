// Fair and feasible matching (docs/draw-spec.md §8 "optional cap per inspector"): the maximum-flow
// feasibility check agrees with the min-cost solver; the fair share bounds every person's load,
// never makes a staffable draw unstaffable, and keeps §8's minimum under the caps it applies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fairShareCap, matchInspectors, type MatchingInspector, type MatchingVisit } from './matchInspectors.ts';
import { minCostStaffing, type StaffingProblem } from './minCostStaffing.ts';
import { maxStaffablePlaces, staffingFeasible } from './staffingFeasible.ts';

const SEED = '5c'.repeat(32);
const uscc = (n: number) => `9114058100000${String(n).padStart(4, '0')}X`;

const arbProblem: fc.Arbitrary<StaffingProblem> = fc
  .record({ inspectors: fc.integer({ min: 1, max: 8 }), visits: fc.integer({ min: 1, max: 8 }) })
  .chain(({ inspectors, visits }) =>
    fc.record({
      caps: fc.array(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant(Infinity)), { minLength: inspectors, maxLength: inspectors }),
      visits: fc.array(
        fc.record({
          enforcement: fc.uniqueArray(fc.integer({ min: 0, max: inspectors - 1 }), { maxLength: inspectors }),
          secondOnly: fc.uniqueArray(fc.integer({ min: 0, max: inspectors - 1 }), { maxLength: 2 }),
        }),
        { minLength: visits, maxLength: visits },
      ),
    }),
  )
  .map(({ caps, visits }) => ({
    caps,
    visits: visits.map((v) => ({
      enforcement: v.enforcement.map((inspector) => ({ inspector, cost: BigInt(inspector + 1) })),
      // a person is either kind for a visit, never both
      secondOnly: v.secondOnly.filter((i) => !v.enforcement.includes(i)).map((inspector) => ({ inspector, cost: BigInt(inspector + 1) })),
    })),
  }));

describe('staffingFeasible (maximum flow)', () => {
  it('says feasible exactly when the min-cost solver staffs every visit', () => {
    fc.assert(
      fc.property(arbProblem, (problem) => {
        expect(staffingFeasible(problem)).toBe(minCostStaffing(problem).feasible);
      }),
      { numRuns: 1000 },
    );
  });

  it('counts the places the caps can fill', () => {
    const c = (inspector: number) => ({ inspector, cost: 1n });
    // two visits share two officers of cap 1: 2 of 4 places
    expect(
      maxStaffablePlaces({
        caps: [1, 1],
        visits: [
          { enforcement: [c(0), c(1)], secondOnly: [] },
          { enforcement: [c(0), c(1)], secondOnly: [] },
        ],
      }),
    ).toBe(2);
    // an expert fills at most one place per visit
    expect(maxStaffablePlaces({ caps: [5, 5], visits: [{ enforcement: [], secondOnly: [c(0), c(1)] }] })).toBe(1);
  });
});

function officer(code: string, unit = 'U', over: Partial<MatchingInspector> = {}): MatchingInspector {
  return { code, unit, category: 'enforcement', drawable: true, qualifications: [], recusals: [], ...over };
}
const visitOf = (n: number, unit = 'U', over: Partial<MatchingVisit> = {}): MatchingVisit => ({
  id: uscc(n),
  items: ['I'],
  inspectingUnit: unit,
  ...over,
});

function loads(assignments: { inspectors: string[] }[]) {
  const load = new Map<string, number>();
  for (const a of assignments) for (const code of a.inspectors) load.set(code, (load.get(code) ?? 0) + 1);
  return load;
}

describe('fair share (docs/draw-spec.md §8 cap)', () => {
  it('is 2 × visits ÷ people rounded up, plus a fifth of it (at least 1)', () => {
    expect(fairShareCap(194, 40)).toEqual({ share: 10, cap: 12 });
    expect(fairShareCap(5, 20)).toEqual({ share: 1, cap: 2 });
    expect(fairShareCap(100, 8)).toEqual({ share: 25, cap: 30 });
    expect(fairShareCap(3, 0)).toEqual({ share: 0, cap: 0 });
  });

  it('spreads 194 visits over a pool of 40 instead of a handful of cheap people', () => {
    const inspectors = Array.from({ length: 40 }, (_, i) => officer(`P-${String(i).padStart(2, '0')}`));
    const visits = Array.from({ length: 194 }, (_, v) => visitOf(v));
    const free = matchInspectors({ hash: 'sm3', seed: SEED, visits, inspectors });
    const fair = matchInspectors({ hash: 'sm3', seed: SEED, visits, inspectors, fairShare: true });
    if (!('assignments' in free) || !('assignments' in fair)) throw new Error('expected assignments');
    expect(fair.fairShare).toEqual([{ pool: 'U', visits: 194, people: 40, share: 10, cap: 12 }]);
    expect(Math.max(...loads(fair.assignments).values())).toBeLessThanOrEqual(12);
    expect(Math.max(...loads(free.assignments).values())).toBeGreaterThan(12);
    expect(loads(fair.assignments).size).toBe(40);
    // the same answer as the solver given those caps by hand: the fair share is only a cap
    expect(matchInspectors({ hash: 'sm3', seed: SEED, visits, inspectors, capPerInspector: 12 })).toMatchObject({
      assignments: fair.assignments,
      totalCost: fair.totalCost,
    });
  });

  it('raises the cap by the least that staffs every visit when qualifications concentrate the work', () => {
    // 10 visits need 计量; only 3 of 20 people hold it: each must take ≥ 7 of the 20 places.
    const inspectors = Array.from({ length: 20 }, (_, i) =>
      officer(`P-${String(i).padStart(2, '0')}`, 'U', { qualifications: i < 3 ? ['计量'] : [] }),
    );
    const visits = Array.from({ length: 10 }, (_, v) => visitOf(v, 'U', { items: ['M'] }));
    const result = matchInspectors({ hash: 'sm3', seed: SEED, visits, inspectors, itemQualifications: { M: ['计量'] }, fairShare: true });
    if (!('assignments' in result)) throw new Error('expected assignments');
    // share over the 3 eligible people: ceil(20 / 3) = 7, cap 7 + 2 = 9: feasible without a raise
    expect(result.fairShare).toEqual([{ pool: 'U', visits: 10, people: 3, share: 7, cap: 9 }]);
    const tight = matchInspectors({
      hash: 'sm3',
      seed: SEED,
      visits,
      // one of the three may take only 2: the other two must take 18 places, 9 each
      inspectors: inspectors.map((p, i) => (i === 0 ? { ...p, cap: 2 } : p)),
      itemQualifications: { M: ['计量'] },
      fairShare: true,
    });
    if (!('assignments' in tight)) throw new Error('expected assignments');
    expect(tight.fairShare![0]!.cap).toBe(9);
    const heavy = Array.from({ length: 12 }, (_, v) => visitOf(v, 'U', { items: ['M'] }));
    const raised = matchInspectors({
      hash: 'sm3',
      seed: SEED,
      visits: heavy,
      inspectors: inspectors.map((p, i) => (i === 0 ? { ...p, cap: 2 } : p)),
      itemQualifications: { M: ['计量'] },
      fairShare: true,
    });
    if (!('assignments' in raised)) throw new Error('expected assignments');
    // 24 places, 2 taken by the capped person: 11 each for the other two, share 8 + slack 2 = 10, raised by 1
    expect(raised.fairShare).toEqual([{ pool: 'U', visits: 12, people: 3, share: 8, cap: 11 }]);
  });

  it('per pool: never leaves a staffable draw unstaffed, bounds every load by its pool cap, keeps each pool to its own people', () => {
    const arb = fc.record({
      seed: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('')),
      units: fc.array(
        fc.record({
          people: fc.integer({ min: 0, max: 7 }),
          experts: fc.integer({ min: 0, max: 2 }),
          visits: fc.integer({ min: 0, max: 12 }),
        }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
      qualified: fc.integer({ min: 1, max: 7 }),
      recused: fc.array(fc.tuple(fc.nat(40), fc.nat(12))),
    });
    fc.assert(
      fc.property(arb, ({ seed, units, qualified, recused }) => {
        const inspectors: MatchingInspector[] = [];
        const visits: MatchingVisit[] = [];
        let n = 0;
        units.forEach((u, k) => {
          const unit = `U${k}`;
          for (let i = 0; i < u.people; i++)
            inspectors.push(officer(`${unit}-E${i}`, unit, { qualifications: i < qualified ? ['q'] : [] }));
          for (let i = 0; i < u.experts; i++)
            inspectors.push(officer(`${unit}-X${i}`, unit, { category: 'expert', qualifications: ['q'] }));
          for (let v = 0; v < u.visits; v++) visits.push(visitOf(n++, unit, { items: v % 3 === 0 ? ['Q'] : ['I'] }));
        });
        for (const [p, v] of recused) {
          const person = inspectors[p % Math.max(1, inspectors.length)];
          if (person && visits.length > 0)
            inspectors[inspectors.indexOf(person)] = { ...person, recusals: [...person.recusals, visits[v % visits.length]!.id] };
        }
        const base = { hash: 'sm3' as const, seed, visits, inspectors, itemQualifications: { Q: ['q'] } };
        const free = matchInspectors(base);
        const fair = matchInspectors({ ...base, fairShare: true });
        expect('assignments' in fair).toBe('assignments' in free);
        if (!('assignments' in fair)) return;
        const capOfPool = new Map(fair.fairShare!.map((p) => [p.pool, p]));
        const load = loads(fair.assignments);
        for (const p of inspectors) {
          const pool = capOfPool.get(p.unit);
          expect(load.get(p.code) ?? 0).toBeLessThanOrEqual(pool ? pool.cap : 0);
        }
        for (const a of fair.assignments) {
          const unit = visits.find((v) => v.id === a.id)!.inspectingUnit;
          for (const code of a.inspectors) expect(code.startsWith(`${unit}-`)).toBe(true);
        }
        for (const pool of fair.fairShare!) {
          expect(pool.cap).toBeGreaterThanOrEqual(fairShareCap(pool.visits, pool.people).cap);
          // the cap is the least that works: one less (if above the share's cap) cannot staff the pool
          if (pool.cap > fairShareCap(pool.visits, pool.people).cap) {
            const lower = matchInspectors({
              ...base,
              capPerInspector: pool.cap - 1,
              visits: visits.filter((v) => v.inspectingUnit === pool.pool),
            });
            expect('infeasible' in lower).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
