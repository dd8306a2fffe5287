import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateByRiskClass, allocationBound } from './allocation.ts';
import { RISK_CLASSES, type RiskClass } from './frame.ts';

const counts = (A: number, B: number, C: number, D: number, U = 0): Record<RiskClass, number> => ({ A, B, C, D, U });
const sizes = (a: ReturnType<typeof allocateByRiskClass>) => RISK_CLASSES.map((h) => a[h]!.n);

describe('mode rates (docs/draw-spec.md §4): n_h = min(N_h, ceil(N_h · r_h))', () => {
  it('rounds up per class and caps at N_h; a class without a rate draws none', () => {
    const a = allocateByRiskClass({ mode: 'rates', rates: { A: '1%', B: '3%', C: '50%', D: '100%' } }, counts(150, 101, 3, 7, 9));
    expect(a).toEqual({ A: { N: 150, n: 2 }, B: { N: 101, n: 4 }, C: { N: 3, n: 2 }, D: { N: 7, n: 7 }, U: { N: 9, n: 0 } });
  });
});

describe("mode total, D'Hondt (docs/draw-spec.md §4)", () => {
  it('splits a count by votes w_h · N_h (hand-computed)', () => {
    // Votes with weights 1:2:4:8:2 on N = 3, 6, 3, 2: A 3, B 12, C 12, D 16.
    // Seats: D(16) · B(12, tie with C: larger N_B) · C(12) · D(8) · B(6, tie with C: larger N).
    const a = allocateByRiskClass({ mode: 'total', count: 5 }, counts(3, 6, 3, 2));
    expect(sizes(a)).toEqual([0, 2, 1, 2, 0]);
  });

  it('takes n = min(N, ceil(N · ratio))', () => {
    // N = 14, 30% → ceil(4.2) = 5: the same split as above.
    expect(sizes(allocateByRiskClass({ mode: 'total', ratio: '30%' }, counts(3, 6, 3, 2)))).toEqual([0, 2, 1, 2, 0]);
  });

  it('breaks exact ties by larger N_h, then A<B<C<D<U', () => {
    // weights 1 each, N_A = N_B = 4: votes tie and N ties → A first.
    expect(sizes(allocateByRiskClass({ mode: 'total', count: 1, weights: { A: 1, B: 1, C: 1, D: 1, U: 1 } }, counts(4, 4, 0, 0)))).toEqual([
      1, 0, 0, 0, 0,
    ]);
    // votes A = 2·4 = 8, B = 1·8 = 8 tie; N_B = 8 > N_A = 4 → B.
    expect(sizes(allocateByRiskClass({ mode: 'total', count: 1, weights: { A: 2, B: 1 } }, counts(4, 8, 0, 0)))).toEqual([0, 1, 0, 0, 0]);
  });

  it('honours min and max, and stops early when no class can take more', () => {
    const a = allocateByRiskClass({ mode: 'total', count: 10, min: { A: 2 }, max: { D: 1 } }, counts(5, 2, 0, 9));
    // A starts at 2; D capped at 1; B has only 2 objects; C and U empty → 2+2+0+1 = 5 < 10.
    expect(sizes(a)).toEqual([5, 2, 0, 1, 0]);
    // min larger than N_h starts at N_h; mins may exceed n.
    expect(sizes(allocateByRiskClass({ mode: 'total', count: 1, min: { A: 3, B: 3 } }, counts(2, 5, 0, 0)))).toEqual([2, 3, 0, 0, 0]);
  });

  it('a zero weight draws nothing beyond its minimum', () => {
    expect(sizes(allocateByRiskClass({ mode: 'total', count: 3, weights: { D: 0 } }, counts(0, 0, 0, 10, 0)))).toEqual([0, 0, 0, 0, 0]);
  });

  const arbCounts = fc
    .tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300))
    .map(([A, B, C, D, U]) => counts(A, B, C, D, U));
  const arbWeights = fc.record({ A: fc.nat(9), B: fc.nat(9), C: fc.nat(9), D: fc.nat(9), U: fc.nat(9) });

  it('class sizes sum to n when every class has votes and room, never exceed N_h (property)', () => {
    fc.assert(
      fc.property(arbCounts, fc.nat(1600), (N, n) => {
        const a = allocateByRiskClass({ mode: 'total', count: n }, N);
        const total = sizes(a).reduce((x, y) => x + y, 0);
        const all = RISK_CLASSES.reduce((x, h) => x + N[h], 0);
        expect(total).toBe(Math.min(n, all));
        for (const h of RISK_CLASSES) expect(a[h]!.n).toBeLessThanOrEqual(N[h]);
      }),
    );
  });

  it('is monotone in n: one more seat never takes a seat from any class (property)', () => {
    fc.assert(
      fc.property(arbCounts, arbWeights, fc.nat(800), (N, weights, n) => {
        const before = sizes(allocateByRiskClass({ mode: 'total', count: n, weights }, N));
        const after = sizes(allocateByRiskClass({ mode: 'total', count: n + 1, weights }, N));
        before.forEach((s, h) => expect(after[h]).toBeGreaterThanOrEqual(s));
      }),
    );
  });
});

