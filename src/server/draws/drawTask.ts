// The published task a unit draws or inspects (loaded through the tasks capability's policy),
// and how its draw's visits are staffed.
import type { JoinBuilder, Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ModeCell } from '../../core/plan/index.ts';
import type { TaskInReach } from '../tasks/policy.ts';

type DrawAndTask = DB & { d: DB['draw']; t: DB['plan_task'] };

/** The join of a draw (d) to its task's row (t) in the plan version the draw was made on. */
export function taskOfDraw(j: JoinBuilder<DrawAndTask, 'd' | 't'>) {
  return j
    .onRef('t.unit_code', '=', 'd.plan_unit_code')
    .onRef('t.plan_id', '=', 'd.plan_id')
    .onRef('t.version_no', '=', 'd.plan_version')
    .onRef('t.task_code', '=', 'd.task_code');
}

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
