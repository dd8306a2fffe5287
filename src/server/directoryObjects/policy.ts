// Who may do what to an 其他检查对象 (产品/项目/行为/标准): the unit that keeps it and the units above
// it read and act on it; nobody else learns that it exists.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { loadUnitRowFor, withUnitName, type RowAccess } from '../access/unitRows.ts';
import type { ObjectRow } from './objectRecord.ts';

export type ObjectAccess = RowAccess;

/** The object (with the unit's name), locked for an action; NOT_FOUND (no names) outside the caller's units. */
export async function loadObjectFor(
  db: Kysely<DB> | Transaction<DB>,
  caller: Caller,
  id: string,
  access: ObjectAccess,
): Promise<ObjectRow> {
  return withUnitName(db, await loadUnitRowFor(db, caller, { table: 'directory_object', id, what: '检查对象' }, access));
}
