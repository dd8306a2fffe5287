// The rows every indicator counts, in SQL (docs/indicators.md): one query per family of rows
// (results, inspected entities, entities, draws, tasks, claims, plans, follow-up items), each with
// the flags that put a row above or below an indicator's line. Counting and drill-down read the
// same fragments, so a number and the list behind it cannot disagree. A "group" is a unit with
// everything below it (org_unit.path prefix); one query answers several groups side by side.
// src/core/indicators/facts.ts states the same rules over plain rows; tests check they agree.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { WorkingCalendar } from '../../core/calendar/index.ts';
import { publicationDue } from '../../core/results/deadlines.ts';

export interface UnitGroup {
  code: string;
  path: string;
}

/** A group with the codes of its units (the unit and every unit below it), as the fragments take it. */
export interface MemberGroup {
  code: string;
  units: readonly string[];
}

/** The units of each group, read from the org tree (path prefix): what `groupMembers` hands the fragments. */
export async function groupMembers(db: Kysely<DB>, groups: readonly UnitGroup[]): Promise<MemberGroup[]> {
  if (groups.length === 0) return [];
  const units = await db.selectFrom('org_unit').select(['code', 'path']).orderBy('code').execute();
  return groups.map((g) => ({
    code: g.code,
    units: units.filter((u) => u.path === g.path || u.path.startsWith(`${g.path}.`)).map((u) => u.code),
  }));
}

/**
 * The groups as a relation g(code, unit_code), one row per unit of each group, written out as a
 * VALUES list. The planner knows its exact size; the join on the path prefix it replaced was
 * estimated at a row or two, which at a province's size chose nested loops over every task and
 * every draw (a 计划完成率 list of minutes). A plain relation rather than a set-returning function:
 * Citus refuses correlated subqueries beside one.
 */
function groupsRelation(groups: readonly MemberGroup[]): RawBuilder<unknown> {
  const pairs = groups.flatMap((g) => g.units.map((u) => sql`(${g.code}::text, ${u}::text)`));
  if (pairs.length === 0) return sql`(SELECT NULL::text AS code, NULL::text AS unit_code WHERE false)`;
  return sql`(SELECT * FROM (VALUES ${sql.join(pairs)}) v(code, unit_code))`;
}

/** Every unit of the groups, as a text[] parameter. */
const allUnits = (groups: readonly MemberGroup[]) => [...new Set(groups.flatMap((g) => g.units))];

/** China date of a timestamptz (UTC+8, no daylight saving). */
const chinaDate = (column: string) => sql.raw(`(((${column}) AT TIME ZONE 'UTC') + interval '8 hours')::date`);

export const PROBLEM_CATEGORIES = ['problemOrderedToCorrect', 'problemPendingInvestigation', 'productUnqualified'];

/** A task end of the year's visits and its publication due date (task end + 20 working days). */
export interface PublicationDue {
  periodEnd: string;
  due: string;
}

/**
 * The publication due date of every task end of the year's visits that the working-day calendar
 * can judge (a year it does not cover has none: such results count nowhere, never guessed). The
 * rule is publicationDue's; computed here once per task end, then handed to the SQL as a relation,
 * so 按时公示率 is counted and listed in SQL like every other indicator.
 */
export async function publicationDues(db: Kysely<DB>, year: number, calendar: WorkingCalendar): Promise<PublicationDue[]> {
  const ends = await sql<{ period_end: string }>`
    SELECT DISTINCT period_end::text AS period_end FROM visit WHERE year = ${year} AND period_end IS NOT NULL`.execute(db);
  return ends.rows.flatMap((r) => {
    const due = publicationDue(calendar, r.period_end);
    return due.known ? [{ periodEnd: r.period_end, due: due.due }] : [];
  });
}

function duesRelation(dues: readonly PublicationDue[]): RawBuilder<unknown> {
  if (dues.length === 0) return sql`(SELECT NULL::date AS period_end, NULL::date AS due WHERE false)`;
  return sql`(SELECT * FROM (VALUES ${sql.join(dues.map((d) => sql`(${d.periodEnd}::date, ${d.due}::date)`))}) v(period_end, due))`;
}

/**
 * One row per inspection result of the year, by the inspecting unit. The task's end and the
 * publication due date (for 按时公示率) come from the result's visit, a join of its own: only
 * with `dues` (publicationDues), otherwise both are null for the counts that do not need them.
 * With them the rows are a step of their own (`OFFSET 0`): a condition on the due date pushed into
 * the joins would turn them into inner joins the planner estimates at one row (three correlated
 * key columns), and it then looped over every result for every unit of the groups.
 */
