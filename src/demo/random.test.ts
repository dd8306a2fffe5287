import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRandom, hashLabel } from './random.ts';

const take = (seed: number, n: number) => {
  const random = createRandom(seed);
  return Array.from({ length: n }, () => random.next());
};

describe('createRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(take(42, 20)).toEqual(take(42, 20));
    expect(take(42, 20)).not.toEqual(take(43, 20));
  });

  it('stays within its ranges', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (seed, min, span) => {
          const random = createRandom(seed);
          for (let i = 0; i < 20; i++) {
            const x = random.next();
            expect(x).toBeGreaterThanOrEqual(0);
            expect(x).toBeLessThan(1);
            const n = random.int(min, min + span);
            expect(n).toBeGreaterThanOrEqual(min);
            expect(n).toBeLessThanOrEqual(min + span);
          }
        },
      ),
    );
  });

  it('forks independent, reproducible streams by label', () => {
    const a = createRandom(7).fork('entities:140581');
    const b = createRandom(7).fork('entities:140581');
    const c = createRandom(7).fork('entities:140981');
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
    expect(hashLabel('a')).not.toBe(hashLabel('b'));
  });

  it('picks by weight roughly in proportion', () => {
    const random = createRandom(1);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++)
      counts[
        random.weighted([
          ['a', 70],
          ['b', 25],
          ['c', 5],
        ] as const)
      ]++;
    expect(counts.a / 20_000).toBeCloseTo(0.7, 1);
    expect(counts.b / 20_000).toBeCloseTo(0.25, 1);
    expect(counts.c / 20_000).toBeCloseTo(0.05, 1);
  });

  it('samples distinct items', () => {
    const random = createRandom(3);
    const sample = random.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(sample).size).toBe(4);
    expect(random.sample([1, 2], 5)).toHaveLength(2);
  });

  it('makes version-4 UUIDs and dates within bounds', () => {
    const random = createRandom(5);
    for (let i = 0; i < 100; i++) {
      expect(random.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const day = random.date('2026-01-30', '2026-03-02');
      expect(day >= '2026-01-30' && day <= '2026-03-02').toBe(true);
    }
    expect(random.date('2024-02-29', '2024-02-29')).toBe('2024-02-29');
  });
});
