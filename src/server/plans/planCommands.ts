// The state-changing use cases of plans: create (from a table or blank), edit the draft,
// publish, adjust, discard, file, delete. Each runs in one transaction with its audit row;
// the plan row is locked first so two users cannot race a transition.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  applyPlanAction,
  checkPlanAction,
  parseTaskCells,
  planFieldLabel,
  type ColumnTarget,
  type PlanAction,
  type PlanField,
  type PlanState,
  type PlanTable,
  parsePlanTable,
  undrawableDecision,
} from '../../core/plan/index.ts';
import { assertImportable, assertReadable, readPlanFile } from './planFile.ts';
import { columnChoicesFor, rememberColumnMappings } from './columnMappings.ts';
import { loadTasks, tablePreview, undrawableOf } from './planViews.ts';
import { recordAudit, type AuditEntry } from '../audit/recordAudit.ts';
import { nowOf } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import { loadSubLibrary } from '../subLibraries/compileRule.ts';
import { loadScope } from '../access/scope.ts';
import {
  allocateTaskCodes,
  copyVersionTasks,
  departmentResolver,
  jointUnitsOf,
  ofVersion,
  taskProblems,
  taskRow,
  type Actor,
  type PlanHeader,
  type PlanRow,
} from './planStore.ts';
import { loadPlanFor, loadPlanUnitFor, type PlanCaller } from './policy.ts';
import type { RiskClassification } from '../../core/entities/riskClassifications.ts';

/** The caller as the actor of a plan's audit rows. */
export function actorOf(caller: PlanCaller): Actor {
  return { userId: caller.userId, name: caller.displayName, now: caller.now };
}

export interface NewPlan {
  unitCode: string;
  year: number;
  kind: 'own' | 'joint';
  header: PlanHeader;
  table: PlanTable | null;
  sourceFileName: string | null;
}

/** Creates a plan with its first draft version and the table's tasks. Returns the plan id. */
export async function createPlan(trx: Transaction<DB>, input: NewPlan, actor: Actor): Promise<string> {
  const plan = await trx
    .insertInto('plan')
    .values({
      unit_code: input.unitCode,
      year: input.year,
      kind: input.kind,
      draft_version: 1,
      published_version: null,
      filed_version: null,
      filed_by_name: null,
      created_by_name: actor.name,
      created_at: nowOf(actor),
      updated_at: nowOf(actor),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('plan_version')
    .values({
      unit_code: input.unitCode,
      plan_id: plan.id,
      version_no: 1,
      state: 'draft',
      title: input.header.title,
      doc_number: input.header.docNumber,
      deadline: input.header.deadline,
      reason: null,
      source_file_name: input.sourceFileName,
      created_by_name: actor.name,
      created_at: nowOf(actor),
    })
    .execute();
  const tasks = input.table?.tasks ?? [];
  if (tasks.length > 0) {
    const codes = await allocateTaskCodes(trx, input.unitCode, input.year, tasks.length);
    const resolve = await departmentResolver(trx, { unitCode: input.unitCode });
    const rows = tasks.map((task, i) =>
      taskRow(task, taskProblems((input.table?.problems ?? []).filter((p) => p.row === i + 1)), {
        unitCode: input.unitCode,
        planId: plan.id,
        versionNo: 1,
        taskCode: codes[i]!,
        year: input.year,
        position: i + 1,
        subLibraryId: null,
        ...jointUnitsOf(resolve, task),
      }),
    );
    await trx.insertInto('plan_task').values(rows).execute();
  }
  await recordAudit(trx, {
    unitCode: input.unitCode,
    actorUserId: actor.userId,
    actorName: actor.name,
    at: nowOf(actor),
    action: 'plan.create',
    objectType: 'plan',
    objectId: plan.id,
    after: { year: input.year, kind: input.kind, ...input.header, tasks: tasks.length, source: input.sourceFileName },
  });
  return plan.id;
}

/** Runs `change` with the plan row locked (loadPlanFor 'act'), after checking the action is allowed. */
export async function changePlan<T>(
  db: Kysely<DB>,
  caller: PlanCaller,
  id: string,
  action: PlanAction,
  input: { reason?: string },
  change: (trx: Transaction<DB>, plan: PlanRow, next: PlanState) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const { plan } = await loadPlanFor(trx, caller, id, 'act');
    const check = checkPlanAction(plan.state, action, input);
    if (!check.ok) throw new AppError('INVALID_STATE', check.message, { status: plan.state.status, action });
    // The state after the action comes from the core lifecycle, the one place that defines it.
    return change(trx, plan, applyPlanAction(plan.state, action, input));
  });
}

