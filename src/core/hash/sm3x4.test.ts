import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compressSm3 } from './sm3Compress.ts';
import { SM3X4_MAX_BLOCKS, createSm3x4, laneIndex } from './sm3x4.ts';

const word = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });

describe('sm3x4 (SM3 compression four blocks at a time, WebAssembly SIMD)', () => {
  it('is available on the server (Node 20 has WebAssembly SIMD)', () => {
    expect(createSm3x4()).not.toBeNull();
  });

  it('gives, in every lane, what the scalar compressSm3 gives, for any chaining value, blocks and count', () => {
    const lanes = createSm3x4()!;
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 8, maxLength: 8 }),
        fc.array(fc.array(word, { minLength: 16, maxLength: 16 }), { minLength: 1, maxLength: 13 }),
        (state, blocks) => {
          lanes.state.set(state);
          blocks.forEach((block, k) => block.forEach((w, j) => (lanes.blocks[laneIndex(k, j)] = w)));
          lanes.compress(blocks.length);
          blocks.forEach((block, k) => {
            const expected = Int32Array.from(state);
            compressSm3(expected, Int32Array.from(block));
            const found = Int32Array.from({ length: 8 }, (_, j) => lanes.blocks[laneIndex(k, j)]!);
            expect(found).toEqual(expected);
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('compresses a full call of SM3X4_MAX_BLOCKS blocks', () => {
    const lanes = createSm3x4()!;
    const state = Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    lanes.state.set(state);
    const block = (k: number) => Int32Array.from({ length: 16 }, (_, j) => Math.imul(k + 1, 0x9e3779b1) ^ j);
    for (let k = 0; k < SM3X4_MAX_BLOCKS; k++) block(k).forEach((w, j) => (lanes.blocks[laneIndex(k, j)] = w));
    lanes.compress(SM3X4_MAX_BLOCKS);
    for (const k of [0, 1, 511, SM3X4_MAX_BLOCKS - 1]) {
      const expected = state.slice();
      compressSm3(expected, block(k));
      expect(Int32Array.from({ length: 8 }, (_, j) => lanes.blocks[laneIndex(k, j)]!)).toEqual(expected);
    }
  });
});
