// The production SQL of the indicators agrees with the plain statement of the rules
// (src/core/indicators/facts.ts, fed with the raw rows) over generated years — every unit, each
// with everything below it — on PGlite and, with DATABASE_URL, PostgreSQL. Also: the list behind
// a number has as many rows as the number; targets set by a city apply below it; reach.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../core/calendar/index.ts';
import type { AllocationSpec } from '../../core/draw/params.ts';
import { countIndicators, drawRiskUse, INDICATOR_KEYS, type EntityRiskClass, type IndicatorFacts } from '../../core/indicators/index.ts';
import { migrate } from '../../db/migrate.ts';
import { loadReferenceData } from '../../db/reference-data.ts';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import type { Database } from '../../db/database.ts';
import { generateIndicatorYear, type GeneratedYear } from '../../testing/indicatorYear.ts';
import { loadScope } from '../access/scope.ts';
import type { Caller } from '../http/route.ts';
import { loadWorkingCalendar } from '../results/calendar.ts';
import { countIndicatorsByGroup } from './indicatorCounts.ts';
import { setIndicatorTarget } from './indicatorCommands.ts';
import { indicatorList, unitIndicators } from './indicatorViews.ts';

const databases = await openTestDatabases();
const YEAR = 2025;
const PROBLEMS = new Set(['problemOrderedToCorrect', 'problemPendingInvestigation', 'productUnqualified']);

/** Every row the rules read, fetched plainly; derived fields computed here in TypeScript. */
async function readFacts(database: Database): Promise<IndicatorFacts> {
  const db = database.db;
  const units = new Map((await db.selectFrom('org_unit').select(['code', 'path']).execute()).map((u) => [u.code, u.path]));
  const entities = await db.selectFrom('market_entity').select(['uscc', 'unit_code', 'subject_type', 'reg_status', 'risk_class']).execute();
  const results = await db.selectFrom('visit_result').selectAll().execute();
  const visits = await db.selectFrom('visit').selectAll().execute();
  const draws = await db.selectFrom('draw').selectAll().execute();
  const plans = await db.selectFrom('plan').selectAll().execute();
  const versions = await db.selectFrom('plan_version').selectAll().execute();
  const tasks = await db.selectFrom('plan_task').selectAll().execute();
  const claims = await db
    .selectFrom('check_item_claim as c')
    .innerJoin('check_item as i', (j) => j.onRef('i.version_id', '=', 'c.version_id').onRef('i.item_code', '=', 'c.item_code'))
    .select(['c.unit_code', 'i.name'])
    .execute();
  const deadlines = await db.selectFrom('plan_filing_deadline').selectAll().execute();
  const followups = await db.selectFrom('followup_item').select(['unit_code', 'result_id', 'status']).execute();
  const others = await db.selectFrom('indicator_other_inspections').selectAll().execute();
  const planOf = (unit: string, id: string) => plans.find((p) => p.unit_code === unit && p.id === id)!;
  const visitOf = (drawId: string, uscc: string) => visits.find((v) => v.draw_id === drawId && v.object_id === uscc);
  return {
    entities: entities.map((e) => ({
      uscc: e.uscc,
      unitCode: e.unit_code,
      enterprise: e.subject_type === 'enterprise',
      active: e.reg_status === '存续' || e.reg_status === '在业',
      riskClass: (e.risk_class as EntityRiskClass | null) ?? null,
    })),
    results: results.map((r) => {
      const content = r.content as { validated: { categories: string[] } | null };
      return {
        unitCode: r.unit_code,
        drawId: r.draw_id,
        uscc: r.uscc,
        year: r.year,
        checkedOn: r.checked_on,
        publishedOn: r.published_on,
        periodEnd: visitOf(r.draw_id, r.uscc)?.period_end ?? null,
        problem: (content.validated?.categories ?? []).some((c) => PROBLEMS.has(c)),
      };
    }),
    visits: visits.map((v) => ({ drawUnitCode: v.draw_unit_code, drawId: v.draw_id, uscc: v.object_id, replaced: v.replaced_by !== null })),
    draws: draws.map((d) => ({
      unitCode: d.unit_code,
      id: d.id,
      year: d.year,
      status: d.status,
      planUnitCode: d.plan_unit_code,
      planId: d.plan_id,
      taskCode: d.task_code,
      joint: planOf(d.plan_unit_code, d.plan_id).kind === 'joint',
      drawnOn: d.drawn_at ? chinaDateOf(new Date(d.drawn_at)) : null,
      ...drawRiskUse(d.params.groups as { allocation: AllocationSpec }[], d.counts),
    })),
    tasks: tasks
      .filter((t) => planOf(t.unit_code, t.plan_id).published_version === t.version_no)
      .map((t) => {
        const plan = planOf(t.unit_code, t.plan_id);
        const version = versions.find((v) => v.plan_id === t.plan_id && v.version_no === plan.published_version)!;
        return {
          unitCode: t.unit_code,
          unitPath: units.get(t.unit_code)!,
          planId: t.plan_id,
          taskCode: t.task_code,
          year: t.year,
          joint: plan.kind === 'joint',
          items: t.items,
          deadline: version.deadline,
        };
      }),
    claims: claims.map((c) => ({ unitCode: c.unit_code, unitPath: units.get(c.unit_code)!, itemName: c.name })),
    plans: plans
      .filter((p) => p.published_version !== null)
      .map((p) => ({
        unitCode: p.unit_code,
        unitPath: units.get(p.unit_code)!,
        year: p.year,
        filedOn: p.filed_at ? chinaDateOf(new Date(p.filed_at)) : null,
      })),
    filingDeadlines: deadlines.map((d) => ({ unitPath: units.get(d.unit_code)!, year: d.year, dueOn: d.due_on })),
    followups: followups.map((f) => ({
      unitCode: f.unit_code,
      year: results.find((r) => r.unit_code === f.unit_code && r.id === f.result_id)!.year,
      closed: f.status === 'closed',
    })),
    otherInspections: others.map((o) => ({ unitCode: o.unit_code, year: o.year, count: o.count })),
  };
}

