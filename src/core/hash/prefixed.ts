// HASH(prefix ‖ u32be(len(part)) ‖ part) for many parts behind one constant prefix: the shape
// of every per-object hash of the draw (docs/draw-spec.md §1 encoding, §5 tickets: the prefix is
// ascii(tag) ‖ 0x00 ‖ u32be(len(seed)) ‖ seed; §8 costs have two parts, o and i). A frame has millions of objects, so:
// - the full 64-byte blocks of the prefix are compressed once (for the ticket prefix of a
//   64-hex-digit seed: 86 bytes, one block), and every part starts from that state;
// - the rest of the prefix stays written in a reused block buffer, the part and the
//   Merkle–Damgård padding (merkle-damgard.ts) are written after it: no allocation per part;
// - the digest stays in a reused Int32Array of 8 big-endian words (digest bytes 4i..4i+3 =
//   word i), so a caller comparing tickets reads words, not bytes.
// Output is byte-identical to hashBytes(alg, prefix ‖ u32be(len) ‖ part) (tested).
import type { CompressBlock } from './merkle-damgard.ts';
import type { HashAlgorithm } from './index.ts';
import { SHA256_IV, compressSha256 } from './sha256.ts';
import { SM3_IV, compressSm3 } from './sm3.ts';

export interface PartHasher {
  /**
   * Hashes prefix ‖ u32be(end − start) ‖ bytes[start, end) and returns the digest as 8 words
   * (signed Int32; `>>> 0` for the unsigned value). The array is reused: read it before the
   * next call.
   */
  digestPart(bytes: Uint8Array, start: number, end: number): Int32Array;
  /** The same for prefix ‖ u32be(len a) ‖ a ‖ u32be(len b) ‖ b (docs/draw-spec.md §8 costs: o, i). */
  digestTwoParts(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): Int32Array;
  /** The chaining value after the prefix's full blocks, from which every part's last block is compressed. */
  readonly prefixState: Int32Array;
  /**
   * When the part fits with the padding in one block after the prefix's rest (an 18-byte USCC
   * after the ticket prefix does): writes that block's 16 words at out[at + j · stride] and
   * returns true, so a caller can compress many such blocks itself (four lanes at once,
   * sm3x4.ts) from prefixState. Otherwise writes nothing and returns false.
   */
  writeOneBlock(bytes: Uint8Array, start: number, end: number, out: Int32Array, at: number, stride: number): boolean;
}

