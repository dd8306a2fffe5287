// 年度抽查计划 over the real app and database (PGlite always; PostgreSQL when DATABASE_URL is
// set): import of the seed tables, publish / adjust / file, the versioned diff, planner
// warnings, the filing board, the portal, unit scope and bad input.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from '../files/exceljs.ts';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { ApiClient } from '../../testing/apiClient.ts';
import { demoAppPerSuite } from '../../testing/demoApp.ts';
import { DEMO_PLANS } from '../../demo/plans.ts';
import { verifyAuditChain } from '../audit/verifyAuditChain.ts';
import { encodeGbk } from '../../testing/gbk.ts';

const databases = await openTestDatabases();
const FIXTURES = path.join(import.meta.dirname, '../../core/plan/fixtures');
const seed = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
/** The stated reason for publishing test plans whose tasks are not linked to a 名录分库. */
const UNDRAWABLE = { undrawableReason: '测试计划：名录分库待关联' };

describe.each(databases.map((d) => [d.name, d] as const))('年度抽查计划 on %s', (_name, testDb: TestDatabase) => {
  const { app, as } = demoAppPerSuite(testDb);

  async function upload(client: ApiClient, fileName: string, content: Buffer | string, query: string) {
    const response = await app().request(`http://localhost/api/plans/import?${query}`, {
      method: 'POST',
      body: new Uint8Array(typeof content === 'string' ? Buffer.from(content, 'utf8') : content),
      headers: { cookie: client.sessionCookie!, 'x-file-name': encodeURIComponent(fileName), 'content-type': 'application/octet-stream' },
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  const countPlans = () => countRows(testDb.database, 'plan');

  it('the demo holds the seed plans: 高平 and 原平 published and filed, 晋城 2023 a draft with its empty cells; only published ones reach the portal', async () => {
    const gp = await as('gp.planner');
    const list = (await gp.get('/api/plans')).body;
    const gaoping = list.items.find((p: any) => p.unitCode === '140581' && p.year === 2025);
    expect(gaoping).toMatchObject({ status: 'filed', taskCount: 16, docNumber: '高市市监办发〔2025〕9号', own: true });
    const jc = await as('jc.planner');
    const jincheng = (await jc.get('/api/plans?year=2023')).body.items.find((p: any) => p.unitCode === '140500');
    expect(jincheng).toMatchObject({ status: 'draft', taskCount: 16 });
    const detail = (await jc.get(`/api/plans/${jincheng.id}`)).body;
    const task8 = detail.tasks.find((t: any) => t.seq === 8);
    expect(task8.problems.map((p: any) => p.field)).toEqual(expect.arrayContaining(['period', 'mode']));
    const publish = await jc.post(`/api/plans/${jincheng.id}/publish`, {});
    expect(publish.status).toBe(409);
    expect(publish.body.message).toContain('未能识别');
    expect(publish.body.message).toContain('任务8');
    // A draft never reaches the portal; the published ones do.
    const portal = (await new ApiClient(app()).get('/api/public/plans')).body.items;
    const published = DEMO_PLANS.filter((p) => p.publishedAt !== null).map((p) => p.docNumber);
    expect(published).toEqual(expect.arrayContaining(['原双随机办〔2024〕2号', '高市市监办发〔2025〕9号']));
    expect(portal.map((p: any) => p.docNumber).sort()).toEqual([...published].sort());
  });

  it('imports seed 002 as .tsv: a dry run writes nothing, then 16 tasks with structured cells and fresh 任务编号', async () => {
    const gp = await as('gp.planner');
    const before = await countPlans();
    const dry = await upload(gp, 'seed002.tsv', seed('seed002.tsv'), 'year=2026&dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, taskCount: 16, errorCount: 0 });
    expect(await countPlans()).toBe(before);

    const res = await upload(
      gp,
      'seed002.tsv',
      seed('seed002.tsv'),
      'year=2026&docNumber=' + encodeURIComponent('高市市监办发〔2026〕3号') + '&deadline=2026-12-15',
    );
    expect(res.status).toBe(200);
    const detail = (await gp.get(`/api/plans/${res.body.id}`)).body;
    expect(detail.plan).toMatchObject({ status: 'draft', draftVersion: 1, year: 2026 });
    expect(detail.version).toMatchObject({ docNumber: '高市市监办发〔2026〕3号', deadline: '2026-12-15', sourceFileName: 'seed002.tsv' });
    expect(detail.tasks).toHaveLength(16);
    expect(detail.tasks.map((t: any) => t.code)).toEqual(
      Array.from({ length: 16 }, (_, i) => `140581-2026-${String(i + 1).padStart(3, '0')}`),
    );
    const first = detail.tasks[0];
    expect(first).toMatchObject({
      seq: 1,
      taskType: 'undirected',
      population: '全市范围内存续的企业',
      quota: { kind: 'ratio', basisPoints: 300, minimum: false },
      batchesPerYear: 1,
    });
    expect(first.items).toEqual(['登记事项检查', '公示信息检查', '商标使用行为的检查']);
    expect(first.mode.modes.map((m: any) => m.code)).toEqual(['县抽县查']);
    expect(detail.tasks[1].quota).toMatchObject({ kind: 'ratio', basisPoints: 10 });
    expect(detail.editable).toBe(true);
  });

  it('publishes, refuses direct edits, adjusts with a reason and shows the versioned diff; v1 stays readable on the portal', async () => {
    const gp = await as('gp.planner');
    const created = await upload(gp, 'seed002.tsv', seed('seed002.tsv'), 'year=2027');
    const id = created.body.id;
    expect((await gp.post(`/api/plans/${id}/file`, {})).status).toBe(409); // filing before publishing
    expect((await gp.post(`/api/plans/${id}/publish`, UNDRAWABLE)).body).toEqual({ version: 1 });
    const code = (await gp.get(`/api/plans/${id}`)).body.tasks[0].code;
    const task = (await gp.get(`/api/plans/${id}`)).body.tasks[0];

    const direct = await gp.request('PUT', `/api/plans/${id}/tasks/${code}`, {
      cells: { ...task.cells, quota: '5%; 1次/年' },
      subLibraryId: null,
    });
    expect(direct.status).toBe(409);
    expect(direct.body.message).toContain('调整计划');

    expect((await gp.post(`/api/plans/${id}/adjust`, {})).body).toEqual({ version: 2 });
    expect((await gp.post(`/api/plans/${id}/adjust`, {})).status).toBe(409); // one draft at a time
    const edit = await gp.request('PUT', `/api/plans/${id}/tasks/${code}`, {
      cells: { ...task.cells, quota: '5%; 1次/年' },
      subLibraryId: null,
    });
    expect(edit.status).toBe(200);
    const added = await gp.post(`/api/plans/${id}/tasks`, {
      cells: {
        seq: '17',
        name: '对加油站的计量监督抽查',
        items: '1.在用计量器具检查',
        population: '全市加油站',
        quota: '20户',
        riskPolicy: '不使用：计量专项',
        period: '4月—6月',
        mode: '【县抽县查】',
      },
    });
    expect(added.status).toBe(200);
    expect(added.body.code).toBe('140581-2027-017');
    // A bad cell is kept with its problem, not refused: the planner fixes it in the editor.
    const bad = await gp.post(`/api/plans/${id}/tasks`, { cells: { seq: '18', name: '坏任务', quota: '很多', period: '13月' } });
    expect(bad.status).toBe(200);
    expect(bad.body.problems.map((p: any) => p.field)).toEqual(expect.arrayContaining(['quota', 'period']));
    const blocked = await gp.post(`/api/plans/${id}/publish`, { reason: '增加计量专项', ...UNDRAWABLE });
    expect(blocked.status).toBe(409);
    expect(blocked.body.message).toContain(bad.body.code);
    expect((await gp.request('DELETE', `/api/plans/${id}/tasks/${bad.body.code}`)).status).toBe(200);

    const noReason = await gp.post(`/api/plans/${id}/publish`, {});
    expect(noReason.status).toBe(409);
    expect(noReason.body.message).toContain('调整原因');
    expect((await gp.post(`/api/plans/${id}/publish`, { reason: '增加加油站计量专项', ...UNDRAWABLE })).body).toEqual({ version: 2 });

    const diff = (await gp.get(`/api/plans/${id}/diff`)).body;
    expect(diff.from.versionNo).toBe(1);
    expect(diff.to).toMatchObject({ versionNo: 2, reason: '增加加油站计量专项' });
    expect(diff.tasks.map((t: any) => [t.code, t.kind])).toEqual([
      [code, 'changed'],
      ['140581-2027-017', 'added'],
    ]);
    expect(diff.tasks[0].changes).toEqual([{ field: 'quota', label: '抽查比例/数量', before: '3%; 1次/年', after: '5%; 1次/年' }]);

    const anon = new ApiClient(app());
    const current = (await anon.get(`/api/public/plans/${id}`)).body;
    expect(current.version).toMatchObject({ versionNo: 2, reason: '增加加油站计量专项', current: true });
    expect(current.tasks).toHaveLength(17);
    expect(JSON.stringify(current)).not.toContain('problems');
    const v1 = (await anon.get(`/api/public/plans/${id}?version=1`)).body;
    expect(v1.tasks).toHaveLength(16);
    expect(v1.tasks[0].cells.quota).toBe('3%; 1次/年');

    // The audit chain holds every step and still verifies.
    const actions = (await testDb.database.db.selectFrom('audit_log').select('action').where('object_id', '=', id).execute()).map(
      (r) => r.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['plan.create', 'plan.publish', 'plan.adjust']));
    expect((await verifyAuditChain(testDb.database.db, { unitCodes: ['140581'] })).ok).toBe(true);
  });

  it('an upper unit sees whether each subordinate filed by its deadline', async () => {
    const jc = await as('jc.planner');
    expect((await jc.request('PUT', '/api/plan-filing/deadline', { year: 2026, dueOn: '2026-04-15' })).status).toBe(200);
    const gp = await as('gp.planner');
    const created = await upload(gp, 'seed002.tsv', seed('seed002.tsv'), 'year=2026');
    expect((await gp.post(`/api/plans/${created.body.id}/publish`, UNDRAWABLE)).status).toBe(200);
    let board = (await jc.get('/api/plan-filing?year=2026')).body;
    expect(board.dueOn).toBe('2026-04-15');
    const row = () => board.rows.find((r: any) => r.unitCode === '140581');
    expect(['notFiled', 'notFiledOverdue']).toContain(row().status);
    expect(board.rows.find((r: any) => r.unitCode === '140525').status).toBe('noPlan');
    expect((await gp.post(`/api/plans/${created.body.id}/file`, {})).status).toBe(200);
    board = (await jc.get('/api/plan-filing?year=2026')).body;
    expect(['filedOnTime', 'filedLate']).toContain(row().status);
    expect(row().filedVersion).toBe(1);
    // The demo: 高平 filed 2025 on 4月8日, before 晋城's 4月15日.
    const demo = (await jc.get('/api/plan-filing?year=2025')).body;
    expect(demo.rows.find((r: any) => r.unitCode === '140581')).toMatchObject({ status: 'filedOnTime', filedOn: '2025-04-08' });
    // A county has no subordinate bureaus to watch, and a county planner cannot set the city's deadline.
    expect((await gp.get('/api/plan-filing?year=2026')).body.rows).toEqual([]);
  });

  it('warns a county whose task repeats a published upper-level task, and a county sees the 市抽县查 task it inspects', async () => {
    const jc = await as('jc.planner');
    const table = [
      '序号\t抽查任务名称\t抽查类型\t抽查事项\t抽查对象范围\t抽查比例/数量\t信用风险分类管理\t抽查起止时间\t抽查检查模式',
      '1\t对企业登记事项的双随机抽查\t不定向\t1.登记事项检查；2.公示信息检查\t全市范围内存续的企业\t3%; 1次/年\t对低风险、一般风险、较高风险、高风险企业分别递加比例抽查\t3月—11月\t【市抽县查】晋城市市场监管局发起，各县（市、区）局实施检查',
    ].join('\n');
    const created = await jc.post('/api/plans', { year: 2028, title: '晋城市2028年度抽查计划', text: table });
    expect(created.status).toBe(200);
    expect((await jc.post(`/api/plans/${created.body.id}/publish`, UNDRAWABLE)).status).toBe(200);

    const gp = await as('gp.planner');
    const own = await upload(gp, 'seed002.tsv', seed('seed002.tsv'), 'year=2028');
    const checks = (await gp.get(`/api/plans/${own.body.id}/checks`)).body.warnings;
    const dup = checks.find((w: any) => w.kind === 'duplicateUpper');
    expect(dup.taskCode).toBe('140581-2028-001');
    expect(dup.message).toContain('晋城市2028年度抽查计划');
    expect(dup.message).toContain('登记事项检查');
    // 高平's plan names categories (登记事项检查), items near their list names and aspects of the
    // item its task names: only the two items the claimed list lacks are warned about.
    const unknown = checks.filter((w: any) => w.kind === 'unknownItems');
    expect(unknown.map((w: any) => w.taskCode)).toEqual(['140581-2028-014', '140581-2028-015']);
    expect(unknown[0].message).toContain('质量管理体系认证活动');
    expect(unknown[1].message).toContain('商标代理行为的检查');
    const coverage = checks.find((w: any) => w.kind === 'itemCoverage');
    expect(coverage.message).toContain('20/36');
    const matches = (await gp.get(`/api/plans/${own.body.id}/checks`)).body.itemMatches;
    const first = matches.find((m: any) => m.taskCode === '140581-2028-001').matches;
    expect(first[0]).toMatchObject({ text: '登记事项检查', kind: 'category' });
    expect(first[0].items.map((i: any) => i.code)).toContain('SX-DJ-01');

    const tasks = (await gp.get('/api/tasks?year=2028')).body.items;
    const upper = tasks.find((t: any) => t.unitCode === '140500');
    expect(upper).toMatchObject({ relation: 'upper', canDraw: false, inspects: true, code: '140500-2028-001' });
    const cityTasks = (await jc.get('/api/tasks?year=2028')).body.items;
    expect(cityTasks[0]).toMatchObject({ relation: 'own', canDraw: true });
    // A joint plan's member department sees the tasks that name it.
    const zj = await as('yp.zj');
    const joint = (await zj.get('/api/tasks?year=2024')).body.items;
    expect(joint.length).toBeGreaterThan(0);
    expect(joint.every((t: any) => t.relation === 'joint')).toBe(true);
    expect(joint.some((t: any) => t.initiatingDepartment === '原平市住房和城乡建设管理局')).toBe(true);
    // Only the 发起部门 draws a joint task: 住建局 its own, the bureau those it initiates.
    const byZj = (t: any) => t.initiatingDepartment === '原平市住房和城乡建设管理局';
    expect(joint.map((t: any) => t.canDraw)).toEqual(joint.map(byZj));
    const bureau = (await (await as('yp.planner')).get('/api/tasks?year=2024')).body.items.filter((t: any) => t.planKind === 'joint');
    expect(bureau.filter(byZj).length).toBeGreaterThan(0);
    expect(bureau.filter(byZj).every((t: any) => t.relation === 'own' && !t.canDraw && t.inspects)).toBe(true);
    const initiated = bureau.filter((t: any) => t.initiatingDepartment === '原平市市场监督管理局');
    expect(initiated.length).toBeGreaterThan(0);
    expect(initiated.every((t: any) => t.canDraw)).toBe(true);
  });

  it('exports a version as .xlsx in the seed layout that imports back to the same tasks', async () => {
    const yp = await as('yp.planner');
    const plan = (await yp.get('/api/plans?year=2024')).body.items.find((p: any) => p.unitCode === '140981');
    const response = await app().request(`http://localhost/api/plans/${plan.id}/export`, { headers: { cookie: yp.sessionCookie! } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('spreadsheetml');
    const buffer = Buffer.from(await response.arrayBuffer());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as any);
    const sheet = workbook.worksheets[0]!;
    expect(String(sheet.getCell(1, 1).value)).toContain('原平市2024年度');
    const header = (sheet.getRow(3).values as unknown[]).slice(1);
    expect(header).toEqual([
      '地市',
      '序号',
      '抽查任务名称',
      '抽查事项',
      '抽查对象范围',
      '抽查比例/数量',
      '信用风险分类管理',
      '抽查起止时间',
      '发起部门',
      '配合部门',
      '抽查检查模式',
      '任务编号',
    ]);
    const again = await upload(yp, 'export.xlsx', buffer, 'year=2029&kind=joint');
    expect(again.status).toBe(200);
    expect(again.body.taskCount).toBe(42);
    expect(again.body.errorCount).toBe(0);
    const original = (await yp.get(`/api/plans/${plan.id}`)).body.tasks;
    const reimported = (await yp.get(`/api/plans/${again.body.id}`)).body.tasks;
    expect(reimported.map((t: any) => [t.name, t.quota, t.initiatingDepartment, t.participants.length])).toEqual(
      original.map((t: any) => [t.name, t.quota, t.initiatingDepartment, t.participants.length]),
    );
  });

  it('keeps plans inside the org tree: a sibling county sees none of them (published ones are on the portal) and changes none', async () => {
    const gp = await as('gp.planner');
    const draft = await upload(gp, 'seed002.tsv', seed('seed002.tsv'), 'year=2030');
    const zz = await as('zz.planner');
    expect((await zz.get(`/api/plans/${draft.body.id}`)).status).toBe(404);
    expect((await zz.get('/api/plans?year=2030')).body.items).toEqual([]);
    const published = (await gp.get('/api/plans?year=2025')).body.items.find((p: any) => p.unitCode === '140581');
    // A sibling reads published plans on the portal, without the live counts of 高平's 名录分库.
    const read = await zz.get(`/api/plans/${published.id}`);
    expect(read.status).toBe(404);
    expect(JSON.stringify(read.body)).not.toMatch(/高平|byRiskClass/);
    const adjust = await zz.post(`/api/plans/${published.id}/adjust`, {});
    expect(adjust.status).toBe(404);
    expect(adjust.body).toEqual(read.body);
    // A new plan for a unit out of reach: the answer of a unit that does not exist.
    const outside = await zz.post('/api/plans', { year: 2030, unitCode: '140581' });
    expect(outside.status).toBe(404);
    expect(outside.body).toEqual((await zz.post('/api/plans', { year: 2030, unitCode: '149999' })).body);
    // The city sees its county's draft; a county inspector has no plan module.
    const jc = await as('jc.planner');
    expect((await jc.get(`/api/plans/${draft.body.id}`)).status).toBe(200);
    expect((await (await as('gp.inspector')).get('/api/plans')).status).toBe(403);
    // Only a never-published draft can be deleted.
    expect((await gp.request('DELETE', `/api/plans/${published.id}`)).status).toBe(409);
    expect((await gp.request('DELETE', `/api/plans/${draft.body.id}`)).status).toBe(200);
    expect((await gp.get(`/api/plans/${draft.body.id}`)).status).toBe(404);
  });

  it('suggests the 名录分库 of a task from its 抽查对象范围, to the plan’s own units only, and warns of a contradicting link', async () => {
    const gp = await as('gp.planner');
    const created = await upload(gp, 'seed002.tsv', seed('seed002.tsv'), 'year=2031');
    const id = created.body.id;
    const tasks = (await gp.get(`/api/plans/${id}`)).body.tasks;
    const bySeq = (seq: number) => tasks.find((t: any) => t.seq === seq);
    const suggestionsOf = (client: ApiClient, code: string, query = '') =>
      client.get(`/api/plans/${id}/tasks/${code}/sub-library-suggestions${query}`);

    const special = await suggestionsOf(gp, bySeq(13).code);
    expect(special.status).toBe(200);
    expect(special.body).toMatchObject({ population: '特种设备使用单位', current: null });
    expect(special.body.suggestions[0]).toMatchObject({ name: '特种设备使用单位', strength: 'exact', unitCode: '140581' });
    const advertising = (await suggestionsOf(gp, bySeq(5).code)).body.suggestions;
    expect(advertising[0].name).toBe('广告经营者');
    expect(advertising.map((s: any) => s.name)).not.toContain('全市存续企业');
    // Nothing is linked by asking.
    expect((await gp.get(`/api/plans/${id}`)).body.tasks.every((t: any) => t.subLibrary === null)).toBe(true);

    // The library being chosen in the drawer is checked against the scope as written.
    const libraries = (await gp.get('/api/sub-libraries')).body.items as { id: string; name: string }[];
    const individuals = libraries.find((l) => l.name === '全市个体工商户')!;
    const chosen = (await suggestionsOf(gp, bySeq(1).code, `?subLibraryId=${individuals.id}`)).body;
    expect(chosen.current).toMatchObject({ name: '全市个体工商户', contradictions: ['分库只含个体工商户，而抽查对象范围是企业'] });
    // Edited text (not yet saved) is what the suggestions follow.
    const edited = (await suggestionsOf(gp, bySeq(1).code, `?population=${encodeURIComponent('全市加油站')}`)).body;
    expect(edited.suggestions[0].name).toBe('全市加油站');

    // Linked anyway: the plan checks name the task and the library.
    const first = bySeq(1);
    expect(
      (await gp.request('PUT', `/api/plans/${id}/tasks/${first.code}`, { cells: first.cells, subLibraryId: individuals.id })).status,
    ).toBe(200);
    const warnings = (await gp.get(`/api/plans/${id}/checks`)).body.warnings;
    const contradiction = warnings.find((w: any) => w.kind === 'scopeContradiction');
    expect(contradiction.taskCode).toBe(first.code);
    expect(contradiction.message).toContain('“对企业的不定向双随机抽查”');
    expect(contradiction.message).toContain('名录分库“全市个体工商户”');
    const unlinked = warnings.find((w: any) => w.kind === 'unlinkedPopulation' && w.taskCode === bySeq(13).code);
    expect(unlinked.message).toContain('建议的名录分库：“特种设备使用单位”');

    // A sibling county gets the answer a made-up plan gets; the city above gets the suggestions.
    const zz = await as('zz.planner');
    const sibling = await suggestionsOf(zz, bySeq(13).code);
    const none = await zz.get(`/api/plans/00000000-0000-4000-8000-000000000000/tasks/${bySeq(13).code}/sub-library-suggestions`);
    expect(sibling.status).toBe(404);
    expect(sibling.body).toEqual(none.body);
    expect(JSON.stringify(sibling.body)).not.toMatch(/高平|特种设备/);
    expect((await suggestionsOf(await as('jc.planner'), bySeq(13).code)).status).toBe(200);
    const missingTask = await suggestionsOf(gp, '140581-2031-999');
    expect(missingTask.status).toBe(404);
    expect(missingTask.body.message).toContain('140581-2031-999');
  });

  it('publishing with tasks that cannot be drawn needs a stated reason, kept with the version and in the audit log', async () => {
    const gp = await as('gp.planner');
    const created = await upload(gp, 'seed002.tsv', seed('seed002.tsv'), 'year=2032');
    const id = created.body.id;
    const detail = (await gp.get(`/api/plans/${id}`)).body;
    // The planner adopts the clear suggestions of a few tasks.
    for (const seq of [1, 4, 13]) {
      const task = detail.tasks.find((t: any) => t.seq === seq);
      const [best] = (await gp.get(`/api/plans/${id}/tasks/${task.code}/sub-library-suggestions`)).body.suggestions;
      expect((await gp.request('PUT', `/api/plans/${id}/tasks/${task.code}`, { cells: task.cells, subLibraryId: best.id })).status).toBe(
        200,
      );
    }
    const undrawable = (await gp.get(`/api/plans/${id}`)).body.undrawable;
    expect(undrawable.length).toBeGreaterThanOrEqual(13);
    expect(undrawable.map((t: any) => t.seq)).not.toContain(13);
    const auditRows = async () =>
      testDb.database.db
        .selectFrom('audit_log')
        .select(['action', 'summary'])
        .where('object_id', '=', id)
        .where('action', '=', 'plan.publish')
        .execute();

    for (const body of [{}, { undrawableReason: '  ' }, { undrawableReason: '待定' }]) {
      const refused = await gp.post(`/api/plans/${id}/publish`, body);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toContain(`有 ${undrawable.length} 个任务没有可抽取的对象`);
      expect(refused.body.message).toContain(`${undrawable[0].code}）未关联名录分库`);
      expect(refused.body.message).toContain('无法抽取任务的发布说明');
    }
    expect((await gp.get(`/api/plans/${id}`)).body.plan.status).toBe('draft');
    expect(await auditRows()).toEqual([]);

    const reason = '其余任务的名录分库由各业务股室核实后在调整中关联';
    expect((await gp.post(`/api/plans/${id}/publish`, { undrawableReason: `  ${reason} ` })).body).toEqual({ version: 1 });
    const published = (await gp.get(`/api/plans/${id}`)).body;
    expect(published.version).toMatchObject({ state: 'published', undrawableReason: reason });
    expect(published.version.undrawableTasks).toEqual(undrawable);
    const [row] = await auditRows();
    expect((row!.summary as any).after.undrawable).toEqual({ reason, tasks: undrawable.map((t: any) => ({ code: t.code, why: t.why })) });
    expect((await verifyAuditChain(testDb.database.db, { unitCodes: ['140581'] })).ok).toBe(true);

    // A plan whose every task can be drawn publishes without a statement, and none is kept.
    const lib = ((await gp.get('/api/sub-libraries')).body.items as any[]).find((l) => l.name === '全市存续企业');
    const one = (
      await gp.post('/api/plans', {
        year: 2033,
        title: '高平市2033年度抽查计划',
        text: '序号\t抽查任务名称\t抽查事项\t抽查对象范围\t抽查比例/数量\t抽查起止时间\t抽查检查模式\n1\t对企业的抽查\t登记事项检查\t全市存续企业\t3%\t3月—11月\t【县抽县查】',
      })
    ).body;
    const task = (await gp.get(`/api/plans/${one.id}`)).body.tasks[0];
    await gp.request('PUT', `/api/plans/${one.id}/tasks/${task.code}`, { cells: task.cells, subLibraryId: lib.id });
    expect((await gp.post(`/api/plans/${one.id}/publish`, { undrawableReason: '不需要的说明' })).status).toBe(200);
    expect((await gp.get(`/api/plans/${one.id}`)).body.version).toMatchObject({ undrawableReason: null, undrawableTasks: [] });

    // The demo's 高平 plan was published with its statement on record.
    const demo = (await gp.get('/api/plans?year=2025')).body.items.find((p: any) => p.unitCode === '140581');
    const demoVersion = (await gp.get(`/api/plans/${demo.id}?version=1`)).body.version;
    expect(demoVersion.undrawableReason).toContain('任务10');
    expect(demoVersion.undrawableTasks.map((t: any) => t.code)).toContain('140581-2025-010');
  });

  it('refuses unreadable files with a precise message and writes nothing', async () => {
    const gp = await as('gp.planner');
    const before = await countPlans();
    const empty = await upload(gp, 'empty.tsv', '', 'year=2026');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('空的');
    const noHeader = await upload(gp, 'notes.txt', '这是一份通知\n没有表格\n', 'year=2026');
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.message).toContain('表头');
    const fake = await upload(gp, 'plan.xlsx', 'not really a zip file', 'year=2026');
    expect(fake.status).toBe(400);
    const headerOnly = await upload(gp, 'h.tsv', '序号\t抽查任务名称\t抽查事项\n', 'year=2026');
    expect(headerOnly.status).toBe(400);
    expect(headerOnly.body.message).toContain('没有任务行');
    const badYear = await upload(gp, 'seed002.tsv', seed('seed002.tsv'), 'year=20x6');
    expect(badYear.status).toBe(400);
    expect(await countPlans()).toBe(before);
  });

  it('reads a GBK-encoded table saved by Notepad on Chinese Windows', async () => {
    const gp = await as('gp.planner');
    const text =
      '序号\t抽查任务名称\t抽查事项\t抽查对象范围\t抽查比例/数量\t抽查起止时间\t抽查检查模式\n1\t对企业的抽查\t登记事项检查\t全市企业\t3%\t3月—11月\t【县抽县查】\n';
    const res = await upload(gp, 'gbk.txt', Buffer.from(encodeGbk(text)), 'year=2026&dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body.tasks[0]).toMatchObject({ name: '对企业的抽查', population: '全市企业' });
  });
  it('列对应: a mapping given with a saved import is remembered for the unit, applied next time, unseen by a sibling', async () => {
    const gp = await as('gp.planner');
    // 检查项目名目 is no header name the parser knows: the task names are in it.
    const text =
      '编号\t检查项目名目\t检查对象\t检查内容\t抽查比例（数量）\t实施时间\t联系人\n' +
      '1\t对加油站的抽查\t全市加油站\t在用计量器具检查\t抽查比例不低于5%（约20户）\t3月—10月\t张三\n';
    const dry = await upload(gp, 'other.tsv', text, 'year=2027&dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body.mapping.map((m: any) => [m.header, m.target, m.source])).toEqual([
      ['编号', 'seq', 'header'],
      ['检查项目名目', null, 'unknown'],
      ['检查对象', 'population', 'header'],
      ['检查内容', 'items', 'header'],
      ['抽查比例（数量）', 'quota', 'header'],
      ['实施时间', 'period', 'header'],
      ['联系人', null, 'unknown'],
    ]);
    expect(dry.body.missing.required).toEqual(['name']);
    expect(dry.body.tasks[0].quota).toEqual({ kind: 'ratio', basisPoints: 500, minimum: true, note: '约20户' });
    const before = await countPlans();
    const refused = await upload(gp, 'other.tsv', text, 'year=2027');
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('没有“抽查任务名称”列');
    const badMapping = await upload(gp, 'other.tsv', text, 'year=2027&columns=' + encodeURIComponent('{"检查项目名目":"名字"}'));
    expect(badMapping.status).toBe(400);
    expect(badMapping.body.message).toContain('列对应');
    expect(await countPlans()).toBe(before);

    const columns = encodeURIComponent(JSON.stringify({ '检查项目 名目': 'name', 联系人: 'ignore' }));
    const saved = await upload(gp, 'other.tsv', text, `year=2027&columns=${columns}`);
    expect(saved.status).toBe(200);
    expect(saved.body.mapping.filter((m: any) => m.source === 'chosen').map((m: any) => [m.header, m.label])).toEqual([
      ['检查项目名目', '抽查任务名称'],
      ['联系人', '忽略'],
    ]);
    const rows = await testDb.database.db
      .selectFrom('plan_column_mapping')
      .select(['unit_code', 'header_key', 'target'])
      .orderBy('header_key')
      .execute();
    expect(rows).toEqual([
      { unit_code: '140581', header_key: '检查项目名目', target: 'name' },
      { unit_code: '140581', header_key: '联系人', target: 'ignore' },
    ]);
    const audit = await testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('unit_code', '=', '140581')
      .where('action', '=', 'plan.columnMapping')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toMatchObject({ after: { 检查项目名目: '抽查任务名称', 联系人: '忽略' } });
    const task = (await gp.get(`/api/plans/${saved.body.id}`)).body.tasks[0];
    expect(task).toMatchObject({ name: '对加油站的抽查', quota: { kind: 'ratio', basisPoints: 500, minimum: true } });

    // Next time the unit's mapping applies by itself, to a file and to a pasted table.
    const again = await upload(gp, 'other.tsv', text, 'year=2027&dryRun=true');
    expect(again.body.mapping.filter((m: any) => m.source === 'remembered').map((m: any) => m.header)).toEqual(['检查项目名目', '联系人']);
    expect(again.body.missing.required).toEqual([]);
    expect(again.body.problems).toEqual([]);
    const pasted = await gp.post('/api/plans/parse', { text, year: 2027 });
    expect(pasted.status).toBe(200);
    expect(pasted.body.tasks[0].name).toBe('对加油站的抽查');

    // A sibling county's import does not see 高平's mapping.
    const zz = await as('zz.planner');
    const sibling = await upload(zz, 'other.tsv', text, 'year=2027&dryRun=true');
    expect(sibling.status).toBe(200);
    expect(sibling.body.missing.required).toEqual(['name']);
    expect(sibling.body.mapping.find((m: any) => m.header === '检查项目名目')).toMatchObject({ target: null, source: 'unknown' });
    // Nor may it read a table for 高平 (refused as a new plan for a unit outside its own is: not found).
    const outside = await zz.post('/api/plans/parse', { text, year: 2027, unitCode: '140581' });
    expect(outside.status).toBe(404);
    expect(JSON.stringify(outside.body)).not.toMatch(/高平|检查项目名目/);
    expect((await verifyAuditChain(testDb.database.db, { unitCodes: ['140581'] })).ok).toBe(true);
  });
});
