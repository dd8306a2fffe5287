// Results and visits as their readers see them: 我的任务, a visit with its guides and parts, the
// result lists and details, attachments, deadlines in working days, the exchange export and the
// portal's 抽查结果公告. Every list filters by the caller's units in SQL; every read of one record
// starts with the policy's loadVisitFor / loadResultFor.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { abnormalListDue, deadlineState, needsAbnormalListing, publicationDue } from '../../core/results/index.ts';
import { objectKindText, resultStatusLabel } from '../../core/glossary.ts';
import { todayInChina } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { writeCsv } from '../files/csv.ts';
import { contentDisposition, writeXlsx, XLSX_CONTENT_TYPE } from '../files/spreadsheet.ts';
import { loadWorkingCalendar } from './calendar.ts';
import { inspectorOfUser, loadResultFor, loadVisitFor, resultsOfVisits, type ResultRow, type StoredContent } from './policy.ts';
import { taskOfDraw } from '../draws/drawTask.ts';
import { schemeItemsFor } from '../jointSchemes/jointSchemeCommands.ts';

/** A result as the console shows it. */
export function resultView(r: ResultRow) {
  return {
    id: r.id,
    unitCode: r.unit_code,
    drawId: r.draw_id,
    taskCode: r.task_code,
    uscc: r.uscc,
    entityName: r.entity_name,
    objectKindLabel: objectKindText(r.object_kind),
    status: r.status,
    statusText: resultStatusLabel[r.status],
    record: r.record,
    content: r.content,
    publicText: r.public_text,
    publishedOn: r.published_on,
    checkedOn: r.checked_on,
    stoppedOn: r.stopped_on,
  };
}

/** 我的任务: the visits the caller (an inspector of the directory) is sent to now, with their results. */
export async function myVisits(db: Kysely<DB>, caller: Caller, input: { year?: number }) {
  const me = await inspectorOfUser(db, caller.userId);
  if (!me)
    return {
      inspector: null,
      items: [],
      message: '您的账号尚未关联执法检查人员名录库中的人员，请联系系统管理员关联后再查看分配的检查任务。',
    };
  const assigned = await db
    .selectFrom('visit_inspector as vi')
    .innerJoin('visit as v', (j) =>
      j.onRef('v.draw_unit_code', '=', 'vi.draw_unit_code').onRef('v.draw_id', '=', 'vi.draw_id').onRef('v.object_id', '=', 'vi.object_id'),
    )
    .innerJoin('draw as d', (j) => j.onRef('d.unit_code', '=', 'vi.draw_unit_code').onRef('d.id', '=', 'vi.draw_id'))
    .select(['vi.draw_id', 'vi.object_id', 'v.inspecting_unit_code'])
    .where('vi.inspector_id', '=', me.id)
    .where('vi.released_at', 'is', null)
    .where('d.status', '=', 'drawn')
    .$if(input.year !== undefined, (q) => q.where('v.year', '=', input.year!))
    .orderBy('vi.draw_id')
    .orderBy('vi.object_id')
    .execute();
  const results = await resultsOfVisits(
    db,
    assigned.map((a) => ({ drawId: a.draw_id, objectId: a.object_id, unitCode: a.inspecting_unit_code })),
  );
  const items = [];
  for (const a of assigned) {
    const { visit } = await loadVisitFor(db, caller, a.draw_id, a.object_id, 'read');
    const r = results.get(`${a.draw_id}/${a.object_id}`);
    items.push({
      ...visit,
      result: r
        ? {
            id: r.id,
            status: r.status,
            statusText: resultStatusLabel[r.status],
            checkedOn: r.checked_on,
            confirmedBy: (r.content as { confirmedBy: string[] }).confirmedBy,
          }
        : null,
    });
  }
  return { inspector: { id: me.id, name: me.name }, items, message: null };
}

