// Who may manage which user: a system administrator manages the users whose home unit is its
// active unit or a unit below it. Any other user — of a sibling, of a parent, or none at all —
// gets the one answer for anything out of reach, naming no person and no unit.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AppUserTable, DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { loadOwnedRowFor } from '../access/unitRows.ts';

export type UserRow = Selectable<AppUserTable>;
export type UserAccess = 'read' | 'act';

/** The user, locked for 'act'; NOT_FOUND (no names) for anything outside the caller's units. */
export async function loadUserFor(db: Kysely<DB> | Transaction<DB>, caller: Caller, id: string, access: UserAccess): Promise<UserRow> {
  return loadOwnedRowFor(db, caller, { table: 'app_user', key: 'id', unitColumn: 'home_unit_code', id, what: '用户' }, access);
}
