import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hashBytes, hashHex, hexToBytes, type HashAlgorithm } from './index.ts';

describe('hashHex: the draw HASH chosen by parameter (docs/draw-spec.md §1)', () => {
  it('selects SM3 or SHA-256 by name', () => {
    expect(hashHex('sm3', 'abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(hashHex('sha256', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('agrees with node:crypto for both algorithms on bytes and strings (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom<HashAlgorithm>('sm3', 'sha256'), fc.uint8Array({ maxLength: 300 }), (alg, bytes) => {
        expect(hashHex(alg, bytes)).toBe(createHash(alg).update(bytes).digest('hex'));
        expect(bytesToHex(hashBytes(alg, bytes))).toBe(hashHex(alg, bytes));
      }),
    );
  });

  it('refuses an algorithm the spec does not allow instead of falling back', () => {
    expect(() => hashHex('md5' as HashAlgorithm, 'abc')).toThrow(/unsupported hash algorithm "md5"/);
  });
});

describe('bytesToHex / hexToBytes', () => {
  it('writes lower-case hex, two digits per byte', () => {
    expect(bytesToHex(new Uint8Array([0, 1, 0x0f, 0xab, 0xff]))).toBe('00010fabff');
    expect(bytesToHex(new Uint8Array())).toBe('');
  });

  it('reads either case', () => {
    expect([...hexToBytes('00ABcdFF')]).toEqual([0x00, 0xab, 0xcd, 0xff]);
  });

  it('round-trips arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const hex = bytesToHex(bytes);
        expect(hex).toMatch(/^[0-9a-f]*$/);
        expect(hexToBytes(hex)).toEqual(bytes);
      }),
    );
  });

  it('rejects odd length and non-hex characters with the position', () => {
    expect(() => hexToBytes('abc')).toThrow(/odd number of hex digits \(3\)/);
    expect(() => hexToBytes('0g')).toThrow(/not a hex digit "g" at index 1/);
    expect(() => hexToBytes(' 0')).toThrow(/at index 0/);
  });
});
