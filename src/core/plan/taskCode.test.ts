import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatTaskCode, parseTaskCode } from './taskCode.ts';

describe('任务编号', () => {
  it('is unit, year and a three-digit number', () => {
    expect(formatTaskCode({ unitCode: '140581', year: 2025, number: 7 })).toBe('140581-2025-007');
    expect(formatTaskCode({ unitCode: '140981', year: 2024, number: 1234 })).toBe('140981-2024-1234');
  });
  it('parses back what it formats, including sub-unit codes with dashes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('140581', '140500', '140581-scjgs', '14'),
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 99999 }),
        (unitCode, year, number) => {
          expect(parseTaskCode(formatTaskCode({ unitCode, year, number }))).toEqual({ unitCode, year, number });
        },
      ),
    );
  });
  it('rejects what is not a task code', () => {
    for (const bad of ['', '140581-2025-7', '140581-25-007', '140581-2025-000', '-2025-001', '140581-2025-0007']) {
      expect(parseTaskCode(bad)).toBeNull();
    }
    expect(() => formatTaskCode({ unitCode: '140581', year: 2025, number: 0 })).toThrow(RangeError);
  });
});
