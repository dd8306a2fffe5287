// 检查实施与结果 API: HTTP only — the schemas, one use case per route. 我的任务, result entry and
// confirmation, review and publication, corrections, attachments, deadlines in working days, the
// exchange export, 停止公示 (docs/results.md). Who may do what: policy.ts.
import { z } from 'zod';
import { inspectionMethodLabel, resultCategoryLabel, type InspectionMethod, type ResultCategory } from '../../core/glossary.ts';
import { inspectionMethods, resultCategories, type ResultRecordState } from '../../core/results/index.ts';
import { dateField, listedId, yearField } from '../http/fields.ts';
import { moduleRead, moduleWrite, routeGroup } from '../http/route.ts';
import { coreValue, day, instant, unitFields } from '../http/wire.ts';
import type { StoredContent } from './policy.ts';
import {
  addAttachment,
  confirmResult,
  correctResult,
  decideStop,
  publishVisitResult,
  recordAbnormalListing,
  requestStop,
  returnResult,
  saveResult,
  submitResult,
} from './resultCommands.ts';
import { exportPublishedResults, listResults, myVisits, readAttachment, readResult, readVisit, resultDeadlines } from './resultViews.ts';

const TAG = '检查结果';
const route = routeGroup(TAG);
const idParams = z.object({ id: listedId('检查结果编号') });
const visitParams = z.object({
  drawId: listedId('抽取记录编号'),
  uscc: z
    .string()
    .trim()
    .min(1, '请填写检查对象的统一社会信用代码或对象编码')
    .max(40, '统一社会信用代码为 18 位，对象编码最多 40 位')
    .describe('统一社会信用代码或对象编码'),
});
const reasonField = (label: string) => z.string().trim().min(4, '请写明原因（至少 4 个字）').max(500, '原因最多 500 个字').describe(label);

const itemResultSchema = z.object({
  categories: z
    .array(
      z.enum(resultCategories as [ResultCategory, ...ResultCategory[]], {
        message: `检查结果只能是：${resultCategories.map((c) => resultCategoryLabel[c]).join('、')}`,
      }),
    )
    .min(1, '请至少选择一个检查结果')
    .describe('检查结果'),
  methods: z
    .array(
      z.enum(inspectionMethods as [InspectionMethod, ...InspectionMethod[]], {
        message: `检查方式只能是：${inspectionMethods.map((m) => inspectionMethodLabel[m]).join('、')}`,
      }),
    )
    .min(1, '请至少选择一种检查方式')
    .describe('检查方式'),
  findings: z.string().trim().max(2000, '发现的问题最多 2000 字').nullable().optional().describe('发现的问题'),
  otherText: z.string().trim().max(500, '其他情况说明最多 500 字').nullable().optional().describe('其他情况说明'),
  productCheck: z.boolean().optional().describe('产品抽检'),
  rectificationDeadline: dateField.nullable().optional().describe('整改期限'),
});

const resultStatus = z.enum(['draft', 'pendingReview', 'returned', 'published']);

const visitSchema = z.object({
  drawId: z.string(),
  drawUnitCode: z.string(),
  drawCode: z.string(),
  taskCode: z.string(),
  taskName: z.string(),
  year: z.number(),
  window: z.object({ start: day, end: day }).nullable(),
  uscc: z.string(),
  entity: z
    .object({
      name: z.string(),
      address: z.string().nullable(),
      legalRep: z.string().nullable(),
      regStatus: z.string(),
      unitCode: z.string(),
    })
    .nullable(),
  object: z.object({ kind: z.string(), kindLabel: z.string(), name: z.string() }).nullable(),
  items: z.array(z.string()),
  inspectingUnit: z.string(),
  inspectors: z.array(z.object({ code: z.string(), id: z.string(), name: z.string(), category: z.string() })),
  joint: z.boolean(),
  participants: z.array(z.string()),
});

const resultSchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  drawId: z.string(),
  taskCode: z.string(),
  uscc: z.string(),
  entityName: z.string(),
  /** 市场主体, or the kind of the 其他检查对象 the result is about. */
  objectKindLabel: z.string(),
  status: resultStatus,
  statusText: z.string(),
  record: coreValue<ResultRecordState>(),
  content: coreValue<StoredContent>(),
  publicText: z.string().nullable(),
  publishedOn: day.nullable(),
  checkedOn: day.nullable(),
  stoppedOn: day.nullable(),
});

const deadlineStatus = z.enum(['ok', 'dueSoon', 'overdue', 'unknown', 'done']);

export const myVisitsRoute = route(moduleWrite('results'), 'GET /api/my-visits', {
  summary: '我的任务：分配给本人（执法检查人员）的检查户，含检查事项、抽查指引、对象信息、同组人员和结果状态',
  query: z.object({ year: yearField.optional().describe('年度') }),
  response: z.object({
    inspector: z.object({ id: z.string(), name: z.string() }).nullable(),
    items: z.array(
      visitSchema.extend({
        result: z
          .object({
            id: z.string(),
            status: resultStatus,
            statusText: z.string(),
            checkedOn: day.nullable(),
            confirmedBy: z.array(z.string()),
          })
          .nullable(),
      }),
    ),
    message: z.string().nullable(),
  }),
  handler: ({ app, caller, query }) => myVisits(app.database.db, caller, query),
});

export const getVisit = route(moduleRead('results'), 'GET /api/visits/:drawId/:uscc', {
  summary: '检查户详情：对象信息、检查事项及抽查指引、检查人员、已录入的结果',
  params: visitParams,
  response: visitSchema.extend({
    inspectingUnitName: z.string(),
    assignedToMe: z.boolean(),
    myInspectorId: z.string().nullable(),
    guides: z.record(z.string(), z.string()),
    result: resultSchema.nullable(),
    parts: z.array(
      z.object({
        ...unitFields,
        status: resultStatus,
        statusText: z.string(),
        publicText: z.string().nullable(),
      }),
    ),
    departmentPart: z.boolean(),
  }),
  handler: ({ app, caller, params }) => readVisit(app.database.db, caller, params),
});

export const saveResultRoute = route(moduleWrite('results'), 'PUT /api/visits/:drawId/:uscc/result', {
  summary: '录入/修改检查结果（本户分配的检查人员，或检查单位的业务科室）：逐项检查方式、结果类别、发现问题、检查日期；修改后需重新确认',
  params: visitParams,
  body: z.object({
    checkedOn: dateField.describe('检查日期'),
    items: z
      .array(z.object({ itemName: z.string().trim().min(1, '请填写检查事项').max(200).describe('检查事项'), result: itemResultSchema }))
      .min(1, '请至少录入一个检查事项的结果')
      .max(50)
      .describe('逐项检查结果'),
    departmentInspectors: z.array(z.string().trim().min(2, '请填写检查人员姓名').max(40)).max(10).optional().describe('本部门检查人员'),
  }),
  response: z.object({ id: z.string(), status: resultStatus }),
  handler: ({ app, caller, params, body }) => saveResult(app.database.db, caller, { ...params, ...body }),
});

export const confirmRoute = route(moduleWrite('results'), 'POST /api/results/:id/confirm', {
  summary: '检查人员本人确认检查结果',
  params: idParams,
  response: z.object({ confirmedBy: z.array(z.string()), waitingFor: z.array(z.string()) }),
  handler: ({ app, caller, params }) => confirmResult(app.database.db, caller, params),
});

export const submitRoute = route(moduleWrite('results'), 'POST /api/results/:id/submit', {
  summary: '提交审核（须全部检查人员确认）',
  params: idParams,
  response: z.object({ status: resultStatus }),
  handler: ({ app, caller, params }) => submitResult(app.database.db, caller, params),
});

