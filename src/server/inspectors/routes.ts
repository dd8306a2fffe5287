// 执法检查人员名录库, HTTP only: list/detail with drawability, create, update, status change,
// 回避声明, import and export. Who may reach a record is in policy.ts; the use cases in
// inspectorCommands.ts, the reads in inspectorViews.ts.
import { z } from 'zod';
import { todayInChina } from '../clock.ts';
import { moduleRead, moduleWrite, routeGroup } from '../http/route.ts';
import { pagingQuery } from '../http/paging.ts';
import { xlsxDownload } from '../files/spreadsheet.ts';
import { rowImportRoute } from '../files/rowImport.ts';
import { inspectorFields, inspectorStatuses, isoDate } from './inspectorRecord.ts';
import { recusalEnd, recusalInput, recusalKindLabel } from './recusals.ts';
import {
  changeInspectorStatusOf,
  createInspectorRecord,
  declareRecusal,
  endRecusalOf,
  updateInspectorRecord,
} from './inspectorCommands.ts';
import { inspectorDetail, listInspectorPage } from './inspectorViews.ts';
import { importInspectors } from './importInspectors.ts';
import { exportInspectors } from './exportInspectors.ts';
import { labelled, optionalText } from '../http/fields.ts';
import { codeOf, day, paged, unitFields } from '../http/wire.ts';

const route = routeGroup('一单两库');

const idParams = z.object({ id: z.uuid('编号格式不正确').describe('编号') });
const inspectorBody = labelled(inspectorFields, {
  name: '姓名',
  gender: '性别',
  unitCode: '所在单位',
  category: '人员类别',
  certNo: '执法证号',
  certExpiresOn: '执法证有效期至',
  position: '职务',
  specialties: '专长',
  qualifications: '资格',
  regionCode: '所在区划',
});
const recusalBody = labelled(recusalInput, {
  kind: '回避类型',
  uscc: '统一社会信用代码',
  relatedName: '关联名称',
  relatedRegionCode: '关联区划',
  relatedUnitCode: '关联单位',
  reason: '回避原因',
  declaredOn: '声明日期',
  validUntil: '有效期至',
});
const recusalEndBody = labelled(recusalEnd, { endedOn: '结束日期', endReason: '结束原因' });

/** A person as the lists show them, with whether they may be drawn today. */
const inspectorView = z.object({
  id: z.string(),
  ...unitFields,
  name: z.string(),
  gender: z.enum(['男', '女']).nullable(),
  category: z.enum(['enforcement', 'expert']),
  certNo: z.string().nullable(),
  certExpiresOn: day.nullable(),
  position: z.string().nullable(),
  specialties: z.array(z.string()),
  qualifications: z.array(z.string()),
  regionCode: z.string(),
  status: z.enum(inspectorStatuses),
  statusSince: day.nullable(),
  drawable: z.boolean(),
  notDrawableReason: z.string().nullable(),
});

/** A 回避声明 as the detail shows it: in force on the day asked (active) or not. */
const recusalView = z.object({
  id: z.string(),
  inspectorId: z.string(),
  kind: codeOf(recusalKindLabel),
  kindLabel: z.string(),
  uscc: z.string().nullable(),
  relatedName: z.string().nullable(),
  relatedRegionCode: z.string().nullable(),
  relatedUnitCode: z.string().nullable(),
  reason: z.string(),
  declaredOn: day,
  validUntil: day.nullable(),
  recordedBy: z.string(),
  endedOn: day.nullable(),
  endReason: z.string().nullable(),
  endedBy: z.string().nullable(),
  active: z.boolean(),
});

export const listInspectors = route(moduleRead('directories'), 'GET /api/inspectors', {
  summary: '执法检查人员名录库（本单位及下级单位），可按可否抽取、类别、状态、专长筛选',
  query: z.object({
    ...pagingQuery,
    q: optionalText('姓名或执法证号', 40),
    category: z.enum(['enforcement', 'expert'], { message: '人员类别只能是 执法人员 或 专家，请重新选择' }).optional().describe('人员类别'),
    status: z.enum(inspectorStatuses, { message: '状态应为 在岗、调离 或 退休' }).optional().describe('状态'),
    drawable: z.enum(['yes', 'no'], { message: '可否抽取只能是 可抽取 或 不可抽取，请重新选择' }).optional().describe('可否抽取'),
    specialty: optionalText('专长', 30),
    unitCode: z.string().trim().max(40).optional().describe('所在单位'),
  }),
  response: paged(inspectorView).extend({ today: day }),
  handler: ({ app, caller, query }) => listInspectorPage(app.database.db, caller, query),
});

