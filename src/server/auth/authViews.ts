// Who the caller is: the user, the active unit and role, and the units and roles it may switch to.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Role } from '../../core/glossary.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';

export interface Assignment {
  unitCode: string;
  unitName: string;
  role: Role;
}

export interface Me {
  user: { id: string; username: string; displayName: string; homeUnitCode: string; mustChangePassword: boolean };
  active: Assignment;
  assignments: Assignment[];
}

export async function loadAssignments(db: Kysely<DB>, userId: string): Promise<Assignment[]> {
  return (await assignmentsOf(db, [userId])).get(userId) ?? [];
}

/** The units and roles of each of these users, in tree order. */
export async function assignmentsOf(db: Kysely<DB>, userIds: string[]): Promise<Map<string, Assignment[]>> {
  const byUser = new Map<string, Assignment[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db
    .selectFrom('user_role as r')
    .innerJoin('org_unit as o', 'o.code', 'r.unit_code')
    .select(['r.user_id', 'r.unit_code', 'o.name', 'r.role'])
    .where('r.user_id', 'in', userIds)
    .orderBy('o.path')
    .orderBy('r.role')
    .execute();
  for (const r of rows) {
    const list = byUser.get(r.user_id) ?? [];
    list.push({ unitCode: r.unit_code, unitName: r.name, role: r.role });
    byUser.set(r.user_id, list);
  }
  return byUser;
}

export async function loadMe(db: Kysely<DB>, userId: string, unitCode: string, role: Role): Promise<Me> {
  const user = await db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const assignments = await loadAssignments(db, userId);
  const active = assignments.find((a) => a.unitCode === unitCode && a.role === role);
  if (!active) throw new AppError('FORBIDDEN_ROLE', '当前会话的单位或角色已被收回，请重新登录');
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      homeUnitCode: user.home_unit_code,
      mustChangePassword: user.must_change_password,
    },
    active,
    assignments,
  };
}

export function whoAmI(db: Kysely<DB>, caller: Caller): Promise<Me> {
  return loadMe(db, caller.userId, caller.scope.unitCode, caller.role);
}
