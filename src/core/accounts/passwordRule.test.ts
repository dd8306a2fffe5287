import { describe, expect, it } from 'vitest';
import { isKnownWeakPassword, passwordProblem } from './passwordRule.ts';

describe('passwordProblem', () => {
  it('accepts 10+ characters of three classes that are not the username or a weak word', () => {
    expect(passwordProblem('Ssj-demo-2026')).toBeNull();
    expect(passwordProblem('Jc#grid7-Tower', 'gp.admin')).toBeNull();
    expect(passwordProblem('lan-Shui.2026')).toBeNull();
  });
  it('explains what is missing', () => {
    expect(passwordProblem('abc123')).toMatch(/至少需要 10 个字符/);
    expect(passwordProblem('abcdefghijkl')).toMatch(/至少三类/);
    expect(passwordProblem('1234567890')).toMatch(/至少三类/);
    expect(passwordProblem('a1'.repeat(65))).toMatch(/128/);
  });
  it('refuses a password of two classes however long (aaaaaaaaa1 was accepted before)', () => {
    expect(passwordProblem('aaaaaaaaa1')).not.toBeNull();
    expect(passwordProblem('abcdefghi1')).toMatch(/至少三类/);
  });
  it('refuses a password containing the username', () => {
    expect(passwordProblem('Gp.Admin-2026', 'gp.admin')).toMatch(/用户名/);
  });
  it('refuses the known weak passwords even with three classes', () => {
    for (const p of ['Password@123', 'P@ssw0rd2026', 'Admin@12345', 'Qwerty!2026', 'Woaini@1314', 'Aaaaaaaaa1!']) {
      expect(passwordProblem(p), p).toMatch(/弱口令/);
    }
    expect(isKnownWeakPassword('Abc12345678')).toBe(true);
    expect(isKnownWeakPassword('Ssj-demo-2026')).toBe(false);
  });
});
