// 双随机抽取 API: HTTP only — the schemas, one use case per route. Preview and commit a task
// batch, the ceremony, void, reserves, inspector matching and swaps, bundles, publishing the
// result; the public 任务公告 with the commit before the seed (docs/draw-spec.md).
import type { Context } from 'hono';
import { z } from 'zod';
import type {
  AllocationRecord,
  AllocationSpec,
  AssignmentRecord,
  DrawParams,
  GroupAllocation,
  ReserveEntry,
  SampleEntry,
  SourceParams,
  SourceValue,
  Visit,
} from '../../core/draw/index.ts';
import type { ModeCell, Quota, RiskPolicy, TaskReach } from '../../core/plan/index.ts';
import type { DrawMatching, DrawResult, GroupCounts } from '../../db/tables/draws.ts';
import { yearField } from '../http/fields.ts';
import { defineRoute, moduleRead, moduleWrite, publicRoute } from '../http/route.ts';
import { coreValue, day, instant } from '../http/wire.ts';
import { commitMergedDraw, commitTaskDraw, previewTaskDraw, publishDrawResult, runCeremony, useReserve, voidDraw } from './drawCommands.ts';
import { matchDrawInspectors, previewMatching, swapInspectors } from './drawMatching.ts';
import { drawBundleForCaller, drawDocs, listPublicDraws, publishedDrawBundle, readDraw, readDrawDoc } from './drawViews.ts';

const TAG = '双随机抽取';
const codeParams = z.object({ code: z.string().trim().min(1).max(60, '最多 60 个字').describe('任务编号') });
const idParams = z.object({ id: z.uuid().describe('抽取记录编号') });
const reasonField = (label: string) => z.string().trim().min(4, '请写明原因，至少 4 个字').max(500, '最多 500 个字').describe(label);
const classCounts = coreValue<GroupCounts['counts']>();

/** A bundle as a file to save (the verifier reads it as it is). */
function jsonFile(c: Context, file: { fileName: string; bundle: unknown }) {
  return c.body(JSON.stringify(file.bundle, null, 2), 200, {
    'content-type': 'application/json; charset=utf-8',
    'content-disposition': `attachment; filename="${file.fileName}"`,
  });
}

const drawStatus = z.enum(['committed', 'drawn', 'voided']);

/** A commit as published before the seed exists (drawViews.ts commitView). */
const commitItem = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  taskCode: z.string(),
  mergedTasks: z.array(z.string()).nullable(),
  year: z.number(),
  batch: z.number(),
  attempt: z.number(),
  drawCode: z.string(),
  status: drawStatus,
  commit: z.string(),
  committedAt: z.string(),
  params: coreValue<DrawParams>(),
  counts: coreValue<GroupCounts[]>(),
  planned: coreValue<AllocationRecord[]>(),
  excludedCount: z.number(),
  publicSource: coreValue<SourceParams>(),
  commitReason: z.string().nullable(),
  voidedAt: instant.nullable(),
  voidReason: z.string().nullable(),
  replacesDrawId: z.string().nullable(),
});

const drawableTask = z.object({
  planUnitCode: z.string(),
  planUnitName: z.string(),
  planId: z.string(),
  planVersion: z.number(),
  planTitle: z.string(),
  year: z.number(),
  code: z.string(),
  name: z.string(),
  items: z.array(z.string()),
  population: z.string(),
  subLibraryId: z.string().nullable(),
  quota: coreValue<Quota | null>(),
  riskPolicy: coreValue<RiskPolicy | null>(),
  batchesPerYear: z.number(),
  period: z.object({ start: day, end: day }).nullable(),
  mode: coreValue<ModeCell | null>(),
  participants: z.array(z.string()),
  reach: coreValue<TaskReach>(),
});

const poolPerson = z.object({
  id: z.string(),
  name: z.string(),
  unitCode: z.string(),
  category: z.enum(['enforcement', 'expert']),
  drawable: z.boolean(),
});

