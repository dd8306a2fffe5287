// 随机抽查事项清单 in a real browser: a city imports and issues its list, a county claims
// items of it, the city issues a changed second version, and the county sees and resolves
// the claims that now need review ("claiming items of a new list version").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { loginInBrowser, startHarness, type Harness } from './support/harness.ts';

let harness: Harness;
let context: BrowserContext | undefined;
let base: string;

beforeAll(async () => {
  harness = await startHarness();
  base = harness.server.url;
}, 120_000);

afterAll(async () => {
  await context?.close();
  await harness?.close();
});

async function pageAs(username: string): Promise<Page> {
  await context?.close();
  context = await harness.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  await loginInBrowser(page, base, username);
  await page.goto(`${base}/console/directories?tab=items`);
  return page;
}

const HEADER = '序号,事项编码,抽查类别,抽查事项,检查依据,检查对象,检查方式,检查主体,事项类别,抽查指引';
const V1 = [
  HEADER,
  '1,JC-1,价格行为检查,明码标价行为的检查,《价格法》第十三条,经营者,现场检查,县级以上市场监管部门,一般检查事项,核对价签与结算价格是否一致',
  '2,JC-2,价格行为检查,停车场收费行为的检查,《价格法》第十四条,停车场经营者,现场检查,县级以上市场监管部门,重点检查事项,核查收费公示牌',
  '3,JC-3,价格行为检查,景区门票价格的检查,《价格法》第十三条,景区,书面检查,县级以上市场监管部门,一般检查事项,调取门票价格批复',
].join('\n');
const V2 = [
  HEADER,
  '1,JC-1,价格行为检查,明码标价行为的检查,《价格法》第十三条,经营者,现场检查、网络检查,县级以上市场监管部门,一般检查事项,核对价签与结算价格是否一致',
  '3,JC-3,价格行为检查,景区门票价格的检查,《价格法》第十三条,景区,书面检查,县级以上市场监管部门,一般检查事项,调取门票价格批复',
  '4,JC-4,价格行为检查,殡葬服务收费的检查,《价格法》第十四条,殡葬服务单位,书面检查,县级以上市场监管部门,一般检查事项,核查收费项目',
].join('\n');

async function importAndIssue(page: Page, title: string, csv: string, fileName: string) {
  await page.getByTestId('check-items-import').click();
  await page.getByTestId('check-items-import-title').fill(title);
  await page
    .getByTestId('check-items-import-file')
    .setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByTestId('check-items-import-checked').waitFor();
  await page.getByTestId('check-items-import-apply').click();
  await expect.poll(async () => page.getByTestId('check-items-status').innerText()).toBe('草稿');
  await page.getByTestId('check-items-issue').click();
  await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
  await expect.poll(async () => page.getByTestId('check-items-status').innerText()).toBe('已发布');
}

async function chooseVersion(page: Page, title: string) {
  await page.getByTestId('check-items-version').click();
  await page.locator('.ant-select-item-option', { hasText: title }).click();
  await expect.poll(async () => page.getByTestId('check-items-summary').innerText()).toMatch(/晋城市/);
}

describe('随机抽查事项清单', () => {
  it('a county claims items of the city list, and reviews its claims after the second version', async () => {
    const city = await pageAs('jc.planner');
    await importAndIssue(city, '晋城市随机抽查事项清单（第一版）', V1, '晋城市清单第一版.csv');

    const county = await pageAs('gp.planner');
    await chooseVersion(county, '晋城市随机抽查事项清单（第一版）');
    const table = county.getByTestId('check-items-table');
    await table.locator('tr[data-row-key="JC-1"]').waitFor();
    for (const code of ['JC-1', 'JC-2']) await table.locator(`tr[data-row-key="${code}"] .ant-checkbox-input`).check();
    await county.getByTestId('check-items-office').fill('价格监督检查股');
    await county.getByTestId('check-items-claim').click();
    await expect.poll(async () => table.locator('tr[data-row-key="JC-1"]').innerText()).toMatch(/已认领/);
    expect(await table.locator('tr[data-row-key="JC-2"]').innerText()).toMatch(/已认领/);
    expect(await table.locator('tr[data-row-key="JC-3"]').innerText()).toMatch(/未认领/);
    // The item drawer shows the 抽查指引.
    await county.getByTestId('check-item-open-JC-1').click();
    await expect.poll(async () => county.getByTestId('check-item-guide').innerText()).toMatch(/核对价签/);

    const city2 = await pageAs('jc.planner');
    await importAndIssue(city2, '晋城市随机抽查事项清单（第二版）', V2, '晋城市清单第二版.csv');
    await city2.getByTestId('check-items-diff-open').click();
    await expect.poll(async () => city2.getByTestId('check-items-diff-summary').innerText()).toMatch(/新增 1 项，删除 1 项，变更 1 项/);

    const county2 = await pageAs('gp.planner');
    await county2.getByTestId('check-items-review-alert').waitFor();
    await county2.getByTestId('check-items-view').getByText('待复核认领').click();
    const review = county2.getByTestId('check-items-review');
    await expect.poll(async () => review.innerText()).toMatch(/新版修改了：检查方式/);
    expect(await review.innerText()).toMatch(/新版已删除该事项/);
    // A removed item can only be dropped; a changed one can be kept against the new version.
    expect(await county2.getByTestId('review-keep-JC-2').count()).toBe(0);
    await county2.getByTestId('review-keep-JC-1').click();
    await expect.poll(async () => county2.getByTestId('review-keep-JC-1').count()).toBe(0);
    await county2.getByTestId('review-drop-JC-2').click();
    await expect.poll(async () => county2.getByTestId('review-drop-JC-2').count()).toBe(0);

    await county2.getByTestId('check-items-view').getByText('事项', { exact: true }).click();
    await chooseVersion(county2, '晋城市随机抽查事项清单（第二版）');
    const table2 = county2.getByTestId('check-items-table');
    await expect.poll(async () => table2.locator('tr[data-row-key="JC-1"]').innerText()).toMatch(/已认领/);
    expect(await table2.locator('tr[data-row-key="JC-4"]').innerText()).toMatch(/未认领/);
  }, 120_000);
});
