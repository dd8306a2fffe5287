// A bureau's real year, from an empty installation, in a real browser and only through the UI:
// the server starts with reference data, the org tree and one administrator (no demo data);
// the administrator changes the starting password, creates a planner and a 业务科室 reviewer,
// imports two inspectors into the 执法检查人员名录库 and opens their logins; the planner imports
// market entities (.xlsx), defines a 名录分库, imports the year's plan (.xlsx in the seed layout),
// links the task to the 名录分库 and publishes; then commits and runs the draw and matches the
// two inspectors; publishing the sample is refused while visits are open; both inspectors, on
// phone-sized pages, enter and confirm the results; the reviewer publishes them; the anonymous
// portal finds them by name and by code; now the draw's sample can be published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import ExcelJS from '../src/server/files/exceljs.ts';
import { makeUscc } from '../src/core/uscc/index.ts';
import { loginInBrowser, startHarness, type Harness } from './support/harness.ts';
import { chooseOption, textOrDialogs } from './support/antd.ts';

const TODAY = '2026-06-15';
const ADMIN = { username: 'gp.root', displayName: '牛海涛', unitCode: '140581', password: 'Start-Admin-2026' };
const COUNTY = '高平市市场监督管理局';
const MISHAN = '高平市市场监督管理局米山市场监管所';
const TASK = '140581-2026-001';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

const code = (n: number) => makeUscc({ authority: '9', type: '1', division: '140581', orgCode8: `YR${String(n).padStart(6, '0')}` });
const ENTITIES = Array.from({ length: 8 }, (_, i) => ({ uscc: code(i + 1), name: `高平市年度旅程${'甲乙丙丁戊己庚辛'[i]}商贸有限公司` }));

let harness: Harness;
let base: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  harness = await startHarness({ firstAdministrator: ADMIN, today: TODAY });
  base = harness.server.url;
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await harness?.close();
});

async function newPage(viewport = DESKTOP): Promise<Page> {
  const context = await harness.newContext({ viewport });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Logs in with the password an administrator chose and replaces it, as the user must. */
async function firstLogin(page: Page, username: string, starting: string, own: string): Promise<void> {
  await loginInBrowser(page, base, username, starting);
  await expect.poll(() => page.getByTestId('forced-password-change').isVisible(), { timeout: 30_000 }).toBe(true);
  await page.getByTestId('current-password').fill(starting);
  await page.getByTestId('new-password').fill(own);
  await page.getByTestId('confirm-password').fill(own);
  const changed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/password');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /确认修改/ })
    .click();
  expect((await changed).status()).toBe(204);
  await expect.poll(() => page.getByTestId('forced-password-change').isVisible()).toBe(false);
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 200 });

