// The draw's rules around the ceremony over the real app and database (PGlite always;
// PostgreSQL when DATABASE_URL is set): low-risk businesses are not drawn twice a year, not even
// by a later batch of the same task (docs/draw-spec.md §7); matching honours every kind of 回避
// the 执法检查人员名录库 records, within its dates, and says who was left out and why (§8); the
// default matching shares the visits fairly.
import { describe, expect, it } from 'vitest';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import type { ApiClient } from '../../testing/apiClient.ts';
import { demoAppPerSuite } from '../../testing/demoApp.ts';
import { parseExclusions, verifyBundle } from '../../core/draw/index.ts';
import { fixToday } from '../clock.ts';
import { publishedGaopingPlan } from '../../testing/plans.ts';

const databases = await openTestDatabases();
const DICE = '3141592653 5897932384 6';
const source = { kind: 'dice', name: '公开摇号现场骰子（纪检监察员见证）' };

describe.each(databases.map((d) => [d.name, d] as const))('抽取规则 on %s', (_name, testDb: TestDatabase) => {
  const { as } = demoAppPerSuite(testDb);

  /**
   * A 高平 plan of the year with one task drawing `quota` (e.g. 40户) of 全市存续企业 over the whole
   * year, published; the task's draw committed and drawn with the dice.
   */
  async function drawnGaopingTask(gp: ApiClient, year: number, title: string, quota: string) {
    const row = `1\t登记事项抽查\t登记事项检查\t全市存续企业\t${quota}\t分别递加比例抽查\t1月—12月\t【县抽县查】`;
    const [task] = await publishedGaopingPlan(gp, year, title, [row]);
    const committed = (await gp.post(`/api/tasks/${task!.code}/draws`, { publicSource: source })).body;
    const drawn = (await gp.post(`/api/draws/${committed.id}/ceremony`, { value: DICE, witnessName: '王见证' })).body;
    return { committed, drawn };
  }

  it('the commit reads the same "today" as the task page (SSJ_TODAY): inside the period no reason is asked', async () => {
    const gp = await as('gp.planner');
    const [task] = await publishedGaopingPlan(gp, 2024, '高平市2024年度抽查计划（固定日期）', [
      '1\t登记事项抽查\t登记事项检查\t全市存续企业\t1%\tA类1%，B类1%，C类1%，D类1%\t3月—11月\t【县抽县查】',
    ]);
    try {
      fixToday('2024-06-14');
      const preview = await gp.get(`/api/tasks/${task!.code}/draw-preview`);
      expect(JSON.stringify(preview.body)).not.toContain('抽查期间已于');
      const committed = await gp.post(`/api/tasks/${task!.code}/draws`, { publicSource: source, batch: 1 });
      expect(committed.status, JSON.stringify(committed.body)).toBe(200);
    } finally {
      fixToday(null);
    }
  });

  it('a later batch of the same task does not draw the A-class businesses an earlier batch drew this year', async () => {
    const gp = await as('gp.planner');
    const [task] = await publishedGaopingPlan(
      gp,
      2028,
      '高平市2028年度季度抽查计划',
      ['1\t登记事项季度抽查\t登记事项检查\t全市存续企业\t5%\t1次/季度\tA类50%，B类1%，C类1%，D类1%\t1月—12月\t【县抽县查】'],
      '序号\t抽查任务名称\t抽查事项\t抽查对象范围\t抽查比例/数量\t频次\t信用风险分类管理\t抽查起止时间\t抽查检查模式',
    );
    const first = (await gp.post(`/api/tasks/${task!.code}/draws`, { publicSource: source, batch: 1 })).body;
    expect(first).toMatchObject({ drawCode: expect.any(String) });
    const drawn = (await gp.post(`/api/draws/${first.id}/ceremony`, { value: DICE, witnessName: '王见证' })).body;
    const sampledA: string[] = drawn.sample.filter((e: any) => e.class === 'A').map((e: any) => e.id);
    expect(sampledA.length).toBeGreaterThan(0);

    // A reserve used in place of a business that could not be inspected is visited: it counts too.
    const used = await gp.post(`/api/draws/${first.id}/reserves`, { replacedId: sampledA[0], reason: '检查前已注销' });
    expect(used.status, JSON.stringify(used.body)).toBe(200);
    expect(used.body.class).toBe('A');
    sampledA.push(used.body.reserveId);

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
  it('a person with a 辖区 recusal is never matched inside it; an expired one no longer applies; each left-out person is named with why', async () => {
    const gp = await as('gp.planner');
    const { committed, drawn } = await drawnGaopingTask(gp, 2029, '高平市2029年度回避专项计划', '40户');
    const ids: string[] = drawn.visits.map((v: any) => v.id);
    const db = testDb.database.db;
    const places = await db.selectFrom('market_entity').select(['uscc', 'unit_code']).where('uscc', 'in', ids).execute();
    // The 所 whose area holds most of the drawn businesses.
    const perStation = new Map<string, string[]>();
    for (const p of places) perStation.set(p.unit_code, [...(perStation.get(p.unit_code) ?? []), p.uscc]);
    const [station, inStation] = [...perStation].sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(inStation.length).toBeGreaterThan(1);

    const people = (await gp.get('/api/inspectors?drawable=yes&pageSize=100')).body.items as {
      id: string;
      name: string;
      category: string;
    }[];
    const officers = people.filter((p) => p.category === 'enforcement');
    expect(officers.length).toBeGreaterThan(6);
    const [byUnit, byRegion, expired, ended] = officers.slice(0, 4);
    const declare = async (person: { id: string }, body: Record<string, unknown>) => {
      const res = await gp.post(`/api/inspectors/${person.id}/recusals`, { kind: 'own_grid', declaredOn: '2025-01-01', ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { id: string };
    };
    await declare(byUnit!, { relatedUnitCode: station, reason: '本人包片网格' });
    await declare(byRegion!, { relatedRegionCode: '140500', reason: '本人户籍所在地辖区' }); // the city covers 高平 (140581)
    await declare(expired!, { relatedRegionCode: '140581', reason: '原包片网格', validUntil: '2026-01-31' });
    const toEnd = await declare(ended!, { relatedRegionCode: '140581', reason: '原包片网格' });
    expect((await gp.post(`/api/inspectors/recusals/${toEnd.id}/end`, { endedOn: '2026-02-01', endReason: '已调整网格' })).status).toBe(
      200,
    );

    const matched = await gp.post(`/api/draws/${committed.id}/match`, { capPerInspector: null });
    expect(matched.status, JSON.stringify(matched.body)).toBe(200);
    const codeOf = (person: { id: string }) =>
      Object.entries(matched.body.inspectors as Record<string, { id: string }>).find(([, p]) => p.id === person.id)![0];
    const sentTo = (person: { id: string }) =>
      (matched.body.assignment as { id: string; inspectors: string[] }[])
        .filter((a) => a.inspectors.includes(codeOf(person)))
        .map((a) => a.id);
    for (const id of sentTo(byUnit!)) expect(inStation).not.toContain(id);
    expect(sentTo(byRegion!)).toEqual([]);

    const recused = matched.body.recused as { visitId: string; code: string; name: string; reason: string }[];
    const leftOut = (person: { id: string }) => recused.filter((r) => r.code === codeOf(person));
    expect(
      leftOut(byUnit!)
        .map((r) => r.visitId)
        .sort(),
    ).toEqual([...inStation].sort());
    expect(leftOut(byUnit!)[0]!.reason).toMatch(/^回避（本人网格\/辖区：.+；本人包片网格）$/);
    expect(
      leftOut(byRegion!)
        .map((r) => r.visitId)
        .sort(),
    ).toEqual([...ids].sort());
    expect(leftOut(byRegion!)[0]).toMatchObject({ name: byRegion!.name, reason: '回避（本人网格/辖区：区划 140500；本人户籍所在地辖区）' });
    expect(leftOut(expired!)).toEqual([]);
    expect(leftOut(ended!)).toEqual([]);

    // The draw's page keeps the reasons; a manual change cannot put the person back inside the area.
    const view = (await gp.get(`/api/draws/${committed.id}`)).body;
    expect(view.matching.recused).toEqual(recused);
    const target = (matched.body.assignment as { id: string; inspectors: string[] }[]).find((a) => inStation.includes(a.id))!;
    const swap = await gp.post(`/api/draws/${committed.id}/swaps`, {
      visitId: target.id,
      inspectors: [target.inspectors[0], codeOf(byUnit!)],
      reason: '原检查人员临时请假',
    });
    expect(swap.status).toBe(400);
    expect(swap.body.message).toContain(`${byUnit!.name}回避（本人网格/辖区`);
  });
  it('matching shares the visits fairly by default: the cap is shown before, every load stays within it, and no cap is an explicit choice', async () => {
    const gp = await as('gp.planner');
    const { committed, drawn } = await drawnGaopingTask(gp, 2030, '高平市2030年度公平匹配专项计划', '80户');
    const visits = drawn.visits.length as number;
    expect(visits).toBeGreaterThan(40);

    const preview = await gp.get(`/api/draws/${committed.id}/match-preview`);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ visits, rematch: false, unstaffable: 0 });
    const [pool] = preview.body.pools;
    expect(preview.body.pools).toHaveLength(1);
    expect(pool).toMatchObject({ pool: '140581', poolName: expect.stringContaining('高平'), visits });
    expect(pool.share).toBe(Math.ceil((2 * visits) / pool.people));
    expect(pool.cap).toBeGreaterThan(pool.share);

    const loadsOf = (assignment: { inspectors: string[] }[]) => {
      const load = new Map<string, number>();
      for (const a of assignment) for (const c of a.inspectors) load.set(c, (load.get(c) ?? 0) + 1);
      return load;
    };
    const fair = await gp.post(`/api/draws/${committed.id}/match`, {});
    expect(fair.status, JSON.stringify(fair.body)).toBe(200);
    expect(fair.body.fairShare).toEqual(preview.body.pools);
    expect(Math.max(...loadsOf(fair.body.assignment).values())).toBeLessThanOrEqual(pool.cap);
    const view = (await gp.get(`/api/draws/${committed.id}`)).body;
    expect(view.matching.options).toEqual({ capPerInspector: null, crossRegionUnits: null, fairShare: true });
    expect(view.matching.fairShare).toEqual(preview.body.pools);

    // Without a cap (an explicit choice, with a reason for the re-match) the cheapest people take far more.
    const free = await gp.post(`/api/draws/${committed.id}/match`, { capPerInspector: null, reason: '对比：不限制每人户数' });
    expect(free.status).toBe(200);
    expect(free.body.fairShare).toEqual([]);
    expect(Math.max(...loadsOf(free.body.assignment).values())).toBeGreaterThan(pool.cap);
    expect((await gp.get(`/api/draws/${committed.id}`)).body.matching.options).toEqual({
      capPerInspector: null,
      crossRegionUnits: null,
      fairShare: false,
    });
    expect(verifyBundle((await gp.get(`/api/draws/${committed.id}/bundle`)).body).status).toBe('VALID');
  });
});
