// Plans in the database: creating a plan from a parsed table, task rows from parsed cells,
// 任务编号 allocation, and loading plans and versions within the caller's reach.
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { formatTaskCode, parseTaskCode, type PlanField, type PlanProblem, type PlanState, type PlanTask } from '../../core/plan/index.ts';
import type { RiskClassification } from '../../core/entities/riskClassifications.ts';

export interface PlanHeader {
  title: string;
  docNumber: string;
  deadline: string | null;
}

export interface Actor {
  userId: string | null;
  name: string;
  /** The instant the actor acts at (clock.ts nowOf); only the demo loader sets it. */
  now?: Date | undefined;
}

export interface PlanRow {
  unitCode: string;
  unitName: string;
  unitPath: string;
  unitKind: string;
  id: string;
  year: number;
  kind: 'own' | 'joint';
  state: PlanState;
  filedAt: Date | null;
  filedByName: string | null;
  createdByName: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The stored problems of a task: the parser's, without line numbers of the original file. */
/** The filter to one version of a plan: its row in plan_version, or its tasks in plan_task. */
export function ofVersion(plan: { unitCode: string; id: string }, version: number) {
  return (eb: ExpressionBuilder<DB, 'plan_version' | 'plan_task'>) =>
    eb.and([eb('unit_code', '=', plan.unitCode), eb('plan_id', '=', plan.id), eb('version_no', '=', version)]);
}

type ListedVersion = DB & { p: DB['plan']; v: DB['plan_version'] };

/** The column `task_count` of a list of plans (p) at one of their versions (v): that version's tasks. */
export function versionTaskCount(eb: ExpressionBuilder<ListedVersion, 'p' | 'v'>) {
  return eb
    .selectFrom('plan_task as t')
    .select(eb.fn.countAll<string>().as('n'))
    .whereRef('t.unit_code', '=', 'p.unit_code')
    .whereRef('t.plan_id', '=', 'p.id')
    .whereRef('t.version_no', '=', 'v.version_no')
    .as('task_count');
}

export type TaskProblem = Pick<PlanProblem, 'column' | 'field' | 'raw' | 'severity' | 'message'>;

export async function loadPlan(db: Kysely<DB>, id: string): Promise<PlanRow | null> {
  const row = await db
    .selectFrom('plan as p')
    .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
    .selectAll('p')
    .select(['o.name as unit_name', 'o.path as unit_path', 'o.kind as unit_kind'])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    unitCode: row.unit_code,
    unitName: row.unit_name,
    unitPath: row.unit_path,
    unitKind: row.unit_kind,
    id: row.id,
    year: row.year,
    kind: row.kind,
    state: {
      status: row.status,
      publishedVersion: row.published_version,
      filedVersion: row.filed_version,
      draftVersion: row.draft_version,
    },
    filedAt: row.filed_at,
    filedByName: row.filed_by_name,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Next free 任务编号 numbers of a unit and year, serialised per unit and year. */
export async function allocateTaskCodes(trx: Transaction<DB>, unitCode: string, year: number, count: number): Promise<string[]> {
  if (count === 0) return [];
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`plan-task-code:${unitCode}:${year}`}))`.execute(trx);
  const rows = await trx
    .selectFrom('plan_task')
    .select('task_code')
    .distinct()
    .where('unit_code', '=', unitCode)
    .where('year', '=', year)
    .execute();
  let last = 0;
  for (const r of rows) {
    const parts = parseTaskCode(r.task_code);
    if (parts && parts.unitCode === unitCode && parts.year === year) last = Math.max(last, parts.number);
  }
  return Array.from({ length: count }, (_, i) => formatTaskCode({ unitCode, year, number: last + i + 1 }));
}

/** Member departments (org units below the plan's unit) named as 发起部门/配合部门 of a task. */
export async function departmentResolver(db: Kysely<DB>, plan: { unitCode: string }) {
  const owner = await db.selectFrom('org_unit').select('path').where('code', '=', plan.unitCode).executeTakeFirstOrThrow();
  const units = await db
    .selectFrom('org_unit')
    .select(['code', 'name', 'short_name'])
    .where('kind', '=', 'department')
    .where((eb) => eb.or([eb('path', 'like', `${owner.path}.%`), eb('parent_code', '=', plan.unitCode)]))
    .execute();
  const tidy = (s: string) => s.replace(/\s/g, '');
  return (names: readonly string[]): string[] => {
    const codes = new Set<string>();
    for (const name of names.map(tidy)) {
      const unit =
        units.find((u) => tidy(u.name) === name) ??
        units.find((u) => name.length >= 3 && (tidy(u.name).includes(name) || name.includes(tidy(u.name))));
      if (unit) codes.add(unit.code);
    }
    return [...codes];
  };
}

export function taskProblems(problems: readonly PlanProblem[]): TaskProblem[] {
  return problems.map((p) => ({ column: p.column, field: p.field, raw: p.raw, severity: p.severity, message: p.message }));
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** The row of one task as stored, from its parsed cells. */
export function taskRow(
  task: PlanTask,
  problems: readonly TaskProblem[],
  at: {
    unitCode: string;
    planId: string;
    versionNo: number;
    taskCode: string;
    year: number;
    position: number;
    subLibraryId: string | null;
    classification?: RiskClassification | null;
    participants: string[];
    /** The member department of `participants` that initiates the task (发起部门), if one does. */
    initiating: string | null;
  },
) {
  return {
    unit_code: at.unitCode,
    plan_id: at.planId,
    version_no: at.versionNo,
    task_code: at.taskCode,
    year: at.year,
    seq: task.seq,
    position: at.position,
    name: task.name ?? '',
    task_type: task.taskType,
    items: JSON.stringify(task.items?.items ?? []),
    population: task.population ?? '',
    sub_library_id: at.subLibraryId,
    risk_classification: at.classification ?? null,
    quota: json(task.quota),
    frequency: json(task.frequency),
    batches_per_year: Math.min(12, Math.max(1, task.batchesPerYear)),
    risk_policy: json(task.riskPolicy),
    period_start: task.period?.start ?? null,
    period_end: task.period?.end ?? null,
    initiator: json(task.initiator),
    initiating_department: task.initiatingDepartment,
    cooperating_departments: task.cooperatingDepartments ?? [],
    participant_unit_codes: at.participants,
    initiating_unit_code: at.initiating,
    modes: json(task.mode),
    cells: JSON.stringify(task.raw as Partial<Record<PlanField, string>>),
    extra_cells: JSON.stringify(task.extraCells),
    problems: JSON.stringify(problems),
  };
}

export function departmentsOf(task: PlanTask): string[] {
  return [...(task.initiatingDepartment ? [task.initiatingDepartment] : []), ...(task.cooperatingDepartments ?? [])];
}

/**
 * The member departments a task names (发起部门 first, then 配合部门) as unit codes, and the one of
 * them that initiates it; null when the 发起部门 is not a member department (the plan's unit initiates).
 */
export function jointUnitsOf(resolve: (names: readonly string[]) => string[], task: PlanTask) {
  const participants = resolve(departmentsOf(task));
  const initiating = task.initiatingDepartment ? (resolve([task.initiatingDepartment])[0] ?? null) : null;
  return { participants, initiating };
}

/** Copies every task of one version into a new version (an adjustment draft). */
export async function copyVersionTasks(
  trx: Transaction<DB>,
  plan: { unitCode: string; id: string },
  from: number,
  to: number,
): Promise<void> {
  await sql`
    INSERT INTO plan_task (unit_code, plan_id, version_no, task_code, year, seq, position, name, task_type, items, population,
      sub_library_id, risk_classification, quota, frequency, batches_per_year, risk_policy, period_start, period_end, initiator, initiating_department,
      cooperating_departments, participant_unit_codes, initiating_unit_code, modes, cells, extra_cells, problems)
    SELECT unit_code, plan_id, ${to}, task_code, year, seq, position, name, task_type, items, population,
      sub_library_id, risk_classification, quota, frequency, batches_per_year, risk_policy, period_start, period_end, initiator, initiating_department,
      cooperating_departments, participant_unit_codes, initiating_unit_code, modes, cells, extra_cells, problems
    FROM plan_task WHERE unit_code = ${plan.unitCode} AND plan_id = ${plan.id} AND version_no = ${from}`.execute(trx);
}
