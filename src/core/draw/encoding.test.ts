import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareUtf8, encodeTagged, sortUtf8, taggedHashHex } from './encoding.ts';

// An independent H of docs/draw-spec.md §1 on node:crypto and Buffer, not on our hash code.
function referenceH(alg: 'sm3' | 'sha256', tag: string, parts: string[]): string {
  const chunks = [Buffer.from(tag, 'ascii'), Buffer.from([0])];
  for (const p of parts) {
    const bytes = Buffer.from(p, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    chunks.push(len, bytes);
  }
  return createHash(alg).update(Buffer.concat(chunks)).digest('hex');
}

describe('H(tag, parts…) (docs/draw-spec.md §1)', () => {
  it('writes tag, 0x00, then u32be length and bytes of each part', () => {
    const bytes = encodeTagged('t', ['ab', '', '中']);
    expect([...bytes]).toEqual([0x74, 0x00, 0, 0, 0, 2, 0x61, 0x62, 0, 0, 0, 0, 0, 0, 0, 3, 0xe4, 0xb8, 0xad]);
  });

  it('agrees with node:crypto for SM3 and SHA-256', () => {
    for (const alg of ['sm3', 'sha256'] as const) {
      expect(taggedHashHex(alg, 'ssj-draw/1/ticket', ['ab', '91140581MA0WE0011X'])).toBe(
        referenceH(alg, 'ssj-draw/1/ticket', ['ab', '91140581MA0WE0011X']),
      );
    }
  });

  it('length prefixes keep ("ab","c") and ("a","bc") apart', () => {
    expect(taggedHashHex('sm3', 'x', ['ab', 'c'])).not.toBe(taggedHashHex('sm3', 'x', ['a', 'bc']));
  });

  it('agrees with node:crypto on arbitrary parts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 5 }), (parts) => {
        expect(taggedHashHex('sm3', 'ssj-draw/1/seed', parts)).toBe(referenceH('sm3', 'ssj-draw/1/seed', parts));
      }),
      { numRuns: 50 },
    );
  });

  it('refuses a non-ASCII tag', () => {
    expect(() => encodeTagged('摇号', [])).toThrow(/not ASCII/);
  });
});

describe('compareUtf8 (docs/draw-spec.md §2 "sorted by id bytes")', () => {
  it('orders like the UTF-8 bytes, including astral characters after U+FFxx', () => {
    expect(compareUtf8('\uff01', '\u{1f600}')).toBeLessThan(0); // JS `<` says the opposite
    expect(compareUtf8('A', 'AB')).toBeLessThan(0);
  });

  it('equals Buffer.compare of the UTF-8 bytes (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(Math.sign(compareUtf8(a, b))).toBe(Buffer.compare(Buffer.from(a), Buffer.from(b)));
      }),
    );
  });
});

describe('sortUtf8', () => {
  it('sorts like the UTF-8 bytes, with and without astral characters (property)', () => {
    const bytesOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
    for (const unit of ['grapheme', 'grapheme-ascii'] as const) {
      fc.assert(
        fc.property(fc.array(fc.string({ unit, maxLength: 6 }), { maxLength: 20 }), (strings) => {
          expect(sortUtf8([...strings])).toEqual([...strings].sort(bytesOrder));
        }),
        { numRuns: 100 },
      );
    }
    expect(sortUtf8(['\u{1f600}', '\uff01'])).toEqual(['\uff01', '\u{1f600}']);
  });
});
