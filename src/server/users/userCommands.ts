// 用户管理 use cases: a system administrator creates accounts, disables or enables them, and
// sets a password, for users of its own unit and the units below it. A password an
// administrator chooses is known to two people, so the user must change it at the next login.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Role } from '../../core/glossary.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { recordCallerAudit } from '../audit/recordAudit.ts';
import { assertPasswordAcceptable, hashPassword, insertNewLogin } from '../auth/password.ts';
import { assertUnitsInReach } from '../orgs/policy.ts';
import { loadUserFor } from './policy.ts';
import { outOfReach } from '../access/reach.ts';

export interface NewUser {
  username: string;
  displayName: string;
  homeUnitCode: string;
  initialPassword: string;
  roles: { unitCode: string; role: Role }[];
}

export async function createUser(db: Kysely<DB>, caller: Caller, input: NewUser): Promise<{ id: string; username: string }> {
  assertUnitsInReach(caller, [input.homeUnitCode, ...input.roles.map((r) => r.unitCode)]);
  assertPasswordAcceptable(input.initialPassword, input.username, '初始密码', 'initialPassword');
  const passwordHash = await hashPassword(input.initialPassword);
  return db.transaction().execute(async (trx) => {
    const user = await insertNewLogin(trx, { ...input, passwordHash }, 'username');
    const uniqueRoles = [...new Map(input.roles.map((r) => [`${r.unitCode}/${r.role}`, r])).values()];
    await trx
      .insertInto('user_role')
      .values(uniqueRoles.map((r) => ({ user_id: user.id, unit_code: r.unitCode, role: r.role })))
      .execute();
    await recordCallerAudit(trx, caller, {
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
    await recordCallerAudit(trx, caller, {
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
export async function setUserPassword(
  db: Kysely<DB>,
  caller: Caller,
  input: { id: string; newPassword: string; reason: string },
): Promise<{ id: string }> {
  const target = await loadUserFor(db, caller, input.id, 'read');
  if (target.id === caller.userId) throw new AppError('BAD_REQUEST', '不能在这里重设自己的密码，请用右上角的「修改密码」。');
  assertPasswordAcceptable(input.newPassword, target.username, '新密码', 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction().execute(async (trx) => {
    const user = await loadUserFor(trx, caller, input.id, 'act');
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, password_changed_at: new Date(), must_change_password: true })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('user_session').where('user_id', '=', user.id).execute();
    await recordCallerAudit(trx, caller, {
      action: 'user.password_reset',
      objectType: 'user',
      objectId: user.id,
      note: `${input.reason}；须在下次登录时修改密码，其全部会话已注销`,
    });
    return { id: user.id };
  });
}

/** A person of 执法检查人员名录库 within the caller's units, locked; NOT_FOUND (no names) otherwise. */
async function loadInspectorToLink(trx: Transaction<DB>, caller: Caller, inspectorId: string) {
  const person = await trx
    .selectFrom('inspector')
    .select(['unit_code', 'id', 'name', 'status', 'user_id'])
    .where('id', '=', inspectorId)
    .where('unit_code', 'in', caller.scope.unitCodes)
    .forUpdate()
    .executeTakeFirst();
  if (!person) throw outOfReach('执法检查人员');
  if (person.status !== '在岗')
    throw new AppError('INVALID_STATE', `${person.name} 的状态为“${person.status}”，不能关联登录账号；只有在岗人员可以关联。`, {
      field: 'inspectorId',
    });
  return person;
}

/** Gives the user the 执法检查人员 role at the person's unit unless it has that role already. */
async function ensureInspectorRole(trx: Transaction<DB>, userId: string, unitCode: string): Promise<void> {
  const has = await trx
    .selectFrom('user_role')
    .select('role')
    .where('user_id', '=', userId)
    .where('role', '=', 'inspector')
    .executeTakeFirst();
  if (!has) await trx.insertInto('user_role').values({ user_id: userId, unit_code: unitCode, role: 'inspector' }).execute();
}

/**
 * Links a login to its person of 执法检查人员名录库 (one login per person, one person per login), or
 * unlinks it (inspectorId null) — when the person leaves (调动/退休) or the link was wrong. The
 * person's visits, confirmations and results keep their name and id: unlinking loses no history.
 */
export async function linkUserToInspector(
  db: Kysely<DB>,
  caller: Caller,
  input: { id: string; inspectorId: string | null },
): Promise<{ id: string; inspector: { id: string; name: string } | null }> {
  return db.transaction().execute(async (trx) => {
    const user = await loadUserFor(trx, caller, input.id, 'act');
    const before = await trx.selectFrom('inspector').select(['id', 'name']).where('user_id', '=', user.id).executeTakeFirst();
    let after: { id: string; name: string } | null = null;
    if (input.inspectorId !== null) {
      const person = await loadInspectorToLink(trx, caller, input.inspectorId);
      if (person.user_id !== null && person.user_id !== user.id)
        throw new AppError('CONFLICT', `${person.name} 已关联其他登录账号；一人只能关联一个账号，请先解除原关联。`, {
          field: 'inspectorId',
        });
      after = { id: person.id, name: person.name };
    }
    if (before?.id === after?.id) return { id: user.id, inspector: after };
    if (before) await trx.updateTable('inspector').set({ user_id: null }).where('user_id', '=', user.id).execute();
    if (after) {
      await trx.updateTable('inspector').set({ user_id: user.id }).where('id', '=', after.id).execute();
      const person = await trx.selectFrom('inspector').select('unit_code').where('id', '=', after.id).executeTakeFirstOrThrow();
      await ensureInspectorRole(trx, user.id, person.unit_code);
    }
    await recordCallerAudit(trx, caller, {
      action: after ? 'user.linkInspector' : 'user.unlinkInspector',
      objectType: 'user',
      objectId: user.id,
      before: { inspector: before ?? null },
      after: { inspector: after },
    });
    return { id: user.id, inspector: after };
  });
}

/**
 * 批量开通账号: one login per selected person of 执法检查人员名录库, each with the 执法检查人员 role
 * at the person's unit, linked to the person, and an initial password to change at the first
 * login. All or nothing: a taken username or a person already linked refuses the whole batch.
 */
export async function createInspectorAccounts(
  db: Kysely<DB>,
  caller: Caller,
  input: { initialPassword: string; accounts: { inspectorId: string; username: string }[] },
): Promise<{ created: { id: string; username: string; inspectorName: string }[] }> {
  const usernames = input.accounts.map((a) => a.username);
  const repeated = usernames.find((u, i) => usernames.indexOf(u) !== i);
  if (repeated)
    throw new AppError('VALIDATION_FAILED', `用户名 ${repeated} 在本批中出现了两次，请改为不同的用户名。`, { field: 'accounts' });
  for (const name of usernames) assertPasswordAcceptable(input.initialPassword, name, '初始密码', 'initialPassword');
  const passwordHash = await hashPassword(input.initialPassword);
  return db.transaction().execute(async (trx) => {
    const created = [];
    for (const account of input.accounts) {
      const person = await loadInspectorToLink(trx, caller, account.inspectorId);
      if (person.user_id !== null) throw new AppError('CONFLICT', `${person.name} 已有登录账号，不能重复开通。`, { field: 'accounts' });
      const login = { username: account.username, displayName: person.name, homeUnitCode: person.unit_code, passwordHash };
      const user = await insertNewLogin(trx, login, 'accounts');
      await trx.insertInto('user_role').values({ user_id: user.id, unit_code: person.unit_code, role: 'inspector' }).execute();
      await trx.updateTable('inspector').set({ user_id: user.id }).where('id', '=', person.id).execute();
      await recordCallerAudit(trx, caller, {
        action: 'user.create',
        objectType: 'user',
        objectId: user.id,
        after: {
          username: account.username,
          displayName: person.name,
          homeUnitCode: person.unit_code,
          roles: [{ unitCode: person.unit_code, role: 'inspector' }],
          inspector: { id: person.id, name: person.name },
        },
      });
      created.push({ id: user.id, username: account.username, inspectorName: person.name });
    }
    return { created };
  });
}
