// A joint task's draw staffed across departments on both engines (docs/draw-spec.md §11 "§8 Joint
// tasks"): 原平's 房地产 task names 住建局 (发起部门) and the market-regulation bureau; every visit
// gets the bureau's team and one of 住建局 from its own directory; the bundle carries the teams and
// verifies; a swap that leaves a department with one person is refused; without enough people in
// the department nothing is written and the visits are named.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { demoAppPerSuite } from '../../testing/demoApp.ts';
import { verifyBundle } from '../../core/draw/index.ts';
import type { ApiClient } from '../../testing/apiClient.ts';
import { actAsDepartmentAdmin, agreedJointScheme, DEMO_DEPARTMENT, demoJointTask } from '../../testing/jointSchemes.ts';

const databases = await openTestDatabases();
const bin = path.resolve(import.meta.dirname, '../../../bin/ssj.mjs');

/** `ssj verify FILE` as a user runs it, on the bundle written to a file. */
function ssjVerify(bundle: unknown) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-joint-')), 'joint.bundle.json');
  fs.writeFileSync(file, JSON.stringify(bundle, null, 2));
  const result = spawnSync(process.execPath, [bin, 'verify', file], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { status: result.status, stdout: result.stdout };
}
const DICE = '2718281828 4590452353 6';
const DEPARTMENT = DEMO_DEPARTMENT;
const source = { kind: 'dice', name: '2024-05-10 公开摇号现场骰子' };

