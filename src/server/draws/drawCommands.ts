// The draw workflow (docs/draw-spec.md §3–§9): preview and commit a task batch → ceremony
// (public source entered, operator value revealed) → result; void with reason (a re-draw is a
// new commit); reserves with reason; publishing the result once the visits are done. Each step
// is one transaction with its audit row; every step on a draw starts with loadDrawFor.
// Matching and swaps are in drawMatching.ts.
import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Transaction, type Updateable } from 'kysely';
import { databaseOf } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import type { DrawResult, DrawTable } from '../../db/tables/draws.ts';
import {
  allocateByRiskClass,
  buildVisits,
  commitDrawFromBytes,
  DrawError,
  RISK_CLASSES,
  compareUtf8,
  drawCodeOf,
  mergeSelectionProblem,
  mergedGroups,
  operatorCommitment,
  runDraw,
  type AllocationSpec,
  type DrawInput,
  type DrawParams,
  type SourceKind,
} from '../../core/draw/index.ts';
import { allocationForTask } from '../../core/plan/index.ts';
import { riskClassificationLabel } from '../../core/entities/riskClassifications.ts';
import { ruleObjectKindLabel } from '../../core/subLibraries/rule.ts';
import { recordAudit, type AuditEntry } from '../audit/recordAudit.ts';
import { nowOf, todayOf } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { buildTaskFrame, taskFrameCounts, classificationParam, type BuiltFrame } from './drawFrame.ts';
import { drawOnWorkers, drawsOnWorkers, startTicketPools } from './workerDraw.ts';
import { nativeStreamingHash } from './frameCopy.ts';
import { loadTaskFor, tasksInReach } from '../tasks/policy.ts';
import { loadScope, type UnitScope } from '../access/scope.ts';
import { schemeRefusalFor } from '../jointSchemes/jointSchemeCommands.ts';
import { inspectedAtDrawLevel, type DrawableTask } from './drawTask.ts';
import { actorOf, drawQuery, drawsOfTask, loadDrawFor, readableDraws, type DrawRow } from './policy.ts';
import { commitView, groupFiles, groupFileSize, storedGroupFrames } from './drawViews.ts';
import { publicationReadiness, requireDrawn, resultsOnVisits } from './drawProgress.ts';
import { recordVisits, releaseDrawInspectors, releaseVisitInspectors, type DrawOfVisits } from '../visits/visitStore.ts';

/** How the declared platform source is named in P (docs/draw-spec.md §3.2 `operator`). */
export const OPERATOR_SOURCE_NAME = '本平台承诺时生成的 32 字节随机数（摇号时揭示）';

export interface CommitInput {
  taskCode: string;
  batch: number;
  publicSource: { kind: Exclude<SourceKind, 'operator'>; name: string };
  reserve: number;
  manualCount?: number;
  reason?: string;
}

function drawFailure(error: unknown): never {
  if (error instanceof DrawError)
    throw new AppError('UNPROCESSABLE', error.message, { drawError: error.code, ...(error.details as object) });
  throw error;
}

/**
 * Whose 检查对象名录库 a task's frame is frozen from: the caller's scope, or, for a joint task its
 * 发起部门 (a member department) draws, the plan's unit's — the population is the plan's 名录分库.
 */
async function frameScopeOf(db: Kysely<DB>, caller: Caller, task: DrawableTask): Promise<UnitScope> {
  return task.reach.relation === 'joint' ? loadScope(db, task.planUnitCode) : caller.scope;
}

function periodEndedBefore(task: DrawableTask, today: string): string | null {
  return task.period !== null && task.period.end < today ? task.period.end : null;
}

/** 抽取前预览: the task, its frame's counts and exclusions, the allocation (N and n per class), the draws. */
export async function previewTaskDraw(db: Kysely<DB>, caller: Caller, input: { code: string; manualCount?: number }) {
  const task = await loadTaskFor(db, caller, input.code);
  const today = todayOf(caller);
  const frame = await taskFrameCounts(db, await frameScopeOf(db, caller, task), task, today);
  const allocation = allocationForTask(task.quota, task.riskPolicy, input.manualCount);
  const draws = await drawQuery(db)
    .where(drawsOfTask(task.code))
    .where(readableDraws(caller, task.reach.inspects))
    .orderBy('d.batch_no')
    .orderBy('d.attempt')
    .execute();
  return {
    task,
    today,
    periodEndedOn: periodEndedBefore(task, today),
    mergeCandidates: task.reach.canDraw ? await mergeCandidates(db, caller, task) : [],
    entries: frame.entries,
    counts: frame.counts,
    excluded: frame.excluded,
    objectKindLabel: ruleObjectKindLabel(frame.basis.kind),
    classificationLabel: riskClassificationLabel[frame.basis.classification],
    allocation,
    planned: allocation.ok ? allocateByRiskClass(allocation.allocation, frame.counts) : null,
    draws: draws.map(commitView),
  };
}

