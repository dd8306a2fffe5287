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
  const row = await db
    .selectFrom('followup_item')
    .selectAll()
    .where('id', '=', id)
    .where('unit_code', 'in', caller.scope.unitCodes)
    .$if(access === 'act', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw outOfReach('台账事项');
  return row;
}
