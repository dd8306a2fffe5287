// Inspection results, publication and follow-up in a real browser:
// a. gp.inspector on a phone-sized viewport (390×844) opens 我的任务, enters a result, saves,
//    confirms (the fellow inspector confirms through the API as themselves) and submits;
// b. gp.staff publishes it in the console;
// c. the result is found on the anonymous portal by its 统一社会信用代码, and on the entity page;
// d. the 期限 tab shows the draw overdue when the 20-working-day deadline (across 国庆 2025)
//    has passed (fixed clock through SSJ_TODAY, task end 2025-09-26 → due 2025-10-30);
// e. a 移送执法办案机构 with a case number closes a ledger item in /console/followup.
// Setup through the API as gp.planner: commit, ceremony and matching for demo task 140581-2025-005.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { BrowserContext, Page } from 'playwright-core';
import { loginInBrowser, startHarness, type Harness } from './support/harness.ts';
import { chooseOption } from './support/antd.ts';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { fixToday } from '../src/server/clock.ts';

const TASK = '140581-2025-005';

let harness: Harness;
let base: string;
const contexts: BrowserContext[] = [];

interface Setup {
  drawId: string;
  drawCode: string;
  uscc: string;
  people: { id: string; name: string }[];
}
let setup: Setup;

beforeAll(async () => {
  harness = await startHarness();
  base = harness.server.url;
  // The task is drawn over the 全市存续企业 library here, so its draw has several visits and one
  // published result leaves others pending (the demo links it to the library its scope names).
  const db = harness.server.booted.database.db;
  const city = await db.selectFrom('sub_library').select('id').where('name', '=', '全市存续企业').executeTakeFirstOrThrow();
  await db.updateTable('plan_task').set({ sub_library_id: city.id }).where('task_code', '=', TASK).execute();
  const api = await apiAs('gp.planner');
  const committed = await api.post(`${base}/api/tasks/${TASK}/draws`, {
    data: { publicSource: { kind: 'dice', name: '2025-05-06 公开摇号现场骰子（e2e）' }, reason: '补录2025年度抽取记录' }, // the task period has ended
  });
  expect(committed.status()).toBe(200);
  const draw = (await committed.json()) as { id: string; drawCode: string };
  const drawn = await api.post(`${base}/api/draws/${draw.id}/ceremony`, { data: { value: '27182818284590452353', witnessName: '王见证' } });
  expect(drawn.status()).toBe(200);
  const matched = await api.post(`${base}/api/draws/${draw.id}/match`, { data: {} });
  expect(matched.status()).toBe(200);
  const body = (await matched.json()) as {
    assignment: { id: string; inspectors: string[] }[];
    inspectors: Record<string, { id: string; name: string }>;
  };
  const visit = body.assignment.find((a) => a.inspectors.length >= 2)!;
  setup = { drawId: draw.id, drawCode: draw.drawCode, uscc: visit.id, people: visit.inspectors.map((c) => body.inspectors[c]!) };
});

afterAll(async () => {
  fixToday(null);
  for (const c of contexts) await c.close();
  await harness?.close();
});

async function newPage(viewport = { width: 1400, height: 1000 }): Promise<Page> {
  const context = await harness.newContext({ viewport, acceptDownloads: true });
  contexts.push(context);
  return context.newPage();
}

