// Inspection results over the real app and database (PGlite always; PostgreSQL when
// DATABASE_URL is set): entry by the assigned inspectors only, confirmation, review and
// publication, the portal's public fields, corrections, attachments, deadlines in working
// days, the exchange export and the follow-up ledger.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { ApiClient } from '../../testing/apiClient.ts';
import { loginAs, startDemoApp } from '../../testing/demoApp.ts';
import { actAsDepartmentPlanner, agreedJointScheme } from '../../testing/jointSchemes.ts';
import { fixToday } from '../clock.ts';
import { hashPassword } from '../auth/password.ts';

const databases = await openTestDatabases();
const DICE = '27182818284590452353';

describe.each(databases.map((d) => [d.name, d] as const))('检查结果 on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;
  let drawId = '';
  let visits: { id: string; inspectors: string[] }[] = [];
  let people: Record<string, { id: string; name: string; category: string }> = {};

  beforeAll(async () => {
    app = await startDemoApp(testDb);
    // Task 008 is drawn over the 全市存续企业 library here, so the draw has several visits (the
    // demo links it to the small library its scope names).
    const db = testDb.database.db;
    const city = await db.selectFrom('sub_library').select('id').where('name', '=', '全市存续企业').executeTakeFirstOrThrow();
    await db.updateTable('plan_task').set({ sub_library_id: city.id }).where('task_code', '=', '140581-2025-008').execute();
    const gp = await as('gp.planner');
    const committed = (
      await gp.post('/api/tasks/140581-2025-008/draws', {
        publicSource: { kind: 'dice', name: '2025-05-06 公开摇号现场骰子' },
        reason: '补录2025年度抽取记录', // the task period has ended
      })
    ).body;
    drawId = committed.id;
    expect((await gp.post(`/api/draws/${drawId}/ceremony`, { value: DICE, witnessName: '王见证' })).status).toBe(200);
    const matched = (await gp.post(`/api/draws/${drawId}/match`, {})).body;
    visits = matched.assignment;
    people = matched.inspectors;
    expect(visits.length).toBeGreaterThan(2);
  });

  afterAll(async () => {
    await testDb.dispose();
  });

  afterEach(() => {
    fixToday(null);
  });

  const as = (username: string) => loginAs(app, username);

  /**
   * Moves the end of task 008's window: on the task and on the draw's visit rows, which carry the
   * task period they were drawn for (the deadlines are read from them).
   */
  async function endTaskOn(day: string) {
    const db = testDb.database.db;
    await db.updateTable('plan_task').set({ period_end: day }).where('task_code', '=', '140581-2025-008').execute();
    await db.updateTable('visit').set({ period_end: day }).where('draw_id', '=', drawId).execute();
  }

  /** Makes the demo inspector account the given person of the directory. */
  async function loginAsInspector(inspectorId: string): Promise<ApiClient> {
    const db = testDb.database.db;
    const user = await db.selectFrom('app_user').select('id').where('username', '=', 'gp.inspector').executeTakeFirstOrThrow();
    await db.updateTable('inspector').set({ user_id: null }).where('user_id', '=', user.id).execute();
    await db.updateTable('inspector').set({ user_id: user.id }).where('id', '=', inspectorId).execute();
    return as('gp.inspector');
  }

  /** Each assigned inspector confirms as themselves, then the last one submits. */
  async function confirmByBoth(id: string, inspectorIds: string[]) {
    let client: ApiClient | null = null;
    for (const inspectorId of inspectorIds) {
      client = await loginAsInspector(inspectorId);
      expect((await client.post(`/api/results/${id}/confirm`)).status).toBe(200);
    }
    expect((await client!.post(`/api/results/${id}/submit`)).status).toBe(200);
  }

  const okResult = {
    checkedOn: '2025-06-18',
    items: [{ itemName: '在用计量器具的监督检查', result: { categories: ['noProblem'], methods: ['onSite'] } }],
  };

  it('only the assigned inspectors enter a result; both confirm; the office reviews and publishes it to the portal', async () => {
    const visit = visits[0]!;
    const [first, second] = visit.inspectors.map((code) => people[code]!);
    const stranger = Object.values(people).find((p) => !visit.inspectors.some((c) => people[c]!.id === p.id))!;

    const other = await loginAsInspector(stranger.id);
    const refused = await other.request('PUT', `/api/visits/${drawId}/${visit.id}/result`, okResult);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('不是分配给您的检查任务');

    const a = await loginAsInspector(first!.id);
    const mine = (await a.get('/api/my-visits')).body;
    expect(mine.items.some((v: any) => v.uscc === visit.id && v.drawId === drawId)).toBe(true);
    const contradictory = await a.request('PUT', `/api/visits/${drawId}/${visit.id}/result`, {
      checkedOn: '2025-06-18',
      items: [
        {
          itemName: '在用计量器具的监督检查',
          result: { categories: ['noProblem', 'problemOrderedToCorrect'], methods: ['onSite'], findings: '计量器具未检定' },
        },
      ],
    });
    expect(contradictory.status).toBe(400);
    expect(contradictory.body.details.problems.length).toBeGreaterThan(0);
    const outside = await a.request('PUT', `/api/visits/${drawId}/${visit.id}/result`, { ...okResult, checkedOn: '2025-12-20' });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toContain('不在任务起止时间');

    const saved = await a.request('PUT', `/api/visits/${drawId}/${visit.id}/result`, okResult);
    expect(saved.status).toBe(200);
    const id = saved.body.id;
    expect((await a.post(`/api/results/${id}/confirm`)).body.waitingFor).toEqual([second!.name]);
    const early = await a.post(`/api/results/${id}/submit`);
    expect(early.status).toBe(400);
    expect(early.body.message).toContain('尚未确认');
    const b = await loginAsInspector(second!.id);
    expect((await b.post(`/api/results/${id}/confirm`)).body.waitingFor).toEqual([]);
    expect((await b.post(`/api/results/${id}/submit`)).body).toEqual({ status: 'pendingReview' });
    expect((await b.post(`/api/results/${id}/publish`)).status).toBe(403); // an inspector cannot review

    // Not public before publication.
    const anon = new ApiClient(app);
    expect((await anon.get(`/api/public/results?q=${visit.id}`)).body.items).toEqual([]);

    const staff = await as('gp.staff');
    expect((await staff.post(`/api/results/${id}/return`, { reason: '短' })).status).toBe(400);
    expect((await staff.post(`/api/results/${id}/return`, { reason: '检查日期与记录不符，请核对' })).body).toEqual({ status: 'returned' });
    expect((await (await loginAsInspector(second!.id)).request('PUT', `/api/visits/${drawId}/${visit.id}/result`, okResult)).status).toBe(
      200,
    );
    await confirmByBoth(id, [first!.id, second!.id]);
    const published = await staff.post(`/api/results/${id}/publish`);
    expect(published.status).toBe(200);

    const found = (await anon.get(`/api/public/results?q=${visit.id}`)).body.items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      uscc: visit.id,
      objectKind: null,
      objectKindLabel: '市场主体',
      taskCode: '140581-2025-008',
      checkedOn: '2025-06-18',
      result: '未发现问题',
      joint: false,
    });
    expect(Object.keys(found[0]).sort()).toEqual([
      'authority',
      'checkedOn',
      'entityName',
      'id',
      'joint',
      'objectKind',
      'objectKindLabel',
      'publishedOn',
      'result',
      'taskCode',
      'uscc',
    ]);
    const entity = (await anon.get(`/api/public/entities/${visit.id}`)).body;
    expect(entity.results).toHaveLength(1);
    expect(entity.jointInspections).toEqual([]);
    expect(JSON.stringify(entity)).not.toMatch(/risk|inspector|findings|attachment/i);

    // Editing a published result is refused; a correction needs a reason and keeps v1 public.
    const direct = await (await loginAsInspector(first!.id)).request('PUT', `/api/visits/${drawId}/${visit.id}/result`, okResult);
    expect(direct.status).toBe(409);
    expect(direct.body.message).toContain('更正');
    expect((await staff.post(`/api/results/${id}/correct`, { reason: '检查日期录错，应为6月19日' })).body).toMatchObject({
      status: 'draft',
      version: 2,
    });
    expect((await anon.get(`/api/public/results?q=${visit.id}`)).body.items[0].checkedOn).toBe('2025-06-18');
    expect(
      (
        await (
          await loginAsInspector(first!.id)
        ).request('PUT', `/api/visits/${drawId}/${visit.id}/result`, { ...okResult, checkedOn: '2025-06-19' })
      ).status,
    ).toBe(200);
    await confirmByBoth(id, [first!.id, second!.id]);
    await staff.post(`/api/results/${id}/publish`);
    expect((await anon.get(`/api/public/results?q=${visit.id}`)).body.items[0].checkedOn).toBe('2025-06-19');
    const detail = (await staff.get(`/api/results/${id}`)).body;
    expect(detail.versions.map((v: any) => [v.version_no, v.reason])).toEqual([
      [1, null],
      [2, '检查日期录错，应为6月19日'],
    ]);
  });

  it('a finding opens a ledger item; 移送执法办案机构 closes only with a case number', async () => {
    const visit = visits[1]!;
    const staff = await as('gp.staff');
    fixToday('2025-07-03');
    const result = {
      checkedOn: '2025-07-02',
      items: [
        {
          itemName: '在用计量器具的监督检查',
          result: { categories: ['problemPendingInvestigation'], methods: ['onSite'], findings: '使用未经检定的计量器具' },
        },
      ],
    };
    const saved = await staff.request('PUT', `/api/visits/${drawId}/${visit.id}/result`, result);
    expect(saved.body).toMatchObject({ status: 'draft' });
    const db = testDb.database.db;
    // Both inspectors confirm (as themselves).
    for (const code of visit.inspectors) {
      const client = await loginAsInspector(people[code]!.id);
      expect((await client.post(`/api/results/${saved.body.id}/confirm`)).status).toBe(200);
    }
    expect((await staff.post(`/api/results/${saved.body.id}/submit`)).status).toBe(200);
    const published = (await staff.post(`/api/results/${saved.body.id}/publish`)).body;
    expect(published.followupsOpened).toBe(1);
    const item = (await staff.get('/api/followups?status=open')).body.items.find((i: any) => i.resultId === saved.body.id);
    expect(item).toMatchObject({ status: 'open', taskCode: '140581-2025-008', suggestedMeasure: 'referToEnforcement' });

    fixToday('2025-07-12');
    const act = (body: unknown) => staff.post(`/api/followups/${item.id}/actions`, body);
    expect((await act({ action: 'close' })).status).toBe(409);
    const decided = await act({
      action: 'decide',
      measure: { kind: 'referToEnforcement', receivingBody: '高平市市场监管局综合行政执法队', transferredOn: '2025-07-05' },
    });
    expect(decided.body).toMatchObject({ measureText: '移送执法办案机构' });
    const blocked = await act({ action: 'close' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toContain('案件编号');
    expect((await act({ action: 'caseNumber', caseNumber: '高市监立〔2025〕118号', on: '2025-07-10' })).status).toBe(200);
    const closed = await act({ action: 'close' });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', statusText: '已完结' });
    expect(closed.body.state.caseNumber).toBe('高市监立〔2025〕118号');
    const audit = await db.selectFrom('audit_log').select('action').where('object_id', '=', item.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['followup.caseNumber', 'followup.close', 'followup.decide']);
  });

  it('the 20-working-day publication deadline counts 国庆 2025 as holidays and reports overdue after it', async () => {
    const gp = await as('gp.planner');
    // Task 008 ends 2025-11-30 in the seed (3月—11月)? The deadline is computed from the task's end.
    const before = (await gp.get('/api/results/deadlines?year=2025')).body;
    const row = before.items.find((r: any) => r.drawId === drawId);
    expect(row.taskEnd).toBeDefined();
    fixToday('2025-09-26');
    // A task window ending on Friday 2025-09-26 is due on Thursday 2025-10-30 (国庆 8 days off).
    await endTaskOn('2025-09-26');
    let state = (await gp.get('/api/results/deadlines?year=2025')).body.items.find((r: any) => r.drawId === drawId);
    expect(state.due).toBe('2025-10-30');
    expect(state.status).toBe('ok');
    fixToday('2025-10-28');
    state = (await gp.get('/api/results/deadlines?year=2025')).body.items.find((r: any) => r.drawId === drawId);
    expect(state.status).toBe('dueSoon');
    fixToday('2025-10-31');
    state = (await gp.get('/api/results/deadlines?year=2025')).body.items.find((r: any) => r.drawId === drawId);
    expect(state).toMatchObject({ status: 'overdue', taskCompleted: false });
  });

  it('无法联系 starts the 经营异常名录 step, due 10 working days after the result', async () => {
    const visit = visits[2]!;
    const staff = await as('gp.staff');
    fixToday('2025-09-30');
    await endTaskOn('2025-09-30');
    const saved = await staff.request('PUT', `/api/visits/${drawId}/${visit.id}/result`, {
      checkedOn: '2025-09-29',
      items: [{ itemName: '在用计量器具的监督检查', result: { categories: ['unreachableAtAddress'], methods: ['onSite'] } }],
    });
    expect(saved.status).toBe(200);
    await confirmByBoth(
      saved.body.id,
      visit.inspectors.map((c) => people[c]!.id),
    );
    const published = (await staff.post(`/api/results/${saved.body.id}/publish`)).body;
    expect(published.abnormalList).toEqual(['unreachableAtAddress']);
    // 2025-09-29 + 10 working days, 国庆 (10-01…10-08) off and 09-28/10-11 worked: 2025-10-20.
    fixToday('2025-10-21');
    const step = (await staff.get('/api/results/deadlines?year=2025')).body.abnormalSteps.find((s: any) => s.resultId === saved.body.id);
    expect(step).toMatchObject({ due: '2025-10-20', status: 'overdue' });
    expect(
      (await staff.post(`/api/results/${saved.body.id}/abnormal-listing`, { on: '2025-10-21', decisionNumber: '高市监异〔2025〕31号' }))
        .status,
    ).toBe(200);
    const done = (await staff.get('/api/results/deadlines?year=2025')).body.abnormalSteps.find((s: any) => s.resultId === saved.body.id);
    expect(done).toMatchObject({ status: 'done', listedOn: '2025-10-21' });
    expect((await staff.post(`/api/results/${saved.body.id}/abnormal-listing`, { on: '2025-10-22', decisionNumber: 'x' })).status).toBe(
      409,
    );
  });

  it('停止公示: refused before the publication period ends, then approved with a reason and gone from the portal', async () => {
    const visit = visits[0]!;
    const staff = await as('gp.staff');
    const anon = new ApiClient(app);
    const id = (await anon.get(`/api/public/results?q=${visit.id}`)).body.items[0].id;
    const early = await staff.post(`/api/results/${id}/stop-requests`, { reason: '企业已整改并申请信用修复' });
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/公示期|\d{4}-\d{2}-\d{2}/);
    fixToday('2099-01-05');
    expect((await staff.post(`/api/results/${id}/stop-requests`, { reason: '企业已整改并申请信用修复' })).status).toBe(200);
    expect((await staff.post(`/api/results/${id}/stop-requests/decision`, { approve: true, reason: '短' })).status).toBe(400);
    const decided = await staff.post(`/api/results/${id}/stop-requests/decision`, { approve: true, reason: '公示期满，已履行义务' });
    expect(decided.body).toMatchObject({ stoppedOn: '2099-01-05' });
    expect((await anon.get(`/api/public/results?q=${visit.id}`)).body.items).toEqual([]);
    expect((await anon.get(`/api/public/entities/${visit.id}`)).status).toBe(404);
    expect((await staff.post(`/api/results/${id}/correct`, { reason: '停止公示后不应再更正' })).status).toBe(409);
  });

  it('部门联合: 住建局 (发起部门) draws; the bureau (配合部门) enters, reviews and publishes its own part; others cannot', async () => {
    const yp = await as('yp.planner');
    const plan = (await yp.get('/api/plans?year=2024')).body.items.find((p: any) => p.unitCode === '140981');
    const lib = await yp.post('/api/sub-libraries', {
      name: '原平存续企业',
      description: '',
      rule: { subjectTypes: ['enterprise'], regStatuses: ['存续'] },
    });
    expect(lib.status).toBe(200);
    expect((await yp.post(`/api/plans/${plan.id}/adjust`, {})).status).toBe(200);
    const task = (await yp.get(`/api/plans/${plan.id}`)).body.tasks.find((t: any) => t.seq === 3);
    expect(task.participants.map((p: any) => p.code)).toContain('140981-zj');
    await yp.request('PUT', `/api/plans/${plan.id}/tasks/${task.code}`, { cells: task.cells, subLibraryId: lib.body.id });
    expect(
      (
        await yp.post(`/api/plans/${plan.id}/publish`, {
          reason: '为燃气经营任务关联名录分库',
          undrawableReason: '其余联合任务由各部门按本部门名录抽取',
        })
      ).status,
    ).toBe(200);
    // 住建局 is the task's 发起部门: as its planner it drafts the 检查方案, the bureau agrees, 住建局 draws.
    const db = testDb.database.db;
    const zj = await as('yp.zj');
    expect(await actAsDepartmentPlanner(db, zj)).toBe(200);
    await agreedJointScheme(zj, yp, task.code);
    const committed = (
      await zj.post(`/api/tasks/${task.code}/draws`, {
        publicSource: { kind: 'dice', name: '2024-04-20 公开摇号现场骰子' },
        reason: '补录抽取记录', // the task period has ended
      })
    ).body;
    const drawn = (await zj.post(`/api/draws/${committed.id}/ceremony`, { value: DICE, witnessName: '赵见证' })).body;
    const uscc = drawn.visits[0].id;

    // The bureau (配合部门) enters its own part as office staff: yp.planner given the staff role.
    const planner = await db.selectFrom('app_user').select('id').where('username', '=', 'yp.planner').executeTakeFirstOrThrow();
    await db.insertInto('user_role').values({ user_id: planner.id, unit_code: '140981', role: 'staff' }).execute();
    const bureau = await as('yp.planner');
    expect((await bureau.post('/api/auth/switch', { unitCode: '140981', role: 'staff' })).status).toBe(200);
    expect((await bureau.get('/api/tasks?year=2024')).body.items.find((t: any) => t.code === task.code)).toMatchObject({
      relation: 'own',
      canDraw: false,
    });
    const part = {
      checkedOn: '2024-05-10',
      items: [{ itemName: '燃气经营监督检查', result: { categories: ['noProblem'], methods: ['onSite'] } }],
    };
    const missingPeople = await bureau.request('PUT', `/api/visits/${committed.id}/${uscc}/result`, part);
    expect(missingPeople.status).toBe(400);
    expect(missingPeople.body.message).toContain('至少两名');
    const saved = await bureau.request('PUT', `/api/visits/${committed.id}/${uscc}/result`, {
      ...part,
      departmentInspectors: ['市局检查员甲', '市局检查员乙'],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const row = await db.selectFrom('visit_result').select(['unit_code']).where('id', '=', saved.body.id).executeTakeFirstOrThrow();
    expect(row.unit_code).toBe('140981');
    expect((await bureau.post(`/api/results/${saved.body.id}/submit`)).body).toEqual({ status: 'pendingReview' });
    expect((await bureau.post(`/api/results/${saved.body.id}/publish`)).status).toBe(200);

    // A planner (信用监管科/股) does not enter results; a county elsewhere cannot touch the visit.
    expect((await (await as('yp.planner')).request('PUT', `/api/visits/${committed.id}/${uscc}/result`, part)).status).toBe(403);
    const zz = await as('zz.planner');
    expect((await zz.request('PUT', `/api/visits/${committed.id}/${uscc}/result`, part)).status).toBe(403); // no role to enter
    const found = (await new ApiClient(app).get(`/api/public/results?q=${uscc}`)).body.items;
    expect(found.map((r: any) => r.authority)).toContain('原平市市场监督管理局');
    expect(found.find((r: any) => r.id === saved.body.id).joint).toBe(true);
    // The portal shows the joint inspection with each department's published part (互认).
    const entity = (await new ApiClient(app).get(`/api/public/entities/${uscc}`)).body;
    expect(entity.jointInspections).toEqual([
      { taskCode: task.code, parts: [expect.objectContaining({ id: saved.body.id, authority: '原平市市场监督管理局', joint: true })] },
    ]);
    const visit = (await bureau.get(`/api/visits/${committed.id}/${uscc}`)).body;
    expect(visit.departmentPart).toBe(true);
    expect(visit.result.id).toBe(saved.body.id);
    // The bureau's part lists the items its agreed 检查方案 part gives it; 住建局 reads the task's own.
    expect(visit.items).toEqual(['联合检查事项']);
    const taskItems = (await zj.get(`/api/visits/${committed.id}/${uscc}`)).body.items;
    expect(taskItems.length).toBeGreaterThan(0);
    expect(taskItems).not.toContain('联合检查事项');

    // 住建局 (发起部门, the inspecting unit) staffs the draw, enters, confirms and publishes its own
    // part: the portal then shows both parts of the one joint inspection, each under its own 检查机关.
    for (let i = 1; i <= 4; i++) {
      const officer = await zj.post('/api/inspectors', {
        name: `住建执法${i}`,
        unitCode: '140981-zj',
        category: 'enforcement',
        certNo: `14098166${String(i).padStart(4, '0')}`,
        certExpiresOn: '2035-12-31',
      });
      expect(officer.status, JSON.stringify(officer.body)).toBe(200);
    }
    const matched = await zj.post(`/api/draws/${committed.id}/match`, {});
    expect(matched.status, JSON.stringify(matched.body)).toBe(200);
    const team = (matched.body.assignment as { id: string; inspectors: string[] }[]).find((a) => a.id === uscc)!.inspectors;
    expect((await zj.post('/api/auth/switch', { unitCode: '140981-zj', role: 'staff' })).status).toBe(200);
    const own = await zj.request('PUT', `/api/visits/${committed.id}/${uscc}/result`, {
      checkedOn: '2024-05-11',
      items: [{ itemName: '燃气经营监督检查', result: { categories: ['noProblem'], methods: ['onSite'] } }],
    });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.id).not.toBe(saved.body.id);
    for (const code of team) {
      const officer = await loginAsInspector(matched.body.inspectors[code].id);
      expect((await officer.post(`/api/results/${own.body.id}/confirm`)).status).toBe(200);
    }
    expect((await zj.post(`/api/results/${own.body.id}/submit`)).status).toBe(200);
    expect((await zj.post(`/api/results/${own.body.id}/publish`)).status).toBe(200);
    const both = (await new ApiClient(app).get(`/api/public/entities/${uscc}`)).body;
    expect(both.jointInspections).toHaveLength(1);
    expect(both.jointInspections[0].taskCode).toBe(task.code);
    const parts = both.jointInspections[0].parts;
    expect(parts.map((p: any) => p.id).sort()).toEqual([saved.body.id, own.body.id].sort());
    expect(parts.map((p: any) => p.authority).sort()).toEqual(['原平市住房和城乡建设管理局', '原平市市场监督管理局'].sort());
    expect(parts.find((p: any) => p.id === own.body.id)).toMatchObject({ checkedOn: '2024-05-11', joint: true });
  });

  it('refuses disguised or oversized attachments and exports published results in the exchange layout', async () => {
    const staff = await as('gp.staff');
    const id = (await staff.get('/api/results?status=published')).body.items.find((r: any) => r.stoppedOn === null).id;
    const upload = (name: string, bytes: Uint8Array, type = 'application/octet-stream') =>
      app.request(`http://localhost/api/results/${id}/attachments`, {
        method: 'POST',
        body: Buffer.from(bytes),
        headers: { cookie: staff.sessionCookie!, 'x-file-name': encodeURIComponent(name), 'content-type': type },
      });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    // A published result is fixed: no attachment is added, and nothing is written.
    const attachmentsOf = async () =>
      (await testDb.database.db.selectFrom('visit_attachment').select('id').where('result_id', '=', id).execute()).length;
    const before = await attachmentsOf();
    const late = await upload('现场照片.png', png);
    expect(late.status).toBe(409);
    expect(((await late.json()) as any).message).toContain('更正');
    expect(await attachmentsOf()).toBe(before);
    // In a correction's new version evidence may be added again.
    expect((await staff.post(`/api/results/${id}/correct`, { reason: '补充现场照片作为证据' })).status).toBe(200);
    const ok = await upload('现场照片.png', png);
    expect(ok.status).toBe(200);
    expect(await attachmentsOf()).toBe(before + 1);
    const disguised = await upload('扫描件.pdf', png);
    expect(disguised.status).toBe(400);
    expect(((await disguised.json()) as any).message).toMatch(/PNG|图片|不符/);
    const exe = await upload('photo.jpg', new TextEncoder().encode('MZ not an image'));
    expect(exe.status).toBe(400);

    const csv = await app.request('http://localhost/api/results/export?year=2025&format=csv', {
      headers: { cookie: staff.sessionCookie! },
    });
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel opens UTF-8 CSV correctly
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\r\n')[0]).toBe('统一社会信用代码,企业名称,任务编号,抽查任务名称,检查机关,检查日期,检查结果,公示日期');
    expect(text).toContain('140581-2025-008');
    expect(text).not.toContain('未经检定'); // findings are internal
  });
  it('answers a sibling county the same 404, naming nobody, for a drawn visit and for one that does not exist', async () => {
    const visit = visits[1]!;
    const resultId = (
      await testDb.database.db
        .selectFrom('visit_result')
        .select('id')
        .where('draw_id', '=', drawId)
        .where('uscc', '=', visit.id)
        .executeTakeFirstOrThrow()
    ).id;
    const names = [
      ...Object.values(people).map((p) => p.name),
      ...(await testDb.database.db.selectFrom('market_entity').select('name').where('uscc', '=', visit.id).execute()).map((e) => e.name),
      '高平',
    ];
    // A 泽州 office account that may enter results (the role passes; the unit is what answers).
    const zzUser = await testDb.database.db
      .insertInto('app_user')
      .values({
        username: 'zz.results',
        display_name: '泽州录入员',
        home_unit_code: '140525',
        password_hash: await hashPassword('Zz-results-2026'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await testDb.database.db.insertInto('user_role').values({ user_id: zzUser.id, unit_code: '140525', role: 'staff' }).execute();
    for (const username of ['zz.results']) {
      const zz = new ApiClient(app, '10.9.0.2');
      expect((await zz.login(username, 'Zz-results-2026')).status).toBe(200);
      const answers = [
        await zz.request('PUT', `/api/visits/${drawId}/${visit.id}/result`, okResult),
        await zz.request('PUT', `/api/visits/${drawId}/91140525MA0NOTDRAWN/result`, okResult),
        await zz.request('PUT', `/api/visits/00000000-0000-4000-8000-000000000000/${visit.id}/result`, okResult),
      ];
      const reads = [
        await zz.get(`/api/visits/${drawId}/${visit.id}`),
        await zz.get(`/api/visits/${drawId}/91140525MA0NOTDRAWN`),
        await zz.get(`/api/visits/00000000-0000-4000-8000-000000000000/${visit.id}`),
      ];
      const steps = [
        await zz.post(`/api/results/${resultId}/confirm`),
        await zz.post(`/api/results/00000000-0000-4000-8000-000000000000/confirm`),
      ];
      for (const group of [answers, reads, steps]) {
        for (const a of group) {
          expect(a.status, `${username}: ${JSON.stringify(a.body)}`).toBe(404);
          expect(a.body).toEqual(group[0]!.body);
          expect(names.filter((n) => JSON.stringify(a.body).includes(n))).toEqual([]);
        }
      }
    }
  });

  it('a double submission of every result step has one effect, one audit row and no 500', async () => {
    const db = testDb.database.db;
    const visit = visits[1]!;
    const [first, second] = visit.inspectors.map((code) => people[code]!);
    const staff = await as('gp.staff');
    const staff2 = await as('gp.staff');
    const id = (
      await db.selectFrom('visit_result').select('id').where('draw_id', '=', drawId).where('uscc', '=', visit.id).executeTakeFirstOrThrow()
    ).id;
    const auditCount = async (action: string) =>
      (await db.selectFrom('audit_log').select('seq').where('object_id', '=', id).where('action', '=', action).execute()).length;
    /** The same step twice at once: one 200, one 409, one more audit row. */
    async function twice(action: string, send: () => Promise<{ status: number; body: any }>, again = send) {
      const before = await auditCount(action);
      const answers = await Promise.all([send(), again()]);
      expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body))).toEqual([200, 409]);
      expect(await auditCount(action)).toBe(before + 1);
    }
    /** A step on the result (its path under the result) sent by two staff sessions at once. */
    const byBothStaff = (action: string, step: string, body?: unknown) =>
      twice(
        action,
        () => staff.post(`/api/results/${id}/${step}`, body),
        () => staff2.post(`/api/results/${id}/${step}`, body),
      );
    await byBothStaff('result.correct', 'correct', { reason: '复核发现检查日期有误' });
    const fix = {
      checkedOn: '2025-07-01',
      items: [{ itemName: '在用计量器具的监督检查', result: { categories: ['noProblem'], methods: ['onSite'] } }],
    };
    const saves = await Promise.all([
      staff.request('PUT', `/api/visits/${drawId}/${visit.id}/result`, fix),
      staff2.request('PUT', `/api/visits/${drawId}/${visit.id}/result`, fix),
    ]);
    expect(saves.map((a) => a.status)).toEqual([200, 200]);
    expect(
      (await db.selectFrom('visit_result').select('id').where('draw_id', '=', drawId).where('uscc', '=', visit.id).execute()).length,
    ).toBe(1);
    const a = await loginAsInspector(first!.id);
    await twice('result.confirm', () => a.post(`/api/results/${id}/confirm`));
    const b = await loginAsInspector(second!.id);
    await twice('result.confirm', () => b.post(`/api/results/${id}/confirm`));
    await byBothStaff('result.submit', 'submit');
    await byBothStaff('result.return', 'return', { reason: '请补充检查方式说明' });
    await byBothStaff('result.submit', 'submit');
    await byBothStaff('result.publish', 'publish');
    expect((await db.selectFrom('visit_result_version').select('version_no').where('result_id', '=', id).execute()).length).toBe(2);
    await byBothStaff('result.stopRequest', 'stop-requests', { reason: '企业已整改完毕申请信用修复' });
    await byBothStaff('result.stopApproved', 'stop-requests/decision', { approve: true, reason: '整改到位，同意停止公示' });
    // 公开抽取结果 of the draw (its task period has ended): once.
    const gp = await as('gp.planner');
    const gp2 = await as('gp.planner');
    const publishedBefore = (
      await db.selectFrom('audit_log').select('seq').where('object_id', '=', drawId).where('action', '=', 'draw.publishResult').execute()
    ).length;
    const draws = await Promise.all([
      gp.post(`/api/draws/${drawId}/publish-result`, {}),
      gp2.post(`/api/draws/${drawId}/publish-result`, {}),
    ]);
    expect(draws.map((d) => d.status).sort()).toEqual(publishedBefore === 0 ? [200, 409] : [409, 409]);
    const publishedAfter = (
      await db.selectFrom('audit_log').select('seq').where('object_id', '=', drawId).where('action', '=', 'draw.publishResult').execute()
    ).length;
    expect(publishedAfter).toBe(1);
  });
});
