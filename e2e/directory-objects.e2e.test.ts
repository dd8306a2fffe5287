// 其他检查对象（产品/项目/行为）in a real browser: the 信用监管股 registers a product,
// finds it in the list with its system code, and filters the list by kind; a file with a bad row
// is refused with its rows listed, a good one is checked first and then imported.
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

const rows = () => page.locator('[data-testid="object-table"] tbody tr.ant-table-row');
/** Some rows, and every one of this kind (the first cell after the expand button). */
const onlyKind = (texts: string[], kind: string) => texts.length > 0 && texts.every((t) => t.trim().startsWith(kind));

describe('other inspection objects (产品/项目/行为)', () => {
  it('creates a product, lists it with its system code, and filters by kind', async () => {
    await page.goto(`${base}/console/directories?tab=objects`);
    await page.getByRole('tab', { name: '其他检查对象' }).waitFor();
    await rows().first().waitFor();

    // A mistyped 统一社会信用代码 (last character changed) is refused with the reason; nothing is created.
    const uscc = await page.evaluate(async () => {
      const response = await fetch('/api/entities?pageSize=1');
      return ((await response.json()) as { items: Array<{ uscc: string }> }).items[0]!.uscc;
    });
    const wrong = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    await page.getByTestId('object-create').click();
    const form = page.getByTestId('object-form');
    await form.waitFor();
    await page.getByTestId('object-form-name').fill('浏览器测试钢丝绳批次');
    await page.getByTestId('object-form-uscc').fill(wrong);
    await page.getByTestId('object-form-submit').click();
    await expect.poll(async () => page.locator('.ant-message').innerText()).toMatch(/关联主体统一社会信用代码有误/);

    await page.getByTestId('object-form-uscc').fill('');
    await page.getByTestId('object-form-submit').click();
    await expect.poll(async () => page.locator('.ant-message').innerText()).toMatch(/已登记，对象编码 CP-140581-\d{4}-\d{6}/);
    const code = /CP-140581-\d{4}-\d{6}/.exec(await page.locator('.ant-message').innerText())![0];

    await page.getByTestId('object-search').locator('input').fill('浏览器测试钢丝绳');
    await page.getByTestId('object-search').locator('input').press('Enter');
    await expect.poll(async () => rows().count()).toBe(1);
    const created = await rows().first().innerText();
    expect(created).toContain('产品');
    expect(created).toContain(code);
    expect(created).toContain('有效');
    await page.getByTestId('object-search').locator('input').fill('');
    await page.getByTestId('object-search').locator('input').press('Enter');

    // Filter by kind: every row is a 行为; the new product is not among them.
    await chooseOption(page, page.getByTestId('object-kind'), '行为');
    await expect.poll(async () => onlyKind(await rows().allInnerTexts(), '行为')).toBe(true);
    expect((await rows().allInnerTexts()).some((t) => t.includes('浏览器测试钢丝绳'))).toBe(false);
    await chooseOption(page, page.getByTestId('object-kind'), '产品');
    await expect.poll(async () => onlyKind(await rows().allInnerTexts(), '产品')).toBe(true);
    const total = await page.evaluate(async () => {
      const response = await fetch('/api/directory-objects?kind=product&pageSize=1');
      return ((await response.json()) as { total: number }).total;
    });
    await expect.poll(async () => page.locator('.ant-pagination-total-text').innerText()).toBe(`共 ${total} 条`);
  });

  it('refuses an import file with its bad rows listed, checks a good one first, then imports it', async () => {
    await page.goto(`${base}/console/directories?tab=objects`);
    await rows().first().waitFor();
    const header = '对象类别,对象编码,名称,关联主体统一社会信用代码,管辖单位,所属区划,行业代码,标签,状态\n';
    const good = '项目,,浏览器导入燃气管道工程,,,,4852,压力管道,\n行为,,浏览器导入直播营销,,,,,网络交易,\n';
    const choose = (body: string) =>
      page.getByTestId('object-import-file').setInputFiles({ name: '对象.csv', mimeType: 'text/csv', buffer: Buffer.from(body, 'utf8') });

    await choose(header + good + '设备,,某设备,,,,,,\n');
    await expect.poll(async () => page.getByTestId('object-import-error').innerText()).toMatch(/未导入任何数据/);
    const refused = await page.locator('.ant-modal .ant-table-row').allInnerTexts();
    expect(refused.some((t) => t.includes('4') && t.includes('对象类别'))).toBe(true);
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();

    await choose(header + good);
    await page.getByTestId('object-import-apply').waitFor();
    expect(await page.locator('.ant-modal .ant-alert').innerText()).toContain('检查通过，共 2 行：新增 2 个，更新 0 个，0 个无变化。');
    await page.getByTestId('object-import-apply').click();
    await expect.poll(async () => page.locator('.ant-message').innerText()).toMatch(/导入完成，共 2 行：新增 2 个/);
    await page.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    await page.getByTestId('object-search').locator('input').fill('浏览器导入');
    await page.getByTestId('object-search').locator('input').press('Enter');
    await expect.poll(async () => rows().count()).toBe(2);
  });
});
