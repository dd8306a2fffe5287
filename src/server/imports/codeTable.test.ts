// The code table answers as a Map of the same codes would, through its growth; codes given as
// text (at an offset) and as bytes reach the same slot.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CodeTable } from './codeTable.ts';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const code = fc.array(fc.constantFrom(...CHARSET), { minLength: 18, maxLength: 18 }).map((chars) => chars.join(''));

describe('CodeTable', () => {
  it('finds and adds as a Map does, from text at an offset and from bytes, while it grows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(code, fc.boolean(), fc.integer({ min: 1, max: 1_000_000 })), { minLength: 20, maxLength: 400, size: 'max' }),
        fc.nat(40),
        (steps, pad) => {
          const table = new CodeTable(1);
          const reference = new Map<string, number>();
          for (const [c, asBytes, value] of steps) {
            const prefix = 'x'.repeat(pad);
            const before = reference.get(c);
            expect(table.find(`${prefix}${c}`, pad)).toBe(before === undefined ? -1 : table.find(c));
            const slot = asBytes ? table.addBytes(Buffer.from(`${prefix}${c}`, 'ascii'), pad).slot : table.add(`${prefix}${c}`, pad);
            if (before === undefined) {
              expect(table.values[slot]).toBe(0);
              table.values[slot] = value;
              reference.set(c, value);
            }
            expect(table.values[slot]).toBe(reference.get(c));
          }
          expect(table.size).toBe(reference.size);
          for (const [c, value] of reference) expect(table.values[table.find(c)]).toBe(value);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tells a new code from one it holds when added as bytes', () => {
    const table = new CodeTable();
    const bytes = Buffer.from('91140581MA0K00000391140581MA0K000003', 'ascii');
    expect(table.addBytes(bytes, 0)).toEqual({ slot: 0, isNew: true });
    expect(table.addBytes(bytes, 18)).toEqual({ slot: 0, isNew: false });
    expect(table.find('91140581MA0K000004')).toBe(-1);
  });
});