export const returnRoute = route(moduleWrite('results'), 'POST /api/results/:id/return', {
  summary: '退回（须写明原因）',
  params: idParams,
  body: z.object({ reason: reasonField('退回原因') }),
  response: z.object({ status: resultStatus }),
  handler: ({ app, caller, params, body }) => returnResult(app.database.db, caller, { ...params, ...body }),
});

export const publishRoute = route(moduleWrite('results'), 'POST /api/results/:id/publish', {
  summary: '审核通过并公示；需后续处置的问题自动进入问题台账',
  params: idParams,
  response: z.object({
    status: resultStatus,
    publishedOn: day,
    followupsOpened: z.number(),
    abnormalList: coreValue<ResultCategory[]>(),
  }),
  handler: ({ app, caller, params }) => publishVisitResult(app.database.db, caller, params),
});

export const correctRoute = route(moduleWrite('results'), 'POST /api/results/:id/correct', {
  summary: '更正已公示的结果：生成新版本（须写明原因），审核公示前原版本继续公示',
  params: idParams,
  body: z.object({ reason: reasonField('更正原因') }),
  response: z.object({ status: resultStatus, version: z.number() }),
  handler: ({ app, caller, params, body }) => correctResult(app.database.db, caller, { ...params, ...body }),
});

const stopRequests = coreValue<ResultRecordState['stopRequests']>();

export const stopRequestRoute = route(moduleWrite('results'), 'POST /api/results/:id/stop-requests', {
  summary: '登记企业的停止公示（信用修复）申请：公示期满后方可申请',
  params: idParams,
  body: z.object({ reason: reasonField('申请理由') }),
  response: z.object({ stopRequests }),
  handler: ({ app, caller, params, body }) =>
    requestStop(app.database.db, caller, { ...params, ...body, publicationMonths: app.config.publicationMonths }),
});

export const stopDecisionRoute = route(moduleWrite('results'), 'POST /api/results/:id/stop-requests/decision', {
  summary: '审核停止公示申请（同意或驳回，须写明理由）；同意后门户不再显示',
  params: idParams,
  body: z.object({ approve: z.boolean({ message: '请选择同意或驳回' }).describe('审核意见'), reason: reasonField('审核理由') }),
  response: z.object({ stoppedOn: day.nullable(), stopRequests }),
  handler: ({ app, caller, params, body }) => decideStop(app.database.db, caller, { ...params, ...body }),
});

export const abnormalListingRoute = route(moduleWrite('results'), 'POST /api/results/:id/abnormal-listing', {
  summary: '登记列入经营异常名录（通过登记的住所无法联系、未按规定公示应当公示的信息；应在检查结果作出后 10 个工作日内）',
  params: idParams,
  body: z.object({
    on: dateField.describe('列入日期'),
    decisionNumber: z.string().trim().min(1, '请填写列入决定书文号').max(60, '决定书文号最多 60 个字').describe('列入决定书文号'),
  }),
  response: z.object({ listedOn: day, decisionNumber: z.string() }),
  handler: ({ app, caller, params, body }) => recordAbnormalListing(app.database.db, caller, { ...params, ...body }),
});

export const listResultsRoute = route(moduleRead('results'), 'GET /api/results', {
  summary: '本单位及下级单位的检查结果（按状态、年度筛选）',
  query: z.object({ year: yearField.optional().describe('年度'), status: resultStatus.optional().describe('状态') }),
  response: z.object({ items: z.array(resultSchema), total: z.number() }),
  handler: ({ app, caller, query }) => listResults(app.database.db, caller, query),
});

export const getResult = route(moduleRead('results'), 'GET /api/results/:id', {
  summary: '检查结果详情：各版本、退回记录、停止公示申请、附件',
  params: idParams,
  response: resultSchema.extend({
    versions: z.array(
      z.object({
        version_no: z.number(),
        content: coreValue<StoredContent>(),
        reason: z.string().nullable(),
        created_by_name: z.string(),
        created_at: instant,
      }),
    ),
    attachments: z.array(
      z.object({
        id: z.string(),
        file_name: z.string(),
        kind: z.string(),
        bytes: z.number(),
        uploaded_by_name: z.string(),
        uploaded_at: instant,
      }),
    ),
  }),
  handler: ({ app, caller, params }) => readResult(app.database.db, caller, params),
});

