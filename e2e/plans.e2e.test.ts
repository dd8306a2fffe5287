// 年度抽查计划 in a real browser: a county imports seed 002's table and
// sees all 16 tasks parsed, publishes it (visible on the portal without login), the city sees
// the filing status of its counties, the county adjusts a task and reads the versioned diff,
// and a county task that repeats a published 市抽县查 task of the city is warned about. 列对应,
// with another bureau's .xlsx table (e2e/fixtures/qinshui-plan-2027.xlsx: a title line, then 编号,
// 检查项目名目, 检查内容, 检查对象, 抽查比例, 实施时间, 完成时限, 联系人, 备注): the unknown task-name
// header is mapped, 联系人 set to 忽略, and the unit's next import of that layout uses the mapping.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { loginInBrowser, startHarness, type Harness } from './support/harness.ts';

let harness: Harness;
let context: BrowserContext | undefined;
let base: string;

const SEED002 = fs.readFileSync(path.join(import.meta.dirname, '../src/core/plan/fixtures/seed002.tsv'), 'utf8');
const QINSHUI_XLSX = fs.readFileSync(path.join(import.meta.dirname, 'fixtures/qinshui-plan-2027.xlsx'));
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const TITLE_2026 = '高平市市场监督管理局2026年度“双随机、一公开”抽查工作计划';

beforeAll(async () => {
  harness = await startHarness();
  base = harness.server.url;
}, 120_000);

afterAll(async () => {
  await context?.close();
  await harness?.close();
});

async function pageAs(username: string | null, url: string): Promise<Page> {
  await context?.close();
  context = await harness.newContext({ viewport: { width: 1500, height: 950 } });
  const page = await context.newPage();
  if (username) await loginInBrowser(page, base, username);
  await page.goto(`${base}${url}`);
  return page;
}

async function confirmPopover(page: Page) {
  await page.locator('.ant-popover:not(.ant-popover-hidden) .ant-popconfirm-buttons .ant-btn-primary').click();
}

