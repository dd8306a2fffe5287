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
  type UndrawableTask,
  undrawableTasks,
} from '../../core/plan/index.ts';
import { type ColumnTarget, diffVersions, parsePlanTable, type PlanTable } from '../../core/plan/index.ts';
import { columnChoicesFor, columnMappingOf } from './columnMappings.ts';
import { loadScope } from '../access/scope.ts';
import { AppError } from '../http/errors.ts';
import { loadSubLibrary, ruleCounts } from '../subLibraries/compileRule.ts';
import { planWarnings } from './planChecks.ts';
import { planWorkbook } from './planExport.ts';
import { ofVersion, versionTaskCount, type PlanRow, type TaskProblem } from './planStore.ts';
import { loadPlanFor, loadPlanUnitFor, unitsAbove, type PlanCaller } from './policy.ts';
import type { RiskClassification } from '../../core/entities/riskClassifications.ts';

export interface TaskView {
  code: string;
  seq: number | null;
  position: number;
  name: string;
  taskType: 'directed' | 'undirected' | null;
  items: string[];
  population: string;
  subLibrary: { id: string; name: string; count: number; byRiskClass: Record<string, number> } | null;
  /** The classification the planner chose for the allocation (null: as the 信用风险分类管理 text names). */
  classification: RiskClassification | null;
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
  /** Why this version was published although some tasks could not be drawn (null: no such decision). */
  undrawableReason: string | null;
  /** The tasks that decision covered, as they stood at publishing. */
  undrawableTasks: UndrawableTask[];
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
    undrawableReason: r.undrawable_reason,
    undrawableTasks: r.undrawable_tasks ?? [],
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
  const rows = await db.selectFrom('plan_task').selectAll().where(ofVersion(plan, versionNo)).orderBy('position').execute();
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
    classification: r.risk_classification,
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

/** The tasks of a version (loaded with counts) that cannot be drawn as they stand. */
export function undrawableOf(tasks: readonly TaskView[]): UndrawableTask[] {
  return undrawableTasks(
    tasks.map((t) => ({
      code: t.code,
      seq: t.seq,
      name: t.name,
      subLibraryId: t.subLibrary?.id ?? null,
      populationCount: t.subLibrary ? t.subLibrary.count : null,
    })),
  );
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

/** Plans the caller lists: its units' plans (the draft if any) and the published plans of the units above. */
export async function listPlans(db: Kysely<DB>, caller: PlanCaller, input: { year?: number | undefined }) {
  const above = unitsAbove(caller);
  const units = caller.scope.unitCodes;
  let q = db
    .selectFrom('plan as p')
    .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
    .innerJoin('plan_version as v', (j) =>
      j
        .onRef('v.unit_code', '=', 'p.unit_code')
        .onRef('v.plan_id', '=', 'p.id')
        .on((eb) =>
          eb.or([
            eb.and([eb('p.unit_code', 'in', units), eb('v.version_no', '=', eb.fn.coalesce('p.draft_version', 'p.published_version'))]),
            eb.and([eb('p.unit_code', 'not in', units), eb('v.version_no', '=', eb.ref('p.published_version'))]),
          ]),
        ),
    )
    .select((eb) => [
      'p.id',
      'p.unit_code',
      'o.name as unit_name',
      'p.year',
      'p.kind',
      'p.status',
      'p.published_version',
      'p.draft_version',
      'p.filed_version',
      'p.filed_at',
      'p.updated_at',
      'v.title',
      'v.doc_number',
      'v.deadline',
      'v.version_no',
      versionTaskCount(eb),
    ])
    .where((eb) =>
      eb.or([
        eb('p.unit_code', 'in', units),
        ...(above.length > 0 ? [eb.and([eb('p.unit_code', 'in', above), eb('p.published_version', 'is not', null)])] : []),
      ]),
    );
  if (input.year !== undefined) q = q.where('p.year', '=', input.year);
  const rows = await q.orderBy('p.year', 'desc').orderBy('o.path').orderBy('v.title').execute();
  const items = rows.map((r) => ({
    id: r.id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    year: r.year,
    kind: r.kind,
    status: r.status,
    publishedVersion: r.published_version,
    draftVersion: r.draft_version,
    filedVersion: r.filed_version,
    filedAt: r.filed_at,
    title: r.title,
    docNumber: r.doc_number,
    deadline: r.deadline,
    versionNo: r.version_no,
    taskCount: Number(r.task_count ?? 0),
    own: units.includes(r.unit_code),
    updatedAt: r.updated_at,
  }));
  return { items, total: items.length };
}

/** Parse summary for a preview or a dry run: every task with its problems, and every skipped line. */
export function tablePreview(table: PlanTable) {
  return {
    columns: table.columns,
    mapping: columnMappingOf(table),
    missing: table.missing,
    taskCount: table.tasks.length,
    errorCount: table.problems.filter((p) => p.severity === 'error').length,
    warningCount: table.problems.filter((p) => p.severity === 'warning').length,
    tasks: table.tasks.map((t, i) => ({
      row: i + 1,
      lines: t.lines,
      seq: t.seq,
      name: t.name,
      taskType: t.taskType,
      items: t.items?.items ?? null,
      population: t.population,
      quota: t.quota,
      frequency: t.frequency,
      batchesPerYear: t.batchesPerYear,
      riskPolicy: t.riskPolicy,
      period: t.period,
      initiator: t.initiator,
      initiatingDepartment: t.initiatingDepartment,
      cooperatingDepartments: t.cooperatingDepartments,
      mode: t.mode,
      cells: t.raw,
      extraCells: t.extraCells,
    })),
    problems: table.problems,
    skipped: table.skipped.filter((s) => s.kind !== 'blank'),
  };
}

/** Trial parse of a pasted table (nothing is saved), with the unit's remembered 列对应 and the ones given. */
export async function previewPlanText(
  db: Kysely<DB>,
  caller: PlanCaller,
  input: { text: string; year: number; unitCode?: string | undefined; columns?: Record<string, ColumnTarget> | undefined },
) {
  const unit = await loadPlanUnitFor(db, caller, input.unitCode);
  const columns = await columnChoicesFor(db, unit.code, input.columns);
  return tablePreview(parsePlanTable(input.text, { year: input.year, columns }));
}

/** The version a reader sees by default: the draft for the plan's own units, else the published one. */
function defaultVersion(plan: PlanRow, own: boolean): number {
  if (own && plan.state.draftVersion !== null) return plan.state.draftVersion;
  return plan.state.publishedVersion ?? plan.state.draftVersion ?? 1;
}

async function readableVersion(db: Kysely<DB>, plan: PlanRow, own: boolean, requested: number | undefined) {
  const versions = await loadVersions(db, plan, !own);
  const wanted = requested ?? defaultVersion(plan, own);
  const version = versions.find((v) => v.versionNo === wanted);
  if (!version) {
    throw new AppError(
      'NOT_FOUND',
      `计划没有第${wanted}版${own ? '' : '（或该版本尚未发布）'}。现有版本：${versions.map((v) => `第${v.versionNo}版`).join('、') || '无'}。`,
      { version: wanted },
    );
  }
  return { versions, version };
}

/**
 * A plan with its versions and the tasks of one version. Live counts of the linked 名录分库 are
 * given only to the plan's own units: they count the plan unit's whole area, which a unit below
 * (or beside) it must not read.
 */
export async function planDetail(db: Kysely<DB>, caller: PlanCaller, input: { id: string; version?: number | undefined }) {
  const { plan, own } = await loadPlanFor(db, caller, input.id, 'read');
  const { versions, version } = await readableVersion(db, plan, own, input.version);
  const tasks = await loadTasks(db, plan, version.versionNo, own);
  const editable = own && version.state === 'draft';
  // The tasks publishing would have to account for (live counts: the plan's own units only).
  const undrawable = own ? undrawableOf(tasks) : [];
  return { plan: planSummary(plan), own, editable, versions, version, tasks, undrawable };
}

/** Planner checks of one version, for the plan's own units (they use the live counts). */
export async function planChecksOf(db: Kysely<DB>, caller: PlanCaller, input: { id: string; version?: number | undefined }) {
  const { plan, own } = await loadPlanFor(db, caller, input.id, 'read');
  const { version } = await readableVersion(db, plan, own, input.version);
  const tasks = await loadTasks(db, plan, version.versionNo, own);
  const checks = own ? await planWarnings(db, plan, tasks) : { warnings: [], itemMatches: [] };
  return { versionNo: version.versionNo, ...checks };
}

/** Two versions compared (by default the chosen version and the one before). */
export async function planDiff(
  db: Kysely<DB>,
  caller: PlanCaller,
  input: { id: string; from?: number | undefined; to?: number | undefined },
) {
  const { plan, own } = await loadPlanFor(db, caller, input.id, 'read');
  const { versions, version: to } = await readableVersion(db, plan, own, input.to);
  const fromNo = input.from ?? to.versionNo - 1;
  const from = versions.find((v) => v.versionNo === fromNo);
  if (!from || fromNo === to.versionNo) {
    throw new AppError(
      'NOT_FOUND',
      `没有可与第${to.versionNo}版比较的第${fromNo}版。现有版本：${versions.map((v) => `第${v.versionNo}版`).join('、')}。`,
      { from: fromNo },
    );
  }
  const snapshot = async (v: VersionView) => {
    const tasks = await loadTasks(db, plan, v.versionNo, false);
    return {
      title: v.title,
      docNumber: v.docNumber,
      deadline: v.deadline,
      tasks: tasks.map((t) => ({ code: t.code, cells: t.cells, population: t.subLibrary?.name ?? null })),
    };
  };
  return { from, to, ...diffVersions(await snapshot(from), await snapshot(to)) };
}

/** The plan table of one version as .xlsx, with its file name. */
export async function planExportFile(db: Kysely<DB>, caller: PlanCaller, input: { id: string; version?: number | undefined }) {
  const { plan, own } = await loadPlanFor(db, caller, input.id, 'read');
  const { version } = await readableVersion(db, plan, own, input.version);
  const tasks = await loadTasks(db, plan, version.versionNo, false);
  return { buffer: await planWorkbook(plan, version, tasks), fileName: `${version.title}（第${version.versionNo}版）.xlsx` };
}
