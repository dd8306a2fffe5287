import { describe, expect, it } from 'vitest';
import { ceilTimes, parseRate } from './rate.ts';

describe('rates as integer fractions (docs/draw-spec.md §1)', () => {
  it('reads the spec examples', () => {
    expect(parseRate('3%')).toEqual({ num: 3n, den: 100n });
    expect(parseRate('0.1%')).toEqual({ num: 1n, den: 1000n });
    expect(parseRate('0.03')).toEqual({ num: 3n, den: 100n });
    expect(parseRate('100%')).toEqual({ num: 1n, den: 1n });
    expect(parseRate('0%')).toEqual({ num: 0n, den: 1n });
  });

  it('refuses floats, signs, spaces, leading zeros and more than 100%', () => {
    for (const bad of ['3', '1e-2', '-1%', ' 3%', '03%', '3.%', '101%', '', 0.03]) {
      expect(() => parseRate(bad), String(bad)).toThrow(/比例/);
    }
  });

  it('ceil(N · r) without floating point', () => {
    expect(ceilTimes(100, parseRate('3%'))).toBe(3);
    expect(ceilTimes(101, parseRate('3%'))).toBe(4); // 3.03 → 4
    expect(ceilTimes(1000, parseRate('0.1%'))).toBe(1);
    expect(ceilTimes(0, parseRate('3%'))).toBe(0);
    // 0.07 · 100 is 7.000000000000001 in floating point; integers say exactly 7.
    expect(ceilTimes(100, parseRate('0.07'))).toBe(7);
  });
});
