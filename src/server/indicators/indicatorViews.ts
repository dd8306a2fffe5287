// 统计分析 read views (docs/indicators.md): a unit's indicators with its subordinate units side by
// side, the monthly trend, the list behind any number (the same rows the number counts), and the
// execution watch of the upper level. Every view starts with loadIndicatorUnitFor.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  indicatorDefinition,
  indicatorDefinitions,
  indicatorFigure,
  indicatorFigures,
  INDICATOR_KEYS,
  type IndicatorFigure,
  type IndicatorKey,
} from '../../core/indicators/index.ts';
import { publicationDue } from '../../core/results/deadlines.ts';
import { todayInChina } from '../clock.ts';
import type { Caller } from '../http/route.ts';
import { loadWorkingCalendar } from '../results/calendar.ts';
import { cachedAnswer } from './indicatorCache.ts';
import { countIndicatorsByGroup } from './indicatorCounts.ts';
import * as fragments from './indicatorRows.ts';
import { groupMembers, publicationDues, type MemberGroup, type PublicationDue, type UnitGroup } from './indicatorRows.ts';
import { targetsFor } from './indicatorTargetViews.ts';
import { loadIndicatorUnitFor, type IndicatorUnit } from './policy.ts';

type Db = Kysely<DB>;

export interface IndicatorView extends IndicatorFigure {
  group: string;
  numeratorLabel: string;
  denominatorLabel: string;
  direction: string;
}

export interface UnitIndicators {
  unit: { code: string; name: string; kind: string };
  year: number;
  indicators: IndicatorView[];
}

function views(figures: IndicatorFigure[]): IndicatorView[] {
  return figures.map((f) => {
    const def = indicatorDefinition(f.key);
    return { ...f, group: def.group, numeratorLabel: def.numeratorLabel, denominatorLabel: def.denominatorLabel, direction: def.direction };
  });
}

/** Every indicator for several groups at once, from the cache while no fact has changed (indicatorCache.ts). */
export function indicatorsForGroups(db: Db, groups: readonly UnitGroup[], year: number) {
  return cachedAnswer(db, ['figures', year, groups.map((g) => [g.code, g.path])], () => computeIndicatorsForGroups(db, groups, year));
}

/** Every indicator for several groups at once (one query per family of rows), computed afresh. */
export async function computeIndicatorsForGroups(db: Db, groups: readonly UnitGroup[], year: number) {
  const calendar = await loadWorkingCalendar(db);
  const [counts, targets] = await Promise.all([countIndicatorsByGroup(db, groups, year, calendar), targetsFor(db, groups)]);
  return new Map(groups.map((g) => [g.code, views(indicatorFigures(counts.get(g.code)!, targets.get(g.code) ?? {}))]));
}

