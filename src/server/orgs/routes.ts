// 组织机构 API: HTTP only — the schemas, one use case per route (orgViews.ts, orgCommands.ts).
import { z } from 'zod';
import { unitKindLabel } from '../../core/glossary.ts';
import { anySession, moduleWrite, routeGroup } from '../http/route.ts';
import { codeOf } from '../http/wire.ts';
import { createUnit } from './orgCommands.ts';
import { getUnit, listUnits } from './orgViews.ts';

const TAG = '组织机构';
const route = routeGroup(TAG);

export const orgUnitSchema = z.object({
  code: z.string(),
  name: z.string(),
  shortName: z.string(),
  kind: codeOf(unitKindLabel),
  parentCode: z.string().nullable(),
  path: z.string(),
  regionCode: z.string(),
  deptType: z.string().nullable(),
});

export const listOrgs = route(anySession, 'GET /api/orgs', {
  summary: '本单位及下级单位列表（扁平；按 parentCode 组成树，同级按排序号、名称排列）',
  response: z.object({ items: z.array(orgUnitSchema) }),
  handler: ({ app, caller }) => listUnits(app.database.db, caller),
});

export const getOrg = route(anySession, 'GET /api/orgs/:code', {
  summary: '单位详情',
  params: z.object({ code: z.string().min(1).max(64).describe('单位代码') }),
  response: orgUnitSchema,
  handler: ({ app, caller, params }) => getUnit(app.database.db, caller, params.code),
});

export const createOrg = route(moduleWrite('admin'), 'POST /api/orgs', {
  summary: '新增下级单位（股室/所/成员单位等）',
  body: z.object({
    parentCode: z.string().min(1, '请选择上级单位').describe('上级单位'),
    code: z
      .string()
      .regex(/^[0-9a-z-]{2,64}$/, '单位代码只能包含小写字母、数字和连字符（2–64 位）')
      .describe('单位代码'),
    name: z.string().trim().min(2, '单位名称至少 2 个字').max(100, '单位名称最多 100 字').describe('单位名称'),
    shortName: z.string().trim().min(1).max(40, '简称最多 40 字').optional().describe('简称'),
    kind: z.enum(['city', 'county', 'office', 'station', 'department'], { message: '单位类型无效' }).describe('单位类型'),
    deptType: z.string().trim().max(20, '部门类别最多 20 字').optional().describe('部门类别'),
  }),
  response: orgUnitSchema,
  handler: ({ app, caller, body }) => createUnit(app.database.db, caller, body),
});

export const orgRoutes = [listOrgs, getOrg, createOrg] as const;
