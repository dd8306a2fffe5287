// What the API returns for plans, versions and tasks.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  describeState,
  type Frequency,
  type InitiatorCell,
  type ModeCell,
  type PlanField,
  type Quota,
  type RiskPolicy,
} from '../../core/plan/index.ts';
import { loadScope } from '../access/scope.ts';
import { loadSubLibrary, ruleCounts } from '../subLibraries/compileRule.ts';
import type { PlanRow, TaskProblem } from './planStore.ts';

export interface TaskView {
  code: string;
  seq: number | null;
  position: number;
  name: string;
  taskType: 'directed' | 'undirected' | null;
  items: string[];
  population: string;
  subLibrary: { id: string; name: string; count: number; byRiskClass: Record<string, number> } | null;
  quota: Quota | null;
  frequency: Frequency | null;
  batchesPerYear: number;
  riskPolicy: RiskPolicy | null;
  period: { start: string; end: string } | null;
  initiator: InitiatorCell | null;
  initiatingDepartment: string | null;
  cooperatingDepartments: string[];
  participants: { code: string; name: string }[];
  mode: ModeCell | null;
  cells: Partial<Record<PlanField, string>>;
  extraCells: { header: string; raw: string }[];
  problems: TaskProblem[];
}

export interface VersionView {
  versionNo: number;
  state: 'draft' | 'published' | 'superseded';
  title: string;
  docNumber: string;
  deadline: string | null;
  reason: string | null;
  sourceFileName: string | null;
  createdByName: string;
  createdAt: Date;
  publishedAt: Date | null;
  publishedByName: string | null;
}

export async function loadVersions(db: Kysely<DB>, plan: { unitCode: string; id: string }, publishedOnly: boolean): Promise<VersionView[]> {
  let query = db.selectFrom('plan_version').selectAll().where('unit_code', '=', plan.unitCode).where('plan_id', '=', plan.id);
  if (publishedOnly) query = query.where('state', '<>', 'draft');
  const rows = await query.orderBy('version_no').execute();
  return rows.map((r) => ({
    versionNo: r.version_no,
    state: r.state,
    title: r.title,
    docNumber: r.doc_number,
    deadline: r.deadline,
    reason: r.reason,
    sourceFileName: r.source_file_name,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    publishedByName: r.published_by_name,
  }));
}

/**
 * The tasks of one version. Live counts of linked 名录分库 are computed within the plan
 * unit's scope when `withCounts` (they cost a query per distinct library).
 */
export async function loadTasks(
  db: Kysely<DB>,
  plan: { unitCode: string; id: string },
  versionNo: number,
  withCounts: boolean,
): Promise<TaskView[]> {
  const rows = await db
    .selectFrom('plan_task')
    .selectAll()
    .where('unit_code', '=', plan.unitCode)
    .where('plan_id', '=', plan.id)
    .where('version_no', '=', versionNo)
    .orderBy('position')
    .execute();
  const unitCodes = [...new Set(rows.flatMap((r) => r.participant_unit_codes))];
  const units =
    unitCodes.length > 0 ? await db.selectFrom('org_unit').select(['code', 'name']).where('code', 'in', unitCodes).execute() : [];
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  const libraries = new Map<string, TaskView['subLibrary']>();
  const libraryIds = [...new Set(rows.map((r) => r.sub_library_id).filter((id): id is string => id !== null))];
  if (libraryIds.length > 0) {
    const scope = await loadScope(db, plan.unitCode);
    for (const id of libraryIds) {
      try {
        const lib = await loadSubLibrary(db, scope, id);
        const counts = withCounts ? await ruleCounts(db, lib.rule, scope) : { count: -1, byRiskClass: {} };
        libraries.set(id, { id, name: lib.name, count: counts.count, byRiskClass: counts.byRiskClass });
      } catch {
        libraries.set(id, { id, name: '（名录分库已删除或不可用）', count: 0, byRiskClass: {} });
      }
    }
  }
  return rows.map((r) => ({
    code: r.task_code,
    seq: r.seq,
    position: r.position,
    name: r.name,
    taskType: r.task_type,
    items: r.items,
    population: r.population,
    subLibrary: r.sub_library_id ? (libraries.get(r.sub_library_id) ?? null) : null,
    quota: r.quota as Quota | null,
    frequency: r.frequency as Frequency | null,
    batchesPerYear: r.batches_per_year,
    riskPolicy: r.risk_policy as RiskPolicy | null,
    period: r.period_start && r.period_end ? { start: r.period_start, end: r.period_end } : null,
    initiator: r.initiator as InitiatorCell | null,
    initiatingDepartment: r.initiating_department,
    cooperatingDepartments: r.cooperating_departments,
    participants: r.participant_unit_codes.map((code) => ({ code, name: unitName.get(code) ?? code })),
    mode: r.modes as ModeCell | null,
    cells: r.cells as Partial<Record<PlanField, string>>,
    extraCells: r.extra_cells,
    problems: r.problems as TaskProblem[],
  }));
}

export function planSummary(plan: PlanRow) {
  return {
    id: plan.id,
    unitCode: plan.unitCode,
    unitName: plan.unitName,
    year: plan.year,
    kind: plan.kind,
    status: plan.state.status,
    statusText: describeState(plan.state),
    publishedVersion: plan.state.publishedVersion,
    draftVersion: plan.state.draftVersion,
    filedVersion: plan.state.filedVersion,
    filedAt: plan.filedAt,
    filedByName: plan.filedByName,
    createdByName: plan.createdByName,
    updatedAt: plan.updatedAt,
  };
}
