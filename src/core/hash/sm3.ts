// SM3 cryptographic hash, GB/T 32905-2016 (identical to GM/T 0004-2012).
// draw-spec §1 makes SM3 the default HASH of every draw, and the public verifier page
// must compute it in the browser with output identical to node:crypto on the server,
// hence a pure-TS implementation. Int32 arithmetic only (no BigInt): it hashes a
// ticket per frame object, i.e. millions of short messages.
import { bytesToHex, toBytes } from './bytes.ts';
import { digestMerkleDamgard } from './merkle-damgard.ts';

// §4.1 initial value IV.
const SM3_IV = Int32Array.from([0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e]);

// §4.2 constants T_j, pre-rotated by (j mod 32) as used in §5.3.3's SS1.
const T_ROTATED = Int32Array.from({ length: 64 }, (_, j) => rotl(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32));

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

// Scratch space for §5.3.2 message expansion, reused across blocks (single-threaded JS).
const W = new Int32Array(68);

// §5.3.2 message expansion + §5.3.3 compression function CF.
function compressSm3(V: Int32Array, block: Int32Array): void {
  W.set(block);
  for (let j = 16; j < 68; j++) {
    const x = W[j - 16]! ^ W[j - 9]! ^ rotl(W[j - 3]!, 15);
    // P1(X) = X ⊕ (X <<< 15) ⊕ (X <<< 23)
    W[j] = x ^ rotl(x, 15) ^ rotl(x, 23) ^ rotl(W[j - 13]!, 7) ^ W[j - 6]!;
  }

  let a = V[0]!,
    b = V[1]!,
    c = V[2]!,
    d = V[3]!;
  let e = V[4]!,
    f = V[5]!,
    g = V[6]!,
    h = V[7]!;
  for (let j = 0; j < 64; j++) {
    const a12 = rotl(a, 12);
    const ss1 = rotl((a12 + e + T_ROTATED[j]!) | 0, 7);
    const ss2 = ss1 ^ a12;
    // FF_j and GG_j: XOR for rounds 0–15, majority / choose for 16–63.
    const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
    const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
    const wj = W[j]!;
    const tt1 = (ff + d + ss2 + (wj ^ W[j + 4]!)) | 0; // W'_j = W_j ⊕ W_{j+4}
    const tt2 = (gg + h + ss1 + wj) | 0;
    d = c;
    c = rotl(b, 9);
    b = a;
    a = tt1;
    h = g;
    g = rotl(f, 19);
    f = e;
    e = tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17); // P0(TT2)
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
