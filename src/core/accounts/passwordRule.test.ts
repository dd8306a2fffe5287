import { describe, expect, it } from 'vitest';
import { passwordProblem } from './passwordRule.ts';

describe('passwordProblem', () => {
  it('accepts 10+ characters with letters and digits', () => {
    expect(passwordProblem('Ssj-demo-2026')).toBeNull();
    expect(passwordProblem('abcdefghi1')).toBeNull();
  });
  it('explains what is missing', () => {
    expect(passwordProblem('abc123')).toMatch(/至少需要 10 个字符/);
    expect(passwordProblem('abcdefghijkl')).toMatch(/字母和数字/);
    expect(passwordProblem('1234567890')).toMatch(/字母和数字/);
    expect(passwordProblem('a1'.repeat(65))).toMatch(/128/);
  });
});
