// The length-prefixed hash input of docs/draw-spec.md §1:
//   H(tag, p1, …, pk) = HASH( ascii(tag) ‖ 0x00 ‖ for each part: u32be(len(part)) ‖ part )
// Parts are UTF-8 bytes; callers pass integers as decimal strings and hashes as their
// lower-case hex, so every part reaching this module is a string or raw bytes.
import { toBytes } from '../hash/bytes.ts';
import { bytesToHex, hashBytes, type HashAlgorithm } from '../hash/index.ts';

export const DRAW_SPEC = 'ssj-draw/1';

/** The domain-separation tags of docs/draw-spec.md §3, §5 and §8. */
export const TAGS = {
  commit: 'ssj-draw/1/commit',
  operator: 'ssj-draw/1/operator',
  seed: 'ssj-draw/1/seed',
  ticket: 'ssj-draw/1/ticket',
  assign: 'ssj-draw/1/assign',
} as const;

export type HashPart = string | Uint8Array;

/** The exact bytes fed to HASH for H(tag, parts…) (docs/draw-spec.md §1). */
export function encodeTagged(tag: string, parts: readonly HashPart[]): Uint8Array {
  const tagBytes = asciiBytes(tag);
  const partBytes = parts.map((p) => toBytes(p));
  let length = tagBytes.length + 1;
  for (const p of partBytes) length += 4 + p.length;
  const out = new Uint8Array(length);
  out.set(tagBytes, 0);
  out[tagBytes.length] = 0x00;
  let at = tagBytes.length + 1;
  for (const p of partBytes) {
    writeU32be(out, at, p.length);
    out.set(p, at + 4);
    at += 4 + p.length;
  }
  return out;
}

/** H(tag, parts…) as bytes (docs/draw-spec.md §1). */
export function taggedHash(alg: HashAlgorithm, tag: string, parts: readonly HashPart[]): Uint8Array {
  return hashBytes(alg, encodeTagged(tag, parts));
}

/** H(tag, parts…) as lower-case hex, the form every hash takes in a bundle (docs/draw-spec.md §1). */
export function taggedHashHex(alg: HashAlgorithm, tag: string, parts: readonly HashPart[]): string {
  return bytesToHex(taggedHash(alg, tag, parts));
}

export function writeU32be(out: Uint8Array, at: number, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`u32be: ${value} does not fit in 32 bits`);
  }
  out[at] = value >>> 24;
  out[at + 1] = value >>> 16;
  out[at + 2] = value >>> 8;
  out[at + 3] = value;
}

// docs/draw-spec.md §1 says ascii(tag): a non-ASCII tag is a programming error, not data.
function asciiBytes(tag: string): Uint8Array {
  const out = new Uint8Array(tag.length);
  for (let i = 0; i < tag.length; i++) {
    const c = tag.charCodeAt(i);
    if (c > 0x7f) throw new RangeError(`tag ${JSON.stringify(tag)} is not ASCII`);
    out[i] = c;
  }
  return out;
}

/**
 * Orders two strings by their UTF-8 bytes (docs/draw-spec.md §2 "sorted by id bytes"), without
 * encoding them: UTF-8 byte order is code-point order, which differs from JavaScript's
 * UTF-16 `<` only when a surrogate meets a code unit ≥ U+E000.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/**
 * `strings` sorted by compareUtf8, in place. Without surrogates (any code point above U+FFFF)
 * that order is JavaScript's own UTF-16 order, so the engine's sort without a comparator does it
 * — several times quicker on a sample of 100,000 ids.
 */
export function sortUtf8(strings: string[]): string[] {
  return strings.some((s) => /[\ud800-\udfff]/.test(s)) ? strings.sort(compareUtf8) : strings.sort();
}

/** Byte order of a[aStart, aEnd) against b[bStart, bEnd): the same order on UTF-8 bytes. */
export function compareBytes(a: Uint8Array, aStart: number, aEnd: number, b: Uint8Array, bStart: number, bEnd: number): number {
  const n = Math.min(aEnd - aStart, bEnd - bStart);
  for (let i = 0; i < n; i++) {
    const d = a[aStart + i]! - b[bStart + i]!;
    if (d !== 0) return d;
  }
  return aEnd - aStart - (bEnd - bStart);
}

// Surrogates (D800–DFFF) encode code points above FFFF: move them after E000–FFFF.
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** True for a lower-case hex string of `bytes` bytes (docs/draw-spec.md §1: hashes are lower-case hex). */
export function isLowerHex(value: unknown, bytes: number): value is string {
  return typeof value === 'string' && value.length === bytes * 2 && /^[0-9a-f]*$/.test(value);
}