/** An API client (a browser context's request) signed in as the user. */
async function apiAs(username: string) {
  const context = await harness.newContext();
  contexts.push(context);
  const login = await context.request.post(`${base}/api/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  return context.request;
}

/** Makes the demo account gp.inspector the given directory person (as results.db.test.ts does). */
async function linkInspectorAccount(inspectorId: string) {
  const db = harness.server.booted.database.db;
  const user = await db.selectFrom('app_user').select('id').where('username', '=', 'gp.inspector').executeTakeFirstOrThrow();
  await db.updateTable('inspector').set({ user_id: null }).where('user_id', '=', user.id).execute();
  await db.updateTable('inspector').set({ user_id: user.id }).where('id', '=', inspectorId).execute();
}

describe('检查结果录入、公示与后续处置, end to end', () => {
  it('a–c: an inspector enters a result on a phone; staff publish it; the portal finds it by its code', async () => {
    const { drawId, uscc, people } = setup;
    const [first, second] = people;
    await linkInspectorAccount(first!.id);

    // a. The phone: 我的任务 → the visit.
    const phone = await newPage({ width: 390, height: 844 });
    await loginInBrowser(phone, base, 'gp.inspector');
    await phone.goto(`${base}/console/results`);
    const card = phone.getByTestId(`visit-card-${uscc}`);
    await card.waitFor({ timeout: 15_000 });
    expect(await card.innerText()).toContain(TASK);
    expect(await card.innerText()).toContain(second!.name);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.getByTestId(`visit-open-${uscc}`).click();
    await phone.waitForURL(new RegExp(`/console/visits/${drawId}/${uscc}$`));
    await phone.getByTestId('visit-form').waitFor();
    expect(await phone.getByTestId('visit-inspectors').innerText()).toContain(`${first!.name}（本人）`);
    expect(await phone.getByTestId('visit-status').getAttribute('data-status')).toBe('none');

    const visit = (await (await phone.request.get(`${base}/api/visits/${drawId}/${uscc}`)).json()) as {
      window: { start: string; end: string };
      items: string[];
    };
    // Saving with nothing chosen: the server's problems appear at their fields; nothing is stored.
    await phone.getByTestId('visit-checked-on').fill(visit.window.start);
    await phone.getByTestId('visit-checked-on').press('Enter');
    await phone.getByTestId('visit-save').click();
    await phone.getByTestId('visit-error').waitFor();
    expect(await phone.getByTestId('visit-item-0').innerText()).toContain('请至少选择');
    expect(await phone.getByTestId('visit-status').getAttribute('data-status')).toBe('none');

    for (const [index] of visit.items.entries()) {
      const item = phone.getByTestId(`visit-item-${index}`);
      await item.getByText('实地核查', { exact: true }).click();
      await item.getByText('未发现问题', { exact: true }).click();
    }
    await phone.getByTestId('visit-save').click();
    await expect.poll(async () => phone.getByTestId('visit-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('draft');
    await phone.getByTestId('visit-confirm').click();
    await expect.poll(async () => phone.getByTestId('visit-confirm').innerText(), { timeout: 15_000 }).toContain('本人已确认');
    expect(await phone.getByTestId('visit-inspectors').innerText()).toContain('✓已确认');

    // Submitting before the fellow inspector confirmed is refused with their name.
    await phone.getByTestId('visit-submit').click();
    await phone.getByTestId('visit-error').waitFor();
    expect(await phone.getByTestId('visit-error').innerText()).toContain(second!.name);

    // The fellow inspector confirms on their own phone (through the API, signed in as themselves).
    await linkInspectorAccount(second!.id);
    const fellow = await apiAs('gp.inspector');
    const resultId = ((await (await fellow.get(`${base}/api/visits/${drawId}/${uscc}`)).json()) as { result: { id: string } }).result.id;
    const confirmed = await fellow.post(`${base}/api/results/${resultId}/confirm`, { data: {} });
    expect(((await confirmed.json()) as { waitingFor: string[] }).waitingFor).toEqual([]);

    await phone.reload();
    await phone.getByTestId('visit-submit').click();
    await expect.poll(async () => phone.getByTestId('visit-status').getAttribute('data-status'), { timeout: 15_000 }).toBe('pendingReview');
    expect(await phone.getByTestId('visit-save').count()).toBe(0);

    // Not public before review.
    const anonymous = await newPage();
    await anonymous.goto(`${base}/gs/results?q=${uscc}`);
    await anonymous.getByTestId('portal-results-table').waitFor();
    await expect.poll(async () => anonymous.getByTestId('portal-results-table').innerText(), { timeout: 15_000 }).toContain('没有与');

    // b. The office reviews and publishes.
    const staff = await newPage();
    await loginInBrowser(staff, base, 'gp.staff');
    await staff.goto(`${base}/console/results?year=2025`);
    const review = staff.getByTestId('review-table');
    await expect.poll(async () => review.innerText(), { timeout: 15_000 }).toContain(uscc);
    await staff.getByTestId(`result-publish-${uscc}`).click();
    // The publish request itself, so a refusal shows its message rather than a stale table.
    const publishing = staff.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/results\/[^/]+\/publish$/.test(r.url()));
    await staff.getByTestId('result-publish-ok').click();
    const published = await publishing;
    expect(published.status(), await published.text()).toBe(200);
    await expect.poll(async () => review.innerText(), { timeout: 15_000 }).not.toContain(uscc);
    await staff.getByTestId('results-tab-all').click();
    await expect
      .poll(async () => staff.getByTestId(`result-status-${uscc}`).getAttribute('data-status'), { timeout: 15_000 })
      .toBe('published');

    // c. The anonymous portal: search by the code, then the entity page.
    await anonymous.goto(`${base}/gs/results`);
    await anonymous.getByTestId('portal-results-search').locator('input').fill(uscc);
    await anonymous.getByTestId('portal-results-search').locator('input').press('Enter');
    const table = anonymous.getByTestId('portal-results-table');
    await expect.poll(async () => table.innerText(), { timeout: 15_000 }).toContain(uscc);
    const row = await table.locator('tr', { hasText: uscc }).innerText();
    expect(row).toContain(TASK);
    expect(row).toContain(visit.window.start);
    expect(row).toContain('未发现问题');
    expect(row).not.toContain(first!.name); // inspectors are internal
    await anonymous.getByTestId(`portal-entity-${uscc}`).click();
    await anonymous.waitForURL(new RegExp(`/gs/entities/${uscc}$`));
    await expect.poll(async () => anonymous.getByTestId('portal-entity-table').innerText(), { timeout: 15_000 }).toContain(TASK);
  });

  it('e: 移送执法办案机构 needs a case number, then closes the ledger item', async () => {
    const staff = await newPage();
    await loginInBrowser(staff, base, 'gp.staff');
    // The demo's finished task 140581-2025-013 left findings in the ledger awaiting a measure.
    const open = (await (await staff.request.get(`${base}/api/followups?status=open`)).json()) as {
      items: { id: string; uscc: string; measureText: string | null }[];
    };
    const item = open.items.find((i) => i.measureText === null);
    expect(item).toBeDefined();
    const uscc = item!.uscc;
    // More open items than one page holds, placed last (no deadline, opened last): the ledger pages on the server.
    const db = harness.server.booted.database.db;
    await sql`INSERT INTO followup_item
              SELECT (jsonb_populate_record(NULL::followup_item,
                        to_jsonb(f) || jsonb_build_object('id', gen_random_uuid(), 'due_on', NULL, 'opened_on', '2099-12-31'))).*
              FROM followup_item f, generate_series(1, 25) WHERE f.id = ${item!.id}`.execute(db);
    const openList = (await (await staff.request.get(`${base}/api/followups?status=open`)).json()) as { total: number };
    expect(openList.total).toBeGreaterThan(25);

    await staff.goto(`${base}/console/followup`);
    await staff.getByTestId(`followup-open-${item!.id}`).click();
    const drawer = staff.getByTestId('followup-drawer');
    await staff.getByTestId('followup-form').waitFor();
    expect(await staff.getByTestId('followup-drawer-status').innerText()).toBe('未完结');

    const pick = (testId: string, label: string) => chooseOption(staff, staff.getByTestId(testId), label);
    const choose = (label: string) => pick('followup-action', label);
    await pick('followup-measure-kind', '移送执法办案机构');
    await staff.getByTestId('followup-receiving-body').fill('高平市市场监督管理局综合行政执法队');
    await staff.getByTestId('followup-submit').click();
    await expect
      .poll(async () => staff.getByTestId('followup-drawer-measure').innerText(), { timeout: 15_000 })
      .toContain('移送执法办案机构');

    // Closing before the case number is refused with the server's reason.
    await choose('完结');
    await staff.getByTestId('followup-submit').click();
    await expect.poll(async () => drawer.getByTestId('api-error').innerText(), { timeout: 15_000 }).toContain('案件编号');
    expect(await staff.getByTestId('followup-drawer-status').innerText()).toBe('未完结');

    await choose('案件编号');
    await staff.getByTestId('followup-case-number').fill('高市监立〔2026〕118号');
    await staff.getByTestId('followup-submit').click();
    await expect.poll(async () => drawer.innerText(), { timeout: 15_000 }).toContain('高市监立〔2026〕118号');
    await choose('完结');
    await staff.getByTestId('followup-submit').click();
    await expect.poll(async () => staff.getByTestId('followup-drawer-status').innerText(), { timeout: 15_000 }).toBe('已完结');
    await staff.getByTestId('followup-closed').waitFor();

    await staff.keyboard.press('Escape');
    // The closed item leaves the open list (the business may still have another task's open item).
    await expect.poll(async () => staff.getByTestId(`followup-open-${item!.id}`).count(), { timeout: 15_000 }).toBe(0);
    await staff.getByTestId('followup-filter').getByText('已完结').click();
    await expect
      .poll(async () => staff.getByTestId(`followup-status-${item!.id}`).getAttribute('data-status'), { timeout: 15_000 })
      .toBe('closed');
    expect(await staff.getByTestId('followup-table').innerText()).toContain(uscc);

    // The open list, second page: the total over all pages, and the items the server pages there.
    await staff.getByTestId('followup-filter').getByText('未完结').click();
    await expect
      .poll(async () => staff.getByTestId('page-followup').locator('.ant-pagination-total-text').innerText(), { timeout: 15_000 })
      .toBe(`共 ${openList.total - 1} 项`);
    await staff.getByTestId('page-followup').locator('.ant-pagination-next').click();
    const secondPage = (await (await staff.request.get(`${base}/api/followups?status=open&page=2&pageSize=20`)).json()) as {
      items: { id: string }[];
    };
    await expect.poll(async () => staff.getByTestId(`followup-open-${secondPage.items.at(-1)!.id}`).count(), { timeout: 15_000 }).toBe(1);
  });

  it('d: the 期限 tab shows the draw overdue once 20 working days across 国庆 2025 have passed', async () => {
    const db = harness.server.booted.database.db;
    await db.updateTable('plan_task').set({ period_end: '2025-09-26' }).where('task_code', '=', TASK).execute();
    // Deadlines are read from the visit rows, which carry the task period they were drawn for.
    await db.updateTable('visit').set({ period_end: '2025-09-26' }).where('task_code', '=', TASK).execute();
    const page = await newPage();
    await loginInBrowser(page, base, 'gp.staff');
    try {
      fixToday('2025-10-28');
      await page.goto(`${base}/console/results?tab=deadlines&year=2025`);
      const status = page.getByTestId(`deadline-status-${setup.drawCode}`);
      await expect.poll(async () => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('dueSoon');
      const row = page.getByTestId('deadlines-table').locator('tr', { hasText: setup.drawCode });
      expect(await row.innerText()).toContain('2025-10-30');

      fixToday('2025-10-31');
      await page.reload();
      await expect.poll(async () => status.getAttribute('data-status'), { timeout: 15_000 }).toBe('overdue');
      expect(await status.innerText()).toBe('已逾期');
      expect(await page.getByTestId(`deadline-days-${setup.drawCode}`).innerText()).toMatch(/逾期 \d+ 个工作日/);
      expect(await page.getByTestId('deadlines-summary').innerText()).toMatch(/今天 2025-10-31：逾期 [1-9]\d* 项/);
    } finally {
      fixToday(null);
    }
  });
});