async function setState(
  trx: Transaction<DB>,
  plan: PlanRow,
  state: PlanState,
  at: Date,
  extra: { filed_at?: Date; filed_by_name?: string } = {},
) {
  await trx
    .updateTable('plan')
    .set({
      status: state.status,
      published_version: state.publishedVersion,
      draft_version: state.draftVersion,
      filed_version: state.filedVersion,
      updated_at: at,
      ...extra,
    })
    .where('unit_code', '=', plan.unitCode)
    .where('id', '=', plan.id)
    .execute();
}

async function touch(trx: Transaction<DB>, plan: PlanRow, at: Date) {
  await trx.updateTable('plan').set({ updated_at: at }).where('unit_code', '=', plan.unitCode).where('id', '=', plan.id).execute();
}

type AuditDetail = Pick<AuditEntry, 'before' | 'after' | 'note'>;

/** The audit row of a step on a plan (or on a row of it), on the plan unit's chain, at the actor's time. */
function auditPlan(
  trx: Transaction<DB>,
  plan: PlanRow,
  actor: Actor,
  action: string,
  detail: AuditDetail,
  object: Pick<AuditEntry, 'objectType' | 'objectId'> = { objectType: 'plan', objectId: plan.id },
) {
  return recordAudit(trx, {
    unitCode: plan.unitCode,
    actorUserId: actor.userId,
    actorName: actor.name,
    at: nowOf(actor),
    action,
    ...object,
    ...detail,
  });
}

/** The audit row of a change to one task of the plan's draft, noting the plan and the draft version. */
function auditDraftTask(trx: Transaction<DB>, plan: PlanRow, actor: Actor, action: string, code: string, detail: AuditDetail) {
  const note = `${plan.year}年度计划 第${plan.state.draftVersion}版草稿`;
  return auditPlan(trx, plan, actor, action, { ...detail, note }, { objectType: 'plan_task', objectId: code });
}

export async function updateDraftHeader(db: Kysely<DB>, caller: PlanCaller, input: { id: string; header: Partial<PlanHeader> }) {
  const { id, header } = input;
  const actor = actorOf(caller);
  return changePlan(db, caller, id, 'edit', {}, async (trx, plan) => {
    const version = plan.state.draftVersion!;
    const before = await trx
      .selectFrom('plan_version')
      .select(['title', 'doc_number', 'deadline'])
      .where(ofVersion(plan, version))
      .executeTakeFirstOrThrow();
    const set: { title?: string; doc_number?: string; deadline?: string | null } = {};
    if (header.title !== undefined) set.title = header.title;
    if (header.docNumber !== undefined) set.doc_number = header.docNumber;
    if (header.deadline !== undefined) set.deadline = header.deadline;
    if (Object.keys(set).length === 0) return;
    await trx.updateTable('plan_version').set(set).where(ofVersion(plan, version)).execute();
    await touch(trx, plan, nowOf(caller));
    await auditPlan(trx, plan, actor, 'plan.edit', {
      before,
      after: set,
      note: `第${version}版草稿`,
    });
  });
}

export interface TaskInput {
  cells: Partial<Record<PlanField, string>>;
  subLibraryId: string | null;
  /** The classification the allocation uses; null (or absent): as the 信用风险分类管理 text names. */
  classification?: RiskClassification | null;
}

async function checkSubLibrary(trx: Transaction<DB>, plan: PlanRow, id: string | null) {
  if (id === null) return;
  await loadSubLibrary(trx, await loadScope(trx, plan.unitCode), id);
}

async function buildRow(trx: Transaction<DB>, plan: PlanRow, input: TaskInput, at: { taskCode: string; position: number }) {
  const { task, problems } = parseTaskCells(input.cells, { year: plan.year });
  await checkSubLibrary(trx, plan, input.subLibraryId);
  const resolve = await departmentResolver(trx, { unitCode: plan.unitCode });
  const row = taskRow(task, taskProblems(problems), {
    unitCode: plan.unitCode,
    planId: plan.id,
    versionNo: plan.state.draftVersion!,
    taskCode: at.taskCode,
    year: plan.year,
    position: at.position,
    subLibraryId: input.subLibraryId,
    classification: input.classification ?? null,
    ...jointUnitsOf(resolve, task),
  });
  return { row, problems };
}

