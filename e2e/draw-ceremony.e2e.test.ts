// The full public draw (issue 5 "done when") in a real browser, on the demo task 140581-2025-001
// (高平, 名录分库 全市存续企业) as gp.planner: commit with a dice source → the commit is on the
// anonymous portal 任务公告 → the ceremony refuses 19 digits, then draws with 21 → sample →
// 匹配检查人员 → the auditor bundle downloads → /gs/verify says VALID, and INVALID after one
// ticket is edited; once published, the public bundle from 任务公告 verifies as well.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { loginInBrowser, startHarness, type Harness } from './support/harness.ts';

const TASK = '140581-2025-001';
const SOURCE_NAME = '2025-04-20 公开摇号现场骰子（纪检监察员见证）';

let harness: Harness;
let base: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  harness = await startHarness();
  base = harness.server.url;
});

afterAll(async () => {
  for (const c of contexts) await c.close();
  await harness?.close();
});

async function newPage(): Promise<Page> {
  const context = await harness.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  contexts.push(context);
  return context.newPage();
}

async function uploadToVerifier(page: Page, name: string, text: string): Promise<{ status: string | null; text: string }> {
  await page.goto(`${base}/gs/verify`);
  await page
    .getByTestId('verify-upload')
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });
  const result = page.getByTestId('verify-result');
  await result.waitFor({ timeout: 30_000 });
  return { status: await result.getAttribute('data-status'), text: await result.innerText() };
}

