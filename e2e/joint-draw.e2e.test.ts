// A joint task (部门联合抽查) end to end in a real browser: 原平's 房地产 task has 住建局 as 发起部门
// and the market-regulation bureau as 配合部门. 住建局 drafts the 检查方案 on the task page (the
// commit button says it waits for the confirmations), the bureau confirms it on the same page (it
// cannot draw), 住建局 commits and draws at the ceremony; the matching sends to every visit 住建局's
// team and the bureau's, each from its own 执法检查人员名录库; the bundle, teams included, verifies
// on /gs/verify; the bureau and 住建局 each record and publish their own part of a visit and the
// portal shows the visit as one 部门联合抽查 with both departments' parts (互认).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { commitAndDraw } from './support/ceremony.ts';
import { harnessPerFile, loginInBrowser, type Harness } from './support/harness.ts';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';
import { uploadToVerifier } from './support/verifier.ts';

const DEPARTMENT = '140981-zj';
const BUREAU = '140981';

let harness: Harness;
let base: string;
const newPage = harnessPerFile((h) => {
  harness = h;
  base = h.server.url;
});
let task: string;

/** Gives a demo user one more role (住建局's planner to yp.zj, the bureau's staff to yp.planner). */
async function grant(username: string, unitCode: string, role: 'planner' | 'staff') {
  const db = harness.server.booted.database.db;
  const user = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  await db.insertInto('user_role').values({ user_id: user.id, unit_code: unitCode, role }).execute();
}

/** A page logged in as `username`, switched to `role` in `unitCode`. */
async function pageAs(username: string, unitCode: string, role: string): Promise<Page> {
  const page = await newPage();
  await loginInBrowser(page, base, username);
  expect((await page.request.post(`${base}/api/auth/switch`, { data: { unitCode, role } })).status()).toBe(200);
  return page;
}

beforeAll(async () => {
  const db = harness.server.booted.database.db;
  const row = await db
    .selectFrom('plan_task as t')
    .innerJoin('plan as p', (j) => j.onRef('p.unit_code', '=', 't.unit_code').onRef('p.id', '=', 't.plan_id'))
    .select(['t.task_code', 't.initiating_unit_code'])
    .where('p.kind', '=', 'joint')
    .where('t.unit_code', '=', BUREAU)
    .where('t.name', 'like', '%房地产%')
    .where('t.sub_library_id', 'is not', null)
    .executeTakeFirstOrThrow();
  expect(row.initiating_unit_code).toBe(DEPARTMENT);
  task = row.task_code;
  await grant('yp.zj', DEPARTMENT, 'planner');
  await grant('yp.planner', BUREAU, 'staff');
});

