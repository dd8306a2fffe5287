// The frame of a task batch (docs/draw-spec.md §1, §7): the task's 名录分库 within the drawing unit's
// scope, and the exclusions with their sources — not 存续 (登记状态); A-class businesses already
// drawn this year by another draw of record (低风险企业一年内不重复检查); objects already drawn by
// an upper-level or joint task with a shared item in an overlapping period.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { RISK_CLASSES, formatExclusions, type Exclusion, type RiskClass } from '../../core/draw/index.ts';
import { normalizeItemName } from '../../core/plan/index.ts';
import type { UnitScope } from '../access/scope.ts';
import { AppError } from '../http/errors.ts';
import { subLibraryFrame } from '../subLibraries/compileRule.ts';
import { taskOfDraw, type DrawableTask } from './drawTask.ts';

/** What 抽取前预览 shows of a task's frame. */
export interface FrameCounts {
  entries: number;
  /** Eligible objects per risk class (the frame minus the exclusions). */
  counts: Record<RiskClass, number>;
  excluded: { reason: string; count: number }[];
}

/** The frame and exclusions files to commit, with their counts. */
export interface BuiltFrame extends FrameCounts {
  frame: string;
  exclusions: string;
}

// The frame file (docs/draw-spec.md §2) written by the database: `id\tclass\n` per object, in byte
// order of id (COLLATE "C" compares bytes, as the spec sorts), one text value. A frame of
// millions of objects thus reaches Node as one string, not a row object per object; the
// commit then reads it as bytes (commitDrawFromBytes), which checks the order and every line.
const frameLine = sql<string>`e.uscc || E'\t' || coalesce(e.risk_class, 'U') || E'\n'`;

/** The frame file (written by the database), the exclusions file and the counts, for the commit. */
export async function buildTaskFrame(db: Kysely<DB>, scope: UnitScope, task: DrawableTask, today: string): Promise<BuiltFrame> {
  const built = await frameOfTask(db, scope, task, today, true);
  return { ...built, frame: built.frame! };
}

/** The counts and exclusions of the frame without writing the frame file (the preview). */
export async function taskFrameCounts(db: Kysely<DB>, scope: UnitScope, task: DrawableTask, today: string): Promise<FrameCounts> {
  const { entries, counts, excluded } = await frameOfTask(db, scope, task, today, false);
  return { entries, counts, excluded };
}

