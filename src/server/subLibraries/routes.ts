// 名录分库, HTTP only: saved rules over the directory (by 标签/区划/类型/状态) with their live counts
// within the caller's units, a rule's 试算, the page of entries a sub-library selects, and which
// 抽查事项 a sub-library serves (事项 → 对象). Who may reach a sub-library is in policy.ts; the use
// cases in subLibraryCommands.ts, the reads in subLibraryViews.ts.
import { z } from 'zod';
import { subLibraryRuleSchema, type SubLibraryRule } from '../../core/subLibraries/rule.ts';
import { pagingQuery } from '../http/paging.ts';
import { moduleRead, moduleWrite, routeGroup } from '../http/route.ts';
import { coreValue, instant, paged, unitFields } from '../http/wire.ts';
import { createSubLibrary, deleteSubLibrary, linkItem, unlinkItem, updateSubLibrary } from './subLibraryCommands.ts';
import {
  linksOfItem,
  linksOfSubLibrary,
  listSubLibraries,
  previewRule,
  subLibraryDetail,
  subLibraryEntityPage,
} from './subLibraryViews.ts';

const TAG = '一单两库';
const route = routeGroup(TAG);
const idParams = z.object({ id: z.uuid('名录分库编号不正确，请从列表中重新打开').describe('名录分库编号') });
const nameField = z.string().trim().min(1, '请填写分库名称').max(60, '分库名称最多 60 个字').describe('分库名称');
const descriptionField = z.string().trim().max(500, '说明最多 500 个字').describe('说明');
const ruleField = subLibraryRuleSchema.describe('筛选规则');
const itemRef = z.object({
  issuingUnitCode: z.string().trim().min(1, '请填写清单发布单位代码').max(64).describe('清单发布单位代码'),
  itemCode: z.string().trim().min(1, '请填写事项编码').max(64).describe('事项编码'),
});

// ------------------------------------------------------------------ answers

const riskCounts = z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number(), none: z.number() });
const liveCounts = { count: z.number(), byRiskClass: riskCounts };
const rule = coreValue<SubLibraryRule>();
const savedSubLibrary = z.object({ id: z.uuid(), unitCode: z.string(), name: z.string(), description: z.string(), rule });
const subLibraryView = savedSubLibrary.extend({
  unitName: z.string(),
  ruleText: z.string(),
  /** The caller's unit or a unit below it defined it (a unit above's is used, not changed). */
  editable: z.boolean(),
  updatedAt: instant,
  ...liveCounts,
});
const subLibraryEntity = z.object({
  uscc: z.string(),
  name: z.string(),
  subjectType: z.string(),
  regStatus: z.string(),
  regionCode: z.string(),
  ...unitFields,
  industryCode: z.string().nullable(),
  tags: z.array(z.string()),
  riskClass: z.string().nullable(),
});
const itemLink = z.object({
  ...unitFields,
  issuingUnitCode: z.string(),
  itemCode: z.string(),
  itemName: z.string().nullable(),
  subLibraryId: z.uuid(),
  subLibraryName: z.string(),
  createdByName: z.string(),
  createdAt: instant,
  editable: z.boolean(),
});
const itemLinks = z.object({ items: z.array(itemLink), total: z.number() });
const linkAnswer = z.object({ subLibraryId: z.uuid(), issuingUnitCode: z.string(), itemCode: z.string(), linked: z.boolean() });

// ------------------------------------------------------------------ 名录分库

export const listSubLibrariesRoute = route(moduleRead('directories'), 'GET /api/sub-libraries', {
  summary: '名录分库列表（本单位、下级单位及上级单位定义的分库），含本单位范围内的实时户数',
  response: z.object({ items: z.array(subLibraryView), total: z.number() }),
  handler: ({ app, caller }) => listSubLibraries(app.database.db, caller),
});

export const previewSubLibraryRule = route(moduleRead('directories'), 'POST /api/sub-libraries/preview', {
  summary: '试算规则：本单位范围内的实时户数、分风险等级户数与规则说明（不保存）',
  body: z.object({ rule: ruleField }),
  response: z.object({ ...liveCounts, ruleText: z.string() }),
  handler: ({ app, caller, body }) => previewRule(app.database.db, caller, body),
});