async function childrenOf(db: Db, unit: IndicatorUnit) {
  return db
    .selectFrom('org_unit')
    .select(['code', 'name', 'kind', 'path'])
    .where('parent_code', '=', unit.code)
    .where('kind', '!=', 'department')
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

/** The unit's indicators, and each unit directly below it side by side (each with everything below it). */
export async function unitIndicators(db: Db, caller: Caller, input: { unitCode: string; year: number }) {
  const unit = await loadIndicatorUnitFor(db, caller, input.unitCode, 'read');
  const children = await childrenOf(db, unit);
  const groups = [unit, ...children];
  const figures = await indicatorsForGroups(db, groups, input.year);
  const of = (u: IndicatorUnit): UnitIndicators => ({
    unit: { code: u.code, name: u.name, kind: u.kind },
    year: input.year,
    indicators: figures.get(u.code)!,
  });
  return { ...of(unit), children: children.map(of), definitions: indicatorDefinitions.map((d) => ({ ...d })) };
}

/** Indicators of one unit for the CLI and the report. */
export async function indicatorsOfUnit(db: Db, caller: Caller, input: { unitCode: string; year: number }): Promise<UnitIndicators> {
  const unit = await loadIndicatorUnitFor(db, caller, input.unitCode, 'read');
  const figures = await indicatorsForGroups(db, [unit], input.year);
  return { unit: { code: unit.code, name: unit.name, kind: unit.kind }, year: input.year, indicators: figures.get(unit.code)! };
}

/**
 * 月度趋势 of one indicator (docs/indicators.md): per month of the year, the rows that entered its
 * numerator and its denominator that month — by the date of the fact (inspected, published, drawn,
 * filed, closed …) — and the value to date. The rows are the card's own (partRows, the list's
 * fragments), so the months and the two other buckets add up to the card's numbers: `carried`
 * holds rows without a date of their own (registered enterprises, claims, tasks, reported counts)
 * or dated before the year, counted from January; `later` rows dated after the year (a 2025
 * result published in January 2026), counted only in the year's total.
 */
export async function indicatorTrend(db: Db, caller: Caller, input: { unitCode: string; year: number; key: IndicatorKey }) {
  const unit = await loadIndicatorUnitFor(db, caller, input.unitCode, 'read');
  return cachedAnswer(db, ['trend', unitKey(unit), input.year, input.key], () => trendOf(db, unit, input));
}

/** The parts of a unit that its answers depend on (its name is shown, its path chooses the rows). */
const unitKey = (unit: IndicatorUnit) => [unit.code, unit.path, unit.name, unit.kind];

async function trendOf(db: Db, unit: IndicatorUnit, input: { year: number; key: IndicatorKey }) {
  const groups = await groupMembers(db, [unit]);
  const [numerator, denominator, targets] = await Promise.all([
    monthBuckets(db, input.key, 'numerator', groups, input.year),
    monthBuckets(db, input.key, 'denominator', groups, input.year),
    targetsFor(db, [unit]),
  ]);
  if (input.key === 'randomInspectionShare') {
    // The reported routine inspections belong to the year, not to a month.
    const others = await sql<{
      n: string | null;
    }>`SELECT sum(count) AS n FROM (${fragments.otherInspectionRows(groups, input.year)}) o`.execute(db);
    denominator[0]! += Number(others.rows[0]?.n ?? 0);
  }
  const count = (m: number) => ({ numerator: numerator[m]!, denominator: denominator[m]! });
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const total = { numerator: sum(numerator), denominator: sum(denominator) };
  const target = targets.get(unit.code)?.[input.key];
  const figure = indicatorFigure(input.key, total, target === undefined ? indicatorDefinition(input.key).defaultTarget : target);
  let cumulative = count(0);
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    cumulative = { numerator: cumulative.numerator + numerator[month]!, denominator: cumulative.denominator + denominator[month]! };
    return { month, ...count(month), valueToDate: cumulative.denominator === 0 ? null : cumulative.numerator / cumulative.denominator };
  });
  return {
    unit: { code: unit.code, name: unit.name },
    year: input.year,
    key: input.key,
    name: figure.name,
    months,
    carried: count(0),
    later: count(13),
    figure: {
      numerator: figure.numerator,
      denominator: figure.denominator,
      value: figure.value,
      target: figure.target,
      light: figure.light,
    },
  };
}

/** Row counts of one part of an indicator per month bucket: 0 undated or before the year, 1–12 its month, 13 after the year. */
async function monthBuckets(db: Db, key: IndicatorKey, part: Part, groups: MemberGroup[], year: number): Promise<number[]> {
  const out = Array.from({ length: 14 }, () => 0);
  const { base, where, on } = await partRows(db, key, part, groups, year);
  const dated = sql.raw(on ?? 'NULL::text');
  const rows = (
    await sql<{ m: number; n: string }>`
      SELECT CASE WHEN ${dated} IS NULL OR ${dated} < ${`${year}-01-01`} THEN 0
                  WHEN ${dated} > ${`${year}-12-31`} THEN 13
                  ELSE substr(${dated}, 6, 2)::int END AS m,
             count(*) AS n
        FROM (${base}) b WHERE ${where} GROUP BY 1`.execute(db)
  ).rows;
  for (const r of rows) out[Number(r.m)]! += Number(r.n);
  return out;
}

export interface DrillRow {
  unitName: string;
  code: string;
  name: string;
  date: string | null;
  note: string;
}

type Family = 'results' | 'inspected' | 'enterprises' | 'draws' | 'tasks' | 'claims' | 'plans' | 'followups';

/**
 * Which rows an indicator counts, the condition for the denominator and the numerator, and the
 * date that places a row in a month of the trend (docs/indicators.md, 月度趋势): null when the rows
 * have no date of their own (registered enterprises, claims, tasks).
 */
