// 登录、退出、切换单位/角色、修改本人密码.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { roleLabel, type Role } from '../../core/glossary.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { actorOf, recordAudit, recordCallerAudit } from '../audit/recordAudit.ts';
import { assertPasswordAcceptable, hashPassword, verifyPassword } from './password.ts';
import { newSessionToken } from './sessions.ts';
import { countFailure, lockedMinutes, lockIfExhausted, reserveCheck, resetCount, throttleKey, throttleRules } from './throttle.ts';
import { loadAssignments, loadMe, type Me } from './authViews.ts';
import { defaultAssignment } from '../../core/access/policy.ts';

// A real argon2id hash of a random string: verifying against it when the user does not
// exist keeps the response time the same, so usernames cannot be probed by timing.
let dummyHash: Promise<string> | null = null;

function tooManyAttempts(minutes: number): AppError {
  return new AppError('TOO_MANY_ATTEMPTS', `登录失败次数过多，已暂时锁定。请 ${minutes} 分钟后再试，或联系系统管理员。`, {
    retryAfterMinutes: minutes,
  });
}

export interface LoginInput {
  username: string;
  password: string;
  clientAddress: string;
  sessionMaxHours: number;
}

/** Checks the password under the throttle and opens a session; the token goes into the cookie. */
export async function login(db: Kysely<DB>, input: LoginInput, now = new Date()): Promise<{ token: string; me: Me }> {
  const username = input.username.toLowerCase();
  const userKey = throttleKey('user', username);
  const addressKey = throttleKey('address', input.clientAddress);
  const addressWait = await lockedMinutes(db, addressKey, now);
  if (addressWait > 0) throw tooManyAttempts(addressWait);
  const reservation = await reserveCheck(db, 'user', userKey, now);
  const user = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
  if (!reservation.allowed) {
    if (reservation.lockedNow && user) await auditLock(db, user, input.clientAddress);
    throw tooManyAttempts(reservation.lockedMinutes);
  }
  dummyHash ??= hashPassword(newSessionToken().token);
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
  if (!user || !passwordOk) {
    await countFailure(db, 'address', addressKey, now);
    const lockedNow = await lockIfExhausted(db, 'user', userKey, reservation.attempt, now);
    if (lockedNow) {
      if (user) await auditLock(db, user, input.clientAddress);
      throw new AppError(
        'TOO_MANY_ATTEMPTS',
        `密码连续错误 ${throttleRules.user.maxChecks} 次，账号已锁定 ${throttleRules.user.lockMinutes} 分钟。`,
        {
          retryAfterMinutes: throttleRules.user.lockMinutes,
        },
      );
    }
    throw new AppError(
      'INVALID_CREDENTIALS',
      `用户名或密码错误，请核对后重试（注意大小写）。连续错误 ${throttleRules.user.maxChecks} 次将锁定 ${throttleRules.user.lockMinutes} 分钟。`,
    );
  }
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED', '该账号已停用，请联系本单位系统管理员。');
  const assignments = await loadAssignments(db, user.id);
  const first = defaultAssignment(assignments, user.home_unit_code);
  if (!first) throw new AppError('ACCOUNT_DISABLED', '该账号未分配任何角色，请联系本单位系统管理员分配角色。');
  const { token, tokenHash } = newSessionToken();
  await db.transaction().execute(async (trx) => {
    await resetCount(trx, userKey, now);
    await trx
      .insertInto('user_session')
      .values({
        token_hash: tokenHash,
        user_id: user.id,
        unit_code: first.unitCode,
        role: first.role,
        last_seen_at: now,
        expires_at: new Date(now.getTime() + input.sessionMaxHours * 3_600_000),
      })
      .execute();
    await recordAudit(trx, {
      unitCode: first.unitCode,
      actorUserId: user.id,
      actorName: user.display_name,
      action: 'user.login',
      objectType: 'user',
      objectId: user.id,
      after: { role: first.role, address: input.clientAddress },
    });
  });
  return { token, me: await loadMe(db, user.id, first.unitCode, first.role) };
}

async function auditLock(db: Kysely<DB>, user: { id: string; home_unit_code: string }, clientAddress: string): Promise<void> {
  await db.transaction().execute((trx) =>
    recordAudit(trx, {
      unitCode: user.home_unit_code,
      actorUserId: null,
      actorName: `来自 ${clientAddress}`,
      action: 'user.locked',
      objectType: 'user',
      objectId: user.id,
      note: `${throttleRules.user.windowMinutes} 分钟内 ${throttleRules.user.maxChecks} 次密码错误，锁定 ${throttleRules.user.lockMinutes} 分钟`,
    }),
  );
}

export async function switchAssignment(db: Kysely<DB>, caller: Caller, input: { unitCode: string; role: Role }): Promise<Me> {
  const assignments = await loadAssignments(db, caller.userId);
  if (!assignments.some((a) => a.unitCode === input.unitCode && a.role === input.role)) {
    throw new AppError('FORBIDDEN_UNIT', `您在所选单位没有「${roleLabel[input.role]}」角色，无法切换。`, null);
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('user_session')
      .set({ unit_code: input.unitCode, role: input.role })
      .where('token_hash', '=', caller.sessionTokenHash)
      .execute();
    await recordAudit(trx, {
      unitCode: input.unitCode,
      ...actorOf(caller),
      action: 'session.switch',
      objectType: 'user',
      objectId: caller.userId,
      before: { unitCode: caller.scope.unitCode, role: caller.role },
      after: input,
    });
  });
  return loadMe(db, caller.userId, input.unitCode, input.role);
}

export async function logout(db: Kysely<DB>, caller: Caller): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('user_session').where('token_hash', '=', caller.sessionTokenHash).execute();
    await recordCallerAudit(trx, caller, {
      action: 'user.logout',
      objectType: 'user',
      objectId: caller.userId,
    });
  });
}

/**
 * The caller changes its own password. The current password is checked under the same per-account
 * limit as a login (it is the same secret); the other sessions end; a forced change is satisfied.
 */
export async function changeOwnPassword(
  db: Kysely<DB>,
  caller: Caller,
  input: { currentPassword: string; newPassword: string },
  now = new Date(),
): Promise<void> {
  const userKey = throttleKey('user', caller.username);
  const reservation = await reserveCheck(db, 'user', userKey, now);
  if (!reservation.allowed) {
    throw new AppError('TOO_MANY_ATTEMPTS', `当前密码错误次数过多，已暂时锁定。请 ${reservation.lockedMinutes} 分钟后再试。`, {
      retryAfterMinutes: reservation.lockedMinutes,
    });
  }
  const user = await db.selectFrom('app_user').select(['password_hash']).where('id', '=', caller.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await lockIfExhausted(db, 'user', userKey, reservation.attempt, now);
    throw new AppError('INVALID_CREDENTIALS', '当前密码不正确，密码未修改。', { field: 'currentPassword' });
  }
  await resetCount(db, userKey, now);
  assertPasswordAcceptable(input.newPassword, caller.username, '新密码', 'newPassword');
  if (input.newPassword === input.currentPassword)
    throw new AppError('WEAK_PASSWORD', '新密码不能与当前密码相同。', { field: 'newPassword' });
  const newHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: newHash, password_changed_at: now, must_change_password: false })
      .where('id', '=', caller.userId)
      .execute();
    await trx.deleteFrom('user_session').where('user_id', '=', caller.userId).where('token_hash', '!=', caller.sessionTokenHash).execute();
    await recordCallerAudit(trx, caller, {
      action: 'user.password_change',
      objectType: 'user',
      objectId: caller.userId,
      note: '本人修改密码；其他会话已注销',
    });
  });
}
