// The generated hash code is exactly what its generator script prints: edit the script, not
// the file, and re-run it (`node scripts/<script>`).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const GENERATED = [
  { file: 'sm3Compress.ts', script: 'generate-sm3-compress.mjs' },
  { file: 'sm3x4Wasm.ts', script: 'generate-sm3x4-wasm.mjs' },
];

describe('generated hash code', () => {
  for (const { file, script } of GENERATED) {
    it(`${file} is the output of scripts/${script} (re-run the script after editing it)`, () => {
      const path = new URL(`../../../scripts/${script}`, import.meta.url).pathname;
      const generated = execFileSync(process.execPath, [path, '--print'], { encoding: 'utf8' });
      expect(readFileSync(new URL(`./${file}`, import.meta.url), 'utf8')).toBe(generated);
    });
  }
});
