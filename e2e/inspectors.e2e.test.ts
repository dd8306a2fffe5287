// 执法检查人员名录库 in a real browser: an inspector with an expired
// certificate is marked not drawable; a 回避 declaration is recorded and shows in the drawer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginInBrowser, startHarness, type Harness } from './support/harness.ts';
import { chooseOption } from './support/antd.ts';

let harness: Harness;
let page: Page;
let base: string;

beforeAll(async () => {
  harness = await startHarness();
  base = harness.server.url;
  const context = await harness.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  await loginInBrowser(page, base, 'gp.planner');
});

afterAll(async () => {
  await harness?.close();
});

describe('inspector directory', () => {
  it('marks an inspector with an expired certificate as not drawable, in the list and in the drawer', async () => {
    await page.goto(`${base}/console/directories?tab=inspectors`);
    await page.getByTestId('inspector-table').waitFor();
    await chooseOption(page, page.getByTestId('inspector-drawable'), '不可抽取');
    const expiredRow = page.locator('[data-testid="inspector-table"] tbody tr', { hasText: '执法证已过期' }).first();
    await expiredRow.waitFor();
    const marker = expiredRow.getByTestId('drawable-marker');
    const text = await marker.innerText();
    expect(text).toMatch(/^不可抽取：执法证已过期（\d{4}-\d{2}-\d{2}）$/);
    // Red, so it stands out.
    expect(await marker.getAttribute('class')).toMatch(/ant-tag-red|ant-tag-color-red/);
    await expiredRow.click();
    const drawer = page.getByTestId('inspector-drawer');
    await expect.poll(async () => drawer.getByTestId('drawable-marker').innerText()).toBe(text);
    await drawer.locator('.ant-drawer-close').click();
  });

  it('records a 回避 declaration through the form and shows it in the drawer', async () => {
    const uscc = await page.evaluate(async () => {
      const response = await fetch('/api/entities?pageSize=1');
      return ((await response.json()) as { items: Array<{ uscc: string }> }).items[0]!.uscc;
    });
    await page.goto(`${base}/console/directories?tab=inspectors`);
    await chooseOption(page, page.getByTestId('inspector-drawable'), '可抽取');
    const row = page.locator('[data-testid="inspector-table"] tbody tr.ant-table-row').first();
    await row.waitFor();
    await row.click();
    const drawer = page.getByTestId('inspector-drawer');
    await drawer.getByTestId('recusal-form').waitFor();

    // A mistyped code is refused with the reason, and nothing is recorded.
    const before = await drawer.getByTestId('recusal-item').count();
    const wrong = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    await drawer.getByTestId('recusal-uscc').fill(wrong);
    await drawer.getByTestId('recusal-reason').fill('配偶在该企业任法定代表人');
    await drawer.getByTestId('recusal-submit').click();
    await expect.poll(async () => drawer.getByTestId('recusal-error').innerText()).toMatch(/校验/);
    expect(await drawer.getByTestId('recusal-item').count()).toBe(before);

    await drawer.getByTestId('recusal-uscc').fill(uscc);
    await drawer.getByTestId('recusal-submit').click();
    await expect.poll(async () => drawer.getByTestId('recusal-item').count()).toBe(before + 1);
    const item = drawer.getByTestId('recusal-item').filter({ hasText: '配偶在该企业任法定代表人' });
    const itemText = await item.innerText();
    expect(itemText).toContain(uscc);
    expect(itemText).toContain('特定市场主体');
    expect(itemText).toContain('配偶在该企业任法定代表人');
    expect(itemText).toMatch(/登记人/);
  });
});
