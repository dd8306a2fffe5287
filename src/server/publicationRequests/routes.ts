// 停止公示申请 in the console: HTTP only — the queue of the units the caller reaches, one
// application with its scan, 受理 and the decision (docs/results.md). Who may: policy.ts.
import { z } from 'zod';
import { publicationRequestStatuses } from '../../core/publicationRequests/index.ts';
import { listedId } from '../http/fields.ts';
import { moduleRead, moduleWrite, routeGroup } from '../http/route.ts';
import { day, instant } from '../http/wire.ts';
import { decidePublicationRequest, takeUpPublicationRequest } from './publicationRequestCommands.ts';
import { listPublicationRequests, readPublicationRequest, readPublicationRequestScan } from './publicationRequestViews.ts';

const TAG = '停止公示申请';
const route = routeGroup(TAG);
const idParams = z.object({ id: listedId('申请编号') });
const statusEnum = z.enum(publicationRequestStatuses as [string, ...string[]]);

const requestSchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  receiptCode: z.string(),
  resultId: z.string(),
  uscc: z.string(),
  entityName: z.string(),
  taskCode: z.string().nullable(),
  checkedOn: day.nullable(),
  applicantName: z.string(),
  contactPhone: z.string(),
  reason: z.string(),
  status: statusEnum,
  statusText: z.string(),
  submittedOn: day,
  submittedAt: instant,
  reviewingByName: z.string().nullable(),
  decidedOn: day.nullable(),
  decisionReason: z.string().nullable(),
  decidedByName: z.string().nullable(),
  scan: z.object({ fileName: z.string(), kind: z.string(), bytes: z.number(), sha256: z.string() }),
});

export const listPublicationRequestsRoute = route(moduleRead('followup'), 'GET /api/publication-requests', {
  summary: '企业自助提交的停止公示（信用修复）申请：本单位及下级单位保管的检查结果的申请，待审核的在前',
  query: z.object({
    status: z
      .enum(['open', ...publicationRequestStatuses] as [string, ...string[]], {
        message: '状态只能是：待审核、已提交、审核中、已同意、已驳回',
      })
      .optional()
      .describe('状态'),
  }),
  response: z.object({ items: z.array(requestSchema), total: z.number() }),
  handler: ({ app, caller, query }) =>
    listPublicationRequests(app.database.db, caller, { status: query.status as Parameters<typeof listPublicationRequests>[2]['status'] }),
});

export const getPublicationRequestRoute = route(moduleRead('followup'), 'GET /api/publication-requests/:id', {
  summary: '停止公示申请详情：申请人、联系电话、理由、扫描件和所申请的检查结果',
  params: idParams,
  response: requestSchema.extend({
    result: z.object({ publicText: z.string().nullable(), publishedOn: day.nullable(), stoppedOn: day.nullable() }),
  }),
  handler: ({ app, caller, params }) => readPublicationRequest(app.database.db, caller, params),
});

export const publicationRequestScanRoute = route(moduleRead('followup'), 'GET /api/publication-requests/:id/scan', {
  summary: '下载停止公示申请的扫描件（授权书或营业执照）',
  params: idParams,
  async handler({ app, caller, params, c }) {
    const file = await readPublicationRequestScan(app.database.db, caller, params);
    return c.body(file.bytes, 200, { 'content-type': file.contentType, 'content-disposition': file.disposition });
  },
});

export const takeUpPublicationRequestRoute = route(moduleWrite('followup'), 'POST /api/publication-requests/:id/take-up', {
  summary: '受理停止公示申请：企业查询进度时显示“审核中”',
  params: idParams,
  response: z.object({ id: z.string(), status: statusEnum, statusText: z.string() }),
  handler: ({ app, caller, params }) => takeUpPublicationRequest(app.database.db, caller, params),
});

export const decidePublicationRequestRoute = route(moduleWrite('followup'), 'POST /api/publication-requests/:id/decision', {
  summary: '审核停止公示申请（同意或驳回，须写明理由）；同意后该检查结果立即不再在门户公示',
  params: idParams,
  body: z.object({
    approve: z.boolean({ message: '请选择同意或驳回' }).describe('审核意见'),
    reason: z.string().trim().min(4, '请写明理由（至少 4 个字）').max(500, '理由最多 500 个字').describe('审核理由'),
  }),
  response: z.object({ id: z.string(), status: statusEnum, statusText: z.string(), stoppedOn: day.nullable() }),
  handler: ({ app, caller, params, body }) => decidePublicationRequest(app.database.db, caller, { ...params, ...body }),
});

export const publicationRequestRoutes = [
  listPublicationRequestsRoute,
  getPublicationRequestRoute,
  publicationRequestScanRoute,
  takeUpPublicationRequestRoute,
  decidePublicationRequestRoute,
] as const;