/** Plan pages reload live counts and checks after each action: give them time. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 200 });

const taskRow = (page: Page, code: string) => page.getByTestId('plan-tasks').locator(`tr[data-row-key="${code}"]`);

describe('年度抽查计划', () => {
  let planId = '';

  it('a county imports seed 002 from a file, sees all 16 tasks parsed, and publishes it to the portal', async () => {
    const page = await pageAs('gp.planner', '/console/plans?year=2026');
    await page.getByTestId('plans-new').click();
    await page.getByTestId('new-plan-title').fill(TITLE_2026);
    await page.getByTestId('new-plan-doc-number').fill('高市市监办发〔2026〕3号');
    await page.getByTestId('new-plan-deadline').fill('2026-12-15');
    await page.getByTestId('new-plan-deadline').press('Enter');
    await page.getByRole('tab', { name: '上传文件' }).click();
    await page
      .getByTestId('new-plan-file')
      .setInputFiles({ name: 'seed002.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(SEED002, 'utf8') });
    // Dry run first: every task and every problem cell, nothing saved yet.
    await eventually(async () => page.getByTestId('plan-preview-task-count').innerText()).toBe('16');
    const problems = await page.getByTestId('plan-preview-problems').innerText();
    expect(problems).toMatch(/抽查事项/);
    expect(problems).toMatch(/信用风险/);
    await page.getByTestId('new-plan-create').click();
    await page.waitForURL(/\/console\/plans\/[0-9a-f-]{36}/);
    planId = /plans\/([0-9a-f-]{36})/.exec(page.url())![1]!;

    await taskRow(page, '140581-2026-001').waitFor();
    expect(await page.getByTestId('plan-tasks').locator('tbody tr.ant-table-row').count()).toBe(16);
    expect(await page.getByTestId('task-quota-140581-2026-001').innerText()).toBe('3%');
    expect(await page.getByTestId('task-type-140581-2026-001').innerText()).toBe('不定向');
    expect(await page.getByTestId('task-mode-140581-2026-001').innerText()).toBe('县抽县查');
    expect(await page.getByTestId('task-items-140581-2026-001').innerText()).toBe('1+2项');
    expect(await page.getByTestId('task-quota-140581-2026-002').innerText()).toBe('0.1%');
    expect(await page.getByTestId('task-type-140581-2026-004').innerText()).toBe('定向');
    expect(await taskRow(page, '140581-2026-001').innerText()).toMatch(/7月1日—11月30日/);
    // The truncated item list of task 6 is highlighted as a cell to check (orange).
    const flagged = page.getByTestId('task-problem-140581-2026-006-items');
    expect(await flagged.getAttribute('data-severity')).toBe('warning');
    expect(await page.getByTestId('plan-title').innerText()).toBe(TITLE_2026);
    expect(await page.getByTestId('plan-status').innerText()).toMatch(/草拟/);

    // No task is linked to a 名录分库 yet: the dialog lists them and asks why the plan goes out anyway.
    await page.getByTestId('plan-publish').click();
    await eventually(async () => page.getByTestId('plan-publish-undrawable').innerText()).toMatch(/有 16 个任务没有可抽取的对象/);
    await page.getByTestId('plan-publish-confirm').click();
    await eventually(async () => page.getByTestId('plan-publish-error').innerText()).toMatch(/无法抽取任务的发布说明/);
    await page.getByTestId('plan-publish-undrawable-reason').fill('名录分库由各业务股室核实后在计划调整中关联');
    await page.getByTestId('plan-publish-confirm').click();
    await eventually(async () => page.getByTestId('plan-status').innerText()).toMatch(/已发布/);
    expect(await page.getByTestId('plan-undrawable-reason').innerText()).toBe('名录分库由各业务股室核实后在计划调整中关联');
    expect(await page.getByTestId('plan-version-state').innerText()).toMatch(/第1版 · 已发布/);

    // The portal, without login.
    const portal = await pageAs(null, '/gs/plans?year=2026');
    const link = portal.getByTestId(`portal-plan-${planId}`);
    await link.waitFor();
    expect(await link.innerText()).toBe(TITLE_2026);
    expect(await portal.getByTestId('portal-plans-table').innerText()).not.toMatch(/晋城市市场监督管理局2023/);
    await link.click();
    await portal.getByTestId('portal-plan-tasks').locator('tr[data-row-key="140581-2026-016"]').waitFor();
    expect(await portal.getByTestId('portal-plan-tasks').locator('tbody tr.ant-table-row').count()).toBe(16);
    expect(await portal.getByTestId('portal-plan-history').innerText()).toMatch(/首次发布/);
  }, 120_000);

  it('the city sees its counties’ filing status: 高平 filed 2025 on time, and 2026 once filed', async () => {
    const city = await pageAs('jc.planner', '/console/plans?tab=filing&year=2025');
    await eventually(async () => city.getByTestId('filing-status-140581').innerText()).toBe('按时备案');
    expect(await city.getByTestId('filing-due-on').innerText()).toBe('2025-04-15');
    // 泽州 filed its 2025 plan after the city's deadline (the demo year); 2026 has no plan there yet.
    expect(await city.getByTestId('filing-status-140525').innerText()).toBe('逾期备案');

    await city.goto(`${base}/console/plans?tab=filing&year=2026`);
    await eventually(async () => city.getByTestId('filing-status-140581').innerText()).toBe('未备案');
    expect(await city.getByTestId('filing-status-140525').innerText()).toBe('未制定计划');
    await city.getByTestId('filing-deadline-input').fill('2026-12-31');
    await city.getByTestId('filing-deadline-input').press('Enter');
    await city.getByTestId('filing-deadline-save').click();
    await eventually(async () => city.getByTestId('filing-due-on').innerText()).toBe('2026-12-31');

    const county = await pageAs('gp.planner', `/console/plans/${planId}`);
    await county.getByTestId('plan-file').click();
    await confirmPopover(county);
    await eventually(async () => county.getByTestId('plan-status').innerText()).toMatch(/已备案/);

    const city2 = await pageAs('jc.planner', '/console/plans?tab=filing&year=2026');
    await eventually(async () => city2.getByTestId('filing-status-140581').innerText()).toBe('按时备案');
  }, 120_000);

  it('the county adjusts task 1’s 抽查比例, publishes version 2 with a reason, and reads the diff', async () => {
    const page = await pageAs('gp.planner', `/console/plans/${planId}`);
    await page.getByTestId('plan-adjust').click();
    await confirmPopover(page);
    await eventually(async () => page.getByTestId('plan-version-state').innerText()).toMatch(/第2版 · 草稿/);
    expect(await page.getByTestId('plan-status').innerText()).toMatch(/调整中/);

    await page.getByTestId('task-edit-140581-2026-001').click();
    const quota = page.getByTestId('task-cell-quota');
    expect(await quota.inputValue()).toBe('3%; 1次/年');
    // The drawer says what the task's items matched on 高平's claimed list: 登记事项检查 is a category.
    await eventually(async () => page.getByTestId('task-item-matches').innerText()).toMatch(/登记事项检查：按抽查类别对应 SX-DJ-01/);
    await quota.fill('5%; 1次/年');
    // The 名录分库 suggested from 抽查对象范围 “全市范围内存续的企业”, adopted with one click.
    await eventually(async () => page.getByTestId('task-sub-library-suggestions').innerText()).toMatch(/全市存续企业/);
    await page.locator('[data-testid^="task-sub-library-adopt-"]').first().click();
    await eventually(async () => page.getByTestId('task-sub-library').innerText()).toMatch(/全市存续企业/);
    await page.getByTestId('task-save').click();
    await eventually(async () => page.getByTestId('task-quota-140581-2026-001').innerText()).toBe('5%');

    // An adjustment without a reason is refused with the server's message.
    await page.getByTestId('plan-publish').click();
    await page.getByTestId('plan-publish-confirm').click();
    await eventually(async () => page.getByTestId('plan-publish-error').innerText()).toMatch(/调整原因/);
    await page.getByTestId('plan-publish-reason').fill('根据省局部署，提高企业不定向抽查比例');
    await eventually(async () => page.getByTestId('plan-publish-undrawable').innerText()).toMatch(/有 15 个任务/);
    await page.getByTestId('plan-publish-undrawable-reason').fill('其余任务的名录分库仍在核实');
    await page.getByTestId('plan-publish-confirm').click();
    await eventually(async () => page.getByTestId('plan-version-state').innerText()).toMatch(/第2版 · 已发布/);
    expect(await page.getByTestId('plan-status').innerText()).toMatch(/第2版待重新备案/);

    await page.getByRole('tab', { name: '版本对比' }).click();
    const diff = page.getByTestId('diff-task-140581-2026-001');
    await diff.waitFor();
    const text = await diff.innerText();
    expect(text).toMatch(/抽查比例\/数量/);
    expect(text).toMatch(/3%; 1次\/年/);
    expect(text).toMatch(/5%; 1次\/年/);
    expect(await page.getByTestId('diff-summary').innerText()).toMatch(/修改 1 个，未变 15 个/);

    // Version 1 stays readable as it was.
    await page.getByRole('tab', { name: /^任务/ }).click();
    await page.getByTestId('plan-version').click();
    await page.locator('.ant-select-item-option', { hasText: '第1版（已替代' }).click();
    await eventually(async () => page.getByTestId('plan-version-state').innerText()).toMatch(/第1版 · 已替代/);
    expect(await page.getByTestId('task-quota-140581-2026-001').innerText()).toBe('3%');

    // The portal shows the reason in the 调整记录.
    const portal = await pageAs(null, `/gs/plans/${planId}`);
    await eventually(async () => portal.getByTestId('portal-plan-history').innerText()).toMatch(/提高企业不定向抽查比例/);
  }, 120_000);

  it('warns a county plan that repeats a published 市抽县查 task of the city', async () => {
    const city = await pageAs('jc.planner', '/console/plans?year=2027');
    const table = [
      '序号\t抽查任务名称\t抽查类型\t抽查事项\t抽查对象范围\t抽查比例/数量\t信用风险分类管理\t抽查起止时间\t抽查检查模式',
      '1\t对企业登记事项的双随机抽查\t不定向\t1.登记事项检查\t全市范围内存续的企业\t3%; 1次/年\t对低风险、一般风险、较高风险、高风险企业分别递加比例抽查\t3月—11月\t【市抽县查】晋城市市场监管局发起，各县（市、区）局实施检查',
    ].join('\n');
    const created = await city.request.post(`${base}/api/plans`, { data: { year: 2027, title: '晋城市2027年度抽查计划', text: table } });
    expect(created.status()).toBe(200);
    const cityPlanId = ((await created.json()) as { id: string }).id;
    expect(
      (
        await city.request.post(`${base}/api/plans/${cityPlanId}/publish`, {
          data: { undrawableReason: '名录分库待各县局确认后关联，先发布计划' },
        })
      ).status(),
    ).toBe(200);

    // The county pastes its table and previews it before importing.
    const county = await pageAs('gp.planner', '/console/plans?year=2027');
    await county.getByTestId('plans-new').click();
    await county.getByTestId('new-plan-text').fill(SEED002);
    await county.getByTestId('new-plan-parse').click();
    await eventually(async () => county.getByTestId('plan-preview-task-count').innerText()).toBe('16');
    await county.getByTestId('new-plan-create').click();
    await county.waitForURL(/\/console\/plans\/[0-9a-f-]{36}/);
    await county.getByRole('tab', { name: /检查提示/ }).click();
    const warning = county.getByTestId('plan-check-duplicateUpper').filter({ hasText: '140581-2027-001' });
    await warning.waitFor({ timeout: 20_000 });
    const text = await warning.innerText();
    expect(text).toMatch(/与上级任务重复/);
    expect(text).toMatch(/140581-2027-001/);
    expect(text).toMatch(/晋城市2027年度抽查计划/);
    expect(text).toMatch(/登记事项检查/);

    // The county sees the city's 市抽县查 task among its tasks: it inspects, it does not draw.
    await county.goto(`${base}/console/tasks?year=2027`);
    await eventually(async () => county.getByTestId('task-relation-140500-2027-001').innerText()).toBe('上级部署');
    expect(await county.getByTestId('task-can-draw-140500-2027-001').innerText()).toBe('否');
    expect(await county.getByTestId('task-inspects-140500-2027-001').innerText()).toBe('是');
  }, 120_000);
});

/** 新建计划 for 2027 by 高平's planner, with the .xlsx file chosen (the preview follows). */
async function newPlanFromXlsx(): Promise<Page> {
  const page = await pageAs('gp.planner', '/console/plans?year=2027');
  await page.getByTestId('plans-new').click();
  await page.getByRole('tab', { name: '上传文件' }).click();
  await page.getByTestId('new-plan-file').setInputFiles({ name: '沁水县2027年抽查计划.xlsx', mimeType: XLSX_TYPE, buffer: QINSHUI_XLSX });
  return page;
}

