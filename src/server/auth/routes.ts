// 认证 API: HTTP only — the schemas, the session cookie, one use case per route (authCommands.ts).
import { setCookie, deleteCookie } from 'hono/cookie';
import type { Context } from 'hono';
import { z } from 'zod';
import { roleLabel, type Role } from '../../core/glossary.ts';
import { anySession, type AppContext, publicRoute, routeGroup } from '../http/route.ts';
import { codeOf } from '../http/wire.ts';
import { changeOwnPassword, login, logout, switchAssignment } from './authCommands.ts';
import { whoAmI } from './authViews.ts';
import { SESSION_COOKIE } from './sessions.ts';

const TAG = '认证';
const route = routeGroup(TAG);

function isSecureRequest(c: Context, force: boolean): boolean {
  if (force) return true;
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

function setSessionCookie(c: Context, app: AppContext, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isSecureRequest(c, app.config.secureCookies),
    path: '/',
    maxAge: app.config.sessionMaxHours * 3600,
  });
}

const assignmentSchema = z.object({ unitCode: z.string(), unitName: z.string(), role: codeOf(roleLabel) });

export const meSchema = z.object({
  user: z.object({ id: z.string(), username: z.string(), displayName: z.string(), homeUnitCode: z.string(), mustChangePassword: z.boolean() }),
  active: assignmentSchema,
  assignments: z.array(assignmentSchema),
});

export const loginRoute = route(publicRoute, 'POST /api/auth/login', {
  summary: '登录（成功后设置会话 Cookie）',
  body: z.object({
    username: z.string().trim().min(1, '请输入用户名').max(40, '用户名过长').describe('用户名'),
    password: z.string().min(1, '请输入密码').max(128, '密码过长').describe('密码'),
  }),
  response: meSchema,
  async handler({ app, c, body, clientAddress }) {
    const { token, me } = await login(app.database.db, { ...body, clientAddress, sessionMaxHours: app.config.sessionMaxHours });
    setSessionCookie(c, app, token);
    return me;
  },
});

export const meRoute = route(anySession, 'GET /api/auth/me', {
  summary: '当前用户、当前单位与角色、可切换的单位/角色',
  response: meSchema,
  handler: ({ app, caller }) => whoAmI(app.database.db, caller),
});

export const switchAssignmentRoute = route(anySession, 'POST /api/auth/switch', {
  summary: '切换当前单位/角色',
  body: z.object({
    unitCode: z.string().min(1, '请选择单位').max(64).describe('单位'),
    role: z.enum(Object.keys(roleLabel) as [Role, ...Role[]], { message: '角色无效' }).describe('角色'),
  }),
  response: meSchema,
  handler: ({ app, caller, body }) => switchAssignment(app.database.db, caller, body),
});

export const logoutRoute = route(anySession, 'POST /api/auth/logout', {
  summary: '退出登录',
  response: z.null(),
  async handler({ app, c, caller }) {
    await logout(app.database.db, caller);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  },
});

export const changePasswordRoute = route(anySession, 'POST /api/auth/password', {
  summary: '修改本人密码（其他会话随之失效；当前密码错误计入登录失败次数）',
  body: z.object({
    currentPassword: z.string().min(1, '请输入当前密码').max(128, '当前密码过长').describe('当前密码'),
    newPassword: z.string().min(1, '请输入新密码').max(128, '新密码不能超过 128 个字符').describe('新密码'),
  }),
  response: z.null(),
  async handler({ app, c, caller, body }) {
    await changeOwnPassword(app.database.db, caller, body);
    return c.body(null, 204);
  },
});

export const authRoutes = [loginRoute, meRoute, switchAssignmentRoute, logoutRoute, changePasswordRoute] as const;
