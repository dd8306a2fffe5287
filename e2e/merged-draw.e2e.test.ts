// 合并抽取 in a real browser, as gp.planner: a 2027 plan of two tasks over 全市存续企业 with windows
// in common (made through the API) → the task page offers the merge → the planner picks the
// other task, commits after the confirmation → the ceremony → the draw page shows one visit per
// business, the shared ones with both tasks' items → the auditor bundle is VALID on /gs/verify.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { drawAtCeremony } from './support/ceremony.ts';
import { harnessPerFile, loginInBrowser } from './support/harness.ts';
import { uploadToVerifier } from './support/verifier.ts';

const SOURCE_NAME = '2027-03-12 公开摇号现场骰子（纪检监察员见证）';
const FOOD_ITEM = '食品经营许可事项的检查';
const PRICE_ITEM = '明码标价的检查';

let base: string;
const newPage = harnessPerFile((harness) => (base = harness.server.url), { acceptDownloads: true });

/** A published 高平 2027 plan of two tasks over 全市存续企业 (10% and 20%); their codes. */
async function twoTaskPlan(page: Page): Promise<[string, string]> {
  const libs = (await (await page.request.get(`${base}/api/sub-libraries`)).json()) as { items: { id: string; name: string }[] };
  const lib = libs.items.find((l) => l.name === '全市存续企业')!;
  const table = [
    '序号\t抽查任务名称\t抽查事项\t抽查对象范围\t抽查比例/数量\t信用风险分类管理\t抽查起止时间\t抽查检查模式',
    `1\t食品经营抽查\t${FOOD_ITEM}\t全市存续企业\t10%\t分别递加比例抽查\t3月—9月\t【县抽县查】`,
    `2\t价格行为抽查\t${PRICE_ITEM}\t全市存续企业\t20%\t分别递加比例抽查\t5月—11月\t【县抽县查】`,
  ].join('\n');
  const created = await page.request.post(`${base}/api/plans`, { data: { year: 2027, title: '高平市2027年度合并抽取计划', text: table } });
  expect(created.status()).toBe(200);
  const planId = ((await created.json()) as { id: string }).id;
  const tasks = ((await (await page.request.get(`${base}/api/plans/${planId}`)).json()) as { tasks: { code: string; cells: unknown }[] })
    .tasks;
  for (const t of tasks) {
    const linked = await page.request.put(`${base}/api/plans/${planId}/tasks/${t.code}`, {
      data: { cells: t.cells, subLibraryId: lib.id },
    });
    expect(linked.status()).toBe(200);
  }
  expect((await page.request.post(`${base}/api/plans/${planId}/publish`, { data: {} })).status()).toBe(200);
  return [tasks[0]!.code, tasks[1]!.code];
}

describe('合并抽取, end to end', () => {
  it('two tasks in one commit → ceremony → one visit per business with both tasks’ items → VALID on /gs/verify', async () => {
    const page = await newPage();
    await loginInBrowser(page, base, 'gp.planner');
    const [food, price] = await twoTaskPlan(page);

    // The task page offers the merge (same population, windows in common); the planner picks the other task.
    await page.goto(`${base}/console/tasks/${food}`);
    await page.getByTestId('preview-counts').waitFor();
    expect(await page.getByTestId('merge-offer').innerText()).toContain(price);
    await page.getByTestId('commit-merge').click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title^="${price}"]`).click();
    await page.keyboard.press('Escape');
    await expect.poll(async () => page.getByTestId('merge-offer').count()).toBe(0);
    await page.getByTestId('commit-source-name').fill(SOURCE_NAME);
    await page.getByTestId('commit-submit').click();
    const confirmation = page.getByTestId('commit-confirm');
    await confirmation.waitFor();
    expect(await confirmation.innerText()).toContain('只检查一次');
    await page.getByTestId('commit-confirm-ok').click();
    await page.getByTestId('commit-result').waitFor();
    const drawCode = `${food}+${price}-1`;
    expect(await page.getByTestId('commit-result').innerText()).toContain(drawCode);
    const commit = (await page.getByTestId('commit-hash').innerText()).trim();
    expect(commit).toMatch(/^[0-9a-f]{64}$/);
    await expect.poll(async () => page.getByTestId('task-draws').innerText()).toContain(drawCode);

    // The ceremony, once, for both tasks.
    await page.getByTestId('commit-open-draw').click();
    await page.waitForURL(/\/console\/draws\/[0-9a-f-]{36}$/);
    const drawUrl = page.url();
    expect(await page.getByTestId('draw-merged-tasks').innerText()).toContain(price);
    await page.getByTestId('draw-enter-ceremony').click();
    await page.waitForURL(/\/ceremony$/);
    expect((await page.getByTestId('ceremony-commit').innerText()).trim()).toBe(commit);
    await drawAtCeremony(page, drawUrl);

    // One visit per business; a business drawn by both tasks lists both tasks and both items.
    const tab = page.getByRole('tab', { name: /检查户次与人员/ });
    await tab.click();
    const visitCount = Number(/（(\d+)）/.exec(await tab.innerText())![1]);
    const visits = page.getByTestId('visit-table');
    await expect.poll(async () => visits.getByTestId('visit-items').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const ids = await visits
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r.querySelector('.ant-typography-secondary') as HTMLElement | null)?.innerText ?? ''));
    expect(new Set(ids).size).toBe(ids.length);
    const tasks = await visits.getByTestId('visit-tasks').allInnerTexts();
    const items = await visits.getByTestId('visit-items').allInnerTexts();
    const shared = tasks.flatMap((t, i) => (t.includes(food) && t.includes(price) ? [i] : []));
    expect(shared.length).toBeGreaterThan(0);
    for (const i of shared) expect(items[i]).toBe(`${PRICE_ITEM}、${FOOD_ITEM}`);
    for (const [i, t] of tasks.entries()) {
      if (!shared.includes(i)) expect(items[i]).toBe(t.includes(food) ? FOOD_ITEM : PRICE_ITEM);
    }

    // The auditor bundle: two groups named by the tasks, VALID on the public verifier.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('draw-download-auditor').click()]);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const bundle = JSON.parse(text);
    expect(bundle.params.task).toBe(drawCode);
    expect(bundle.groups.map((g: { code: string }) => g.code)).toEqual([food, price]);
    expect(bundle.visits.length).toBe(visitCount);
    expect(new Set(bundle.visits.map((v: { id: string }) => v.id)).size).toBe(visitCount);
    const visitor = await newPage();
    const valid = await uploadToVerifier(visitor, base, download.suggestedFilename(), text);
    expect(valid.status).toBe('VALID');
    expect(valid.text).toContain('验证通过');
  });
});
