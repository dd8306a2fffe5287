// 检查实施与结果 API: 我的任务, result entry and confirmation, review and publication,
// corrections, attachments, deadlines in working days, the exchange export, 停止公示.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { dateField, yearField } from '../http/fields.ts';
import { checkAttachment } from '../../core/attachments/index.ts';
import {
  abnormalListDue,
  deadlineState,
  inspectionMethods,
  needsAbnormalListing,
  publicationDue,
  resultCategories,
  type ResultRecordState,
} from '../../core/results/index.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { resultStatusLabel } from '../../core/glossary.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { todayInChina } from '../clock.ts';
import { contentDisposition, writeXlsx, XLSX_CONTENT_TYPE } from '../files/spreadsheet.ts';
import { writeCsv } from '../files/csv.ts';
import { AppError } from '../http/errors.ts';
import { defineRoute, moduleRead, moduleWrite, requireCaller, type Caller } from '../http/route.ts';
import { loadWorkingCalendar } from './calendar.ts';
import {
  confirmResult,
  correctResult,
  decideStop,
  publishVisitResult,
  requestStop,
  returnResult,
  saveResult,
  submitResult,
  type StoredContent,
} from './resultCommands.ts';
import { assertMayEnter, inspectorOfUser, loadVisit } from './visits.ts';

const TAG = '检查结果';
const idParams = z.object({ id: z.uuid('检查结果编号应为 UUID') });
const visitParams = z.object({
  drawId: z.uuid('抽取记录编号应为 UUID'),
  uscc: z.string().trim().min(15, '统一社会信用代码为 18 位').max(20, '统一社会信用代码为 18 位'),
});
const reasonField = z.string().trim().min(4, '请写明原因（至少 4 个字）').max(500, '原因最多 500 个字');
/** 公示期 (months) after which a business may ask to stop publication; an operator setting. */
const PUBLICATION_MONTHS = Number(process.env.SSJ_PUBLICATION_MONTHS ?? 6);

const itemResultSchema = z.object({
  categories: z
    .array(z.enum(resultCategories as [string, ...string[]], { message: `检查结果只能是：${resultCategories.join('、')}` }))
    .min(1, '请至少选择一个检查结果'),
  methods: z
    .array(z.enum(inspectionMethods as [string, ...string[]], { message: `检查方式只能是：${inspectionMethods.join('、')}` }))
    .min(1, '请至少选择一种检查方式'),
  findings: z.string().trim().max(2000, '发现的问题最多 2000 字').nullable().optional(),
  otherText: z.string().trim().max(500, '其他情况说明最多 500 字').nullable().optional(),
  productCheck: z.boolean().optional(),
  rectificationDeadline: dateField.nullable().optional(),
});

export const myVisits = defineRoute({
  method: 'get',
  path: '/api/my-visits',
  summary: '我的任务：分配给本人（执法检查人员）的检查户，含检查事项、抽查指引、对象信息、同组人员和结果状态',
  tag: TAG,
  auth: moduleWrite('results'),
  query: z.object({ year: yearField.optional() }),
  async handler({ app, caller, query }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const me = await inspectorOfUser(db, who.userId);
    if (!me)
      return {
        inspector: null,
        items: [],
        message: '您的账号尚未关联执法检查人员名录库中的人员，请联系系统管理员关联后再查看分配的检查任务。',
      };
    // The visits this person is sent to now (visit_inspector rows).
    let q = db
      .selectFrom('visit_inspector as vi')
      .innerJoin('draw as d', (j) => j.onRef('d.unit_code', '=', 'vi.draw_unit_code').onRef('d.id', '=', 'vi.draw_id'))
      .select(['vi.draw_id', 'vi.object_id'])
      .where('vi.inspector_id', '=', me.id)
      .where('vi.released_at', 'is', null)
      .where('d.status', '=', 'drawn');
    if (query.year !== undefined) q = q.where('d.year', '=', query.year);
    const assigned = await q.orderBy('vi.draw_id').orderBy('vi.object_id').execute();
    const items = [];
    for (const a of assigned) {
      const visit = await loadVisit(db, a.draw_id, a.object_id);
      const result = await db
        .selectFrom('visit_result')
        .select(['id', 'status', 'checked_on', 'content'])
        .where('draw_id', '=', a.draw_id)
        .where('uscc', '=', a.object_id)
        .where('unit_code', '=', visit.inspectingUnit)
        .executeTakeFirst();
      items.push({
        ...visit,
        result: result
          ? {
              id: result.id,
              status: result.status,
              statusText: resultStatusLabel[result.status],
              checkedOn: result.checked_on,
              confirmedBy: (result.content as StoredContent).confirmedBy,
            }
          : null,
      });
    }
    return { inspector: { id: me.id, name: me.name }, items };
  },
});

