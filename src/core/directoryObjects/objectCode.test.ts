import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatSystemObjectCode,
  nextSystemObjectCode,
  normalizeObjectCode,
  objectCodeProblem,
  parseSystemObjectCode,
} from './objectCode.ts';
import type { ObjectKind } from '../glossary.ts';

const kindArb = fc.constantFrom<ObjectKind>('product', 'project', 'behavior');
const regionArb = fc.stringMatching(/^\d{6}$/);
const yearArb = fc.integer({ min: 1000, max: 9999 });
const serialArb = fc.integer({ min: 1, max: 999_999 });

describe('system object codes', () => {
  it('formats the documented example', () => {
    expect(formatSystemObjectCode({ kind: 'product', regionCode: '140581', year: 2026, serial: 123 })).toBe('CP-140581-2026-000123');
    expect(formatSystemObjectCode({ kind: 'project', regionCode: '140500', year: 2026, serial: 1 })).toBe('XM-140500-2026-000001');
    expect(formatSystemObjectCode({ kind: 'behavior', regionCode: '140525', year: 2027, serial: 999_999 })).toBe('XW-140525-2027-999999');
  });

  it('parse is the inverse of format', () => {
    fc.assert(
      fc.property(kindArb, regionArb, yearArb, serialArb, (kind, regionCode, year, serial) => {
        const code = formatSystemObjectCode({ kind, regionCode, year, serial });
        expect(parseSystemObjectCode(code)).toEqual({ kind, regionCode, year, serial });
        expect(objectCodeProblem(code)).toBeNull();
        expect(normalizeObjectCode(code)).toBe(code);
      }),
    );
  });

  it('a unit’s own codes are not system codes', () => {
    for (const code of [
      '2026-140581-47-03-012345',
      'XK16-108-01234',
      'CP-140581-2026-00012',
      'CP-140581-2026-000000',
      'AB-140581-2026-000001',
    ])
      expect(parseSystemObjectCode(code)).toBeNull();
  });

  it('refuses values it cannot format', () => {
    expect(() => formatSystemObjectCode({ kind: 'product', regionCode: '14058', year: 2026, serial: 1 })).toThrow(RangeError);
    expect(() => formatSystemObjectCode({ kind: 'product', regionCode: '140581', year: 2026, serial: 0 })).toThrow(RangeError);
    expect(() => formatSystemObjectCode({ kind: 'product', regionCode: '140581', year: 2026, serial: 1_000_000 })).toThrow(RangeError);
  });

  it('the next code is one past the highest serial of the same series and never a used one', () => {
    fc.assert(
      fc.property(
        kindArb,
        regionArb,
        yearArb,
        fc.array(fc.record({ kind: kindArb, regionCode: regionArb, year: yearArb, serial: fc.integer({ min: 1, max: 999_998 }) }), {
          maxLength: 30,
        }),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 5 }),
        (kind, regionCode, year, used, ownCodes) => {
          const usedCodes = [...used.map(formatSystemObjectCode), ...ownCodes];
          const next = nextSystemObjectCode(kind, regionCode, year, usedCodes);
          expect(usedCodes).not.toContain(next);
          const same = used.filter((u) => u.kind === kind && u.regionCode === regionCode && u.year === year).map((u) => u.serial);
          expect(parseSystemObjectCode(next)).toEqual({ kind, regionCode, year, serial: Math.max(0, ...same) + 1 });
        },
      ),
    );
  });

  it('does not reuse gaps: after 1 and 5 comes 6', () => {
    expect(
      nextSystemObjectCode('project', '140581', 2026, ['XM-140581-2026-000001', 'XM-140581-2026-000005', 'CP-140581-2026-000009']),
    ).toBe('XM-140581-2026-000006');
  });
});

describe('normalizeObjectCode and objectCodeProblem', () => {
  it('repairs spaces, full-width characters and lower case, and nothing else', () => {
    expect(normalizeObjectCode(' xk16－108　01234 ')).toBe('XK16-10801234');
    expect(normalizeObjectCode('ｃｐ-140581')).toBe('CP-140581');
  });

  it('normalizing twice changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (s) => {
        expect(normalizeObjectCode(normalizeObjectCode(s))).toBe(normalizeObjectCode(s));
      }),
    );
  });

  it('accepts letters, digits and - _ . / up to 40 characters, starting with a letter or digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Z][0-9A-Z._/-]{0,39}$/), (code) => {
        expect(objectCodeProblem(code)).toBeNull();
      }),
    );
  });

  it('says what is wrong', () => {
    expect(objectCodeProblem('')).toMatch(/为空/);
    expect(objectCodeProblem('A'.repeat(41))).toMatch(/最多 40 位，实为 41 位/);
    expect(objectCodeProblem('项目1')).toMatch(/不允许的字符「项」/);
    expect(objectCodeProblem('-ABC')).toMatch(/开头/);
  });
});
