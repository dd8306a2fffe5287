// 用户管理 use cases: a system administrator creates accounts, disables or enables them, and
// sets a password, for users of its own unit and the units below it. A password an
// administrator chooses is known to two people, so the user must change it at the next login.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Role } from '../../core/glossary.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { actorOf, recordAudit } from '../audit/recordAudit.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';
import { assertUnitsInReach } from '../orgs/policy.ts';
import { loadUserFor } from './policy.ts';

export interface NewUser {
  username: string;
  displayName: string;
  homeUnitCode: string;
  initialPassword: string;
  roles: { unitCode: string; role: Role }[];
}

export async function createUser(db: Kysely<DB>, caller: Caller, input: NewUser): Promise<{ id: string; username: string }> {
  assertUnitsInReach(caller, [input.homeUnitCode, ...input.roles.map((r) => r.unitCode)]);
  const problem = passwordProblem(input.initialPassword, input.username);
  if (problem) throw new AppError('WEAK_PASSWORD', `初始密码不符合要求：${problem}。`, { field: 'initialPassword' });
  const passwordHash = await hashPassword(input.initialPassword);
  return db.transaction().execute(async (trx) => {
    // ON CONFLICT: the same username submitted twice at once gets 409 for the second, not a server error.
    const user = await trx
      .insertInto('app_user')
      .values({
        username: input.username,
        display_name: input.displayName,
        home_unit_code: input.homeUnitCode,
        password_hash: passwordHash,
        must_change_password: true,
      })
      .onConflict((oc) => oc.column('username').doNothing())
      .returning(['id'])
      .executeTakeFirst();
    if (!user) throw new AppError('CONFLICT', `用户名 ${input.username} 已存在，请换一个。`, { field: 'username' });
    const uniqueRoles = [...new Map(input.roles.map((r) => [`${r.unitCode}/${r.role}`, r])).values()];
    await trx
      .insertInto('user_role')
      .values(uniqueRoles.map((r) => ({ user_id: user.id, unit_code: r.unitCode, role: r.role })))
      .execute();
    await recordAudit(trx, {
      unitCode: caller.scope.unitCode,
      ...actorOf(caller),
      action: 'user.create',
      objectType: 'user',
      objectId: user.id,
      after: { username: input.username, displayName: input.displayName, homeUnitCode: input.homeUnitCode, roles: uniqueRoles },
    });
    return { id: user.id, username: input.username };
  });
}

export async function setUserStatus(
  db: Kysely<DB>,
  caller: Caller,
  input: { id: string; status: 'active' | 'disabled'; reason: string },
): Promise<{ id: string; status: 'active' | 'disabled' }> {
  return db.transaction().execute(async (trx) => {
    const user = await loadUserFor(trx, caller, input.id, 'act');
    if (user.id === caller.userId) throw new AppError('BAD_REQUEST', '不能停用自己的账号。');
    if (user.status === input.status) return { id: user.id, status: user.status };
    await trx.updateTable('app_user').set({ status: input.status }).where('id', '=', user.id).execute();
    if (input.status === 'disabled') await trx.deleteFrom('user_session').where('user_id', '=', user.id).execute();
    await recordAudit(trx, {
      unitCode: caller.scope.unitCode,
      ...actorOf(caller),
      action: 'user.status',
      objectType: 'user',
      objectId: user.id,
      before: { status: user.status },
      after: { status: input.status },
      note: input.reason,
    });
    return { id: user.id, status: input.status };
  });
}

/** An administrator sets a user's password (forgotten password): the user must change it at the next login. */
export async function setUserPassword(db: Kysely<DB>, caller: Caller, input: { id: string; newPassword: string; reason: string }): Promise<{ id: string }> {
  const target = await loadUserFor(db, caller, input.id, 'read');
  if (target.id === caller.userId) throw new AppError('BAD_REQUEST', '不能在这里重设自己的密码，请用右上角的「修改密码」。');
  const problem = passwordProblem(input.newPassword, target.username);
  if (problem) throw new AppError('WEAK_PASSWORD', `新密码不符合要求：${problem}。`, { field: 'newPassword' });
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    const user = await loadUserFor(trx, caller, input.id, 'act');
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, password_changed_at: new Date(), must_change_password: true })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('user_session').where('user_id', '=', user.id).execute();
    await recordAudit(trx, {
      unitCode: caller.scope.unitCode,
      ...actorOf(caller),
      action: 'user.password_reset',
      objectType: 'user',
      objectId: user.id,
      note: `${input.reason}；须在下次登录时修改密码，其全部会话已注销`,
    });
    return { id: user.id };
  });
}
