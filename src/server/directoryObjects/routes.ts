// 检查对象名录库 — 其他检查对象（产品/项目/行为/标准）, HTTP only: list with search, filters and paging,
// detail, create, update, status change (停用/启用), import and export. Who may reach a record is
// in policy.ts; the use cases in directoryObjectCommands.ts, the reads in directoryObjectViews.ts.
import { z } from 'zod';
import { optionalText } from '../http/fields.ts';
import { objectKindLabel, type ObjectKind } from '../../core/glossary.ts';
import { objectKinds } from '../../core/directoryObjects/objectFields.ts';
import { todayInChina } from '../clock.ts';
import { xlsxDownload } from '../files/spreadsheet.ts';
import { rowImportRoute } from '../files/rowImport.ts';
import { pagingQuery } from '../http/paging.ts';
import { moduleRead, moduleWrite, routeGroup } from '../http/route.ts';
import { changeObjectStatus, createObject, updateObject } from './directoryObjectCommands.ts';
import { listObjects, objectDetail } from './directoryObjectViews.ts';
import { exportDirectoryObjects } from './exportObjects.ts';
import { importDirectoryObjects } from './importObjects.ts';
import { objectBody } from './objectRecord.ts';
import { day, instant, paged, unitFields } from '../http/wire.ts';

const TAG = '一单两库';
const route = routeGroup(TAG);
const idParams = z.object({ id: z.uuid('编号格式不正确').describe('编号') });
const kindFilter = z.enum(objectKinds as [ObjectKind, ...ObjectKind[]], {
  message: `对象类别只能是 ${objectKinds.map((k) => objectKindLabel[k]).join('、')} 之一`,
});
const statusValue = z.enum(['active', 'inactive'], { message: '状态只能是 有效 或 停用' });

/** An object as the lists show it. */
const objectView = z.object({
  id: z.string(),
  ...unitFields,
  kind: kindFilter,
  kindLabel: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  uscc: z.string().nullable(),
  entityName: z.string().nullable(),
  regionCode: z.string(),
  industryCode: z.string().nullable(),
  tags: z.array(z.string()),
  status: statusValue,
  statusLabel: z.string(),
  statusSince: day.nullable(),
  createdAt: instant,
  updatedAt: instant,
});

export const listDirectoryObjects = route(moduleRead('directories'), 'GET /api/directory-objects', {
  summary: '其他检查对象（产品/项目/行为/标准）列表：本单位及下级单位，可按类别、状态、标签、关联主体检索',
  query: z.object({
    ...pagingQuery,
    q: optionalText('关键词', 60),
    kind: kindFilter.optional().describe('对象类别'),
    status: statusValue.optional().describe('状态'),
    tag: optionalText('标签', 30),
    uscc: z.string().trim().max(18, '统一社会信用代码最多 18 位').optional().describe('关联市场主体'),
    unitCode: z.string().trim().max(40).optional().describe('所在单位'),
  }),
  response: paged(objectView),
  handler: ({ app, caller, query }) => listObjects(app.database.db, caller, query),
});

export const exportDirectoryObjectsRoute = route(moduleRead('directories'), 'GET /api/directory-objects/export', {
  summary: '导出其他检查对象（产品/项目/行为/标准）为 .xlsx（导入模板的列布局）',
  query: z.object({ kind: kindFilter.optional() }),
  async handler({ app, c, caller, query }) {
    const who = caller;
    const { buffer } = await exportDirectoryObjects(app.database.db, who.scope.unitCodes, query.kind);
    // Named by what is exported: one kind, or every kind (产品项目行为标准).
    const what = query.kind ? objectKindLabel[query.kind] : Object.values(objectKindLabel).join('');
    return xlsxDownload(c, buffer, `检查对象名录库-${what}-${who.scope.unitName}-${todayInChina()}.xlsx`);
  },
});

export const importDirectoryObjectsRoute = rowImportRoute({
  path: '/api/directory-objects/import',
  summary: '从 .xlsx/.csv 导入其他检查对象（全部行正确才写入；dryRun=true 只检查）',
  tag: TAG,
  run: importDirectoryObjects,
});

export const createDirectoryObject = route(moduleWrite('directories'), 'POST /api/directory-objects', {
  summary: '登记其他检查对象（产品/项目/行为/标准）；未填编码时由系统生成',
  body: objectBody,
  response: z.object({ id: z.uuid(), code: z.string() }),
  handler: ({ app, caller, body }) => createObject(app.database.db, caller, body),
});

export const getDirectoryObject = route(moduleRead('directories'), 'GET /api/directory-objects/:id', {
  summary: '其他检查对象详情（含关联市场主体名称）',
  params: idParams,
  response: objectView,
  handler: ({ app, caller, params }) => objectDetail(app.database.db, caller, params),
});

export const updateDirectoryObject = route(moduleWrite('directories'), 'PATCH /api/directory-objects/:id', {
  summary: '修改其他检查对象（审计记录修改前后）；编码留空则保留原编码',
  params: idParams,
  body: objectBody,
  response: z.object({ id: z.uuid(), code: z.string(), changed: z.array(z.string()) }),
  handler: ({ app, caller, params, body }) => updateObject(app.database.db, caller, { ...body, id: params.id }),
});

export const changeDirectoryObjectStatus = route(moduleWrite('directories'), 'POST /api/directory-objects/:id/status', {
  summary: '停用或重新启用其他检查对象（不删除；停用后不再作为检查对象）',
  params: idParams,
  body: z.object({
    status: statusValue.describe('状态'),
    reason: z
      .string({ message: '请填写原因' })
      .trim()
      .min(1, '请填写原因，例如 项目已竣工验收、产品已停产')
      .max(200, '原因最多 200 个字')
      .describe('原因'),
  }),
  response: z.object({ id: z.uuid(), status: statusValue, statusSince: z.string() }),
  handler: ({ app, caller, params, body }) => changeObjectStatus(app.database.db, caller, { ...body, id: params.id }),
});

// Fixed paths before '/api/directory-objects/:id' so 'export'/'import' are never read as an id.
export const directoryObjectRoutes = [
  listDirectoryObjects,
  exportDirectoryObjectsRoute,
  importDirectoryObjectsRoute,
  createDirectoryObject,
  getDirectoryObject,
  updateDirectoryObject,
  changeDirectoryObjectStatus,
] as const;
