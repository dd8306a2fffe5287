// User journeys of the foundation in a real browser: log in, see the menu of one's role,
// be denied a module outside it, switch unit/role, log out; the public portal without login.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { loginInBrowser, startHarness, type Harness } from './support/harness.ts';
import { menuFor, modules } from '../src/core/access/policy.ts';

let harness: Harness;
let context: BrowserContext;
let page: Page;
let base: string;

beforeAll(async () => {
  harness = await startHarness();
  base = harness.server.url;
});

afterAll(async () => {
  await harness?.close();
});

async function freshPage(width = 1280, reducedMotion: 'reduce' | 'no-preference' = 'reduce'): Promise<Page> {
  await context?.close();
  context = await harness.newContext({ viewport: { width, height: 900 }, reducedMotion });
  page = await context.newPage();
  return page;
}

async function menuLabels(p: Page): Promise<string[]> {
  const menu = p.getByTestId('main-menu');
  await menu.waitFor();
  return (await menu.locator('[role="menuitem"]').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

describe('console', () => {
  it('redirects to the login page without a session, and shows a Chinese error for a wrong password', async () => {
    const p = await freshPage();
    await p.goto(`${base}/console`);
    await p.waitForURL(/\/login/);
    await p.getByTestId('login-username').fill('gp.planner');
    await p.getByTestId('login-password').fill('wrong-password-1');
    await p.getByTestId('login-submit').click();
    await expect.poll(async () => p.locator('body').innerText()).toMatch(/用户名或密码错误/);
    expect(p.url()).toMatch(/\/login/);
  });

  it('a planner logs in and sees the modules of the role, not 系统管理', async () => {
    const p = await freshPage();
    await loginInBrowser(p, base, 'gp.planner');
    const labels = await menuLabels(p);
    for (const key of menuFor('planner')) expect(labels.join(' ')).toContain(modules[key]);
    expect(labels.join(' ')).not.toContain(modules.admin);
    await expect.poll(async () => p.getByTestId('current-user').innerText()).toMatch(/高平/);
  });

  it('the planner sees on the 工作台 the demo year’s undrawn tasks once, as a count, and opens them', async () => {
    // The demo's year (2025) is over: its undrawn tasks are one overdue item, not one row each.
    const p = await freshPage();
    await loginInBrowser(p, base, 'gp.planner');
    const group = p.getByTestId('todo-drawTask');
    await group.waitFor();
    await expect.poll(async () => group.innerText()).toMatch(/承诺并抽取[\s\S]*2025年度计划有\d+项任务未抽取，已过完成时限/);
    expect(await group.innerText()).not.toMatch(/140581-2025-\d{3}/);
    await group.locator('a[href="/console/tasks?year=2025"]').first().click();
    await p.waitForURL(/\/console\/tasks\?year=2025/);
    expect(await p.locator('body').innerText()).not.toMatch(/undefined|null|NaN/);
  });

  it('an administrator sees 系统管理 with the org tree, users and a verifiable audit log', async () => {
    const p = await freshPage();
    await loginInBrowser(p, base, 'gp.admin');
    const labels = await menuLabels(p);
    expect(labels.join(' ')).toContain('系统管理');
    await p.goto(`${base}/console/admin`);
    await expect.poll(async () => p.locator('body').innerText(), { timeout: 15_000 }).toMatch(/信用监管股/);
    await p.getByRole('tab', { name: /审计日志/ }).click();
    await p.getByRole('button', { name: /校验哈希链/ }).click();
    await expect.poll(async () => p.locator('body').innerText(), { timeout: 15_000 }).toMatch(/审计链完整/);
    // Each row reads in Chinese: the newest is this login, by name and unit, with the role by name.
    const table = p.getByTestId('audit-table');
    const first = table.locator('tbody tr.ant-table-row').first();
    await expect.poll(async () => first.innerText(), { timeout: 15_000 }).toMatch(/登录/);
    const firstText = await first.innerText();
    expect(firstText).toMatch(/牛海涛（高平市市场监督管理局）/);
    expect(firstText).toMatch(/角色：系统管理员/);
    expect(firstText).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    const tableText = await table.innerText();
    expect(tableText).not.toMatch(/user:|[{]"|user\.login|[0-9a-f]{8}-[0-9a-f]{4}-/);
    // The raw record stays one click away for auditors.
    await first.locator('.ant-table-row-expand-icon').click();
    await expect.poll(async () => table.getByTestId('audit-raw').first().innerText()).toMatch(/原始记录[\s\S]*"action": "user\.login"/);
  });

  it('an inspector is denied 系统管理 when typing its address', async () => {
    const p = await freshPage();
    await loginInBrowser(p, base, 'gp.inspector');
    const labels = await menuLabels(p);
    expect(labels.join(' ')).not.toContain('系统管理');
    expect(labels.join(' ')).not.toContain('年度计划');
    await p.goto(`${base}/console/admin`);
    await p.getByTestId('forbidden').waitFor();
    expect(await p.getByTestId('forbidden').innerText()).toMatch(/无权访问/);
  });

  it('the object directory lists the unit’s market entities from the server', async () => {
    const p = await freshPage();
    await loginInBrowser(p, base, 'gp.staff');
    await p.goto(`${base}/console/directories`);
    await expect.poll(async () => p.locator('.ant-table-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const firstRow = await p.locator('.ant-table-row').first().innerText();
    expect(firstRow).toMatch(/[0-9A-Z]{18}/);
    // 企业类型 by its name, never its 4-digit code (1130 is the demo's commonest).
    const typeCells = await p.locator('.ant-table-row td:nth-child(4)').allInnerTexts();
    expect(typeCells.join(' ')).toMatch(/有限责任公司/);
    expect(typeCells.filter((t) => /^\d{4}$/.test(t.trim()))).toEqual([]);
  });

  it('a user with two assignments switches role; the header and the server session follow', async () => {
    const p = await freshPage();
    await loginInBrowser(p, base, 'gp.multi');
    const roleBefore = await p.getByTestId('current-role').innerText();
    await p.getByTestId('unit-switcher').click();
    const options = p.locator('.ant-select-item-option');
    await options.first().waitFor();
    const count = await options.count();
    expect(count).toBeGreaterThan(1);
    // pick an option that is not the current one
    await p.locator('.ant-select-item-option:not(.ant-select-item-option-selected)').first().click();
    await expect.poll(async () => p.getByTestId('current-role').innerText(), { timeout: 15_000 }).not.toBe(roleBefore);
    const me = await p.evaluate(async () => (await fetch('/api/auth/me')).json());
    expect(await p.getByTestId('current-role').innerText()).toContain(me.active.role === 'leader' ? '领导' : '信用监管');
  });

  it('logs out and cannot come back without logging in', async () => {
    const p = await freshPage();
    await loginInBrowser(p, base, 'gp.leader');
    await p.getByTestId('logout').click();
    await p.waitForURL(/\/login/);
    await p.goto(`${base}/console`);
    await p.waitForURL(/\/login/);
  });

  it('animates dialogs only for users who have not asked their system for reduced motion', async () => {
    const classesWhileOpening = async (motion: 'reduce' | 'no-preference') => {
      const p = await freshPage(1280, motion);
      await loginInBrowser(p, base, 'gp.admin');
      await p.goto(`${base}/console/admin?tab=users`);
      await p.getByTestId('create-user').waitFor();
      // Every class the dialog's elements take on while it opens, recorded as it happens.
      await p.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seenClasses: string[] }).seenClasses = seen;
        new MutationObserver((records) => {
          for (const r of records) {
            const el = r.target instanceof Element ? r.target : null;
            if (el) seen.push(el.className.toString());
            for (const n of r.addedNodes)
              if (n instanceof Element)
                seen.push(n.className.toString(), ...[...n.querySelectorAll('*')].map((c) => c.className.toString()));
          }
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
      });
      await p.getByTestId('create-user').click();
      await p.getByRole('dialog').waitFor();
      await p.waitForTimeout(800);
      return (await p.evaluate(() => (window as unknown as { seenClasses: string[] }).seenClasses)).join(' ');
    };
    // antd's motion phases: …-start then …-active while the dialog zooms and its mask fades in.
    expect(await classesWhileOpening('no-preference')).toMatch(/ant-zoom-appear-active/);
    expect(await classesWhileOpening('reduce')).not.toMatch(/ant-(zoom|fade)-appear-(start|active)/);
  });

  it('works on a phone-sized screen: the menu opens from a drawer', async () => {
    const p = await freshPage(390);
    await loginInBrowser(p, base, 'gp.inspector');
    const toggle = p.getByRole('button', { name: /菜单/ });
    await toggle.click();
    const labels = await menuLabels(p);
    expect(labels.join(' ')).toContain('检查结果');
  });
});

describe('public portal', () => {
  it('is reachable without login and shows the four publication sections', async () => {
    const p = await freshPage();
    await p.goto(`${base}/gs`);
    await p.getByTestId('portal-title').waitFor();
    await expect.poll(async () => p.locator('body').innerText()).toContain('结果公告');
    const text = await p.locator('body').innerText();
    for (const section of ['事项清单', '计划公告', '任务公告', '结果公告']) expect(text).toContain(section);
    expect(p.url()).not.toMatch(/\/login/);
    // The landing section is the issued 抽查事项清单 (the province's 第三版 in the demo), searchable.
    await p.getByTestId('portal-items-table').waitFor();
    await expect.poll(async () => p.getByTestId('portal-items-table').innerText()).toContain('SX-');
    await p.getByTestId('portal-items-search').locator('input').fill('定量包装');
    await p.getByTestId('portal-items-search').locator('input').press('Enter');
    await expect.poll(async () => p.getByTestId('portal-items-table').innerText()).toContain('定量包装商品净含量的检查');
    expect(await p.getByTestId('portal-items-table').innerText()).not.toContain('登记事项');
  });
});
