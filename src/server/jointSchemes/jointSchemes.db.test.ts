// The 检查方案 of a joint task on every engine: 原平's 房地产 task names 住建局; the draw's commit is
// refused, naming 住建局, until 原平 has drafted a scheme and 住建局 (as its admin) has agreed to it;
// an edit after the agreement resets it; bad drafts are refused with every problem named and
// nothing written; a unit outside the task gets NOT_FOUND with no names; every change is audited.
import { describe, expect, it } from 'vitest';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { demoAppPerSuite } from '../../testing/demoApp.ts';
import { actAsDepartmentAdmin, DEMO_DEPARTMENT, demoJointTask } from '../../testing/jointSchemes.ts';

const databases = await openTestDatabases();
const DEPARTMENT = DEMO_DEPARTMENT;
const source = { kind: 'dice', name: '2024-05-10 公开摇号现场骰子' };

describe.each(databases.map((d) => [d.name, d] as const))('joint task scheme on %s', (_name, testDb: TestDatabase) => {
  const { as } = demoAppPerSuite(testDb);
  const db = () => testDb.database.db;

  async function jointTask() {
    const task = await demoJointTask(db());
    expect(task.departments).toEqual([DEPARTMENT]);
    return task.code;
  }


  const auditOf = (task: string) =>
    db().selectFrom('audit_log').select(['action', 'unit_code', 'actor_name']).where('object_type', '=', 'joint_scheme').where('object_id', '=', task).orderBy('at').orderBy('seq').execute();

  it('refuses the commit until 住建局 agrees to the current scheme, and an edit resets the agreement', async () => {
    const task = await jointTask();
    const yp = await as('yp.planner');
    const commit = () => yp.post(`/api/tasks/${task}/draws`, { publicSource: source, reason: '补录2024年度联合抽查抽取记录' });

    const empty = await yp.get(`/api/tasks/${task}/joint-scheme`);
    expect(empty.status, JSON.stringify(empty.body)).toBe(200);
    expect(empty.body.scheme).toBeNull();
    expect(empty.body.canDraft).toBe(true);
    expect(empty.body.pendingDepartments).toEqual(['原平市住房和城乡建设管理局']);
    const noScheme = await commit();
    expect(noScheme.status).toBe(422);
    expect(noScheme.body.message).toContain('尚未制定检查方案');

    const period = empty.body.period as { start: string; end: string };
    const part = { unitCode: DEPARTMENT, items: ['建筑市场行为检查'], contactName: '邢玉兰', contactPhone: '0350-3022110' };
    const bad = await yp.request('PUT', `/api/tasks/${task}/joint-scheme`, {
      startOn: period.end,
      endOn: period.start,
      parts: [{ ...part, items: [' '], contactPhone: '电话' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('检查结束日期');
    expect(bad.body.message).toContain('原平市住房和城乡建设管理局的检查事项为空');
    expect(bad.body.message).toContain('原平市住房和城乡建设管理局的联系电话');
    expect(await db().selectFrom('joint_scheme').selectAll().where('task_code', '=', task).execute()).toEqual([]);

    const saved = await yp.request('PUT', `/api/tasks/${task}/joint-scheme`, { startOn: period.start, endOn: period.end, parts: [part] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.scheme.version).toBe(1);
    expect(saved.body.readyToDraw).toBe(false);
    const waiting = await commit();
    expect(waiting.status).toBe(422);
    expect(waiting.body.message).toBe('未抽取：检查方案尚未经以下部门确认：原平市住房和城乡建设管理局。请待其确认当前方案后再抽取。');

    // 住建局 as staff may read but not agree; as its admin it agrees; the planning bureau cannot agree.
    const zj = await as('yp.zj');
    expect((await zj.get(`/api/tasks/${task}/joint-scheme`)).body.scheme.parts[0].unitName).toBe('原平市住房和城乡建设管理局');
    expect((await zj.post(`/api/tasks/${task}/joint-scheme/agreement`, { version: 1 })).status).toBe(403);
    expect((await yp.post(`/api/tasks/${task}/joint-scheme/agreement`, { version: 1 })).status).toBe(403);
    expect((await zj.request('PUT', `/api/tasks/${task}/joint-scheme`, { startOn: period.start, endOn: period.end, parts: [part] })).status).toBe(403);
    expect(await actAsDepartmentAdmin(db(), zj)).toBe(200);
    const agreed = await zj.post(`/api/tasks/${task}/joint-scheme/agreement`, { version: 1 });
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
    expect(agreed.body.readyToDraw).toBe(true);
    expect(agreed.body.scheme.agreements.map((a: { byName: string }) => a.byName)).toEqual(['邢玉兰']);

    // An edit resets the agreement; an agreement to the old version is refused.
    const edited = await yp.request('PUT', `/api/tasks/${task}/joint-scheme`, {
      startOn: period.start,
      endOn: period.end,
      parts: [{ ...part, items: ['建筑市场行为检查', '房地产开发企业资质检查'] }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.scheme.version).toBe(2);
    expect(edited.body.scheme.agreements).toEqual([]);
    expect(edited.body.pendingDepartments).toEqual(['原平市住房和城乡建设管理局']);
    expect((await commit()).status).toBe(422);
    const stale = await zj.post(`/api/tasks/${task}/joint-scheme/agreement`, { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('检查方案已被修改');
    expect((await zj.post(`/api/tasks/${task}/joint-scheme/agreement`, { version: 2 })).status).toBe(200);

    const committed = await commit();
    expect(committed.status, JSON.stringify(committed.body)).toBe(200);

    expect(await auditOf(task)).toEqual([
      { action: 'jointScheme.draft', unit_code: '140981', actor_name: '贾文斌' },
      { action: 'jointScheme.agree', unit_code: DEPARTMENT, actor_name: '邢玉兰' },
      { action: 'jointScheme.edit', unit_code: '140981', actor_name: '贾文斌' },
      { action: 'jointScheme.agree', unit_code: DEPARTMENT, actor_name: '邢玉兰' },
    ]);
  });

  it('answers a unit outside the task, for every scheme route, exactly as for a made-up task', async () => {
    const task = await jointTask();
    const zz = await as('zz.planner');
    for (const code of [task, '140981-2099-999']) {
      const answers = [
        await zz.get(`/api/tasks/${code}/joint-scheme`),
        await zz.request('PUT', `/api/tasks/${code}/joint-scheme`, { startOn: '2025-06-01', endOn: '2025-06-30', parts: [] }),
        await zz.post(`/api/tasks/${code}/joint-scheme/agreement`, { version: 1 }),
      ];
      for (const a of answers) {
        expect(a.status).toBe(404);
        expect(a.body.message).not.toContain('原平');
        expect(a.body.message).not.toContain('住建');
      }
    }
  });
});
