// Writes src/core/hash/sm3x4Wasm.ts: a WebAssembly module (128-bit SIMD) that runs the SM3
// compression function CF (GB/T 32905-2016 §5.3) on four blocks at once, one per 32-bit lane,
// all four starting from the same chaining value — the case of draw tickets (docs/draw-spec.md §5),
// where every ticket is one block compressed from the state after the constant tag-and-seed
// prefix. This script is the readable form: it emits the module's bytes instruction by
// instruction (no toolchain needed); the generated file holds them in base64.
// src/core/hash/generated.test.ts checks the file is this script's output, sm3x4.test.ts every lane against
// the scalar compressSm3.
//
// Memory (exported, 2 pages):
//   [0, 32)          the chaining value V, 8 words (host-endian i32, as Int32Array writes them)
//   [64 + 256·b, …)  batch b: message word j of lane l at 64 + 256·b + 16·j + 4·l (16 words);
//                    replaced in place by CF(V, block) word j of lane l at 64 + 256·b + 16·j + 4·l
//                    (words 0–7)
// Export compress4(batches: i32): runs batches 0 … batches − 1 (at most 255).
//
//   node scripts/generate-sm3x4-wasm.mjs          (writes the file)
//   node scripts/generate-sm3x4-wasm.mjs --print  (prints it)
import fs from 'node:fs';

const rotl32 = (x, n) => (n === 0 ? x : (x << n) | (x >>> (32 - n)) | 0);

function uleb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}
function sleb(n) {
  const out = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}
const vec = (items) => [...uleb(items.length), ...items.flat()];
const section = (id, body) => [id, ...uleb(body.length), ...body];
const name = (s) => vec([...Buffer.from(s, 'utf8')].map((b) => [b]));

// Opcodes (WebAssembly core 2.0; SIMD ones after the 0xfd prefix).
const I32 = 0x7f;
const V128 = 0x7b;
const op = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Mul: 0x6c,
};
const simd = {
  load: 0x00,
  load32Splat: 0x09,
  store: 0x0b,
  i32x4Splat: 0x11,
  and: 0x4e,
  or: 0x50,
  xor: 0x51,
  bitselect: 0x52,
  i32x4Shl: 0xab,
  i32x4ShrU: 0xad,
  i32x4Add: 0xae,
};

