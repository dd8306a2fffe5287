// 停止公示（信用修复）申请 on the portal: HTTP only, public (no login). A business applies with its
// 统一社会信用代码, the published results it chooses, who applies and why, and a scan of its
// 授权书/营业执照 (sent in the JSON body as base64, so the whole application is one request that
// is accepted or refused as a whole); it reads the state back with its 回执编号 only.
import { z } from 'zod';
import { validateUscc } from '../../core/uscc/index.ts';
import { publicationRequestStatuses, scanLimitBytes } from '../../core/publicationRequests/index.ts';
import { publicRoute, routeGroup } from '../http/route.ts';
import { day } from '../http/wire.ts';
import { submitPublicationRequest } from './publicationRequestCommands.ts';
import { publicationRequestByReceipt } from './publicationRequestViews.ts';

const TAG = '公开';
const route = routeGroup(TAG);
const scanLimitMb = scanLimitBytes / 1024 / 1024;
/** Base64 of the largest scan, with its padding. */
const base64Limit = Math.ceil(scanLimitBytes / 3) * 4;

const usccField = z
  .string({ message: '请填写统一社会信用代码' })
  .trim()
  .superRefine((value, ctx) => {
    const check = validateUscc(value);
    if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
  })
  .describe('统一社会信用代码');

const statusEnum = z.enum(publicationRequestStatuses as [string, ...string[]]);

export const submitPublicationRequestRoute = route(publicRoute, 'POST /api/public/publication-requests', {
  summary: `企业自助申请停止公示（信用修复）：选择本企业已公示的检查结果，填写申请人、联系电话、理由，上传授权书或营业执照扫描件（PDF/JPG/PNG，不超过 ${scanLimitMb} MB）；返回回执编号`,
  bodyLimit: base64Limit + 64 * 1024,
  body: z.object({
    uscc: usccField,
    resultIds: z
      .array(z.uuid('检查结果编号有误，请重新查询后选择').describe('检查结果'), { message: '请选择要申请停止公示的检查结果' })
      .min(1, '请至少选择一条检查结果')
      .max(20, '一次最多选择 20 条检查结果')
      .describe('申请停止公示的检查结果'),
    applicantName: z
      .string({ message: '请填写申请人姓名' })
      .trim()
      .min(2, '请填写申请人姓名（至少 2 个字）')
      .max(40, '申请人姓名最多 40 个字')
      .describe('申请人姓名'),
    contactPhone: z
      .string({ message: '请填写联系电话' })
      .trim()
      .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, '联系电话应为 11 位手机号码或带区号的固定电话，如 13800000000 或 0356-5220000')
      .describe('联系电话'),
    reason: z
      .string({ message: '请填写申请理由' })
      .trim()
      .min(4, '请写明申请理由（至少 4 个字），如已整改完毕的情况')
      .max(500, '申请理由最多 500 个字')
      .describe('申请理由'),
    scan: z
      .object(
        {
          fileName: z
            .string({ message: '请上传扫描件' })
            .trim()
            .min(1, '扫描件缺少文件名')
            .max(200, '扫描件文件名最多 200 个字')
            .describe('扫描件文件名'),
          mimeType: z.string().max(100, '扫描件的文件类型有误').nullable().optional().describe('扫描件文件类型'),
          base64: z
            .string({ message: '请上传扫描件' })
            .min(1, '请上传扫描件')
            .max(base64Limit, `扫描件不能超过 ${scanLimitMb} MB，请压缩后重新上传`)
            .regex(/^[A-Za-z0-9+/]*={0,2}$/, '扫描件内容有误，请重新选择文件上传')
            .describe('扫描件'),
        },
        { message: '请上传授权书或营业执照扫描件' },
      )
      .describe('扫描件'),
  }),
  response: z.object({
    receipt: z.string(),
    receiptCode: z.string(),
    submittedOn: day,
    status: statusEnum,
    statusText: z.string(),
    items: z.array(z.object({ resultId: z.string(), entityName: z.string(), taskCode: z.string(), checkedOn: day.nullable() })),
  }),
  handler: ({ app, body, clientAddress }) =>
    submitPublicationRequest(app.database.db, {
      ...body,
      scan: { fileName: body.scan.fileName, mimeType: body.scan.mimeType ?? null, base64: body.scan.base64 },
      clientAddress,
      publicationMonths: app.config.publicationMonths,
    }),
});

export const publicationRequestStatusRoute = route(publicRoute, 'POST /api/public/publication-requests/status', {
  summary: '查询停止公示申请进度：凭回执编号查看审核状态、审核意见和日期',
  body: z.object({
    receipt: z.string({ message: '请填写回执编号' }).trim().min(1, '请填写回执编号').max(60, '回执编号最多 60 个字符').describe('回执编号'),
  }),
  response: z.object({
    receiptCode: z.string(),
    entityName: z.string(),
    uscc: z.string(),
    submittedOn: day,
    items: z.array(
      z.object({
        taskCode: z.string(),
        checkedOn: day.nullable(),
        status: statusEnum,
        statusText: z.string(),
        decisionReason: z.string().nullable(),
        decidedOn: day.nullable(),
      }),
    ),
  }),
  handler: ({ app, body, clientAddress }) => publicationRequestByReceipt(app.database.db, { receipt: body.receipt, clientAddress }),
});

export const publicPublicationRequestRoutes = [submitPublicationRequestRoute, publicationRequestStatusRoute] as const;
