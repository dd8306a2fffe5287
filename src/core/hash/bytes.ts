// Byte/hex/UTF-8 conversions for the hashes. docs/draw-spec.md §1: every hash is written as
// lower-case hex and string parts are UTF-8; TextEncoder (not Buffer) so the same code
// runs in the browser verifier.

const HEX_DIGITS = '0123456789abcdef';
const BYTE_TO_HEX: string[] = Array.from({ length: 256 }, (_, b) => HEX_DIGITS[b >>> 4]! + HEX_DIGITS[b & 15]!);

const utf8Encoder = new TextEncoder();

/** Strings are hashed as their UTF-8 bytes (docs/draw-spec.md §1). */
export function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? utf8Encoder.encode(data) : data;
}

/** Lower-case hex, two digits per byte (docs/draw-spec.md §1). */
export function bytesToHex(bytes: Uint8Array): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += BYTE_TO_HEX[bytes[i]!]!;
  return hex;
}

/**
 * Parses hex (either case) into bytes. Throws on odd length or a non-hex character
 * rather than guessing: a verifier must not accept a malformed hash as some other value.
 */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) {
    throw new Error(`hexToBytes: odd number of hex digits (${hex.length})`);
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexValue(hex.charCodeAt(2 * i));
    const lo = hexValue(hex.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) {
      const at = hi < 0 ? 2 * i : 2 * i + 1;
      throw new Error(`hexToBytes: not a hex digit ${JSON.stringify(hex[at])} at index ${at}`);
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}
