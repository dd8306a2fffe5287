// 抽查任务 as a unit reads them for a year: the tasks of published plans it acts on — its own
// plans' tasks, the tasks of plans above it that it draws or inspects (by 抽查检查模式, e.g.
// 市抽县查), and the joint tasks naming its department. Filtered by scope in SQL, then by the
// core's task reach.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ModeCell, Quota } from '../../core/plan/index.ts';
import type { Caller } from '../http/route.ts';
import { publishedTasksNear, reachOf } from './publishedTasks.ts';

export async function listUnitTasks(db: Kysely<DB>, caller: Caller, input: { year: number }) {
  const scope = caller.scope;
  const reachOfRow = await reachOf(db, scope);
  const rows = await publishedTasksNear(db, scope)
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
      't.initiating_unit_code',
      't.initiating_department',
      't.cooperating_departments',
    ])
    .where('p.year', '=', input.year)
    .orderBy('o.path')
    .orderBy('t.position')
    .execute();
  const items = [];
  for (const r of rows) {
    const reach = reachOfRow(r);
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