export const getVisit = defineRoute({
  method: 'get',
  path: '/api/visits/:drawId/:uscc',
  summary: '检查户详情：对象信息、检查事项及抽查指引、检查人员、已录入的结果',
  tag: TAG,
  auth: moduleRead('results'),
  params: visitParams,
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const visit = await loadVisit(db, params.drawId, params.uscc);
    const me = await inspectorOfUser(db, who.userId);
    const assigned = me !== null && visit.inspectors.some((p) => p.id === me.id);
    const participant =
      visit.joint && visit.participants.includes(who.scope.unitCode) && !who.scope.unitCodes.includes(visit.inspectingUnit);
    if (
      !assigned &&
      !participant &&
      !who.scope.unitCodes.includes(visit.inspectingUnit) &&
      !who.scope.unitCodes.includes(visit.drawUnitCode)
    ) {
      throw new AppError('NOT_FOUND', `抽取记录 ${params.drawId} 中没有与您当前所在单位相关的检查户 ${params.uscc}。`);
    }
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
      .where('r.draw_id', '=', params.drawId)
      .where('r.uscc', '=', params.uscc)
      .execute();
    // The caller's own part on a 部门联合 visit (a member department's), else the inspecting unit's result.
    const result =
      (participant ? parts.find((r) => r.unit_code === who.scope.unitCode) : undefined) ??
      parts.find((r) => r.unit_code === visit.inspectingUnit);
    return {
      ...visit,
      assignedToMe: assigned,
      myInspectorId: me?.id ?? null,
      guides: Object.fromEntries(guides.map((g) => [g.name, g.guide])),
      result: result ? resultView(result) : null,
      parts: parts.map((r) => ({
        unitCode: r.unit_code,
        unitName: r.unit_name,
        status: r.status,
        statusText: resultStatusLabel[r.status],
        publicText: r.public_text,
      })),
      departmentPart: participant,
    };
  },
});

function resultView(r: {
  id: string;
  unit_code: string;
  status: string;
  record: unknown;
  content: unknown;
  public_text: string | null;
  published_on: string | null;
  checked_on: string | null;
  stopped_on: string | null;
  task_code: string;
  uscc: string;
  entity_name: string;
  draw_id: string;
}) {
  const record = r.record as ResultRecordState;
  return {
    id: r.id,
    unitCode: r.unit_code,
    drawId: r.draw_id,
    taskCode: r.task_code,
    uscc: r.uscc,
    entityName: r.entity_name,
    status: r.status,
    statusText: resultStatusLabel[r.status as keyof typeof resultStatusLabel],
    record,
    content: r.content as StoredContent,
    publicText: r.public_text,
    publishedOn: r.published_on,
    checkedOn: r.checked_on,
    stoppedOn: r.stopped_on,
  };
}

export const saveResultRoute = defineRoute({
  method: 'put',
  path: '/api/visits/:drawId/:uscc/result',
  summary: '录入/修改检查结果（本户分配的检查人员，或检查单位的业务科室）：逐项检查方式、结果类别、发现问题、检查日期；修改后需重新确认',
  tag: TAG,
  auth: moduleWrite('results'),
  params: visitParams,
  body: z.object({
    checkedOn: dateField,
    items: z
      .array(z.object({ itemName: z.string().trim().min(1, '请填写检查事项').max(200), result: itemResultSchema }))
      .min(1, '请至少录入一个检查事项的结果')
      .max(50),
    departmentInspectors: z.array(z.string().trim().min(2, '请填写检查人员姓名').max(40)).max(10).optional(),
  }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return saveResult(app.database.db, who, params.drawId, params.uscc, body);
  },
});