async function frameOfTask(db: Kysely<DB>, scope: UnitScope, task: DrawableTask, today: string, withFile: boolean) {
  if (task.subLibraryId === null) {
    throw new AppError(
      'UNPROCESSABLE',
      `任务 ${task.code} 的抽查对象范围“${task.population}”尚未关联名录分库，无法生成抽查名录：请计划编制人员在计划中为该任务选择名录分库（调整计划后发布）。`,
      { code: task.code },
    );
  }
  const { query } = await subLibraryFrame(db, scope, task.subLibraryId);
  const whole = await query
    .select([
      (withFile ? sql<string | null>`string_agg(${frameLine}, '' ORDER BY e.uscc COLLATE "C")` : sql<null>`NULL`).as('frame'),
      sql<string>`count(*)`.as('entries'),
      ...RISK_CLASSES.map((c) => sql<string>`count(*) FILTER (WHERE coalesce(e.risk_class, 'U') = ${c})`.as(`n_${c}`)),
    ])
    .executeTakeFirstOrThrow();
  const entries = Number(whole.entries);
  if (entries === 0) {
    throw new AppError(
      'UNPROCESSABLE',
      `任务 ${task.code} 关联的名录分库在本单位范围内没有任何对象（0 户），无法抽取：请检查名录分库规则或名录库数据。`,
      { code: task.code },
    );
  }
  const counts = Object.fromEntries(RISK_CLASSES.map((c) => [c, Number((whole as Record<string, unknown>)[`n_${c}`])])) as Record<
    RiskClass,
    number
  >;
  const exclusions: Exclusion[] = [];
  const excluded = new Set<string>();
  const exclude = (id: string, riskClass: RiskClass, reason: string, source: string) => {
    if (excluded.has(id)) return;
    excluded.add(id);
    counts[riskClass] -= 1;
    exclusions.push({ id, reason, source });
  };
  const notActive = await query.select(['e.uscc', 'e.risk_class', 'e.reg_status']).where('e.reg_status', '<>', '存续').execute();
  for (const r of notActive) exclude(r.uscc, r.risk_class ?? 'U', `非存续（${r.reg_status}）`, `登记状态 ${today}`);
  // The frame's classes of ids drawn elsewhere (few: samples of other draws), by one query.
  const classInFrame = async (ids: readonly string[]) => {
    if (ids.length === 0) return new Map<string, RiskClass>();
    const rows = await query
      .select(['e.uscc', 'e.risk_class'])
      .where(sql<boolean>`e.uscc = ANY(${[...new Set(ids)]}::text[])`)
      .execute();
    return new Map(rows.map((r) => [r.uscc, r.risk_class ?? 'U'] as const));
  };
  // Low-risk businesses are not inspected twice a year (docs/draw-spec.md §7): every draw of
  // record of the year counts — other tasks' and the earlier batches of this very task — and a
  // used reserve counts like a sample entry (it is visited). A voided draw does not count.
  const inspectedA = await sql<{ id: string; draw_code: string }>`
    SELECT DISTINCT ON (s.value->>'id') s.value->>'id' AS id, d.draw_code
    FROM draw d CROSS JOIN LATERAL jsonb_array_elements(
      coalesce(d.result->'sample', '[]'::jsonb) || coalesce(d.result->'reserves', '[]'::jsonb)) AS s(value)
    WHERE d.year = ${task.year} AND d.status = 'drawn' AND s.value->>'class' = 'A'
      AND (NOT s.value ? 'used' OR (s.value->>'used')::boolean)
    ORDER BY s.value->>'id', d.committed_at, d.draw_code`.execute(db);
  const inspectedClass = await classInFrame(inspectedA.rows.map((r) => r.id));
  for (const r of inspectedA.rows) {
    if (inspectedClass.get(r.id) !== 'A') continue;
    exclude(r.id, 'A', 'A类主体本年度已被抽查', `${r.draw_code} 抽取结果`);
  }
  // Covered by an upper-level or joint task in the same period (docs/draw-spec.md §7): objects drawn by
  // a draw of record of another task whose plan belongs to a unit above this task's plan unit
  // (or is a 部门联合 plan of it or above), with a shared item and an overlapping period.
  const period = task.period;
  if (period) {
    const owner = await db.selectFrom('org_unit').select('path').where('code', '=', task.planUnitCode).executeTakeFirstOrThrow();
    const above = owner.path.split('.').filter((code) => code !== task.planUnitCode);
    const covering = await db
      .selectFrom('draw as d')
      .innerJoin('plan as p', (j) => j.onRef('p.unit_code', '=', 'd.plan_unit_code').onRef('p.id', '=', 'd.plan_id'))
      .innerJoin('plan_task as t', taskOfDraw)
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
    const coveringDraws = covering.filter(
      (d) =>
        d.period_start !== null &&
        d.period_end !== null &&
        d.period_start <= period.end &&
        period.start <= d.period_end &&
        d.items.some((item) => mine.has(normalizeItemName(item))),
    );
    const samples = coveringDraws.map((d) => ({
      drawCode: d.draw_code,
      ids: (d.result as { sample: { id: string }[] }).sample.map((e) => e.id),
    }));
    const coveredClass = await classInFrame(samples.flatMap((s) => s.ids));
    for (const { drawCode, ids } of samples) {
      for (const id of ids) {
        const riskClass = coveredClass.get(id);
        if (riskClass !== undefined) exclude(id, riskClass, '已纳入上级或联合抽查任务', `${drawCode} 抽取结果`);
      }
    }
  }
  const byReason = new Map<string, number>();
  for (const e of exclusions) {
    const key = e.reason.startsWith('非存续') ? '非存续' : e.reason;
    byReason.set(key, (byReason.get(key) ?? 0) + 1);
  }
  return {
    frame: whole.frame,
    exclusions: formatExclusions(exclusions),
    entries,
    counts,
    excluded: [...byReason].map(([reason, count]) => ({ reason, count })),
  };
}
