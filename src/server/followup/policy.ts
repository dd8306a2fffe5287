// Who may do what to a 问题台账 item: "谁监管、谁负责" — the inspecting unit (the item's unit)
// and the units above it read and act on it; nobody else sees that it exists.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { FollowupItemTable } from '../../db/tables/results.ts';
import type { Caller } from '../http/route.ts';
import { loadUnitRowFor, type RowAccess } from '../access/unitRows.ts';

export type FollowupRow = Selectable<FollowupItemTable>;
export type FollowupAccess = RowAccess;

/** The item, locked for an action; NOT_FOUND (no names) for anything outside the caller's units. */
export async function loadFollowupFor(
  db: Kysely<DB> | Transaction<DB>,
  caller: Caller,
  id: string,
  access: FollowupAccess,
): Promise<FollowupRow> {
  return loadUnitRowFor(db, caller, { table: 'followup_item', id, what: '台账事项' }, access);
}
