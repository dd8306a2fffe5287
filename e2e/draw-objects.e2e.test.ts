// Drawing what is not a market entity, and by a 专业领域 classification, in a real browser as
// gp.planner: a task over a 名录分库 of 产品 is committed and drawn on its pages, its visits show
// the product's name, kind and code, and its bundle verifies on /gs/verify; a product visit's
// result is entered on its visit page by gp.staff, published in the console and found on the
// anonymous portal by the product's own code, named by its kind and code; a person with a 辖区
// (本人网格) recusal is never sent to a project inside it and the draw page says why; a task whose
// 信用风险分类管理 names 食品生产经营风险分级 shows that classification before the commit and its bundle
// verifies with the classification named; a task whose 风险分类依据 is chosen in the task drawer
// (特种设备风险分级) counts and draws by that classification, not the general 信用风险分类.
// Fixtures are made through the API in the test.
import { describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { chooseOption } from './support/antd.ts';
import { commitAndDraw } from './support/ceremony.ts';
import { uploadToVerifier } from './support/verifier.ts';
import { harnessPerFile, loginInBrowser, type Harness } from './support/harness.ts';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';

const HEADER = '序号\t抽查任务名称\t抽查事项\t抽查对象范围\t抽查比例/数量\t信用风险分类管理\t抽查起止时间\t抽查检查模式';
const SOURCE_NAME = '2026-05-20 公开摇号现场骰子（纪检监察员见证）';

let base: string;
let harness: Harness;
const newPage = harnessPerFile((started) => {
  harness = started;
  base = started.server.url;
});

/** Makes the demo account gp.inspector the given directory person, signed in as them. */
async function inspectorApi(inspectorId: string) {
  const db = harness.server.booted.database.db;
  const user = await db.selectFrom('app_user').select('id').where('username', '=', 'gp.inspector').executeTakeFirstOrThrow();
  await db.updateTable('inspector').set({ user_id: null }).where('user_id', '=', user.id).execute();
  await db.updateTable('inspector').set({ user_id: user.id }).where('id', '=', inspectorId).execute();
  const request = (await newPage()).context().request;
  expect((await request.post(`${base}/api/auth/login`, { data: { username: 'gp.inspector', password: DEMO_PASSWORD } })).status()).toBe(
    200,
  );
  return request;
}

/**
 * A drawn product's result: matched through the API, entered on the visit page by gp.staff,
 * confirmed by the people sent (API, as themselves), submitted and published in the console.
 */
async function publishProductResult(drawId: string, code: string) {
  const planner = (await newPage()).context().request;
  await planner.post(`${base}/api/auth/login`, { data: { username: 'gp.planner', password: DEMO_PASSWORD } });
  const matched = await api(planner, 'POST', `/api/draws/${drawId}/match`, {});
  const people = (matched.assignment as { id: string; inspectors: string[] }[]).find((a) => a.id === code)!.inspectors;

  const staff = await newPage();
  await loginInBrowser(staff, base, 'gp.staff');
  await staff.goto(`${base}/console/visits/${drawId}/${encodeURIComponent(code)}`);
  await staff.getByTestId('visit-form').waitFor({ timeout: 15_000 });
  const visit = await api(staff.context().request, 'GET', `/api/visits/${drawId}/${encodeURIComponent(code)}`);
  const card = await staff.locator('.ant-card').first().innerText();
  expect(card).toContain(visit.object.name);
  expect(card).toContain('产品对象编码');
  await staff.getByTestId('visit-checked-on').fill(visit.window.start);
  await staff.getByTestId('visit-checked-on').press('Enter');
  for (const [index] of (visit.items as string[]).entries()) {
    const item = staff.getByTestId(`visit-item-${index}`);
    await item.getByText('实地核查', { exact: true }).click();
    await item.getByText('未发现问题', { exact: true }).click();
  }
  await staff.getByTestId('visit-save').click();
  await expect.poll(async () => staff.getByTestId('visit-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('draft');
  const resultId = (await api(staff.context().request, 'GET', `/api/visits/${drawId}/${encodeURIComponent(code)}`)).result.id as string;
  for (const person of people) await api(await inspectorApi(matched.inspectors[person].id), 'POST', `/api/results/${resultId}/confirm`, {});
  await api(staff.context().request, 'POST', `/api/results/${resultId}/submit`, {});

  await staff.goto(`${base}/console/results?year=2026`);
  const review = staff.getByTestId('review-table');
  await expect.poll(async () => review.innerText(), { timeout: 15_000 }).toContain(`产品 · 对象编码 ${code}`);
  await staff.getByTestId(`result-publish-${code}`).click();
  const publishing = staff.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/results\/[^/]+\/publish$/.test(r.url()));
  await staff.getByTestId('result-publish-ok').click();
  const published = await publishing;
  expect(published.status(), await published.text()).toBe(200);
  return visit.object.name as string;
}

async function api(request: APIRequestContext, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const response = await request.fetch(`${base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', origin: base },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  expect(response.status(), JSON.stringify(json)).toBe(200);
  return json;
}

/** A published 高平 plan of one task over the sub-library; returns the task's code. */
async function publishedTask(request: APIRequestContext, year: number, title: string, row: string, subLibraryId: string) {
  const plan = await api(request, 'POST', '/api/plans', { year, title, text: [HEADER, row].join('\n') });
  const [task] = (await api(request, 'GET', `/api/plans/${plan.id}`)).tasks;
  await api(request, 'PUT', `/api/plans/${plan.id}/tasks/${task.code}`, { cells: task.cells, subLibraryId });
  await api(request, 'POST', `/api/plans/${plan.id}/publish`, {});
  return task.code as string;
}

/** Opens the task's page, commits, draws on the ceremony page and returns to the draw page; returns the draw's id. */
async function drawTask(page: Page, taskCode: string) {
  await page.goto(`${base}/console/tasks/${taskCode}`);
  await page.getByTestId('preview-counts').waitFor();
  return commitAndDraw(page, SOURCE_NAME);
}

/**
 * Objects of one kind registered in 高平 under one tag, a 名录分库 of that tag, and a published
 * plan of one task (`row`) over it; returns the task's code.
 */
async function objectTask(
  request: APIRequestContext,
  objects: { kind: string; codes: string[]; name: (i: number) => string; tag: string },
  plan: { title: string; row: string },
) {
  for (const [i, code] of objects.codes.entries()) {
    await api(request, 'POST', '/api/directory-objects', {
      kind: objects.kind,
      code,
      name: objects.name(i + 1),
      regionCode: '140581',
      tags: [objects.tag],
    });
  }
  const lib = await api(request, 'POST', '/api/sub-libraries', {
    name: objects.tag,
    rule: { objectKind: objects.kind, tags: { anyOf: [objects.tag] } },
  });
  return publishedTask(request, 2026, plan.title, plan.row, lib.id);
}

/** The rows of a per-class table (PlannedTable): each class's name → its 可抽取户数 N. */
async function countsIn(page: Page, testId: string): Promise<Record<string, number>> {
  const rows = await page.getByTestId(testId).locator('tbody tr.ant-table-row').allInnerTexts();
  return Object.fromEntries(
    rows.map((r) => {
      const [name, n] = r.split('\t').map((c) => c.trim());
      return [name!, Number(n!.replace(/,/g, ''))];
    }),
  );
}

async function verifyInPortal(page: Page, bundle: unknown) {
  return uploadToVerifier(page, base, 'draw.bundle.json', JSON.stringify(bundle));
}

describe('抽取其他检查对象与专业领域分级', () => {
  it('a product task is drawn by its products’ codes; the visits name the products; the bundle is VALID on /gs/verify', async () => {
    const page = await newPage();
    await loginInBrowser(page, base, 'gp.planner');
    const request = page.context().request;
    const code = await objectTask(
      request,
      {
        kind: 'product',
        codes: Array.from({ length: 8 }, (_, i) => `XK16-E2E-${String(i + 1).padStart(5, '0')}`),
        name: (i) => `浏览器测试产品批次${i}`,
        tag: '浏览器抽取产品',
      },
      { title: '高平市2026年度产品质量专项抽查计划', row: '1\t产品质量抽查\t产品质量检查\t浏览器抽取产品\t3户\t\t1月—12月\t【县抽县查】' },
    );
    await page.goto(`${base}/console/tasks/${code}`);
    const basis = page.getByTestId('preview-basis');
    await expect.poll(async () => basis.innerText(), { timeout: 15_000 }).toContain('产品');
    expect(await basis.innerText()).toContain('按对象编码抽取');
    expect((await page.getByTestId('preview-entries').innerText()).trim()).toBe('8');

    const drawId = await drawTask(page, code);
    await page.getByRole('tab', { name: /检查户次与人员/ }).click();
    const visits = page.getByTestId('visit-table');
    await expect.poll(async () => visits.getByTestId('visit-name').count(), { timeout: 15_000 }).toBe(3);
    for (const name of await visits.getByTestId('visit-name').allInnerTexts()) expect(name).toMatch(/^浏览器测试产品批次\d$/);
    expect(await visits.innerText()).toMatch(/产品 · 对象编码 XK16-E2E-\d{5}/);

    const bundle = await api(request, 'GET', `/api/draws/${drawId}/bundle`);
    expect(bundle.sample.every((e: { id: string }) => /^XK16-E2E-/.test(e.id))).toBe(true);
    const verdict = await verifyInPortal(page, bundle);
    expect(verdict.status).toBe('VALID');
    expect(verdict.text).toContain(`${code}-1`);

    // One product's result is entered, published, and found on the anonymous portal by its own code.
    const product = bundle.sample[0].id as string;
    const name = await publishProductResult(drawId, product);
    const anonymous = await newPage();
    await anonymous.goto(`${base}/gs/results`);
    await anonymous.getByTestId('portal-results-search').locator('input').fill(product);
    await anonymous.getByTestId('portal-results-search').locator('input').press('Enter');
    const table = anonymous.getByTestId('portal-results-table');
    await expect.poll(async () => table.innerText(), { timeout: 15_000 }).toContain(`产品 · 对象编码 ${product}`);
    const row = await table.locator('tr', { hasText: product }).innerText();
    expect(row).toContain(name);
    expect(row).toContain('未发现问题');
    await anonymous.getByTestId(`portal-entity-${product}`).click();
    await anonymous.waitForURL(/\/gs\/entities\/[^?]+\?kind=product$/);
    await expect
      .poll(async () => anonymous.getByTestId('portal-entity-code').innerText(), { timeout: 15_000 })
      .toBe(`产品 · 对象编码：${product}`);
    await expect
      .poll(async () => anonymous.getByTestId('portal-entity').innerText(), { timeout: 15_000 })
      .toContain(`${name} 的抽查检查结果`);
    expect(await anonymous.getByTestId('portal-stop-apply').count()).toBe(0);
  });

  it('a task naming 食品生产经营风险分级 shows it before the commit, draws with its classes and verifies naming it', async () => {
    const page = await newPage();
    await loginInBrowser(page, base, 'gp.planner');
    const request = page.context().request;
    const entities = await api(request, 'GET', '/api/entities?pageSize=40&regStatus=存续');
    const rows = (entities.items as { uscc: string }[])
      .slice(0, 40)
      .map((e, i) => `${e.uscc},食品生产经营风险分级,${'ABCD'[i % 4]},2026-03-01,食品生产经营风险分级系统`);
    // The 专业领域风险分级 import on the 市场主体 toolbar: a bad file is refused row by row, a good one
    // is checked, then written; the drawer shows the business's classification.
    const header = '统一社会信用代码,分级类别,风险等级,评定日期,来源';
    const csv = (lines: string[]) => ({
      name: '专业分级.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}\n${lines.join('\n')}\n`, 'utf8'),
    });
    await page.goto(`${base}/console/directories?tab=entities`);
    await page.getByTestId('entity-table').locator('tbody tr.ant-table-row').first().waitFor({ timeout: 15_000 });
    const picker = page.getByTestId('classification-import-file');
    await picker.setInputFiles(csv([`${entities.items[0].uscc},未知分级,A,2026-03-01,测试`]));
    await expect.poll(async () => page.getByTestId('classification-import-error').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.locator('.ant-modal').innerText()).toContain('分级类别');
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await picker.setInputFiles(csv(rows));
    await expect.poll(async () => page.locator('.ant-modal').innerText(), { timeout: 15_000 }).toContain(`检查通过，共 ${rows.length} 行`);
    await page.getByTestId('classification-import-apply').click();
    await expect.poll(async () => page.locator('.ant-modal').innerText(), { timeout: 15_000 }).toContain(`导入完成，共 ${rows.length} 行`);
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    const first = entities.items[0] as { uscc: string };
    await page.getByTestId('entity-search').locator('input').fill(first.uscc);
    await page.getByTestId('entity-search').locator('input').press('Enter');
    await expect.poll(async () => page.getByTestId('entity-open').count(), { timeout: 15_000 }).toBe(1);
    await page.getByTestId('entity-open').click();
    const shown = page.getByTestId('entity-drawer').getByTestId('entity-classifications');
    await expect.poll(async () => (await shown.isVisible()) && shown.innerText(), { timeout: 15_000 }).toContain('食品生产经营风险分级');
    const text = await shown.innerText();
    for (const part of ['A 低风险', '2026-03-01', '食品生产经营风险分级系统']) expect(text).toContain(part);
    const libs = (await api(request, 'GET', '/api/sub-libraries')).items as { id: string; name: string }[];
    const code = await publishedTask(
      request,
      2026,
      '高平市2026年度食品经营专项抽查计划',
      '1\t食品经营专项抽查\t食品经营检查\t全市存续企业\t20户\t根据食品生产经营风险分级结果，对低风险、一般风险、较高风险、高风险企业分别递加比例抽查\t1月—12月\t【县抽县查】',
      libs.find((l) => l.name === '全市存续企业')!.id,
    );
    await page.goto(`${base}/console/tasks/${code}`);
    await expect.poll(async () => page.getByTestId('preview-classification').innerText(), { timeout: 15_000 }).toBe('食品生产经营风险分级');
    const drawId = await drawTask(page, code);
    await expect.poll(async () => page.getByTestId('draw-classification').innerText(), { timeout: 15_000 }).toBe('食品生产经营风险分级');
    const bundle = await api(request, 'GET', `/api/draws/${drawId}/bundle`);
    expect(bundle.params.groups[0].classification).toBe('食品生产经营风险分级');
    const verdict = await verifyInPortal(page, bundle);
    expect(verdict.status).toBe('VALID');
    expect(verdict.text).toContain('食品生产经营风险分级');
  });
  it('a task whose 风险分类依据 is chosen in the task drawer counts and draws by that classification', async () => {
    const page = await newPage();
    await loginInBrowser(page, base, 'gp.planner');
    const request = page.context().request;
    // Eight 高平 businesses of general class A, never visited, rated D in 特种设备风险分级.
    const db = harness.server.booted.database.db;
    const rated = await db
      .selectFrom('market_entity')
      .select('uscc')
      .where('region_code', '=', '140581')
      .where('subject_type', '=', 'enterprise')
      .where('reg_status', '=', '存续')
      .where('risk_class', '=', 'A')
      .where('uscc', 'not in', db.selectFrom('visit').select('object_id'))
      .orderBy('uscc', 'desc')
      .limit(8)
      .execute();
    expect(rated).toHaveLength(8);
    const csv = ['统一社会信用代码,分级类别,风险等级,评定日期,来源', ...rated.map((e) => `${e.uscc},特种设备风险分级,D,2026-04-01,特种设备安全监察系统`)];
    const imported = await request.post(`${base}/api/entities/risk-classifications/import`, {
      headers: { 'x-file-name': encodeURIComponent('特种设备分级.csv'), 'content-type': 'text/csv', origin: base },
      data: Buffer.from(`${csv.join('\n')}\n`, 'utf8'),
    });
    expect(imported.status(), await imported.text()).toBe(200);

    // A plan whose task's text asks for the general 信用风险分类; the planner chooses 特种设备 in the drawer.
    const libs = (await api(request, 'GET', '/api/sub-libraries')).items as { id: string; name: string }[];
    const plan = await api(request, 'POST', '/api/plans', {
      year: 2033,
      title: '高平市2033年度特种设备抽查计划',
      text: [HEADER, '1\t特种设备抽查\t特种设备检查\t全市存续企业\t10户\t根据信用风险分类结果，对低风险、一般风险、较高风险、高风险企业分别递加比例抽查\t1月—12月\t【县抽县查】'].join('\n'),
    });
    const [task] = (await api(request, 'GET', `/api/plans/${plan.id}`)).tasks;
    await api(request, 'PUT', `/api/plans/${plan.id}/tasks/${task.code}`, {
      cells: task.cells,
      subLibraryId: libs.find((l) => l.name === '全市存续企业')!.id,
    });
    await page.goto(`${base}/console/plans/${plan.id}`);
    await page.getByTestId(`task-edit-${task.code}`).click();
    await chooseOption(page, page.getByTestId('task-classification'), '特种设备风险分级（8 户已分级）');
    await page.getByTestId('task-save').click();
    await expect.poll(async () => page.getByTestId('task-drawer').isVisible(), { timeout: 15_000 }).toBe(false);
    await api(request, 'POST', `/api/plans/${plan.id}/publish`, {});

    // Before the commit: every rated business counts as D, every other one as 未分类 — none as the
    // A it holds in the general 信用风险分类.
    await page.goto(`${base}/console/tasks/${task.code}`);
    await expect.poll(async () => page.getByTestId('preview-classification').innerText(), { timeout: 15_000 }).toBe('特种设备风险分级');
    await page.getByTestId('preview-counts').locator('tbody tr.ant-table-row').first().waitFor();
    const preview = await countsIn(page, 'preview-counts');
    expect(preview).toMatchObject({ 'A 低风险': 0, 'B 一般风险': 0, 'C 较高风险': 0, 'D 高风险': 8 });
    expect(preview['未分类']).toBeGreaterThan(0);
    expect(preview['合计']).toBe(preview['未分类']! + 8);

    await commitAndDraw(page, SOURCE_NAME);
    await expect.poll(async () => page.getByTestId('draw-classification').innerText(), { timeout: 15_000 }).toBe('特种设备风险分级');
    const drawn = await countsIn(page, 'draw-planned');
    expect(drawn).toMatchObject({ 'A 低风险': 0, 'B 一般风险': 0, 'C 较高风险': 0, 'D 高风险': 8, 未分类: preview['未分类'] });
  });

  it('a person with a 辖区 recusal is never sent to a product inside it, and the draw page says why', async () => {
    const page = await newPage();
    await loginInBrowser(page, base, 'gp.planner');
    const request = page.context().request;
    const code = await objectTask(
      request,
      {
        kind: 'project',
        codes: ['GC-HB-E2E-1', 'GC-HB-E2E-2', 'GC-HB-E2E-3'],
        name: (i) => `浏览器回避测试工程${i}`,
        tag: '浏览器回避工程',
      },
      { title: '高平市2026年度工程项目专项抽查计划', row: '1\t工程项目抽查\t工程项目检查\t浏览器回避工程\t3户\t\t1月—12月\t【县抽县查】' },
    );
    const officers = (
      (await api(request, 'GET', '/api/inspectors?drawable=yes&pageSize=100')).items as { id: string; name: string; category: string }[]
    ).filter((p) => p.category === 'enforcement');
    const person = officers.at(-1)!;
    await api(request, 'POST', `/api/inspectors/${person.id}/recusals`, {
      kind: 'own_grid',
      declaredOn: '2026-01-01',
      relatedRegionCode: '140581',
      reason: '本人户籍所在地辖区',
    });
    const drawId = await drawTask(page, code);
    await api(request, 'POST', `/api/draws/${drawId}/match`, { capPerInspector: null });
    await page.reload();
    await page.getByRole('tab', { name: /检查户次与人员/ }).click();
    const visits = page.getByTestId('visit-table');
    await expect.poll(async () => visits.getByTestId('visit-recused').count(), { timeout: 15_000 }).toBe(3);
    for (const note of await visits.getByTestId('visit-recused').allInnerTexts()) {
      expect(note).toContain(`${person.name}回避（本人网格/辖区：区划 140581；本人户籍所在地辖区）`);
    }
    const sent = await visits.getByTestId('visit-inspectors').allInnerTexts();
    expect(sent).toHaveLength(3);
    for (const team of sent) expect(team).not.toContain(person.name);
  });
});
