// The shape of most policies: a row keyed by (unit_code, id) that the unit holding it and the
// units above it reach. Found by id among the caller's units; to act, locked by its whole key (on
// Citus a lock must name one shard) and read again under the lock. Anything else — another
// unit's row, a made-up id — gets the one out-of-reach answer, naming nobody.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { outOfReach } from './reach.ts';

/** Read a row, or lock it for an action. */
export type RowAccess = 'read' | 'act';

/** A policy's `load<Thing>For`: the row the caller may read, or locked to act on it; `outOfReach` for anything else. */
export type RowLoader<R, C = Caller> = (db: Kysely<DB> | Transaction<DB>, caller: C, id: string, access: RowAccess) => Promise<R>;

/** Tables whose rows are keyed by (unit_code, id) and reached through the unit that holds them. */
export type UnitRowTable = 'inspector' | 'inspector_recusal' | 'directory_object' | 'followup_item';

/** The row, locked for 'act'; `outOfReach(what)` for anything outside the caller's units. */
export async function loadUnitRowFor<T extends UnitRowTable>(
  db: Kysely<DB> | Transaction<DB>,
  caller: Caller,
  row: { table: T; id: string; what: string },
  access: RowAccess,
): Promise<Selectable<DB[T]>> {
  // Kysely cannot follow a table name that is a type parameter: the query is typed as one of them.
  const q = db as unknown as Kysely<Pick<DB, 'followup_item'>>;
  const table = row.table as 'followup_item';
  const found = await q
    .selectFrom(table)
    .selectAll()
    .where('id', '=', row.id)
    .where('unit_code', 'in', caller.scope.unitCodes)
    .executeTakeFirst();
  const locked =
    found && access === 'act'
      ? await q
          .selectFrom(table)
          .selectAll()
          .where('unit_code', '=', found.unit_code)
          .where('id', '=', row.id)
          .forUpdate()
          .executeTakeFirst()
      : found;
  if (!locked) throw outOfReach(row.what);
  return locked as unknown as Selectable<DB[T]>;
}

/** The policy's `load<Thing>For` of such a table: (db, caller, id, access) → the row, or `outOfReach(what)`. */
export function unitRowPolicy<T extends UnitRowTable>(table: T, what: string) {
  return (db: Kysely<DB> | Transaction<DB>, caller: Caller, id: string, access: RowAccess) =>
    loadUnitRowFor(db, caller, { table, id, what }, access);
}

/** Like unitRowPolicy, the row coming with the name of the unit that holds it (as the lists show it). */
export function namedUnitRowPolicy<T extends UnitRowTable>(table: T, what: string) {
  return async (db: Kysely<DB> | Transaction<DB>, caller: Caller, id: string, access: RowAccess) => {
    const row = (await loadUnitRowFor(db, caller, { table, id, what }, access)) as Selectable<DB[T]> & { unit_code: string };
    return withUnitName(db, row);
  };
}

/** The row with the name of the unit that holds it (as the lists show it). */
export async function withUnitName<R extends { unit_code: string }>(
  db: Kysely<DB> | Transaction<DB>,
  row: R,
): Promise<R & { unit_name: string }> {
  const unit = await db.selectFrom('org_unit').select('name').where('code', '=', row.unit_code).executeTakeFirstOrThrow();
  return { ...row, unit_name: unit.name };
}

/** Tables whose rows belong to the unit named in one of their columns, found by another. */
type OwnedRowTable = 'org_unit' | 'app_user';

/**
 * The row whose `key` column is `id` and whose `unitColumn` names one of the caller's units,
 * locked for 'act'; `outOfReach(what)` for anything else, whether or not the row exists.
 */
export async function loadOwnedRowFor<T extends OwnedRowTable>(
  db: Kysely<DB> | Transaction<DB>,
  caller: Caller,
  row: { table: T; key: keyof DB[T] & string; unitColumn: keyof DB[T] & string; id: string; what: string },
  access: RowAccess,
): Promise<Selectable<DB[T]>> {
  // Kysely cannot follow a table name that is a type parameter: the query is typed as one of them.
  const found = await (db as unknown as Kysely<Pick<DB, 'app_user'>>)
    .selectFrom(row.table as 'app_user')
    .selectAll()
    .where(row.key as 'id', '=', row.id)
    .where(row.unitColumn as 'home_unit_code', 'in', caller.scope.unitCodes)
    .$if(access === 'act', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!found) throw outOfReach(row.what);
  return found as unknown as Selectable<DB[T]>;
}
