import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createStreamingHash } from '../../core/hash/streaming.ts';
import { nativeStreamingHash } from './frameCopy.ts';

describe('nativeStreamingHash', () => {
  it('gives the pure streaming hash, byte for byte, for any pieces', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('sm3' as const, 'sha256' as const),
        fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }),
        (alg, pieces) => {
          const pure = createStreamingHash(alg);
          const native = nativeStreamingHash(alg);
          for (const p of pieces) {
            pure.update(p);
            native.update(p);
          }
          expect(Buffer.from(native.digest()).toString('hex')).toBe(Buffer.from(pure.digest()).toString('hex'));
        },
      ),
    );
  });
});
