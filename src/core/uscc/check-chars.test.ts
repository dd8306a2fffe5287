import { describe, expect, it } from 'vitest';
import { computeOrgCodeCheckChar, computeUsccCheckChar, usccCharValue } from './check-chars.ts';

describe('computeUsccCheckChar (GB 32100-2015 附录B, mod 31)', () => {
  it.each([
    ['91440300192203821', '6'],
    ['91440300708461136', 'T'],
    ['11500241MB1624800', 'Q'],
    ['11500000MB1617934', '5'],
    ['91140581MA00G1234', '0'], // sum ≡ 0 (mod 31) → '0', not an out-of-range index
    ['N2140581MA00G1234', 'F'],
  ])('%s → %s', (first17, check) => {
    expect(computeUsccCheckChar(first17)).toBe(check);
  });

  it('refuses input that is not 17 charset characters', () => {
    expect(() => computeUsccCheckChar('9144030019220382')).toThrow(/expected 17 characters, got 16/);
    expect(() => computeUsccCheckChar('9144030019220382I')).toThrow(/"I" at position 17/);
    expect(() => computeUsccCheckChar('914403001922038a1')).toThrow(/"a" at position 16/);
  });
});

describe('computeOrgCodeCheckChar (GB 11714-1997 §5)', () => {
  it.each([
    ['19220382', '1'],
    ['70846113', '6'],
    ['MB162480', '0'],
    ['MA00G123', '4'],
    ['D2143569', 'X'], // the standard's often-quoted example D2143569-X: 11 − 1 = 10 → 'X'
  ])('%s → %s', (body, check) => {
    expect(computeOrgCodeCheckChar(body)).toBe(check);
  });

  it("maps remainder 0 to '0' (11 → 0)", () => {
    // 00000000 sums to 0: 11 − 0 = 11 → '0'.
    expect(computeOrgCodeCheckChar('00000000')).toBe('0');
  });

  it('refuses a body that is not 8 digits/upper-case letters', () => {
    expect(() => computeOrgCodeCheckChar('1922038')).toThrow(/expected 8/);
    expect(() => computeOrgCodeCheckChar('1922038a')).toThrow(/expected 8/);
  });
});

describe('usccCharValue', () => {
  it('is the index in the 31-symbol charset, -1 outside it', () => {
    expect(usccCharValue('0')).toBe(0);
    expect(usccCharValue('A')).toBe(10);
    expect(usccCharValue('H')).toBe(17);
    expect(usccCharValue('J')).toBe(18); // I is skipped
    expect(usccCharValue('Y')).toBe(30);
    for (const c of ['I', 'O', 'Z', 'S', 'V', 'a', '', 'AB']) expect(usccCharValue(c)).toBe(-1);
  });
});
