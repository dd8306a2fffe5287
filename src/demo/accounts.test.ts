import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../server/auth/password.ts';
import { roles } from '../core/glossary.ts';
import { buildDemoUsers, DEMO_PASSWORD, demoAccounts, demoAccountSpecs } from './accounts.ts';
import { buildOrgTree } from './orgTree.ts';
import { createRandom } from './random.ts';

const units = new Map(buildOrgTree().map((u) => [u.code, u]));

describe('demo accounts', () => {
  it('share one password that passes the password rule', () => {
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
  });

  it('have valid, unique usernames, existing units and known roles, held at or above the home unit', () => {
    const names = demoAccountSpecs.map((a) => a.username);
    expect(new Set(names).size).toBe(names.length);
    for (const spec of demoAccountSpecs) {
      expect(spec.username).toMatch(/^[a-z0-9_.-]{3,40}$/);
      expect(units.has(spec.homeUnitCode)).toBe(true);
      for (const a of spec.assignments) {
        expect(units.has(a.unitCode)).toBe(true);
        expect(units.get(spec.homeUnitCode)!.path.startsWith(units.get(a.unitCode)!.path)).toBe(true);
        expect(roles).toContain(a.role);
      }
    }
  });

  it('cover every role at 高平市局, the upper levels, a sibling county and a member department', () => {
    const gaoping = demoAccountSpecs.filter((a) => a.username.startsWith('gp.') && a.assignments.length === 1);
    const gaopingRoles = gaoping.map((a) => a.assignments[0]!.role);
    expect(new Set(gaopingRoles)).toEqual(new Set(roles));
    for (const spec of gaoping) expect(spec.assignments[0]!.unitCode.startsWith('140581')).toBe(true);
    const roleAt = (username: string) => demoAccountSpecs.find((a) => a.username === username)!.assignments;
    expect(roleAt('sx.admin')).toEqual([{ unitCode: '140000', role: 'admin' }]);
    expect(roleAt('jc.planner')).toEqual([{ unitCode: '140500', role: 'planner' }]);
    expect(roleAt('jc.leader')).toEqual([{ unitCode: '140500', role: 'leader' }]);
    expect(roleAt('yp.planner')).toEqual([{ unitCode: '140981', role: 'planner' }]);
    expect(roleAt('zz.planner')).toEqual([{ unitCode: '140525', role: 'planner' }]);
    expect(units.get(roleAt('yp.zj')[0]!.unitCode)?.kind).toBe('department');
    const home = (username: string) => demoAccountSpecs.find((a) => a.username === username)!.homeUnitCode;
    expect(home('gp.staff')).toBe('140581-splt');
    expect(units.get(home('gp.inspector'))?.kind).toBe('station');
    // roles are held at the bureau, so a 股室 or 所 person reaches the whole county
    expect(roleAt('gp.staff')).toEqual([{ unitCode: '140581', role: 'staff' }]);
    expect(roleAt('gp.inspector')).toEqual([{ unitCode: '140581', role: 'inspector' }]);
    expect(roleAt('gp.multi')).toHaveLength(2);
  });

  it('list the accounts for the start-up banner with unit and role in Chinese', () => {
    expect(demoAccounts).toHaveLength(demoAccountSpecs.length);
    expect(demoAccounts.find((a) => a.username === 'gp.staff')).toEqual({
      username: 'gp.staff',
      displayName: '毕宏伟',
      unitName: '高平市市场监督管理局食品流通股',
      roleLabel: '业务科室',
    });
    expect(demoAccounts.find((a) => a.username === 'gp.multi')?.roleLabel).toBe('信用监管科/股、领导');
  });

  it('build user and role rows with deterministic ids', () => {
    const hashes = new Map(demoAccountSpecs.map((a) => [a.username, `hash-of-${a.username}`]));
    const first = buildDemoUsers(hashes, createRandom(1));
    expect(buildDemoUsers(hashes, createRandom(1))).toEqual(first);
    expect(first.users).toHaveLength(demoAccountSpecs.length);
    expect(first.roles).toHaveLength(demoAccountSpecs.reduce((n, a) => n + a.assignments.length, 0));
    expect(first.users.find((u) => u.username === 'gp.admin')?.password_hash).toBe('hash-of-gp.admin');
    expect(() => buildDemoUsers(new Map(), createRandom(1))).toThrow(/密码哈希/);
  });
});
