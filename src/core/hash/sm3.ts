// SM3 cryptographic hash, GB/T 32905-2016 (identical to GM/T 0004-2012).
// docs/draw-spec.md §1 makes SM3 the default HASH of every draw, and the public verifier page
// must compute it in the browser with output identical to node:crypto on the server,
// hence a pure-TS implementation. Int32 arithmetic only (no BigInt): it hashes a
// ticket per frame object, i.e. millions of short messages.
import { bytesToHex, toBytes } from './bytes.ts';
import { digestMerkleDamgard } from './merkle-damgard.ts';
import { compressSm3 } from './sm3Compress.ts';

// §4.1 initial value IV.
export const SM3_IV = Int32Array.from([0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e]);

// §5.3 compression function CF, unrolled by scripts/generate-sm3-compress.mjs (the readable
// form of the rounds is there); also used by the prefixed hasher (prefixed.ts), which
// compresses a ticket's constant prefix once per seed.
export { compressSm3 };

/** SM3 digest (32 bytes) of `data`. */
export function sm3(data: Uint8Array): Uint8Array {
  return digestMerkleDamgard(data, SM3_IV, compressSm3);
}

/** SM3 as lower-case hex; strings are hashed as UTF-8 (docs/draw-spec.md §1). */
export function sm3Hex(data: Uint8Array | string): string {
  return bytesToHex(sm3(toBytes(data)));
}
