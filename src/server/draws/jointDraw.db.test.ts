// A joint task's draw staffed across departments on every engine (docs/draw-spec.md §11 "§8 Joint
// tasks"): 原平's 房地产 task has 住建局 as 发起部门 and the market-regulation bureau as 配合部门;
// 住建局 drafts the 检查方案, the bureau agrees, 住建局 commits, draws and matches; the bureau
// cannot draw but reads the draw; a sibling county gets NOT_FOUND; every visit gets 住建局's team
// and the bureau's from its own directory; the bundle carries the teams and verifies; a swap that
// leaves a party with one person is refused; without enough people nothing is written.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { demoAppPerSuite } from '../../testing/demoApp.ts';
import { verifyBundle } from '../../core/draw/index.ts';
import type { ApiClient } from '../../testing/apiClient.ts';
import { actAsDepartmentPlanner, agreedJointScheme, DEMO_DEPARTMENT, demoJointTask } from '../../testing/jointSchemes.ts';

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

  /** yp.zj acting as 住建局's planner. */
  async function departmentPlanner() {
    const zj = await as('yp.zj');
    expect(await actAsDepartmentPlanner(testDb.database.db, zj)).toBe(200);
    return zj;
  }

  /** Registers `n` drawable 住建局 officers as the department's own planner. */
  async function departmentPeople(n: number, from: number) {
    const zj = await departmentPlanner();
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

  /** 住建局 (发起部门) drafts the scheme, the bureau (配合部门) agrees, 住建局 commits and draws. */
  async function drawn(zj: ApiClient, yp: ApiClient, task: string) {
    await agreedJointScheme(zj, yp, task);
    const refused = await yp.post(`/api/tasks/${task}/draws`, { publicSource: source, reason: '补录2024年度联合抽查抽取记录' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('由发起部门抽取');
    const committed = await zj.post(`/api/tasks/${task}/draws`, { publicSource: source, reason: '补录2024年度联合抽查抽取记录' });
    expect(committed.status, JSON.stringify(committed.body)).toBe(200);
    const ceremony = await zj.post(`/api/draws/${committed.body.id}/ceremony`, { value: DICE, witnessName: '王见证' });
    expect(ceremony.status, JSON.stringify(ceremony.body)).toBe(200);
    return { id: committed.body.id as string, visits: ceremony.body.visits as { id: string }[] };
  }

  it('住建局 (发起部门) draws; the bureau (配合部门) reads but cannot act; a sibling county gets NOT_FOUND', async () => {
    const task = await jointTask();
    const yp = await as('yp.planner');
    const zj = await departmentPlanner();
    const list = async (c: ApiClient) => (await c.get('/api/tasks?year=2024')).body.items.find((t: any) => t.code === task);
    expect(await list(zj)).toMatchObject({ relation: 'joint', canDraw: true });
    expect(await list(yp)).toMatchObject({ relation: 'own', canDraw: false });
    const { id } = await drawn(zj, yp, task);
    const row = await testDb.database.db.selectFrom('draw').select('unit_code').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.unit_code).toBe(DEPARTMENT);
    const seen = await yp.get(`/api/draws/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ own: true, mayAct: false });
    expect((await zj.get(`/api/draws/${id}`)).body).toMatchObject({ own: true, mayAct: true });
    const bureauVoid = await yp.post(`/api/draws/${id}/void`, { reason: '配合部门不能作废' });
    expect(bureauVoid.status).toBe(404);
    const zz = await as('zz.planner');
    const made = await zz.get('/api/draws/00000000-0000-4000-8000-000000000000');
    for (const answer of [
      await zz.get(`/api/draws/${id}`),
      await zz.post(`/api/draws/${id}/match`, {}),
      await zz.get(`/api/tasks/${task}/draw-preview`),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.body.message).not.toContain('住建');
    }
    expect((await zz.get(`/api/draws/${id}`)).body).toEqual(made.body);
    // The 发起部门 acts on its draw (voided here, so the next test draws the batch again).
    expect((await zj.post(`/api/draws/${id}/void`, { reason: '测试后作废，重新抽取' })).status).toBe(200);
  });

  it('refuses the matching while 住建局 cannot staff every visit, then staffs each visit with both parties’ teams', async () => {
    const task = await jointTask();
    const yp = await as('yp.planner');
    const zjAdmin = await departmentPlanner();
    const { id, visits } = await drawn(zjAdmin, yp, task);
    expect(visits.length).toBeGreaterThan(0);

    await departmentPeople(1, 1);
    const before = await testDb.database.db.selectFrom('visit_inspector').select('code').where('draw_id', '=', id).execute();
    const refused = await zjAdmin.post(`/api/draws/${id}/match`, {});
    expect(refused.status).toBe(422);
    expect(await testDb.database.db.selectFrom('visit_inspector').select('code').where('draw_id', '=', id).execute()).toEqual(before);

    await departmentPeople(3, 2);
    const matched = await zjAdmin.post(`/api/draws/${id}/match`, {});
    expect(matched.status, JSON.stringify(matched.body)).toBe(200);
    const people = matched.body.inspectors as Record<string, { unitCode: string; category: string }>;
    expect(matched.body.assignment.length).toBe(visits.length);
    for (const a of matched.body.assignment as { id: string; inspectors: string[] }[]) {
      const zj = a.inspectors.filter((c) => people[c]!.unitCode === DEPARTMENT);
      const bureau = a.inspectors.filter((c) => people[c]!.unitCode !== DEPARTMENT);
      expect(zj.length).toBe(2);
      expect(bureau.length).toBe(2);
      expect(bureau.every((c) => people[c]!.unitCode === '140981' || people[c]!.unitCode.startsWith('140981-'))).toBe(true);
      expect(zj.some((c) => people[c]!.category === 'enforcement')).toBe(true);
      expect(bureau.some((c) => people[c]!.category === 'enforcement')).toBe(true);
    }

    // The draw page (the bureau reads it too) names the 配合部门's team: the bureau's people.
    const detail = (await yp.get(`/api/draws/${id}`)).body;
    for (const v of detail.visits as { inspectors: { unitCode: string; department: string | null }[] }[]) {
      expect(v.inspectors.map((p) => p.department ?? '').sort()).toEqual(['', '', '原平市局', '原平市局']);
    }
    const bundle = (await zjAdmin.get(`/api/draws/${id}/bundle`)).body;
    expect(bundle.joint_departments).toEqual(['140981']);
    expect(bundle.assignment_teams.length).toBe(2 * visits.length);
    expect(verifyBundle(bundle)).toEqual({ status: 'VALID', scope: 'auditor' });
    const pub = (await zjAdmin.get(`/api/draws/${id}/bundle?public=true`)).body;
    expect(verifyBundle(pub)).toEqual({ status: 'VALID', scope: 'public' });
    const bureauOnly = structuredClone(bundle);
    bureauOnly.assignment_teams = bureauOnly.assignment_teams.filter((t: { unit: string }) => t.unit !== '140981');
    expect(verifyBundle(bureauOnly).status).toBe('MISMATCH');
    const valid = ssjVerify(bundle);
    expect(valid.status).toBe(0);
    expect(valid.stdout.split('\n')[0]).toBe('VALID（审计版）');
    const cli = ssjVerify(bureauOnly);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toContain('INVALID：第一处不符 assignment_teams(');

    // A swap that leaves the bureau with one person on the visit is refused; within the rule it is recorded.
    const first = matched.body.assignment[0] as { id: string; inspectors: string[] };
    const bureauCodes = Object.entries(people)
      .filter(([, p]) => p.unitCode !== DEPARTMENT && p.category === 'enforcement')
      .map(([c]) => c);
    const zjOf = first.inspectors.filter((c) => people[c]!.unitCode === DEPARTMENT);
    const keep = first.inspectors.filter((c) => people[c]!.unitCode !== DEPARTMENT && people[c]!.category === 'enforcement').slice(0, 1);
    const oneBureau = await zjAdmin.post(`/api/draws/${id}/swaps`, {
      visitId: first.id,
      inspectors: [...zjOf, ...keep],
      reason: '市局人员临时外出',
    });
    expect(oneBureau.status).toBe(400);
    expect(oneBureau.body.message).toContain('原平市市场监督管理局须至少安排 2 名本部门人员');
    const other = bureauCodes.filter((c) => !first.inspectors.includes(c)).slice(0, 1);
    const swapped = await zjAdmin.post(`/api/draws/${id}/swaps`, {
      visitId: first.id,
      inspectors: [...zjOf, ...keep, ...other],
      reason: '市局人员临时外出',
    });
    expect(swapped.status, JSON.stringify(swapped.body)).toBe(200);
    const afterSwap = (await zjAdmin.get(`/api/draws/${id}/bundle`)).body;
    expect(verifyBundle(afterSwap)).toEqual({ status: 'VALID', scope: 'auditor' });
    expect(afterSwap.assignment_teams.find((t: any) => t.visit === first.id && t.unit === '140981').inspectors).toEqual(
      [...keep, ...other].sort(),
    );
  });
});
