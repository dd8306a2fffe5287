// The tasks of published plans as one query: each plan (p) with its published version (v), that
// version's tasks (t), the plan's unit (o) and the unit above it (op). The callers add their own
// columns; the reach of a unit is narrowed in SQL here and decided by the core's task reach.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { levelOfKind, taskReach, type ModeCell } from '../../core/plan/index.ts';
import type { UnitScope } from '../access/scope.ts';

type Db = Kysely<DB> | Transaction<DB>;

export function publishedTasks(db: Db) {
  return db
    .selectFrom('plan as p')
    .innerJoin('plan_version as v', (j) =>
      j.onRef('v.unit_code', '=', 'p.unit_code').onRef('v.plan_id', '=', 'p.id').onRef('v.version_no', '=', 'p.published_version'),
    )
    .innerJoin('plan_task as t', (j) =>
      j.onRef('t.unit_code', '=', 'p.unit_code').onRef('t.plan_id', '=', 'p.id').onRef('t.version_no', '=', 'p.published_version'),
    )
    .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
    .leftJoin('org_unit as op', 'op.code', 'o.parent_code');
}

/**
 * The published tasks the scope's unit may act on, as far as SQL can tell: its units' plans, the
 * plans of the units above it, and the tasks naming one of its units. `reachOf` decides the rest.
 */
export function publishedTasksNear(db: Db, scope: UnitScope) {
  const above = scope.path.split('.').filter((c) => c !== scope.unitCode);
  return publishedTasks(db).where((eb) =>
    eb.or([
      eb('p.unit_code', 'in', scope.unitCodes),
      ...(above.length > 0 ? [eb('p.unit_code', 'in', above)] : []),
      eb(sql`t.participant_unit_codes`, '&&', sql`ARRAY[${sql.join(scope.unitCodes)}]::text[]`),
    ]),
  );
}

/** A published task's row as the core's task reach reads it. */
interface ReachedRow {
  unit_code: string;
  unit_kind: string;
  unit_parent_kind: string | null;
  participant_unit_codes: string[];
  initiating_unit_code: string | null;
  modes: unknown;
}

/** How the scope's unit reaches a task row (the core's task reach; null when it does not). */
export async function reachOf(db: Db, scope: UnitScope) {
  const me = await db
    .selectFrom('org_unit as u')
    .leftJoin('org_unit as parent', 'parent.code', 'u.parent_code')
    .select(['u.kind', 'parent.kind as parent_kind'])
    .where('u.code', '=', scope.unitCode)
    .executeTakeFirstOrThrow();
  const level = levelOfKind(me.kind, me.parent_kind);
  return (row: ReachedRow) =>
    taskReach({
      own: scope.unitCodes.includes(row.unit_code),
      participant: row.participant_unit_codes.some((c) => scope.unitCodes.includes(c)),
      initiator: row.initiating_unit_code === null ? null : row.initiating_unit_code === scope.unitCode ? 'unit' : 'department',
      level,
      ownerLevel: levelOfKind(row.unit_kind, row.unit_parent_kind),
      mode: row.modes as ModeCell | null,
    });
}
