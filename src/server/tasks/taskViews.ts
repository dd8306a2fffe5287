// 抽查任务 as a unit reads them for a year: the tasks of published plans it acts on — its own
// plans' tasks, the tasks of plans above it that it draws or inspects (by 抽查检查模式, e.g.
// 市抽县查), and the joint tasks naming its department. Filtered by scope in SQL, then by the
// core's task reach.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { levelOfKind, taskReach, type ModeCell, type Quota } from '../../core/plan/index.ts';
import type { Caller } from '../http/route.ts';

export async function listUnitTasks(db: Kysely<DB>, caller: Caller, input: { year: number }) {
  const scope = caller.scope;
  const me = await db
    .selectFrom('org_unit as u')
    .leftJoin('org_unit as parent', 'parent.code', 'u.parent_code')
    .select(['u.kind', 'parent.kind as parent_kind'])
    .where('u.code', '=', scope.unitCode)
    .executeTakeFirstOrThrow();
  const level = levelOfKind(me.kind, me.parent_kind);
  const ancestors = scope.path.split('.').filter((c) => c !== scope.unitCode);
  const rows = await db
    .selectFrom('plan as p')
    .innerJoin('plan_version as v', (j) =>
      j.onRef('v.unit_code', '=', 'p.unit_code').onRef('v.plan_id', '=', 'p.id').onRef('v.version_no', '=', 'p.published_version'),
    )
    .innerJoin('plan_task as t', (j) =>
      j.onRef('t.unit_code', '=', 'p.unit_code').onRef('t.plan_id', '=', 'p.id').onRef('t.version_no', '=', 'p.published_version'),
    )
    .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
    .leftJoin('org_unit as op', 'op.code', 'o.parent_code')
    .select([
      'p.id as plan_id',
      'p.unit_code',
      'p.kind as plan_kind',
      'o.name as unit_name',
      'o.kind as unit_kind',
      'op.kind as unit_parent_kind',
      'v.title as plan_title',
      'v.version_no',
      't.task_code',
      't.seq',
      't.name',
      't.task_type',
      't.items',
      't.population',
      't.sub_library_id',
      't.quota',
      't.batches_per_year',
      't.period_start',
      't.period_end',
      't.modes',
      't.participant_unit_codes',
      't.initiating_department',
      't.cooperating_departments',
    ])
    .where('p.year', '=', input.year)
    .where((eb) =>
      eb.or([
        eb('p.unit_code', 'in', scope.unitCodes),
        ...(ancestors.length > 0 ? [eb('p.unit_code', 'in', ancestors)] : []),
        eb(sql`t.participant_unit_codes`, '&&', sql`ARRAY[${sql.join(scope.unitCodes)}]::text[]`),
      ]),
    )
    .orderBy('o.path')
    .orderBy('t.position')
    .execute();
  const items = [];
  for (const r of rows) {
    const reach = taskReach({
      own: scope.unitCodes.includes(r.unit_code),
      participant: r.participant_unit_codes.some((c) => scope.unitCodes.includes(c)),
      level,
      ownerLevel: levelOfKind(r.unit_kind, r.unit_parent_kind),
      mode: r.modes as ModeCell | null,
    });
    if (!reach) continue;
    items.push({
      planId: r.plan_id,
      planTitle: r.plan_title,
      planVersion: r.version_no,
      planKind: r.plan_kind,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      code: r.task_code,
      seq: r.seq,
      name: r.name,
      taskType: r.task_type,
      items: r.items,
      population: r.population,
      subLibraryId: r.sub_library_id,
      quota: r.quota as Quota | null,
      batchesPerYear: r.batches_per_year,
      period: r.period_start && r.period_end ? { start: r.period_start, end: r.period_end } : null,
      mode: r.modes as ModeCell | null,
      initiatingDepartment: r.initiating_department,
      cooperatingDepartments: r.cooperating_departments,
      ...reach,
    });
  }
  return { year: input.year, items, total: items.length };
}
