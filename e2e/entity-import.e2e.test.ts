// Browser journey of the 检查对象名录库 import: a planner imports a file
// with errors, sees them, downloads the error report, then imports the valid rows and sees the
// directory count grow.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../src/server/files/exceljs.ts';
import type { Page } from 'playwright-core';
import { loginInBrowser, startHarness, type Harness } from './support/harness.ts';
import { makeUscc } from '../src/core/uscc/index.ts';

let harness: Harness;
let dir: string;

beforeAll(async () => {
  harness = await startHarness();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-e2e-import-'));
});

afterAll(async () => {
  await harness?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const code = (n: number) => makeUscc({ authority: '9', type: '1', division: '140581', orgCode8: `E2E${String(n).padStart(5, '0')}` });

async function totalEntities(page: Page): Promise<number> {
  const text = await page.getByTestId('page-directories').locator('.ant-pagination-total-text').first().innerText();
  return Number(/共 (\d+) 条/.exec(text)?.[1] ?? NaN);
}

describe('entity import', () => {
  it('shows the errors of a file, offers the report, then imports the valid rows', async () => {
    const file = path.join(dir, '高平名录.csv');
    fs.writeFileSync(
      file,
      [
        '统一社会信用代码,企业名称,登记状态,成立日期,管辖单位,许可资质',
        `${code(1)},浏览器测试甲公司,存续,2020-01-01,140581-mishan,食品经营许可`,
        `${code(2)},浏览器测试乙公司,存续,2021-05-06,140581-mishan,`,
        `12345,代码残缺的公司,存续,2020-01-01,140581-mishan,`,
        `${code(3)},日期错误的公司,存续,2021-02-30,140581-mishan,`,
      ].join('\n'),
    );
    const context = await harness.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await loginInBrowser(page, harness.server.url, 'gp.planner');
    await page.goto(`${harness.server.url}/console/directories`);
    await expect.poll(() => totalEntities(page), { timeout: 15_000 }).toBeGreaterThan(0);
    const before = await totalEntities(page);

    await page.getByTestId('entity-import-open').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(file);
    await page.getByTestId('entity-import-start').click();
    await page.getByTestId('entity-import-result').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('entity-import-failed').innerText()).toMatch(/2 行错误.*未导入任何数据/);
    expect(await page.getByTestId('summary-errors').innerText()).toBe('2');
    const issues = await page.getByTestId('entity-import-issues').innerText();
    expect(issues).toMatch(/统一社会信用代码[\s\S]*12345[\s\S]*18位/);
    expect(issues).toMatch(/成立日期[\s\S]*2021-02-30[\s\S]*不是有效日期/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('entity-import-report').click()]);
    expect(download.suggestedFilename()).toBe('高平名录-错误报告.xlsx');
    const saved = path.join(dir, 'report.xlsx');
    await download.saveAs(saved);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(saved);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['行号', '列', '值', '原因', '级别']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 4)).toEqual([4, '统一社会信用代码', '12345']);
    expect((sheet.getRow(3).values as unknown[]).slice(1, 4)).toEqual([5, '成立日期', '2021-02-30']);

    await page.getByTestId('entity-import-valid-only').click();
    await expect
      .poll(
        async () =>
          page
            .getByTestId('summary-inserted')
            .innerText()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toBe('2');
    expect(await page.getByTestId('entity-import-result').innerText()).toMatch(/导入完成/);
    await page.keyboard.press('Escape');
    await page.reload();
    await expect.poll(() => totalEntities(page), { timeout: 15_000 }).toBe(before + 2);
    await context.close();
  });
});
