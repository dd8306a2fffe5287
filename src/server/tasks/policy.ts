// Who reaches a published 抽查任务, by its 任务编号: the plan's own units; the units below the
// plan's unit that draw or inspect it by its 抽查检查模式 (县抽县查, 市抽县查 …); the member
// departments a joint task names. Anything else — a sibling county's task, an unpublished one,
// a made-up code — gets the one NOT_FOUND answer. The draws capability loads its task here.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ModeCell, Quota, RiskPolicy, TaskReach } from '../../core/plan/index.ts';
import type { UnitScope } from '../access/scope.ts';
import { outOfReach } from '../access/reach.ts';
import type { Caller } from '../http/route.ts';
import { publishedTasksNear, reachOf } from './publishedTasks.ts';
import type { RiskClassification } from '../../core/entities/riskClassifications.ts';

export interface TaskInReach {
  planUnitCode: string;
  planUnitName: string;
  planId: string;
  planVersion: number;
  planTitle: string;
  year: number;
  code: string;
  name: string;
  items: string[];
  population: string;
  subLibraryId: string | null;
  /** The classification the planner chose for the allocation (null: as the 信用风险分类管理 text names). */
  classification: RiskClassification | null;
  quota: Quota | null;
  riskPolicy: RiskPolicy | null;
  batchesPerYear: number;
  period: { start: string; end: string } | null;
  mode: ModeCell | null;
  participants: string[];
  reach: TaskReach;
}

/** The task, NOT_FOUND (no names) when it is not published or not the caller's to draw or inspect. */
export async function loadTaskFor(db: Kysely<DB>, caller: Caller, code: string): Promise<TaskInReach> {
  const task = await taskInReach(db, caller.scope, code);
  if (!task) throw outOfReach('抽查任务');
  return task;
}

/** The task as the scope's unit reaches it, or null when it does not. */
export async function taskInReach(db: Kysely<DB> | Transaction<DB>, scope: UnitScope, code: string): Promise<TaskInReach | null> {
  const row = await publishedTasksNear(db, scope)
    .select([
      't.unit_code',
      'o.name as unit_name',
      'o.path as unit_path',
      'o.kind as unit_kind',
      'op.kind as unit_parent_kind',
      't.plan_id',
      't.version_no',
      'v.title',
      't.year',
      't.task_code',
      't.name',
      't.items',
      't.population',
      't.sub_library_id',
      't.risk_classification',
      't.quota',
      't.risk_policy',
      't.batches_per_year',
      't.period_start',
      't.period_end',
      't.modes',
      't.participant_unit_codes',
    ])
    .where('t.task_code', '=', code)
    .executeTakeFirst();
  if (!row) return null;
  const own = scope.unitCodes.includes(row.unit_code);
  const upper = row.unit_path.split('.').length < scope.path.split('.').length && scope.path.startsWith(`${row.unit_path}.`);
  const reach = (await reachOf(db, scope))(row);
  if (!reach || (!own && !upper && reach.relation !== 'joint')) return null;
  return {
    planUnitCode: row.unit_code,
    planUnitName: row.unit_name,
    planId: row.plan_id,
    planVersion: row.version_no,
    planTitle: row.title,
    year: row.year,
    code: row.task_code,
    name: row.name,
    items: row.items,
    population: row.population,
    subLibraryId: row.sub_library_id,
    classification: row.risk_classification,
    quota: row.quota as Quota | null,
    riskPolicy: row.risk_policy as RiskPolicy | null,
    batchesPerYear: row.batches_per_year,
    period: row.period_start && row.period_end ? { start: row.period_start, end: row.period_end } : null,
    mode: row.modes as ModeCell | null,
    participants: row.participant_unit_codes,
    reach,
  };
}