function draftTasks(trx: Transaction<DB>, plan: PlanRow) {
  return trx.selectFrom('plan_task').where(ofVersion(plan, plan.state.draftVersion!));
}

export async function addTask(db: Kysely<DB>, caller: PlanCaller, input: TaskInput & { id: string }) {
  const actor = actorOf(caller);
  return changePlan(db, caller, input.id, 'edit', {}, async (trx, plan) => {
    const last = await draftTasks(trx, plan)
      .select((eb) => eb.fn.max('position').as('p'))
      .executeTakeFirst();
    const [taskCode] = await allocateTaskCodes(trx, plan.unitCode, plan.year, 1);
    const { row, problems } = await buildRow(trx, plan, input, { taskCode: taskCode!, position: Number(last?.p ?? 0) + 1 });
    await trx.insertInto('plan_task').values(row).execute();
    await touch(trx, plan, nowOf(caller));
    await auditDraftTask(trx, plan, actor, 'plan.task.add', taskCode!, {
      after: { cells: input.cells, subLibraryId: input.subLibraryId, classification: input.classification ?? null },
    });
    return { code: taskCode!, problems };
  });
}

async function existingTask(trx: Transaction<DB>, plan: PlanRow, code: string) {
  const row = await draftTasks(trx, plan)
    .select(['task_code', 'position', 'cells', 'sub_library_id', 'risk_classification'])
    .where('task_code', '=', code)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `第${plan.state.draftVersion}版草稿中没有任务编号为 ${code} 的任务，请刷新后重试。`, { code });
  return row;
}

export async function updateTask(db: Kysely<DB>, caller: PlanCaller, input: TaskInput & { id: string; code: string }) {
  const { code } = input;
  const actor = actorOf(caller);
  return changePlan(db, caller, input.id, 'edit', {}, async (trx, plan) => {
    const old = await existingTask(trx, plan, code);
    const { row, problems } = await buildRow(trx, plan, input, { taskCode: code, position: old.position });
    await trx.updateTable('plan_task').set(row).where(ofVersion(plan, plan.state.draftVersion!)).where('task_code', '=', code).execute();
    await touch(trx, plan, nowOf(caller));
    await auditDraftTask(trx, plan, actor, 'plan.task.edit', code, {
      before: { cells: old.cells, subLibraryId: old.sub_library_id, classification: old.risk_classification },
      after: { cells: input.cells, subLibraryId: input.subLibraryId, classification: input.classification ?? null },
    });
    return { code, problems };
  });
}

export async function deleteTask(db: Kysely<DB>, caller: PlanCaller, input: { id: string; code: string }) {
  const { code } = input;
  const actor = actorOf(caller);
  return changePlan(db, caller, input.id, 'edit', {}, async (trx, plan) => {
    const old = await existingTask(trx, plan, code);
    await trx.deleteFrom('plan_task').where(ofVersion(plan, plan.state.draftVersion!)).where('task_code', '=', code).execute();
    await touch(trx, plan, nowOf(caller));
    await auditDraftTask(trx, plan, actor, 'plan.task.delete', code, {
      before: { cells: old.cells },
    });
  });
}

/** Publishing needs every task readable: the cells with errors are named so they can be fixed. */
async function assertPublishable(trx: Transaction<DB>, plan: PlanRow) {
  const tasks = await draftTasks(trx, plan).select(['task_code', 'seq', 'name', 'problems']).orderBy('position').execute();
  if (tasks.length === 0) throw new AppError('INVALID_STATE', '计划中还没有任务，不能发布：请导入计划表或添加任务。');
  const broken = tasks
    .map((t) => ({
      ...t,
      errors: (t.problems as { severity: string; field: string | null; column: string | null }[]).filter((p) => p.severity === 'error'),
    }))
    .filter((t) => t.errors.length > 0);
  if (broken.length > 0) {
    const list = broken
      .slice(0, 10)
      .map(
        (t) =>
          `任务${t.seq ?? ''}（${t.task_code}）：${t.errors.map((e) => e.column ?? (e.field ? planFieldLabel[e.field as PlanField] : '整行')).join('、')}`,
      );
    throw new AppError(
      'INVALID_STATE',
      `有 ${broken.length} 个任务的单元格未能识别，请先修改后再发布：${list.join('；')}${broken.length > 10 ? ' 等' : ''}。`,
      {
        tasks: broken.map((t) => ({ code: t.task_code, errors: t.errors })),
      },
    );
  }
}

