import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from './bytes.ts';
import { hashBytes, type HashAlgorithm } from './index.ts';
import { makePartHasher, writeDigestWords } from './prefixed.ts';
import { createStreamingHash } from './streaming.ts';

function partDigest(alg: HashAlgorithm, prefix: Uint8Array, part: Uint8Array, padding = 0): string {
  // Embed the part in a larger buffer to exercise start/end offsets.
  const host = new Uint8Array(padding + part.length + 3).fill(0xee);
  host.set(part, padding);
  const words = makePartHasher(alg, prefix).digestPart(host, padding, padding + part.length);
  const out = new Uint8Array(32);
  writeDigestWords(words, out, 0);
  return bytesToHex(out);
}

function reference(alg: HashAlgorithm, prefix: Uint8Array, part: Uint8Array): string {
  const message = new Uint8Array(prefix.length + 4 + part.length);
  message.set(prefix);
  new DataView(message.buffer).setUint32(prefix.length, part.length);
  message.set(part, prefix.length + 4);
  return bytesToHex(hashBytes(alg, message));
}

describe('makePartHasher: HASH(prefix ‖ u32be(len) ‖ part) with the prefix blocks compressed once', () => {
  it('equals the one-shot hash for prefixes and parts of every length around the block edges', () => {
    for (const alg of ['sm3', 'sha256'] as const) {
      for (const prefixLength of [0, 1, 51, 55, 56, 60, 63, 64, 65, 86, 128, 130]) {
        const prefix = Uint8Array.from({ length: prefixLength }, (_, i) => (i * 31 + 7) & 0xff);
        for (const partLength of [0, 1, 18, 40, 47, 51, 52, 55, 60, 64, 120, 300]) {
          const part = Uint8Array.from({ length: partLength }, (_, i) => (i * 17 + prefixLength) & 0xff);
          expect(partDigest(alg, prefix, part, partLength % 5)).toBe(reference(alg, prefix, part));
        }
      }
    }
  });

  it('agrees with node:crypto on random prefixes and parts, reusing one hasher', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.array(fc.uint8Array({ maxLength: 150 }), { minLength: 1, maxLength: 6 }),
        (prefix, parts) => {
          for (const alg of ['sm3', 'sha256'] as const) {
            const hasher = makePartHasher(alg, prefix);
            for (const part of parts) {
              const out = new Uint8Array(32);
              writeDigestWords(hasher.digestPart(part, 0, part.length), out, 0);
              const len = Buffer.alloc(4);
              len.writeUInt32BE(part.length);
              const expected = createHash(alg).update(prefix).update(len).update(part).digest('hex');
              expect(bytesToHex(out)).toBe(expected);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses an unknown algorithm', () => {
    expect(() => makePartHasher('md5' as HashAlgorithm, new Uint8Array(0))).toThrow(/unsupported hash algorithm/);
  });
});

describe('createStreamingHash: the frame-file hash page by page', () => {
  it('equals the one-shot hash however the message is cut', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.nat(600), { maxLength: 6 }),
        fc.constantFrom('sm3', 'sha256' as const),
        (data, cuts, alg) => {
          const bounds = [0, ...cuts.map((c) => c % (data.length + 1)).sort((a, b) => a - b), data.length];
          const hash = createStreamingHash(alg as HashAlgorithm);
          for (let i = 1; i < bounds.length; i++) hash.update(data.subarray(bounds[i - 1], bounds[i]));
          expect(bytesToHex(hash.digest())).toBe(createHash(alg).update(data).digest('hex'));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('digestTwoParts: HASH(prefix ‖ u32be(len a) ‖ a ‖ u32be(len b) ‖ b)', () => {
  it('agrees with node:crypto for random prefixes and part pairs', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 150 }),
        fc.uint8Array({ maxLength: 90 }),
        fc.uint8Array({ maxLength: 90 }),
        fc.constantFrom('sm3', 'sha256' as const),
        (prefix, a, b, alg) => {
          const hasher = makePartHasher(alg as HashAlgorithm, prefix);
          hasher.digestPart(b, 0, b.length); // a previous, longer use of the buffer must not leak
          const out = new Uint8Array(32);
          writeDigestWords(hasher.digestTwoParts(a, 0, a.length, b, 0, b.length), out, 0);
          const len = (n: number) => {
            const x = Buffer.alloc(4);
            x.writeUInt32BE(n);
            return x;
          };
          expect(bytesToHex(out)).toBe(
            createHash(alg).update(prefix).update(len(a.length)).update(a).update(len(b.length)).update(b).digest('hex'),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});