describe("a bureau's real year, from an empty database", () => {
  const password = { planner: 'Planner-Own.2026', staff: 'Reviewer-Own.2026', inspector: 'Inspector-Own.2026' };
  const inspectors = [
    { name: '焦年度', username: 'gp.jiao', certNo: '14058120260001' },
    { name: '毕年度', username: 'gp.bi', certNo: '14058120260002' },
  ];
  let drawUrl = '';
  let sample: string[] = [];

  it('the administrator changes the starting password, creates the planner and the reviewer, imports two inspectors and opens their logins', async () => {
    const page = await newPage();
    await firstLogin(page, ADMIN.username, ADMIN.password, 'Admin-Own.2026x');

    // Nothing but the org tree: no market entities, no inspectors.
    await page.goto(`${base}/console/admin?tab=users`);
    await page.getByTestId('user-table').waitFor();
    for (const user of [
      { username: 'gp.plan', name: '申年度', home: '高平市市场监督管理局信用监管股', role: '信用监管科/股' },
      { username: 'gp.review', name: '冯年度', home: COUNTY, role: '业务科室' },
    ]) {
      await page.getByTestId('create-user').click();
      const dialog = page.getByRole('dialog');
      await page.getByTestId('new-username').fill(user.username);
      await page.getByTestId('new-display-name').fill(user.name);
      await chooseOption(page, page.getByTestId('new-home-unit'), user.home, { search: true });
      await page.getByTestId('new-password').fill('Start-Pass-2026');
      await chooseOption(page, dialog.locator('.ant-select').nth(1), COUNTY, { search: true });
      await chooseOption(page, dialog.locator('.ant-select').nth(2), user.role);
      const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/users');
      await dialog.getByRole('button', { name: /保\s*存/ }).click();
      const response = await created;
      expect(response.status(), await response.text()).toBe(200);
      await expect.poll(() => dialog.isVisible()).toBe(false);
      await eventually(() => page.getByTestId('user-table').innerText()).toContain(user.username);
    }

    // The 执法检查人员名录库: two inspectors of 米山所 from a file (checked first, then applied).
    await page.goto(`${base}/console/directories?tab=inspectors`);
    await page.getByTestId('inspector-table').waitFor();
    const file = await xlsx([
      ['姓名', '单位', '类别', '执法证号', '执法证有效期', '业务专长'],
      ...inspectors.map((p) => [p.name, MISHAN, '执法人员', p.certNo, '2029-12-31', '登记事项']),
    ]);
    await page.getByTestId('inspector-import-file').setInputFiles({ name: '执法检查人员.xlsx', mimeType: XLSX_TYPE, buffer: file });
    const apply = page.getByTestId('inspector-import-apply');
    await apply.waitFor();
    expect(await page.getByRole('dialog').innerText()).toMatch(/将新增 2 人/);
    await apply.click();
    await eventually(() => page.getByTestId('inspector-table').innerText()).toContain(inspectors[1]!.name);

    // Their logins, linked to them: 为执法检查人员开通账号.
    await page.goto(`${base}/console/admin?tab=users`);
    await page.getByTestId('inspector-accounts-open').click();
    const select = page.getByTestId('inspector-accounts-select');
    for (const [index, person] of inspectors.entries()) {
      await select.click();
      await select.locator('input').fill(person.name);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: person.name }).first().click();
      await page.getByTestId(`inspector-account-username-${index}`).fill(person.username);
    }
    await page.getByTestId('inspector-accounts-password').fill('Start-Insp-2026');
    const opened = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/users/inspector-accounts',
    );
    await page.getByTestId('inspector-accounts-save').click();
    const response = await opened;
    expect(response.status(), await response.text()).toBe(200);
    for (const person of inspectors) {
      await eventually(() => page.locator('.ant-table-row', { hasText: person.username }).innerText()).toContain(person.name);
    }
  });

  it('the planner imports the market entities and defines a 名录分库', async () => {
    const page = await newPage();
    await firstLogin(page, 'gp.plan', 'Start-Pass-2026', password.planner);
    await page.goto(`${base}/console/directories`);
    await page.getByTestId('entity-import-open').click();
    const file = await xlsx([
      ['统一社会信用代码', '企业名称', '登记状态', '成立日期', '管辖单位'],
      ...ENTITIES.map((e) => [e.uscc, e.name, '存续', '2020-03-01', '140581-mishan']),
    ]);
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: '高平名录.xlsx', mimeType: XLSX_TYPE, buffer: file });
    await page.getByTestId('entity-import-start').click();
    await eventually(() => textOrDialogs(page, 'summary-inserted')).toBe(String(ENTITIES.length));
    await page.keyboard.press('Escape');

    await page.goto(`${base}/console/directories?tab=subLibraries`);
    await page.getByTestId('sub-library-new').click();
    await page.getByTestId('sub-library-name').fill('米山所存续企业');
    const statuses = page.getByTestId('rule-reg-statuses');
    await statuses.click();
    await page.locator('.ant-select-item-option[title="存续"]').click();
    await page.keyboard.press('Escape');
    await eventually(async () => (await page.getByTestId('rule-preview-count').innerText()).replace(/\D/g, '')).toBe(
      String(ENTITIES.length),
    );
    await page.getByTestId('sub-library-save').click();
    await page.getByTestId('sub-library-table').locator('tr', { hasText: '米山所存续企业' }).waitFor();
  });

  it('the planner imports the year’s plan from an .xlsx table, links the task to the 名录分库 and publishes it', async () => {
    const page = await newPage();
    await loginInBrowser(page, base, 'gp.plan', password.planner);
    await page.goto(`${base}/console/plans?year=2026`);
    await page.getByTestId('plans-new').click();
    await page.getByTestId('new-plan-title').fill('高平市市场监督管理局2026年度“双随机、一公开”抽查工作计划');
    await page.getByRole('tab', { name: '上传文件' }).click();
    const table = await xlsx([
      ['序号', '抽查任务名称', '抽查类型', '抽查事项', '抽查对象范围', '抽查比例/数量', '信用风险分类管理', '抽查起止时间', '抽查检查模式'],
      [
        1,
        '对米山所辖区企业登记事项的双随机抽查',
        '不定向',
        '1.登记事项检查',
        '米山所辖区存续的企业',
        '3户; 1次/年',
        '根据企业信用风险分类结果，对低风险、一般风险、较高风险、高风险企业分别递加比例抽查。',
        '3月—11月',
        '【县抽县查】 高平市市场监管局发起并实施检查',
      ],
    ]);
    await page.getByTestId('new-plan-file').setInputFiles({ name: '2026年度抽查计划.xlsx', mimeType: XLSX_TYPE, buffer: table });
    await eventually(() => page.getByTestId('plan-preview-task-count').innerText()).toBe('1');
    await page.getByTestId('new-plan-create').click();
    await page.waitForURL(/\/console\/plans\/[0-9a-f-]{36}/);

    await page.getByTestId(`task-edit-${TASK}`).click();
    await chooseOption(page, page.getByTestId('task-sub-library'), `米山所存续企业（${COUNTY}，${ENTITIES.length} 户）`, { search: true });
    await page.getByTestId('task-save').click();
    await eventually(() => page.getByTestId('task-drawer').isVisible()).toBe(false);

    await page.getByTestId('plan-publish').click();
    await page.getByTestId('plan-publish-confirm').click();
    await eventually(() => page.getByTestId('plan-status').innerText()).toMatch(/已发布/);
  });

  it('the planner commits and runs the draw and matches the two inspectors; the sample cannot be published yet', async () => {
    const page = await newPage();
    await loginInBrowser(page, base, 'gp.plan', password.planner);
    await page.goto(`${base}/console/tasks/${TASK}`);
    await page.getByTestId('preview-counts').waitFor();
    expect(Number((await page.getByTestId('preview-eligible').innerText()).replace(/,/g, ''))).toBe(ENTITIES.length);
    await page.getByTestId('commit-source-name').fill('2026-06-15 公开摇号现场骰子（纪检监察员见证）');
    await page.getByTestId('commit-submit').click();
    const confirmation = page.getByTestId('commit-confirm');
    await confirmation.waitFor();
    expect(await confirmation.innerText()).toContain('共抽取 3 户');
    await page.getByTestId('commit-confirm-ok').click();
    await page.getByTestId('commit-result').waitFor();
    await page.getByTestId('commit-open-draw').click();
    await page.waitForURL(/\/console\/draws\/[0-9a-f-]{36}$/);
    drawUrl = page.url();

    await page.getByTestId('draw-enter-ceremony').click();
    await page.waitForURL(/\/ceremony$/);
    await page.getByTestId('ceremony-value').fill('31415 92653 58979 32384 6');
    await page.getByTestId('ceremony-witness').fill('王见证');
    await page.getByTestId('ceremony-start').click();
    const result = page.getByTestId('ceremony-result');
    await result.waitFor({ timeout: 30_000 });
    sample = await result
      .locator('[data-testid^="ceremony-sample-"] td')
      .filter({ hasText: /^[0-9A-Z]{18}$/ })
      .allInnerTexts();
    expect(sample.length).toBe(3);
    await page.getByTestId('ceremony-done').click();
    await page.waitForURL(drawUrl);

    await page.getByTestId('draw-match').click();
    const matched = page.waitForResponse((r) => r.request().method() === 'POST' && /\/match$/.test(new URL(r.url()).pathname));
    await page.getByTestId('match-ok').click();
    expect((await matched).status()).toBe(200);
    await page.getByRole('tab', { name: /检查户次与人员/ }).click();
    const visits = page.getByTestId('visit-table');
    await eventually(() => visits.getByTestId('visit-inspectors').count()).toBe(3);
    for (const text of await visits.getByTestId('visit-inspectors').allInnerTexts()) {
      expect(text).toContain(inspectors[0]!.name);
      expect(text).toContain(inspectors[1]!.name);
    }

    // Publishing the sample before the visits are done is refused, and the page says why.
    const publish = page.getByTestId('draw-publish');
    expect(await publish.isDisabled()).toBe(true);
    await publish.hover({ force: true });
    await eventually(() => page.locator('.ant-tooltip:visible').innerText()).toMatch(/检查户 3 户中已提交检查结果 0 户/);
  });

  it('both inspectors, on phones, enter and confirm the results; the reviewer publishes them', async () => {
    expect(sample).toHaveLength(3);
    const [first, second] = await Promise.all(inspectors.map(() => newPage(PHONE)));
    const phones = [first!, second!];
    for (const [i, person] of inspectors.entries()) {
      await firstLogin(phones[i]!, person.username, 'Start-Insp-2026', password.inspector);
    }
    const drawId = drawUrl.split('/').pop()!;
    for (const uscc of sample) {
      // The first inspector enters the result and confirms it.
      const phone = phones[0]!;
      await phone.goto(`${base}/console/results?tab=mine`);
      await phone.getByTestId(`visit-card-${uscc}`).waitFor({ timeout: 30_000 });
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await phone.getByTestId(`visit-open-${uscc}`).click();
      await phone.waitForURL(new RegExp(`/console/visits/${drawId}/${uscc}$`));
      await phone.getByTestId('visit-form').waitFor();
      await phone.getByTestId('visit-checked-on').fill(TODAY);
      await phone.getByTestId('visit-checked-on').press('Enter');
      const item = phone.getByTestId('visit-item-0');
      await item.getByText('实地核查', { exact: true }).click();
      await item.getByText('未发现问题', { exact: true }).click();
      await phone.getByTestId('visit-save').click();
      await eventually(() => phone.getByTestId('visit-status').getAttribute('data-status')).toBe('draft');
      await phone.getByTestId('visit-confirm').click();
      await eventually(() => phone.getByTestId('visit-confirm').innerText()).toContain('本人已确认');

      // The second confirms on their own phone, then submits.
      const other = phones[1]!;
      await other.goto(`${base}/console/results?tab=mine`);
      await other.getByTestId(`visit-open-${uscc}`).click();
      await other.waitForURL(new RegExp(`/console/visits/${drawId}/${uscc}$`));
      await other.getByTestId('visit-confirm').click();
      await eventually(() => other.getByTestId('visit-confirm').innerText()).toContain('本人已确认');
      await other.getByTestId('visit-submit').click();
      await eventually(() => other.getByTestId('visit-status').getAttribute('data-status')).toBe('pendingReview');
    }

    const staff = await newPage();
    await firstLogin(staff, 'gp.review', 'Start-Pass-2026', password.staff);
    await staff.goto(`${base}/console/results?year=2026`);
    const review = staff.getByTestId('review-table');
    for (const uscc of sample) {
      await eventually(() => review.innerText()).toContain(uscc);
      await staff.getByTestId(`result-publish-${uscc}`).click();
      const publishing = staff.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/results\/[^/]+\/publish$/.test(r.url()));
      await staff.getByTestId('result-publish-ok').click();
      const published = await publishing;
      expect(published.status(), await published.text()).toBe(200);
      await eventually(() => review.innerText()).not.toContain(uscc);
    }
  }, 400_000);

  it('the portal finds the results by name and by code; the draw’s sample can now be published', async () => {
    const visitor = await newPage();
    const search = async (q: string) => {
      await visitor.goto(`${base}/gs/results`);
      await visitor.getByTestId('portal-results-search').locator('input').fill(q);
      await visitor.getByTestId('portal-results-search').locator('input').press('Enter');
    };
    expect(sample).toHaveLength(3);
    const uscc = sample[0]!;
    const name = ENTITIES.find((e) => e.uscc === uscc)!.name;
    const table = visitor.getByTestId('portal-results-table');
    await search(uscc);
    await eventually(() => table.innerText()).toContain(name);
    expect(await table.innerText()).toContain(TASK);
    expect(await table.innerText()).toContain('未发现问题');
    await search(name);
    await eventually(() => table.innerText()).toContain(uscc);
    await visitor.getByTestId(`portal-entity-${uscc}`).click();
    await visitor.waitForURL(new RegExp(`/gs/entities/${uscc}$`));
    await eventually(() => visitor.getByTestId('portal-entity-table').innerText()).toContain(TASK);

    const page = await newPage();
    await loginInBrowser(page, base, 'gp.plan', password.planner);
    await page.goto(drawUrl);
    await page.getByTestId('draw-publish').click();
    await page.getByTestId('publish-confirm').waitFor();
    expect(await page.getByTestId('publish-confirm').innerText()).toContain('全部 3 户已提交检查结果');
    await page.getByTestId('publish-confirm-ok').click();
    await eventually(() => page.getByTestId('draw-publish').innerText()).toMatch(/已公开/);
  });
});