export function resultRows(
  groups: readonly MemberGroup[],
  year: number,
  { dues }: { dues?: readonly PublicationDue[] } = {},
): RawBuilder<unknown> {
  return sql`
    SELECT g.code AS g, vr.unit_code, u.name AS unit_name, vr.id, vr.draw_id, vr.uscc, vr.object_kind, vr.entity_name, vr.task_code,
           vr.checked_on::text AS checked_on, vr.published_on::text AS published_on, vr.stopped_on::text AS stopped_on,
           ${dues ? sql`v.period_end::text` : sql`NULL::text`} AS period_end, ${dues ? sql`pd.due::text` : sql`NULL::text`} AS due,
           vr.checked_on IS NOT NULL AS finished,
           COALESCE((vr.content -> 'validated' -> 'categories') ?| ${PROBLEM_CATEGORIES}::text[], false) AS problem
      FROM visit_result vr
      JOIN org_unit u ON u.code = vr.unit_code
      JOIN ${groupsRelation(groups)} g ON g.unit_code = u.code
      ${
        dues
          ? sql`LEFT JOIN ${visitsOfResults(groups, year)} v
                       ON v.draw_unit_code = vr.draw_unit_code AND v.draw_id = vr.draw_id AND v.object_id = vr.uscc
                LEFT JOIN ${duesRelation(dues)} pd ON pd.period_end = v.period_end`
          : sql``
      }
     WHERE vr.year = ${year}
     ${dues ? sql`OFFSET 0` : sql``}`;
}

/**
 * One column of the groups' results of the year, as a subquery (what the other side is narrowed
 * to); `entitiesOnly` keeps the results of market entities (not of 其他检查对象).
 */
function groupResultColumn(
  groups: readonly MemberGroup[],
  year: number,
  column: 'draw_id' | 'uscc',
  entitiesOnly = false,
): RawBuilder<unknown> {
  return sql`(SELECT ${sql.ref(`vr.${column}`)} FROM visit_result vr WHERE vr.year = ${year} AND vr.unit_code = ANY(${allUnits(groups)}::text[])${
    entitiesOnly ? sql` AND vr.object_kind IS NULL` : sql``
  })`;
}

/**
 * The visits of the draws the group's results of the year belong to. A visit lives with its
 * drawing unit and a result with its inspecting unit, which on Citus are different shards: the
 * visits are read first (`OFFSET 0` keeps them a separate step there, an intermediate result) and
 * then joined; on one server it is the same join.
 */
function visitsOfResults(groups: readonly MemberGroup[], year: number): RawBuilder<unknown> {
  return sql`(SELECT draw_unit_code, draw_id, object_id, period_end FROM visit
               WHERE year = ${year}
                 AND draw_id IN ${groupResultColumn(groups, year, 'draw_id')}
              OFFSET 0)`;
}

/**
 * One row per entity or 其他检查对象 inspected in the year (finished results), with how many draws
 * visited it, first and last when. Only a market entity's row is looked up in the directory (an
 * object is never an enterprise nor of a risk class). The entities are looked up by their codes
 * handed over as one array: an index(-only) probe per inspected entity. As `uscc IN (subquery)` the
 * planner hashed the codes and read the whole directory (4,000,000 rows at a province, 4× slower).
 */
export function inspectedEntityRows(groups: readonly MemberGroup[], year: number): RawBuilder<unknown> {
  return sql`
    SELECT r.g, r.uscc, max(r.entity_name) AS entity_name, count(DISTINCT r.draw_id)::int AS times,
           min(r.checked_on) AS first_checked_on, max(r.checked_on) AS last_checked_on,
           COALESCE(bool_or(e.subject_type = 'enterprise'), false) AS enterprise,
           COALESCE(bool_or(e.risk_class = 'A'), false) AS low_risk
      FROM (${resultRows(groups, year)}) r
      LEFT JOIN (SELECT uscc, subject_type, risk_class FROM market_entity
                  WHERE uscc = ANY((SELECT array_agg(DISTINCT uscc::char(18)) FROM ${groupResultColumn(groups, year, 'uscc', true)} c)::char(18)[])
                 OFFSET 0) e ON e.uscc = r.uscc AND r.object_kind IS NULL
     WHERE r.finished
     GROUP BY r.g, r.uscc`;
}

