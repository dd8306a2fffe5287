// 检查对象名录库 — 市场主体, HTTP only: the list of the caller's units (search, filters, paging),
// the detail with its change history, 个性化标注 and the manual correction of the risk class. Who
// may reach an entity is in policy.ts; the reads in entityViews.ts, the use cases in
// entityCommands.ts.
import { z } from 'zod';
import { optionalText } from '../http/fields.ts';
import { moduleRead, moduleWrite, routeGroup } from '../http/route.ts';
import { pagingQuery } from '../http/paging.ts';
import { day, instant, unitFields } from '../http/wire.ts';
import { correctEntityRiskClassOf, updateEntityTagsOf } from './entityCommands.ts';
import { classificationsInUse, entityDetail, listEntityPage } from './entityViews.ts';
import { entityInspections } from './entityInspectionViews.ts';
import { rowImportRoute } from '../files/rowImport.ts';
import { importRiskClassifications } from './classificationImport.ts';

const TAG = '一单两库';
const route = routeGroup(TAG);
const subjectType = z.enum(['enterprise', 'individual', 'cooperative', 'other'], {
  message: '主体类别只能是 企业、个体工商户、农民专业合作社 或 其他，请重新选择',
});
const riskClass = z.enum(['A', 'B', 'C', 'D'], { message: '风险分类应为 A、B、C、D 之一' });

const marketEntity = z.object({
  uscc: z.string(),
  name: z.string(),
  subjectType,
  enterpriseType: z.string().nullable(),
  regStatus: z.string(),
  establishedOn: day.nullable(),
  address: z.string().nullable(),
  legalRep: z.string().nullable(),
  regionCode: z.string(),
  ...unitFields,
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  tags: z.array(z.string()).nullable(),
  riskClass: riskClass.nullable(),
  riskClassSince: day.nullable(),
});

export const listEntities = route(moduleRead('directories'), 'GET /api/entities', {
  summary: '检查对象名录库：市场主体列表（本单位及下级单位管辖范围；户数超过 10,000 时显示为 10,000+）',
  query: z.object({
    ...pagingQuery,
    q: optionalText('名称或统一社会信用代码', 60),
    subjectType: subjectType.optional().describe('主体类别'),
    riskClass: z
      .enum(['A', 'B', 'C', 'D', 'none'], { message: '信用风险分类只能是 A、B、C、D 类或 未分类，请重新选择' })
      .optional()
      .describe('信用风险分类'),
    regStatus: z.string().max(10, '登记状态最多 10 个字').optional().describe('登记状态'),
    unitCode: z.string().max(64).optional().describe('管辖单位'),
    tag: optionalText('标签', 40),
    subLibraryId: z.uuid('名录分库编号不正确，请从列表中重新打开').optional().describe('名录分库'),
  }),
  response: z.object({
    items: z.array(marketEntity),
    total: z.number(),
    totalCapped: z.boolean(),
    page: z.number(),
    pageSize: z.number(),
  }),
  handler: ({ app, caller, query }) => listEntityPage(app.database.db, caller, query),
});

const usccParams = z.object({ uscc: z.string().length(18, '统一社会信用代码应为 18 位').describe('统一社会信用代码') });

export const getEntity = route(moduleRead('directories'), 'GET /api/entities/:uscc', {
  summary: '市场主体详情（按统一社会信用代码），含变更历史与风险分类历史',
  params: usccParams,
  response: marketEntity.omit({ unitName: true }).extend({
    regAuthority: z.string().nullable(),
    regionName: z.string().nullable(),
    unitName: z.string().nullable(),
    tags: z.array(z.string()),
    updatedAt: instant,
    /** 专业领域 risk classifications beside the general 信用风险分类 (riskClass). */
    classifications: z.array(z.object({ classification: z.string(), label: z.string(), riskClass, ratedOn: day, source: z.string() })),
    history: z.array(
      z.object({
        id: z.string(),
        changedAt: instant,
        source: z.enum(['import', 'risk_push', 'manual']),
        actorName: z.string(),
        /** {field: [before, after]}, field names as in market_entity (risk_class, tags …). */
        changes: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])),
      }),
    ),
  }),
  handler: ({ app, caller, params }) => entityDetail(app.database.db, caller, params),
});