const publicSourceField = z
  .object({
    kind: z.enum(['dice', 'lottery', 'beacon'], { message: '只能是现场骰子、公开彩票开奖号或公开随机信标' }).describe('公开随机来源的种类'),
    name: z
      .string()
      .trim()
      .min(6, '请写明来源，如“2026-03-12 公开摇号现场骰子（纪检监察员见证）”')
      .max(120, '最多 120 个字')
      .describe('来源说明'),
  })
  .describe('公开随机来源');
const batchField = z.number().int().min(1, '应从 1 开始').max(12, '最多 12').default(1).describe('批次');
const reserveField = z.number().int().min(0, '不能为负').max(50, '最多 50').default(2).describe('每个风险分类的备选数');
const commitReasonField = z.string().trim().max(500, '最多 500 个字').optional().describe('重抽或逾期抽取的原因');
const excludedCounts = z.array(z.object({ reason: z.string(), count: z.number() }));

export const previewDraw = defineRoute({
  method: 'get',
  path: '/api/tasks/:code/draw-preview',
  summary: '抽取前预览：任务的抽查名录（名录分库在本单位范围内）、按风险等级可抽取户数 N 与将抽取户数 n、排除名单及原因、本任务的抽取记录',
  tag: TAG,
  auth: moduleRead('tasks'),
  params: codeParams,
  query: z.object({ manualCount: z.coerce.number().int().min(1).optional().describe('本批抽取户数') }),
  response: z.object({
    task: drawableTask,
    today: day,
    periodEndedOn: day.nullable(),
    mergeCandidates: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        items: z.array(z.string()),
        period: z.object({ start: day, end: day }).nullable(),
        samePopulation: z.boolean(),
      }),
    ),
    entries: z.number(),
    counts: classCounts,
    excluded: z.array(z.object({ reason: z.string(), count: z.number() })),
    /** What the frame is drawn from (市场主体 or a kind of 其他检查对象) and the classification of its class column. */
    objectKindLabel: z.string(),
    classificationLabel: z.string(),
    allocation: coreValue<{ ok: true; allocation: AllocationSpec; note: string } | { ok: false; message: string }>(),
    planned: coreValue<GroupAllocation | null>(),
    draws: z.array(commitItem),
  }),
  handler: ({ app, caller, params, query }) =>
    previewTaskDraw(app.database.db, caller, { code: params.code, manualCount: query.manualCount }),
});

export const commitDrawRoute = defineRoute({
  method: 'post',
  path: '/api/tasks/:code/draws',
  summary:
    '承诺：冻结抽查名录和排除名单、声明随机来源（骰子/彩票/信标），计算并公示承诺值；此时尚无种子。重抽或抽查期间结束后抽取须写明原因',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: codeParams,
  body: z.object({
    batch: batchField,
    publicSource: publicSourceField,
    reserve: reserveField,
    manualCount: z.number().int().min(1).max(100000).optional().describe('本批抽取户数'),
    reason: commitReasonField,
  }),
  response: z.object({
    id: z.string(),
    drawCode: z.string(),
    commit: z.string(),
    counts: classCounts,
    planned: coreValue<GroupAllocation>(),
    excluded: excludedCounts,
    allocation: z.string(),
    entries: z.number(),
  }),
  handler: ({ app, caller, params, body }) => commitTaskDraw(app.database.db, caller, { taskCode: params.code, ...body }),
});

export const commitMergedDrawRoute = defineRoute({
  method: 'post',
  path: '/api/draws/merged',
  summary:
    '合并抽取的承诺：同一计划、同一批次、抽查期间相交的多个任务一次承诺（每个任务一个抽查组、共用一个种子），同一主体被多个任务抽中只检查一次（进一次门、查多项事）',
  tag: TAG,
  auth: moduleWrite('tasks'),
  body: z.object({
    taskCodes: z
      .array(z.string().trim().min(1).max(60, '最多 60 个字'))
      .min(2, '合并抽取至少要选择 2 个任务')
      .max(10, '最多合并 10 个任务')
      .describe('合并抽取的任务'),
    batch: batchField,
    publicSource: publicSourceField,
    reserve: reserveField,
    reason: commitReasonField,
  }),
  response: z.object({
    id: z.string(),
    drawCode: z.string(),
    commit: z.string(),
    groups: z.array(
      z.object({
        code: z.string(),
        counts: classCounts,
        planned: coreValue<GroupAllocation>(),
        excluded: excludedCounts,
        allocation: z.string(),
        entries: z.number(),
      }),
    ),
  }),
  handler: ({ app, caller, body }) => commitMergedDraw(app.database.db, caller, body),
});