/**
 * The other tasks of the task's plan the caller could draw together with it (合并抽取): drawn by the
 * caller's unit, not joint, with a window that has days in common with the task's (or both without
 * one); `samePopulation` when they draw from the same 名录分库 (a business may be drawn by both).
 */
async function mergeCandidates(db: Kysely<DB>, caller: Caller, task: DrawableTask) {
  if (task.participants.length > 0) return [];
  // The plan version's tasks, read and judged by the tasks' policy in one query.
  const others = await tasksInReach(db, caller.scope, {
    planUnitCode: task.planUnitCode,
    planId: task.planId,
    planVersion: task.planVersion,
  });
  const candidates = [];
  for (const other of others) {
    if (other.code === task.code || !other.reach.canDraw || other.participants.length > 0 || other.subLibraryId === null) continue;
    const together = task.period === null && other.period === null;
    if (!together && (task.period === null || other.period === null || !periodsOverlap([task.period, other.period]))) continue;
    candidates.push({
      code: other.code,
      name: other.name,
      items: other.items,
      period: other.period,
      samePopulation: other.subLibraryId === task.subLibraryId,
    });
  }
  return candidates;
}

function activeDrawConflict(task: DrawableTask, batch: number, active: { id: string; draw_code: string; status: string }) {
  return new AppError(
    'INVALID_STATE',
    `任务 ${task.code} 第 ${batch} 批已有抽取记录 ${active.draw_code}（${active.status === 'drawn' ? '已抽取' : '已承诺、待摇号'}）。同一批不能再承诺；确需重抽，请先作废该记录并写明原因。`,
    { drawId: active.id },
  );
}

/** A task's checks before its frame is built: the unit draws it, the batch exists, it has an allocation and items, a late reason. */
function drawableTaskChecks(
  caller: Caller,
  task: DrawableTask,
  input: { batch: number; manualCount?: number },
  today: string,
  reason: string,
) {
  if (!task.reach.canDraw && task.participants.length > 0) {
    throw new AppError(
      'FORBIDDEN_UNIT',
      `任务 ${task.code} 是部门联合任务，由发起部门抽取；您当前所在单位（${caller.scope.unitName}）是配合部门，可查看抽取结果和本单位的检查户次，不能抽取。`,
      { code: task.code },
    );
  }
  if (!task.reach.canDraw) {
    throw new AppError(
      'FORBIDDEN_UNIT',
      `任务 ${task.code}（${task.mode?.modes.map((m) => m.code).join('、') ?? ''}）由${task.planUnitName}抽取，您当前所在单位（${caller.scope.unitName}）负责检查，不能抽取。`,
      { code: task.code },
    );
  }
  if (input.batch > task.batchesPerYear) {
    throw new AppError('VALIDATION_FAILED', `任务 ${task.code} 每年只有 ${task.batchesPerYear} 批，没有第 ${input.batch} 批。`, {
      batch: input.batch,
    });
  }
  const allocation = allocationForTask(task.quota, task.riskPolicy, input.manualCount);
  if (!allocation.ok) throw new AppError('UNPROCESSABLE', allocation.message, { code: task.code });
  if (task.items.length === 0) throw new AppError('UNPROCESSABLE', `任务 ${task.code} 没有抽查事项，不能抽取：请在计划中补充后发布。`);
  const endedOn = periodEndedBefore(task, today);
  if (endedOn !== null && reason.length < 4) {
    throw new AppError(
      'VALIDATION_FAILED',
      `任务 ${task.code} 的抽查期间已于 ${endedOn} 结束。如确需在期间结束后抽取，请填写原因（至少 4 个字），原因将随任务公告公示。`,
      { periodEnd: endedOn },
    );
  }
  return allocation;
}

