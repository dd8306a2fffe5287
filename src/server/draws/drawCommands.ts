// The draw workflow (issue 5): commit → ceremony (public source entered, operator value
// revealed) → result; void with reason (a re-draw is a new commit); reserves with reason;
// inspector matching and manual swaps. Each step is one transaction with its audit row.
import { randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  buildVisits,
  commitDrawFromBytes,
  DrawError,
  RISK_CLASSES,
  operatorCommitment,
  runDraw,
  type DrawInput,
  type DrawParams,
  type ReserveEntry,
  type RiskClass,
  type SampleEntry,
  type SourceKind,
  type Visit,
} from '../../core/draw/index.ts';
import { matchInspectors, type MatchingInspector, type MatchingVisit, type UnstaffableVisit } from '../../core/assignment/index.ts';
import { inspectorDrawability } from '../../core/inspectors/drawability.ts';
import { allocationForTask } from '../../core/plan/index.ts';
import { loadScope, type UnitScope } from '../access/scope.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { todayInChina } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import { buildTaskFrame } from './drawFrame.ts';
import { drawsOnWorkers, runDrawOnWorkers } from './workerDraw.ts';
import { nativeStreamingHash } from './frameCopy.ts';
import { loadTaskInReach, type DrawableTask } from './drawTask.ts';
import { assignVisitInspectors, inspectingUnitsOf, recordVisits, releaseDrawInspectors, type DrawOfVisits } from '../visits/visitStore.ts';

export interface Actor {
  userId: string | null;
  name: string;
}

export interface DrawResult {
  allocation: unknown[];
  sample: SampleEntry[];
  reserves: ReserveEntry[];
  visits: Visit[];
}

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

