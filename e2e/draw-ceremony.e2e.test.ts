// The full public draw in a real browser, on the demo task 140581-2025-001 (高平, 名录分库
// 全市存续企业) as gp.planner: N and n per class before the commit; the task period has ended, so
// the page warns and asks for a reason; commit with a dice source after a confirmation → the
// commit is on the anonymous portal 任务公告 (no sample yet) → the ceremony shows 抽 n / N per
// class, refuses 19 digits, then draws with 21 → sample with company names → 匹配检查人员 (unit
// and company names) → the auditor bundle downloads → /gs/verify says VALID with the commit time
// in China time and the recorded value, and INVALID after one ticket is edited; publishing asks
// for a confirmation saying what becomes public, then the public bundle from 任务公告 verifies.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { harnessPerFile, loginInBrowser } from './support/harness.ts';
import { uploadToVerifier } from './support/verifier.ts';

const TASK = '140581-2025-001';
const SOURCE_NAME = '2025-04-20 公开摇号现场骰子（纪检监察员见证）';

let base: string;
const newPage = harnessPerFile((harness) => (base = harness.server.url), { acceptDownloads: true });

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
    // n per class and in total (the last row), before anything is committed.
    const planned = await page.getByTestId('preview-counts').getByTestId('planned-n').allInnerTexts();
    expect(planned.length).toBe(6);
    const drawSize = Number(planned[5]);
    expect(drawSize).toBe(Math.ceil((eligible * 3) / 100));
    expect(await page.getByTestId('commit-late').innerText()).toMatch(/抽查期间已于 2025-\d\d-\d\d 结束/);
    await page.getByTestId('commit-source-name').fill(SOURCE_NAME);
    await page.getByTestId('commit-submit').click();
    // The period has ended: no commit without a reason.
    await expect.poll(async () => page.getByText('请填写原因（至少 4 个字）').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('commit-confirm').count()).toBe(0);
    await page.getByTestId('commit-reason').fill('补录2025年度第一批抽取');
    await page.getByTestId('commit-submit').click();
    // A confirmation says what will be frozen and published, with n per class; cancelling commits nothing.
    const confirmation = page.getByTestId('commit-confirm');
    await confirmation.waitFor();
    expect(await confirmation.innerText()).toContain(`共抽取 ${drawSize} 户`);
    expect(await confirmation.innerText()).toContain('不能撤回');
    await page.getByTestId('commit-confirm-ok').click();
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
    expect(await row.innerText()).toContain(`将抽取 ${drawSize} 户`);
    expect(await row.innerText()).toContain('承诺原因：补录2025年度第一批抽取');

    // 3. The draw page, then the full-screen ceremony with the commit and the declared source.
    await page.getByTestId('commit-open-draw').click();
    await page.waitForURL(/\/console\/draws\/[0-9a-f-]{36}$/);
    const drawUrl = page.url();
    await page.getByTestId('draw-enter-ceremony').click();
    await page.waitForURL(/\/ceremony$/);
    expect((await page.getByTestId('ceremony-commit').innerText()).trim()).toBe(commit);
    expect(await page.getByTestId('ceremony-source').innerText()).toContain(SOURCE_NAME);
    expect(await page.getByTestId('ceremony-class-total').innerText()).toMatch(
      new RegExp(`抽 ${drawSize}\\s*/ ${eligible.toLocaleString('en-US')}`),
    );

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
    // 公平分配 is the default: the dialog shows each pool's cap before matching.
    const fairShare = page.getByTestId('match-fair-share');
    await expect.poll(async () => fairShare.innerText(), { timeout: 15_000 }).toMatch(/上限 \d+ 户/);
    const cap = Number(/上限 (\d+) 户/.exec(await fairShare.innerText())![1]);
    await page.getByTestId('match-ok').click();
    await page.getByRole('tab', { name: /人员工作量/ }).click();
    const loads = page.getByTestId('load-table');
    await expect.poll(async () => loads.locator('tbody tr').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    const perPerson = (await loads.locator('tbody tr td:last-child').allInnerTexts()).map(Number);
    expect(Math.max(...perPerson)).toBeLessThanOrEqual(cap);
    await page.getByRole('tab', { name: /检查户次与人员/ }).click();
    const visits = page.getByTestId('visit-table');
    await expect.poll(async () => visits.getByTestId('visit-inspectors').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const firstVisit = await visits.getByTestId('visit-inspectors').first().innerText();
    expect(firstVisit).toMatch(/执法/);
    expect(await visits.innerText()).not.toContain('未匹配');
    // Lists name the company and the inspecting unit, not codes alone.
    expect(await visits.getByTestId('visit-unit').first().innerText()).toBe('高平市市场监督管理局');
    expect(await visits.getByTestId('visit-name').first().innerText()).not.toMatch(/^[0-9A-Z]{18}$/);
    expect(await page.getByTestId('draw-declared-source').nth(1).innerText()).toContain('承诺时只公开其哈希');

    // Before publication the portal shows the commitment and the counts, no sample and no bundle.
    await visitor.goto(`${base}/gs/tasks`);
    const drawnRow = visitor.getByTestId('notice-table').locator('tr', { hasText: commit });
    await expect.poll(async () => drawnRow.innerText(), { timeout: 15_000 }).toContain('已抽取');
    expect(await drawnRow.getByTestId('notice-result-pending').innerText()).toContain('检查完成或抽查期间结束后公开');
    expect(await drawnRow.getByTestId('notice-bundle').count()).toBe(0);

    // 5. The auditor bundle downloads and verifies in the browser; an edited ticket does not.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('draw-download-auditor').click()]);
    expect(download.suggestedFilename()).toBe(`${TASK}-1.bundle.json`);
    const text = fs.readFileSync((await download.path())!, 'utf8');
    const bundle = JSON.parse(text);
    expect(bundle.commit).toBe(commit);
    expect(bundle.seed).toBe(seed);
    expect(bundle.assignment.length).toBe(bundle.visits.length);
    expect(typeof bundle.groups[0].frame).toBe('string');

    const valid = await uploadToVerifier(visitor, base, download.suggestedFilename(), text);
    expect(valid.status).toBe('VALID');
    expect(valid.text).toContain('验证通过');
    expect(valid.text).toContain(seed);
    // The commit time in China time, with the exact recorded value beside it.
    const china = new Date(new Date(bundle.committed_at).getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(await visitor.getByTestId('verify-committed-at').innerText()).toBe(`${china}（北京时间）`);
    expect(valid.text).toContain(bundle.committed_at);
    // The spec the page cites is served, from the repository's docs/.
    const specHref = await visitor.getByTestId('verify-spec-link').getAttribute('href');
    const spec = await visitor.request.get(`${base}${specHref}`);
    expect(spec.status()).toBe(200);
    expect(await spec.text()).toContain('This is the normative specification of the draw.');

    const ticket: string = bundle.sample[0].ticket;
    bundle.sample[0].ticket = (ticket[0] === '0' ? '1' : '0') + ticket.slice(1);
    const invalid = await uploadToVerifier(visitor, base, 'edited.bundle.json', JSON.stringify(bundle, null, 2));
    expect(invalid.status).toBe('MISMATCH');
    expect(invalid.text).toContain('验证不通过');
    expect(invalid.text).toContain('sample[0].ticket');
    expect(invalid.text).toContain(ticket);

    // 6. The task period has ended, so the result may be made public: the confirmation says what
    //    becomes public; then 任务公告 offers the public bundle, which verifies too.
    await page.getByTestId('draw-publish').click();
    const publishing = page.getByTestId('publish-confirm');
    await publishing.waitFor();
    expect(await publishing.innerText()).toContain('抽中名单');
    expect(await publishing.innerText()).toContain('执法证号');
    expect(await publishing.innerText()).toContain('公开抽取包');
    await page.getByTestId('publish-confirm-ok').click();
    await expect.poll(async () => page.getByTestId('draw-publish').innerText()).toMatch(/已公开/);
    await visitor.goto(`${base}/gs/tasks`);
    const publicRow = visitor.getByTestId('notice-table').locator('tr', { hasText: commit });
    await publicRow.getByTestId('notice-bundle').waitFor();
    expect(await publicRow.innerText()).toContain('已抽取');
    const [publicDownload] = await Promise.all([visitor.waitForEvent('download'), publicRow.getByTestId('notice-bundle').click()]);
    const publicText = fs.readFileSync((await publicDownload.path())!, 'utf8');
    expect(publicText).not.toContain('\\t');
    expect(JSON.parse(publicText).groups[0].frame).toBeUndefined();
    const publicCheck = await uploadToVerifier(visitor, base, publicDownload.suggestedFilename(), publicText);
    expect(publicCheck.status).toBe('VALID');
    expect(publicCheck.text).toContain('公示版');
  });
});
