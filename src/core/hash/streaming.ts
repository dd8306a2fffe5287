// HASH over data that arrives in pieces (a frame file read page by page from the database,
// docs/draw-spec.md §2 frame hash): the same Merkle–Damgård framing as merkle-damgard.ts, one block
// buffered between pieces, so the whole file never needs to sit in one buffer.
import type { HashAlgorithm } from './index.ts';
import { digestMerkleDamgard, type CompressBlock } from './merkle-damgard.ts';
import { SHA256_IV, compressSha256 } from './sha256.ts';
import { SM3_IV, compressSm3 } from './sm3.ts';

export interface StreamingHash {
  update(bytes: Uint8Array): void;
  /** The digest of everything passed to update (32 bytes); the hash cannot be updated after. */
  digest(): Uint8Array;
}

export function createStreamingHash(alg: HashAlgorithm): StreamingHash {
  let iv: Int32Array;
  let compress: CompressBlock;
  if (alg === 'sm3') [iv, compress] = [SM3_IV, compressSm3];
  else if (alg === 'sha256') [iv, compress] = [SHA256_IV, compressSha256];
  else throw new Error(`unsupported hash algorithm ${JSON.stringify(alg)}; use "sm3" or "sha256"`);

  const state = iv.slice();
  const words = new Int32Array(16);
  const pending = new Uint8Array(64);
  let pendingLength = 0;
  let total = 0;
  let done = false;

  const compressAt = (bytes: Uint8Array, offset: number) => {
    for (let i = 0; i < 16; i++) {
      const p = offset + i * 4;
      words[i] = (bytes[p]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!;
    }
    compress(state, words);
  };

  return {
    update(bytes) {
      if (done) throw new Error('StreamingHash: update after digest');
      total += bytes.length;
      let at = 0;
      if (pendingLength > 0) {
        const take = Math.min(64 - pendingLength, bytes.length);
        pending.set(bytes.subarray(0, take), pendingLength);
        pendingLength += take;
        at = take;
        if (pendingLength < 64) return;
        compressAt(pending, 0);
        pendingLength = 0;
      }
      for (; at + 64 <= bytes.length; at += 64) compressAt(bytes, at);
      pending.set(bytes.subarray(at), 0);
      pendingLength = bytes.length - at;
    },
    digest() {
      done = true;
      // The buffered tail and the padding: merkle-damgard.ts frames it, starting from the
      // state reached so far, with the bit length of the whole message.
      return digestMerkleDamgard(pending.subarray(0, pendingLength), state, compress, total);
    },
  };
}