export function makePartHasher(alg: HashAlgorithm, prefix: Uint8Array): PartHasher {
  let iv: Int32Array;
  let compress: CompressBlock;
  switch (alg) {
    case 'sm3':
      iv = SM3_IV;
      compress = compressSm3;
      break;
    case 'sha256':
      iv = SHA256_IV;
      compress = compressSha256;
      break;
    default:
      throw new Error(`unsupported hash algorithm ${JSON.stringify(alg)}; use "sm3" or "sha256"`);
  }

  const words = new Int32Array(16);
  const prefixState = iv.slice();
  const fullPrefixBlocks = prefix.length >>> 6;
  for (let b = 0; b < fullPrefixBlocks; b++) {
    readWords(prefix, b << 6, words);
    compress(prefixState, words);
  }
  const carried = prefix.subarray(fullPrefixBlocks << 6); // < 64 bytes, rewritten per part
  const prefixBytes = prefix.length;
  const state = new Int32Array(8);
  let tail = new Uint8Array(128);
  tail.set(carried);

  // Room in the tail buffer for `parts` more bytes after the carried prefix, plus padding.
  const reserve = (partBytes: number) => {
    const needed = carried.length + partBytes + 72;
    if (tail.length < needed) {
      tail = new Uint8Array(needed * 2);
      tail.set(carried);
    }
  };
  // u32be(len) ‖ bytes[start, end) at `at`; returns the next position.
  const writePart = (at: number, bytes: Uint8Array, start: number, end: number) => {
    const length = end - start;
    tail[at] = length >>> 24;
    tail[at + 1] = length >>> 16;
    tail[at + 2] = length >>> 8;
    tail[at + 3] = length;
    at += 4;
    for (let i = start; i < end; i++) tail[at++] = bytes[i]!;
    return at;
  };
  // Pads the tail written up to `at` (Merkle–Damgård, as merkle-damgard.ts); returns its
  // length in bytes (whole blocks).
  const pad = (at: number) => {
    const messageBytes = prefixBytes + at - carried.length;
    const tailLength = ((at + 9 + 63) >>> 6) << 6; // + 0x80 + 64-bit length, whole blocks
    tail[at++] = 0x80;
    const lengthAt = tailLength - 8;
    while (at < lengthAt) tail[at++] = 0;
    // Bit length as 64-bit big-endian without BigInt (as merkle-damgard.ts writeBitLength).
    const hi = Math.floor(messageBytes / 0x20000000);
    const lo = (messageBytes << 3) >>> 0;
    tail[lengthAt] = hi >>> 24;
    tail[lengthAt + 1] = hi >>> 16;
    tail[lengthAt + 2] = hi >>> 8;
    tail[lengthAt + 3] = hi;
    tail[lengthAt + 4] = lo >>> 24;
    tail[lengthAt + 5] = lo >>> 16;
    tail[lengthAt + 6] = lo >>> 8;
    tail[lengthAt + 7] = lo;
    return tailLength;
  };
  // Pads the tail written up to `at` and compresses it from the prefix state.
  const finish = (at: number) => {
    const tailLength = pad(at);
    for (let i = 0; i < 8; i++) state[i] = prefixState[i]!;
    for (let offset = 0; offset < tailLength; offset += 64) {
      readWords(tail, offset, words);
      compress(state, words);
    }
    return state;
  };

  // Parts that fit in one tail block with their padding (an 18-byte USCC after the ticket
  // prefix does): the block is the same for every part of one length except the part's own
  // bytes, so it is kept per length as 16 words and the part is OR-ed into a copy — no byte
  // buffer, no padding written, one compression.
  const partAt = carried.length + 4;
  const oneBlockParts = 64 - 9 - partAt; // negative: not even an empty part fits
  const templates: (Int32Array | undefined)[] = [];
  const templateFor = (length: number) => {
    reserve(4 + length);
    pad(writePart(carried.length, new Uint8Array(length), 0, length)); // the part as zero bytes
    const block = new Int32Array(16);
    readWords(tail, 0, block);
    templates[length] = block;
    return block;
  };

  // The part's bytes OR-ed into a copy of its length's template: byte by byte up to a word
  // boundary, then whole words (zero in the template, so assigned), then the last bytes.
  const writeOneBlock = (bytes: Uint8Array, start: number, end: number, out: Int32Array, at: number, stride: number) => {
    const length = end - start;
    if (length > oneBlockParts) return false;
    const template = templates[length] ?? templateFor(length);
    for (let i = 0; i < 16; i++) out[at + i * stride] = template[i]!;
    let p = partAt;
    let i = start;
    for (; (p & 3) !== 0 && i < end; i++, p++) out[at + (p >>> 2) * stride]! |= bytes[i]! << (24 - ((p & 3) << 3));
    for (; i + 4 <= end; i += 4, p += 4)
      out[at + (p >>> 2) * stride] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
    for (; i < end; i++, p++) out[at + (p >>> 2) * stride]! |= bytes[i]! << (24 - ((p & 3) << 3));
    return true;
  };

  return {
    prefixState,
    writeOneBlock,
    digestPart(bytes, start, end) {
      if (writeOneBlock(bytes, start, end, words, 0, 1)) {
        for (let i = 0; i < 8; i++) state[i] = prefixState[i]!;
        compress(state, words);
        return state;
      }
      reserve(4 + end - start);
      return finish(writePart(carried.length, bytes, start, end));
    },
    digestTwoParts(a, aStart, aEnd, b, bStart, bEnd) {
      reserve(8 + aEnd - aStart + bEnd - bStart);
      return finish(writePart(writePart(carried.length, a, aStart, aEnd), b, bStart, bEnd));
    },
  };
}

/** Writes the 8 digest words as the 32 digest bytes at out[at, at + 32). */
export function writeDigestWords(words: Int32Array, out: Uint8Array, at: number): void {
  for (let i = 0; i < 8; i++) {
    const w = words[i]!;
    out[at + i * 4] = w >>> 24;
    out[at + i * 4 + 1] = w >>> 16;
    out[at + i * 4 + 2] = w >>> 8;
    out[at + i * 4 + 3] = w;
  }
}

function readWords(bytes: Uint8Array, offset: number, words: Int32Array): void {
  for (let i = 0; i < 16; i++) {
    const p = offset + i * 4;
    words[i] = (bytes[p]! << 24) | (bytes[p + 1]! << 16) | (bytes[p + 2]! << 8) | bytes[p + 3]!;
  }
}