/** A POST step on one result (/api/results/:id/…): the body schema, if any, types `run`'s input. */
function resultAction<const Path extends string, BS extends z.ZodType | undefined = undefined>(
  path: Path,
  summary: string,
  run: (db: Kysely<DB>, who: Caller, id: string, body: BS extends z.ZodType ? z.output<BS> : undefined) => Promise<unknown>,
  body?: BS,
) {
  return defineRoute({
    method: 'post',
    path,
    summary,
    tag: TAG,
    auth: moduleWrite('results'),
    params: idParams,
    body,
    async handler({ app, caller, params, body: input }) {
      return run(app.database.db, caller, params.id, input as BS extends z.ZodType ? z.output<BS> : undefined);
    },
  });
}

export const confirmRoute = resultAction('/api/results/:id/confirm', '检查人员本人确认检查结果', (db, who, id) =>
  confirmResult(db, who, id),
);
export const submitRoute = resultAction('/api/results/:id/submit', '提交审核（须全部检查人员确认）', (db, who, id) =>
  submitResult(db, who, id),
);
export const returnRoute = resultAction(
  '/api/results/:id/return',
  '退回（须写明原因）',
  (db, who, id, b) => returnResult(db, who, id, b.reason),
  z.object({ reason: reasonField }),
);
export const publishRoute = resultAction('/api/results/:id/publish', '审核通过并公示；需后续处置的问题自动进入问题台账', (db, who, id) =>
  publishVisitResult(db, who, id),
);
export const correctRoute = resultAction(
  '/api/results/:id/correct',
  '更正已公示的结果：生成新版本（须写明原因），审核公示前原版本继续公示',
  (db, who, id, b) => correctResult(db, who, id, b.reason),
  z.object({ reason: reasonField }),
);
export const stopRequestRoute = resultAction(
  '/api/results/:id/stop-requests',
  '登记企业的停止公示（信用修复）申请：公示期满后方可申请',
  (db, who, id, b) => requestStop(db, who, id, b.reason, PUBLICATION_MONTHS),
  z.object({ reason: reasonField }),
);
export const stopDecisionRoute = resultAction(
  '/api/results/:id/stop-requests/decision',
  '审核停止公示申请（同意或驳回，须写明理由）；同意后门户不再显示',
  (db, who, id, b) => decideStop(db, who, id, b.approve, b.reason),
  z.object({ approve: z.boolean({ message: '请选择同意或驳回' }), reason: reasonField }),
);

export const abnormalListingRoute = defineRoute({
  method: 'post',
  path: '/api/results/:id/abnormal-listing',
  summary: '登记列入经营异常名录（通过登记的住所无法联系、未按规定公示应当公示的信息；应在检查结果作出后 10 个工作日内）',
  tag: TAG,
  auth: moduleWrite('results'),
  params: idParams,
  body: z.object({ on: dateField, decisionNumber: z.string().trim().min(1, '请填写列入决定书文号').max(60) }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('visit_result').selectAll().where('id', '=', params.id).forUpdate().executeTakeFirst();
      if (!row || !who.scope.unitCodes.includes(row.unit_code))
        throw new AppError('NOT_FOUND', `检查结果 ${params.id} 不存在，或不属于您当前所在单位。`);
      if (who.role === 'inspector') throw new AppError('FORBIDDEN_ROLE', '列入经营异常名录由业务科室或信用监管机构办理。');
      const categories = (row.public_content as { categories?: string[] } | null)?.categories ?? [];
      if (!needsAbnormalListing(categories)) {
        throw new AppError(
          'INVALID_STATE',
          '该检查结果不是“无法联系”或“未按规定公示应当公示的信息”，不需要列入经营异常名录；如结果有误，请先更正。',
        );
      }
      if (row.abnormal_listed_on)
        throw new AppError('INVALID_STATE', `已于 ${row.abnormal_listed_on} 登记列入经营异常名录（${row.abnormal_decision ?? ''}）。`);
      if (row.checked_on && body.on < row.checked_on)
        throw new AppError('VALIDATION_FAILED', `列入日期 ${body.on} 早于检查日期 ${row.checked_on}，请核对。`);
      await trx
        .updateTable('visit_result')
        .set({ abnormal_listed_on: body.on, abnormal_decision: body.decisionNumber, updated_at: new Date() })
        .where('unit_code', '=', row.unit_code)
        .where('id', '=', row.id)
        .execute();
      await recordAudit(trx, {
        unitCode: row.unit_code,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'result.abnormalListing',
        objectType: 'visit_result',
        objectId: row.id,
        after: body,
      });
      return { listedOn: body.on, decisionNumber: body.decisionNumber };
    });
  },
});