/** 辖区存续企业: enterprises registered 存续/在业 under the group's units. */
export function activeEnterpriseRows(groups: readonly MemberGroup[]): RawBuilder<unknown> {
  return sql`
    SELECT g.code AS g, e.uscc, e.name AS entity_name, e.unit_code, u.name AS unit_name, e.risk_class
      FROM market_entity e
      JOIN org_unit u ON u.code = e.unit_code
      JOIN ${groupsRelation(groups)} g ON g.unit_code = u.code
     WHERE e.subject_type = 'enterprise' AND e.reg_status IN ('存续', '在业')`;
}

/**
 * The same enterprises counted per group: counted per unit first (an index-only scan of the
 * partial index on active enterprises), then summed over each group's units.
 */
export function activeEnterpriseCounts(groups: readonly MemberGroup[]): RawBuilder<unknown> {
  return sql`
    SELECT g.code AS g, sum(c.n)::bigint AS n
      FROM (SELECT unit_code, count(*) AS n FROM market_entity
             WHERE subject_type = 'enterprise' AND reg_status IN ('存续', '在业') GROUP BY unit_code) c
      JOIN org_unit u ON u.code = c.unit_code
      JOIN ${groupsRelation(groups)} g ON g.unit_code = u.code
     GROUP BY g.code`;
}

// A rate as written in the draw parameters: "0.03" or "3%" (docs/draw-spec.md §1).
const rateValue = (text: string) => `(CASE WHEN ${text} LIKE '%\\%' THEN rtrim(${text}, '%')::numeric / 100 ELSE ${text}::numeric END)`;

/** Per risk class A–D, `value(h)` for each; "all four the same" as one boolean expression. */
const allFourEqual = (value: (h: string) => string) =>
  `(${value('A')} = ${value('B')} AND ${value('B')} = ${value('C')} AND ${value('C')} = ${value('D')})`;

const DEFAULT_WEIGHTS: Record<string, number> = { A: 1, B: 2, C: 4, D: 8 };

/**
 * One row per draw done in the year by the group's units, with how it used the risk classes.
 * The draw's groups and class counts are JSON arrays, unnested beside the draw and folded with
 * bool_or (Citus refuses a correlated subquery over a set-returning function).
 */
export function drawRows(groups: readonly MemberGroup[], year: number): RawBuilder<unknown> {
  const count = (h: string) => `COALESCE((c -> 'counts' ->> '${h}')::int, 0)`;
  const rate = (h: string) => rateValue(`COALESCE(gr -> 'allocation' -> 'rates' ->> '${h}', '0')`);
  const weight = (h: string) => `COALESCE((gr -> 'allocation' -> 'weights' ->> '${h}')::numeric, ${DEFAULT_WEIGHTS[h]})`;
  return sql`
    SELECT g.code AS g, d.unit_code, u.name AS unit_name, d.id, d.draw_code, d.task_code, ${chinaDate('d.drawn_at')}::text AS drawn_on,
           p.kind = 'joint' AS joint,
           COALESCE(bool_or(${sql.raw(['A', 'B', 'C', 'D'].map(count).join(' + '))} > 0), false) AS classified,
           COALESCE(bool_or(gr -> 'allocation' ->> 'mode' <> 'none'), false) AS uses_classes,
           COALESCE(bool_or(CASE gr -> 'allocation' ->> 'mode'
                              WHEN 'rates' THEN NOT ${sql.raw(allFourEqual(rate))}
                              WHEN 'total' THEN NOT ${sql.raw(allFourEqual(weight))}
                              ELSE false END), false) AS differentiated
      FROM draw d
      JOIN org_unit u ON u.code = d.unit_code
      JOIN ${groupsRelation(groups)} g ON g.unit_code = u.code
      JOIN plan p ON p.unit_code = d.plan_unit_code AND p.id = d.plan_id
      LEFT JOIN LATERAL jsonb_array_elements(d.counts) c ON true
      LEFT JOIN LATERAL jsonb_array_elements(d.params -> 'groups') gr ON true
     WHERE d.year = ${year} AND d.status = 'drawn'
     GROUP BY g.code, d.unit_code, u.name, d.id, d.draw_code, d.task_code, d.drawn_at, p.kind`;
}

