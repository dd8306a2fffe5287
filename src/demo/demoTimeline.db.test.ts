// The demo's timeline, loaded through the product's use cases at the demo's own dates (the
// callers' clock): every draw committed before its ceremony, inspected after it and inside the
// task period, published after the inspection and within 2025; the follow-ups after publication;
// nothing stamped with the time the demo was loaded. The 期限 tab, 按时公示率 and the public
// bundle then read sensibly. On PGlite always, PostgreSQL too when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { sql } from 'kysely';
import { openTestDatabases, type TestDatabase } from '../db/testDatabase.ts';
import { migrate } from '../db/migrate.ts';
import { loadReferenceData } from '../db/reference-data.ts';
import { chinaDateOf } from '../core/calendar/index.ts';
import { verifyBundle } from '../core/draw/index.ts';
import { publicationTimeliness } from '../core/results/deadlines.ts';
import { loadConfig } from '../server/config.ts';
import { createApp } from '../server/http/app.ts';
import { loadWorkingCalendar } from '../server/results/calendar.ts';
import { ApiClient } from '../testing/apiClient.ts';
import { loginAs } from '../testing/demoApp.ts';
import { loadDemoWithAudit } from './installDemo.ts';
import { DEMO_INSPECTIONS, DEMO_TIMELINE } from './inspections.ts';

const databases = await openTestDatabases();

/** Every timestamp column of the demo's planning and inspection work. */
const WORK_TIMESTAMPS = [
  ['plan', ['created_at', 'updated_at', 'filed_at']],
  ['plan_version', ['created_at', 'published_at']],
  ['plan_filing_deadline', ['updated_at']],
  ['draw', ['created_at', 'drawn_at', 'voided_at', 'result_public_at']],
  ['draw_reserve_use', ['used_at']],
  ['visit', ['created_at']],
  ['visit_inspector', ['assigned_at', 'released_at']],
  ['visit_result', ['created_at', 'updated_at']],
  ['visit_result_version', ['created_at']],
  ['followup_item', ['updated_at']],
] as const;

