// 随机抽查事项清单（seed 003 一(一)）, HTTP only: versions, items, issuing, the diff, the export,
// claims and their review. Who may reach a version is in policy.ts; the reads in
// checkItemViews.ts, the use cases in checkItemCommands.ts.
import { z } from 'zod';
import { optionalText } from '../http/fields.ts';
import type { CheckMethod, SubjectLevel } from '../../db/tables/checkItems.ts';
import { xlsxDownload } from '../files/spreadsheet.ts';
import { pagingQuery } from '../http/paging.ts';
import { moduleRead, moduleWrite, routeGroup } from '../http/route.ts';
import { day, instant, paged, unitFields } from '../http/wire.ts';
import { CHECK_METHODS, SUBJECT_LEVELS } from './itemRows.ts';
import { claimItemsFor, importVersionFrom, issueVersionOf, resolveReviewFor, unclaimItemsFor } from './checkItemCommands.ts';
import { exportVersionFor, listVersionsFor, reviewClaimsFor, versionDetail, versionDiff, versionItemsPage } from './checkItemViews.ts';

const TAG = '随机抽查事项清单';
const route = routeGroup(TAG);
const directoriesRead = moduleRead('directories');
const directoriesWrite = moduleWrite('directories');

const idParams = z.object({ id: z.uuid('版本编号格式不正确').describe('清单版本') });
const itemCodeList = z.array(z.string().min(1).max(40)).min(1, '请至少勾选一个事项').max(2000, '一次最多 2000 个事项').describe('抽查事项');
const checkMethod = z.enum(CHECK_METHODS as [CheckMethod, ...CheckMethod[]], { error: `检查方式应为 ${CHECK_METHODS.join('、')}` });

// ---- answers
const versionStatus = z.enum(['draft', 'issued']);
const version = z.object({
  id: z.string(),
  issuingUnitCode: z.string(),
  issuingUnitName: z.string().nullable(),
  title: z.string(),
  versionNo: z.number(),
  status: versionStatus,
  issuedOn: day.nullable(),
  previousVersionId: z.string().nullable(),
  sourceFileName: z.string().nullable(),
  itemCount: z.number(),
  createdByName: z.string(),
  createdAt: instant,
});
/** An item as the lists show it (the portal leaves out the staffing requirements). */
export const checkItemFields = z.object({
  itemCode: z.string(),
  seq: z.number(),
  category: z.string(),
  name: z.string(),
  content: z.string(),
  legalBasis: z.string(),
  target: z.string(),
  methods: z.array(checkMethod),
  subjectLevel: z.enum(SUBJECT_LEVELS as [SubjectLevel, ...SubjectLevel[]]),
  isKey: z.boolean(),
  staffRequirements: z.array(z.string()),
  guide: z.string(),
});
const claim = z.object({
  claimedOn: day,
  responsibleOffice: z.string().nullable(),
  localNote: z.string().nullable(),
  reviewStatus: z.enum(['current', 'needs_review']),
  reviewReason: z.enum(['removed', 'changed']).nullable(),
  changedFields: z.array(z.string()),
  versionId: z.string(),
});
const itemRef = z.object({ itemCode: z.string(), name: z.string() });
const diff = z.object({
  added: z.array(itemRef),
  removed: z.array(itemRef),
  changed: z.array(
    itemRef.extend({ changes: z.array(z.object({ field: z.string(), label: z.string(), before: z.string(), after: z.string() })) }),
  ),
  unchanged: z.number(),
});

export const listVersions = route(directoriesRead, 'GET /api/check-items/versions', {
  summary: '可见的事项清单版本（本单位及上级发布的已发布版本，本单位及下级的草稿）',
  response: z.object({ items: z.array(version.extend({ claimedByMyUnit: z.number() })) }),
  handler: ({ app, caller }) => listVersionsFor(app.database.db, caller),
});

export const getVersion = route(directoriesRead, 'GET /api/check-items/versions/:id', {
  summary: '清单版本详情（含抽查类别统计）',
  params: idParams,
  response: version.extend({ categories: z.array(z.object({ category: z.string(), count: z.number() })), canClaim: z.boolean() }),
  handler: ({ app, caller, params }) => versionDetail(app.database.db, caller, params),
});

export const listVersionItems = route(directoriesRead, 'GET /api/check-items/versions/:id/items', {
  summary: '清单版本的事项（分页、搜索、按类别/检查方式/重点筛选），附本单位认领状态',
  params: idParams,
  query: z.object({
    ...pagingQuery,
    q: z.string().max(100, '关键词最多 100 个字').optional().describe('关键词'),
    category: z.string().max(100, '抽查类别最多 100 个字').optional().describe('抽查类别'),
    method: checkMethod.optional().describe('检查方式'),
    key: z.enum(['true', 'false'], { error: '事项类别只能是 重点 或 一般' }).optional().describe('事项类别'),
    claimed: z.enum(['true', 'false'], { error: '认领状态只能是 已认领 或 未认领，请重新选择' }).optional().describe('认领状态'),
  }),
  response: paged(checkItemFields.extend({ claim: claim.nullable() })),
  handler: ({ app, caller, params, query }) => versionItemsPage(app.database.db, caller, { ...query, id: params.id }),
});