/** Sets a header's 读作 to the field labelled `label` (or 忽略). */
async function mapColumn(page: Page, header: string, label: string) {
  await page.getByTestId(`plan-column-${header}`).click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.waitFor();
  // The option list is virtual (only the ones in view exist): go down it by key to the option.
  for (let i = 0; i < 40 && (await dropdown.locator(`.ant-select-item-option-active[title="${label}"]`).count()) === 0; i++)
    await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

describe('列对应 of another bureau’s .xlsx table', () => {
  it('an unknown task-name header is mapped, 联系人 ignored, and the mapping is used again at the next import', async () => {
    const page = await newPlanFromXlsx();
    const mapping = page.getByTestId('plan-column-mapping');
    // 检查项目名目 is not a known header: no task name, the file cannot be imported yet.
    await eventually(async () => page.getByTestId('plan-column-missing').innerText()).toMatch(/抽查任务名称/);
    expect(await mapping.innerText()).toMatch(/检查项目名目\s*未识别：请选择\s*未识别/);
    expect(await page.getByTestId('new-plan-create').isDisabled()).toBe(true);

    await mapColumn(page, '检查项目名目', '抽查任务名称');
    await eventually(async () => page.getByTestId('plan-preview-task-count').innerText()).toBe('3');
    await mapColumn(page, '联系人', '忽略');
    await eventually(async () => mapping.innerText()).toMatch(/联系人\s*忽略\s*本次指定/);
    expect(await mapping.innerText()).toMatch(/检查项目名目\s*抽查任务名称\s*本次指定/);
    expect(await mapping.innerText()).toMatch(/完成时限\s*完成时限\s*按列名识别/);
    expect(await page.getByTestId('plan-column-missing').count()).toBe(0);

    await page.getByTestId('new-plan-title').fill('高平市2027年度部门联合抽查计划（沁水县格式）');
    await page.getByTestId('new-plan-create').click();
    await page.waitForURL(/\/console\/plans\/[0-9a-f-]{36}/);
    const tasks = page.getByTestId('plan-tasks');
    // The task codes continue the unit's numbering of the year (an earlier test may hold 2027 plans).
    await eventually(async () => tasks.locator('tbody tr.ant-table-row').count()).toBe(3);
    expect(await tasks.innerText()).toMatch(/对加油站的抽查[\s\S]*对药品零售企业的抽查[\s\S]*对电梯维保单位的抽查/);
    expect(await tasks.innerText()).not.toMatch(/张明/);

    // The next import of the same layout: the unit's mapping applies by itself.
    const again = await newPlanFromXlsx();
    await eventually(async () => again.getByTestId('plan-preview-task-count').innerText()).toBe('3');
    const remembered = await again.getByTestId('plan-column-mapping').innerText();
    expect(remembered).toMatch(/检查项目名目\s*抽查任务名称\s*已记住的对应/);
    expect(remembered).toMatch(/联系人\s*忽略\s*已记住的对应/);
    expect(await again.getByTestId('plan-column-missing').count()).toBe(0);
  }, 180_000);
});