const reasonField = z
  .string()
  .trim()
  .min(2, '请填写原因（至少 2 个字），例如依据的文件或核查情况')
  .max(200, '原因最多 200 个字')
  .describe('原因');

export const updateEntityTags = route(moduleWrite('directories'), 'PUT /api/entities/:uscc/tags', {
  summary: '个性化标注：修改市场主体的标签（如 年报全0申报、一址多照、关联企业 等风险预警标注），须填写原因',
  params: usccParams,
  body: z.object({
    tags: z
      .array(z.string().trim().min(1, '标签不能为空').max(40, '标签最多 40 个字'))
      .max(50, '一个市场主体最多 50 个标签')
      .describe('标签'),
    reason: reasonField,
  }),
  response: z.object({ uscc: z.string(), tags: z.array(z.string()), added: z.array(z.string()), removed: z.array(z.string()) }),
  handler: ({ app, caller, params, body }) => updateEntityTagsOf(app.database.db, caller, { ...body, uscc: params.uscc }),
});

export const correctEntityRiskClass = route(moduleWrite('directories'), 'PUT /api/entities/:uscc/risk-class', {
  summary: '人工校正市场主体的信用风险分类（须填写原因），记入风险分类历史',
  params: usccParams,
  body: z.object({
    riskClass: riskClass.describe('风险分类'),
    effectiveOn: z.iso.date('生效日期格式应为 YYYY-MM-DD').optional().describe('生效日期'),
    reason: reasonField,
  }),
  response: z.object({ uscc: z.string(), riskClass, riskClassSince: day }),
  handler: ({ app, caller, params, body }) => correctEntityRiskClassOf(app.database.db, caller, { ...body, uscc: params.uscc }),
});

export const getEntityInspections = route(moduleRead('directories'), 'GET /api/entities/:uscc/inspections', {
  summary:
    '市场主体的检查记录：本单位及下级单位抽取或检查的每一户次（新的在前），含抽取编号、任务、检查日期、检查单位、状态、检查结果与公示情况',
  params: usccParams,
  response: z.object({
    items: z.array(
      z.object({
        drawId: z.string(),
        drawCode: z.string().describe('抽取编号'),
        taskCode: z.string().describe('任务编号'),
        taskName: z.string().nullable().describe('任务名称'),
        year: z.number().describe('年度'),
        checkedOn: day.nullable().describe('检查日期'),
        periodStart: day.nullable().describe('任务开始日期'),
        periodEnd: day.nullable().describe('任务结束日期'),
        inspectingUnitCode: z.string(),
        inspectingUnitName: z.string().describe('检查单位'),
        stateText: z.string().describe('状态'),
        resultText: z.array(z.string()).describe('检查结果'),
        publicationText: z.string().describe('公示情况'),
      }),
    ),
  }),
  handler: ({ app, caller, params }) => entityInspections(app.database.db, caller, params),
});

export const importRiskClassificationsRoute = rowImportRoute({
  path: '/api/entities/risk-classifications/import',
  summary: '从 .xlsx/.csv 导入专业领域风险分级（食品生产经营风险分级、特种设备风险分级等；全部行正确才写入；dryRun=true 只检查）',
  tag: TAG,
  run: importRiskClassifications,
});

export const classificationsInUseRoute = route(moduleRead('plans'), 'GET /api/entities/risk-classifications', {
  summary: '本单位及下级单位市场主体已有的专业领域风险分级（及各有多少户），供抽查任务选择风险分类依据',
  response: z.object({
    items: z.array(z.object({ classification: z.string(), label: z.string(), entities: z.number() })),
  }),
  handler: ({ app, caller }) => classificationsInUse(app.database.db, caller),
});

// The fixed paths before '/api/entities/:uscc'.
export const entityRoutes = [
  listEntities,
  importRiskClassificationsRoute,
  classificationsInUseRoute,
  getEntity,
  getEntityInspections,
  updateEntityTags,
  correctEntityRiskClass,
] as const;
