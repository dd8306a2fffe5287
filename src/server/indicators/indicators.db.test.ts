// The production SQL of the indicators agrees with the plain statement of the rules
// (src/core/indicators/facts.ts, fed with the raw rows) over generated years — every unit, each
// with everything below it — on PGlite and, with DATABASE_URL, PostgreSQL. Also: the list behind
// a number has as many rows as the number; targets set by a city apply below it; reach.
import ExcelJS from '../files/exceljs.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countIndicators, INDICATOR_KEYS } from '../../core/indicators/index.ts';
import { migrate } from '../../db/migrate.ts';
import { loadReferenceData } from '../../db/reference-data.ts';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { readFacts } from '../../testing/indicatorFacts.ts';
import { generateIndicatorYear, type GeneratedYear } from '../../testing/indicatorYear.ts';
import { loadScope } from '../access/scope.ts';
import type { Caller } from '../http/route.ts';
import { loadWorkingCalendar } from '../results/calendar.ts';
import { countIndicatorsByGroup } from './indicatorCounts.ts';
import { setIndicatorTarget } from './indicatorCommands.ts';
import { executionNotice, indicatorReport } from './indicatorReport.ts';
import { executionWatch, indicatorList, indicatorTrend, unitIndicators } from './indicatorViews.ts';

const databases = await openTestDatabases();
const YEAR = 2025;
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

  it('the monthly trend of every indicator adds up to its card, from the same rows', async () => {
    const db = testDb.database.db;
    for (const unitCode of [generated.cities[0]!, generated.counties[0]!, '140000']) {
      const caller = callerFor(await loadScope(db, unitCode));
      const view = await unitIndicators(db, caller, { unitCode, year: YEAR });
      for (const f of view.indicators) {
        const trend = await indicatorTrend(db, caller, { unitCode, year: YEAR, key: f.key });
        const monthly = (part: 'numerator' | 'denominator') => trend.months.reduce((n, m) => n + m[part], 0);
        expect({ unitCode, key: f.key, numerator: monthly('numerator') + trend.carried.numerator + trend.later.numerator }).toEqual({
          unitCode,
          key: f.key,
          numerator: f.numerator,
        });
        expect({ unitCode, key: f.key, denominator: monthly('denominator') + trend.carried.denominator + trend.later.denominator }).toEqual(
          {
            unitCode,
            key: f.key,
            denominator: f.denominator,
          },
        );
        expect(trend.figure).toMatchObject({ value: f.value, target: f.target, light: f.light });
        // December's value to date is the card's value when nothing is dated after the year.
        if (trend.later.numerator === 0 && trend.later.denominator === 0) expect(trend.months[11]!.valueToDate).toBe(f.value);
      }
      // Dated facts land in months, not all in the carried bucket.
      const inspected = await indicatorTrend(db, caller, { unitCode, year: YEAR, key: 'resultPublication' });
      expect(inspected.months.filter((m) => m.denominator > 0).length, unitCode).toBeGreaterThan(1);
      expect(inspected.carried.denominator).toBe(0);
    }
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

  it('the 通报清单 lists exactly the flagged tasks of the watch, and sums them per unit', async () => {
    const db = testDb.database.db;
    const unitCode = generated.cities[0]!;
    const caller = callerFor(await loadScope(db, unitCode));
    const watch = await executionWatch(db, caller, { unitCode, year: YEAR });
    const notice = await executionNotice(db, caller, { unitCode, year: YEAR });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(notice.buffer as unknown as ArrayBuffer);
    const list = book.getWorksheet('通报清单')!;
    const rows = list.getSheetValues().slice(2) as unknown[][];
    const flagged = watch.items.filter((i) => i.flags.notExecuted || i.flags.overduePublication || i.flags.deadlineAtRisk);
    expect(rows.map((r) => `${String(r[1])}/${String(r[2])}`).sort()).toEqual(flagged.map((i) => `${i.unitName}/${i.taskCode}`).sort());
    expect(notice.flagged).toBe(flagged.length);
    expect(flagged.length).toBeGreaterThan(0);
    const summary = book.getWorksheet('按单位汇总')!.getSheetValues().slice(2) as unknown[][];
    const units = new Set(watch.items.map((i) => i.unitName));
    expect(summary.map((r) => String(r[1])).sort()).toEqual([...units].sort());
    const notExecuted = summary.reduce((n, r) => n + Number(r[3]), 0);
    expect(notExecuted).toBe(watch.items.filter((i) => i.flags.notExecuted).length);
    // The 统计报表 carries the same watch as its last sheet.
    const report = new ExcelJS.Workbook();
    await report.xlsx.load((await indicatorReport(db, caller, { unitCode, year: YEAR })).buffer as unknown as ArrayBuffer);
    expect(report.getWorksheet('执行情况通报')!.rowCount - 1).toBe(watch.items.length);
    // Each 明细 sheet (written by the streaming writer) lists the card's rows: its denominator's,
    // for 抽查企业覆盖率 its numerator's, for 抽查户次占比 its results (a generated year stays below
    // the report's cap).
    const view = await unitIndicators(db, caller, { unitCode, year: YEAR });
    const lists = report.worksheets.filter((w) => w.name.startsWith('明细-'));
    expect(lists.map((w) => w.rowCount - 1)).toEqual(
      view.indicators.map((f) => (f.key === 'entityCoverage' || f.key === 'randomInspectionShare' ? f.numerator : f.denominator)),
    );
    // … and they are the drill-down's rows (the report cuts each list from its family read once).
    for (const [i, f] of view.indicators.entries()) {
      const part = f.key === 'entityCoverage' ? 'numerator' : 'denominator';
      const drill = await indicatorList(db, caller, { unitCode, year: YEAR, key: f.key, part, offset: 0, limit: 500 });
      const sheet = (lists[i]!.getSheetValues().slice(2) as unknown[][]).map((r) => [r[1], r[2], r[3], r[4] ?? null, r[5] ?? ''].join('|'));
      expect(sheet.sort(), f.key).toEqual(drill.rows.map((r) => [r.unitName, r.code, r.name, r.date, r.note].join('|')).sort());
    }
    // Out of reach: the same NOT_FOUND as for any unit the caller does not reach.
    await expect(executionNotice(db, caller, { unitCode: generated.cities[1]!, year: YEAR })).rejects.toMatchObject({ code: 'NOT_FOUND' });
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
