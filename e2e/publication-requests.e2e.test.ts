// 停止公示（信用修复）申请 in a real browser:
// a. an anonymous visitor opens a business's page on the portal, goes to 申请停止公示 beside a
//    result, is told in Chinese that a mistyped 统一社会信用代码 is wrong, then applies with the
//    right code, the result ticked, applicant, phone, reason and a PDF scan, and gets a 回执编号;
// b. 查询申请进度 with that number shows 已提交;
// c. gp.staff opens 检查结果 → 停止公示申请, 受理s it and 同意s it with a reason;
// d. the portal no longer finds the result, and the progress page shows 已同意 with the reason.
// The publication period is passed by a fixed clock (SSJ_TODAY through fixToday).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { loginInBrowser, startHarness, type Harness } from './support/harness.ts';
import { fixToday } from '../src/server/clock.ts';

let harness: Harness;
let base: string;
const contexts: BrowserContext[] = [];
let target: { id: string; uscc: string; taskCode: string };
let receipt = '';

beforeAll(async () => {
  harness = await startHarness();
  base = harness.server.url;
  fixToday('2099-01-05');
  const row = await harness.server.booted.database.db
    .selectFrom('visit_result')
    .select(['id', 'uscc', 'task_code'])
    .where('unit_code', 'like', '140581%')
    .where('published_on', 'is not', null)
    .where('stopped_on', 'is', null)
    .executeTakeFirstOrThrow();
  target = { id: row.id, uscc: row.uscc, taskCode: row.task_code };
});

afterAll(async () => {
  fixToday(null);
  for (const c of contexts) await c.close();
  await harness?.close();
});

async function newPage(): Promise<Page> {
  const context = await harness.newContext({ viewport: { width: 1400, height: 1000 } });
  contexts.push(context);
  return context.newPage();
}

describe('停止公示申请: the business on the portal, the office in the console', () => {
  it('a business applies from its result page and gets a 回执编号', async () => {
    const page = await newPage();
    await page.goto(`${base}/gs/entities/${target.uscc}`);
    await page.getByTestId(`portal-stop-apply-${target.taskCode}`).click();
    await page.waitForURL(/\/gs\/stop-apply/);
    await page.getByTestId('stop-results').waitFor();
    await expect.poll(() => page.getByTestId(`stop-pick-${target.taskCode}`).isChecked()).toBe(true);

    // A mistyped code: refused in Chinese, before anything is sent.
    const code = page.getByTestId('stop-uscc').locator('input');
    const wrong = `${target.uscc.slice(0, 17)}${target.uscc.endsWith('0') ? '1' : '0'}`;
    await code.fill(wrong);
    await code.press('Enter');
    await expect.poll(() => page.getByTestId('stop-uscc-error').innerText()).toMatch(/校验|第\s*18\s*位|有误|不对/);
    await code.fill(target.uscc);
    await code.press('Enter');
    await page.getByTestId('stop-results').waitFor();
    if (!(await page.getByTestId(`stop-pick-${target.taskCode}`).isChecked())) await page.getByTestId(`stop-pick-${target.taskCode}`).click();

    await page.getByTestId('stop-applicant').fill('张经理');
    await page.getByTestId('stop-phone').fill('13912345678');
    await page.getByTestId('stop-reason').fill('已按要求整改完毕，申请信用修复');
    await page.locator('input[type=file]').setInputFiles({
      name: '授权书.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n'),
    });
    await page.getByTestId('stop-submit').click();
    const shown = page.getByTestId('stop-receipt');
    await shown.waitFor({ timeout: 15_000 });
    receipt = (await shown.innerText()).trim();
    expect(receipt).toMatch(/^SQ[A-Z2-9]{8}-[A-Z2-9]{16}$/);

    await page.getByTestId('stop-apply-to-status').click();
    await page.getByTestId('stop-status-receipt').locator('input').fill(receipt);
    await page.getByTestId('stop-status-receipt').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('stop-status-tag').first().innerText()).toBe('已提交');

    // A wrong number says so in Chinese and shows nothing else.
    await page.getByTestId('stop-status-receipt').locator('input').fill('SQABCDEFGH-ABCDEFGHJKLMNPQR');
    await page.getByTestId('stop-status-receipt').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('api-error').innerText()).toContain('没有找到与该回执编号对应的申请');
    expect(await page.getByTestId('stop-status-answer').count()).toBe(0);
  });

  it('the office takes it up and approves it; the result leaves the portal at once', async () => {
    const staff = await newPage();
    await loginInBrowser(staff, base, 'gp.staff');
    await staff.goto(`${base}/console/results?tab=requests`);
    await staff.getByTestId(`pubreq-take-up-${target.uscc}`).click();
    await expect.poll(() => staff.getByTestId(`pubreq-status-${target.uscc}`).innerText(), { timeout: 15_000 }).toBe('审核中');
    await staff.getByTestId(`pubreq-approve-${target.uscc}`).click();
    await staff.getByTestId('pubreq-reason').fill('公示期满且已整改，同意停止公示');
    await staff.getByTestId('pubreq-reason-ok').click();
    // The open queue empties; 全部 shows it 已同意.
    await expect.poll(() => staff.getByTestId('pubreq-table').innerText(), { timeout: 15_000 }).toContain('没有待审核的停止公示申请');

    const anonymous = await newPage();
    await anonymous.goto(`${base}/gs/results?q=${target.uscc}`);
    await anonymous.getByTestId('portal-results-table').waitFor();
    await expect.poll(() => anonymous.getByTestId('portal-results-table').innerText(), { timeout: 15_000 }).toContain('没有与');

    await anonymous.goto(`${base}/gs/stop-status`);
    await anonymous.getByTestId('stop-status-receipt').locator('input').fill(receipt);
    await anonymous.getByTestId('stop-status-receipt').locator('input').press('Enter');
    await expect.poll(() => anonymous.getByTestId('stop-status-tag').first().innerText()).toBe('已同意');
    expect(await anonymous.getByTestId('stop-status-table').innerText()).toContain('公示期满且已整改，同意停止公示');
  });
});
