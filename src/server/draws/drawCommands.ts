// The draw workflow (docs/draw-spec.md §3–§9): preview and commit a task batch → ceremony
// (public source entered, operator value revealed) → result; void with reason (a re-draw is a
// new commit); reserves with reason; publishing the result once the visits are done. Each step
// is one transaction with its audit row; every step on a draw starts with loadDrawFor.
// Matching and swaps are in drawMatching.ts.
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DrawResult, DrawTable } from '../../db/tables/draws.ts';
import {
  allocateByRiskClass,
  buildVisits,
  commitDrawFromBytes,
  DrawError,
  RISK_CLASSES,
  operatorCommitment,
  runDraw,
  type DrawInput,
  type DrawParams,
  type SourceKind,
} from '../../core/draw/index.ts';
import { allocationForTask } from '../../core/plan/index.ts';
import { recordAudit, type AuditEntry } from '../audit/recordAudit.ts';
import { nowOf, todayOf } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { buildTaskFrame, taskFrameCounts } from './drawFrame.ts';
import { drawsOnWorkers, runDrawOnWorkers, startTicketPools } from './workerDraw.ts';
import { nativeStreamingHash } from './frameCopy.ts';
import { loadTaskFor } from '../tasks/policy.ts';
import { inspectedAtDrawLevel, type DrawableTask } from './drawTask.ts';
import { actorOf, drawQuery, loadDrawFor, readableDraws, type DrawRow } from './policy.ts';
import { commitView, groupFiles, groupFileSize } from './drawViews.ts';
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

function periodEndedBefore(task: DrawableTask, today: string): string | null {
  return task.period !== null && task.period.end < today ? task.period.end : null;
}

/** 抽取前预览: the task, its frame's counts and exclusions, the allocation (N and n per class), the draws. */
export async function previewTaskDraw(db: Kysely<DB>, caller: Caller, input: { code: string; manualCount?: number }) {
  const task = await loadTaskFor(db, caller, input.code);
  const today = todayOf(caller);
  const frame = await taskFrameCounts(db, caller.scope, task, today);
  const allocation = allocationForTask(task.quota, task.riskPolicy, input.manualCount);
  const draws = await drawQuery(db)
    .where('d.task_code', '=', task.code)
    .where(readableDraws(caller, task.reach.inspects))
    .orderBy('d.batch_no')
    .orderBy('d.attempt')
    .execute();
  return {
    task,
    today,
    periodEndedOn: periodEndedBefore(task, today),
    entries: frame.entries,
    counts: frame.counts,
    excluded: frame.excluded,
    allocation,
    planned: allocation.ok ? allocateByRiskClass(allocation.allocation, frame.counts) : null,
    draws: draws.map(commitView),
  };
}

function activeDrawConflict(task: DrawableTask, batch: number, active: { id: string; draw_code: string; status: string }) {
  return new AppError(
    'INVALID_STATE',
    `任务 ${task.code} 第 ${batch} 批已有抽取记录 ${active.draw_code}（${active.status === 'drawn' ? '已抽取' : '已承诺、待摇号'}）。同一批不能再承诺；确需重抽，请先作废该记录并写明原因。`,
    { drawId: active.id },
  );
}

/**
 * Freezes the frame, computes and records the commit (docs/draw-spec.md §2, §3.1). No seed exists yet.
 * `at`: the commit's instant when it is not the caller's; otherwise "today" is the server's
 * (SSJ_TODAY when set), the same day the task page judged the period by.
 */
