// The published task a unit draws or inspects (loaded through the tasks capability's policy),
// and how its draw's visits are staffed.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ModeCell } from '../../core/plan/index.ts';
import type { TaskInReach } from '../tasks/policy.ts';

/** A task as a draw uses it. */
export type DrawableTask = TaskInReach;

/**
 * Whether the drawing unit's own people inspect the draw's visits: true unless the task is drawn
 * at one level and inspected at the level below (市抽县查), whoever acts on the draw.
 */
export async function inspectedAtDrawLevel(
  db: Kysely<DB> | Transaction<DB>,
  draw: { planUnitCode: string; planId: string; planVersion: number; taskCode: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('plan_task')
    .select('modes')
    .where('unit_code', '=', draw.planUnitCode)
    .where('plan_id', '=', draw.planId)
    .where('version_no', '=', draw.planVersion)
    .where('task_code', '=', draw.taskCode)
    .executeTakeFirst();
  return ((row?.modes as ModeCell | null)?.modes ?? []).every((m) => m.drawLevel === m.inspectLevel);
}
