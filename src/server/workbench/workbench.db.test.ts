// 工作台 over the real API on the demo, on both engines: each role's 待办 agree with the lists
// they summarise (我的任务, 待审核, the task list), counts are exact, and nothing of another
// county shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { loginAs, startDemoApp } from '../../testing/demoApp.ts';
import { fixToday } from '../clock.ts';
import { hashPassword } from '../auth/password.ts';
import { ApiClient } from '../../testing/apiClient.ts';

const databases = await openTestDatabases();

interface Group {
  kind: string;
  total: number;
  overdue: number;
  items: { kind: string; subject: string; detail: string | null; due: string | null; urgency: string; link: string }[];
}
interface Workbench {
  today: string;
  counts: { entities: number | null; inspectors: number | null };
  notice: string | null;
  groups: Group[];
}

describe.each(databases.map((d) => [d.name, d] as const))('工作台 on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;
  let resultId = '';
  const workbenchOf = async (username: string): Promise<Workbench> => {
    const client = await loginAs(app, username);
    const answer = await client.request<Workbench>('GET', '/api/workbench');
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body;
  };
  const group = (w: Workbench, kind: string) => w.groups.find((g) => g.kind === kind);

  beforeAll(async () => {
    app = await startDemoApp(testDb);
    fixToday('2025-07-15');
    // In the small demo 焦志强 (gp.inspector) is on no visit and 高平's drawn visit has its result
    // published: send him there; the test then moves that result back through the states.
    const db = testDb.database.db;
    const me = await db
      .selectFrom('inspector as i')
      .innerJoin('app_user as u', 'u.id', 'i.user_id')
      .select(['i.id', 'i.unit_code', 'i.name', 'i.category', 'i.cert_no'])
      .where('u.username', '=', 'gp.inspector')
      .executeTakeFirstOrThrow();
    // Visits live with the drawing unit, results with the inspecting unit: read apart (on Citus
    // the two are not co-located), the first visit with a result, by 统一社会信用代码.
    const drawnVisits = await db
      .selectFrom('visit as v')
      .innerJoin('draw as d', (j) => j.onRef('d.unit_code', '=', 'v.draw_unit_code').onRef('d.id', '=', 'v.draw_id'))
      .select(['v.draw_unit_code', 'v.draw_id', 'v.object_id'])
      .where('d.unit_code', '=', '140581')
      .where('d.status', '=', 'drawn')
      .where('v.replaced_by', 'is', null)
      .where('v.reserve_for', 'is', null)
      .orderBy('v.object_id')
      .execute();
    const results = await db
      .selectFrom('visit_result')
      .select(['id', 'draw_id', 'uscc'])
      .where('draw_id', 'in', [...new Set(drawnVisits.map((v) => v.draw_id))])
      .execute();
    const resultOf = (v: (typeof drawnVisits)[number]) =>
      results.find((r) => r.draw_id === v.draw_id && r.uscc === v.object_id)?.id ?? null;
    const withResult = drawnVisits.map((v) => ({ ...v, result_id: resultOf(v) }));
    const visits = [...withResult.filter((v) => v.result_id !== null), ...withResult.filter((v) => v.result_id === null)].slice(0, 1);
    expect(visits.map((v) => v.result_id !== null)).toEqual([true]);
    resultId = visits[0]!.result_id!;
    await db
      .insertInto('visit_inspector')
      .values(
        visits.map((v) => ({
          draw_unit_code: v.draw_unit_code,
          draw_id: v.draw_id,
          object_id: v.object_id,
          inspector_id: me.id,
          inspector_unit_code: me.unit_code,
          code: me.cert_no ?? me.id,
          name: me.name,
          category: me.category,
          assigned_at: new Date(),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .execute();
  });
  afterAll(async () => {
    fixToday(null);
    await testDb.dispose();
  });

  it('gives an inspector one item per assigned visit still owing a step, linked to the visit', async () => {
    const db = testDb.database.db;
    const steps = async () => {
      const w = await workbenchOf('gp.inspector');
      expect(w.notice).toBeNull();
      const owed = w.groups.filter((g) => ['enterResult', 'confirmResult', 'reviseResult'].includes(g.kind));
      const client = await loginAs(app, 'gp.inspector');
      const mine = await client.request<{ items: { drawId: string; uscc: string }[] }>('GET', '/api/my-visits');
      expect(mine.status, JSON.stringify(mine.body)).toBe(200);
      for (const link of owed.flatMap((g) => g.items.map((i) => i.link)))
        expect(mine.body.items.some((v) => link === `/console/visits/${v.drawId}/${encodeURIComponent(v.uscc)}`)).toBe(true);
      return Object.fromEntries(owed.map((g) => [g.kind, g.total]));
    };
    expect(await steps()).toEqual({});
    await db.updateTable('visit_result').set({ status: 'returned' }).where('id', '=', resultId).execute();
    expect(await steps()).toEqual({ reviseResult: 1 });
    await db
      .updateTable('visit_result')
      .set({ status: 'draft', content: sql<string>`jsonb_set(content, '{confirmedBy}', '[]'::jsonb)` })
      .where('id', '=', resultId)
      .execute();
    expect(await steps()).toEqual({ confirmResult: 1 });
    await db.updateTable('visit_result').set({ status: 'pendingReview' }).where('id', '=', resultId).execute();
    expect(await steps()).toEqual({});
  });

  it('gives the office the results waiting for review, exactly', async () => {
    const client = await loginAs(app, 'gp.staff');
    const pending = await client.request<{ total: number }>('GET', '/api/results?status=pendingReview');
    const w = await workbenchOf('gp.staff');
    expect(pending.body.total).toBeGreaterThan(0);
    expect(group(w, 'reviewResult')?.total).toBe(pending.body.total);
  });

  it('lists the planner the tasks of its published plans that have begun and have no draw, overdue first', async () => {
    const client = await loginAs(app, 'gp.planner');
    const tasks = await client.request<{ items: { code: string; unitCode: string; period: { start: string; end: string } | null }[] }>(
      'GET',
      '/api/tasks?year=2025',
    );
    const w = await workbenchOf('gp.planner');
    const draw = group(w, 'drawTask');
    expect(draw).toBeDefined();
    for (const item of draw!.items) {
      const code = item.subject.split(' ')[0]!;
      const task = tasks.body.items.find((t) => t.code === code);
      expect(task, code).toBeDefined();
      expect(task!.unitCode).toBe('140581');
      if (task!.period) expect(task!.period.start <= w.today).toBe(true);
    }
    const ranks = draw!.items.map((i) => ['overdue', 'dueSoon', 'ok', 'none'].indexOf(i.urgency));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });

  it('shows a past plan year’s undrawn, ended tasks once, as a count, the next year', async () => {
    const client = await loginAs(app, 'gp.planner');
    const tasks = await client.request<{ items: { code: string; unitCode: string; period: { start: string; end: string } | null }[] }>(
      'GET',
      '/api/tasks?year=2025',
    );
    const during = group(await workbenchOf('gp.planner'), 'drawTask')!;
    const ended = during.items.filter((i) => i.urgency === 'overdue').length;
    fixToday('2026-12-04');
    try {
      const draw = group(await workbenchOf('gp.planner'), 'drawTask');
      const db = testDb.database.db;
      const drawn = new Set(
        (
          await db.selectFrom('draw').select('task_code').where('plan_unit_code', '=', '140581').where('status', '<>', 'voided').execute()
        ).map((d) => d.task_code),
      );
      const owed = tasks.body.items.filter((t) => t.unitCode === '140581' && !drawn.has(t.code));
      expect(owed.length).toBeGreaterThan(ended);
      expect(draw?.items).toEqual([
        expect.objectContaining({
          subject: `2025年度计划有${owed.length}项任务未抽取，已过完成时限`,
          urgency: 'overdue',
          link: '/console/tasks?year=2025',
        }),
      ]);
      expect(draw?.total).toBe(1);
    } finally {
      fixToday('2025-07-15');
    }
  });

  it('counts the directories exactly, for a county and for the province', async () => {
    const db = testDb.database.db;
    const exact = async (prefix: string) =>
      Number(
        (
          await db
            .selectFrom('market_entity as e')
            .innerJoin('org_unit as u', 'u.code', 'e.unit_code')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where((eb) =>
              eb.or([
                eb('u.path', 'like', `${prefix}.%`),
                eb('u.path', '=', prefix),
                eb('u.path', 'like', `%.${prefix}.%`),
                eb('u.path', 'like', `%.${prefix}`),
              ]),
            )
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect((await workbenchOf('gp.planner')).counts.entities).toBe(await exact('140581'));
    const province = await workbenchOf('sx.admin');
    expect(province.counts.entities).toBe(await countRows(testDb.database, 'market_entity'));
  });

  it('names the years with plans, latest first, within reach', async () => {
    const years = async (username: string) =>
      (await (await loginAs(app, username)).request<{ years: number[] }>('GET', '/api/workbench/years')).body.years;
    const db = testDb.database.db;
    const gp = await years('gp.planner');
    const own = await db.selectFrom('plan').select('year').distinct().where('unit_code', '=', '140581').orderBy('year', 'desc').execute();
    expect(gp.slice(0, 1)).toEqual([Math.max(...own.map((r) => r.year))]);
    expect([...gp].sort((a, b) => b - a)).toEqual(gp);
    for (const r of own) expect(gp).toContain(r.year);
    // 泽州 sees no year that only 高平 has plans for.
    const zz = await years('zz.planner');
    const visible = await db
      .selectFrom('plan')
      .select('year')
      .distinct()
      .where((eb) =>
        eb.or([
          eb('unit_code', 'like', '140525%'),
          eb.and([eb('unit_code', 'in', ['140000', '140500']), eb('published_version', 'is not', null)]),
        ]),
      )
      .execute();
    expect([...zz].sort()).toEqual(visible.map((r) => r.year).sort());
  });

  it('shows a sibling county nothing of 高平', async () => {
    const w = await workbenchOf('zz.planner');
    const text = JSON.stringify(w);
    expect(text).not.toContain('140581');
    expect(text).not.toContain('高平');
  });

  it('tells an inspector whose account is not linked what to do', async () => {
    const db = testDb.database.db;
    const user = await db
      .insertInto('app_user')
      .values({
        username: 'gp.new.inspector',
        display_name: '新检查员',
        home_unit_code: '140581',
        password_hash: await hashPassword('Gp-new-2026x'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('user_role').values({ user_id: user.id, unit_code: '140581', role: 'inspector' }).execute();
    const client = new ApiClient(app);
    expect((await client.login('gp.new.inspector', 'Gp-new-2026x')).status).toBe(200);
    const w = await client.request<Workbench>('GET', '/api/workbench');
    expect(w.body.notice).toContain('尚未关联');
    expect(w.body.groups).toEqual([]);
  });
});