/** 检查户详情: the visit, its guides, the caller's part (or the inspecting unit's result) and every part's status. */
export async function readVisit(db: Kysely<DB>, caller: Caller, input: { drawId: string; uscc: string }) {
  const reached = await loadVisitFor(db, caller, input.drawId, input.uscc, 'read');
  const { assignedInspectorId, departmentReader } = reached;
  // A 配合部门 enters its part for the items the agreed 检查方案 gives it, not the task's own.
  const partItems = departmentReader
    ? await schemeItemsFor(db, { planUnitCode: reached.visit.planUnitCode, code: reached.visit.taskCode }, caller.scope.unitCode)
    : null;
  const visit = partItems ? { ...reached.visit, items: partItems } : reached.visit;
  const me = assignedInspectorId ?? (await inspectorOfUser(db, caller.userId))?.id ?? null;
  const guides = await db
    .selectFrom('check_item')
    .select(['name', 'guide'])
    .where('name', 'in', visit.items.length > 0 ? visit.items : [''])
    .execute();
  const parts = await db
    .selectFrom('visit_result as r')
    .innerJoin('org_unit as o', 'o.code', 'r.unit_code')
    .selectAll('r')
    .select('o.name as unit_name')
    .where('r.draw_id', '=', input.drawId)
    .where('r.uscc', '=', input.uscc)
    .execute();
  const inspecting = await db.selectFrom('org_unit').select('name').where('code', '=', visit.inspectingUnit).executeTakeFirst();
  // The caller's own part on a 部门联合 visit (a member department's), else the inspecting unit's result.
  const result =
    (departmentReader ? parts.find((r) => r.unit_code === caller.scope.unitCode) : undefined) ??
    parts.find((r) => r.unit_code === visit.inspectingUnit);
  return {
    ...visit,
    inspectingUnitName: inspecting?.name ?? visit.inspectingUnit,
    assignedToMe: assignedInspectorId !== null,
    myInspectorId: me,
    guides: Object.fromEntries(guides.map((g) => [g.name, g.guide])),
    result: result ? resultView(result as unknown as ResultRow) : null,
    parts: parts.map((r) => ({
      unitCode: r.unit_code,
      unitName: r.unit_name,
      status: r.status,
      statusText: resultStatusLabel[r.status],
      publicText: r.public_text,
    })),
    departmentPart: departmentReader,
  };
}

/** 本单位及下级单位的检查结果 (by status and year). */
export async function listResults(
  db: Kysely<DB>,
  caller: Caller,
  input: { year?: number; status?: 'draft' | 'pendingReview' | 'returned' | 'published' },
) {
  const rows = await db
    .selectFrom('visit_result')
    .selectAll()
    .where('unit_code', 'in', caller.scope.unitCodes)
    .$if(input.year !== undefined, (q) => q.where('year', '=', input.year!))
    .$if(input.status !== undefined, (q) => q.where('status', '=', input.status!))
    .orderBy('updated_at', 'desc')
    .limit(500)
    .execute();
  const items = rows.map((r) => resultView(r as unknown as ResultRow));
  return { items, total: items.length };
}

/** 检查结果详情: the result, its published versions and its attachments. */
export async function readResult(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  const row = await loadResultFor(db, caller, input.id, 'read');
  const versions = await db
    .selectFrom('visit_result_version')
    .select(['version_no', 'content', 'reason', 'created_by_name', 'created_at'])
    .where('unit_code', '=', row.unit_code)
    .where('result_id', '=', row.id)
    .orderBy('version_no')
    .execute();
  const attachments = await db
    .selectFrom('visit_attachment')
    .select(['id', 'file_name', 'kind', 'bytes', 'uploaded_by_name', 'uploaded_at'])
    .where('unit_code', '=', row.unit_code)
    .where('result_id', '=', row.id)
    .orderBy('uploaded_at')
    .execute();
  return { ...resultView(row), versions: versions.map((v) => ({ ...v, content: v.content as StoredContent })), attachments };
}

const attachmentMime = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', pdf: 'application/pdf' } as const;

/** One attachment of a result the caller reads. */
export async function readAttachment(db: Kysely<DB>, caller: Caller, input: { id: string; attachmentId: string }) {
  const result = await loadResultFor(db, caller, input.id, 'read');
  const row = await db
    .selectFrom('visit_attachment')
    .select(['file_name', 'kind', 'content'])
    .where('unit_code', '=', result.unit_code)
    .where('result_id', '=', result.id)
    .where('id', '=', input.attachmentId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '该检查结果没有这个附件，可能已被替换。请在检查结果详情中重新选择附件。');
  return { contentType: attachmentMime[row.kind], disposition: contentDisposition(row.file_name), bytes: new Uint8Array(row.content) };
}

/**
 * 结果录入与公示期限 (20 working days after the task ends) per draw, from the visit rows the caller's
 * units inspect (a visit replaced by a reserve is not inspected), and the 经营异常名录 step
 * (10 working days after the result) of the published 无法联系 / 未按规定公示 results.
 */