describe('mode none (docs/draw-spec.md §4)', () => {
  it('one stratum "*" over all classes', () => {
    expect(allocateByRiskClass({ mode: 'none', ratio: '10%' }, counts(1, 2, 3, 4, 5))).toEqual({ '*': { N: 15, n: 2 } });
    expect(allocateByRiskClass({ mode: 'none', count: 99 }, counts(1, 2, 3, 4, 5))).toEqual({ '*': { N: 15, n: 15 } });
  });
});

describe('allocationBound (n_h before the counts are known)', () => {
  const arbClassMap = fc.record({ A: fc.nat(30), B: fc.nat(30), C: fc.nat(30), D: fc.nat(30), U: fc.nat(30) }, { requiredKeys: [] });
  const arbSpec = fc.oneof(
    fc.record({
      mode: fc.constant('total' as const),
      ratio: fc.constantFrom('0.03', '0.2', '1'),
      weights: fc.record({ A: fc.nat(9), B: fc.nat(9), C: fc.nat(9), D: fc.nat(9), U: fc.nat(9) }),
      min: arbClassMap,
      max: arbClassMap,
    }),
    fc.record({ mode: fc.constant('total' as const), count: fc.nat(200), min: arbClassMap }),
    fc.record({ mode: fc.constant('rates' as const), rates: fc.record({ A: fc.constantFrom('0.05', '1'), C: fc.constantFrom('0', '0.3') }, { requiredKeys: [] }) }),
    fc.record({ mode: fc.constant('none' as const), ratio: fc.constantFrom('0.03', '0.5') }),
  );
  it('is never below the allocation of any frame of at most that many objects', () => {
    fc.assert(
      fc.property(arbSpec, fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)), fc.nat(400), (spec, [A, B, C, D, U], slack) => {
        const allocation = allocateByRiskClass(spec, counts(A, B, C, D, U));
        const bound = allocationBound(spec, A + B + C + D + U + slack);
        for (const [stratum, share] of Object.entries(allocation)) expect(share!.n).toBeLessThanOrEqual(bound[stratum as RiskClass]!);
      }),
      { numRuns: 500 },
    );
  });

  it('is the allocation itself when one class holds every object (3 % of 4,000,000, D\'Hondt)', () => {
    expect(allocationBound({ mode: 'total', ratio: '0.03' }, 4_000_000)).toEqual({ A: 120_000, B: 120_000, C: 120_000, D: 120_000, U: 120_000 });
    expect(allocateByRiskClass({ mode: 'total', ratio: '0.03' }, counts(0, 4_000_000, 0, 0)).B!.n).toBe(120_000);
    expect(allocationBound({ mode: 'rates', rates: { A: '0.05' } }, 1000)).toEqual({ A: 50, B: 0, C: 0, D: 0, U: 0 });
  });
});