function callerFor(scope: Awaited<ReturnType<typeof loadScope>>): Caller {
  return {
    userId: '00000000-0000-4000-8000-000000000000',
    username: 't',
    displayName: '测试',
    role: 'leader',
    scope,
    sessionTokenHash: '',
  };
}

describe.each(databases.map((d) => [d.name, d] as const))('统计指标 on %s', (_name, testDb: TestDatabase) => {
  let generated: GeneratedYear;

  beforeAll(async () => {
    await migrate(testDb.database);
    await loadReferenceData(testDb.database);
  }, 120_000);
  afterAll(() => testDb.dispose());

  it('the production SQL agrees with the rules over plain rows, for every unit, over generated years', async () => {
    const db = testDb.database.db;
    const calendar = await loadWorkingCalendar(db);
    for (const seed of [1, 2, 3]) {
      await sql`TRUNCATE indicator_other_inspections, followup_item, visit_result, visit, draw, plan_task, plan_version, plan,
                         check_item_claim, check_item, check_item_version, plan_filing_deadline, market_entity, org_unit CASCADE`.execute(
        db,
      );
      generated = await generateIndicatorYear(db, {
        seed,
        year: YEAR,
        cities: 2,
        countiesPerCity: 2,
        entitiesPerCounty: 60,
        tasksPerCounty: 4,
        drawsPerTask: 2,
        visitsPerDraw: 6,
      });
      const facts = await readFacts(testDb.database);
      expect(facts.results.length).toBeGreaterThan(20);
      const groups = await db.selectFrom('org_unit').select(['code', 'path']).execute();
      const counted = await countIndicatorsByGroup(db, groups, YEAR, calendar);
      for (const g of groups) {
        const scope = new Set(groups.filter((u) => u.path === g.path || u.path.startsWith(g.path + '.')).map((u) => u.code));
        const expected = countIndicators(facts, scope, YEAR, calendar);
        expect({ unit: g.code, counts: counted.get(g.code) }).toEqual({ unit: g.code, counts: expected });
      }
      // The generated years are not trivial: every indicator has something to count somewhere.
      const province = counted.get('140000')!;
      for (const key of INDICATOR_KEYS)
        if (key !== 'riskClassApplicationJoint' || seed !== 2) expect(province[key].denominator, key).toBeGreaterThan(0);
    }
  }, 240_000);

  it('lists exactly the rows a number counts', async () => {
    const db = testDb.database.db;
    const caller = callerFor(await loadScope(db, generated.cities[0]!));
    const view = await unitIndicators(db, caller, { unitCode: generated.cities[0]!, year: YEAR });
    for (const f of view.indicators) {
      for (const part of ['numerator', 'denominator'] as const) {
        const list = await indicatorList(db, caller, { unitCode: generated.cities[0]!, year: YEAR, key: f.key, part, offset: 0, limit: 5 });
        const expected = f.key === 'randomInspectionShare' && part === 'denominator' ? f.numerator : f[part];
        expect({ key: f.key, part, total: list.total }).toEqual({ key: f.key, part, total: expected });
      }
    }
    // The city's totals are counted from the rows, and the counties are shown side by side.
    expect(view.children.map((c) => c.unit.code)).toEqual(generated.counties.slice(0, 2));
  });

  it('applies a target set by a city to its counties, and keeps another city on the default', async () => {
    const db = testDb.database.db;
    const [cityA, cityB] = generated.cities;
    const caller = callerFor(await loadScope(db, cityA!));
    await setIndicatorTarget(db, caller, { unitCode: cityA!, key: 'riskClassApplication', target: 0.95 });
    const a = await unitIndicators(db, caller, { unitCode: cityA!, year: YEAR });
    expect(a.children[0]!.indicators.find((f) => f.key === 'riskClassApplication')!.target).toBe(0.95);
    const b = await unitIndicators(db, callerFor(await loadScope(db, cityB!)), { unitCode: cityB!, year: YEAR });
    expect(b.indicators.find((f) => f.key === 'riskClassApplication')!.target).toBe(0.9);
    const audit = await db.selectFrom('audit_log').select(['action']).where('unit_code', '=', cityA!).execute();
    expect(audit.map((x) => x.action)).toContain('indicator.target');
  });

  it('answers a sibling city and an unknown unit with the same NOT_FOUND', async () => {
    const db = testDb.database.db;
    const caller = callerFor(await loadScope(db, generated.cities[0]!));
    const sibling = await unitIndicators(db, caller, { unitCode: generated.cities[1]!, year: YEAR }).catch((e: unknown) => e);
    const none = await unitIndicators(db, caller, { unitCode: '999999', year: YEAR }).catch((e: unknown) => e);
    expect(sibling).toMatchObject({ code: 'NOT_FOUND' });
    expect((sibling as Error).message).toBe((none as Error).message);
  });
});
