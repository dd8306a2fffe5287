// The Merkle–Damgård framing that SM3 (GB/T 32905-2016 §5.2, §5.3.1) and SHA-256
// (FIPS 180-4 §5.1.1, §6.2) share: 512-bit blocks read as 16 big-endian words, message
// padded with 0x80, zeros, and the bit length as a 64-bit big-endian integer.
// Kept in one place so both hashes pad identically and neither copies the other.
// Pure: no Buffer, no node: imports, so the public verifier page runs the same code.

/** Compresses one 16-word block into `state` in place. */
export type CompressBlock = (state: Int32Array, block: Int32Array) => void;

/**
 * Digest of `data` starting from `initialState`. `messageLength` (bytes) is the length of the
 * whole message when `data` is only its tail after blocks already compressed into
 * initialState (streaming.ts); it defaults to data.length.
 */
export function digestMerkleDamgard(
  data: Uint8Array,
  initialState: Int32Array,
  compress: CompressBlock,
  messageLength = data.length,
): Uint8Array {
  const state = initialState.slice();
  const block = new Int32Array(16);
  const fullBlocks = data.length >>> 6;

  // Full blocks are read straight from the input: no copy of a large frame file.
  for (let b = 0; b < fullBlocks; b++) {
    readBlock(data, b << 6, block);
    compress(state, block);
  }

  // The tail plus padding fits in one block if at most 55 bytes remain, else two.
  const rest = data.length - (fullBlocks << 6);
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(data.subarray(fullBlocks << 6));
  tail[rest] = 0x80;
  writeBitLength(tail, messageLength);
  for (let offset = 0; offset < tail.length; offset += 64) {
    readBlock(tail, offset, block);
    compress(state, block);
  }

  const out = new Uint8Array(32);
  for (let i = 0; i < 8; i++) {
    const w = state[i]!;
    out[i * 4] = w >>> 24;
    out[i * 4 + 1] = w >>> 16;
    out[i * 4 + 2] = w >>> 8;
    out[i * 4 + 3] = w;
  }
  return out;
}

function readBlock(bytes: Uint8Array, offset: number, block: Int32Array): void {
  for (let i = 0; i < 16; i++) {
    const p = offset + i * 4;
    block[i] = (bytes[p]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!;
  }
}

// Bit length = byteLength · 8 as 64-bit big-endian, without BigInt: the high word
// holds the bits above 2^32 (byteLength / 2^29), the low word the rest.
function writeBitLength(tail: Uint8Array, byteLength: number): void {
  const hi = Math.floor(byteLength / 0x20000000);
  const lo = (byteLength << 3) >>> 0;
  const end = tail.length;
  tail[end - 8] = hi >>> 24;
  tail[end - 7] = hi >>> 16;
  tail[end - 6] = hi >>> 8;
  tail[end - 5] = hi;
  tail[end - 4] = lo >>> 24;
  tail[end - 3] = lo >>> 16;
  tail[end - 2] = lo >>> 8;
  tail[end - 1] = lo;
}