describe.each(databases.map((d) => [d.name, d] as const))('joint draw staffed across departments on %s', (_name, testDb: TestDatabase) => {
  const { as } = demoAppPerSuite(testDb);

  async function jointTask() {
    const task = await demoJointTask(testDb.database.db);
    expect(task.departments).toContain(DEPARTMENT);
    return task.code;
  }

  /** yp.zj acting as 住建局's admin. */
  async function departmentAdmin() {
    const zj = await as('yp.zj');
    expect(await actAsDepartmentAdmin(testDb.database.db, zj)).toBe(200);
    return zj;
  }

  /** Registers `n` drawable 住建局 officers as the department's own admin. */
  async function departmentPeople(n: number, from: number) {
    const zj = await departmentAdmin();
    for (let i = from; i < from + n; i++) {
      const created = await zj.post('/api/inspectors', {
        name: `住建执法${i}`,
        unitCode: DEPARTMENT,
        category: 'enforcement',
        certNo: `14098177${String(i).padStart(4, '0')}`,
        certExpiresOn: '2035-12-31',
      });
      expect(created.status, JSON.stringify(created.body)).toBe(200);
    }
  }

  async function drawn(yp: ApiClient, task: string) {
    await agreedJointScheme(yp, await departmentAdmin(), task);
    const committed = await yp.post(`/api/tasks/${task}/draws`, { publicSource: source, reason: '补录2024年度联合抽查抽取记录' });
    expect(committed.status, JSON.stringify(committed.body)).toBe(200);
    const ceremony = await yp.post(`/api/draws/${committed.body.id}/ceremony`, { value: DICE, witnessName: '王见证' });
    expect(ceremony.status, JSON.stringify(ceremony.body)).toBe(200);
    return { id: committed.body.id as string, visits: ceremony.body.visits as { id: string }[] };
  }

  it('refuses the matching while the department cannot staff every visit, then staffs each visit with both teams', async () => {
    const task = await jointTask();
    const yp = await as('yp.planner');
    const { id, visits } = await drawn(yp, task);
    expect(visits.length).toBeGreaterThan(0);

    await departmentPeople(1, 1);
    const before = await testDb.database.db.selectFrom('visit_inspector').select('code').where('draw_id', '=', id).execute();
    const refused = await yp.post(`/api/draws/${id}/match`, {});
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('原平市住房和城乡建设管理局：');
    expect(await testDb.database.db.selectFrom('visit_inspector').select('code').where('draw_id', '=', id).execute()).toEqual(before);

    await departmentPeople(3, 2);
    const matched = await yp.post(`/api/draws/${id}/match`, {});
    expect(matched.status, JSON.stringify(matched.body)).toBe(200);
    const people = matched.body.inspectors as Record<string, { unitCode: string; category: string }>;
    expect(matched.body.assignment.length).toBe(visits.length);
    for (const a of matched.body.assignment as { id: string; inspectors: string[] }[]) {
      const zj = a.inspectors.filter((c) => people[c]!.unitCode === DEPARTMENT);
      const bureau = a.inspectors.filter((c) => people[c]!.unitCode !== DEPARTMENT);
      expect(zj.length).toBe(2);
      expect(bureau.length).toBe(2);
      expect(bureau.every((c) => people[c]!.unitCode === '140981' || people[c]!.unitCode.startsWith('140981-'))).toBe(true);
      expect(bureau.some((c) => people[c]!.category === 'enforcement')).toBe(true);
    }

    // The draw page names the department each person comes from.
    const detail = (await yp.get(`/api/draws/${id}`)).body;
    for (const v of detail.visits as { inspectors: { unitCode: string; department: string | null }[] }[]) {
      expect(v.inspectors.map((p) => p.department ?? '').sort()).toEqual(['', '', '住建局', '住建局']);
    }
    const bundle = (await yp.get(`/api/draws/${id}/bundle`)).body;
    expect(bundle.joint_departments).toEqual([DEPARTMENT]);
    expect(bundle.assignment_teams.length).toBe(2 * visits.length);
    expect(verifyBundle(bundle)).toEqual({ status: 'VALID', scope: 'auditor' });
    const pub = (await yp.get(`/api/draws/${id}/bundle?public=true`)).body;
    expect(verifyBundle(pub)).toEqual({ status: 'VALID', scope: 'public' });
    const bureauOnly = structuredClone(bundle);
    bureauOnly.assignment_teams = bureauOnly.assignment_teams.filter((t: { unit: string }) => t.unit !== DEPARTMENT);
    expect(verifyBundle(bureauOnly).status).toBe('MISMATCH');
    const valid = ssjVerify(bundle);
    expect(valid.status).toBe(0);
    expect(valid.stdout.split('\n')[0]).toBe('VALID（审计版）');
    const cli = ssjVerify(bureauOnly);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('INVALID：第一处不符 assignment_teams(');

    // A swap that leaves 住建局 with one person on the visit is refused; within the rule it is recorded.
    const first = matched.body.assignment[0] as { id: string; inspectors: string[] };
    const zjCodes = Object.entries(people)
      .filter(([, p]) => p.unitCode === DEPARTMENT)
      .map(([c]) => c);
    const bureauOf = first.inspectors.filter((c) => people[c]!.unitCode !== DEPARTMENT);
    const oneZj = await yp.post(`/api/draws/${id}/swaps`, {
      visitId: first.id,
      inspectors: [...bureauOf, zjCodes[0]],
      reason: '住建局人员临时外出',
    });
    expect(oneZj.status).toBe(400);
    expect(oneZj.body.message).toContain('原平市住房和城乡建设管理局须至少安排 2 名本部门人员');
    const other = zjCodes.filter((c) => !first.inspectors.includes(c)).slice(0, 1);
    const keep = first.inspectors.filter((c) => people[c]!.unitCode === DEPARTMENT).slice(0, 1);
    const swapped = await yp.post(`/api/draws/${id}/swaps`, {
      visitId: first.id,
      inspectors: [...bureauOf, ...keep, ...other],
      reason: '住建局人员临时外出',
    });
    expect(swapped.status, JSON.stringify(swapped.body)).toBe(200);
    const afterSwap = (await yp.get(`/api/draws/${id}/bundle`)).body;
    expect(verifyBundle(afterSwap)).toEqual({ status: 'VALID', scope: 'auditor' });
    expect(afterSwap.assignment_teams.find((t: any) => t.visit === first.id && t.unit === DEPARTMENT).inspectors).toEqual(
      [...keep, ...other].sort(),
    );
  });
});