export const importVersion = route(directoriesWrite, 'POST /api/check-items/versions/import', {
  summary: '从 .xlsx/.csv 导入新的清单版本（草稿）；有任何行错误则全部不导入并逐行列出；dryRun=true 只校验',
  upload: { maxBytes: 20 * 1024 * 1024 },
  query: z.object({
    title: z
      .string()
      .trim()
      .min(2, '请填写清单标题，如「山西省市场监管系统随机抽查事项清单（第三版）」')
      .max(200, '清单标题不超过 200 字')
      .describe('清单标题'),
    dryRun: z.enum(['true', 'false'], { error: '只校验的取值不正确，请重新勾选后再试' }).optional().describe('只校验'),
  }),
  response: z.object({
    dryRun: z.boolean(),
    versionId: z.string().nullable(),
    versionNo: z.number().nullable(),
    rowCount: z.number(),
    itemCount: z.number(),
    keyItems: z.number(),
    categories: z.array(z.string()),
    unknownColumns: z.array(z.string()),
  }),
  handler: ({ app, caller, query, upload }) =>
    importVersionFrom(app.database.db, caller, { upload, title: query.title, dryRun: query.dryRun === 'true' }),
});

export const issueVersionRoute = route(directoriesWrite, 'POST /api/check-items/versions/:id/issue', {
  summary: '发布清单版本（草稿 → 已发布）；返回与上一版的差异和需复核的认领数',
  params: idParams,
  body: z.object({ issuedOn: z.iso.date('发布日期格式应为 YYYY-MM-DD').optional().describe('发布日期') }),
  response: z.object({
    versionId: z.string(),
    previousVersionId: z.string().nullable(),
    diff: diff.nullable(),
    claimsForReview: z.number(),
    claimsCarried: z.number(),
  }),
  handler: ({ app, caller, params, body }) => issueVersionOf(app.database.db, caller, { ...body, id: params.id }),
});

export const diffVersionRoute = route(directoriesRead, 'GET /api/check-items/versions/:id/diff', {
  summary: '与上一版（或 against 指定版本）的差异：新增、删除、变更字段',
  params: idParams,
  query: z.object({ against: z.uuid('对比版本编号格式不正确').optional().describe('对比版本') }),
  response: z.object({ versionId: z.string(), against: version.nullable(), diff: diff.nullable() }),
  handler: ({ app, caller, params, query }) => versionDiff(app.database.db, caller, { ...query, id: params.id }),
});

export const claimItemsRoute = route(directoriesWrite, 'POST /api/check-items/claims', {
  summary: '本单位认领事项（批量）；只能认领本单位或上级发布的最新版本中的事项',
  body: z.object({
    versionId: z.uuid('请指定清单版本').describe('清单版本'),
    itemCodes: itemCodeList,
    responsibleOffice: optionalText('负责股室', 100),
    localNote: optionalText('本单位说明', 500),
  }),
  response: z.object({ claimed: z.number() }),
  handler: ({ app, caller, body }) => claimItemsFor(app.database.db, caller, body),
});

export const unclaimItemsRoute = route(directoriesWrite, 'POST /api/check-items/claims/remove', {
  summary: '取消本单位对事项的认领（批量）',
  body: z.object({ versionId: z.uuid('请指定清单版本').describe('清单版本'), itemCodes: itemCodeList }),
  response: z.object({ unclaimed: z.number() }),
  handler: ({ app, caller, body }) => unclaimItemsFor(app.database.db, caller, body),
});

export const listReviewClaims = route(directoriesRead, 'GET /api/check-items/claims/review', {
  summary: '待复核的认领（新版清单删除或修改了已认领的事项），本单位及下级',
  response: z.object({
    items: z.array(
      z.object({
        ...unitFields,
        issuingUnitCode: z.string(),
        itemCode: z.string(),
        name: z.string(),
        category: z.string(),
        reason: z.enum(['removed', 'changed']).nullable(),
        changedFields: z.array(z.string()),
        claimedOn: day,
        responsibleOffice: z.string().nullable(),
        newVersionId: z.string().nullable(),
        newVersionTitle: z.string().nullable(),
      }),
    ),
  }),
  handler: ({ app, caller }) => reviewClaimsFor(app.database.db, caller),
});

export const resolveReviewRoute = route(directoriesWrite, 'POST /api/check-items/claims/review', {
  summary: '复核本单位的待复核认领：keep 按新版保留，drop 放弃认领',
  body: z.object({
    issuingUnitCode: z.string().min(1, '请指定发布单位').max(64).describe('发布单位'),
    itemCodes: itemCodeList,
    decision: z.enum(['keep', 'drop'], { error: '复核决定只能是 保留 或 放弃' }).describe('复核决定'),
  }),
  response: z.object({ resolved: z.number() }),
  handler: ({ app, caller, body }) => resolveReviewFor(app.database.db, caller, body),
});

export const exportVersionRoute = route(directoriesRead, 'GET /api/check-items/versions/:id/export', {
  summary: '导出清单版本为 .xlsx（含本单位认领标记）',
  params: idParams,
  async handler({ app, c, caller, params }) {
    const { fileName, buffer } = await exportVersionFor(app.database.db, caller, params);
    return xlsxDownload(c, buffer, fileName);
  },
});

export const checkItemRoutes = [
  listVersions,
  importVersion,
  getVersion,
  listVersionItems,
  issueVersionRoute,
  diffVersionRoute,
  exportVersionRoute,
  claimItemsRoute,
  unclaimItemsRoute,
  listReviewClaims,
  resolveReviewRoute,
] as const;