/** A joint task's commit waits for every 配合部门 to agree to the 检查方案's current version. */
async function refuseUnagreedScheme(db: Kysely<DB> | Transaction<DB>, task: DrawableTask, options: { lock?: boolean } = {}) {
  const notAgreed = await schemeRefusalFor(db, task, options);
  if (notAgreed) throw new AppError('UNPROCESSABLE', `未抽取：${notAgreed}`);
}

/** One task of a commit: its allocation and frozen frame. */
interface CommitPart {
  task: DrawableTask;
  allocation: { allocation: AllocationSpec; note: string };
  frame: BuiltFrame;
}

/**
 * Freezes the frame, computes and records the commit (docs/draw-spec.md §2, §3.1). No seed exists yet.
 * `at`: the commit's instant when it is not the caller's; otherwise "today" is the server's
 * (SSJ_TODAY when set), the same day the task page judged the period by.
 */
export async function commitTaskDraw(db: Kysely<DB>, caller: Caller, input: CommitInput, at?: Date) {
  const task = await loadTaskFor(db, caller, input.taskCode);
  const today = at === undefined ? todayOf(caller) : todayOf({ now: at });
  const reason = (input.reason ?? '').trim();
  const allocation = drawableTaskChecks(caller, task, input, today, reason);
  // Asked early (nothing is frozen for a refused commit) and again, with the scheme locked, in the
  // commit's transaction (recordCommit): an edit made in between is never drawn on unagreed.
  await refuseUnagreedScheme(db, task);
  const frame = await buildTaskFrame(db, await frameScopeOf(db, caller, task), task, today);
  const committed = await recordCommit(db, caller, [{ task, allocation, frame }], input, reason, at ?? nowOf(caller));
  const { groups, ...draw } = committed;
  const group = groups[0]!;
  return {
    ...draw,
    counts: group.counts,
    planned: group.planned,
    excluded: frame.excluded,
    allocation: allocation.note,
    entries: frame.entries,
  };
}

/**
 * 合并抽取 (docs/draw-spec.md §2, §6): several tasks of one plan drawn under one commit, one group
 * per task (its code the task's code), so that a business drawn by two tasks is one visit with both
 * tasks' items. Every task must be the caller's to draw (a task out of reach answers NOT_FOUND before
 * anything is read or written), in the same plan, batch and period, and not drawn yet in this batch.
 * Each group's frame and exclusions are its task's own (A-class no-repeat, upper-level and joint
 * tasks), as for a draw of that task alone.
 */
export async function commitMergedDraw(db: Kysely<DB>, caller: Caller, input: MergedCommitInput, at?: Date) {
  const problem = mergeSelectionProblem(input.taskCodes);
  if (problem) throw new AppError('VALIDATION_FAILED', problem);
  const tasks: DrawableTask[] = [];
  for (const code of input.taskCodes) tasks.push(await loadTaskFor(db, caller, code));
  tasks.sort((a, b) => compareUtf8(a.code, b.code));
  const today = at === undefined ? todayOf(caller) : todayOf({ now: at });
  const reason = (input.reason ?? '').trim();
  const allocations = tasks.map((task) => drawableTaskChecks(caller, task, input, today, reason));
  const first = tasks[0]!;
  for (const task of tasks.slice(1)) {
    if (task.planUnitCode !== first.planUnitCode || task.planId !== first.planId || task.planVersion !== first.planVersion) {
      throw new AppError(
        'UNPROCESSABLE',
        `任务 ${first.code} 与 ${task.code} 不属于同一计划，不能合并抽取：合并抽取的任务须是同一份抽查计划（同一版本）中的任务。`,
      );
    }
  }
  const joint = tasks.find((t) => t.participants.length > 0);
  if (joint) throw new AppError('UNPROCESSABLE', `任务 ${joint.code} 是部门联合任务，不能与其他任务合并抽取：请单独抽取。`);
  const levels = new Set(tasks.map((t) => (t.mode?.modes ?? []).every((m) => m.drawLevel === m.inspectLevel)));
  if (levels.size > 1) {
    throw new AppError(
      'UNPROCESSABLE',
      '所选任务的抽查检查模式不同（有的由本级检查，有的由下级检查），不能合并抽取：请按检查模式分别抽取。',
    );
  }
  const periods = tasks.map((t) => t.period);
  if (
    periods.some((p) => p !== null) &&
    (periods.some((p) => p === null) || !periodsOverlap(periods as { start: string; end: string }[]))
  ) {
    throw new AppError(
      'UNPROCESSABLE',
      `所选任务的抽查期间没有共同的日子（${tasks.map((t) => `${t.code}：${t.period ? `${t.period.start} 至 ${t.period.end}` : '未填写'}`).join('；')}），不能合并抽取：“进一次门、查多项事”要求同一时间检查。`,
    );
  }
  const parts: CommitPart[] = [];
  for (const [i, task] of tasks.entries())
    parts.push({ task, allocation: allocations[i]!, frame: await buildTaskFrame(db, caller.scope, task, today) });
  const committed = await recordCommit(db, caller, parts, input, reason, at ?? nowOf(caller));
  return {
    ...committed,
    groups: committed.groups.map((g, i) => ({
      ...g,
      excluded: parts[i]!.frame.excluded,
      allocation: parts[i]!.allocation.note,
      entries: parts[i]!.frame.entries,
    })),
  };
}