/** Freezes the frame, computes and records the commit. No seed exists yet. */
export async function commitTaskDraw(db: Kysely<DB>, scope: UnitScope, input: CommitInput, actor: Actor, now = new Date()) {
  const task = await loadTaskInReach(db, scope, input.taskCode);
  if (!task.reach.canDraw) {
    throw new AppError(
      'FORBIDDEN_UNIT',
      `任务 ${task.code}（${task.mode?.modes.map((m) => m.code).join('、') ?? ''}）由${task.planUnitName}抽取，您当前所在单位（${scope.unitName}）负责检查，不能抽取。`,
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
  const today = todayInChina(now);
  const frame = await buildTaskFrame(db, scope, task, today);
  return db.transaction().execute(async (trx) => {
    const previous = await trx
      .selectFrom('draw')
      .select(['id', 'status', 'attempt', 'draw_code'])
      .where('unit_code', '=', scope.unitCode)
      .where('task_code', '=', task.code)
      .where('batch_no', '=', input.batch)
      .orderBy('attempt', 'desc')
      .forUpdate()
      .execute();
    const active = previous.find((d) => d.status !== 'voided');
    if (active) {
      throw new AppError(
        'INVALID_STATE',
        `任务 ${task.code} 第 ${input.batch} 批已有抽取记录 ${active.draw_code}（${active.status === 'drawn' ? '已抽取' : '已承诺、待摇号'}）。同一批不能再承诺；确需重抽，请先作废该记录并写明原因。`,
        { drawId: active.id },
      );
    }
    const attempt = (previous[0]?.attempt ?? 0) + 1;
    if (attempt > 1 && (input.reason ?? '').trim().length < 4) {
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
        { kind: 'operator', name: '平台服务器随机数', commitment: operatorCommitment('sm3', operatorValue) },
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
    const committedAt = now.toISOString();
    const inserted = await trx
      .insertInto('draw')
      .values({
        unit_code: scope.unitCode,
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
        committed_at: committedAt,
        counts: JSON.stringify(record.groups.map((g) => ({ code: g.code, counts: g.counts }))),
        excluded_count: frame.excluded.reduce((a, e) => a + e.count, 0),
        operator_value: operatorValue,
        assignment: '[]',
        replaces_draw_id: previous[0]?.id ?? null,
        void_reason: null,
        created_by_name: actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('draw_group_file')
      .values({
        unit_code: scope.unitCode,
        draw_id: inserted.id,
        position: 1,
        code: 'G1',
        frame: frame.frame,
        exclusions: frame.exclusions,
      })
      .execute();
    await recordAudit(trx, {
      unitCode: scope.unitCode,
      actorUserId: actor.userId,
      actorName: actor.name,
      action: 'draw.commit',
      objectType: 'draw',
      objectId: inserted.id,
      after: { drawCode, commit: record.commit, counts: record.groups[0]!.counts, excluded: frame.excluded, allocation: allocation.note },
      ...(input.reason ? { note: input.reason } : {}),
    });
    return {
      id: inserted.id,
      drawCode,
      commit: record.commit,
      counts: record.groups[0]!.counts,
      excluded: frame.excluded,
      allocation: allocation.note,
      entries: frame.entries,
    };
  });
}

export interface StoredDraw extends DrawOfVisits {
  unitCode: string;
  id: string;
  status: 'committed' | 'drawn' | 'voided';
  drawCode: string;
  taskCode: string;
  params: DrawParams;
  commit: string;
  committedAt: string;
  operatorValue: string;
  /** Eligible N_h per group, as recorded with the commit. */
  counts: { code: string; counts: Record<RiskClass, number> }[];
  /** Null until the ceremony. */
  seed: string | null;
  result: DrawResult | null;
}

async function lockDraw(trx: Transaction<DB>, scope: UnitScope, id: string): Promise<StoredDraw> {
  const row = await trx.selectFrom('draw').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row || !scope.unitCodes.includes(row.unit_code)) {
    throw new AppError('NOT_FOUND', `抽取记录 ${id} 不存在，或不属于您当前所在单位（${scope.unitName}）。`, { id });
  }
  return {
    unitCode: row.unit_code,
    id: row.id,
    year: row.year,
    planUnitCode: row.plan_unit_code,
    planId: row.plan_id,
    planVersion: row.plan_version,
    status: row.status,
    drawCode: row.draw_code,
    taskCode: row.task_code,
    params: row.params as DrawParams,
    commit: row.commit_hash,
    committedAt: row.committed_at,
    operatorValue: row.operator_value,
    counts: row.counts as StoredDraw['counts'],
    seed: row.seed,
    result: row.result as DrawResult | null,
  };
}

async function groupFiles(trx: Transaction<DB>, draw: { unitCode: string; id: string }) {
  const rows = await trx
    .selectFrom('draw_group_file')
    .select(['code', 'frame', 'exclusions'])
    .where('unit_code', '=', draw.unitCode)
    .where('draw_id', '=', draw.id)
    .orderBy('position')
    .execute();
  return rows;
}

/** The ceremony: the public value is entered, the operator value revealed, the draw runs once. */
export async function runCeremony(
  db: Kysely<DB>,
  scope: UnitScope,
  id: string,
  input: { value: string; witnessName: string },
  actor: Actor,
  options: { workersFromChars?: number } = {},
) {
  return db.transaction().execute(async (trx) => {
    const draw = await lockDraw(trx, scope, id);
    if (draw.status !== 'committed') {
      throw new AppError(
        'INVALID_STATE',
        draw.status === 'drawn'
          ? `抽取记录 ${draw.drawCode} 已于摇号时抽取，结果已锁定；同一承诺不能再抽第二次。如确需重抽，请作废后以新的承诺重新公示。`
          : `抽取记录 ${draw.drawCode} 已作废，不能摇号。`,
        { status: draw.status },
      );
    }
    const publicSource = draw.params.sources[0]!;
    const value = publicSource.kind === 'dice' ? input.value.replace(/[\s,，、-]/g, '') : input.value.trim();
    const drawInput: DrawInput = {
      params: draw.params,
      groups: await groupFiles(trx, draw),
      committedAt: draw.committedAt,
      sources: [
        { kind: publicSource.kind, name: publicSource.name, value },
        { kind: 'operator', name: draw.params.sources[1]!.name, value: draw.operatorValue },
      ],
      recordedCommit: draw.commit,
    };
    let bundle;
    try {
      // Large frames: tickets on worker threads, same bundle (workerDraw.ts).
      bundle = drawsOnWorkers(drawInput.groups, options.workersFromChars)
        ? await runDrawOnWorkers(
            drawInput,
            undefined,
            draw.counts.map((g) => g.counts),
          )
        : runDraw(drawInput);
    } catch (error) {
      drawFailure(error);
    }
    const result: DrawResult = { allocation: bundle.allocation, sample: bundle.sample, reserves: bundle.reserves, visits: bundle.visits };
    const now = new Date();
    await trx
      .updateTable('draw')
      .set({
        status: 'drawn',
        sources: JSON.stringify(bundle.sources),
        seed: bundle.seed,
        result: JSON.stringify(result),
        drawn_at: now,
        drawn_by_name: actor.name,
        witness_name: input.witnessName,
      })
      .where('unit_code', '=', draw.unitCode)
      .where('id', '=', draw.id)
      .execute();
    const task = await loadTaskInReach(trx, scope, draw.taskCode);
    await recordVisits(trx, draw, result, inspectsAtDrawLevel(task));
    await recordAudit(trx, {
      unitCode: draw.unitCode,
      actorUserId: actor.userId,
      actorName: actor.name,
      action: 'draw.ceremony',
      objectType: 'draw',
      objectId: draw.id,
      after: {
        drawCode: draw.drawCode,
        seed: bundle.seed,
        sample: bundle.sample.length,
        reserves: bundle.reserves.length,
        witness: input.witnessName,
      },
    });
    return { seed: bundle.seed, sample: bundle.sample, reserves: bundle.reserves, visits: bundle.visits, allocation: bundle.allocation };
  });
}

export async function voidDraw(db: Kysely<DB>, scope: UnitScope, id: string, reason: string, actor: Actor) {
  return db.transaction().execute(async (trx) => {
    const draw = await lockDraw(trx, scope, id);
    if (draw.status === 'voided') throw new AppError('INVALID_STATE', `抽取记录 ${draw.drawCode} 已作废。`);
    await trx
      .updateTable('draw')
      .set({ status: 'voided', voided_at: new Date(), voided_by_name: actor.name, void_reason: reason })
      .where('unit_code', '=', draw.unitCode)
      .where('id', '=', draw.id)
      .execute();
    await recordAudit(trx, {
      unitCode: draw.unitCode,
      actorUserId: actor.userId,
      actorName: actor.name,
      action: 'draw.void',
      objectType: 'draw',
      objectId: draw.id,
      before: { status: draw.status },
      after: { status: 'voided' },
      note: reason,
    });
  });
}

function requireDrawn(draw: StoredDraw): DrawResult {
  if (draw.status !== 'drawn' || !draw.result) {
    throw new AppError(
      'INVALID_STATE',
      `抽取记录 ${draw.drawCode} 当前为“${draw.status === 'committed' ? '已承诺、待摇号' : '已作废'}”，没有抽取结果。`,
      { status: draw.status },
    );
  }
  return draw.result;
}

/** Puts the next unused reserve of the same group and stratum in place of a drawn object. */
export async function useReserve(
  db: Kysely<DB>,
  scope: UnitScope,
  id: string,
  input: { replacedId: string; reason: string },
  actor: Actor,
) {
  return db.transaction().execute(async (trx) => {
    const draw = await lockDraw(trx, scope, id);
    const result = requireDrawn(draw);
    const drawn = result.sample.find((s) => s.id === input.replacedId) ?? result.reserves.find((r) => r.used && r.id === input.replacedId);
    if (!drawn)
      throw new AppError('NOT_FOUND', `${input.replacedId} 不在抽取记录 ${draw.drawCode} 的抽中名单中。`, { id: input.replacedId });
    const already = await trx
      .selectFrom('draw_reserve_use')
      .select('reserve_id')
      .where('unit_code', '=', draw.unitCode)
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
    // The replaced object stays a visit (draw-spec choice in core/draw/visits.ts: its visit records
    // why it could not be inspected); the reserve is visited in addition.
    result.visits = buildVisits(draw.params.groups, result.sample, result.reserves);
    await trx
      .updateTable('draw')
      .set({ result: JSON.stringify(result), assignment: '[]', matching: null })
      .where('unit_code', '=', draw.unitCode)
      .where('id', '=', draw.id)
      .execute();
    await trx
      .insertInto('draw_reserve_use')
      .values({
        unit_code: draw.unitCode,
        draw_id: draw.id,
        replaced_id: input.replacedId,
        reserve_id: next.id,
        reason: input.reason,
        used_by_name: actor.name,
      })
      .execute();
    const task = await loadTaskInReach(trx, scope, draw.taskCode);
    await recordVisits(trx, draw, result, inspectsAtDrawLevel(task));
    await releaseDrawInspectors(trx, draw, new Date(), `启用备选 ${next.id} 替补 ${input.replacedId}，须重新匹配检查人员`);
    await recordAudit(trx, {
      unitCode: draw.unitCode,
      actorUserId: actor.userId,
      actorName: actor.name,
      action: 'draw.reserve',
      objectType: 'draw',
      objectId: draw.id,
      after: { replaced: input.replacedId, reserve: next.id },
      note: input.reason,
    });
    return { reserveId: next.id, class: next.class, rank: next.rank };
  });
}

/** Whether the drawing unit's own people inspect (not 市抽县查: drawn above, inspected by the county). */
function inspectsAtDrawLevel(task: DrawableTask): boolean {
  return (task.mode?.modes ?? []).every((m) => m.drawLevel === m.inspectLevel);
}

export interface MatchOptions {
  capPerInspector: number | null;
  crossRegionUnits: string[] | null;
}

/** Inspector matching (draw-spec §8) for every visit; infeasible visits are named with why. */
export async function matchDrawInspectors(db: Kysely<DB>, scope: UnitScope, id: string, options: MatchOptions, actor: Actor) {
  return db.transaction().execute(async (trx) => {
    const draw = await lockDraw(trx, scope, id);
    const result = requireDrawn(draw);
    const task = await loadTaskInReach(trx, scope, draw.taskCode);
    const units = await inspectingUnitsOf(
      trx,
      draw.unitCode,
      inspectsAtDrawLevel(task),
      result.visits.map((v) => v.id),
    );
    const poolUnits = [...new Set([...units.values(), ...(options.crossRegionUnits ?? [])])];
    const scopes = new Map<string, UnitScope>();
    for (const unit of poolUnits) scopes.set(unit, await loadScope(trx, unit));
    const inspectorRows = await trx
      .selectFrom('inspector')
      .select([
        'id',
        'unit_code',
        'name',
        'category',
        'cert_no',
        'cert_expires_on',
        'qualifications',
        'specialties',
        'status',
        'status_since',
      ])
      .where('unit_code', 'in', [...new Set([...scopes.values()].flatMap((s) => s.unitCodes))])
      .execute();
    const recusals = await trx
      .selectFrom('inspector_recusal')
      .select(['inspector_id', 'uscc'])
      .where('uscc', 'is not', null)
      .where('ended_on', 'is', null)
      .where('inspector_id', 'in', inspectorRows.length > 0 ? inspectorRows.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000'])
      .execute();
    const today = todayInChina();
    const poolOf = (unitCode: string) => [...scopes.entries()].find(([, s]) => s.unitCodes.includes(unitCode))?.[0] ?? unitCode;
    const codeOf = (r: (typeof inspectorRows)[number]) =>
      r.cert_no && r.cert_no.trim() !== '' ? r.cert_no.trim() : `ZJ-${r.id.slice(0, 8)}`;
    const inspectors: MatchingInspector[] = inspectorRows.map((r) => ({
      code: codeOf(r),
      unit: poolOf(r.unit_code),
      category: r.category,
      drawable: inspectorDrawability(
        { status: r.status, statusSince: r.status_since, category: r.category, certNo: r.cert_no, certExpiresOn: r.cert_expires_on },
        today,
      ).drawable,
      // 执法资质 and 业务专长 both count towards an item's 检查人员要求.
      qualifications: [...new Set([...r.qualifications, ...r.specialties])],
      recusals: recusals.filter((x) => x.inspector_id === r.id).map((x) => x.uscc!),
    }));
    // 检查人员要求 of the items (随机抽查事项清单), by item name as the plan writes it.
    const itemNames = [...new Set(result.visits.flatMap((v) => v.items))];
    const requirementRows =
      itemNames.length > 0
        ? await trx.selectFrom('check_item').select(['name', 'staff_requirements']).where('name', 'in', itemNames).execute()
        : [];
    const itemQualifications: Record<string, string[]> = {};
    for (const row of requirementRows) {
      if (row.staff_requirements.length === 0) continue;
      itemQualifications[row.name] = [...new Set([...(itemQualifications[row.name] ?? []), ...row.staff_requirements])];
    }
    const visits: MatchingVisit[] = result.visits.map((v) => ({
      id: v.id,
      items: v.items,
      inspectingUnit: units.get(v.id) ?? draw.unitCode,
    }));
    const matched = matchInspectors({
      hash: draw.params.hash,
      seed: draw.seed!,
      visits,
      inspectors,
      itemQualifications,
      capPerInspector: options.capPerInspector,
      crossRegion: options.crossRegionUnits ? { units: options.crossRegionUnits } : null,
    });
    if ('infeasible' in matched) {
      throw new AppError(
        'UNPROCESSABLE',
        `有 ${matched.infeasible.length} 户无法配齐检查人员：${matched.infeasible
          .slice(0, 5)
          .map((u: UnstaffableVisit) => `${u.visitId}：${u.reason}`)
          .join('；')}${matched.infeasible.length > 5 ? ' 等' : ''}。`,
        { unstaffable: matched.infeasible },
      );
    }
    const names = Object.fromEntries(
      inspectorRows.map((r, i) => [
        codeOf(r),
        { id: r.id, name: r.name, unitCode: r.unit_code, category: r.category, drawable: inspectors[i]!.drawable },
      ]),
    );
    const matching = {
      options,
      visitUnits: Object.fromEntries(units),
      inspectors: names,
      swaps: [] as unknown[],
      matchedAt: new Date().toISOString(),
      totalCost: matched.totalCost.toString(),
    };
    await trx
      .updateTable('draw')
      .set({ assignment: JSON.stringify(matched.assignments), matching: JSON.stringify(matching) })
      .where('unit_code', '=', draw.unitCode)
      .where('id', '=', draw.id)
      .execute();
    await assignVisitInspectors(
      trx,
      draw,
      matched.assignments.map((a) => ({
        objectId: a.id,
        people: a.inspectors.map((code) => {
          const p = names[code]!;
          return { inspectorId: p.id, unitCode: p.unitCode, code, name: p.name, category: p.category };
        }),
      })),
      new Date(matching.matchedAt),
      '重新匹配检查人员',
    );
    await recordAudit(trx, {
      unitCode: draw.unitCode,
      actorUserId: actor.userId,
      actorName: actor.name,
      action: 'draw.match',
      objectType: 'draw',
      objectId: draw.id,
      after: { visits: matched.assignments.length, options },
    });
    return { assignment: matched.assignments, inspectors: names };
  });
}

interface StoredMatching {
  inspectors: Record<string, { id: string; name: string; unitCode: string; category: 'enforcement' | 'expert'; drawable: boolean }>;
  swaps: { visitId: string; before: string[]; after: string[]; reason: string; by: string; at: string }[];
  [key: string]: unknown;
}

/**
 * A manual change of one visit's inspectors (e.g. illness): needs a reason, keeps the rules of
 * draw-spec §8 (≥2 people, one with a valid 执法证, 回避), and is logged and shown with the draw.
 */
export async function swapInspectors(
  db: Kysely<DB>,
  scope: UnitScope,
  id: string,
  input: { visitId: string; inspectors: string[]; reason: string },
  actor: Actor,
) {
  return db.transaction().execute(async (trx) => {
    const draw = await lockDraw(trx, scope, id);
    requireDrawn(draw);
    const row = await trx
      .selectFrom('draw')
      .select(['assignment', 'matching'])
      .where('unit_code', '=', draw.unitCode)
      .where('id', '=', draw.id)
      .executeTakeFirstOrThrow();
    const matching = row.matching as StoredMatching | null;
    const assignment = row.assignment as { id: string; inspectors: string[] }[];
    if (!matching || assignment.length === 0) throw new AppError('INVALID_STATE', '请先匹配检查人员，再调整个别检查户的人员。');
    const entry = assignment.find((a) => a.id === input.visitId);
    if (!entry) throw new AppError('NOT_FOUND', `${input.visitId} 不是本次抽取的检查户。`, { visitId: input.visitId });
    const chosen = [...new Set(input.inspectors)];
    const unknown = chosen.filter((code) => !matching.inspectors[code]);
    if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', `检查人员 ${unknown.join('、')} 不在本次匹配的人员库中。`, { unknown });
    if (chosen.length < 2) throw new AppError('VALIDATION_FAILED', '每户至少安排 2 名检查人员。');
    const people = chosen.map((code) => ({ code, ...matching.inspectors[code]! }));
    const notDrawable = people.filter((p) => !p.drawable);
    if (notDrawable.length > 0)
      throw new AppError(
        'VALIDATION_FAILED',
        `${notDrawable.map((p) => p.name).join('、')} 当前不可抽取（调离、退休或执法证无效），不能安排。`,
      );
    if (!people.some((p) => p.category === 'enforcement'))
      throw new AppError('VALIDATION_FAILED', '每户至少要有 1 名持有效执法证的执法人员；专业技术人员只能作为补充。');
    const recused = await trx
      .selectFrom('inspector_recusal')
      .select('inspector_id')
      .where('uscc', '=', input.visitId)
      .where('ended_on', 'is', null)
      .where(
        'inspector_id',
        'in',
        people.map((p) => p.id),
      )
      .execute();
    if (recused.length > 0) {
      const names = people.filter((p) => recused.some((r) => r.inspector_id === p.id)).map((p) => p.name);
      throw new AppError('VALIDATION_FAILED', `${names.join('、')} 对 ${input.visitId} 有回避声明，不能安排。`);
    }
    const before = entry.inspectors;
    entry.inspectors = chosen.sort();
    matching.swaps = [
      ...(matching.swaps ?? []),
      { visitId: input.visitId, before, after: entry.inspectors, reason: input.reason, by: actor.name, at: new Date().toISOString() },
    ];
    await trx
      .updateTable('draw')
      .set({ assignment: JSON.stringify(assignment), matching: JSON.stringify(matching) })
      .where('unit_code', '=', draw.unitCode)
      .where('id', '=', draw.id)
      .execute();
    await assignVisitInspectors(
      trx,
      draw,
      [{ objectId: input.visitId, people: people.map((p) => ({ inspectorId: p.id, unitCode: p.unitCode, code: p.code, name: p.name, category: p.category })) }],
      new Date(),
      `人工调整：${input.reason}`,
    );
    await recordAudit(trx, {
      unitCode: draw.unitCode,
      actorUserId: actor.userId,
      actorName: actor.name,
      action: 'draw.swap',
      objectType: 'draw',
      objectId: draw.id,
      before: { visitId: input.visitId, inspectors: before },
      after: { inspectors: entry.inspectors },
      note: input.reason,
    });
    return { visitId: input.visitId, inspectors: entry.inspectors };
  });
}
