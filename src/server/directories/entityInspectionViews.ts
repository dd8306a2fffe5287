// 检查记录 of one 市场主体: every visit of it the caller may read, newest first — the draw, the
// task, when it was (or is to be) inspected, by which unit, where it stands, what was found and
// whether it is public. The entity must be in the caller's units (policy.ts, the one 404
// otherwise); its visits are those drawn or inspected by the caller's unit or a unit below it.
// Each table is read on its own (visits with their draw, then results, unit and task names):
// visits and results are placed by different unit columns on Citus and are never joined.
// A 其他检查对象 (产品、项目、行为、标准) may carry a code equal to a business's 统一社会信用代码;
// its visits and results have an object_kind and are never this business's, so both reads keep
// only the rows whose object_kind is NULL.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { resultCategoryLabel, resultStatusLabel, type ResultCategory } from '../../core/glossary.ts';
import type { Caller } from '../http/route.ts';
import type { StoredContent } from '../results/policy.ts';
import { loadEntityFor } from './policy.ts';

export interface EntityInspectionView {
  drawId: string;
  drawCode: string;
  taskCode: string;
  taskName: string | null;
  year: number;
  /** The day it was inspected (the result's 检查日期), or null before a result is entered. */
  checkedOn: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  inspectingUnitCode: string;
  inspectingUnitName: string;
  /** Where the visit stands, in Chinese (待检查, 草稿, 待审核, 退回, 已公示, 已替换, 抽取已作废). */
  stateText: string;
  /** 检查结果 categories in Chinese; empty before a result is entered. */
  resultText: string[];
  /** 公示 in Chinese: 已公示（日期）, 已停止公示（日期） or 未公示. */
  publicationText: string;
}

/** The result's categories: as validated, or (a draft not yet valid) as entered per item. */
function categoriesOf(content: unknown): string[] {
  const c = content as Partial<StoredContent> | null;
  const codes: string[] = c?.validated?.categories ?? [...new Set((c?.input?.items ?? []).flatMap((i) => i.result?.categories ?? []))];
  return codes.map((code) => resultCategoryLabel[code as ResultCategory] ?? '其他情况');
}

export async function entityInspections(
  db: Kysely<DB>,
  caller: Caller,
  input: { uscc: string },
): Promise<{ items: EntityInspectionView[] }> {
  const entity = await loadEntityFor(db, caller, input.uscc, 'read');
  const units = caller.scope.unitCodes;
  const visits = await db
    .selectFrom('visit as v')
    .innerJoin('draw as d', (j) => j.onRef('d.unit_code', '=', 'v.draw_unit_code').onRef('d.id', '=', 'v.draw_id'))
    .select([
      'v.draw_unit_code',
      'v.draw_id',
      'v.task_code',
      'v.year',
      'v.inspecting_unit_code',
      'v.period_start',
      'v.period_end',
      'v.replaced_by',
      'd.draw_code',
      'd.status as draw_status',
      'd.drawn_at',
    ])
    .where('v.object_id', '=', entity.uscc)
    .where('v.object_kind', 'is', null)
    .where((eb) => eb.or([eb('v.draw_unit_code', 'in', units), eb('v.inspecting_unit_code', 'in', units)]))
    .execute();
  if (visits.length === 0) return { items: [] };

  const drawIds = [...new Set(visits.map((v) => v.draw_id))];
  const results = await db
    .selectFrom('visit_result')
    .select(['unit_code', 'draw_id', 'status', 'content', 'checked_on', 'published_on', 'stopped_on'])
    .where('uscc', '=', entity.uscc)
    .where('object_kind', 'is', null)
    .where('draw_id', 'in', drawIds)
    .execute();
  const unitCodes = [...new Set(visits.map((v) => v.inspecting_unit_code))];
  const unitNames = new Map(
    (await db.selectFrom('org_unit').select(['code', 'name']).where('code', 'in', unitCodes).execute()).map((u) => [u.code, u.name]),
  );
  const taskCodes = [...new Set(visits.map((v) => v.task_code))];
  const taskNames = new Map<string, string>();
  for (const t of await db
    .selectFrom('plan_task')
    .select(['task_code', 'name'])
    .where('task_code', 'in', taskCodes)
    .orderBy('version_no', 'asc')
    .execute()) {
    if (t.task_code) taskNames.set(t.task_code, t.name); // the latest version's name wins
  }

  const items = visits.map((v): EntityInspectionView => {
    // The inspecting unit's result (a 部门联合 member department keeps its own part beside it).
    const result = results.find((r) => r.draw_id === v.draw_id && r.unit_code === v.inspecting_unit_code);
    const stateText =
      v.draw_status === 'voided' ? '抽取已作废' : v.replaced_by ? '已替换' : result ? resultStatusLabel[result.status] : '待检查';
    const publicationText = result?.stopped_on
      ? `已停止公示（${result.stopped_on}）`
      : result?.published_on
        ? `已公示（${result.published_on}）`
        : '未公示';
    return {
      drawId: v.draw_id,
      drawCode: v.draw_code,
      taskCode: v.task_code,
      taskName: taskNames.get(v.task_code) ?? null,
      year: v.year,
      checkedOn: result?.checked_on ?? null,
      periodStart: v.period_start,
      periodEnd: v.period_end,
      inspectingUnitCode: v.inspecting_unit_code,
      inspectingUnitName: unitNames.get(v.inspecting_unit_code) ?? v.inspecting_unit_code,
      stateText,
      resultText: result ? categoriesOf(result.content) : [],
      publicationText,
    };
  });
  const when = (i: EntityInspectionView) => i.checkedOn ?? i.periodStart ?? `${i.year}-12-31`;
  items.sort((a, b) => when(b).localeCompare(when(a)) || b.drawCode.localeCompare(a.drawCode));
  return { items };
}