export const getDraw = defineRoute({
  method: 'get',
  path: '/api/draws/:id',
  summary: '抽取记录：承诺、随机来源与种子、按风险等级的抽中名单与票号、备选、检查户（检查单位、检查人员及历次调整）、公开条件',
  tag: TAG,
  auth: moduleRead('tasks'),
  params: idParams,
  response: commitItem.extend({
    own: z.boolean(),
    mayAct: z.boolean(),
    sources: coreValue<SourceValue[] | null>(),
    seed: z.string().nullable(),
    result: coreValue<DrawResult | null>(),
    matching: coreValue<DrawMatching | null>(),
    resultPublicAt: instant.nullable(),
    publication: z
      .object({ visits: z.number(), done: z.number(), periodEnd: day.nullable(), periodEnded: z.boolean(), ready: z.boolean() })
      .nullable(),
    hasResults: z.boolean(),
    drawnAt: instant.nullable(),
    drawnByName: z.string().nullable(),
    witnessName: z.string().nullable(),
    voidedByName: z.string().nullable(),
    createdByName: z.string(),
    names: z.record(z.string(), z.string().nullable()),
    visits: z.array(
      z.object({
        id: z.string(),
        name: z.string().nullable(),
        /** 市场主体, or the kind of 其他检查对象 (产品、项目、行为、标准): the id is then its own code. */
        objectKindLabel: z.string(),
        tasks: z.array(z.string()),
        items: z.array(z.string()),
        inspectingUnitCode: z.string(),
        inspectingUnitName: z.string(),
        replacedBy: z.string().nullable(),
        replacedReason: z.string().nullable(),
        reserveFor: z.string().nullable(),
        hasResult: z.boolean(),
        inspectors: z.array(
          z.object({
            code: z.string(),
            name: z.string(),
            category: z.enum(['enforcement', 'expert']),
            unitCode: z.string(),
            /** On a joint task: the member department the person comes from (null: the inspecting unit's team). */
            department: z.string().nullable(),
          }),
        ),
      }),
    ),
    released: z.array(
      z.object({ visitId: z.string(), code: z.string(), name: z.string(), assignedAt: instant, releasedAt: instant, reason: z.string() }),
    ),
    reserveUses: z.array(
      z.object({ replacedId: z.string(), reserveId: z.string(), reason: z.string(), usedByName: z.string(), usedAt: instant }),
    ),
  }),
  handler: ({ app, caller, params }) => readDraw(app.database.db, caller, { id: params.id }),
});

export const ceremonyRoute = defineRoute({
  method: 'post',
  path: '/api/draws/:id/ceremony',
  summary: '摇号：录入见证人给出的骰子数字（至少 20 位）或彩票/信标取值，平台随机数自动揭示，随即抽取并锁定结果',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: idParams,
  body: z.object({
    value: z.string().trim().min(1, '请录入随机来源的取值').max(200, '最多 200 个字').describe('随机来源的取值'),
    witnessName: z.string().trim().min(2, '请填写见证人姓名').max(40, '最多 40 个字').describe('见证人姓名'),
  }),
  response: z.object({
    seed: z.string(),
    sample: coreValue<SampleEntry[]>(),
    reserves: coreValue<ReserveEntry[]>(),
    visits: coreValue<Visit[]>(),
    allocation: coreValue<AllocationRecord[]>(),
  }),
  handler: ({ app, caller, params, body }) => runCeremony(app.database.db, caller, { id: params.id, ...body }),
});

