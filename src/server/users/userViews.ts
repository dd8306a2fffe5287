// 用户管理 read views: the users whose home unit is the caller's unit or below it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { countRows, type Paged, onePage, pagedAnswer } from '../http/paging.ts';
import { escapeLike } from '../http/sqlText.ts';
import { assignmentsOf, type Assignment } from '../auth/authViews.ts';

/** A unit and role of a user (as the caller's own assignments are shown). */
export type UserRoleView = Assignment;

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  homeUnitCode: string;
  homeUnitName: string;
  status: 'active' | 'disabled';
  mustChangePassword: boolean;
  roles: UserRoleView[];
  inspector: { unitCode: string; id: string; name: string; status: string } | null;
}

export interface UserQuery {
  page: number;
  pageSize: number;
  q?: string | undefined;
}

export async function listUsersInReach(db: Kysely<DB>, caller: Caller, query: UserQuery): Promise<Paged<UserView>> {
  let base = db
    .selectFrom('app_user as u')
    .innerJoin('org_unit as o', 'o.code', 'u.home_unit_code')
    .leftJoin('inspector as p', 'p.user_id', 'u.id')
    .where('u.home_unit_code', 'in', caller.scope.unitCodes);
  if (query.q) {
    // The search text is matched literally: % and _ typed by the user are not wildcards.
    const pattern = `%${escapeLike(query.q)}%`;
    base = base.where((eb) => eb.or([eb('u.username', 'like', pattern), eb('u.display_name', 'like', pattern)]));
  }
  const total = await countRows(base);
  const users = await base
    .select([
      'u.id',
      'u.username',
      'u.display_name',
      'u.home_unit_code',
      'o.name as unit_name',
      'u.status',
      'u.must_change_password',
      'p.unit_code as inspector_unit_code',
      'p.id as inspector_id',
      'p.name as inspector_name',
      'p.status as inspector_status',
    ])
    .orderBy('o.path')
    .orderBy('u.username')
    .$call(onePage(query))
    .execute();
  const roles = await assignmentsOf(
    db,
    users.map((u) => u.id),
  );
  return pagedAnswer(
    users.map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      homeUnitCode: u.home_unit_code,
      homeUnitName: u.unit_name,
      status: u.status,
      mustChangePassword: u.must_change_password,
      roles: roles.get(u.id) ?? [],
      inspector:
        u.inspector_id && u.inspector_unit_code
          ? { unitCode: u.inspector_unit_code, id: u.inspector_id, name: u.inspector_name ?? '', status: u.inspector_status ?? '在岗' }
          : null,
    })),
    total,
    query,
  );
}

/** People of 执法检查人员名录库 within the caller's units, 在岗 and without a login: who can be linked. */
export async function linkableInspectors(db: Kysely<DB>, caller: Caller, query: { q?: string | undefined }) {
  let q = db
    .selectFrom('inspector as p')
    .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
    .select(['p.id', 'p.name', 'p.unit_code', 'o.name as unit_name', 'p.cert_no'])
    .where('p.unit_code', 'in', caller.scope.unitCodes)
    .where('p.status', '=', '在岗')
    .where('p.user_id', 'is', null);
  if (query.q) {
    const pattern = `%${escapeLike(query.q)}%`;
    q = q.where((eb) => eb.or([eb('p.name', 'like', pattern), eb('p.cert_no', 'like', pattern)]));
  }
  const rows = await q.orderBy('o.path').orderBy('p.name').limit(200).execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, unitCode: r.unit_code, unitName: r.unit_name, certNo: r.cert_no })) };
}
