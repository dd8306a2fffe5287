// The frame of a task batch (draw-spec §1, §7): the task's 名录分库 within the drawing unit's
// scope, and the exclusions with their sources — not 存续 (登记状态), and A-class businesses
// already drawn this year by another draw of record (低风险企业一年内不重复检查).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { formatExclusions, formatFrame, type Exclusion, type FrameEntry } from '../../core/draw/index.ts';
import type { UnitScope } from '../access/scope.ts';
import { AppError } from '../http/errors.ts';
import { subLibraryFrame } from '../subLibraries/compileRule.ts';
import type { DrawableTask } from './drawTask.ts';

export interface BuiltFrame {
  frame: string;
  exclusions: string;
  entries: number;
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
  const byReason = new Map<string, number>();
  for (const e of exclusions) {
    const key = e.reason.startsWith('非存续') ? '非存续' : e.reason;
    byReason.set(key, (byReason.get(key) ?? 0) + 1);
  }
  return {
    frame: formatFrame(entries),
    exclusions: formatExclusions(exclusions),
    entries: entries.length,
    excluded: [...byReason].map(([reason, count]) => ({ reason, count })),
  };
}
