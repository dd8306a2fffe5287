// 统计分析 read views (docs/indicators.md): a unit's indicators with its subordinate units side by
// side, the monthly trend, the list behind any number (the same rows the number counts), and the
// execution watch of the upper level. Every view starts with loadIndicatorUnitFor.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  indicatorDefinition,
  indicatorDefinitions,
  indicatorFigures,
  INDICATOR_KEYS,
  type IndicatorFigure,
  type IndicatorKey,
} from '../../core/indicators/index.ts';
import { publicationDue, publicationTimeliness } from '../../core/results/deadlines.ts';
import type { WorkingCalendar } from '../../core/calendar/index.ts';
import { todayInChina } from '../clock.ts';
import type { Caller } from '../http/route.ts';
import { loadWorkingCalendar } from '../results/calendar.ts';
import { countIndicatorsByGroup } from './indicatorCounts.ts';
import {
  activeEnterpriseRows,
  claimRows,
  drawRows,
  followupRows,
  inspectedEntityRows,
  planRows,
  resultRows,
  taskRows,
  type UnitGroup,
} from './indicatorRows.ts';
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

/** Targets per group: the nearest unit at or above the group's unit that set one, else the default. */
async function targetsFor(db: Db, groups: readonly UnitGroup[]): Promise<Map<string, Partial<Record<IndicatorKey, number>>>> {
  const rows = await db
    .selectFrom('indicator_target as t')
    .innerJoin('org_unit as u', 'u.code', 't.unit_code')
    .select(['u.path', 't.indicator', 't.target'])
    .execute();
  const out = new Map<string, Partial<Record<IndicatorKey, number>>>();
  for (const g of groups) {
    const best = new Map<string, { depth: number; target: number }>();
    for (const r of rows) {
      if (!(g.path === r.path || g.path.startsWith(r.path + '.'))) continue;
      const seen = best.get(r.indicator);
      if (!seen || r.path.length > seen.depth) best.set(r.indicator, { depth: r.path.length, target: Number(r.target) });
    }
    out.set(g.code, Object.fromEntries([...best].map(([k, v]) => [k, v.target])) as Partial<Record<IndicatorKey, number>>);
  }
  return out;
}

function views(figures: IndicatorFigure[]): IndicatorView[] {
  return figures.map((f) => {
    const def = indicatorDefinition(f.key);
    return { ...f, group: def.group, numeratorLabel: def.numeratorLabel, denominatorLabel: def.denominatorLabel, direction: def.direction };
  });
}