export const listResults = defineRoute({
  method: 'get',
  path: '/api/results',
  summary: '本单位及下级单位的检查结果（按状态、年度筛选）',
  tag: TAG,
  auth: moduleRead('results'),
  query: z.object({ year: yearField.optional(), status: z.enum(['draft', 'pendingReview', 'returned', 'published']).optional() }),
  async handler({ app, caller, query }) {
    const who = requireCaller(caller);
    let q = app.database.db.selectFrom('visit_result').selectAll().where('unit_code', 'in', who.scope.unitCodes);
    if (query.year !== undefined) q = q.where('year', '=', query.year);
    if (query.status) q = q.where('status', '=', query.status);
    const rows = await q.orderBy('updated_at', 'desc').limit(500).execute();
    return { items: rows.map(resultView), total: rows.length };
  },
});

export const getResult = defineRoute({
  method: 'get',
  path: '/api/results/:id',
  summary: '检查结果详情：各版本、退回记录、停止公示申请、附件',
  tag: TAG,
  auth: moduleRead('results'),
  params: idParams,
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const row = await db.selectFrom('visit_result').selectAll().where('id', '=', params.id).executeTakeFirst();
    if (!row || !who.scope.unitCodes.includes(row.unit_code))
      throw new AppError('NOT_FOUND', `检查结果 ${params.id} 不存在，或不属于您当前所在单位。`);
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
      .execute();
    return { ...resultView(row), versions, attachments };
  },
});

export const uploadAttachment = defineRoute({
  method: 'post',
  path: '/api/results/:id/attachments',
  summary: '上传附件（现场照片 JPEG/PNG/WebP 不超过 10 MB，扫描件 PDF 不超过 20 MB；按文件内容识别类型）',
  tag: TAG,
  auth: moduleWrite('results'),
  params: idParams,
  upload: { maxBytes: 20 * 1024 * 1024, accept: 'attachment' },
  async handler({ app, caller, params, upload, c }) {
    const who = requireCaller(caller);
    if (!upload) throw new AppError('BAD_FILE', '请上传附件文件。');
    const db = app.database.db;
    const row = await db
      .selectFrom('visit_result')
      .select(['unit_code', 'id', 'draw_id', 'uscc', 'record'])
      .where('id', '=', params.id)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `检查结果 ${params.id} 不存在。`);
    const visit = await loadVisit(db, row.draw_id, row.uscc);
    await assertMayEnter(db, who, visit);
    const bytes = new Uint8Array(fs.readFileSync(upload.path));
    const check = checkAttachment({
      fileName: upload.fileName,
      declaredMime: c.req.header('content-type') === 'application/octet-stream' ? null : (c.req.header('content-type') ?? null),
      bytes,
    });
    if (!check.ok) throw new AppError(check.httpCode, check.message, check.details);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('visit_attachment')
        .values({
          unit_code: row.unit_code,
          result_id: row.id,
          file_name: upload.fileName,
          kind: check.kind as 'jpeg',
          bytes: bytes.length,
          sha256,
          content: bytes,
          uploaded_by_name: who.displayName,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        unitCode: row.unit_code,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'result.attachment',
        objectType: 'visit_result',
        objectId: row.id,
        after: { file: upload.fileName, kind: check.kind, bytes: bytes.length, sha256 },
      });
      return { id: inserted.id, kind: check.kind, bytes: bytes.length, sha256 };
    });
  },
});

