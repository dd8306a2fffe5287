// A joint task (部门联合) staffed across departments in a real browser: 原平's 房地产 task names
// 住建局; 住建局's own administrator registers its people (through the API), 原平市局 commits, draws
// and matches; the draw page shows every visit with the bureau's team and 住建局's; the bundle,
// teams included, verifies on the public page /gs/verify. (The 发起部门 drawing and the agreed
// 检查方案 are not built yet.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { loginInBrowser, startHarness, type Harness } from './support/harness.ts';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';

const DEPARTMENT = '140981-zj';

let harness: Harness;
let base: string;
const contexts: BrowserContext[] = [];
let drawId: string;
let visits: number;

async function apiAs(username: string) {
  const context = await harness.newContext();
  contexts.push(context);
  const login = await context.request.post(`${base}/api/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  return context.request;
}

beforeAll(async () => {
  harness = await startHarness();
  base = harness.server.url;
  const db = harness.server.booted.database.db;
  const user = await db.selectFrom('app_user').select('id').where('username', '=', 'yp.zj').executeTakeFirstOrThrow();
  await db.insertInto('user_role').values({ user_id: user.id, unit_code: DEPARTMENT, role: 'admin' }).execute();
  const task = await db
    .selectFrom('plan_task as t')
    .innerJoin('plan as p', (j) => j.onRef('p.unit_code', '=', 't.unit_code').onRef('p.id', '=', 't.plan_id'))
    .select('t.task_code')
    .where('p.kind', '=', 'joint')
    .where('t.unit_code', '=', '140981')
    .where('t.name', 'like', '%房地产%')
    .where('t.sub_library_id', 'is not', null)
    .executeTakeFirstOrThrow();

  const zj = await apiAs('yp.zj');
  expect((await zj.post(`${base}/api/auth/switch`, { data: { unitCode: DEPARTMENT, role: 'admin' } })).status()).toBe(200);
  for (let i = 1; i <= 4; i++) {
    const created = await zj.post(`${base}/api/inspectors`, {
      data: { name: `住建执法${i}`, unitCode: DEPARTMENT, category: 'enforcement', certNo: `140981660${i}`, certExpiresOn: '2035-12-31' },
    });
    expect(created.status()).toBe(200);
  }

  const yp = await apiAs('yp.planner');
  // The 检查方案 drafted by 原平 and agreed by 住建局 before the commit.
  const read = await yp.get(`${base}/api/tasks/${task.task_code}/joint-scheme`);
  const { period } = (await read.json()) as { period: { start: string; end: string } };
  const saved = await yp.put(`${base}/api/tasks/${task.task_code}/joint-scheme`, {
    data: {
      startOn: period.start,
      endOn: period.end,
      parts: [{ unitCode: DEPARTMENT, items: ['建筑市场行为检查'], contactName: '邢玉兰', contactPhone: '0350-3022110' }],
    },
  });
  expect(saved.status()).toBe(200);
  expect((await zj.post(`${base}/api/tasks/${task.task_code}/joint-scheme/agreement`, { data: { version: 1 } })).status()).toBe(200);
  const committed = await yp.post(`${base}/api/tasks/${task.task_code}/draws`, {
    data: { publicSource: { kind: 'dice', name: '2024-05-10 公开摇号现场骰子（e2e）' }, reason: '补录2024年度联合抽查抽取记录' },
  });
  expect(committed.status()).toBe(200);
  drawId = ((await committed.json()) as { id: string }).id;
  const drawn = await yp.post(`${base}/api/draws/${drawId}/ceremony`, { data: { value: '16180339887498948482', witnessName: '王见证' } });
  expect(drawn.status()).toBe(200);
  visits = ((await drawn.json()) as { visits: unknown[] }).visits.length;
  const matched = await yp.post(`${base}/api/draws/${drawId}/match`, { data: {} });
  expect(matched.status()).toBe(200);
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await harness?.close();
});

describe('joint draw staffed across departments', () => {
  it('the draw page shows each visit with two of 住建局’s people beside the bureau’s, and the bundle verifies on /gs/verify', async () => {
    const context = await harness.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await loginInBrowser(page, base, 'yp.planner');
    await page.goto(`${base}/console/draws/${drawId}`);
    await page.getByRole('tab', { name: /检查户次与人员/ }).click();
    const tags = page.getByTestId('visit-table').getByTestId('visit-inspectors');
    await expect.poll(async () => tags.count(), { timeout: 15_000 }).toBe(visits);
    for (const text of await tags.allInnerTexts()) {
      expect(text.match(/住建局 住建执法\d/g)?.length).toBe(2);
      expect(text.match(/（执法）|（专家）/g)?.length).toBe(4);
    }

    const bundle = await (await page.request.get(`${base}/api/draws/${drawId}/bundle`)).text();
    expect(JSON.parse(bundle).joint_departments).toEqual([DEPARTMENT]);
    await page.goto(`${base}/gs/verify`);
    await page
      .getByTestId('verify-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: 'joint.bundle.json', mimeType: 'application/json', buffer: Buffer.from(bundle, 'utf8') });
    const result = page.getByTestId('verify-result');
    await expect.poll(async () => result.innerText(), { timeout: 15_000 }).toMatch(/验证通过 VALID/);

    const edited = JSON.parse(bundle);
    edited.assignment_teams = edited.assignment_teams.filter((t: { unit: string }) => t.unit !== DEPARTMENT);
    await page
      .getByTestId('verify-upload')
      .locator('input[type=file]')
      .setInputFiles({ name: 'edited.bundle.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(edited), 'utf8') });
    await expect.poll(async () => result.innerText(), { timeout: 15_000 }).toMatch(/验证不通过/);
    expect(await result.innerText()).toContain('assignment_teams');
  });
});