export const voidDrawRoute = defineRoute({
  method: 'post',
  path: '/api/draws/:id/void',
  summary: '作废抽取记录（须写明原因；作废的记录仍然可见；已有检查结果的不能作废）。重抽须以新的承诺重新公示',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: idParams,
  body: z.object({ reason: reasonField('作废原因') }),
  response: z.object({ id: z.string(), status: drawStatus, voidedAt: instant }),
  handler: ({ app, caller, params, body }) => voidDraw(app.database.db, caller, { id: params.id, reason: body.reason }),
});

export const useReserveRoute = defineRoute({
  method: 'post',
  path: '/api/draws/:id/reserves',
  summary: '启用备选：以同组同风险等级的下一个备选替补抽中对象（须写明原因，如“已注销”；已有检查结果的对象不能替补）',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: idParams,
  body: z.object({
    replacedId: z.string().trim().min(1, '请选择被替补的抽中对象').max(40, '最多 40 个字').describe('被替补的抽中对象'),
    reason: reasonField('启用备选的原因'),
  }),
  response: z.object({ reserveId: z.string(), class: z.string(), rank: z.number() }),
  handler: ({ app, caller, params, body }) => useReserve(app.database.db, caller, { id: params.id, ...body }),
});

const fairSharePool = z.object({
  pool: z.string(),
  poolName: z.string(),
  visits: z.number(),
  people: z.number(),
  share: z.number(),
  cap: z.number(),
});

export const matchPreviewRoute = defineRoute({
  method: 'get',
  path: '/api/draws/:id/match-preview',
  summary:
    '匹配检查人员前的预览（不写入）：待匹配的检查户数，各人员库的公平份额（2×户数÷可派人数，向上取整，另加五分之一余量；不足以配齐时提高到刚好能配齐）与无法配齐的户数',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: idParams,
  query: z.object({
    crossRegionUnits: z.string().trim().max(600, '最多 600 个字').optional().describe('交叉互查单位（单位代码，以逗号分隔）'),
  }),
  response: z.object({ visits: z.number(), rematch: z.boolean(), pools: z.array(fairSharePool), unstaffable: z.number() }),
  handler: ({ app, caller, params, query }) =>
    previewMatching(app.database.db, caller, {
      id: params.id,
      crossRegionUnits: query.crossRegionUnits
        ? query.crossRegionUnits
            .split(/[,，\s]+/)
            .map((u) => u.trim())
            .filter((u) => u !== '')
        : null,
    }),
});

export const matchRoute = defineRoute({
  method: 'post',
  path: '/api/draws/:id/match',
  summary:
    '匹配检查人员（抽取规范第8条）：为尚无人员的检查户匹配，每户至少2人且至少1名持有效执法证、回避、可选交叉互查与每人上限；最小代价分配。重新匹配须写明原因，已有检查结果的不能重新匹配',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: idParams,
  body: z.object({
    capPerInspector: z
      .number()
      .int()
      .min(1, '至少为 1；不限制请留空')
      .max(1000, '最多 1000')
      .nullable()
      .optional()
      .describe('每人最多检查户数'),
    crossRegionUnits: z
      .array(z.string().trim().min(1).max(40, '最多 40 个字').describe('交叉互查单位代码'))
      .max(50, '最多 50 个单位')
      .nullable()
      .default(null)
      .describe('交叉互查单位'),
    reason: z.string().trim().min(4, '请写明原因，至少 4 个字').max(500, '最多 500 个字').optional().describe('重新匹配的原因'),
  }),
  response: z.object({
    assignment: coreValue<AssignmentRecord[]>(),
    inspectors: z.record(z.string(), poolPerson),
    recused: z.array(z.object({ visitId: z.string(), code: z.string(), name: z.string(), reason: z.string() })),
    fairShare: z.array(fairSharePool),
  }),
  handler: ({ app, caller, params, body }) => matchDrawInspectors(app.database.db, caller, { id: params.id, ...body }),
});

