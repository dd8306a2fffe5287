// The draw's rules around the ceremony over the real app and database (PGlite always;
// PostgreSQL when DATABASE_URL is set): low-risk businesses are not drawn twice a year, not even
// by a later batch of the same task (docs/draw-spec.md §7); matching honours every kind of 回避
// the 执法检查人员名录库 records, within its dates, and says who was left out and why (§8); the
// default matching shares the visits fairly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import type { ApiClient } from '../../testing/apiClient.ts';
import { loginAs, startDemoApp } from '../../testing/demoApp.ts';
import { parseExclusions, verifyBundle } from '../../core/draw/index.ts';

const databases = await openTestDatabases();
const DICE = '3141592653 5897932384 6';
const source = { kind: 'dice', name: '公开摇号现场骰子（纪检监察员见证）' };

describe.each(databases.map((d) => [d.name, d] as const))('抽取规则 on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;

  beforeAll(async () => {
    app = await startDemoApp(testDb);
  });

  afterAll(async () => {
    await testDb.dispose();
  });

  const as = (username: string) => loginAs(app, username);

  /** Publishes a 高平 plan over 全市存续企业 from table rows (header given); returns its tasks. */
  async function publishedGaopingPlan(gp: ApiClient, year: number, title: string, header: string, rows: string[]) {
    const lib = ((await gp.get('/api/sub-libraries')).body.items as { id: string; name: string }[]).find((l) => l.name === '全市存续企业')!;
    const plan = (await gp.post('/api/plans', { year, title, text: [header, ...rows].join('\n') })).body;
    const tasks = (await gp.get(`/api/plans/${plan.id}`)).body.tasks as { code: string; cells: unknown }[];
    for (const task of tasks) {
      expect(
        (await gp.request('PUT', `/api/plans/${plan.id}/tasks/${task.code}`, { cells: task.cells, subLibraryId: lib.id })).status,
      ).toBe(200);
    }
    expect((await gp.post(`/api/plans/${plan.id}/publish`, {})).status).toBe(200);
    return tasks;
  }

  it('a later batch of the same task does not draw the A-class businesses an earlier batch drew this year', async () => {
    const gp = await as('gp.planner');
    const [task] = await publishedGaopingPlan(
      gp,
      2028,
      '高平市2028年度季度抽查计划',
      '序号\t抽查任务名称\t抽查事项\t抽查对象范围\t抽查比例/数量\t频次\t信用风险分类管理\t抽查起止时间\t抽查检查模式',
      ['1\t登记事项季度抽查\t登记事项检查\t全市存续企业\t5%\t1次/季度\tA类50%，B类1%，C类1%，D类1%\t1月—12月\t【县抽县查】'],
    );
    const first = (await gp.post(`/api/tasks/${task!.code}/draws`, { publicSource: source, batch: 1 })).body;
    expect(first).toMatchObject({ drawCode: expect.any(String) });
    const drawn = (await gp.post(`/api/draws/${first.id}/ceremony`, { value: DICE, witnessName: '王见证' })).body;
    const sampledA: string[] = drawn.sample.filter((e: any) => e.class === 'A').map((e: any) => e.id);
    expect(sampledA.length).toBeGreaterThan(0);

    const second = (await gp.post(`/api/tasks/${task!.code}/draws`, { publicSource: source, batch: 2 })).body;
    expect(second).toMatchObject({ drawCode: expect.any(String) });
    const files = await testDb.database.db
      .selectFrom('draw_group_file')
      .select(['exclusions'])
      .where('draw_id', '=', second.id)
      .executeTakeFirstOrThrow();
    const excluded = new Map(parseExclusions(files.exclusions).map((e) => [e.id, e]));
    for (const id of sampledA) {
      expect(excluded.get(id)).toEqual({ id, reason: 'A类主体本年度已被抽查', source: `${first.drawCode} 抽取结果` });
    }
    expect(second.excluded).toContainEqual({ reason: 'A类主体本年度已被抽查', count: sampledA.length });
    const again = (await gp.post(`/api/draws/${second.id}/ceremony`, { value: '2718281828 4590452353 6', witnessName: '王见证' })).body;
    const againA = new Set(again.sample.filter((e: any) => e.class === 'A').map((e: any) => e.id));
    for (const id of sampledA) expect(againA.has(id)).toBe(false);
    const bundle = (await gp.get(`/api/draws/${second.id}/bundle`)).body;
    expect(verifyBundle(bundle)).toEqual({ status: 'VALID', scope: 'auditor' });
  });
});
