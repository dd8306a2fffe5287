// Who may do what to an 其他检查对象 (产品/项目/行为): the unit that keeps it and the units above
// it read and act on it; nobody else learns that it exists.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { outOfReach } from '../access/reach.ts';
import { objectColumns, type ObjectRow } from './objectRecord.ts';

export type ObjectAccess = 'read' | 'act';

/** The object (with the unit's name), locked for an action; NOT_FOUND (no names) outside the caller's units. */
export async function loadObjectFor(
  db: Kysely<DB> | Transaction<DB>,
  caller: Caller,
  id: string,
  access: ObjectAccess,
): Promise<ObjectRow> {
  const row = await db
    .selectFrom('directory_object as d')
    .innerJoin('org_unit as u', 'u.code', 'd.unit_code')
    .select(objectColumns)
    .where('d.id', '=', id)
    .where('d.unit_code', 'in', caller.scope.unitCodes)
    .executeTakeFirst();
  if (!row) throw outOfReach('检查对象');
  if (access === 'act') {
    // Locked by its whole key: on Citus a lock must name one shard.
    await db.selectFrom('directory_object').select('id').where('unit_code', '=', row.unit_code).where('id', '=', id).forUpdate().execute();
  }
  return row as ObjectRow;
}
