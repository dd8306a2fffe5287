// The frame of a task batch (draw-spec §1, §7): the task's 名录分库 within the drawing unit's
// scope, and the exclusions with their sources — not 存续 (登记状态); A-class businesses already
// drawn this year by another draw of record (低风险企业一年内不重复检查); objects already drawn by
// an upper-level or joint task with a shared item in an overlapping period.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { countByClass, formatExclusions, formatFrame, type Exclusion, type FrameEntry, type RiskClass } from '../../core/draw/index.ts';
import { normalizeItemName } from '../../core/plan/index.ts';
import type { UnitScope } from '../access/scope.ts';
import { AppError } from '../http/errors.ts';
import { subLibraryFrame } from '../subLibraries/compileRule.ts';
import type { DrawableTask } from './drawTask.ts';

export interface BuiltFrame {
  frame: string;
  exclusions: string;
  entries: number;
  /** Eligible objects per risk class (the frame minus the exclusions). */
  counts: Record<RiskClass, number>;
  excluded: { reason: string; count: number }[];
}

export async function buildTaskFrame(db: Kysely<DB>, scope: UnitScope, task: DrawableTask, today: string): Promise<BuiltFrame> {
  if (task.subLibraryId === null) {
    throw new AppError(
      'UNPROCESSABLE',
      `任务 ${task.code} 的抽查对象范围“${task.population}”尚未关联名录分库，无法生成抽查名录：请计划编制人员在计划中为该任务选择名录分库（调整计划后发布）。`,
      { code: task.code },
    );
  }
  const { query } = await subLibraryFrame(db, scope, task.subLibraryId);
  const rows = await query.select(['e.uscc', 'e.risk_class', 'e.reg_status']).execute();
  if (rows.length === 0) {
    throw new AppError(
      'UNPROCESSABLE',
      `任务 ${task.code} 关联的名录分库在本单位范围内没有任何对象（0 户），无法抽取：请检查名录分库规则或名录库数据。`,
      { code: task.code },
    );
  }
  const entries: FrameEntry[] = rows.map((r) => ({ id: r.uscc, class: r.risk_class ?? 'U' }));
  const exclusions: Exclusion[] = [];
  for (const r of rows) {
    if (r.reg_status !== '存续') exclusions.push({ id: r.uscc, reason: `非存续（${r.reg_status}）`, source: `登记状态 ${today}` });
  }
  const inspectedA = await sql<{ id: string; draw_code: string }>`
    SELECT DISTINCT s.value->>'id' AS id, d.draw_code
    FROM draw d CROSS JOIN LATERAL jsonb_array_elements(d.result->'sample') AS s(value)
    WHERE d.year = ${task.year} AND d.status = 'drawn' AND d.task_code <> ${task.code} AND s.value->>'class' = 'A'`.execute(db);
  const excluded = new Set(exclusions.map((e) => e.id));
  const inFrameA = new Set(rows.filter((r) => r.risk_class === 'A').map((r) => r.uscc));
  for (const r of inspectedA.rows) {
    if (!inFrameA.has(r.id) || excluded.has(r.id)) continue;
    excluded.add(r.id);
    exclusions.push({ id: r.id, reason: 'A类主体本年度已被抽查', source: `${r.draw_code} 抽取结果` });
  }
  // Covered by an upper-level or joint task in the same period (draw-spec §7): objects drawn by
  // a draw of record of another task whose plan belongs to a unit above this task's plan unit
  // (or is a 部门联合 plan of it or above), with a shared item and an overlapping period.
  if (task.period) {
    const owner = await db.selectFrom('org_unit').select('path').where('code', '=', task.planUnitCode).executeTakeFirstOrThrow();
    const above = owner.path.split('.').filter((code) => code !== task.planUnitCode);
    const covering = await db
      .selectFrom('draw as d')
      .innerJoin('plan as p', (j) => j.onRef('p.unit_code', '=', 'd.plan_unit_code').onRef('p.id', '=', 'd.plan_id'))
      .innerJoin('plan_task as t', (j) =>
        j
          .onRef('t.unit_code', '=', 'd.plan_unit_code')
          .onRef('t.plan_id', '=', 'd.plan_id')
          .onRef('t.version_no', '=', 'd.plan_version')
          .onRef('t.task_code', '=', 'd.task_code'),
      )
      .select(['d.draw_code', 'd.result', 't.items', 't.period_start', 't.period_end'])
      .where('d.year', '=', task.year)
      .where('d.status', '=', 'drawn')
      .where('d.task_code', '<>', task.code)
      .where((eb) =>
        eb.or([
          ...(above.length > 0 ? [eb('d.plan_unit_code', 'in', above)] : []),
          eb.and([eb('p.kind', '=', 'joint'), eb('d.plan_unit_code', 'in', [...above, task.planUnitCode])]),
        ]),
      )
      .execute();
    const mine = new Set(task.items.map(normalizeItemName));
    const inFrame = new Set(rows.map((r) => r.uscc));
    for (const d of covering) {
      const overlaps =
        d.period_start !== null && d.period_end !== null && d.period_start <= task.period.end && task.period.start <= d.period_end;
      if (!overlaps || !d.items.some((item) => mine.has(normalizeItemName(item)))) continue;
      for (const entry of (d.result as { sample: { id: string }[] }).sample) {
        if (!inFrame.has(entry.id) || excluded.has(entry.id)) continue;
        excluded.add(entry.id);
        exclusions.push({ id: entry.id, reason: '已纳入上级或联合抽查任务', source: `${d.draw_code} 抽取结果` });
      }
    }
  }
  const byReason = new Map<string, number>();
  for (const e of exclusions) {
    const key = e.reason.startsWith('非存续') ? '非存续' : e.reason;
    byReason.set(key, (byReason.get(key) ?? 0) + 1);
  }
  return {
    frame: formatFrame(entries),
    exclusions: formatExclusions(exclusions),
    entries: entries.length,
    counts: countByClass(entries.filter((e) => !excluded.has(e.id))),
    excluded: [...byReason].map(([reason, count]) => ({ reason, count })),
  };
}
