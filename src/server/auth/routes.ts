// 登录、退出、切换单位/角色、修改密码。
import { setCookie, deleteCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { roleLabel, type Role } from '../../core/glossary.ts';
import { AppError } from '../http/errors.ts';
import { anySession, defineRoute, publicRoute, requireCaller, type AppContext } from '../http/route.ts';
import type { Context } from 'hono';
import { recordAudit } from '../audit/recordAudit.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { newSessionToken, SESSION_COOKIE } from './sessions.ts';
import { clearFailures, lockedMinutes, recordFailure, throttleKey, throttleRules } from './throttle.ts';

// A real argon2id hash of a random string: verifying against it when the user does not
// exist keeps the response time the same, so usernames cannot be probed by timing.
let dummyHash: Promise<string> | null = null;

export interface Assignment {
  unitCode: string;
  unitName: string;
  role: Role;
}

export interface Me {
  user: { id: string; username: string; displayName: string; homeUnitCode: string };
  active: Assignment;
  assignments: Assignment[];
}

export async function loadAssignments(db: Kysely<DB>, userId: string): Promise<Assignment[]> {
  const rows = await db
    .selectFrom('user_role as r')
    .innerJoin('org_unit as u', 'u.code', 'r.unit_code')
    .select(['r.unit_code', 'u.name', 'r.role', 'u.path'])
    .where('r.user_id', '=', userId)
    .orderBy('u.path')
    .orderBy('r.role')
    .execute();
  return rows.map((r) => ({ unitCode: r.unit_code, unitName: r.name, role: r.role }));
}

async function loadMe(db: Kysely<DB>, userId: string, unitCode: string, role: Role): Promise<Me> {
  const user = await db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const assignments = await loadAssignments(db, userId);
  const active = assignments.find((a) => a.unitCode === unitCode && a.role === role);
  if (!active) throw new AppError('FORBIDDEN_ROLE', '当前会话的单位或角色已被收回，请重新登录');
  return {
    user: { id: user.id, username: user.username, displayName: user.display_name, homeUnitCode: user.home_unit_code },
    active,
    assignments,
  };
}

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

const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(40, '用户名过长'),
  password: z.string().min(1, '请输入密码').max(128, '密码过长'),
});

export const login = defineRoute({
  method: 'post',
  path: '/api/auth/login',
  summary: '登录（成功后设置会话 Cookie）',
  tag: '认证',
  auth: publicRoute,
  body: loginBody,
  async handler({ app, c, body, clientAddress }) {
    const db = app.database.db;
    const now = new Date();
    const username = body.username.toLowerCase();
    const userKey = throttleKey('user', username);
    const addressKey = throttleKey('address', clientAddress);
    const wait = Math.max(await lockedMinutes(db, userKey, now), await lockedMinutes(db, addressKey, now));
    if (wait > 0) {
      throw new AppError('TOO_MANY_ATTEMPTS', `登录失败次数过多，已暂时锁定。请 ${wait} 分钟后再试，或联系系统管理员。`, { retryAfterMinutes: wait });
    }
    const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
    dummyHash ??= hashPassword(newSessionToken().token);
    const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyHash), body.password);
    if (!user || !passwordOk) {
      const locked = await db.transaction().execute(async (trx) => {
        await recordFailure(trx, 'address', addressKey, now);
        const lockedNow = await recordFailure(trx, 'user', userKey, now);
        if (lockedNow && user) {
          await recordAudit(trx, {
            unitCode: user.home_unit_code,
            actorUserId: null,
            actorName: `来自 ${clientAddress}`,
            action: 'user.locked',
            objectType: 'user',
            objectId: user.id,
            note: `连续 ${throttleRules.user.maxFailures} 次密码错误，锁定 ${throttleRules.user.lockMinutes} 分钟`,
          });
        }
        return lockedNow;
      });
      if (locked) {
        throw new AppError('TOO_MANY_ATTEMPTS', `密码连续错误 ${throttleRules.user.maxFailures} 次，账号已锁定 ${throttleRules.user.lockMinutes} 分钟。`, {
          retryAfterMinutes: throttleRules.user.lockMinutes,
        });
      }
      throw new AppError('INVALID_CREDENTIALS', '用户名或密码错误，请核对后重试（注意大小写）。连续错误 5 次将锁定 15 分钟。');
    }
    if (user.status !== 'active') {
      throw new AppError('ACCOUNT_DISABLED', '该账号已停用，请联系本单位系统管理员。');
    }
    const assignments = await loadAssignments(db, user.id);
    const first = assignments.find((a) => a.unitCode === user.home_unit_code) ?? assignments[0];
    if (!first) throw new AppError('ACCOUNT_DISABLED', '该账号未分配任何角色，请联系本单位系统管理员分配角色。');
    const { token, tokenHash } = newSessionToken();
    await db.transaction().execute(async (trx) => {
      await clearFailures(trx, userKey);
      await trx
        .insertInto('user_session')
        .values({
          token_hash: tokenHash,
          user_id: user.id,
          unit_code: first.unitCode,
          role: first.role,
          last_seen_at: now,
          expires_at: new Date(now.getTime() + app.config.sessionMaxHours * 3_600_000),
        })
        .execute();
      await recordAudit(trx, {
        unitCode: first.unitCode,
        actorUserId: user.id,
        actorName: user.display_name,
        action: 'user.login',
        objectType: 'user',
        objectId: user.id,
        after: { role: first.role, address: clientAddress },
      });
    });
    setSessionCookie(c, app, token);
    return loadMe(db, user.id, first.unitCode, first.role);
  },
});

