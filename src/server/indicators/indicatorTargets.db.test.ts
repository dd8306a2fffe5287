// 考核目标 through the API on the demo (PGlite, and PostgreSQL with DATABASE_URL): a city sets its
// own target and its counties inherit it, a county's own target overrides it and clearing it falls
// back to the city's; only the 系统管理员 and 信用监管科/股 of the unit or of a unit above may set
// one (a leader or a 业务科室 gets 403); a sibling's or a parent's unit is the same 404 as a unit
// that does not exist; every change writes an audit row.
import { describe, expect, it } from 'vitest';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { demoAppPerSuite } from '../../testing/demoApp.ts';
import type { ApiClient } from '../../testing/apiClient.ts';
import { loadScope } from '../access/scope.ts';
import type { Caller } from '../http/route.ts';
import { setIndicatorTarget, setOtherInspections } from './indicatorCommands.ts';

const databases = await openTestDatabases();
const KEY = 'riskClassApplication';

describe.each(databases.map((d) => [d.name, d] as const))('考核目标 on %s', (_name, testDb: TestDatabase) => {
  const { as } = demoAppPerSuite(testDb);

  const put = (client: ApiClient, unitCode: string, target: number | null, key = KEY) =>
    client.request('PUT', '/api/indicators/targets', { unitCode, key, target });
  const applied = async (client: ApiClient, unitCode: string) => {
    const answer = await client.request('GET', `/api/indicators/targets?unitCode=${unitCode}&year=2025`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.targets.find((t: { key: string }) => t.key === KEY) as {
      own: number | null;
      target: number;
      setBy: { code: string; name: string } | null;
    };
  };
  const cardTarget = async (client: ApiClient, unitCode: string) => {
    const answer = await client.request('GET', `/api/indicators?unitCode=${unitCode}&year=2025`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.indicators.find((f: { key: string }) => f.key === KEY).target as number;
  };
  const auditRows = async (unitCode: string) =>
    (
      await testDb.database.db
        .selectFrom('audit_log')
        .select(['action', 'object_id', 'summary', 'actor_name'])
        .where('unit_code', '=', unitCode)
        .where('action', '=', 'indicator.target')
        .orderBy('seq')
        .execute()
    ).map(({ summary, ...row }) => {
      const { before = null, after = null } = summary as { before?: unknown; after?: unknown };
      return { ...row, before, after };
    });

  it('a city sets its own target, its counties inherit it, another city keeps the default', async () => {
    const xz = await as('xz.planner');
    expect(await applied(xz, '140981')).toMatchObject({ own: null, target: 0.9, setBy: null });
    const set = await put(xz, '140900', 0.95);
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(await applied(xz, '140900')).toMatchObject({ own: 0.95, target: 0.95, setBy: { code: '140900' } });
    expect(await applied(xz, '140981')).toMatchObject({ own: null, target: 0.95, setBy: { code: '140900' } });
    expect(await cardTarget(xz, '140981')).toBe(0.95);
    const jc = await as('jc.planner');
    expect(await cardTarget(jc, '140500')).toBe(0.9);
    expect(await cardTarget(jc, '140581')).toBe(0.9);
    const audit = await auditRows('140900');
    expect(audit.at(-1)).toMatchObject({ object_id: `140900:${KEY}`, before: null, after: { target: 0.95 }, actor_name: '温建华' });
  });

  it('a county’s own target overrides the city’s; clearing it falls back to the city’s', async () => {
    const yp = await as('yp.planner');
    expect((await put(yp, '140981', 0.92)).status).toBe(200);
    expect(await applied(yp, '140981')).toMatchObject({ own: 0.92, target: 0.92, setBy: { code: '140981' } });
    expect(await cardTarget(yp, '140981')).toBe(0.92);
    // The city still sees its own target on itself, and the county's on the county.
    const xz = await as('xz.planner');
    expect(await cardTarget(xz, '140900')).toBe(0.95);
    expect(await cardTarget(xz, '140981')).toBe(0.92);
    expect((await put(yp, '140981', null)).status).toBe(200);
    expect(await applied(yp, '140981')).toMatchObject({ own: null, target: 0.95, setBy: { code: '140900' } });
    const audit = await auditRows('140981');
    expect(audit.map((a) => [a.before, a.after])).toEqual([
      [null, { target: 0.92 }],
      [{ target: 0.92 }, null],
    ]);
  });

  it('an upper level may set a county’s target; the county’s administrator may, its leader and 业务科室 may not', async () => {
    const xz = await as('xz.planner');
    expect((await put(xz, '140981', 0.97)).status).toBe(200);
    expect(await applied(xz, '140981')).toMatchObject({ own: 0.97, setBy: { code: '140981' } });
    expect((await put(xz, '140981', null)).status).toBe(200);

    const admin = await as('gp.admin');
    expect((await put(admin, '140581', 0.93)).status).toBe(200);
    expect((await put(admin, '140581', null)).status).toBe(200);
    for (const username of ['gp.leader', 'gp.staff', 'gp.auditor']) {
      const client = await as(username);
      const refused = await put(client, '140581', 0.5);
      expect(refused.status, username).toBe(403);
      expect(refused.body.code).toBe('FORBIDDEN_ROLE');
      expect(refused.body.message).toMatch(/无权/);
      // They still read which targets apply.
      expect((await applied(client, '140581')).target).toBe(0.9);
    }
    expect((await auditRows('140581')).length).toBe(2);
  });

  it('a sibling’s or a parent’s targets are out of reach: the same 404 as a unit that does not exist', async () => {
    const zz = await as('zz.planner');
    const none = await put(zz, '999999', 0.95);
    expect(none.status).toBe(404);
    for (const unitCode of ['140581', '140500', '140900', '140981']) {
      const refused = await put(zz, unitCode, 0.95);
      expect({ unitCode, status: refused.status, body: refused.body }).toEqual({ unitCode, status: 404, body: none.body });
      const read = await zz.request('GET', `/api/indicators/targets?unitCode=${unitCode}&year=2025`);
      expect(read.status).toBe(404);
    }
    const jc = await as('jc.planner');
    expect(await put(jc, '140900', 0.5)).toMatchObject({ status: 404, body: none.body });
    expect(await applied(jc, '140581')).toMatchObject({ target: 0.9 });
    expect((await auditRows('140500')).length).toBe(0);
  });

  it('refuses a target outside 0–100% and one for an indicator without a fixed target, in Chinese, writing nothing', async () => {
    const gp = await as('gp.planner');
    const before = (await auditRows('140581')).length;
    const tooHigh = await put(gp, '140581', 1.5);
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.message).toMatch(/目标值/);
    const noTarget = await put(gp, '140581', 0.5, 'jointSupervision');
    expect(noTarget.status).toBe(400);
    expect(noTarget.body.message).toMatch(/不设固定目标/);
    expect((await auditRows('140581')).length).toBe(before);
  });

  it('stamps a target and a reported count with the caller’s clock (the demo’s dates), not the wall clock', async () => {
    const db = testDb.database.db;
    const now = new Date('2025-06-02T02:00:00Z');
    const user = await db
      .selectFrom('app_user')
      .select(['id', 'username', 'display_name'])
      .where('username', '=', 'gp.planner')
      .executeTakeFirstOrThrow();
    const caller: Caller = {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      role: 'planner',
      scope: await loadScope(db, '140581'),
      sessionTokenHash: '',
      now,
    };
    await setIndicatorTarget(db, caller, { unitCode: '140581', key: KEY, target: 0.93 });
    await setIndicatorTarget(db, { ...caller, now: new Date('2025-06-03T02:00:00Z') }, { unitCode: '140581', key: KEY, target: 0.94 });
    await setOtherInspections(db, caller, { unitCode: '140581', year: 2025, count: 12 });
    const target = await db
      .selectFrom('indicator_target')
      .select('updated_at')
      .where('unit_code', '=', '140581')
      .where('indicator', '=', KEY)
      .executeTakeFirstOrThrow();
    expect(new Date(target.updated_at).toISOString()).toBe('2025-06-03T02:00:00.000Z');
    const other = await db
      .selectFrom('indicator_other_inspections')
      .select('updated_at')
      .where('unit_code', '=', '140581')
      .where('year', '=', 2025)
      .executeTakeFirstOrThrow();
    expect(new Date(other.updated_at).toISOString()).toBe(now.toISOString());
    await setIndicatorTarget(db, caller, { unitCode: '140581', key: KEY, target: null });
  });
});