export const exportInspectorsRoute = route(moduleRead('directories'), 'GET /api/inspectors/export', {
  summary: '导出执法检查人员名录库为 .xlsx（含当日可否抽取与回避声明）',
  async handler({ app, c, caller }) {
    const who = caller;
    const today = todayInChina();
    const { buffer } = await exportInspectors(app.database.db, who.scope, today);
    return xlsxDownload(c, buffer, `执法检查人员名录库-${who.scope.unitName}-${today}.xlsx`);
  },
});

export const importInspectorsRoute = rowImportRoute({
  path: '/api/inspectors/import',
  summary: '从 .xlsx/.csv 导入执法检查人员（全部成功才写入；dryRun=true 只检查）',
  tag: '一单两库',
  run: importInspectors,
});

export const createInspector = route(moduleWrite('directories'), 'POST /api/inspectors', {
  summary: '登记执法检查人员',
  body: inspectorBody,
  response: z.object({ id: z.uuid() }),
  handler: ({ app, caller, body }) => createInspectorRecord(app.database.db, caller, body),
});

export const getInspector = route(moduleRead('directories'), 'GET /api/inspectors/:id', {
  summary: '执法检查人员详情（含可否抽取与回避声明）',
  params: idParams,
  response: inspectorView.extend({ today: day, recusals: z.array(recusalView) }),
  handler: ({ app, caller, params }) => inspectorDetail(app.database.db, caller, params),
});

export const updateInspector = route(moduleWrite('directories'), 'PATCH /api/inspectors/:id', {
  summary: '修改执法检查人员信息（审计记录修改前后）',
  params: idParams,
  body: inspectorBody,
  response: z.object({ id: z.uuid(), changed: z.array(z.string()) }),
  handler: ({ app, caller, params, body }) => updateInspectorRecord(app.database.db, caller, { ...body, id: params.id }),
});

export const changeInspectorStatus = route(moduleWrite('directories'), 'POST /api/inspectors/:id/status', {
  summary: '变更人员状态（在岗/调离/退休）及日期',
  params: idParams,
  body: z.object({
    status: z.enum(inspectorStatuses, { message: '状态应为 在岗、调离 或 退休' }).describe('状态'),
    since: isoDate.describe('变动日期'),
    note: z.string().trim().max(200).optional().describe('说明'),
  }),
  response: z.object({
    id: z.uuid(),
    status: z.enum(inspectorStatuses),
    statusSince: z.string(),
    /** The linked login, when the person left: its 检查人员 role removed, disabled if nothing else was left. */
    loginClosed: z.object({ disabled: z.boolean() }).nullable(),
  }),
  handler: ({ app, caller, params, body }) => changeInspectorStatusOf(app.database.db, caller, { ...body, id: params.id }),
});

export const createRecusal = route(moduleWrite('directories'), 'POST /api/inspectors/:id/recusals', {
  summary: '登记回避声明（特定市场主体，或原工作单位、亲属经营、本人网格/辖区）',
  params: idParams,
  body: recusalBody,
  response: z.object({ id: z.uuid() }),
  handler: ({ app, caller, params, body }) => declareRecusal(app.database.db, caller, { ...body, id: params.id }),
});

export const endRecusal = route(moduleWrite('directories'), 'POST /api/inspectors/recusals/:id/end', {
  summary: '结束回避声明（不删除，保留记录）',
  params: idParams,
  body: recusalEndBody,
  response: z.object({ id: z.uuid(), endedOn: z.string() }),
  handler: ({ app, caller, params, body }) => endRecusalOf(app.database.db, caller, { ...body, id: params.id }),
});

// Fixed paths before '/api/inspectors/:id' so 'export'/'import' are never read as an id.
export const inspectorRoutes = [
  listInspectors,
  exportInspectorsRoute,
  importInspectorsRoute,
  createInspector,
  endRecusal,
  getInspector,
  updateInspector,
  changeInspectorStatus,
  createRecusal,
] as const;
