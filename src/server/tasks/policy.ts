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
  /** The member departments a joint task names (发起部门 and 配合部门), empty for other tasks. */
  participants: string[];
  /** The unit that initiates (发起部门) and draws a joint task: a named department or the plan's unit. */
  initiatingUnitCode: string;
  /** The other parties of a joint task (配合部门: the plan's unit too when a department initiates); empty for other tasks. */
  cooperatingUnits: string[];
  reach: TaskReach;
}

/** The parties of a joint task besides its 发起部门 (the plan's unit first, then the departments named). */
export function cooperatingUnitsOf(task: { planUnitCode: string; participants: readonly string[]; initiatingUnitCode: string }): string[] {
  if (task.participants.length === 0) return [];
  return [...new Set([task.planUnitCode, ...task.participants])].filter((c) => c !== task.initiatingUnitCode);
}

/** The task, NOT_FOUND (no names) when it is not published or not the caller's to draw or inspect. */
export async function loadTaskFor(db: Kysely<DB>, caller: Caller, code: string): Promise<TaskInReach> {
  const task = await taskInReach(db, caller.scope, code);
  if (!task) throw outOfReach('抽查任务');
  return task;
}

/** The task as the scope's unit reaches it, or null when it does not. */
export async function taskInReach(db: Kysely<DB> | Transaction<DB>, scope: UnitScope, code: string): Promise<TaskInReach | null> {
  return (await tasksInReach(db, scope, { code }))[0] ?? null;
}

/** Which published tasks tasksInReach reads: one by its code, or those of one plan version. */
export type TaskSelection = { code: string } | { planUnitCode: string; planId: string; planVersion: number };

/**
 * The published tasks of the selection that the scope's unit reaches (as taskInReach decides
 * for each), in task code order: one query, whatever the number of tasks.
 */
export async function tasksInReach(db: Kysely<DB> | Transaction<DB>, scope: UnitScope, which: TaskSelection): Promise<TaskInReach[]> {
  const rows = await publishedTasksNear(db, scope)
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
      't.initiating_unit_code',
    ])
    .where((eb) =>
      'code' in which
        ? eb('t.task_code', '=', which.code)
        : eb.and([
            eb('t.unit_code', '=', which.planUnitCode),
            eb('t.plan_id', '=', which.planId),
            eb('t.version_no', '=', which.planVersion),
          ]),
    )
    .orderBy('t.task_code')
    .execute();
  if (rows.length === 0) return [];
  const reachOfRow = await reachOf(db, scope);
  return rows.flatMap((row) => {
    const own = scope.unitCodes.includes(row.unit_code);
    const upper = row.unit_path.split('.').length < scope.path.split('.').length && scope.path.startsWith(`${row.unit_path}.`);
    const reach = reachOfRow(row);
    if (!reach || (!own && !upper && reach.relation !== 'joint')) return [];
    const task: TaskInReach = {
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
      initiatingUnitCode: row.initiating_unit_code ?? row.unit_code,
      cooperatingUnits: cooperatingUnitsOf({
        planUnitCode: row.unit_code,
        participants: row.participant_unit_codes,
        initiatingUnitCode: row.initiating_unit_code ?? row.unit_code,
      }),
      reach,
    };
    return [task];
  });
}
