// Counting every indicator for several groups of units at once (docs/indicators.md), from the row
// fragments of indicatorRows.ts. Each family is one aggregate query grouped by group; 按时公示率's
// working-day rule is applied once per task end (publicationDues) and handed to the SQL.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { WorkingCalendar } from '../../core/calendar/index.ts';
import { zeroCounts, type IndicatorCounts } from '../../core/indicators/index.ts';
import {
  activeEnterpriseCounts,
  claimRows,
  drawRows,
  followupRows,
  groupMembers,
  inspectedEntityRows,
  otherInspectionRows,
  planRows,
  publicationDues,
  resultRows,
  taskRows,
  type UnitGroup,
} from './indicatorRows.ts';

type Db = Kysely<DB>;

async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await query.execute(db)).rows as T[];
}

const n = (value: unknown) => Number(value ?? 0);

export async function countIndicatorsByGroup(
  db: Db,
  unitGroups: readonly UnitGroup[],
  year: number,
  calendar: WorkingCalendar,
): Promise<Map<string, IndicatorCounts>> {
  const out = new Map(unitGroups.map((g) => [g.code, zeroCounts()]));
  if (unitGroups.length === 0) return out;
  const groups = await groupMembers(db, unitGroups);
  const at = (g: string) => out.get(g)!;

  const [enterprises, results, timeliness, entities, draws, tasks, claims, plans, followups, others] = await Promise.all([
    rows<{ g: string; n: string }>(db, sql`${activeEnterpriseCounts(groups)}`),
    rows<{ g: string; finished: string; published: string; problems: string }>(
      db,
      sql`SELECT g, count(*) FILTER (WHERE finished) AS finished,
                 count(*) FILTER (WHERE finished AND published_on IS NOT NULL) AS published,
                 count(*) FILTER (WHERE finished AND problem) AS problems
            FROM (${resultRows(groups, year)}) r GROUP BY g`,
    ),
    publicationDues(db, year, calendar).then((dues) =>
      rows<{ g: string; judged: string; on_time: string }>(
        db,
        sql`SELECT g, count(*) AS judged, count(*) FILTER (WHERE published_on <= due) AS on_time
              FROM (${resultRows(groups, year, { dues })}) r
             WHERE published_on IS NOT NULL AND due IS NOT NULL GROUP BY g`,
      ),
    ),
    rows<{ g: string; inspected: string; enterprises: string; repeated: string; low_risk: string; low_risk_repeated: string }>(
      db,
      sql`SELECT g, count(*) AS inspected, count(*) FILTER (WHERE enterprise) AS enterprises,
                 count(*) FILTER (WHERE times > 1) AS repeated, count(*) FILTER (WHERE low_risk) AS low_risk,
                 count(*) FILTER (WHERE low_risk AND times > 1) AS low_risk_repeated
            FROM (${inspectedEntityRows(groups, year)}) e GROUP BY g`,
    ),
    rows<{ g: string; own: string; own_used: string; joint: string; joint_used: string; differentiated: string }>(
      db,
      sql`SELECT g, count(*) FILTER (WHERE NOT joint) AS own, count(*) FILTER (WHERE NOT joint AND uses_classes) AS own_used,
                 count(*) FILTER (WHERE joint) AS joint, count(*) FILTER (WHERE joint AND uses_classes) AS joint_used,
                 count(*) FILTER (WHERE differentiated) AS differentiated
            FROM (${drawRows(groups, year)}) d WHERE classified GROUP BY g`,
    ),
    rows<{ g: string; tasks: string; joint: string; completed: string }>(
      db,
      sql`SELECT g, count(*) AS tasks, count(*) FILTER (WHERE joint) AS joint, count(*) FILTER (WHERE completed) AS completed
            FROM (${taskRows(groups, year)}) t GROUP BY g`,
    ),
    rows<{ g: string; claims: string; covered: string }>(
      db,
      sql`SELECT g, count(*) AS claims, count(*) FILTER (WHERE covered) AS covered FROM (${claimRows(groups, year)}) c GROUP BY g`,
    ),
    rows<{ g: string; due: string; on_time: string }>(
      db,
      sql`SELECT g, count(*) FILTER (WHERE due) AS due, count(*) FILTER (WHERE on_time) AS on_time FROM (${planRows(groups, year)}) p GROUP BY g`,
    ),
    rows<{ g: string; items: string; closed: string }>(
      db,
      sql`SELECT g, count(*) AS items, count(*) FILTER (WHERE closed) AS closed FROM (${followupRows(groups, year)}) f GROUP BY g`,
    ),
    rows<{ g: string; n: string }>(db, sql`SELECT g, sum(count) AS n FROM (${otherInspectionRows(groups, year)}) o GROUP BY g`),
  ]);

  for (const r of enterprises) at(r.g).entityCoverage.denominator = n(r.n);
  for (const r of results) {
    const c = at(r.g);
    c.resultPublication = { numerator: n(r.published), denominator: n(r.finished) };
    c.problemFinding = { numerator: n(r.problems), denominator: n(r.finished) };
    c.randomInspectionShare = { numerator: n(r.finished), denominator: n(r.finished) };
  }
  for (const r of timeliness) at(r.g).timelyPublication = { numerator: n(r.on_time), denominator: n(r.judged) };
  for (const r of entities) {
    const c = at(r.g);
    c.entityCoverage.numerator = n(r.enterprises);
    c.repeatInspection = { numerator: n(r.repeated), denominator: n(r.inspected) };
    c.lowRiskRepeat = { numerator: n(r.low_risk_repeated), denominator: n(r.low_risk) };
  }
  for (const r of draws) {
    const c = at(r.g);
    c.riskClassApplication = { numerator: n(r.own_used), denominator: n(r.own) };
    c.riskClassApplicationJoint = { numerator: n(r.joint_used), denominator: n(r.joint) };
    c.riskDifferentiation = { numerator: n(r.differentiated), denominator: n(r.own) + n(r.joint) };
  }
  for (const r of tasks) {
    const c = at(r.g);
    c.jointSupervision = { numerator: n(r.joint), denominator: n(r.tasks) };
    c.planCompletion = { numerator: n(r.completed), denominator: n(r.tasks) };
  }
  for (const r of claims) at(r.g).itemCoverage = { numerator: n(r.covered), denominator: n(r.claims) };
  for (const r of plans) at(r.g).planFilingTimeliness = { numerator: n(r.on_time), denominator: n(r.due) };
  for (const r of followups) at(r.g).problemDisposal = { numerator: n(r.closed), denominator: n(r.items) };
  for (const r of others) at(r.g).randomInspectionShare.denominator += n(r.n);
  return out;
}
