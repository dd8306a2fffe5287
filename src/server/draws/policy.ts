// Who may do what to a draw (抽取记录).
// - read: the units that made it (and the units above them); the units that inspect at least one
//   of its visits (the visit rows' inspecting unit, e.g. the counties of a 市抽县查 draw); the
//   departments a joint task names; and, before the ceremony has made any visit, the units below
//   the drawing unit whose task reach says they inspect the task (市抽县查: the county prepares
//   before the city draws).
// - act (the commit-side steps: ceremony, void, reserves, matching, swaps, publishing the
//   result): the drawing unit and the units above it only, but not a bureau over a member
//   department's draw (a joint task its 发起部门 drew: the bureau 配合 and reads it); the row is
//   locked for the change.
// Anything else gets the one NOT_FOUND answer, identical for an existing and a made-up id.
import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { outOfReach } from '../access/reach.ts';
import type { Caller } from '../http/route.ts';
import { directoryUnitsOf } from '../inspectors/directoryUnits.ts';
import { taskInReach } from '../tasks/policy.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type DrawAccess = 'read' | 'act';

export function drawQuery(db: Db) {
  return db
    .selectFrom('draw as d')
    .innerJoin('org_unit as o', 'o.code', 'd.unit_code')
    .select([
      'd.unit_code',
      'o.name as unit_name',
      'd.id',
      'd.plan_unit_code',
      'd.plan_id',
      'd.plan_version',
      'd.task_code',
      'd.merged_tasks',
      'd.year',
      'd.batch_no',
      'd.attempt',
      'd.draw_code',
      'd.status',
      'd.params',
      'd.commit_hash',
      'd.committed_at',
      'd.counts',
      'd.excluded_count',
      'd.sources',
      'd.seed',
      'd.result',
      'd.matching',
      'd.result_public_at',
      'd.drawn_at',
      'd.drawn_by_name',
      'd.witness_name',
      'd.voided_at',
      'd.voided_by_name',
      'd.void_reason',
      'd.replaces_draw_id',
      'd.commit_reason',
      'd.created_by_name',
      'd.created_at',
    ]);
}

/** The draws of a task: its own, and the merged draws (合并抽取) it is one of. */
export function drawsOfTask(taskCode: string) {
  return (eb: ExpressionBuilder<DB & { d: DB['draw'] }, 'd'>) =>
    eb.or([eb('d.task_code', '=', taskCode), sql<boolean>`d.merged_tasks @> ${sql.val([taskCode])}::text[]`]);
}

export type DrawRow = Awaited<ReturnType<ReturnType<typeof drawQuery>['executeTakeFirstOrThrow']>>;

/**
 * Draws the caller reads: own, inspected, or of a joint task naming its department; with
 * `upperBeforeVisits` (the caller's unit inspects the task, 市抽县查) also the draws of the units
 * above it that have no visit yet.
 */
export function readableDraws(caller: Caller, upperBeforeVisits = false) {
  const units = caller.scope.unitCodes;
  const above = caller.scope.path.split('.').filter((c) => c !== caller.scope.unitCode);
  return (eb: ExpressionBuilder<DB & { d: DB['draw'] }, 'd'>) =>
    eb.or([
      eb('d.unit_code', 'in', units),
      eb.exists(
        eb
          .selectFrom('visit as v')
          .select(sql.lit(1).as('one'))
          .whereRef('v.draw_unit_code', '=', 'd.unit_code')
          .whereRef('v.draw_id', '=', 'd.id')
          .where('v.inspecting_unit_code', 'in', units),
      ),
      eb.exists(
        eb
          .selectFrom('plan_task as t')
          .select(sql.lit(1).as('one'))
          .whereRef('t.unit_code', '=', 'd.plan_unit_code')
          .whereRef('t.plan_id', '=', 'd.plan_id')
          .whereRef('t.version_no', '=', 'd.plan_version')
          .whereRef('t.task_code', '=', 'd.task_code')
          .where(sql<boolean>`t.participant_unit_codes && ${sql.val(units)}::text[]`),
      ),
      ...(upperBeforeVisits && above.length > 0
        ? [
            eb.and([
              eb('d.unit_code', 'in', above),
              eb.not(
                eb.exists(
                  eb
                    .selectFrom('visit as v')
                    .select(sql.lit(1).as('one'))
                    .whereRef('v.draw_unit_code', '=', 'd.unit_code')
                    .whereRef('v.draw_id', '=', 'd.id'),
                ),
              ),
            ]),
          ]
        : []),
    ]);
}

/** The draw as the caller may see it (read) or change it (act, locked); NOT_FOUND for anything else. */
export async function loadDrawFor(db: Db, caller: Caller, id: string, access: DrawAccess): Promise<DrawRow> {
  const row =
    access === 'act'
      ? await lockOwnDraw(db, caller, id)
      : ((await drawQuery(db).where('d.id', '=', id).where(readableDraws(caller)).executeTakeFirst()) ??
        (await beforeVisitsOfUpperDraw(db, caller, id)));
  if (!row) throw outOfReach('抽取记录');
  return row;
}

/**
 * The caller's own draw, locked. The row is locked by its whole key (drawing unit and id), found
 * first by id among the caller's units: on Citus a lock must name one shard (a router query).
 */
async function lockOwnDraw(db: Db, caller: Caller, id: string): Promise<DrawRow | undefined> {
  const own = await db
    .selectFrom('draw')
    .select('unit_code')
    .where('id', '=', id)
    .where('unit_code', 'in', await directoryUnitsOf(db, caller.scope))
    .executeTakeFirst();
  if (!own) return undefined;
  return drawQuery(db).where('d.unit_code', '=', own.unit_code).where('d.id', '=', id).forUpdate('d').executeTakeFirst();
}

/**
 * 市抽县查 before the ceremony: a draw of a unit above the caller's that has no visit yet, of a
 * task the caller's unit inspects.
 */
async function beforeVisitsOfUpperDraw(db: Db, caller: Caller, id: string): Promise<DrawRow | undefined> {
  const row = await drawQuery(db).where('d.id', '=', id).where(readableDraws(caller, true)).executeTakeFirst();
  if (!row) return undefined;
  const task = await taskInReach(db, caller.scope, row.task_code);
  return task?.reach.inspects ? row : undefined;
}

export { actorOf } from '../audit/recordAudit.ts';