function periodsOverlap(periods: readonly { start: string; end: string }[]): boolean {
  const start = periods
    .map((p) => p.start)
    .sort()
    .at(-1)!;
  const end = periods.map((p) => p.end).sort()[0]!;
  return start <= end;
}

export interface MergedCommitInput {
  taskCodes: string[];
  batch: number;
  publicSource: CommitInput['publicSource'];
  reserve: number;
  reason?: string;
}

/** The draws of the unit's batch that hold any of the tasks, alone or merged, newest attempt first. */
function drawsOfTasks(trx: Transaction<DB>, unitCode: string, taskCodes: readonly string[], batch: number) {
  return trx
    .selectFrom('draw')
    .select(['id', 'status', 'attempt', 'draw_code', 'task_code', 'merged_tasks'])
    .where('unit_code', '=', unitCode)
    .where('batch_no', '=', batch)
    .where((eb) => eb.or([eb('task_code', 'in', [...taskCodes]), sql<boolean>`merged_tasks && ${sql.val([...taskCodes])}::text[]`]))
    .orderBy('attempt', 'desc')
    .execute();
}

/**
 * Claims the task batches for the new draw (draw_task, one row per task, in byte order of the
 * codes): the codes of the tasks another draw of record already holds — a concurrent commit
 * that got there first. Those rows wait for that commit to end, and are claimed if it rolls back.
 */
async function claimTaskBatches(trx: Transaction<DB>, unitCode: string, drawId: string, taskCodes: readonly string[], batch: number) {
  const claimed = await trx
    .insertInto('draw_task')
    .values(taskCodes.map((code) => ({ unit_code: unitCode, task_code: code, batch_no: batch, draw_id: drawId })))
    .onConflict((oc) => oc.doNothing())
    .returning('task_code')
    .execute();
  const mine = new Set(claimed.map((r) => r.task_code));
  return taskCodes.filter((code) => !mine.has(code));
}

/**
 * The commit of one or several tasks' frozen frames, in one transaction: refused when a task already
 * has a draw in the batch that is not voided; numbered after the voided ones (a re-draw needs a reason).
 * One task is group `G1` as always; several are one group each, named by the task code.
 */