/**
 * Publishes the draft. Tasks that cannot be drawn (no 名录分库, or an empty one) need the
 * publisher's stated reason (`undrawableReason`), kept with the version and in the audit row;
 * without it the publish is refused with the tasks named.
 */
export async function publishPlan(
  db: Kysely<DB>,
  caller: PlanCaller,
  input: { id: string; reason?: string | undefined; undrawableReason?: string | undefined },
) {
  const { reason } = input;
  const actor = actorOf(caller);
  return changePlan(db, caller, input.id, 'publish', { reason }, async (trx, plan, next) => {
    await assertPublishable(trx, plan);
    const version = plan.state.draftVersion!;
    // The live 名录分库 counts read the distributed directory on every shard, and the version row
    // written next is a reference table. On Citus both must then go over one connection per node
    // (else: "cannot modify table … because there was a parallel operation"); on PGlite and plain
    // PostgreSQL the setting is an unused placeholder.
    await sql`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`.execute(trx);
    const undrawable = undrawableOf(await loadTasks(trx, plan, version, true));
    const undrawableReason = undrawableDecision(undrawable, input.undrawableReason);
    const now = nowOf(caller);
    if (plan.state.publishedVersion !== null) {
      await trx.updateTable('plan_version').set({ state: 'superseded' }).where(ofVersion(plan, plan.state.publishedVersion)).execute();
    }
    await trx
      .updateTable('plan_version')
      .set({
        state: 'published',
        published_at: now,
        published_by_name: actor.name,
        reason: plan.state.publishedVersion !== null ? (reason ?? '').trim() : null,
        undrawable_reason: undrawableReason,
        undrawable_tasks: undrawableReason === null ? null : JSON.stringify(undrawable),
      })
      .where(ofVersion(plan, version))
      .execute();
    await setState(trx, plan, next, nowOf(caller));
    await auditPlan(trx, plan, actor, 'plan.publish', {
      before: { status: plan.state.status, publishedVersion: plan.state.publishedVersion },
      after: {
        status: 'published',
        publishedVersion: version,
        ...(undrawableReason === null
          ? {}
          : { undrawable: { reason: undrawableReason, tasks: undrawable.map((t) => ({ code: t.code, why: t.why })) } }),
      },
      ...(reason ? { note: reason } : {}),
    });
    return { version };
  });
}

export async function adjustPlan(db: Kysely<DB>, caller: PlanCaller, input: { id: string }) {
  const actor = actorOf(caller);
  return changePlan(db, caller, input.id, 'adjust', {}, async (trx, plan, next) => {
    const from = plan.state.publishedVersion!;
    const to = from + 1;
    const source = await trx.selectFrom('plan_version').selectAll().where(ofVersion(plan, from)).executeTakeFirstOrThrow();
    await trx
      .insertInto('plan_version')
      .values({
        unit_code: plan.unitCode,
        plan_id: plan.id,
        version_no: to,
        state: 'draft',
        title: source.title,
        doc_number: source.doc_number,
        deadline: source.deadline,
        reason: null,
        source_file_name: null,
        created_by_name: actor.name,
        created_at: nowOf(actor),
      })
      .execute();
    await copyVersionTasks(trx, { unitCode: plan.unitCode, id: plan.id }, from, to);
    await setState(trx, plan, next, nowOf(caller));
    await auditPlan(trx, plan, actor, 'plan.adjust', {
      after: { draftVersion: to, from },
    });
    return { version: to };
  });
}

export async function discardAdjustment(db: Kysely<DB>, caller: PlanCaller, input: { id: string }) {
  const actor = actorOf(caller);
  return changePlan(db, caller, input.id, 'discard', {}, async (trx, plan, next) => {
    const version = plan.state.draftVersion!;
    await setState(trx, plan, next, nowOf(caller));
    await trx.deleteFrom('plan_version').where(ofVersion(plan, version)).execute();
    await auditPlan(trx, plan, actor, 'plan.discard', {
      before: { draftVersion: version },
    });
  });
}

export async function filePlan(db: Kysely<DB>, caller: PlanCaller, input: { id: string }) {
  const actor = actorOf(caller);
  return changePlan(db, caller, input.id, 'file', {}, async (trx, plan, next) => {
    const now = nowOf(caller);
    await setState(trx, plan, next, now, { filed_at: now, filed_by_name: actor.name });
    await auditPlan(trx, plan, actor, 'plan.file', {
      before: { status: plan.state.status, filedVersion: plan.state.filedVersion },
      after: { status: 'filed', filedVersion: plan.state.publishedVersion },
    });
    return { filedAt: now, version: plan.state.publishedVersion };
  });
}

