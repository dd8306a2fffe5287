// The draw's HASH (docs/draw-spec.md §1): SM3 by default, SHA-256 the only alternative,
// chosen per draw by the `hash` parameter. Pure TS so server and browser agree.
import { bytesToHex, hexToBytes, toBytes } from './bytes.ts';
import { sha256, sha256Hex } from './sha256.ts';
import { sm3, sm3Hex } from './sm3.ts';

export type HashAlgorithm = 'sm3' | 'sha256';

export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['sm3', 'sha256'];

/** Digest bytes with the draw's chosen algorithm (docs/draw-spec.md §1). */
export function hashBytes(alg: HashAlgorithm, data: Uint8Array | string): Uint8Array {
  const bytes = toBytes(data);
  switch (alg) {
    case 'sm3':
      return sm3(bytes);
    case 'sha256':
      return sha256(bytes);
    default:
      // A bundle read from JSON may name anything: refuse rather than fall back.
      throw new Error(`unsupported hash algorithm ${JSON.stringify(alg)}; use "sm3" or "sha256"`);
  }
}

/** Lower-case hex digest with the draw's chosen algorithm (docs/draw-spec.md §1). */
export function hashHex(alg: HashAlgorithm, data: Uint8Array | string): string {
  return bytesToHex(hashBytes(alg, data));
}

export { bytesToHex, hexToBytes, sha256, sha256Hex, sm3, sm3Hex };
