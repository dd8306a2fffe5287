import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sm3, sm3Hex } from './sm3.ts';
import { bytesToHex } from './bytes.ts';

const nodeSm3 = (bytes: Uint8Array) => createHash('sm3').update(bytes).digest('hex');

describe('sm3 (GB/T 32905-2016)', () => {
  it('matches the standard\'s example 1: "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('matches the standard\'s example 2: "abcd" × 16 (one full block plus a padding block)', () => {
    expect(sm3Hex('abcd'.repeat(16))).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });

  it('hashes the empty message', () => {
    expect(sm3Hex('')).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });

  it('hashes strings as UTF-8, the same as the bytes', () => {
    const text = '双随机、一公开 914403001922038216';
    expect(sm3Hex(text)).toBe(sm3Hex(new TextEncoder().encode(text)));
    expect(sm3Hex(text)).toBe(createHash('sm3').update(text, 'utf8').digest('hex'));
  });

  it('returns 32 bytes and does not modify its input', () => {
    const input = new Uint8Array([1, 2, 3]);
    const digest = sm3(input);
    expect(digest).toBeInstanceOf(Uint8Array);
    expect(digest.length).toBe(32);
    expect([...input]).toEqual([1, 2, 3]);
  });

  it('agrees with node:crypto at every padding boundary length (0–200 bytes)', () => {
    for (let n = 0; n <= 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 0xff);
      expect(bytesToHex(sm3(bytes)), `length ${n}`).toBe(nodeSm3(bytes));
    }
  });

  it('agrees with node:crypto on a multi-block message read from a subarray view', () => {
    const backing = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) & 0xff);
    const view = backing.subarray(13, 9_013);
    expect(bytesToHex(sm3(view))).toBe(nodeSm3(view));
  });

  it('agrees with node:crypto for arbitrary byte arrays (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(bytesToHex(sm3(bytes))).toBe(nodeSm3(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with node:crypto for arbitrary strings, including non-BMP characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        expect(sm3Hex(text)).toBe(createHash('sm3').update(text, 'utf8').digest('hex'));
      }),
      { numRuns: 200 },
    );
  });
});