const drill: Record<IndicatorKey, { family: Family; den: string; num: string; denOn: string | null; numOn: string | null }> = {
  entityCoverage: { family: 'enterprises', den: 'true', num: 'enterprise', denOn: null, numOn: 'first_checked_on' },
  resultPublication: {
    family: 'results',
    den: 'finished',
    num: 'finished AND published_on IS NOT NULL',
    denOn: 'checked_on',
    numOn: 'published_on',
  },
  timelyPublication: {
    family: 'results',
    den: 'published_on IS NOT NULL AND due IS NOT NULL',
    num: 'published_on IS NOT NULL AND due IS NOT NULL AND published_on <= due',
    denOn: 'published_on',
    numOn: 'published_on',
  },
  riskClassApplication: {
    family: 'draws',
    den: 'classified AND NOT joint',
    num: 'classified AND NOT joint AND uses_classes',
    denOn: 'drawn_on',
    numOn: 'drawn_on',
  },
  riskClassApplicationJoint: {
    family: 'draws',
    den: 'classified AND joint',
    num: 'classified AND joint AND uses_classes',
    denOn: 'drawn_on',
    numOn: 'drawn_on',
  },
  itemCoverage: { family: 'claims', den: 'true', num: 'covered', denOn: null, numOn: null },
  jointSupervision: { family: 'tasks', den: 'true', num: 'joint', denOn: null, numOn: null },
  riskDifferentiation: { family: 'draws', den: 'classified', num: 'classified AND differentiated', denOn: 'drawn_on', numOn: 'drawn_on' },
  repeatInspection: { family: 'inspected', den: 'true', num: 'times > 1', denOn: 'first_checked_on', numOn: 'last_checked_on' },
  lowRiskRepeat: {
    family: 'inspected',
    den: 'low_risk',
    num: 'low_risk AND times > 1',
    denOn: 'first_checked_on',
    numOn: 'last_checked_on',
  },
  problemFinding: { family: 'results', den: 'finished', num: 'finished AND problem', denOn: 'checked_on', numOn: 'checked_on' },
  problemDisposal: { family: 'followups', den: 'true', num: 'closed', denOn: 'opened_on', numOn: 'closed_on' },
  randomInspectionShare: { family: 'results', den: 'finished', num: 'finished', denOn: 'checked_on', numOn: 'checked_on' },
  planCompletion: { family: 'tasks', den: 'true', num: 'completed', denOn: null, numOn: null },
  planFilingTimeliness: { family: 'plans', den: 'due', num: 'on_time', denOn: 'due_on', numOn: 'filed_on' },
};

type Part = 'numerator' | 'denominator';

/**
 * The rows behind one part of one indicator: their family's fragment, the condition, the dating
 * column. 按时公示率 needs the publication due dates (publicationDues) and reads them here.
 */
async function partRows(db: Db, key: IndicatorKey, part: Part, groups: MemberGroup[], year: number) {
  const rule = drill[key];
  const on = part === 'numerator' ? rule.numOn : rule.denOn;
  // Only 按时公示率 reads the task's end and its due date (a join of its own in the results' fragment).
  const dues = key === 'timelyPublication' ? await publicationDues(db, year, await loadWorkingCalendar(db)) : undefined;
  return { base: familyRows(familyOf(key, part), groups, year, dues), where: partCondition(key, part), on };
}

/** The family of rows one part of an indicator lists. */
function familyOf(key: IndicatorKey, part: Part): Family {
  // Entity coverage's numerator lists the inspected enterprises (the denominator, the registered ones).
  return key === 'entityCoverage' && part === 'numerator' ? 'inspected' : drill[key].family;
}

const partCondition = (key: IndicatorKey, part: Part) => sql.raw(part === 'numerator' ? drill[key].num : drill[key].den);