export async function commitTaskDraw(db: Kysely<DB>, caller: Caller, input: CommitInput, at?: Date) {
  const now = at ?? nowOf(caller);
  const task = await loadTaskFor(db, caller, input.taskCode);
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
  const today = at === undefined ? todayOf(caller) : todayOf({ now: at });
  const reason = (input.reason ?? '').trim();
  const endedOn = periodEndedBefore(task, today);
  if (endedOn !== null && reason.length < 4) {
    throw new AppError(
      'VALIDATION_FAILED',
      `任务 ${task.code} 的抽查期间已于 ${endedOn} 结束。如确需在期间结束后抽取，请填写原因（至少 4 个字），原因将随任务公告公示。`,
      { periodEnd: endedOn },
    );
  }
  const frame = await buildTaskFrame(db, caller.scope, task, today);
  const unitCode = caller.scope.unitCode;
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('draw')
      .select(['id', 'status', 'attempt', 'draw_code'])
      .where('unit_code', '=', unitCode)
      .where('task_code', '=', task.code)
      .where('batch_no', '=', input.batch)
      .orderBy('attempt', 'desc')
      .forUpdate()
      .execute();
    const active = previous.find((d) => d.status !== 'voided');
    if (active) throw activeDrawConflict(task, input.batch, active);
    const attempt = (previous[0]?.attempt ?? 0) + 1;
    if (attempt > 1 && reason.length < 4) {
      throw new AppError(
        'VALIDATION_FAILED',
        `这是第 ${attempt} 次抽取（之前的抽取已作废），必须填写重抽原因（至少 4 个字），原因将随任务公告公示。`,
      );
    }
    const drawCode = `${task.code}-${input.batch}${attempt > 1 ? `-R${attempt - 1}` : ''}`;
    const operatorValue = randomBytes(32).toString('hex');
    const params: DrawParams = {
      spec: 'ssj-draw/1',
      hash: 'sm3',
      task: drawCode,
      year: task.year,
      groups: [{ code: 'G1', items: [...new Set(task.items)], allocation: allocation.allocation, reserve: input.reserve }],
      sources: [
        { kind: input.publicSource.kind, name: input.publicSource.name },
        { kind: 'operator', name: OPERATOR_SOURCE_NAME, commitment: operatorCommitment('sm3', operatorValue) },
      ],
    };
    let record;
    try {
      record = commitDrawFromBytes(params, [{ code: 'G1', frame: frame.frame, exclusions: frame.exclusions }], nativeStreamingHash);
    } catch (error) {
      drawFailure(error);
    }
    const committedCounts = record.groups[0]!.counts;
    if (RISK_CLASSES.some((c) => committedCounts[c] !== frame.counts[c])) {
      // The frame's own count and the database's disagree: never publish such a commit.
      throw new Error(
        `draw ${drawCode}: N_h of the frame file ${JSON.stringify(committedCounts)} ≠ the database's ${JSON.stringify(frame.counts)}`,
      );
    }
    // A concurrent commit of the same batch (or the same re-draw code) wins the unique index;
    // this one then inserts nothing and is answered like any second commit.
    const inserted = await trx
      .insertInto('draw')
      .values({
        unit_code: unitCode,
        plan_unit_code: task.planUnitCode,
        plan_id: task.planId,
        plan_version: task.planVersion,
        task_code: task.code,
        year: task.year,
        batch_no: input.batch,
        attempt,
        draw_code: drawCode,
        status: 'committed',
        params: JSON.stringify(params),
        commit_hash: record.commit,
        committed_at: now.toISOString(),
        created_at: now,
        counts: JSON.stringify(record.groups.map((g) => ({ code: g.code, counts: g.counts }))),
        excluded_count: frame.excluded.reduce((a, e) => a + e.count, 0),
        operator_value: operatorValue,
        replaces_draw_id: previous[0]?.id ?? null,
        void_reason: null,
        commit_reason: reason === '' ? null : reason,
        created_by_name: caller.displayName,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) {
      const winner = await trx
        .selectFrom('draw')
        .select(['id', 'status', 'draw_code'])
        .where('unit_code', '=', unitCode)
        .where('task_code', '=', task.code)
        .where('batch_no', '=', input.batch)
        .where('status', '<>', 'voided')
        .executeTakeFirst();
      throw activeDrawConflict(task, input.batch, winner ?? { id: '', draw_code: drawCode, status: 'committed' });
    }
    await trx
      .insertInto('draw_group_file')
      .values({ unit_code: unitCode, draw_id: inserted.id, position: 1, code: 'G1', frame: frame.frame, exclusions: frame.exclusions })
      .execute();
    await auditDraw(trx, caller, { unit_code: unitCode, id: inserted.id }, 'draw.commit', {
      after: { drawCode, commit: record.commit, counts: committedCounts, excluded: frame.excluded, allocation: allocation.note },
      ...(reason ? { note: reason } : {}),
    });
    return {
      id: inserted.id,
      drawCode,
      commit: record.commit,
      counts: committedCounts,
      planned: allocateByRiskClass(allocation.allocation, committedCounts),
      excluded: frame.excluded,
      allocation: allocation.note,
      entries: frame.entries,
    };
  });
}

/** The draw's keys as the visit rows need them. */
export function visitsDrawOf(row: DrawRow): DrawOfVisits {
  return {
    unitCode: row.unit_code,
    id: row.id,
    taskCode: row.task_code,
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
    // Closed here if the files cannot be read; otherwise runDrawOnWorkers closes them.
    const drawInput: DrawInput = {
      params: draw.params,
      groups: await groupFiles(trx, draw).catch(async (error: unknown) => {
        await Promise.all(pools.map((p) => p.close()));
        throw error;
      }),
      committedAt: draw.committed_at,
      sources: [
        { kind: publicSource.kind, name: publicSource.name, value },
        { kind: 'operator', name: draw.params.sources[1]!.name, value: operatorValue },
      ],
      recordedCommit: draw.commit_hash,
    };
    let bundle;
    try {
      bundle = onWorkers
        ? await runDrawOnWorkers(
            drawInput,
            undefined,
            draw.counts.map((g) => g.counts),
            pools,
          )
        : runDraw(drawInput);
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
