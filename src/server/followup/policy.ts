// Who may do what to a 问题台账 item: "谁监管、谁负责" — the inspecting unit (the item's unit)
// and the units above it read and act on it; nobody else sees that it exists.
import type { Selectable } from 'kysely';
import type { FollowupItemTable } from '../../db/tables/results.ts';
import { unitRowPolicy, type RowAccess } from '../access/unitRows.ts';

export type FollowupRow = Selectable<FollowupItemTable>;
export type FollowupAccess = RowAccess;

/** The item, locked for an action; NOT_FOUND (no names) for anything outside the caller's units. */
export const loadFollowupFor = unitRowPolicy('followup_item', '台账事项');