function familyRows(family: Family, groups: MemberGroup[], year: number, dues?: readonly PublicationDue[]) {
  switch (family) {
    case 'results':
      return sql`SELECT unit_name, uscc AS code, entity_name AS name, COALESCE(published_on, checked_on) AS date,
                        concat_ws('；', '任务 ' || task_code, '检查 ' || checked_on, '公示 ' || published_on, CASE WHEN problem THEN '发现问题' END,
                                  CASE WHEN stopped_on IS NOT NULL THEN '已停止公示' END) AS note,
                        finished, checked_on, published_on, due, problem, stopped_on
                   FROM (${fragments.resultRows(groups, year, { dues })}) x`;
    case 'inspected':
      // Entity coverage's numerator lists the inspected enterprises (the denominator, the registered ones).
      return sql`SELECT '' AS unit_name, uscc AS code, entity_name AS name, NULL::text AS date, '检查 ' || times || ' 次' AS note,
                        times, low_risk, enterprise, first_checked_on, last_checked_on FROM (${fragments.inspectedEntityRows(groups, year)}) x`;
    case 'enterprises':
      return sql`SELECT unit_name, uscc AS code, entity_name AS name, NULL::text AS date, COALESCE('风险类别 ' || risk_class, '') AS note
                   FROM (${fragments.activeEnterpriseRows(groups)}) x`;
    case 'draws':
      return sql`SELECT unit_name, draw_code AS code, '任务 ' || task_code AS name, drawn_on AS date,
                        concat_ws('；', CASE WHEN joint THEN '部门联合' END, CASE WHEN uses_classes THEN '按风险分类抽取' ELSE '未分类抽取' END,
                                  CASE WHEN differentiated THEN '差异化' END) AS note,
                        joint, classified, uses_classes, differentiated, drawn_on FROM (${fragments.drawRows(groups, year)}) x`;
    case 'tasks':
      return sql`SELECT unit_name, task_code AS code, task_name AS name, deadline AS date,
                        concat_ws('；', CASE WHEN joint THEN '部门联合' END, CASE WHEN completed THEN '已按期完成' ELSE '未按期完成' END) AS note,
                        joint, completed FROM (${fragments.taskRows(groups, year)}) x`;
    case 'claims':
      return sql`SELECT unit_name, item_code AS code, item_name AS name, NULL::text AS date, CASE WHEN covered THEN '已安排任务' ELSE '未安排任务' END AS note,
                        covered FROM (${fragments.claimRows(groups, year)}) x`;
    case 'plans':
      return sql`SELECT unit_name, unit_code AS code, CASE kind WHEN 'joint' THEN '部门联合抽查计划' ELSE '年度抽查计划' END AS name, filed_on AS date,
                        concat_ws('；', '备案截止 ' || due_on, CASE WHEN filed_on IS NULL THEN '未备案' END) AS note,
                        due, on_time, filed_on, due_on FROM (${fragments.planRows(groups, year)}) x`;
    case 'followups':
      return sql`SELECT unit_name, uscc AS code, entity_name || '（' || item_name || '）' AS name, opened_on AS date,
                        CASE WHEN closed THEN '已完结 ' || closed_on ELSE '未完结' END AS note, closed, opened_on, closed_on
                   FROM (${fragments.followupRows(groups, year)}) x`;
  }
}

/**
 * The rows behind one number: the denominator's or the numerator's, paged in SQL. 按时公示率's rows
 * are judged against the same publication due dates as its count (publicationDues).
 */
export async function indicatorList(
  db: Db,
  caller: Caller,
  input: { unitCode: string; year: number; key: IndicatorKey; part: Part; offset: number; limit: number },
) {
  const unit = await loadIndicatorUnitFor(db, caller, input.unitCode, 'read');
  const question = ['list', unitKey(unit), input.year, input.key, input.part, input.offset, input.limit];
  const { total, rows } = await cachedAnswer(db, question, () => listRows(db, unit, input));
  return { total: total ?? 0, rows };
}

/** indicatorList's rows for a unit already checked; `withTotal: false` leaves out the count (the report's lists). */
export async function listRows(
  db: Db,
  unit: UnitGroup,
  input: { year: number; key: IndicatorKey; part: Part; offset: number; limit: number },
  { withTotal = true } = {},
): Promise<{ total: number | null; rows: DrillRow[] }> {
  const { base, where } = await partRows(db, input.key, input.part, await groupMembers(db, [unit]), input.year);
  const [total, page] = await Promise.all([
    withTotal ? sql<{ n: string }>`SELECT count(*) AS n FROM (${base}) b WHERE ${where}`.execute(db) : null,
    sql<SqlDrillRow>`SELECT * FROM (${base}) b WHERE ${where} ORDER BY code, name LIMIT ${input.limit} OFFSET ${input.offset}`.execute(db),
  ]);
  return { total: total === null ? null : Number(total.rows[0]?.n ?? 0), rows: page.rows.map(drillRow) };
}

/**
 * The first `limit` rows of several lists at once (the 统计报表's 明细 sheets): each family of rows
 * is computed once and every list of that family is cut from it, with the drill-down's condition
 * and order (listRows), so a sheet holds the rows the console lists. One promise per list, kept
 * when its family is read, so the first sheets can be written while later families are read.
 */
export function listsOfFamilies(
  db: Db,
  unit: UnitGroup,
  year: number,
  lists: readonly { key: IndicatorKey; part: Part }[],
  limit: number,
): Promise<DrillRow[]>[] {
  const groups = groupMembers(db, [unit]);
  const dues = lists.some((l) => l.key === 'timelyPublication') ? loadWorkingCalendar(db).then((c) => publicationDues(db, year, c)) : null;
  const byFamily = new Map<Family, number[]>();
  lists.forEach((l, i) => byFamily.set(familyOf(l.key, l.part), [...(byFamily.get(familyOf(l.key, l.part)) ?? []), i]));
  const out: Promise<DrillRow[]>[] = [];
  for (const [family, indexes] of byFamily) {
    const read = (async () => {
      const cuts = indexes.map(
        (i) => sql`(SELECT ${i}::int AS list, row_number() OVER (ORDER BY code, name) AS rank, unit_name, code, name, date, note
                      FROM family WHERE ${partCondition(lists[i]!.key, lists[i]!.part)} ORDER BY code, name LIMIT ${limit})`,
      );
      const base = familyRows(family, await groups, year, family === 'results' ? ((await dues) ?? undefined) : undefined);
      const { rows } = await sql<SqlDrillRow & { list: number; rank: string }>`
        WITH family AS MATERIALIZED (${base}) ${sql.join(cuts, sql` UNION ALL `)}`.execute(db);
      rows.sort((a, b) => a.list - b.list || Number(a.rank) - Number(b.rank));
      const cut = new Map<number, DrillRow[]>(indexes.map((i) => [i, []]));
      for (const r of rows) cut.get(Number(r.list))!.push(drillRow(r));
      return cut;
    })();
    for (const i of indexes) out[i] = read.then((cut) => cut.get(i)!);
  }
  return out;
}