export const me = defineRoute({
  method: 'get',
  path: '/api/auth/me',
  summary: '当前用户、当前单位与角色、可切换的单位/角色',
  tag: '认证',
  auth: anySession,
  async handler({ app, caller }) {
    const who = requireCaller(caller);
    return loadMe(app.database.db, who.userId, who.scope.unitCode, who.role);
  },
});

export const switchAssignment = defineRoute({
  method: 'post',
  path: '/api/auth/switch',
  summary: '切换当前单位/角色',
  tag: '认证',
  auth: anySession,
  body: z.object({
    unitCode: z.string().min(1, '请选择单位'),
    role: z.enum(Object.keys(roleLabel) as [Role, ...Role[]], { message: '角色无效' }),
  }),
  async handler({ app, caller, body }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const assignments = await loadAssignments(db, who.userId);
    if (!assignments.some((a) => a.unitCode === body.unitCode && a.role === body.role)) {
      throw new AppError('FORBIDDEN_UNIT', `您在单位 ${body.unitCode} 没有「${roleLabel[body.role]}」角色，无法切换。`, body);
    }
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('user_session').set({ unit_code: body.unitCode, role: body.role }).where('token_hash', '=', who.sessionTokenHash).execute();
      await recordAudit(trx, {
        unitCode: body.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'session.switch',
        objectType: 'user',
        objectId: who.userId,
        before: { unitCode: who.scope.unitCode, role: who.role },
        after: body,
      });
    });
    return loadMe(db, who.userId, body.unitCode, body.role);
  },
});

export const logout = defineRoute({
  method: 'post',
  path: '/api/auth/logout',
  summary: '退出登录',
  tag: '认证',
  auth: anySession,
  async handler({ app, c, caller }) {
    const who = requireCaller(caller);
    await app.database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('user_session').where('token_hash', '=', who.sessionTokenHash).execute();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'user.logout',
        objectType: 'user',
        objectId: who.userId,
      });
    });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  },
});

export const changePassword = defineRoute({
  method: 'post',
  path: '/api/auth/password',
  summary: '修改本人密码（其他会话随之失效）',
  tag: '认证',
  auth: anySession,
  body: z.object({
    currentPassword: z.string().min(1, '请输入当前密码').max(128),
    newPassword: z.string().min(1, '请输入新密码').max(128, '新密码不能超过 128 个字符'),
  }),
  async handler({ app, c, caller, body }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const user = await db.selectFrom('app_user').select(['password_hash']).where('id', '=', who.userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, body.currentPassword))) {
      throw new AppError('INVALID_CREDENTIALS', '当前密码不正确，密码未修改。', { field: 'currentPassword' });
    }
    const problem = passwordProblem(body.newPassword);
    if (problem) throw new AppError('WEAK_PASSWORD', `新密码不符合要求：${problem}。`, { field: 'newPassword' });
    if (body.newPassword === body.currentPassword) {
      throw new AppError('WEAK_PASSWORD', '新密码不能与当前密码相同。', { field: 'newPassword' });
    }
    const newHash = await hashPassword(body.newPassword);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ password_hash: newHash, password_changed_at: new Date() }).where('id', '=', who.userId).execute();
      await trx.deleteFrom('user_session').where('user_id', '=', who.userId).where('token_hash', '!=', who.sessionTokenHash).execute();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'user.password_change',
        objectType: 'user',
        objectId: who.userId,
        note: '本人修改密码；其他会话已注销',
      });
    });
    return c.body(null, 204);
  },
});

export const authRoutes = [login, me, switchAssignment, logout, changePassword] as const;