describe('部门联合抽查, end to end', () => {
  let drawId: string;
  let firstVisit: string;
  let firstTeam: { id: string }[];

  it('住建局 drafts the 检查方案, the bureau confirms it, 住建局 draws; each visit has both teams; the bundle verifies', async () => {
    const zj = await pageAs('yp.zj', DEPARTMENT, 'planner');
    // 住建局's own people, in its own directory.
    for (let i = 1; i <= 4; i++) {
      const created = await zj.request.post(`${base}/api/inspectors`, {
        data: { name: `住建执法${i}`, unitCode: DEPARTMENT, category: 'enforcement', certNo: `140981660${i}`, certExpiresOn: '2035-12-31' },
      });
      expect(created.status()).toBe(200);
    }

    // 住建局 (发起部门) drafts the scheme; the commit waits for the bureau's confirmation.
    await zj.goto(`${base}/console/tasks/${task}`);
    await zj.getByTestId('joint-scheme').waitFor();
    expect(await zj.getByTestId('commit-waits-scheme').innerText()).toContain('先制定检查方案');
    expect(await zj.getByTestId('commit-submit').isDisabled()).toBe(true);
    await zj.getByTestId('joint-scheme-edit').click();
    const part = zj.getByTestId('joint-scheme-part');
    expect(await part.innerText()).toContain('原平市市场监督管理局');
    await part.getByLabel('检查事项').fill('房地产经纪机构营业执照检查\n商品房销售明码标价检查');
    await part.getByLabel('联系人').fill('贾文斌');
    await part.getByLabel('联系电话').fill('0350-3022110');
    await zj.getByTestId('joint-scheme-save').click();
    await zj.getByTestId('joint-scheme-parts').waitFor();
    expect(await zj.getByTestId('joint-scheme-pending').innerText()).toBe('待确认');
    await expect.poll(async () => zj.getByTestId('commit-waits-scheme').innerText()).toContain('尚待 原平市市场监督管理局 确认第 1 版方案');

    // The bureau (配合部门) reads it, cannot draw, and confirms.
    const yp = await pageAs('yp.planner', BUREAU, 'planner');
    await yp.goto(`${base}/console/tasks/${task}`);
    await yp.getByTestId('joint-scheme-parts').waitFor();
    expect(await yp.getByTestId('joint-scheme-parts').innerText()).toContain('商品房销售明码标价检查');
    expect(await yp.getByTestId('commit-not-drawer').innerText()).toContain('由发起部门（原平市住房和城乡建设管理局）抽取');
    expect(await yp.getByTestId('commit-submit').count()).toBe(0);
    await yp.getByTestId('joint-scheme-agree').click();
    await expect.poll(async () => yp.getByTestId('joint-scheme-agreed').count()).toBe(1);
    expect(await yp.getByTestId('joint-scheme-agreed').innerText()).toContain('贾文斌');
    expect(await yp.getByTestId('joint-scheme-agree').count()).toBe(0);

    // 住建局 commits and draws.
    await zj.reload();
    await zj.getByTestId('joint-scheme-ready').waitFor();
    expect(await zj.getByTestId('commit-waits-scheme').count()).toBe(0);
    drawId = await commitAndDraw(zj, '2024-05-10 公开摇号现场骰子（e2e）', '补录2024年度联合抽查抽取记录');
    expect(await zj.getByTestId('draw-void').count()).toBe(1);
    const matched = await zj.request.post(`${base}/api/draws/${drawId}/match`, { data: {} });
    expect(matched.status()).toBe(200);
    const staffed = (await matched.json()) as { assignment: { id: string; inspectors: string[] }[]; inspectors: Record<string, { id: string }> };
    const visits = staffed.assignment;
    firstVisit = visits[0]!.id;
    firstTeam = visits[0]!.inspectors.map((code) => staffed.inspectors[code]!);

    // The bureau sees the draw and every visit: two of 住建局's people and two of its own.
    await yp.goto(`${base}/console/draws/${drawId}`);
    await yp.getByRole('tab', { name: /检查户次与人员/ }).click();
    const tags = yp.getByTestId('visit-table').getByTestId('visit-inspectors');
    await expect.poll(async () => tags.count(), { timeout: 15_000 }).toBe(visits.length);
    // It does not act on 住建局's draw: no matching or void there (住建局 has both).
    expect(await yp.getByTestId('draw-match').count()).toBe(0);
    expect(await yp.getByTestId('draw-void').count()).toBe(0);
    for (const text of await tags.allInnerTexts()) {
      expect(text.match(/原平市局 /g)?.length).toBe(2);
      expect(text.match(/住建执法\d/g)?.length).toBe(2);
      expect(text.match(/（执法）|（专家）/g)?.length).toBe(4);
    }

    const bundle = await (await zj.request.get(`${base}/api/draws/${drawId}/bundle`)).text();
    expect(JSON.parse(bundle).joint_departments).toEqual([BUREAU]);
    const visitor = await newPage();
    const valid = await uploadToVerifier(visitor, base, 'joint.bundle.json', bundle);
    expect(valid.text).toMatch(/验证通过 VALID/);
    const edited = JSON.parse(bundle);
    edited.assignment_teams = edited.assignment_teams.filter((t: { unit: string }) => t.unit !== BUREAU);
    const invalid = await uploadToVerifier(visitor, base, 'edited.bundle.json', JSON.stringify(edited));
    expect(invalid.text).toMatch(/验证不通过/);
    expect(invalid.text).toContain('assignment_teams');
  });

  it('the bureau and 住建局 record and publish their own parts; the portal shows one 部门联合抽查 with both parts', async () => {
    const staff = await pageAs('yp.planner', BUREAU, 'staff');
    // Its part lists the items the agreed 检查方案 gives the bureau, not the task's own.
    await staff.goto(`${base}/console/visits/${drawId}/${firstVisit}`);
    await staff.getByTestId('visit-item-1').waitFor({ timeout: 15_000 });
    expect(await staff.locator('[data-testid^="visit-item-"] .ant-card-head-title').allInnerTexts()).toEqual([
      '检查事项 1：房地产经纪机构营业执照检查',
      '检查事项 2：商品房销售明码标价检查',
    ]);
    const saved = await staff.request.put(`${base}/api/visits/${drawId}/${firstVisit}/result`, {
      data: {
        checkedOn: '2024-05-10',
        items: [{ itemName: '房地产经纪机构营业执照检查', result: { categories: ['noProblem'], methods: ['onSite'] } }],
        departmentInspectors: ['市局检查员甲', '市局检查员乙'],
      },
    });
    expect(saved.status(), await saved.text()).toBe(200);
    const id = ((await saved.json()) as { id: string }).id;
    expect((await staff.request.post(`${base}/api/results/${id}/submit`)).status()).toBe(200);
    expect((await staff.request.post(`${base}/api/results/${id}/publish`)).status()).toBe(200);

    const visitor = await newPage();
    await visitor.goto(`${base}/gs/entities/${firstVisit}`);
    const joint = visitor.getByTestId('portal-joint-inspection');
    await joint.waitFor({ timeout: 15_000 });
    const text = await joint.innerText();
    expect(text).toContain(`部门联合抽查　任务 ${task}`);
    expect(text).toContain('互认');
    expect(text).toContain('各部门检查结果');
    expect(text).toContain('原平市市场监督管理局');

    // 住建局, which inspects the visit, records its own part: entered by its staff, confirmed by each
    // person sent (the demo inspector account stands in for each in turn), reviewed and published.
    const zj = await pageAs('yp.zj', DEPARTMENT, 'staff');
    const own = await zj.request.put(`${base}/api/visits/${drawId}/${firstVisit}/result`, {
      data: {
        checkedOn: '2024-05-11',
        items: [{ itemName: '房地产市场监督执法检查', result: { categories: ['noProblem'], methods: ['onSite'] } }],
      },
    });
    expect(own.status(), await own.text()).toBe(200);
    const ownId = ((await own.json()) as { id: string }).id;
    const db = harness.server.booted.database.db;
    const account = await db.selectFrom('app_user').select('id').where('username', '=', 'gp.inspector').executeTakeFirstOrThrow();
    for (const person of firstTeam) {
      await db.updateTable('inspector').set({ user_id: null }).where('user_id', '=', account.id).execute();
      await db.updateTable('inspector').set({ user_id: account.id }).where('id', '=', person.id).execute();
      const officer = await newPage();
      const login = await officer.request.post(`${base}/api/auth/login`, { data: { username: 'gp.inspector', password: DEMO_PASSWORD } });
      expect(login.status()).toBe(200);
      const confirmed = await officer.request.post(`${base}/api/results/${ownId}/confirm`);
      expect(confirmed.status(), await confirmed.text()).toBe(200);
    }
    expect((await zj.request.post(`${base}/api/results/${ownId}/submit`)).status()).toBe(200);
    expect((await zj.request.post(`${base}/api/results/${ownId}/publish`)).status()).toBe(200);

    await visitor.reload();
    await joint.waitFor({ timeout: 15_000 });
    expect(await visitor.getByTestId('portal-joint-inspection').count()).toBe(1);
    const rows = joint.getByTestId('portal-joint-parts').locator('tbody tr.ant-table-row');
    await expect.poll(async () => rows.count()).toBe(2);
    const parts = (await rows.allInnerTexts()).join('\n');
    expect(parts).toContain('原平市市场监督管理局');
    expect(parts).toContain('原平市住房和城乡建设管理局');
    expect(parts).toContain('2024-05-10');
    expect(parts).toContain('2024-05-11');
  });
});
