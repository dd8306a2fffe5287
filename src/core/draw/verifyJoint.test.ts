// The verifier's check of a joint task's teams (docs/draw-spec.md §11 "§8 Joint tasks").
import { describe, expect, it } from 'vitest';
import { mismatchAfter, workedExampleBundle } from '../../testing/drawBundles.ts';
import { toPublicBundle } from './bundle.ts';
import { verifyBundle } from './verify.ts';

/** The worked example staffed as a joint task: the bureau's team and one of 住建局 and 统计局 on the first two visits. */
function jointBundle(): any {
  const b = workedExampleBundle();
  const [v1, v2] = b.visits.map((v: { id: string }) => v.id);
  const teams = [
    { visit: v1, unit: '140981', inspectors: ['ZF-001', 'ZF-002'] },
    { visit: v1, unit: '140981-tj', inspectors: ['TJ-001', 'TJ-002'] },
    { visit: v1, unit: '140981-zj', inspectors: ['ZJ-001', 'ZJ-003'] },
    { visit: v2, unit: '140981', inspectors: ['ZF-002', 'ZF-003'] },
    { visit: v2, unit: '140981-tj', inspectors: ['TJ-001', 'TJ-003'] },
    { visit: v2, unit: '140981-zj', inspectors: ['ZJ-002', 'ZJ-003'] },
  ];
  b.joint_departments = ['140981-tj', '140981-zj'];
  b.assignment_teams = teams;
  b.assignment = [v1, v2].map((id) => ({
    id,
    inspectors: teams
      .filter((t) => t.visit === id)
      .flatMap((t) => t.inspectors)
      .sort(),
  }));
  return b;
}

const mismatchOf = (edit: (b: any) => void) => mismatchAfter(jointBundle(), edit);

describe('verifyBundle: joint teams (docs/draw-spec.md §11)', () => {
  it('VALID when every visit has one team per department and one of its inspecting unit, auditor and public', () => {
    expect(verifyBundle(jointBundle())).toEqual({ status: 'VALID', scope: 'auditor' });
    const pub: any = toPublicBundle(jointBundle());
    expect(
      verifyBundle({ ...pub, joint_departments: jointBundle().joint_departments, assignment_teams: jointBundle().assignment_teams }),
    ).toEqual({
      status: 'VALID',
      scope: 'public',
    });
  });

  it('a bundle without the joint members is checked as before', () => {
    const b = jointBundle();
    delete b.joint_departments;
    delete b.assignment_teams;
    expect(verifyBundle(b).status).toBe('VALID');
  });

  it('names a missing department team, a one-person team, a person in two teams and teams that disagree with the assignment', () => {
    expect(
      mismatchOf(
        (b) => (b.assignment_teams = b.assignment_teams.filter((t: any) => !(t.unit === '140981-zj' && t.visit === b.visits[0].id))),
      ),
    ).toMatchObject({
      expected: 'a team of 140981-zj',
    });
    expect(mismatchOf((b) => (b.assignment_teams[1].inspectors = ['TJ-001'])).field).toBe('assignment_teams[1].inspectors');
    expect(mismatchOf((b) => (b.assignment_teams[2].inspectors = ['ZJ-001', 'TJ-002'])).expected).toBe('no inspector in two teams');
    expect(mismatchOf((b) => (b.assignment[0].inspectors = b.assignment[0].inspectors.slice(1))).field).toBe('assignment[0].inspectors');
    expect(mismatchOf((b) => (b.assignment_teams[0].unit = '140981-zz')).field).toBe('assignment_teams[1]');
    expect(mismatchOf((b) => (b.joint_departments = ['140981-zj', '140981-tj'])).field).toBe('joint_departments[1]');
    expect(mismatchOf((b) => delete b.assignment_teams).field).toBe('assignment_teams');
  });

  it('an entry staffed by the bureau alone, with the departments listed, is refused', () => {
    const m = mismatchOf((b) => {
      b.assignment_teams = b.assignment_teams.filter((t: any) => t.visit !== b.visits[1].id);
      b.assignment[1].inspectors = ['ZF-002', 'ZF-003'];
    });
    expect(m.field).toBe(`assignment_teams(${jointBundle().visits[1].id})`);
  });
});
