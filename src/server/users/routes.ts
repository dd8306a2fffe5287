// 用户管理 API: HTTP only — the schemas, one use case per route (userViews.ts, userCommands.ts).
import { z } from 'zod';
import { roleLabel, roles, type Role } from '../../core/glossary.ts';
import { moduleRead, moduleWrite, routeGroup } from '../http/route.ts';
import { pagingQuery } from '../http/paging.ts';
import { codeOf, paged } from '../http/wire.ts';
import { createInspectorAccounts, createUser, linkUserToInspector, setUserPassword, setUserStatus } from './userCommands.ts';
import { linkableInspectors, listUsersInReach } from './userViews.ts';

const TAG = '用户';
const route = routeGroup(TAG);
const roleEnum = z.enum(roles as [Role, ...Role[]], { message: `角色须为：${roles.map((r) => roleLabel[r]).join('、')}` });
const userId = z.object({ id: z.uuid('用户编号格式不正确').describe('用户编号') });
const usernameField = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_.-]{3,40}$/, '用户名须为 3–40 位小写字母、数字、点、下划线或连字符')
  .describe('用户名');
const inspectorId = z.uuid('请从执法检查人员名录库中选择人员').describe('执法检查人员');
const reason = z.string().trim().min(2, '请填写原因').max(200, '原因最多 200 字').describe('原因');

export const userRoleSchema = z.object({ unitCode: z.string(), unitName: z.string(), role: codeOf(roleLabel) });

export const userRowSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  homeUnitCode: z.string(),
  homeUnitName: z.string(),
  status: z.enum(['active', 'disabled']),
  mustChangePassword: z.boolean(),
  roles: z.array(userRoleSchema),
  inspector: z.object({ unitCode: z.string(), id: z.string(), name: z.string(), status: z.string() }).nullable(),
});

export const listUsers = route(moduleRead('admin'), 'GET /api/users', {
  summary: '用户列表（本单位及下级单位）',
  query: z.object({ ...pagingQuery, q: z.string().trim().max(40, '查询内容最多 40 字').optional().describe('用户名或姓名') }),
  response: paged(userRowSchema),
  handler: ({ app, caller, query }) => listUsersInReach(app.database.db, caller, query),
});

export const createUserRoute = route(moduleWrite('admin'), 'POST /api/users', {
  summary: '新增用户并分配角色（首次登录须修改初始密码）',
  body: z.object({
    username: usernameField,
    displayName: z.string().trim().min(2, '姓名至少 2 个字').max(40, '姓名最多 40 字').describe('姓名'),
    homeUnitCode: z.string().min(1, '请选择所属单位').describe('所属单位'),
    initialPassword: z.string().max(128, '初始密码不能超过 128 个字符').describe('初始密码'),
    roles: z
      .array(z.object({ unitCode: z.string().min(1, '请选择单位').describe('单位'), role: roleEnum.describe('角色') }))
      .min(1, '至少分配一个角色')
      .describe('角色'),
  }),
  response: z.object({ id: z.string(), username: z.string() }),
  handler: ({ app, caller, body }) => createUser(app.database.db, caller, body),
});

export const setUserStatusRoute = route(moduleWrite('admin'), 'POST /api/users/:id/status', {
  summary: '停用或启用用户（停用时注销其全部会话）',
  params: userId,
  body: z.object({
    status: z.enum(['active', 'disabled'], { message: '状态须为启用或停用' }).describe('状态'),
    reason,
  }),
  response: z.object({ id: z.string(), status: z.enum(['active', 'disabled']) }),
  handler: ({ app, caller, params, body }) => setUserStatus(app.database.db, caller, { id: params.id, ...body }),
});

export const setUserPasswordRoute = route(moduleWrite('admin'), 'POST /api/users/:id/password', {
  summary: '重设用户密码（注销其全部会话；用户下次登录须修改密码）',
  params: userId,
  body: z.object({ newPassword: z.string().max(128, '新密码不能超过 128 个字符').describe('新密码'), reason }),
  response: z.object({ id: z.string() }),
  handler: ({ app, caller, params, body }) => setUserPassword(app.database.db, caller, { id: params.id, ...body }),
});

export const linkableInspectorsRoute = route(moduleWrite('admin'), 'GET /api/users/linkable-inspectors', {
  summary: '可关联登录账号的执法检查人员：本单位及下级单位名录库中在岗、尚无账号的人员',
  query: z.object({ q: z.string().trim().max(40, '查询内容最多 40 字').optional().describe('姓名或执法证号') }),
  response: z.object({
    items: z.array(
      z.object({ id: z.string(), name: z.string(), unitCode: z.string(), unitName: z.string(), certNo: z.string().nullable() }),
    ),
  }),
  handler: ({ app, caller, query }) => linkableInspectors(app.database.db, caller, query),
});

export const linkInspectorRoute = route(moduleWrite('admin'), 'PUT /api/users/:id/inspector', {
  summary: '关联或解除关联执法检查人员（一人一个账号；人员调离、退休时解除关联，其检查记录保留）',
  params: userId,
  body: z.object({ inspectorId: inspectorId.nullable() }),
  response: z.object({ id: z.string(), inspector: z.object({ id: z.string(), name: z.string() }).nullable() }),
  handler: ({ app, caller, params, body }) =>
    linkUserToInspector(app.database.db, caller, { id: params.id, inspectorId: body.inspectorId }),
});

export const createInspectorAccountsRoute = route(moduleWrite('admin'), 'POST /api/users/inspector-accounts', {
  summary: '为执法检查人员批量开通账号：每人一个账号，角色为执法检查人员，首次登录须修改初始密码（全部成功或全部不开通）',
  body: z.object({
    initialPassword: z.string().max(128, '初始密码不能超过 128 个字符').describe('初始密码'),
    accounts: z
      .array(z.object({ inspectorId, username: usernameField }))
      .min(1, '请至少选择一名人员')
      .max(200, '一次最多开通 200 个账号')
      .describe('开通的账号'),
  }),
  response: z.object({ created: z.array(z.object({ id: z.string(), username: z.string(), inspectorName: z.string() })) }),
  handler: ({ app, caller, body }) => createInspectorAccounts(app.database.db, caller, body),
});

export const userRoutes = [
  listUsers,
  createUserRoute,
  setUserStatusRoute,
  setUserPasswordRoute,
  linkableInspectorsRoute,
  linkInspectorRoute,
  createInspectorAccountsRoute,
] as const;