export const uploadAttachment = route(moduleWrite('results'), 'POST /api/results/:id/attachments', {
  summary:
    '上传附件（现场照片 JPEG/PNG/WebP 不超过 10 MB，扫描件 PDF 不超过 20 MB；按文件内容识别类型）；已提交审核或已公示的结果不能再增加附件',
  params: idParams,
  upload: { maxBytes: 20 * 1024 * 1024, accept: 'attachment' },
  response: z.object({ id: z.string(), kind: z.string(), bytes: z.number(), sha256: z.string() }),
  handler: ({ app, caller, params, upload }) =>
    addAttachment(app.database.db, caller, {
      id: params.id,
      file: upload,
      declaredMime: upload && upload.contentType !== 'application/octet-stream' ? upload.contentType : null,
    }),
});

export const downloadAttachment = route(moduleRead('results'), 'GET /api/results/:id/attachments/:attachmentId', {
  summary: '下载附件（可查看该检查结果的单位和人员）',
  params: z.object({
    id: listedId('检查结果编号'),
    attachmentId: listedId('附件编号'),
  }),
  async handler({ app, caller, params, c }) {
    const file = await readAttachment(app.database.db, caller, params);
    return c.body(file.bytes, 200, { 'content-type': file.contentType, 'content-disposition': file.disposition });
  },
});

export const resultDeadlinesRoute = route(moduleRead('results'), 'GET /api/results/deadlines', {
  summary: '结果录入与公示期限（任务结束后 20 个工作日，按法定节假日与调休计算）：逾期与临期清单；未按时公示视为任务未完成',
  query: z.object({
    year: yearField.describe('年度'),
    dueSoonDays: z.coerce.number().int().min(0).max(30).default(5).describe('临期提醒（工作日）'),
  }),
  response: z.object({
    today: day,
    items: z.array(
      z.object({
        drawId: z.string(),
        drawCode: z.string(),
        taskCode: z.string(),
        taskName: z.string().nullable(),
        taskEnd: day,
        due: day.nullable(),
        dueUnknownReason: z.string().nullable(),
        visits: z.number(),
        published: z.number(),
        pending: z.array(z.object({ uscc: z.string(), resultId: z.string().nullable() })),
        status: deadlineStatus,
        workingDaysLeft: z.number().nullable(),
        taskCompleted: z.boolean(),
      }),
    ),
    abnormalSteps: z.array(
      z.object({
        resultId: z.string(),
        uscc: z.string(),
        entityName: z.string(),
        taskCode: z.string(),
        resultDate: day.nullable(),
        due: day.nullable(),
        listedOn: day.nullable(),
        status: deadlineStatus,
        workingDaysLeft: z.number().nullable(),
      }),
    ),
    overdue: z.number(),
    dueSoon: z.number(),
  }),
  handler: ({ app, caller, query }) => resultDeadlines(app.database.db, caller, query),
});

export const exportResults = route(moduleRead('results'), 'GET /api/results/export', {
  summary: '导出已公示的检查结果（交换格式，含任务编号）：.xlsx 或 .csv',
  query: z.object({ year: yearField.describe('年度'), format: z.enum(['xlsx', 'csv']).default('xlsx').describe('文件格式') }),
  async handler({ app, caller, query, c }) {
    const file = await exportPublishedResults(app.database.db, caller, query);
    return c.body(file.body, 200, { 'content-type': file.contentType, 'content-disposition': file.disposition });
  },
});

export const resultRoutes = [
  myVisitsRoute,
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
  resultDeadlinesRoute,
  exportResults,
  listResultsRoute,
  getResult,
  uploadAttachment,
  downloadAttachment,
] as const;