describe.each(databases.map((d) => [d.name, d] as const))('the demo timeline on %s', (_name, testDb: TestDatabase) => {
  const db = testDb.database.db;
  let app: Hono;
  let loadStarted: Date;

  beforeAll(async () => {
    await migrate(testDb.database);
    await loadReferenceData(testDb.database);
    loadStarted = new Date();
    // Large enough for 高平's 特种设备 task to draw several visits (on time and late ones).
    await loadDemoWithAudit(testDb.database, { entitiesPerCounty: 3000 });
    app = createApp({ database: testDb.database, config: loadConfig({ dataDir: 'memory://', webDir: 'dist/web' }, {}) });
  }, 300_000);
  afterAll(() => testDb.dispose());

  it('commits every draw before its ceremony, inspects after it inside the task period, publishes after the inspection within 2025', async () => {
    const draws = await db
      .selectFrom('draw')
      .select(['unit_code', 'id', 'draw_code', 'task_code', 'committed_at', 'drawn_at', 'result_public_at'])
      .execute();
    expect(draws.map((d) => d.task_code).sort()).toEqual(DEMO_INSPECTIONS.map((d) => d.task).sort());
    for (const draw of draws) {
      expect(draw.drawn_at, draw.draw_code).not.toBeNull();
      const committed = new Date(draw.committed_at);
      const drawn = draw.drawn_at!;
      expect(committed.getTime(), draw.draw_code).toBeLessThan(drawn.getTime());
      // Visits live with the drawing unit, results with the inspecting unit: read apart (as the
      // product does; on Citus the two are not co-located).
      const drawVisits = await db
        .selectFrom('visit')
        .select(['object_id', 'period_start', 'period_end'])
        .where('draw_unit_code', '=', draw.unit_code)
        .where('draw_id', '=', draw.id)
        .where('replaced_by', 'is', null)
        .execute();
      const results = await db
        .selectFrom('visit_result')
        .select(['uscc', 'checked_on', 'published_on', 'created_at'])
        .where('draw_id', '=', draw.id)
        .execute();
      type VisitWithResult = (typeof drawVisits)[number] & {
        checked_on: string | null;
        published_on: string | null;
        created_at: Date | null;
      };
      const visits = drawVisits.flatMap((v): VisitWithResult[] => {
        const mine = results.filter((r) => r.uscc === v.object_id);
        return mine.length === 0 ? [{ ...v, checked_on: null, published_on: null, created_at: null }] : mine.map((r) => ({ ...v, ...r }));
      });
      expect(visits.length, draw.draw_code).toBeGreaterThanOrEqual(5);
      const drawnOn = chinaDateOf(drawn);
      // Every visit of a demo draw has its result; all are published but those the demo leaves awaiting review.
      const awaiting = DEMO_INSPECTIONS.find((d) => d.task === draw.task_code)!.unpublished;
      expect(visits.filter((v) => v.published_on === null).length, draw.draw_code).toBe(awaiting);
      for (const v of visits) {
        expect(v.checked_on, v.object_id).not.toBeNull();
        expect(drawnOn <= v.checked_on!, `${v.object_id}: drawn ${drawnOn}, inspected ${v.checked_on}`).toBe(true);
        expect(v.checked_on! >= v.period_start! && v.checked_on! <= v.period_end!, `${v.object_id} inspected ${v.checked_on}`).toBe(true);
        expect(chinaDateOf(v.created_at!)).toBe(v.checked_on);
        if (v.published_on === null) continue;
        expect(v.checked_on! <= v.published_on, `${v.object_id}: inspected ${v.checked_on}, published ${v.published_on}`).toBe(true);
        expect(v.published_on.slice(0, 4)).toBe('2025');
      }
      // The people were sent after the ceremony, before the first inspection.
      const assigned = await db.selectFrom('visit_inspector').select('assigned_at').where('draw_id', '=', draw.id).execute();
      for (const a of assigned) expect(a.assigned_at.getTime()).toBeGreaterThanOrEqual(drawn.getTime());
      // The draw's result was made public after every visit's result was published (not before).
      if (awaiting > 0) {
        expect(draw.result_public_at, draw.draw_code).toBeNull();
        continue;
      }
      const lastPublished = visits
        .map((v) => v.published_on!)
        .sort()
        .at(-1)!;
      expect(draw.result_public_at).not.toBeNull();
      expect(chinaDateOf(draw.result_public_at!) > lastPublished).toBe(true);
      expect(draw.result_public_at!.getTime()).toBeLessThan(Date.parse('2026-01-01T00:00:00+08:00'));
    }
    const demoDraw = draws.find((d) => d.draw_code === '140581-2025-013-1')!;
    expect(new Date(demoDraw.committed_at).toISOString()).toBe(new Date(DEMO_TIMELINE.committedAt).toISOString());
    expect(demoDraw.drawn_at!.toISOString()).toBe(new Date(DEMO_TIMELINE.drawnAt).toISOString());
  });

  it('stamps nothing of the demo work with the time it was loaded: every timestamp lies in the demo years', async () => {
    for (const [table, columns] of WORK_TIMESTAMPS) {
      for (const column of columns) {
        const row = await sql<{ latest: Date | null; n: string }>`
          SELECT max(${sql.ref(column)}) AS latest, count(${sql.ref(column)}) AS n FROM ${sql.table(table)}`.execute(db);
        const { latest } = row.rows[0]!;
        if (latest === null) continue;
        expect(new Date(latest).getTime(), `${table}.${column}`).toBeLessThan(loadStarted.getTime());
        expect(new Date(latest).getTime(), `${table}.${column}`).toBeLessThan(Date.parse('2026-01-01T00:00:00+08:00'));
      }
    }
    // The audit rows of the draw, the results and the follow-ups carry the same demo dates.
    const late = await db
      .selectFrom('audit_log')
      .select(['action', 'at'])
      .where((eb) =>
        eb.or([
          eb('action', 'like', 'draw.%'),
          eb('action', 'like', 'result.%'),
          eb('action', 'like', 'followup.%'),
          eb('action', 'like', 'plan.%'),
        ]),
      )
      .where('at', '>=', new Date('2026-01-01T00:00:00+08:00'))
      .execute();
    expect(late).toEqual([]);
    const commit = await db
      .selectFrom('audit_log')
      .select('at')
      .where('action', '=', 'draw.commit')
      .orderBy('at')
      .executeTakeFirstOrThrow();
    expect(commit.at.toISOString()).toBe(new Date(DEMO_TIMELINE.committedAt).toISOString());
  });

  it('高平 publishes most results on time (within 20 working days of the inspection and of the task end) and one or two late', async () => {
    const calendar = await loadWorkingCalendar(db);
    // 高平's results, of its own task and of the city's: the published ones are judged.
    const results = await db
      .selectFrom('visit_result')
      .select(['draw_id', 'uscc', 'checked_on', 'published_on'])
      .where('unit_code', '=', '140581')
      .where('published_on', 'is not', null)
      .execute();
    const visits = await db.selectFrom('visit').select(['draw_id', 'object_id', 'period_end']).execute();
    const rows = results.flatMap((r) =>
      visits.filter((v) => v.draw_id === r.draw_id && v.object_id === r.uscc).map((v) => ({ ...r, period_end: v.period_end })),
    );
    const late = rows.filter((r) => publicationTimeliness(calendar, r.period_end!, r.published_on!) === 'late');
    const onTime = rows.filter((r) => publicationTimeliness(calendar, r.period_end!, r.published_on!) === 'onTime');
    expect(late.length).toBeGreaterThanOrEqual(1);
    expect(late.length).toBeLessThanOrEqual(2);
    expect(onTime.length).toBe(rows.length - late.length);
    for (const r of onTime) expect(calendar.workingDaysBetween(r.checked_on!, r.published_on!)).toBeLessThanOrEqual(20);
    for (const r of late) expect(calendar.workingDaysBetween(r.checked_on!, r.published_on!)).toBeGreaterThan(20);

    const leader = await loginAs(app, 'gp.leader');
    const figures = await leader.request<{ indicators: { key: string; numerator: number; denominator: number }[] }>(
      'GET',
      '/api/indicators?year=2025&unitCode=140581',
    );
    expect(figures.status, JSON.stringify(figures.body)).toBe(200);
    const timely = figures.body.indicators.find((f) => f.key === 'timelyPublication')!;
    expect(timely).toMatchObject({ numerator: onTime.length, denominator: rows.length });
  });

  it('follows each draw’s findings up after their publication and closes them within 2025, but for one left awaiting a measure', async () => {
    const all = await db
      .selectFrom('followup_item as f')
      .innerJoin('visit_result as r', (j) => j.onRef('r.unit_code', '=', 'f.unit_code').onRef('r.id', '=', 'f.result_id'))
      .select([
        'r.draw_id',
        'f.opened_on',
        'f.closed_on',
        'f.status',
        'f.due_on',
        'f.updated_at',
        'f.state',
        'r.published_on',
        'r.checked_on',
      ])
      .orderBy('r.checked_on')
      .execute();
    const drawIds = [...new Set(all.map((i) => i.draw_id))];
    expect(drawIds.length).toBe(DEMO_INSPECTIONS.length);
    for (const drawId of drawIds) {
      const items = all.filter((i) => i.draw_id === drawId);
      expect(items.length).toBe(3);
      for (const item of items) expect(item.opened_on).toBe(item.published_on);
      const [closed1, closed2, open] = items;
      for (const item of [closed1!, closed2!]) {
        expect(item.status).toBe('closed');
        expect(item.closed_on! > item.opened_on).toBe(true);
        expect(item.closed_on!.slice(0, 4)).toBe('2025');
        expect(chinaDateOf(item.updated_at)).toBe(item.closed_on);
      }
      // The last visit's finding awaits a measure: open, with no due date to miss.
      expect(open).toMatchObject({ status: 'open', closed_on: null, due_on: null });
      expect((open!.state as { measure: unknown }).measure).toBeNull();
      expect(open!.opened_on.slice(0, 4)).toBe('2025');
    }
  });

  it('期限: the finished demo task is 已全部公示, nothing overdue', async () => {
    const staff = await loginAs(app, 'gp.staff');
    const answer = await staff.request<{ overdue: number; items: { drawCode: string; status: string; workingDaysLeft: number | null }[] }>(
      'GET',
      '/api/results/deadlines?year=2025',
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.overdue).toBe(0);
    expect(answer.body.items.find((i) => i.drawCode === '140581-2025-013-1')).toMatchObject({ status: 'done', workingDaysLeft: null });
  });

  it('the portal offers the demo draw’s public bundle, which verifies with the commit time it was announced at', async () => {
    const anon = new ApiClient(app);
    const notice = (await anon.get('/api/public/draws?taskCode=140581-2025-013')).body.items[0];
    expect(notice).toMatchObject({ status: 'drawn', resultPublic: true });
    const bundle = await anon.get(`/api/public/draws/${notice.id}/bundle`);
    expect(bundle.status).toBe(200);
    expect(verifyBundle(bundle.body).status).toBe('VALID');
    expect(new Date(bundle.body.committed_at).toISOString()).toBe(new Date(DEMO_TIMELINE.committedAt).toISOString());
  });
});
