// 系统管理: an administrator creates an account in the console; the new user logs in, must
// first replace the password the administrator chose, then works; disabling it locks the user out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginInBrowser, startHarness, type Harness } from './support/harness.ts';
import { chooseOption } from './support/antd.ts';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

describe('user administration', () => {
  it('creates a user with a role, who then logs in; disabling ends access', async () => {
    const base = harness.server.url;
    const context = await harness.newContext();
    const page = await context.newPage();
    await loginInBrowser(page, base, 'gp.admin');
    await page.goto(`${base}/console/admin?tab=users`);
    await page.getByTestId('create-user').click();
    // a weak password is refused in the form
    await page.getByTestId('new-username').fill('gp.e2e.user');
    await page.getByTestId('new-display-name').fill('端到端');
    await chooseOption(page, page.getByTestId('new-home-unit'), '高平市市场监督管理局信用监管股', { search: true });
    await page.getByTestId('new-password').fill('short');
    const dialog = page.getByRole('dialog');
    await chooseOption(page, dialog.locator('.ant-select').nth(1), '高平市市场监督管理局米山市场监管所', { search: true });
    await chooseOption(page, dialog.locator('.ant-select').nth(2), '执法检查人员');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect.poll(() => dialog.innerText()).toMatch(/至少需要 10 个字符/);
    await page.getByTestId('new-password').fill('E2e-Password-2026');
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/users');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    const response = await created;
    expect(response.status(), await response.text()).toBe(200);
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.getByTestId('user-table').innerText(), { timeout: 30_000 }).toContain('gp.e2e.user');

    const other = await harness.newContext();
    const newcomer = await other.newPage();
    await loginInBrowser(newcomer, base, 'gp.e2e.user', 'E2e-Password-2026');
    // the password an administrator chose must be changed before anything else
    await expect.poll(() => newcomer.getByTestId('forced-password-change').isVisible(), { timeout: 30_000 }).toBe(true);
    await newcomer.getByTestId('current-password').fill('E2e-Password-2026');
    await newcomer.getByTestId('new-password').fill('Own-Secret.2027');
    await newcomer.getByTestId('confirm-password').fill('Own-Secret.2027');
    await newcomer
      .getByRole('dialog')
      .getByRole('button', { name: /确认修改/ })
      .click();
    await expect.poll(() => newcomer.getByTestId('current-role').innerText(), { timeout: 30_000 }).toContain('执法检查人员');

    // disable the account: the newcomer's session ends
    const row = page.locator('.ant-table-row', { hasText: 'gp.e2e.user' });
    await row.getByRole('button', { name: /停\s*用/ }).click();
    await page.getByPlaceholder(/原因/).fill('测试停用');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /停\s*用/ })
      .click();
    await expect.poll(() => row.innerText(), { timeout: 15_000 }).toContain('停用');
    const me = await newcomer.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    await other.close();
    await context.close();
  });

  it('opens an account for a person of the 执法检查人员名录库, who changes the password and sees 我的任务', async () => {
    const base = harness.server.url;
    const context = await harness.newContext();
    const page = await context.newPage();
    await loginInBrowser(page, base, 'gp.admin');
    await page.goto(`${base}/console/admin?tab=users`);
    const person = (await page.evaluate(async () => (await (await fetch('/api/users/linkable-inspectors')).json()).items[0])) as {
      name: string;
    };
    await page.getByTestId('inspector-accounts-open').click();
    const select = page.getByTestId('inspector-accounts-select');
    await select.click();
    await select.locator('input').fill(person.name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.getByTestId('inspector-account-username-0').fill('gp.e2e.insp');
    await page.getByTestId('inspector-accounts-password').fill('E2e-Insp-2026x');
    const created = page.waitForResponse(
      (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/users/inspector-accounts',
    );
    await page.getByTestId('inspector-accounts-save').click();
    const response = await created;
    expect(response.status(), await response.text()).toBe(200);
    const row = page.locator('.ant-table-row', { hasText: 'gp.e2e.insp' });
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain(person.name);

    const other = await harness.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await other.newPage();
    await loginInBrowser(phone, base, 'gp.e2e.insp', 'E2e-Insp-2026x');
    await expect.poll(() => phone.getByTestId('forced-password-change').isVisible(), { timeout: 30_000 }).toBe(true);
    await phone.getByTestId('current-password').fill('E2e-Insp-2026x');
    await phone.getByTestId('new-password').fill('Own-Insp.2027');
    await phone.getByTestId('confirm-password').fill('Own-Insp.2027');
    const changed = phone.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/password');
    await phone
      .getByRole('dialog')
      .getByRole('button', { name: /确认修改/ })
      .click();
    expect((await changed).status()).toBe(204);
    await phone.goto(`${base}/console/results?tab=mine`);
    await expect.poll(() => phone.locator('body').innerText(), { timeout: 30_000 }).toMatch(/我的任务/);
    expect(await phone.locator('body').innerText()).not.toContain('尚未关联');
    await other.close();
    await context.close();
  });
});