export const swapRoute = defineRoute({
  method: 'post',
  path: '/api/draws/:id/swaps',
  summary: '人工调整某户的检查人员（须写明原因；仍须满足至少2人、至少1名持证执法人员和回避；已有检查结果的不能调整），记录并随抽取记录公开',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: idParams,
  body: z.object({
    visitId: z.string().trim().min(1, '请选择检查户').max(40, '最多 40 个字').describe('检查户'),
    inspectors: z
      .array(z.string().trim().min(1).max(60, '最多 60 个字').describe('检查人员编号'))
      .min(2, '每户至少安排 2 名检查人员')
      .max(10, '最多 10 人')
      .describe('检查人员'),
    reason: reasonField('调整原因'),
  }),
  response: z.object({ visitId: z.string(), inspectors: z.array(z.string()) }),
  handler: ({ app, caller, params, body }) => swapInspectors(app.database.db, caller, { id: params.id, ...body }),
});

export const bundleRoute = defineRoute({
  method: 'get',
  path: '/api/draws/:id/bundle',
  summary: '下载抽取包（JSON）：审计包含抽查名录与排除名单；public=true 时只含哈希与户数',
  tag: TAG,
  auth: moduleRead('tasks'),
  params: idParams,
  query: z.object({ public: z.enum(['true', 'false']).optional().describe('只要公开包') }),
  handler: async ({ app, caller, params, query, c }) =>
    jsonFile(c, await drawBundleForCaller(app.database.db, caller, { id: params.id, public: query.public === 'true' })),
});

export const publishResultRoute = defineRoute({
  method: 'post',
  path: '/api/draws/:id/publish-result',
  summary:
    '公开抽取结果（公开包：随机来源、种子、分配、抽中名单、人员匹配；名录只公开哈希）：全部检查户提交检查结果后或抽查期间结束后才能公开，只能公开一次',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: idParams,
  response: z.object({ resultPublicAt: instant }),
  handler: ({ app, caller, params }) => publishDrawResult(app.database.db, caller, { id: params.id }),
});

export const publicDraws = defineRoute({
  method: 'get',
  path: '/api/public/draws',
  summary: '抽查任务公告：每次抽取的承诺值、按风险等级可抽取户数与将抽取户数（摇号之前公示），作废与重抽记录，已公开的抽取结果',
  tag: '公开',
  auth: publicRoute,
  query: z.object({
    year: yearField.optional().describe('年度'),
    taskCode: z.string().trim().max(60, '最多 60 个字').optional().describe('任务编号'),
  }),
  response: z.object({
    items: z.array(
      commitItem.extend({
        drawnAt: instant.nullable(),
        resultPublic: z.boolean(),
        resultPublicAt: instant.nullable(),
        sampleSize: z.number().nullable(),
      }),
    ),
  }),
  handler: ({ app, query }) => listPublicDraws(app.database.db, query),
});

export const publicDrawBundle = defineRoute({
  method: 'get',
  path: '/api/public/draws/:id/bundle',
  summary: '公开抽取包（检查完成或抽查期间结束、抽取单位公开后）：任何人可用 /gs/verify 或 ssj verify 复核',
  tag: '公开',
  auth: publicRoute,
  params: idParams,
  handler: async ({ app, params, c }) => jsonFile(c, await publishedDrawBundle(app.database.db, { id: params.id })),
});

export const drawDocRoute = defineRoute({
  method: 'get',
  path: '/api/public/draw-docs/:name',
  summary: '抽取规范（docs/draw-spec.md，规范性文件）与验证说明（docs/draw-verification.md）全文，供核对抽取包',
  tag: '公开',
  auth: publicRoute,
  params: z.object({ name: z.enum(drawDocs).describe('文件名') }),
  handler: async ({ params, c }) =>
    c.body(await readDrawDoc(params), 200, { 'content-type': 'text/plain; charset=utf-8', 'content-disposition': 'inline' }),
});

export const drawRoutes = [
  previewDraw,
  commitDrawRoute,
  commitMergedDrawRoute,
  getDraw,
  ceremonyRoute,
  voidDrawRoute,
  useReserveRoute,
  matchRoute,
  matchPreviewRoute,
  swapRoute,
  bundleRoute,
  publishResultRoute,
  publicDraws,
  publicDrawBundle,
  drawDocRoute,
] as const;