describe('摇号 ceremony, end to end', () => {
  it('commit → portal notice → ceremony → sample → matching → bundle VALID on /gs/verify, INVALID when edited', async () => {
    const page = await newPage();
    await loginInBrowser(page, base, 'gp.planner');

    // 1. The task page: eligible objects per class, exclusions, allocation, then the commit.
    await page.goto(`${base}/console/tasks/${TASK}`);
    await page.getByTestId('preview-counts').waitFor();
    const eligible = Number((await page.getByTestId('preview-eligible').innerText()).replace(/,/g, ''));
    expect(eligible).toBeGreaterThan(0);
    expect(await page.getByTestId('preview-allocation').innerText()).toMatch(/3%/);
    await page.getByTestId('commit-source-name').fill(SOURCE_NAME);
    await page.getByTestId('commit-submit').click();
    const committed = page.getByTestId('commit-result');
    await committed.waitFor();
    const commit = (await page.getByTestId('commit-hash').innerText()).trim();
    expect(commit).toMatch(/^[0-9a-f]{64}$/);
    expect(await committed.innerText()).toContain(`${TASK}-1`);
    await expect.poll(async () => page.getByTestId('task-draws').innerText()).toContain('已承诺、待摇号');

    // 2. The commit is on the anonymous portal before any seed exists.
    const visitor = await newPage();
    await visitor.goto(`${base}/gs/tasks`);
    const notices = visitor.getByTestId('notice-table');
    await expect.poll(async () => notices.innerText(), { timeout: 15_000 }).toContain(commit);
    const row = notices.locator('tr', { hasText: commit });
    expect(await row.innerText()).toContain(`${TASK}-1`);
    expect(await row.innerText()).toContain('已承诺、待摇号');
    expect(await row.innerText()).toContain(SOURCE_NAME);

    // 3. The draw page, then the full-screen ceremony with the commit and the declared source.
    await page.getByTestId('commit-open-draw').click();
    await page.waitForURL(/\/console\/draws\/[0-9a-f-]{36}$/);
    const drawUrl = page.url();
    await page.getByTestId('draw-enter-ceremony').click();
    await page.waitForURL(/\/ceremony$/);
    expect((await page.getByTestId('ceremony-commit').innerText()).trim()).toBe(commit);
    expect(await page.getByTestId('ceremony-source').innerText()).toContain(SOURCE_NAME);

    // 19 digits: refused with the precise reason; nothing is drawn.
    await page.getByTestId('ceremony-value').fill('12345 67890 12345 6789');
    await expect.poll(async () => page.getByTestId('ceremony-digit-count').innerText()).toMatch(/已录入\s*19\s*位/);
    await page.getByTestId('ceremony-witness').fill('王见证');
    await page.getByTestId('ceremony-start').click();
    const error = page.getByTestId('ceremony-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/至少 20 位.*只录入了 19 位/);
    expect(await page.getByTestId('ceremony-result').count()).toBe(0);
    const still = await page.request.get(`${base}/api/draws/${drawUrl.split('/').pop()}`);
    expect((await still.json()).status).toBe('committed');

    // 21 digits (spaces stripped): the draw runs once and shows the seed and the sample.
    await page.getByTestId('ceremony-value').fill('31415 92653 58979 32384 6');
    await expect.poll(async () => page.getByTestId('ceremony-digit-count').innerText()).toMatch(/已录入\s*21\s*位/);
    await page.getByTestId('ceremony-start').click();
    const result = page.getByTestId('ceremony-result');
    await result.waitFor({ timeout: 30_000 });
    const seed = (await page.getByTestId('ceremony-seed').innerText()).trim();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(await result.innerText()).toContain('314159265358979323846');
    const sampleIds = await result
      .locator('td')
      .filter({ hasText: /^[0-9A-Z]{18}$/ })
      .allInnerTexts();
    expect(sampleIds.length).toBeGreaterThan(0);

    // 4. Back on the draw page: match inspectors; every visit shows named inspectors.
    await page.getByTestId('ceremony-done').click();
    await page.waitForURL(drawUrl);
    await expect.poll(async () => page.getByTestId('draw-status').getAttribute('data-status')).toBe('drawn');
    expect(await page.getByTestId('draw-seed').innerText()).toContain(seed);
    await page.getByTestId('draw-match').click();
    await page.getByTestId('match-ok').click();
    await page.getByRole('tab', { name: /检查户次与人员/ }).click();
    const visits = page.getByTestId('visit-table');
    await expect.poll(async () => visits.getByTestId('visit-inspectors').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const firstVisit = await visits.getByTestId('visit-inspectors').first().innerText();
    expect(firstVisit).toMatch(/执法/);
    expect(await visits.innerText()).not.toContain('未匹配');

    // 5. The auditor bundle downloads and verifies in the browser; an edited ticket does not.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('draw-download-auditor').click()]);
    expect(download.suggestedFilename()).toBe(`${TASK}-1.bundle.json`);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const bundle = JSON.parse(text);
    expect(bundle.commit).toBe(commit);
    expect(bundle.seed).toBe(seed);
    expect(bundle.assignment.length).toBe(bundle.visits.length);
    expect(typeof bundle.groups[0].frame).toBe('string');

    const valid = await uploadToVerifier(visitor, download.suggestedFilename(), text);
    expect(valid.status).toBe('VALID');
    expect(valid.text).toContain('验证通过');
    expect(valid.text).toContain(seed);

    const ticket: string = bundle.sample[0].ticket;
    bundle.sample[0].ticket = (ticket[0] === '0' ? '1' : '0') + ticket.slice(1);
    const invalid = await uploadToVerifier(visitor, 'edited.bundle.json', JSON.stringify(bundle, null, 2));
    expect(invalid.status).toBe('MISMATCH');
    expect(invalid.text).toContain('验证不通过');
    expect(invalid.text).toContain('sample[0].ticket');
    expect(invalid.text).toContain(ticket);

    // 6. After the inspections the result is made public: 任务公告 offers the public bundle, which verifies too.
    await page.getByTestId('draw-publish').click();
    await expect.poll(async () => page.getByTestId('draw-publish').innerText()).toMatch(/已公开/);
    await visitor.goto(`${base}/gs/tasks`);
    const publicRow = visitor.getByTestId('notice-table').locator('tr', { hasText: commit });
    await publicRow.getByTestId('notice-bundle').waitFor();
    expect(await publicRow.innerText()).toContain('已抽取');
    const [publicDownload] = await Promise.all([visitor.waitForEvent('download'), publicRow.getByTestId('notice-bundle').click()]);
    const publicText = fs.readFileSync((await publicDownload.path())!, 'utf8');
    expect(publicText).not.toContain('\\t');
    expect(JSON.parse(publicText).groups[0].frame).toBeUndefined();
    const publicCheck = await uploadToVerifier(visitor, publicDownload.suggestedFilename(), publicText);
    expect(publicCheck.status).toBe('VALID');
    expect(publicCheck.text).toContain('公示版');
  });
});