export async function resultDeadlines(db: Kysely<DB>, caller: Caller, input: { year: number; dueSoonDays: number }) {
  const calendar = await loadWorkingCalendar(db);
  const today = todayInChina();
  const visits = await db
    .selectFrom('visit as v')
    .innerJoin('draw as d', (j) => j.onRef('d.unit_code', '=', 'v.draw_unit_code').onRef('d.id', '=', 'v.draw_id'))
    .leftJoin('plan_task as t', taskOfDraw)
    .select([
      'd.id',
      'd.draw_code',
      'd.task_code',
      't.name',
      'v.period_end',
      't.period_end as task_end',
      'v.object_id',
      'v.inspecting_unit_code',
    ])
    .where('d.status', '=', 'drawn')
    .where('v.year', '=', input.year)
    .where('v.inspecting_unit_code', 'in', caller.scope.unitCodes)
    .where('v.replaced_by', 'is', null)
    .orderBy('d.draw_code')
    .orderBy('v.object_id')
    .execute();
  // The visits' results, read apart: they are kept by the inspecting unit, the visits by the
  // drawing unit, and a distributed engine joins tables only on their common distribution column.
  const results = new Map<string, { id: string; status: string }>();
  const drawIds = [...new Set(visits.map((v) => v.id))];
  if (drawIds.length > 0) {
    const resultRows = await db
      .selectFrom('visit_result')
      .select(['unit_code', 'draw_id', 'uscc', 'id', 'status'])
      .where('unit_code', 'in', caller.scope.unitCodes)
      .where('draw_id', 'in', drawIds)
      .execute();
    for (const r of resultRows) results.set(`${r.unit_code}\t${r.draw_id}\t${r.uscc}`, { id: r.id, status: r.status });
  }
  type VisitWithResult = (typeof visits)[number] & { result_id: string | null; status: string | null };
  const byDraw = new Map<string, VisitWithResult[]>();
  for (const visit of visits) {
    const result = results.get(`${visit.inspecting_unit_code}\t${visit.id}\t${visit.object_id}`);
    const v = { ...visit, result_id: result?.id ?? null, status: result?.status ?? null };
    const list = byDraw.get(v.id) ?? [];
    list.push(v);
    byDraw.set(v.id, list);
  }
  const rows = [];
  for (const list of byDraw.values()) {
    const d = list[0]!;
    const taskEnd = d.period_end ?? d.task_end;
    if (!taskEnd) continue;
    const due = publicationDue(calendar, taskEnd);
    const pending = list.filter((v) => v.status !== 'published');
    const state = pending.length === 0 ? null : deadlineState(calendar, due, today, input.dueSoonDays);
    rows.push({
      drawId: d.id,
      drawCode: d.draw_code,
      taskCode: d.task_code,
      taskName: d.name,
      taskEnd,
      due: due.known ? due.due : null,
      dueUnknownReason: due.known ? null : due.reason,
      visits: list.length,
      published: list.length - pending.length,
      pending: pending.map((v) => ({ uscc: v.object_id, resultId: v.result_id })),
      status: state ? state.status : ('done' as const),
      workingDaysLeft: state?.workingDaysLeft ?? null,
      taskCompleted: pending.length === 0,
    });
  }
  const abnormal = await db
    .selectFrom('visit_result')
    .select(['id', 'uscc', 'entity_name', 'task_code', 'checked_on', 'public_content', 'abnormal_listed_on'])
    .where('unit_code', 'in', caller.scope.unitCodes)
    .where('year', '=', input.year)
    .where('published_on', 'is not', null)
    .where('checked_on', 'is not', null)
    // 列入经营异常名录 is a step on a market entity; a 其他检查对象 has none.
    .where('object_kind', 'is', null)
    .execute();
  const abnormalSteps = abnormal
    .filter((r) => needsAbnormalListing((r.public_content as { categories?: string[] } | null)?.categories ?? []))
    .map((r) => {
      const due = abnormalListDue(calendar, r.checked_on!);
      const state = r.abnormal_listed_on ? null : deadlineState(calendar, due, today, input.dueSoonDays);
      return {
        resultId: r.id,
        uscc: r.uscc,
        entityName: r.entity_name,
        taskCode: r.task_code,
        resultDate: r.checked_on,
        due: due.known ? due.due : null,
        listedOn: r.abnormal_listed_on,
        status: state ? state.status : ('done' as const),
        workingDaysLeft: state?.workingDaysLeft ?? null,
      };
    });
  return {
    today,
    items: rows,
    abnormalSteps,
    overdue: rows.filter((r) => r.status === 'overdue').length + abnormalSteps.filter((s) => s.status === 'overdue').length,
    dueSoon: rows.filter((r) => r.status === 'dueSoon').length + abnormalSteps.filter((s) => s.status === 'dueSoon').length,
  };
}

