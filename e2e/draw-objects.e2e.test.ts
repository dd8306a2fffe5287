// Drawing what is not a market entity, and by a 专业领域 classification, in a real browser as
// gp.planner: a task over a 名录分库 of 产品 is committed and drawn on its pages, its visits show
// the product's name, kind and code, and its bundle verifies on /gs/verify; a task whose
// 信用风险分类管理 names 食品生产经营风险分级 shows that classification before the commit and its bundle
// verifies with the classification named. Fixtures are made through the API in the test.
import { describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { drawAtCeremony } from './support/ceremony.ts';
import { harnessPerFile, loginInBrowser } from './support/harness.ts';

const HEADER = '序号\t抽查任务名称\t抽查事项\t抽查对象范围\t抽查比例/数量\t信用风险分类管理\t抽查起止时间\t抽查检查模式';
const SOURCE_NAME = '2026-05-20 公开摇号现场骰子（纪检监察员见证）';

let base: string;
const newPage = harnessPerFile((harness) => (base = harness.server.url));

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

/** Commits on the task page, draws on the ceremony page, returns to the draw page; returns the draw's id. */
async function commitAndDraw(page: Page, taskCode: string) {
  await page.goto(`${base}/console/tasks/${taskCode}`);
  await page.getByTestId('preview-counts').waitFor();
  await page.getByTestId('commit-source-name').fill(SOURCE_NAME);
  await page.getByTestId('commit-submit').click();
  await page.getByTestId('commit-confirm-ok').click();
  await page.getByTestId('commit-result').waitFor();
  await page.getByTestId('commit-open-draw').click();
  await page.waitForURL(/\/console\/draws\/[0-9a-f-]{36}$/);
  const drawUrl = page.url();
  await page.getByTestId('draw-enter-ceremony').click();
  await page.waitForURL(/\/ceremony$/);
  await drawAtCeremony(page, drawUrl);
  return drawUrl.split('/').pop()!;
}

async function verifyInPortal(page: Page, bundle: unknown) {
  await page.goto(`${base}/gs/verify`);
  await page
    .getByTestId('verify-upload')
    .locator('input[type=file]')
    .setInputFiles({ name: 'draw.bundle.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bundle), 'utf8') });
  const result = page.getByTestId('verify-result');
  await result.waitFor({ timeout: 30_000 });
  return { status: await result.getAttribute('data-status'), text: await result.innerText() };
}

describe('抽取其他检查对象与专业领域分级', () => {
  it('a product task is drawn by its products’ codes; the visits name the products; the bundle is VALID on /gs/verify', async () => {
    const page = await newPage();
    await loginInBrowser(page, base, 'gp.planner');
    const request = page.context().request;
    for (let i = 1; i <= 8; i++) {
      await api(request, 'POST', '/api/directory-objects', {
        kind: 'product',
        code: `XK16-E2E-${String(i).padStart(5, '0')}`,
        name: `浏览器测试产品批次${i}`,
        regionCode: '140581',
        tags: ['浏览器抽取产品'],
      });
    }
    const lib = await api(request, 'POST', '/api/sub-libraries', {
      name: '浏览器抽取产品',
      rule: { objectKind: 'product', tags: { anyOf: ['浏览器抽取产品'] } },
    });
    const code = await publishedTask(
      request,
      2026,
      '高平市2026年度产品质量专项抽查计划',
      '1\t产品质量抽查\t产品质量检查\t浏览器抽取产品\t3户\t\t1月—12月\t【县抽县查】',
      lib.id,
    );
    await page.goto(`${base}/console/tasks/${code}`);
    const basis = page.getByTestId('preview-basis');
    await expect.poll(async () => basis.innerText(), { timeout: 15_000 }).toContain('产品');
    expect(await basis.innerText()).toContain('按对象编码抽取');
    expect((await page.getByTestId('preview-entries').innerText()).trim()).toBe('8');

    const drawId = await commitAndDraw(page, code);
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
  });

  it('a task naming 食品生产经营风险分级 shows it before the commit, draws with its classes and verifies naming it', async () => {
    const page = await newPage();
    await loginInBrowser(page, base, 'gp.planner');
    const request = page.context().request;
    const entities = await api(request, 'GET', '/api/entities?pageSize=40&regStatus=存续');
    const rows = (entities.items as { uscc: string }[])
      .slice(0, 40)
      .map((e, i) => `${e.uscc},食品生产经营风险分级,${'ABCD'[i % 4]},2026-03-01,食品生产经营风险分级系统`);
    const imported = await request.fetch(`${base}/api/entities/risk-classifications/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('专业分级.csv'), origin: base },
      data: Buffer.from(`统一社会信用代码,分级类别,风险等级,评定日期,来源\n${rows.join('\n')}\n`, 'utf8'),
    });
    expect(imported.status(), await imported.text()).toBe(200);
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
    const drawId = await commitAndDraw(page, code);
    const bundle = await api(request, 'GET', `/api/draws/${drawId}/bundle`);
    expect(bundle.params.groups[0].classification).toBe('食品生产经营风险分级');
    const verdict = await verifyInPortal(page, bundle);
    expect(verdict.status).toBe('VALID');
    expect(verdict.text).toContain('食品生产经营风险分级');
  });
});