async function recordCommit(
  db: Kysely<DB>,
  caller: Caller,
  parts: readonly CommitPart[],
  input: Pick<CommitInput, 'batch' | 'publicSource' | 'reserve'>,
  reason: string,
  now: Date,
) {
  const unitCode = caller.scope.unitCode;
  const tasks = parts.map((p) => p.task);
  const lead = tasks[0]!;
  const merged = parts.length > 1;
  const codes = tasks.map((t) => t.code);
  return db.transaction().execute(async (trx) => {
    for (const task of tasks) await refuseUnagreedScheme(trx, task, { lock: true });
    const previous = await drawsOfTasks(trx, unitCode, codes, input.batch);
    const conflict = (active: { id: string; draw_code: string; status: string; task_code: string; merged_tasks: string[] | null }) => {
      const task = tasks.find((t) => (active.merged_tasks ?? [active.task_code]).includes(t.code)) ?? lead;
      return activeDrawConflict(task, input.batch, active);
    };
    const active = previous.find((d) => d.status !== 'voided');
    if (active) throw conflict(active);
    const attempt = (previous[0]?.attempt ?? 0) + 1;
    if (attempt > 1 && reason.length < 4) {
      throw new AppError(
        'VALIDATION_FAILED',
        `这是第 ${attempt} 次抽取（之前的抽取已作废），必须填写重抽原因（至少 4 个字），原因将随任务公告公示。`,
      );
    }
    const drawCode = drawCodeOf(codes, input.batch, attempt);
    const operatorValue = randomBytes(32).toString('hex');
    const groups = (
      merged
        ? mergedGroups(
            parts.map((p) => ({ code: p.task.code, items: p.task.items, allocation: p.allocation.allocation })),
            input.reserve,
          )
        : [{ code: 'G1', items: [...new Set(lead.items)], allocation: parts[0]!.allocation.allocation, reserve: input.reserve }]
    ).map((g, i) => ({ ...g, ...classificationParam(parts[i]!.frame.basis.classification) }));
    const params: DrawParams = {
      spec: 'ssj-draw/1',
      hash: 'sm3',
      task: drawCode,
      year: lead.year,
      groups,
      sources: [
        { kind: input.publicSource.kind, name: input.publicSource.name },
        { kind: 'operator', name: OPERATOR_SOURCE_NAME, commitment: operatorCommitment('sm3', operatorValue) },
      ],
    };
    const files = groups.map((g, i) => ({ code: g.code, frame: parts[i]!.frame.frame, exclusions: parts[i]!.frame.exclusions }));
    let record;
    try {
      record = commitDrawFromBytes(params, files, nativeStreamingHash);
    } catch (error) {
      drawFailure(error);
    }
    record.groups.forEach((g, i) => {
      const counted = parts[i]!.frame.counts;
      if (RISK_CLASSES.some((c) => g.counts[c] !== counted[c])) {
        // The frame's own count and the database's disagree: never publish such a commit.
        throw new Error(`draw ${drawCode}: N_h of the frame file ${JSON.stringify(g.counts)} ≠ the database's ${JSON.stringify(counted)}`);
      }
    });
    // A concurrent commit of the same batch (or the same re-draw code) wins the unique index;
    // this one then inserts nothing and is answered like any second commit.
    const inserted = await trx
      .insertInto('draw')
      .values({
        unit_code: unitCode,
        plan_unit_code: lead.planUnitCode,
        plan_id: lead.planId,
        plan_version: lead.planVersion,
        task_code: lead.code,
        merged_tasks: merged ? codes : null,
        year: lead.year,
        batch_no: input.batch,
        attempt,
        draw_code: drawCode,
        status: 'committed',
        params: JSON.stringify(params),
        commit_hash: record.commit,
        committed_at: now.toISOString(),
        created_at: now,
        counts: JSON.stringify(record.groups.map((g) => ({ code: g.code, counts: g.counts }))),
        excluded_count: parts.reduce((a, p) => a + p.frame.excluded.reduce((b, e) => b + e.count, 0), 0),
        operator_value: operatorValue,
        replaces_draw_id: previous[0]?.id ?? null,
        void_reason: null,
        commit_reason: reason === '' ? null : reason,
        created_by_name: caller.displayName,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    // The batch of every task is claimed in the same transaction (draw_task): a concurrent commit
    // of any of the tasks, alone or merged, holds one of the rows first and this one is refused.
    const taken = inserted ? await claimTaskBatches(trx, unitCode, inserted.id, codes, input.batch) : codes;
    if (!inserted || taken.length > 0) {
      // Not this commit's own draw row, which this transaction sees.
      const winner = (await drawsOfTasks(trx, unitCode, taken, input.batch)).find((d) => d.status !== 'voided' && d.id !== inserted?.id);
      throw conflict(winner ?? { id: '', draw_code: drawCode, status: 'committed', task_code: taken[0] ?? lead.code, merged_tasks: null });
    }
    await trx
      .insertInto('draw_group_file')
      .values(files.map((f, i) => ({ unit_code: unitCode, draw_id: inserted.id, position: i + 1, ...f })))
      .execute();
    const counts = (i: number) => record.groups[i]!.counts;
    await auditDraw(trx, caller, { unit_code: unitCode, id: inserted.id }, 'draw.commit', {
      after: merged
        ? {
            drawCode,
            commit: record.commit,
            tasks: codes,
            groups: parts.map((p, i) => ({
              task: p.task.code,
              counts: counts(i),
              excluded: p.frame.excluded,
              allocation: p.allocation.note,
            })),
          }
        : { drawCode, commit: record.commit, counts: counts(0), excluded: parts[0]!.frame.excluded, allocation: parts[0]!.allocation.note },
      ...(reason ? { note: reason } : {}),
    });
    return {
      id: inserted.id,
      drawCode,
      commit: record.commit,
      groups: groups.map((g, i) => ({ code: g.code, counts: counts(i), planned: allocateByRiskClass(g.allocation, counts(i)) })),
    };
  });
}

/** The draw's keys as the visit rows need them. */
export function visitsDrawOf(row: DrawRow): DrawOfVisits {
  return {
    unitCode: row.unit_code,
    id: row.id,
    taskCode: row.task_code,
    mergedTasks: row.merged_tasks,
    year: row.year,
    planUnitCode: row.plan_unit_code,
    planId: row.plan_id,
    planVersion: row.plan_version,
  };
}

/** Writes changed columns of a draw's row (loaded, and for a change locked, by loadDrawFor). */
export async function updateDraw(trx: Transaction<DB>, draw: { unit_code: string; id: string }, changes: Updateable<DrawTable>) {
  await trx.updateTable('draw').set(changes).where('unit_code', '=', draw.unit_code).where('id', '=', draw.id).execute();
}

/** The draw's audit row, on the drawing unit's chain, with the caller as actor. */
export async function auditDraw(
  trx: Transaction<DB>,
  caller: Caller,
  draw: { unit_code: string; id: string },
  action: string,
  detail: Pick<AuditEntry, 'before' | 'after' | 'note'>,
) {
  await recordAudit(trx, {
    unitCode: draw.unit_code,
    ...actorOf(caller),
    action,
    objectType: 'draw',
    objectId: draw.id,
    ...detail,
    at: nowOf(caller),
  });
}

/** The ceremony (docs/draw-spec.md §3.2–§6): the public value is entered, the operator value revealed, the draw runs once. */
export async function runCeremony(
  db: Kysely<DB>,
  caller: Caller,
  input: { id: string; value: string; witnessName: string },
  options: { workersFromChars?: number } = {},
) {
  return db.transaction().execute(async (trx) => {
    const draw = await loadDrawFor(trx, caller, input.id, 'act');
    if (draw.status !== 'committed') {
      throw new AppError(
        'INVALID_STATE',
        draw.status === 'drawn'
          ? `抽取记录 ${draw.draw_code} 已于摇号时抽取，结果已锁定；同一承诺不能再抽第二次。如确需重抽，请作废后以新的承诺重新公示。`
          : `抽取记录 ${draw.draw_code} 已作废，不能摇号。`,
        { status: draw.status },
      );
    }
    const drawnAt = nowOf(caller);
    if (drawnAt.getTime() < new Date(draw.committed_at).getTime()) {
      // The seed is revealed after the commit was published (docs/draw-spec.md §3): never before.
      throw new AppError(
        'INVALID_STATE',
        `抽取记录 ${draw.draw_code} 于 ${draw.committed_at} 承诺，摇号时间不能早于承诺时间：请核对服务器时钟后再摇号。`,
        { committedAt: draw.committed_at },
      );
    }
    const operatorValue = (
      await trx
        .selectFrom('draw')
        .select('operator_value')
        .where('unit_code', '=', draw.unit_code)
        .where('id', '=', draw.id)
        .executeTakeFirstOrThrow()
    ).operator_value;
    const publicSource = draw.params.sources[0]!;
    const value = publicSource.kind === 'dice' ? input.value.replace(/[\s,，、-]/g, '') : input.value.trim();
    // Large frames: tickets on worker threads, same bundle (workerDraw.ts). The workers take a
    // moment to start: they start now and load while the stored files are read.
    const size = await groupFileSize(trx, draw);
    const onWorkers = drawsOnWorkers(size.frameBytes, options.workersFromChars);
    const pools = onWorkers ? startTicketPools(size.groups) : [];
    // On a PostgreSQL server the frame files stream out of the database (a binary COPY on a
    // connection of its own: the stored files have not changed since the commit) while the
    // workers hash them; otherwise (PGlite: one connection, held by this transaction) they are
    // read here first. Closed here if the files cannot be read; otherwise drawOnWorkers closes them.
    const database = databaseOf(db);
    const streamFrom = onWorkers && database?.engine === 'postgres' ? database : null;
    const groups = await (streamFrom ? storedGroupFrames(trx, streamFrom, draw) : groupFiles(trx, draw)).catch(async (error: unknown) => {
      await Promise.all(pools.map((p) => p.close()));
      throw error;
    });
    const drawInput = {
      params: draw.params,
      groups,
      committedAt: draw.committed_at,
      sources: [
        { kind: publicSource.kind, name: publicSource.name, value },
        { kind: 'operator' as const, name: draw.params.sources[1]!.name, value: operatorValue },
      ],
      recordedCommit: draw.commit_hash,
    };
    let bundle;
    try {
      bundle = onWorkers
        ? await drawOnWorkers(
            drawInput,
            undefined,
            draw.counts.map((g) => g.counts),
            pools,
          )
        : runDraw(drawInput as DrawInput); // not on workers: the files were read as text (groupFiles)
    } catch (error) {
      drawFailure(error);
    }
    const result: DrawResult = { allocation: bundle.allocation, sample: bundle.sample, reserves: bundle.reserves, visits: bundle.visits };
    await updateDraw(trx, draw, {
      status: 'drawn',
      sources: JSON.stringify(bundle.sources),
      seed: bundle.seed,
      result: JSON.stringify(result),
      drawn_at: drawnAt,
      drawn_by_name: caller.displayName,
      witness_name: input.witnessName,
    });
    const drawOfVisits = visitsDrawOf(draw);
    await recordVisits(trx, drawOfVisits, result, await inspectedAtDrawLevel(trx, drawOfVisits), drawnAt);
    await auditDraw(trx, caller, draw, 'draw.ceremony', {
      after: {
        drawCode: draw.draw_code,
        seed: bundle.seed,
        sample: bundle.sample.length,
        reserves: bundle.reserves.length,
        witness: input.witnessName,
      },
    });
    return { seed: bundle.seed, sample: bundle.sample, reserves: bundle.reserves, visits: bundle.visits, allocation: bundle.allocation };
  });
}

function entitiesText(rows: { uscc: string; entity_name: string }[]): string {
  const names = [...new Map(rows.map((r) => [r.uscc, r.entity_name])).values()];
  return `${names.slice(0, 3).join('、')}${names.length > 3 ? ` 等 ${names.length} 户` : ''}`;
}

/** 作废 (docs/draw-spec.md §3.1: a re-draw is a new commit): refused once a visit has a result. */
export async function voidDraw(db: Kysely<DB>, caller: Caller, input: { id: string; reason: string }) {
  return db.transaction().execute(async (trx) => {
    const draw = await loadDrawFor(trx, caller, input.id, 'act');
    if (draw.status === 'voided') throw new AppError('INVALID_STATE', `抽取记录 ${draw.draw_code} 已作废。`);
    const results = await resultsOnVisits(trx, draw);
    if (results.length > 0) {
      throw new AppError(
        'INVALID_STATE',
        `抽取记录 ${draw.draw_code} 已有检查结果（${entitiesText(results)}），不能作废：检查结果是依据本次抽取录入的，作废会使其失去依据。如检查结果有误，请在检查结果中更正。`,
        { results: results.length },
      );
    }
    const at = nowOf(caller);
    await updateDraw(trx, draw, { status: 'voided', voided_at: at, voided_by_name: caller.displayName, void_reason: input.reason });
    // The draw no longer holds its task batches: a re-draw may claim them.
    await trx.deleteFrom('draw_task').where('unit_code', '=', draw.unit_code).where('draw_id', '=', draw.id).execute();
    await releaseDrawInspectors(trx, { unitCode: draw.unit_code, id: draw.id }, at, `抽取记录作废：${input.reason}`);
    await auditDraw(trx, caller, draw, 'draw.void', {
      before: { status: draw.status },
      after: { status: 'voided' },
      note: input.reason,
    });
    return { id: draw.id, status: 'voided' as const, voidedAt: at };
  });
}

/**
 * Puts the next unused reserve of the same group and stratum in place of a drawn object
 * (docs/draw-spec.md §5, §11). The replaced object's people are released; the reserve's visit is
 * staffed by the next matching, which staffs the visits that have nobody.
 */
export async function useReserve(db: Kysely<DB>, caller: Caller, input: { id: string; replacedId: string; reason: string }) {
  return db.transaction().execute(async (trx) => {
    const draw = await loadDrawFor(trx, caller, input.id, 'act');
    const result = requireDrawn(draw);
    const drawn = result.sample.find((s) => s.id === input.replacedId) ?? result.reserves.find((r) => r.used && r.id === input.replacedId);
    if (!drawn)
      throw new AppError('NOT_FOUND', `${input.replacedId} 不在抽取记录 ${draw.draw_code} 的抽中名单中。`, { id: input.replacedId });
    const results = await resultsOnVisits(trx, draw, [input.replacedId]);
    if (results.length > 0) {
      throw new AppError(
        'INVALID_STATE',
        `${entitiesText(results)}（${input.replacedId}）已有检查结果，不能再由备选替补：已检查的对象不属于“无法检查”的情形。`,
      );
    }
    const already = await trx
      .selectFrom('draw_reserve_use')
      .select('reserve_id')
      .where('unit_code', '=', draw.unit_code)
      .where('draw_id', '=', draw.id)
      .where('replaced_id', '=', input.replacedId)
      .executeTakeFirst();
    if (already) throw new AppError('INVALID_STATE', `${input.replacedId} 已由备选 ${already.reserve_id} 替补，不能重复替补。`);
    const next = result.reserves
      .filter((r) => r.group === drawn.group && r.class === drawn.class && !r.used)
      .sort((a, b) => a.rank - b.rank)[0];
    if (!next)
      throw new AppError(
        'UNPROCESSABLE',
        `抽查组 ${drawn.group} 风险等级 ${drawn.class} 的备选名单已用完，无法替补：如确需补抽，请作废本次抽取并以新的承诺重抽。`,
      );
    next.used = true;
    next.reason = `替补 ${input.replacedId}：${input.reason}`;
    // The replaced object stays a visit (docs/draw-spec.md §11: the entry it replaces stays in the
    // sample; its visit row records why it is not inspected); the reserve is visited in addition.
    result.visits = buildVisits(draw.params.groups, result.sample, result.reserves);
    await updateDraw(trx, draw, { result: JSON.stringify(result) });
    await trx
      .insertInto('draw_reserve_use')
      .values({
        unit_code: draw.unit_code,
        draw_id: draw.id,
        replaced_id: input.replacedId,
        reserve_id: next.id,
        reason: input.reason,
        used_by_name: caller.displayName,
        used_at: nowOf(caller),
      })
      .execute();
    const drawOfVisits = visitsDrawOf(draw);
    await recordVisits(trx, drawOfVisits, result, await inspectedAtDrawLevel(trx, drawOfVisits), nowOf(caller));
    await releaseVisitInspectors(trx, drawOfVisits, [input.replacedId], nowOf(caller), `由备选 ${next.id} 替补：${input.reason}`);
    await auditDraw(trx, caller, draw, 'draw.reserve', {
      after: { replaced: input.replacedId, reserve: next.id },
      note: input.reason,
    });
    return { reserveId: next.id, class: next.class, rank: next.rank };
  });
}

/** 公开抽取结果 (docs/draw-spec.md §9): once, after the visits are done or the task period has ended. */
export async function publishDrawResult(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  return db.transaction().execute(async (trx) => {
    const draw = await loadDrawFor(trx, caller, input.id, 'act');
    requireDrawn(draw);
    if (draw.result_public_at) {
      throw new AppError('INVALID_STATE', `抽取记录 ${draw.draw_code} 的抽取结果已公开，无需再次公开。`, {
        resultPublicAt: draw.result_public_at,
      });
    }
    const readiness = await publicationReadiness(trx, draw, todayOf(caller));
    if (!readiness.ready) {
      throw new AppError(
        'INVALID_STATE',
        `抽取记录 ${draw.draw_code} 的 ${readiness.visits} 户中还有 ${readiness.visits - readiness.done} 户没有提交检查结果${
          readiness.periodEnd ? `，抽查期间（至 ${readiness.periodEnd}）也尚未结束` : ''
        }。为不预先透露检查对象，抽取结果须在全部检查户提交检查结果后或抽查期间结束后公开。`,
        { visits: readiness.visits, done: readiness.done, periodEnd: readiness.periodEnd },
      );
    }
    const at = nowOf(caller);
    await updateDraw(trx, draw, { result_public_at: at });
    await auditDraw(trx, caller, draw, 'draw.publishResult', {
      after: { visits: readiness.visits, done: readiness.done, periodEnded: readiness.periodEnded },
    });
    return { resultPublicAt: at };
  });
}