export function generateSm3x4Module() {
  const code = [];
  const emit = (...bytes) => code.push(...bytes);
  const v = (o, ...immediates) => emit(0xfd, ...uleb(o), ...immediates);
  const get = (l) => emit(op.localGet, ...uleb(l));
  const set = (l) => emit(op.localSet, ...uleb(l));
  const tee = (l) => emit(op.localTee, ...uleb(l));
  const i32 = (n) => emit(op.i32Const, ...sleb(n));
  const splat = (n) => {
    i32(n);
    v(simd.i32x4Splat);
  };

  // Locals: 0 = batches (parameter), 1 = p, 2 = end; then v128 locals.
  const P = 1;
  const END = 2;
  let nextLocal = 3;
  const v128Local = () => nextLocal++;
  const ROT = v128Local(); // operand of a rotation
  const X = v128Local(); // operand of P0 / P1
  // x <<< n of the value on the stack
  const rotl = (n) => {
    tee(ROT);
    i32(n);
    v(simd.i32x4Shl);
    get(ROT);
    i32(32 - n);
    v(simd.i32x4ShrU);
    v(simd.or);
  };
  // P(x) = x ⊕ (x <<< m) ⊕ (x <<< n) of the value on the stack
  const permute = (m, n) => {
    tee(X);
    get(X);
    rotl(m);
    v(simd.xor);
    get(X);
    rotl(n);
    v(simd.xor);
  };

  // x ⊕ y ⊕ z of three locals (FF_j and GG_j for j < 16)
  const xor3 = (x, y, z) => {
    get(x);
    get(y);
    v(simd.xor);
    get(z);
    v(simd.xor);
  };

  // p = 64; end = 64 + 256 · batches
  i32(64);
  set(P);
  get(0);
  i32(256);
  emit(op.i32Mul);
  i32(64);
  emit(op.i32Add);
  set(END);
  emit(op.block, 0x40, op.loop, 0x40);
  get(P);
  get(END);
  emit(op.i32GeU);
  emit(op.brIf, 1);

  // W_0 … W_15 from the batch; §5.3.2 expansion to W_67.
  const W = [];
  for (let j = 0; j < 16; j++) {
    W[j] = v128Local();
    get(P);
    v(simd.load, 4, ...uleb(16 * j));
    set(W[j]);
  }
  for (let j = 16; j < 68; j++) {
    W[j] = v128Local();
    get(W[j - 16]);
    get(W[j - 9]);
    v(simd.xor);
    get(W[j - 3]);
    rotl(15);
    v(simd.xor);
    permute(15, 23); // P1
    get(W[j - 13]);
    rotl(7);
    v(simd.xor);
    get(W[j - 6]);
    v(simd.xor);
    set(W[j]);
  }

  // A … H = V, each word splat over the four lanes.
  let [A, B, C, D, E, F, G, H] = Array.from({ length: 8 }, (_, j) => {
    const l = v128Local();
    i32(0);
    v(simd.load32Splat, 2, ...uleb(4 * j));
    set(l);
    return l;
  });
  const V = [A, B, C, D, E, F, G, H];
  const A12 = v128Local();
  const SS1 = v128Local();
  for (let j = 0; j < 64; j++) {
    const T = rotl32(j < 16 ? 0x79cc4519 : 0x7a879d8a, j % 32);
    // A12 = A <<< 12; SS1 = (A12 + E + T_j <<< j) <<< 7
    get(A);
    rotl(12);
    tee(A12);
    get(E);
    v(simd.i32x4Add);
    splat(T);
    v(simd.i32x4Add);
    rotl(7);
    set(SS1);
    // TT1 = FF_j(A, B, C) + D + (SS1 ⊕ A12) + (W_j ⊕ W_{j+4})
    const tt1 = v128Local();
    if (j < 16) xor3(A, B, C);
    else {
      // majority: (A ∧ (B ∨ C)) ∨ (B ∧ C)
      get(A);
      get(B);
      get(C);
      v(simd.or);
      v(simd.and);
      get(B);
      get(C);
      v(simd.and);
      v(simd.or);
    }
    get(D);
    v(simd.i32x4Add);
    get(SS1);
    get(A12);
    v(simd.xor);
    v(simd.i32x4Add);
    get(W[j]);
    get(W[j + 4]);
    v(simd.xor);
    v(simd.i32x4Add);
    set(tt1);
    // TT2 = GG_j(E, F, G) + H + SS1 + W_j; E' = P0(TT2)
    const e2 = v128Local();
    if (j < 16) xor3(E, F, G);
    else {
      // choose: (E ∧ F) ∨ (¬E ∧ G) = bitselect(F, G, E)
      get(F);
      get(G);
      get(E);
      v(simd.bitselect);
    }
    get(H);
    v(simd.i32x4Add);
    get(SS1);
    v(simd.i32x4Add);
    get(W[j]);
    v(simd.i32x4Add);
    permute(9, 17); // P0
    set(e2);
    // C' = B <<< 9, G' = F <<< 19
    const c2 = v128Local();
    get(B);
    rotl(9);
    set(c2);
    const g2 = v128Local();
    get(F);
    rotl(19);
    set(g2);
    [A, B, C, D, E, F, G, H] = [tt1, A, c2, C, e2, E, g2, G];
  }
  // V' = V ⊕ ABCDEFGH, written over the batch's first 8 words.
  [A, B, C, D, E, F, G, H].forEach((l, j) => {
    get(P);
    get(V[j]);
    get(l);
    v(simd.xor);
    v(simd.store, 4, ...uleb(16 * j));
  });
  // p += 256; next batch
  get(P);
  i32(256);
  emit(op.i32Add);
  set(P);
  emit(op.br, 0, op.end, op.end, op.end);

  const locals = vec([
    [...uleb(2), I32],
    [...uleb(nextLocal - 3), V128],
  ]);
  const body = [...locals, ...code];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([[0x60, ...vec([[I32]]), ...vec([])]])), // type 0: (i32) → ()
    ...section(3, vec([[0]])), // function 0 of type 0
    ...section(5, vec([[0x00, 2]])), // memory 0: 2 pages, no maximum
    ...section(
      7,
      vec([
        [...name('memory'), 0x02, 0],
        [...name('compress4'), 0x00, 0],
      ]),
    ),
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

export function generateSm3x4Source() {
  const base64 = Buffer.from(generateSm3x4Module()).toString('base64');
  const lines = [
    '// GENERATED by scripts/generate-sm3x4-wasm.mjs — do not edit; edit the script and re-run it.',
    '// WebAssembly (SIMD) SM3 compression of four blocks at once from one chaining value; the',
    '// script documents the module and its memory layout.',
    '',
    'export const SM3X4_WASM_BASE64 =',
  ];
  for (let i = 0; i < base64.length; i += 96) lines.push(`  '${base64.slice(i, i + 96)}'${i + 96 < base64.length ? ' +' : ';'}`);
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const source = generateSm3x4Source();
  if (process.argv.includes('--print')) process.stdout.write(source);
  else fs.writeFileSync(new URL('../src/core/hash/sm3x4Wasm.ts', import.meta.url), source);
}