/** The tasks of the published plan versions of the year, with whether each was completed by the plan's deadline. */
export function taskRows(groups: readonly MemberGroup[], year: number): RawBuilder<unknown> {
  const deadline = sql.raw('COALESCE(pv.deadline, make_date(t.year, 12, 31))');
  return sql`
    SELECT g.code AS g, t.unit_code, u.name AS unit_name, t.plan_id, t.task_code, t.name AS task_name, p.kind = 'joint' AS joint,
           t.period_start::text AS period_start, t.period_end::text AS period_end, ${deadline}::text AS deadline,
           COALESCE(f.drawn > 0 AND NOT f.undated AND f.last_drawn_on <= ${deadline}
                    AND NOT f.unpublished AND (f.last_published IS NULL OR f.last_published <= ${deadline}), false) AS completed,
           COALESCE(f.committed, 0) AS committed, COALESCE(f.drawn, 0) AS drawn, COALESCE(f.visits, 0) AS visits,
           COALESCE(f.finished, 0) AS finished, COALESCE(f.published, 0) AS published
      FROM plan p
      JOIN plan_task t ON t.unit_code = p.unit_code AND t.plan_id = p.id AND t.version_no = p.published_version
      JOIN plan_version pv ON pv.unit_code = p.unit_code AND pv.plan_id = p.id AND pv.version_no = p.published_version
      JOIN org_unit u ON u.code = p.unit_code
      JOIN ${groupsRelation(groups)} g ON g.unit_code = u.code
      LEFT JOIN ${taskDrawFacts(groups, year)} f ON f.plan_unit_code = t.unit_code AND f.plan_id = t.plan_id AND f.task_code = t.task_code
     WHERE t.year = ${year}`;
}

/**
 * The tasks a draw counts for: its task, or every task of a merged draw (合并抽取), whose visits
 * are the task's when its group (named by the task code) drew them.
 */
const tasksOfDraw = sql`unnest(COALESCE(d.merged_tasks, ARRAY[d.task_code]))`;

/**
 * Per task of the group's plans, its draws of the year (committed or done, the last day one was
 * done, whether one has no date) and the current visits of the done ones with their results
 * (visits, inspections finished, results published, whether one is unpublished, the last first
 * publication). Draws and visits live with the drawing unit and results with the inspecting unit,
 * different shards on Citus: each side is read as its own step (`OFFSET 0`), then joined.
 */
function taskDrawFacts(groups: readonly MemberGroup[], year: number): RawBuilder<unknown> {
  const units = allUnits(groups);
  return sql`(SELECT dt.plan_unit_code, dt.plan_id, dt.task_code, dt.committed, dt.drawn, dt.undated, dt.last_drawn_on,
                     COALESCE(vt.visits, 0) AS visits, COALESCE(vt.finished, 0) AS finished, COALESCE(vt.published, 0) AS published,
                     COALESCE(vt.unpublished, false) AS unpublished, vt.last_published
                FROM (SELECT d.plan_unit_code, d.plan_id, mt.task_code,
                             count(*) FILTER (WHERE d.status IN ('committed', 'drawn')) AS committed,
                             count(*) FILTER (WHERE d.status = 'drawn') AS drawn,
                             COALESCE(bool_or(d.status = 'drawn' AND d.drawn_at IS NULL), false) AS undated,
                             max(${chinaDate('d.drawn_at')}) FILTER (WHERE d.status = 'drawn') AS last_drawn_on
                        FROM draw d
                        CROSS JOIN LATERAL ${tasksOfDraw} mt(task_code)
                       WHERE d.year = ${year} AND d.plan_unit_code = ANY(${units}::text[])
                       GROUP BY d.plan_unit_code, d.plan_id, mt.task_code
                      OFFSET 0) dt
                LEFT JOIN (SELECT dv.plan_unit_code, dv.plan_id, dv.task_code, count(*) AS visits,
                                  count(*) FILTER (WHERE r.finished) AS finished,
                                  count(*) FILTER (WHERE r.published_on IS NOT NULL) AS published,
                                  bool_or(r.published_on IS NULL) AS unpublished, max(r.published_on) AS last_published
                             FROM (SELECT d.plan_unit_code, d.plan_id, mt.task_code, v.draw_id, v.object_id
                                     FROM draw d
                                     CROSS JOIN LATERAL ${tasksOfDraw} mt(task_code)
                                     JOIN visit v ON v.draw_unit_code = d.unit_code AND v.draw_id = d.id AND v.replaced_by IS NULL
                                                 AND (d.merged_tasks IS NULL OR mt.task_code = ANY(v.groups))
                                    WHERE d.year = ${year} AND d.status = 'drawn' AND d.plan_unit_code = ANY(${units}::text[])
                                   OFFSET 0) dv
                             LEFT JOIN (SELECT draw_id, uscc, bool_or(checked_on IS NOT NULL) AS finished, min(published_on) AS published_on
                                          FROM visit_result
                                         WHERE year = ${year}
                                           AND draw_id IN (SELECT id FROM draw WHERE year = ${year} AND plan_unit_code = ANY(${units}::text[]))
                                         GROUP BY draw_id, uscc
                                        OFFSET 0) r ON r.draw_id = dv.draw_id AND r.uscc = dv.object_id
                            GROUP BY dv.plan_unit_code, dv.plan_id, dv.task_code) vt
                  ON vt.plan_unit_code = dt.plan_unit_code AND vt.plan_id = dt.plan_id AND vt.task_code = dt.task_code)`;
}