interface SqlDrillRow {
  unit_name: string | null;
  code: string;
  name: string | null;
  date: string | null;
  note: string | null;
}

function drillRow(r: SqlDrillRow): DrillRow {
  return {
    unitName: String(r.unit_name ?? ''),
    code: String(r.code),
    name: String(r.name ?? ''),
    date: r.date === null || r.date === undefined ? null : String(r.date),
    note: String(r.note ?? ''),
  };
}

export const indicatorKeys = INDICATOR_KEYS;

/**
 * 执行情况监测: per task of the published plans of the units below (and the unit itself) — draws
 * committed and done, visits, inspections finished, results published, publications overdue —
 * with the flags 只计划不执行 (past the middle of the task period without a draw), 公示逾期 and
 * 完成时限临近 (the plan's deadline within 20 working days and the task not completed).
 */
export async function executionWatch(db: Db, caller: Caller, input: { unitCode: string; year: number }) {
  const unit = await loadIndicatorUnitFor(db, caller, input.unitCode, 'read');
  return cachedAnswer(db, ['watch', unitKey(unit), input.year], () => watchOf(db, unit, input.year));
}

/** The execution watch of a unit already checked, computed afresh. */
export async function watchOf(db: Db, unit: IndicatorUnit, year: number) {
  const input = { year };
  const today = todayInChina();
  const calendar = await loadWorkingCalendar(db);
  const tasks = (
    await sql<{
      unit_code: string;
      unit_name: string;
      task_code: string;
      task_name: string;
      period_start: string | null;
      period_end: string | null;
      deadline: string;
      completed: boolean;
      committed: string;
      drawn: string;
      visits: string;
      finished: string;
      published: string;
    }>`
      SELECT t.unit_code, t.unit_name, t.task_code, t.task_name, t.period_start, t.period_end,
             t.deadline, t.completed, t.committed, t.drawn, t.visits, t.finished, t.published
        FROM (${fragments.taskRows(await groupMembers(db, [unit]), input.year)}) t
       ORDER BY t.unit_code, t.task_code`.execute(db)
  ).rows;
  const items = tasks.map((t) => {
    const visits = Number(t.visits);
    const published = Number(t.published);
    const mid = t.period_start && t.period_end ? middleOf(t.period_start, t.period_end) : null;
    const notExecuted = Number(t.committed) === 0 && mid !== null && today > mid;
    const due = t.period_end ? publicationDue(calendar, t.period_end) : null;
    const overdue = due?.known === true && today > due.due ? visits - published : 0;
    let deadlineAtRisk = false;
    if (!t.completed && today <= t.deadline) {
      try {
        deadlineAtRisk = calendar.workingDaysBetween(today, t.deadline) <= 20;
      } catch {
        deadlineAtRisk = false; // a year without holiday data: no warning rather than a guess
      }
    }
    return {
      unitCode: t.unit_code,
      unitName: t.unit_name,
      taskCode: t.task_code,
      taskName: t.task_name,
      periodStart: t.period_start,
      periodEnd: t.period_end,
      deadline: t.deadline,
      committed: Number(t.committed),
      drawn: Number(t.drawn),
      visits,
      finished: Number(t.finished),
      published,
      overdue,
      completed: t.completed,
      flags: {
        notExecuted,
        overduePublication: overdue > 0,
        deadlineAtRisk,
      },
    };
  });
  return { unit: { code: unit.code, name: unit.name }, year: input.year, today, items };
}

function middleOf(start: string, end: string): string {
  const a = Date.parse(`${start}T00:00:00Z`);
  const b = Date.parse(`${end}T00:00:00Z`);
  return new Date(a + Math.floor((b - a) / 86_400_000 / 2) * 86_400_000).toISOString().slice(0, 10);
}
