// The cache of computed 统计分析 answers over the real app (PGlite always; PostgreSQL when
// DATABASE_URL is set): while nothing changes the dashboard is served from the cache, and after
// each kind of command that changes a fact the next answer equals a fresh computation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import type { ApiClient } from '../../testing/apiClient.ts';
import { loginAs, startDemoApp } from '../../testing/demoApp.ts';
import { fixToday } from '../clock.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { CACHE_ENTRIES, cachedAnswer, cachedAnswers, factsStamp } from './indicatorCache.ts';
import { computeIndicatorsForGroups, listRows, watchOf } from './indicatorViews.ts';

const databases = await openTestDatabases();
const CITY = '140500';
const YEAR = 2025;

describe.each(databases.map((d) => [d.name, d] as const))('统计分析缓存 on %s', (name, testDb: TestDatabase) => {
  let app: Hono;
  let leader: ApiClient;
  beforeAll(async () => {
    app = await startDemoApp(testDb);
    leader = await loginAs(app, 'jc.leader');
  });
  afterAll(() => testDb.dispose());
  afterEach(() => fixToday(null));

  const dashboard = async () => {
    const answer = await leader.get(`/api/indicators?unitCode=${CITY}&year=${YEAR}`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as { unit: { code: string }; indicators: unknown[]; children: { unit: { code: string }; indicators: unknown[] }[] };
  };

  /** The city's and each county's figures computed afresh, bypassing the cache. */
  async function fresh(codes: string[]) {
    const units = await testDb.database.db.selectFrom('org_unit').select(['code', 'path']).where('code', 'in', codes).execute();
    const groups = codes.map((c) => units.find((u) => u.code === c)!);
    const figures = await computeIndicatorsForGroups(testDb.database.db, groups, YEAR);
    return codes.map((c) => figures.get(c));
  }

  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();

  /**
   * The dashboard, a drill-down list and the execution watch as served equal a fresh computation;
   * returns the city's figures.
   */
  async function expectFresh() {
    const served = await dashboard();
    const codes = [served.unit.code, ...served.children.map((c) => c.unit.code)];
    expect([served.indicators, ...served.children.map((c) => c.indicators)]).toEqual(await fresh(codes));
    const db = testDb.database.db;
    const unit = await db
      .selectFrom('org_unit')
      .select(['code', 'name', 'kind', 'path'])
      .where('code', '=', CITY)
      .executeTakeFirstOrThrow();
    for (const key of ['resultPublication', 'problemDisposal', 'riskDifferentiation'] as const) {
      const list = (await leader.get(`/api/indicators/list?unitCode=${CITY}&year=${YEAR}&key=${key}&part=denominator&limit=500`)).body;
      const rows = await listRows(db, unit, { year: YEAR, key, part: 'denominator', offset: 0, limit: 500 });
      expect({ total: list.total, rows: sorted(list.rows) }).toEqual({ total: rows.total, rows: sorted(rows.rows) });
    }
    const watch = (await leader.get(`/api/indicators/watch?unitCode=${CITY}&year=${YEAR}`)).body;
    expect(watch).toEqual(await watchOf(db, unit, YEAR));
    return served.indicators as { key: string; numerator: number; denominator: number; target: number | null }[];
  }
  const figure = (figures: Awaited<ReturnType<typeof expectFresh>>, key: string) => figures.find((f) => f.key === key)!;

  it('serves the dashboard from the cache while no fact changes', async () => {
    const before = await expectFresh();
    // A change that bypasses the commands (no audit row, so no new facts version): the cached
    // answer is still served — what shows that the answer came from the cache.
    const db = testDb.database.db;
    const row = await db.selectFrom('indicator_other_inspections').selectAll().where('unit_code', '=', CITY).executeTakeFirst();
    await db
      .insertInto('indicator_other_inspections')
      .values({ unit_code: CITY, year: YEAR, count: 123_456, set_by_name: '测试', updated_at: new Date() })
      .onConflict((oc) => oc.columns(['unit_code', 'year']).doUpdateSet({ count: 123_456 }))
      .execute();
    expect(await dashboard()).toMatchObject({ indicators: before });
    // Another day is another key.
    fixToday('2099-01-02');
    expect(figure((await dashboard()).indicators as typeof before, 'randomInspectionShare').denominator).toBe(
      figure(before, 'randomInspectionShare').numerator + 123_456,
    );
    fixToday(null);
    if (row) await db.updateTable('indicator_other_inspections').set({ count: row.count }).where('unit_code', '=', CITY).execute();
    else await db.deleteFrom('indicator_other_inspections').where('unit_code', '=', CITY).execute();
  });

  it('after each command that changes a fact, the next dashboard equals a fresh computation', async () => {
    const db = testDb.database.db;
    const planner = await loginAs(app, 'jc.planner');
    const gp = await loginAs(app, 'gp.planner');
    const staff = await loginAs(app, 'gp.staff');
    let figures = await expectFresh();

    // A target, then the reported other inspections.
    expect(
      (await planner.request('PUT', '/api/indicators/targets', { unitCode: CITY, key: 'riskClassApplication', target: 0.97 })).status,
    ).toBe(200);
    figures = await expectFresh();
    expect(figure(figures, 'riskClassApplication').target).toBe(0.97);
    const share = figure(figures, 'randomInspectionShare').denominator;
    expect((await planner.request('PUT', '/api/indicators/other-inspections', { unitCode: CITY, year: YEAR, count: 40 })).status).toBe(200);
    figures = await expectFresh();
    expect(figure(figures, 'randomInspectionShare').denominator).not.toBe(share);

    // A draw committed and run.
    const draws = figure(figures, 'riskDifferentiation').denominator;
    const city = await db.selectFrom('sub_library').select('id').where('name', '=', '全市存续企业').executeTakeFirstOrThrow();
    await db.updateTable('plan_task').set({ sub_library_id: city.id }).where('task_code', '=', '140581-2025-008').execute();
    const committed = await gp.post('/api/tasks/140581-2025-008/draws', {
      publicSource: { kind: 'dice', name: '2025-05-06 公开摇号现场骰子' },
      reason: '补录2025年度抽取记录',
    });
    expect(committed.status, JSON.stringify(committed.body)).toBe(200);
    await expectFresh();
    const drawId = committed.body.id as string;
    expect((await gp.post(`/api/draws/${drawId}/ceremony`, { value: '27182818284590452353', witnessName: '王见证' })).status).toBe(200);
    figures = await expectFresh();
    expect(figure(figures, 'riskDifferentiation').denominator).toBeGreaterThanOrEqual(draws);
    const matched = (await gp.post(`/api/draws/${drawId}/match`, {})).body;
    await expectFresh();

    // A result with a finding entered, confirmed, submitted and published (opens a ledger item).
    const finished = figure(figures, 'problemFinding').denominator;
    const visit = matched.assignment[0] as { id: string; inspectors: string[] };
    fixToday('2025-07-03');
    const saved = await staff.request('PUT', `/api/visits/${drawId}/${visit.id}/result`, {
      checkedOn: '2025-07-02',
      items: [
        {
          itemName: '在用计量器具的监督检查',
          result: { categories: ['problemPendingInvestigation'], methods: ['onSite'], findings: '使用未经检定的计量器具' },
        },
      ],
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    figures = await expectFresh();
    expect(figure(figures, 'problemFinding').denominator).toBe(finished + 1);
    const inspectorUser = await db.selectFrom('app_user').select('id').where('username', '=', 'gp.inspector').executeTakeFirstOrThrow();
    for (const code of visit.inspectors) {
      await db.updateTable('inspector').set({ user_id: null }).where('user_id', '=', inspectorUser.id).execute();
      await db.updateTable('inspector').set({ user_id: inspectorUser.id }).where('id', '=', matched.inspectors[code].id).execute();
      expect((await (await loginAs(app, 'gp.inspector')).post(`/api/results/${saved.body.id}/confirm`)).status).toBe(200);
    }
    expect((await staff.post(`/api/results/${saved.body.id}/submit`)).status).toBe(200);
    const published = figure(figures, 'resultPublication').numerator;
    expect((await staff.post(`/api/results/${saved.body.id}/publish`)).body.followupsOpened).toBe(1);
    figures = await expectFresh();
    expect(figure(figures, 'resultPublication').numerator).toBe(published + 1);

    // The ledger item decided, given its case number and closed.
    const items = figure(figures, 'problemDisposal');
    const item = (await staff.get('/api/followups?status=open')).body.items.find((i: any) => i.resultId === saved.body.id);
    fixToday('2025-07-12');
    const act = (body: unknown) => staff.post(`/api/followups/${item.id}/actions`, body);
    await act({
      action: 'decide',
      measure: { kind: 'referToEnforcement', receivingBody: '高平市市场监管局综合行政执法队', transferredOn: '2025-07-05' },
    });
    expect((await act({ action: 'caseNumber', caseNumber: '高市监立〔2025〕118号', on: '2025-07-10' })).status).toBe(200);
    expect((await act({ action: 'close' })).status).toBe(200);
    figures = await expectFresh();
    expect(figure(figures, 'problemDisposal')).toMatchObject({ numerator: items.numerator + 1, denominator: items.denominator });

    // 停止公示 after the publication period.
    fixToday('2099-01-05');
    expect((await staff.post(`/api/results/${saved.body.id}/stop-requests`, { reason: '企业已整改并申请信用修复' })).status).toBe(200);
    await expectFresh();
    expect(
      (await staff.post(`/api/results/${saved.body.id}/stop-requests/decision`, { approve: true, reason: '公示期满，已履行义务' })).status,
    ).toBe(200);
    await expectFresh();

    // A target cleared again.
    expect(
      (await planner.request('PUT', '/api/indicators/targets', { unitCode: CITY, key: 'riskClassApplication', target: null })).status,
    ).toBe(200);
    expect(figure(await expectFresh(), 'riskClassApplication').target).toBe(0.9);
  });

  // PGlite has one connection (the adapter serialises access): no two open transactions there.
  it.skipIf(name === 'PGlite')('raises the facts version at each commit, also when transactions commit out of order', async () => {
    const db = testDb.database.db;
    const version = async () => BigInt((await factsStamp(db)).split('|')[0]!);
    const entry = (unitCode: string) => ({
      unitCode,
      actorUserId: null,
      actorName: '测试',
      action: 'test',
      objectType: 'test',
      objectId: 'x',
    });
    const v0 = await version();
    let written!: () => void;
    let commit!: () => void;
    const aWritten = new Promise<void>((resolve) => (written = resolve));
    const aMayCommit = new Promise<void>((resolve) => (commit = resolve));
    // A appends to 高平's chain first (the earlier time) and commits last; B appends to 泽州's and commits first.
    const a = db.transaction().execute(async (trx) => {
      await recordAudit(trx, entry('140581'));
      written();
      await aMayCommit;
    });
    await aWritten;
    await db.transaction().execute((trx) => recordAudit(trx, entry('140525')));
    const v1 = await version();
    expect(v1).toBeGreaterThan(v0);
    commit();
    await a;
    expect(await version()).toBeGreaterThan(v1);
    // A rolled-back change does not raise it.
    await expect(
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, entry('140581'));
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await version()).toBe(v1 + 1n);
  });

  it('keeps at most CACHE_ENTRIES answers per database, and a failed computation is not kept', async () => {
    const db = testDb.database.db;
    for (let i = 0; i < CACHE_ENTRIES + 10; i += 1) await cachedAnswer(db, ['test', i], async () => i);
    expect(cachedAnswers(db)).toBe(CACHE_ENTRIES);
    // The most recently used stay: the last one is served without computing.
    expect(await cachedAnswer(db, ['test', CACHE_ENTRIES + 9], async () => -1)).toBe(CACHE_ENTRIES + 9);
    expect(await cachedAnswer(db, ['test', 0], async () => -1)).toBe(-1);
    await expect(cachedAnswer(db, ['failing'], () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await cachedAnswer(db, ['failing'], async () => 'ok')).toBe('ok');
  });
});