/** Exchange layout for the national enterprise credit publicity system (国家企业信用信息公示系统). */
export const EXCHANGE_COLUMNS = [
  { header: '统一社会信用代码', key: 'uscc', width: 22 },
  { header: '企业名称', key: 'name', width: 30 },
  { header: '任务编号', key: 'taskCode', width: 18 },
  { header: '抽查任务名称', key: 'taskName', width: 30 },
  { header: '检查机关', key: 'authority', width: 24 },
  { header: '检查日期', key: 'checkedOn', width: 12 },
  { header: '检查结果', key: 'result', width: 40 },
  { header: '公示日期', key: 'publishedOn', width: 12 },
];

/**
 * The task name of each draw (key `drawUnit\tdrawId`). Read by key in two steps rather than
 * joined to the results: draws, plan tasks and results are kept by different units, and a
 * distributed engine joins tables only on their common distribution column.
 */
async function taskNamesOfDraws(db: Kysely<DB>, keys: readonly { draw_unit_code: string; draw_id: string }[]) {
  const names = new Map<string, string>();
  const ids = [...new Set(keys.map((k) => k.draw_id))];
  if (ids.length === 0) return names;
  const draws = await db
    .selectFrom('draw')
    .select(['unit_code', 'id', 'plan_unit_code', 'plan_id', 'plan_version', 'task_code'])
    .where('unit_code', 'in', [...new Set(keys.map((k) => k.draw_unit_code))])
    .where('id', 'in', ids)
    .execute();
  if (draws.length === 0) return names;
  const tasks = await db
    .selectFrom('plan_task')
    .select(['unit_code', 'plan_id', 'version_no', 'task_code', 'name'])
    .where('unit_code', 'in', [...new Set(draws.map((d) => d.plan_unit_code))])
    .where('plan_id', 'in', [...new Set(draws.map((d) => d.plan_id))])
    .where('task_code', 'in', [...new Set(draws.map((d) => d.task_code))])
    .execute();
  const taskName = new Map(tasks.map((t) => [`${t.unit_code}\t${t.plan_id}\t${t.version_no}\t${t.task_code}`, t.name]));
  for (const d of draws) {
    const name = taskName.get(`${d.plan_unit_code}\t${d.plan_id}\t${d.plan_version}\t${d.task_code}`);
    if (name !== undefined) names.set(`${d.unit_code}\t${d.id}`, name);
  }
  return names;
}

/** 导出已公示的检查结果 (exchange layout) of the caller's units, as a file. */
export async function exportPublishedResults(db: Kysely<DB>, caller: Caller, input: { year: number; format: 'xlsx' | 'csv' }) {
  const rows = await db
    .selectFrom('visit_result as r')
    .innerJoin('org_unit as o', 'o.code', 'r.unit_code')
    .select([
      'r.uscc',
      'r.entity_name',
      'r.task_code',
      'r.draw_unit_code',
      'r.draw_id',
      'o.name as authority',
      'r.checked_on',
      'r.public_text',
      'r.published_on',
    ])
    .where('r.unit_code', 'in', caller.scope.unitCodes)
    .where('r.year', '=', input.year)
    .where('r.published_on', 'is not', null)
    .where('r.stopped_on', 'is', null)
    // The exchange names market entities by 统一社会信用代码: results of 其他检查对象 are not in it.
    .where('r.object_kind', 'is', null)
    .orderBy('r.published_on')
    .orderBy('r.uscc')
    .execute();
  const taskNames = await taskNamesOfDraws(db, rows);
  const data = rows.map((r) => ({
    uscc: r.uscc,
    name: r.entity_name,
    taskCode: r.task_code,
    taskName: taskNames.get(`${r.draw_unit_code}\t${r.draw_id}`) ?? '',
    authority: r.authority,
    checkedOn: r.checked_on ?? '',
    result: r.public_text ?? '',
    publishedOn: r.published_on ?? '',
  }));
  const base = `抽查检查结果公示-${input.year}`;
  if (input.format === 'csv') {
    // writeCsv neutralises every cell that would start a formula (files/csv.ts).
    const text = writeCsv(EXCHANGE_COLUMNS, data);
    return { body: new TextEncoder().encode(text), contentType: 'text/csv; charset=utf-8', disposition: contentDisposition(`${base}.csv`) };
  }
  const buffer = await writeXlsx([{ name: '抽查检查结果', columns: EXCHANGE_COLUMNS, rows: data }]);
  return { body: new Uint8Array(buffer), contentType: XLSX_CONTENT_TYPE, disposition: contentDisposition(`${base}.xlsx`) };
}
