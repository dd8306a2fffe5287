// Who may do what to a 问题台账 item: "谁监管、谁负责" — the inspecting unit (the item's unit)
// and the units above it read and act on it; nobody else sees that it exists.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { FollowupItemTable } from '../../db/tables/results.ts';
import type { Caller } from '../http/route.ts';
import { outOfReach } from '../access/reach.ts';

export type FollowupRow = Selectable<FollowupItemTable>;
export type FollowupAccess = 'read' | 'act';

/** The item, locked for an action; NOT_FOUND (no names) for anything outside the caller's units. */
export async function loadFollowupFor(
  db: Kysely<DB> | Transaction<DB>,
  caller: Caller,
  id: string,
  access: FollowupAccess,
): Promise<FollowupRow> {
  // Found by id among the caller's units, then (to act) locked by its whole key: on Citus a
  // lock must name one shard.
  const found = await db
    .selectFrom('followup_item')
    .selectAll()
    .where('id', '=', id)
    .where('unit_code', 'in', caller.scope.unitCodes)
    .executeTakeFirst();
  const row =
    found && access === 'act'
      ? await db
          .selectFrom('followup_item')
          .selectAll()
          .where('unit_code', '=', found.unit_code)
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst()
      : found;
  if (!row) throw outOfReach('台账事项');
  return row;
}