/** Only a plan never published may be deleted (published versions are public record). */
export async function deletePlan(db: Kysely<DB>, caller: PlanCaller, input: { id: string }) {
  const actor = actorOf(caller);
  return changePlan(db, caller, input.id, 'edit', {}, async (trx, plan) => {
    if (plan.state.publishedVersion !== null) {
      throw new AppError('INVALID_STATE', '计划已发布，发布过的版本是公开记录，不能删除；如需变更请“调整计划”。', {
        status: plan.state.status,
      });
    }
    await trx.deleteFrom('plan_version').where('unit_code', '=', plan.unitCode).where('plan_id', '=', plan.id).execute();
    await trx.deleteFrom('plan').where('unit_code', '=', plan.unitCode).where('id', '=', plan.id).execute();
    await auditPlan(trx, plan, actor, 'plan.delete', {
      before: { year: plan.year },
    });
  });
}

function defaultTitle(unitName: string, year: number, kind: 'own' | 'joint') {
  return `${unitName}${year}年度${kind === 'joint' ? '部门联合' : ''}“双随机、一公开”抽查工作计划`;
}

export interface PlanDraftInput {
  year: number;
  unitCode?: string | undefined;
  kind: 'own' | 'joint';
  title?: string | undefined;
  docNumber?: string | undefined;
  deadline?: string | null | undefined;
  /** 列对应 given with this table, by header key: applied, and remembered for the unit once saved. */
  columns?: Record<string, ColumnTarget> | undefined;
}

/** Saves a parsed table (or nothing) as a new plan's first draft. */
async function saveNewPlan(
  db: Kysely<DB>,
  caller: PlanCaller,
  input: PlanDraftInput,
  table: PlanTable | null,
  sourceFileName: string | null,
) {
  const unit = await loadPlanUnitFor(db, caller, input.unitCode);
  return db.transaction().execute(async (trx) => {
    if (table) await rememberColumnMappings(trx, unit.code, table, input.columns, actorOf(caller));
    return createPlan(
      trx,
      {
        unitCode: unit.code,
        year: input.year,
        kind: input.kind,
        header: {
          title: input.title ?? defaultTitle(unit.name, input.year, input.kind),
          docNumber: input.docNumber ?? '',
          deadline: input.deadline ?? null,
        },
        table,
        sourceFileName,
      },
      actorOf(caller),
    );
  });
}

/** A new draft: blank, or from a pasted table (unreadable cells are kept with the task, to fix before publishing). */
export async function createPlanDraft(db: Kysely<DB>, caller: PlanCaller, input: PlanDraftInput & { text?: string | undefined }) {
  let table: PlanTable | null = null;
  if (input.text !== undefined && input.text.trim() !== '') {
    const unit = await loadPlanUnitFor(db, caller, input.unitCode);
    table = parsePlanTable(input.text, { year: input.year, columns: await columnChoicesFor(db, unit.code, input.columns) });
    assertReadable(table, '粘贴的计划表');
    assertImportable(table, '粘贴的计划表');
  }
  const id = await saveNewPlan(db, caller, input, table, null);
  return { id, taskCount: table?.tasks.length ?? 0, problems: table?.problems ?? [] };
}

/** A plan table file read and, unless a dry run, saved as a new draft. */
export async function importPlanTable(
  db: Kysely<DB>,
  caller: PlanCaller,
  input: PlanDraftInput & { dryRun: boolean; file: { path: string; fileName: string } | undefined },
) {
  if (!input.file) throw new AppError('BAD_FILE', '请上传计划表文件（.xlsx、.csv，或制表符分隔的 .tsv/.txt）。');
  const unit = await loadPlanUnitFor(db, caller, input.unitCode);
  const columns = await columnChoicesFor(db, unit.code, input.columns);
  const table = await readPlanFile(input.file.path, input.file.fileName, input.year, columns);
  if (input.dryRun) return { dryRun: true as const, id: null, ...tablePreview(table) };
  assertImportable(table, input.file.fileName);
  const id = await saveNewPlan(db, caller, input, table, input.file.fileName);
  return { dryRun: false as const, id, ...tablePreview(table) };
}