export const downloadAttachment = defineRoute({
  method: 'get',
  path: '/api/results/:id/attachments/:attachmentId',
  summary: '下载附件（仅本单位）',
  tag: TAG,
  auth: moduleRead('results'),
  params: z.object({ id: z.uuid('检查结果编号应为 UUID'), attachmentId: z.uuid('附件编号应为 UUID') }),
  async handler({ app, caller, params, c }) {
    const who = requireCaller(caller);
    const row = await app.database.db
      .selectFrom('visit_attachment')
      .selectAll()
      .where('result_id', '=', params.id)
      .where('id', '=', params.attachmentId)
      .executeTakeFirst();
    if (!row || !who.scope.unitCodes.includes(row.unit_code)) throw new AppError('NOT_FOUND', '附件不存在，或不属于您当前所在单位。');
    const mime = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', pdf: 'application/pdf' }[row.kind];
    return c.body(new Uint8Array(row.content), 200, { 'content-type': mime, 'content-disposition': contentDisposition(row.file_name) });
  },
});

export const resultDeadlines = defineRoute({
  method: 'get',
  path: '/api/results/deadlines',
  summary: '结果录入与公示期限（任务结束后 20 个工作日，按法定节假日与调休计算）：逾期与临期清单；未按时公示视为任务未完成',
  tag: TAG,
  auth: moduleRead('results'),
  query: z.object({ year: yearField, dueSoonDays: z.coerce.number().int().min(0).max(30).default(5) }),
  async handler({ app, caller, query }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const calendar = await loadWorkingCalendar(db);
    const today = todayInChina();
    const draws = await db
      .selectFrom('draw as d')
      .leftJoin('plan_task as t', (j) =>
        j
          .onRef('t.unit_code', '=', 'd.plan_unit_code')
          .onRef('t.plan_id', '=', 'd.plan_id')
          .onRef('t.version_no', '=', 'd.plan_version')
          .onRef('t.task_code', '=', 'd.task_code'),
      )
      .select(['d.id', 'd.unit_code', 'd.draw_code', 'd.task_code', 'd.result', 't.name', 't.period_end'])
      .where('d.status', '=', 'drawn')
      .where('d.year', '=', query.year)
      .execute();
    // Only the results of these draws (not every unit's results of the year).
    const results =
      draws.length > 0
        ? await db
            .selectFrom('visit_result')
            .select(['draw_id', 'uscc', 'status', 'published_on', 'id'])
            .where(
              'draw_id',
              'in',
              draws.map((d) => d.id),
            )
            .execute()
        : [];
    // Which unit inspects each visit: the visit rows.
    const visitUnits =
      draws.length > 0
        ? await db
            .selectFrom('visit')
            .select(['draw_id', 'object_id', 'inspecting_unit_code'])
            .where(
              'draw_id',
              'in',
              draws.map((d) => d.id),
            )
            .execute()
        : [];
    const rows = [];
    for (const d of draws) {
      const units = Object.fromEntries(visitUnits.filter((v) => v.draw_id === d.id).map((v) => [v.object_id, v.inspecting_unit_code]));
      const visits = ((d.result as { visits: { id: string }[] }).visits ?? []).filter((v) =>
        who.scope.unitCodes.includes(units[v.id] ?? d.unit_code),
      );
      if (visits.length === 0 || !d.period_end) continue;
      const due = publicationDue(calendar, d.period_end);
      const pending = visits.filter((v) => !results.some((r) => r.draw_id === d.id && r.uscc === v.id && r.status === 'published'));
      const state = pending.length === 0 ? null : deadlineState(calendar, due, today, query.dueSoonDays);
      rows.push({
        drawId: d.id,
        drawCode: d.draw_code,
        taskCode: d.task_code,
        taskName: d.name,
        taskEnd: d.period_end,
        due: due.known ? due.due : null,
        dueUnknownReason: due.known ? null : due.reason,
        visits: visits.length,
        published: visits.length - pending.length,
        pending: pending.map((v) => ({ uscc: v.id, resultId: results.find((r) => r.draw_id === d.id && r.uscc === v.id)?.id ?? null })),
        status: state ? state.status : 'done',
        workingDaysLeft: state?.workingDaysLeft ?? null,
        taskCompleted: pending.length === 0,
      });
    }
    // 经营异常名录 step: 无法联系 / 未按规定公示 results, within 10 working days of the result.
    const abnormal = await db
      .selectFrom('visit_result')
      .select(['id', 'uscc', 'entity_name', 'task_code', 'checked_on', 'public_content', 'abnormal_listed_on'])
      .where('unit_code', 'in', who.scope.unitCodes)
      .where('year', '=', query.year)
      .where('published_on', 'is not', null)
      .execute();
    const abnormalSteps = abnormal
      .filter((r) => needsAbnormalListing((r.public_content as { categories?: string[] } | null)?.categories ?? []))
      .map((r) => {
        const due = abnormalListDue(calendar, r.checked_on!);
        const state = r.abnormal_listed_on ? null : deadlineState(calendar, due, today, query.dueSoonDays);
        return {
          resultId: r.id,
          uscc: r.uscc,
          entityName: r.entity_name,
          taskCode: r.task_code,
          resultDate: r.checked_on,
          due: due.known ? due.due : null,
          listedOn: r.abnormal_listed_on,
          status: state ? state.status : 'done',
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
  },
});

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

export const exportResults = defineRoute({
  method: 'get',
  path: '/api/results/export',
  summary: '导出已公示的检查结果（交换格式，含任务编号）：.xlsx 或 .csv',
  tag: TAG,
  auth: moduleRead('results'),
  query: z.object({ year: yearField, format: z.enum(['xlsx', 'csv']).default('xlsx') }),
  async handler({ app, caller, query, c }) {
    const who = requireCaller(caller);
    const rows = await app.database.db
      .selectFrom('visit_result as r')
      .innerJoin('org_unit as o', 'o.code', 'r.unit_code')
      .leftJoin('draw as d', 'd.id', 'r.draw_id')
      .leftJoin('plan_task as t', (j) =>
        j
          .onRef('t.unit_code', '=', 'd.plan_unit_code')
          .onRef('t.plan_id', '=', 'd.plan_id')
          .onRef('t.version_no', '=', 'd.plan_version')
          .onRef('t.task_code', '=', 'd.task_code'),
      )
      .select([
        'r.uscc',
        'r.entity_name',
        'r.task_code',
        't.name as task_name',
        'o.name as authority',
        'r.checked_on',
        'r.public_text',
        'r.published_on',
      ])
      .where('r.unit_code', 'in', who.scope.unitCodes)
      .where('r.year', '=', query.year)
      .where('r.published_on', 'is not', null)
      .where('r.stopped_on', 'is', null)
      .orderBy('r.published_on')
      .execute();
    const data = rows.map((r) => ({
      uscc: r.uscc,
      name: r.entity_name,
      taskCode: r.task_code,
      taskName: r.task_name ?? '',
      authority: r.authority,
      checkedOn: r.checked_on ?? '',
      result: r.public_text ?? '',
      publishedOn: r.published_on ?? '',
    }));
    const base = `抽查检查结果公示-${query.year}`;
    if (query.format === 'csv') {
      const text = writeCsv(EXCHANGE_COLUMNS, data);
      return c.body(text, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': contentDisposition(`${base}.csv`) });
    }
    const buffer = await writeXlsx([{ name: '抽查检查结果', columns: EXCHANGE_COLUMNS, rows: data }]);
    return c.body(new Uint8Array(buffer), 200, {
      'content-type': XLSX_CONTENT_TYPE,
      'content-disposition': contentDisposition(`${base}.xlsx`),
    });
  },
});

export const resultRoutes = [
  myVisits,
  getVisit,
  saveResultRoute,
  confirmRoute,
  submitRoute,
  returnRoute,
  publishRoute,
  correctRoute,
  stopRequestRoute,
  stopDecisionRoute,
  abnormalListingRoute,
  resultDeadlines,
  exportResults,
  listResults,
  getResult,
  uploadAttachment,
  downloadAttachment,
] as const;