export const getSubLibrary = route(moduleRead('directories'), 'GET /api/sub-libraries/:id', {
  summary: '名录分库详情：规则、实时户数与分风险等级户数',
  params: idParams,
  response: subLibraryView,
  handler: ({ app, caller, params }) => subLibraryDetail(app.database.db, caller, params),
});

export const listSubLibraryEntities = route(moduleRead('directories'), 'GET /api/sub-libraries/:id/entities', {
  summary: '名录分库预览：符合规则的市场主体（本单位范围内，分页）',
  params: idParams,
  query: z.object({ ...pagingQuery }),
  response: paged(subLibraryEntity),
  handler: ({ app, caller, params, query }) => subLibraryEntityPage(app.database.db, caller, { ...params, ...query }),
});

export const createSubLibraryRoute = route(moduleWrite('directories'), 'POST /api/sub-libraries', {
  summary: '新建名录分库（归属当前所在单位）',
  body: z.object({ name: nameField, description: descriptionField.default(''), rule: ruleField }),
  response: savedSubLibrary,
  handler: ({ app, caller, body }) => createSubLibrary(app.database.db, caller, body),
});

export const updateSubLibraryRoute = route(moduleWrite('directories'), 'PATCH /api/sub-libraries/:id', {
  summary: '修改名录分库的名称、说明或规则',
  params: idParams,
  body: z.object({ name: nameField.optional(), description: descriptionField.optional(), rule: ruleField.optional() }),
  response: savedSubLibrary,
  handler: ({ app, caller, params, body }) => updateSubLibrary(app.database.db, caller, { ...body, id: params.id }),
});

export const deleteSubLibraryRoute = route(moduleWrite('directories'), 'DELETE /api/sub-libraries/:id', {
  summary: '删除名录分库（同时删除它与抽查事项的对应关系）',
  params: idParams,
  response: z.object({ id: z.uuid(), deleted: z.literal(true), linksRemoved: z.number() }),
  handler: ({ app, caller, params }) => deleteSubLibrary(app.database.db, caller, params),
});

// ------------------------------------------------------------------ 事项 → 对象

export const listSubLibraryItems = route(moduleRead('directories'), 'GET /api/sub-libraries/:id/items', {
  summary: '名录分库对应的抽查事项（事项 → 对象）',
  params: idParams,
  response: itemLinks,
  handler: ({ app, caller, params }) => linksOfSubLibrary(app.database.db, caller, params),
});

export const listItemSubLibraries = route(moduleRead('directories'), 'GET /api/sub-library-links', {
  summary: '某一抽查事项对应的名录分库（事项 → 对象）',
  query: itemRef,
  response: itemLinks,
  handler: ({ app, caller, query }) => linksOfItem(app.database.db, caller, query),
});

export const linkSubLibraryItem = route(moduleWrite('directories'), 'POST /api/sub-libraries/:id/items', {
  summary: '把抽查事项对应到名录分库（事项 → 对象）',
  params: idParams,
  body: itemRef,
  response: linkAnswer.extend({ itemName: z.string() }),
  handler: ({ app, caller, params, body }) => linkItem(app.database.db, caller, { ...body, id: params.id }),
});

export const unlinkSubLibraryItem = route(moduleWrite('directories'), 'DELETE /api/sub-libraries/:id/items', {
  summary: '取消抽查事项与名录分库的对应',
  params: idParams,
  query: itemRef,
  response: linkAnswer,
  handler: ({ app, caller, params, query }) => unlinkItem(app.database.db, caller, { ...query, id: params.id }),
});

// preview is declared before /:id so the literal path wins.
export const subLibraryRoutes = [
  listSubLibrariesRoute,
  previewSubLibraryRule,
  createSubLibraryRoute,
  getSubLibrary,
  listSubLibraryEntities,
  updateSubLibraryRoute,
  deleteSubLibraryRoute,
  listSubLibraryItems,
  linkSubLibraryItem,
  unlinkSubLibraryItem,
  listItemSubLibraries,
] as const;
