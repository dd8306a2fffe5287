import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canRead, canWrite, menuFor, moduleKeys, policy, unitPathCovers, defaultAssignment } from './policy.ts';
import { roles } from '../glossary.ts';

describe('role × module policy', () => {
  it('write implies read for every role and module', () => {
    for (const role of roles) for (const m of moduleKeys) if (canWrite(role, m)) expect(canRead(role, m)).toBe(true);
  });

  it('only the system administrator changes 系统管理; planners change plans; inspectors see no plans', () => {
    expect(roles.filter((r) => canWrite(r, 'admin'))).toEqual(['admin']);
    expect(canWrite('planner', 'plans')).toBe(true);
    expect(canWrite('staff', 'plans')).toBe(false);
    expect(menuFor('inspector')).not.toContain('plans');
  });

  it('leaders and auditors never write anything', () => {
    for (const m of moduleKeys) {
      expect(policy.leader[m]).not.toBe('write');
      expect(policy.auditor[m]).not.toBe('write');
    }
  });

  it('the menu follows the policy order', () => {
    expect(menuFor('admin')).toEqual(moduleKeys.filter((m) => canRead('admin', m)));
  });
});

describe('org-tree visibility', () => {
  it('a county covers its 股室 and 所 but not its parent or a sibling', () => {
    const gp = '140000.140500.140581';
    expect(unitPathCovers(gp, gp)).toBe(true);
    expect(unitPathCovers(gp, `${gp}.140581-xyjg`)).toBe(true);
    expect(unitPathCovers(gp, '140000.140500')).toBe(false);
    expect(unitPathCovers(gp, '140000.140500.140525')).toBe(false);
    // a code that merely starts with the same characters is not a child
    expect(unitPathCovers(gp, '140000.140500.1405810')).toBe(false);
  });

  it('is a partial order on paths: reflexive, transitive, antisymmetric', () => {
    const segment = fc.stringMatching(/^[0-9a-z-]{1,4}$/);
    const pathArb = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('.'));
    fc.assert(
      fc.property(pathArb, pathArb, pathArb, (a, b, c) => {
        expect(unitPathCovers(a, a)).toBe(true);
        if (unitPathCovers(a, b) && unitPathCovers(b, c)) expect(unitPathCovers(a, c)).toBe(true);
        if (unitPathCovers(a, b) && unitPathCovers(b, a)) expect(a).toBe(b);
      }),
    );
  });
});

describe('defaultAssignment', () => {
  it('opens on the role that may change the most, then the home unit, then the first listed', () => {
    const leaderFirst = [
      { unitCode: '140581', role: 'leader' as const },
      { unitCode: '140581', role: 'planner' as const },
    ];
    expect(defaultAssignment(leaderFirst, '140581-xyjg')).toEqual({ unitCode: '140581', role: 'planner' });
    const twoUnits = [
      { unitCode: '140500', role: 'planner' as const },
      { unitCode: '140581', role: 'planner' as const },
    ];
    expect(defaultAssignment(twoUnits, '140581')).toEqual({ unitCode: '140581', role: 'planner' });
    expect(defaultAssignment(twoUnits, '149999')).toEqual({ unitCode: '140500', role: 'planner' });
    expect(defaultAssignment([], '140581')).toBeUndefined();
  });
});
