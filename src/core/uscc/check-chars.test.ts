import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeOrgCodeCheckChar, computeUsccCheckChar, USCC_CHARSET, usccCharValue } from './check-chars.ts';

/** The standards' formulas as written, character by character: the oracle of the property tests. */
const oracle = {
  uscc(first17: string): string {
    const sum = [...first17].reduce((s, c, i) => s + USCC_CHARSET.indexOf(c) * (3 ** i % 31), 0);
    return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
  },
  orgCode(body8: string): string {
    const sum = [...body8].reduce((s, c, i) => s + Number.parseInt(c, 36) * [3, 7, 9, 10, 5, 8, 4, 2][i]!, 0);
    const c9 = 11 - (sum % 11);
    return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
  },
};
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

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

  it('is the standard’s formula for any 17 charset characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...USCC_CHARSET), minLength: 17, maxLength: 17 }), (first17) => {
        expect(computeUsccCheckChar(first17)).toBe(oracle.uscc(first17));
      }),
      { numRuns: 2000 },
    );
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
    expect(() => computeOrgCodeCheckChar('1922038Ａ')).toThrow(/expected 8/);
    expect(() => computeOrgCodeCheckChar('192203801')).toThrow(/expected 8/);
  });

  it('is the standard’s formula for any 8 digits and upper-case letters, and refuses any other character', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 8, maxLength: 8 }), (body8) => {
        expect(computeOrgCodeCheckChar(body8)).toBe(oracle.orgCode(body8));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...ALNUM), minLength: 7, maxLength: 7 }),
        fc.integer({ min: 0, max: 7 }),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }).filter((c) => c.length === 1 && !ALNUM.includes(c)),
        (seven, at, other) => {
          expect(() => computeOrgCodeCheckChar(seven.slice(0, at) + other + seven.slice(at))).toThrow(/expected 8/);
        },
      ),
    );
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
    // Every character code up to U+FFFF: the charset index, -1 for the rest.
    for (let code = 0; code <= 0xffff; code += 1) {
      const c = String.fromCharCode(code);
      expect(usccCharValue(c)).toBe(USCC_CHARSET.indexOf(c));
    }
  });
});
