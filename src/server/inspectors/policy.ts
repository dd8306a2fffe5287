// Who may do what to a person in the 执法检查人员名录库 and to a 回避声明: the unit that keeps the
// person and the units above it read and act on them; nobody else learns that they exist.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { InspectorRecusalTable } from '../../db/tables/inspectorDirectory.ts';
import type { Caller } from '../http/route.ts';
import { outOfReach } from '../access/reach.ts';
import { inspectorColumns, type InspectorRow } from './inspectorRecord.ts';

export type DirectoryAccess = 'read' | 'act';
export type RecusalRecord = Selectable<InspectorRecusalTable>;

/** The person (with the unit's name), locked for an action; NOT_FOUND (no names) outside the caller's units. */
export async function loadInspectorFor(
  db: Kysely<DB> | Transaction<DB>,
  caller: Caller,
  id: string,
  access: DirectoryAccess,
): Promise<InspectorRow> {
  const row = await db
    .selectFrom('inspector as p')
    .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
    .select(inspectorColumns)
    .where('p.id', '=', id)
    .where('p.unit_code', 'in', caller.scope.unitCodes)
    .executeTakeFirst();
  if (!row) throw outOfReach('执法检查人员');
  if (access === 'act') {
    // Locked by its whole key: on Citus a lock must name one shard.
    await db.selectFrom('inspector').select('id').where('unit_code', '=', row.unit_code).where('id', '=', id).forUpdate().execute();
  }
  return row as InspectorRow;
}

/** The 回避声明, locked for an action; NOT_FOUND (no names) outside the caller's units. */
export async function loadRecusalFor(
  db: Kysely<DB> | Transaction<DB>,
  caller: Caller,
  id: string,
  access: DirectoryAccess,
): Promise<RecusalRecord> {
  const found = await db
    .selectFrom('inspector_recusal')
    .selectAll()
    .where('id', '=', id)
    .where('unit_code', 'in', caller.scope.unitCodes)
    .executeTakeFirst();
  const row =
    found && access === 'act'
      ? await db
          .selectFrom('inspector_recusal')
          .selectAll()
          .where('unit_code', '=', found.unit_code)
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst()
      : found;
  if (!row) throw outOfReach('回避声明');
  return row;
}