/** Every indicator for several groups at once (one query per family of rows). */
export async function indicatorsForGroups(db: Db, groups: readonly UnitGroup[], year: number, calendar?: WorkingCalendar) {
  const cal = calendar ?? (await loadWorkingCalendar(db));
  const [counts, targets] = await Promise.all([countIndicatorsByGroup(db, groups, year, cal), targetsFor(db, groups)]);
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

/** Per month of the year: inspections finished, results published, problems found, draws done. */
export async function indicatorTrend(db: Db, caller: Caller, input: { unitCode: string; year: number }) {
  const unit = await loadIndicatorUnitFor(db, caller, input.unitCode, 'read');
  const groups = [unit];
  const results = (
    await sql<{ month: number; finished: string; problems: string }>`
      SELECT extract(month FROM checked_on::date)::int AS month, count(*) AS finished, count(*) FILTER (WHERE problem) AS problems
        FROM (${resultRows(groups, input.year)}) r WHERE finished AND extract(year FROM checked_on::date) = ${input.year} GROUP BY 1`.execute(
      db,
    )
  ).rows;
  const published = (
    await sql<{ month: number; n: string }>`
      SELECT extract(month FROM published_on::date)::int AS month, count(*) AS n
        FROM (${resultRows(groups, input.year)}) r WHERE finished AND extract(year FROM published_on::date) = ${input.year} GROUP BY 1`.execute(
      db,
    )
  ).rows;
  const draws = (
    await sql<{ month: number; n: string }>`
      SELECT extract(month FROM drawn_on::date)::int AS month, count(*) AS n
        FROM (${drawRows(groups, input.year)}) d WHERE extract(year FROM drawn_on::date) = ${input.year} GROUP BY 1`.execute(db)
  ).rows;
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  let cumFinished = 0;
  let cumPublished = 0;
  return {
    unit: { code: unit.code, name: unit.name },
    year: input.year,
    months: months.map((month) => {
      const r = results.find((x) => x.month === month);
      const finished = Number(r?.finished ?? 0);
      const pub = Number(published.find((x) => x.month === month)?.n ?? 0);
      cumFinished += finished;
      cumPublished += pub;
      return {
        month,
        finished,
        published: pub,
        problems: Number(r?.problems ?? 0),
        draws: Number(draws.find((x) => x.month === month)?.n ?? 0),
        /** 截至当月的检查结果公示率: published so far ÷ finished so far. */
        publicationRateToDate: cumFinished === 0 ? null : Math.min(1, cumPublished / cumFinished),
      };
    }),
  };
}

export interface DrillRow {
  unitName: string;
  code: string;
  name: string;
  date: string | null;
  note: string;
}

type Family = 'results' | 'inspected' | 'enterprises' | 'draws' | 'tasks' | 'claims' | 'plans' | 'followups';

/** Which rows an indicator counts, and the condition for the denominator and the numerator. */
const drill: Record<IndicatorKey, { family: Family; den: string; num: string }> = {
  entityCoverage: { family: 'enterprises', den: 'true', num: 'enterprise' },
  resultPublication: { family: 'results', den: 'finished', num: 'finished AND published_on IS NOT NULL' },
  timelyPublication: {
    family: 'results',
    den: 'published_on IS NOT NULL AND period_end IS NOT NULL',
    num: 'published_on IS NOT NULL AND period_end IS NOT NULL',
  },
  riskClassApplication: { family: 'draws', den: 'classified AND NOT joint', num: 'classified AND NOT joint AND uses_classes' },
  riskClassApplicationJoint: { family: 'draws', den: 'classified AND joint', num: 'classified AND joint AND uses_classes' },
  itemCoverage: { family: 'claims', den: 'true', num: 'covered' },
  jointSupervision: { family: 'tasks', den: 'true', num: 'joint' },
  riskDifferentiation: { family: 'draws', den: 'classified', num: 'classified AND differentiated' },
  repeatInspection: { family: 'inspected', den: 'true', num: 'times > 1' },
  lowRiskRepeat: { family: 'inspected', den: 'low_risk', num: 'low_risk AND times > 1' },
  problemFinding: { family: 'results', den: 'finished', num: 'finished AND problem' },
  problemDisposal: { family: 'followups', den: 'true', num: 'closed' },
  randomInspectionShare: { family: 'results', den: 'finished', num: 'finished' },
  planCompletion: { family: 'tasks', den: 'true', num: 'completed' },
  planFilingTimeliness: { family: 'plans', den: 'due', num: 'on_time' },
};

function familyRows(family: Family, groups: UnitGroup[], year: number) {
  switch (family) {
    case 'results':
      return sql`SELECT unit_name, uscc AS code, entity_name AS name, COALESCE(published_on, checked_on) AS date,
                        concat_ws('；', '任务 ' || task_code, '检查 ' || checked_on, '公示 ' || published_on, CASE WHEN problem THEN '发现问题' END,
                                  CASE WHEN stopped_on IS NOT NULL THEN '已停止公示' END) AS note,
                        finished, published_on, period_end, problem, stopped_on
                   FROM (${resultRows(groups, year)}) x`;
    case 'inspected':
      // Entity coverage's numerator lists the inspected enterprises (the denominator, the registered ones).
      return sql`SELECT '' AS unit_name, uscc AS code, entity_name AS name, NULL::text AS date, '检查 ' || times || ' 次' AS note,
                        times, low_risk, enterprise FROM (${inspectedEntityRows(groups, year)}) x`;
    case 'enterprises':
      return sql`SELECT unit_name, uscc AS code, entity_name AS name, NULL::text AS date, COALESCE('风险类别 ' || risk_class, '') AS note
                   FROM (${activeEnterpriseRows(groups)}) x`;
    case 'draws':
      return sql`SELECT unit_name, draw_code AS code, '任务 ' || task_code AS name, drawn_on AS date,
                        concat_ws('；', CASE WHEN joint THEN '部门联合' END, CASE WHEN uses_classes THEN '按风险分类抽取' ELSE '未分类抽取' END,
                                  CASE WHEN differentiated THEN '差异化' END) AS note,
                        joint, classified, uses_classes, differentiated FROM (${drawRows(groups, year)}) x`;
    case 'tasks':
      return sql`SELECT unit_name, task_code AS code, task_name AS name, deadline AS date,
                        concat_ws('；', CASE WHEN joint THEN '部门联合' END, CASE WHEN completed THEN '已按期完成' ELSE '未按期完成' END) AS note,
                        joint, completed FROM (${taskRows(groups, year)}) x`;
    case 'claims':
      return sql`SELECT unit_name, item_code AS code, item_name AS name, NULL::text AS date, CASE WHEN covered THEN '已安排任务' ELSE '未安排任务' END AS note,
                        covered FROM (${claimRows(groups, year)}) x`;
    case 'plans':
      return sql`SELECT unit_name, unit_code AS code, CASE kind WHEN 'joint' THEN '部门联合抽查计划' ELSE '年度抽查计划' END AS name, filed_on AS date,
                        concat_ws('；', '备案截止 ' || due_on, CASE WHEN filed_on IS NULL THEN '未备案' END) AS note,
                        due, on_time FROM (${planRows(groups, year)}) x`;
    case 'followups':
      return sql`SELECT unit_name, uscc AS code, entity_name || '（' || item_name || '）' AS name, opened_on AS date,
                        CASE WHEN closed THEN '已完结 ' || closed_on ELSE '未完结' END AS note, closed FROM (${followupRows(groups, year)}) x`;
  }
}

/**
 * The rows behind one number: the denominator's or the numerator's, paged. 按时公示率's rows are
 * judged by the working-day calendar here, as its count is.
 */
export async function indicatorList(
  db: Db,
  caller: Caller,
  input: { unitCode: string; year: number; key: IndicatorKey; part: 'numerator' | 'denominator'; offset: number; limit: number },
) {
  const unit = await loadIndicatorUnitFor(db, caller, input.unitCode, 'read');
  const rule = drill[input.key];
  const family: Family = input.key === 'entityCoverage' && input.part === 'numerator' ? 'inspected' : rule.family;
  const where = sql.raw(input.part === 'numerator' ? rule.num : rule.den);
  const base = familyRows(family, [unit], input.year);
  if (input.key === 'timelyPublication') {
    const calendar = await loadWorkingCalendar(db);
    const all = (
      await sql<
        SqlDrillRow & { published_on: string; period_end: string }
      >`SELECT * FROM (${base}) b WHERE ${where} ORDER BY code, name`.execute(db)
    ).rows;
    const judged = all.filter((r) => {
      const t = publicationTimeliness(calendar, r.period_end, r.published_on);
      return t !== 'unknown' && (input.part === 'denominator' || t === 'onTime');
    });
    return { total: judged.length, rows: judged.slice(input.offset, input.offset + input.limit).map(drillRow) };
  }
  const [total, page] = await Promise.all([
    sql<{ n: string }>`SELECT count(*) AS n FROM (${base}) b WHERE ${where}`.execute(db),
    sql<SqlDrillRow>`SELECT * FROM (${base}) b WHERE ${where} ORDER BY code, name LIMIT ${input.limit} OFFSET ${input.offset}`.execute(db),
  ]);
  return { total: Number(total.rows[0]?.n ?? 0), rows: page.rows.map(drillRow) };
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
      SELECT t.unit_code, t.unit_name, t.task_code, t.task_name, pt.period_start::text AS period_start, pt.period_end::text AS period_end,
             t.deadline, t.completed, t.committed, t.drawn, t.visits, t.finished, t.published
        FROM (${taskRows([unit], input.year)}) t
        JOIN plan p ON p.unit_code = t.unit_code AND p.id = t.plan_id
        JOIN plan_task pt ON pt.unit_code = t.unit_code AND pt.plan_id = t.plan_id AND pt.version_no = p.published_version AND pt.task_code = t.task_code
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
