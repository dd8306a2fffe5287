// The 检查方案 of a joint task on every engine: 原平's 房地产 task has 住建局 as 发起部门 and the
// market-regulation bureau as 配合部门. 住建局 (as its planner) drafts the scheme; the draw's commit
// is refused, naming the bureau, until the bureau (its planner) has agreed to it; an edit after
// the agreement resets it; bad drafts are refused with every problem named and nothing written;
// a unit outside the task — a sibling county or a member department the task does not name — gets
// NOT_FOUND with no names; every change is audited in the acting unit's chain.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { demoAppPerSuite } from '../../testing/demoApp.ts';
import { actAsDepartmentPlanner, agreedJointScheme, DEMO_DEPARTMENT, demoJointTask } from '../../testing/jointSchemes.ts';

const databases = await openTestDatabases();
const DEPARTMENT = DEMO_DEPARTMENT;
const BUREAU_NAME = '原平市市场监督管理局';
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
    db()
      .selectFrom('audit_log')
      .select(['action', 'unit_code', 'actor_name'])
      .where('object_type', '=', 'joint_scheme')
      .where('object_id', '=', task)
      .orderBy('at')
      .orderBy('seq')
      .execute();

  it('refuses 住建局’s commit until the bureau agrees to the current scheme, and an edit resets the agreement', async () => {
    const task = await jointTask();
    const yp = await as('yp.planner');
    const zj = await as('yp.zj');
    expect(await actAsDepartmentPlanner(db(), zj)).toBe(200);
    const commit = () => zj.post(`/api/tasks/${task}/draws`, { publicSource: source, reason: '补录2024年度联合抽查抽取记录' });

    const empty = await zj.get(`/api/tasks/${task}/joint-scheme`);
    expect(empty.status, JSON.stringify(empty.body)).toBe(200);
    expect(empty.body.scheme).toBeNull();
    expect(empty.body).toMatchObject({ canDraft: true, canAgree: false, initiatingUnitName: '原平市住房和城乡建设管理局' });
    expect(empty.body.pendingDepartments).toEqual([BUREAU_NAME]);
    expect((await yp.get(`/api/tasks/${task}/joint-scheme`)).body).toMatchObject({ canDraft: false, canAgree: true });
    const noScheme = await commit();
    expect(noScheme.status).toBe(422);
    expect(noScheme.body.message).toContain('尚未制定检查方案');

    const period = empty.body.period as { start: string; end: string };
    const part = { unitCode: '140981', items: ['房地产经纪机构营业执照检查'], contactName: '贾文斌', contactPhone: '0350-3022110' };
    const bad = await zj.request('PUT', `/api/tasks/${task}/joint-scheme`, {
      startOn: period.end,
      endOn: period.start,
      parts: [{ ...part, items: [' '], contactPhone: '电话' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('检查结束日期');
    expect(bad.body.message).toContain(`${BUREAU_NAME}的检查事项为空`);
    expect(bad.body.message).toContain(`${BUREAU_NAME}的联系电话`);
    expect(await db().selectFrom('joint_scheme').selectAll().where('task_code', '=', task).execute()).toEqual([]);

    const saved = await zj.request('PUT', `/api/tasks/${task}/joint-scheme`, { startOn: period.start, endOn: period.end, parts: [part] });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.scheme.version).toBe(1);
    expect(saved.body.readyToDraw).toBe(false);
    const waiting = await commit();
    expect(waiting.status).toBe(422);
    expect(waiting.body.message).toBe(`未抽取：检查方案尚未经以下部门确认：${BUREAU_NAME}。请待其确认当前方案后再抽取。`);

    // The bureau neither drafts nor draws; 住建局 cannot agree to its own scheme.
    expect(
      (await yp.request('PUT', `/api/tasks/${task}/joint-scheme`, { startOn: period.start, endOn: period.end, parts: [part] })).status,
    ).toBe(403);
    expect((await zj.post(`/api/tasks/${task}/joint-scheme/agreement`, { version: 1 })).status).toBe(403);
    expect((await yp.get(`/api/tasks/${task}/joint-scheme`)).body.scheme.parts[0].unitName).toBe(BUREAU_NAME);
    const agreed = await yp.post(`/api/tasks/${task}/joint-scheme/agreement`, { version: 1 });
    expect(agreed.status, JSON.stringify(agreed.body)).toBe(200);
    expect(agreed.body.readyToDraw).toBe(true);
    expect(agreed.body.scheme.agreements.map((a: { byName: string }) => a.byName)).toEqual(['贾文斌']);

    // An edit resets the agreement; an agreement to the old version is refused.
    const edited = await zj.request('PUT', `/api/tasks/${task}/joint-scheme`, {
      startOn: period.start,
      endOn: period.end,
      parts: [{ ...part, items: ['房地产经纪机构营业执照检查', '商品房销售明码标价检查'] }],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.scheme.version).toBe(2);
    expect(edited.body.scheme.agreements).toEqual([]);
    expect(edited.body.pendingDepartments).toEqual([BUREAU_NAME]);
    expect((await commit()).status).toBe(422);
    const stale = await yp.post(`/api/tasks/${task}/joint-scheme/agreement`, { version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toContain('检查方案已被修改');
    expect((await yp.post(`/api/tasks/${task}/joint-scheme/agreement`, { version: 2 })).status).toBe(200);

    const committed = await commit();
    expect(committed.status, JSON.stringify(committed.body)).toBe(200);

    expect(await auditOf(task)).toEqual([
      { action: 'jointScheme.draft', unit_code: DEPARTMENT, actor_name: '邢玉兰' },
      { action: 'jointScheme.agree', unit_code: '140981', actor_name: '贾文斌' },
      { action: 'jointScheme.edit', unit_code: DEPARTMENT, actor_name: '邢玉兰' },
      { action: 'jointScheme.agree', unit_code: '140981', actor_name: '贾文斌' },
    ]);
  });

  // A second connection is needed to hold the scheme while the commit runs: not on PGlite (one connection).
  it.skipIf(testDb.name === 'PGlite')(
    'checks the confirmations again inside the commit: an edit landing while the commit runs stops it',
    async () => {
      const task = await jointTask();
      const yp = await as('yp.planner');
      const zj = await as('yp.zj');
      expect(await actAsDepartmentPlanner(db(), zj)).toBe(200);
      await agreedJointScheme(zj, yp, task);
      const draws = () => db().selectFrom('draw').select('id').where('task_code', '=', task).execute();
      const before = await draws();
      let answer: Promise<{ status: number; body: any }> | undefined;
      await db()
        .transaction()
        .execute(async (trx) => {
          // An edit (new version, confirmations cleared) holds the row while the commit starts: the
          // commit's early check still reads the confirmed version; its transaction must wait and refuse.
          await trx
            .updateTable('joint_scheme')
            .set({ version: sql`version + 1`, agreements: '[]' })
            .where('unit_code', '=', '140981')
            .where('task_code', '=', task)
            .execute();
          answer = zj.post(`/api/tasks/${task}/draws`, { publicSource: source, reason: '补录2024年度联合抽查抽取记录' });
          await new Promise((resolve) => setTimeout(resolve, 2000));
        });
      const refused = await answer!;
      expect(refused.status, JSON.stringify(refused.body)).toBe(422);
      expect(refused.body.message).toBe(`未抽取：检查方案尚未经以下部门确认：${BUREAU_NAME}。请待其确认当前方案后再抽取。`);
      expect(await draws()).toEqual(before);
    },
  );

  it('answers a unit outside the task (a sibling county, a member department not named), for every scheme route, exactly as for a made-up task', async () => {
    const task = await jointTask();
    const zz = await as('zz.planner');
    // yp.zj given a role in 教科局, a member department the task does not name.
    const jy = await as('yp.zj');
    const user = await db().selectFrom('app_user').select('id').where('username', '=', 'yp.zj').executeTakeFirstOrThrow();
    await db().insertInto('user_role').values({ user_id: user.id, unit_code: '140981-jy', role: 'planner' }).execute();
    expect((await jy.post('/api/auth/switch', { unitCode: '140981-jy', role: 'planner' })).status).toBe(200);
    for (const [caller, code] of [zz, jy].flatMap((c) => [task, '140981-2099-999'].map((code) => [c, code] as const))) {
      const answers = [
        await caller.get(`/api/tasks/${code}/joint-scheme`),
        await caller.request('PUT', `/api/tasks/${code}/joint-scheme`, { startOn: '2025-06-01', endOn: '2025-06-30', parts: [] }),
        await caller.post(`/api/tasks/${code}/joint-scheme/agreement`, { version: 1 }),
      ];
      for (const a of answers) {
        expect(a.status).toBe(404);
        expect(a.body.message).not.toContain('原平');
        expect(a.body.message).not.toContain('住建');
      }
    }
  });
});