/** The claimed items of the group's units, with whether a task of the year (of the claiming unit or above) covers each. */
export function claimRows(groups: readonly MemberGroup[], year: number): RawBuilder<unknown> {
  return sql`
    SELECT g.code AS g, cl.unit_code, cu.name AS unit_name, cl.item_code, ci.name AS item_name,
           EXISTS (SELECT 1 FROM plan p
                     JOIN plan_task t ON t.unit_code = p.unit_code AND t.plan_id = p.id AND t.version_no = p.published_version
                     JOIN org_unit tu ON tu.code = p.unit_code
                     CROSS JOIN LATERAL jsonb_array_elements_text(t.items) i(item)
                    WHERE t.year = ${year} AND (cu.path = tu.path OR cu.path LIKE tu.path || '.%')
                      AND strpos(i.item, ci.name) > 0) AS covered
      FROM check_item_claim cl
      JOIN check_item ci ON ci.version_id = cl.version_id AND ci.item_code = cl.item_code
      JOIN org_unit cu ON cu.code = cl.unit_code
      JOIN ${groupsRelation(groups)} g ON g.unit_code = cu.code`;
}

/** The published plans of the year, with the filing deadline of the nearest unit above that set one. */
export function planRows(groups: readonly MemberGroup[], year: number): RawBuilder<unknown> {
  return sql`
    SELECT x.*, x.due_on IS NOT NULL AS due, (x.due_on IS NOT NULL AND x.filed_on IS NOT NULL AND x.filed_on <= x.due_on) AS on_time
      FROM (SELECT g.code AS g, p.unit_code, u.name AS unit_name, p.id, p.kind, ${chinaDate('p.filed_at')}::text AS filed_on,
                   (SELECT fd.due_on::text FROM plan_filing_deadline fd JOIN org_unit fu ON fu.code = fd.unit_code
                     WHERE fd.year = p.year AND u.path LIKE fu.path || '.%'
                     ORDER BY length(fu.path) DESC LIMIT 1) AS due_on
              FROM plan p
              JOIN org_unit u ON u.code = p.unit_code
              JOIN ${groupsRelation(groups)} g ON g.unit_code = u.code
             WHERE p.year = ${year} AND p.published_version IS NOT NULL) x`;
}

/** The problem-ledger items opened from the year's results, by the inspecting unit. */
export function followupRows(groups: readonly MemberGroup[], year: number): RawBuilder<unknown> {
  return sql`
    SELECT g.code AS g, f.unit_code, u.name AS unit_name, f.id, f.uscc, f.entity_name, f.item_name, f.task_code,
           f.opened_on::text AS opened_on, f.closed_on::text AS closed_on, f.status = 'closed' AS closed
      FROM followup_item f
      JOIN visit_result vr ON vr.unit_code = f.unit_code AND vr.id = f.result_id
      JOIN org_unit u ON u.code = f.unit_code
      JOIN ${groupsRelation(groups)} g ON g.unit_code = u.code
     WHERE vr.year = ${year}`;
}

/** 其他日常检查户次 reported by the group's units for the year. */
export function otherInspectionRows(groups: readonly MemberGroup[], year: number): RawBuilder<unknown> {
  return sql`
    SELECT g.code AS g, o.unit_code, o.count
      FROM indicator_other_inspections o
      JOIN org_unit u ON u.code = o.unit_code
      JOIN ${groupsRelation(groups)} g ON g.unit_code = u.code
     WHERE o.year = ${year}`;
}
