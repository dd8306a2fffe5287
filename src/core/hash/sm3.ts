// SM3 cryptographic hash, GB/T 32905-2016 (identical to GM/T 0004-2012).
// draw-spec §1 makes SM3 the default HASH of every draw, and the public verifier page
// must compute it in the browser with output identical to node:crypto on the server,
// hence a pure-TS implementation. Int32 arithmetic only (no BigInt): it hashes a
// ticket per frame object, i.e. millions of short messages.
import { bytesToHex, toBytes } from './bytes.ts';
import { digestMerkleDamgard } from './merkle-damgard.ts';

// §4.1 initial value IV.
export const SM3_IV = Int32Array.from([0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e]);

// §4.2 constants T_j, pre-rotated by (j mod 32) as used in §5.3.3's SS1.
const T_ROTATED = Int32Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32));

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

// Scratch space for §5.3.2 message expansion, reused across blocks (single-threaded JS).
const W = new Int32Array(68);

/**
 * §5.3.2 message expansion + §5.3.3 compression function CF, in place on V.
 * Rounds 0–15 and 16–63 are separate loops (FF/GG differ) so the hot loop has no branch;
 * exported for the prefixed hasher (prefixed.ts), which compresses a ticket's constant
 * prefix once per seed.
 */
export function compressSm3(V: Int32Array, block: Int32Array): void {
  const w = W;
  for (let j = 0; j < 16; j++) w[j] = block[j]!;
  for (let j = 16; j < 68; j++) {
    let x = w[j - 16]! ^ w[j - 9]!;
    const r = w[j - 3]!;
    x ^= (r << 15) | (r >>> 17);
    // P1(X) = X ⊕ (X <<< 15) ⊕ (X <<< 23)
    const s = w[j - 13]!;
    w[j] = x ^ ((x << 15) | (x >>> 17)) ^ ((x << 23) | (x >>> 9)) ^ ((s << 7) | (s >>> 25)) ^ w[j - 6]!;
  }

  let a = V[0]!,
    b = V[1]!,
    c = V[2]!,
    d = V[3]!;
  let e = V[4]!,
    f = V[5]!,
    g = V[6]!,
    h = V[7]!;
  const t = T_ROTATED;
  // Rounds 0–15: FF = GG = X ⊕ Y ⊕ Z.
  for (let j = 0; j < 16; j++) {
    const a12 = (a << 12) | (a >>> 20);
    let ss1 = (a12 + e + t[j]!) | 0;
    ss1 = (ss1 << 7) | (ss1 >>> 25);
    const wj = w[j]!;
    const tt1 = ((a ^ b ^ c) + d + (ss1 ^ a12) + (wj ^ w[j + 4]!)) | 0; // W'_j = W_j ⊕ W_{j+4}
    const tt2 = ((e ^ f ^ g) + h + ss1 + wj) | 0;
    d = c;
    c = (b << 9) | (b >>> 23);
    b = a;
    a = tt1;
    h = g;
    g = (f << 19) | (f >>> 13);
    f = e;
    e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15)); // P0(TT2)
  }
  // Rounds 16–63: FF = majority, GG = choose.
  for (let j = 16; j < 64; j++) {
    const a12 = (a << 12) | (a >>> 20);
    let ss1 = (a12 + e + t[j]!) | 0;
    ss1 = (ss1 << 7) | (ss1 >>> 25);
    const wj = w[j]!;
    const tt1 = (((a & b) | (a & c) | (b & c)) + d + (ss1 ^ a12) + (wj ^ w[j + 4]!)) | 0;
    const tt2 = (((e & f) | (~e & g)) + h + ss1 + wj) | 0;
    d = c;
    c = (b << 9) | (b >>> 23);
    b = a;
    a = tt1;
    h = g;
    g = (f << 19) | (f >>> 13);
    f = e;
    e = tt2 ^ ((tt2 << 9) | (tt2 >>> 23)) ^ ((tt2 << 17) | (tt2 >>> 15));
  }
  // V(i+1) = ABCDEFGH ⊕ V(i)
  V[0]! ^= a;
  V[1]! ^= b;
  V[2]! ^= c;
  V[3]! ^= d;
  V[4]! ^= e;
  V[5]! ^= f;
  V[6]! ^= g;
  V[7]! ^= h;
}

/** SM3 digest (32 bytes) of `data`. */
export function sm3(data: Uint8Array): Uint8Array {
  return digestMerkleDamgard(data, SM3_IV, compressSm3);
}

/** SM3 as lower-case hex; strings are hashed as UTF-8 (draw-spec §1). */
export function sm3Hex(data: Uint8Array | string): string {
  return bytesToHex(sm3(toBytes(data)));
}
