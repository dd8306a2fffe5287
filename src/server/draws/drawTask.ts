// The published task a unit may draw (issue 4 mode → issue 5): loaded by 任务编号 from the
// plan's published version, with the caller's reach (own plan, 县抽县查 of an upper plan).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { levelOfKind, taskReach, type ModeCell, type Quota, type RiskPolicy, type TaskReach } from '../../core/plan/index.ts';
import type { UnitScope } from '../access/scope.ts';
import { AppError } from '../http/errors.ts';

export interface DrawableTask {
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
  quota: Quota | null;
  riskPolicy: RiskPolicy | null;
  batchesPerYear: number;
  period: { start: string; end: string } | null;
  mode: ModeCell | null;
  participants: string[];
  reach: TaskReach;
}

export async function loadTaskInReach(db: Kysely<DB>, scope: UnitScope, code: string): Promise<DrawableTask> {
  const row = await db
    .selectFrom('plan_task as t')
    .innerJoin('plan as p', (j) =>
      j.onRef('p.unit_code', '=', 't.unit_code').onRef('p.id', '=', 't.plan_id').onRef('p.published_version', '=', 't.version_no'),
    )
    .innerJoin('plan_version as v', (j) =>
      j.onRef('v.unit_code', '=', 'p.unit_code').onRef('v.plan_id', '=', 'p.id').onRef('v.version_no', '=', 'p.published_version'),
    )
    .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
    .leftJoin('org_unit as op', 'op.code', 'o.parent_code')
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
  const notFound = () =>
    new AppError('NOT_FOUND', `任务 ${code} 不存在、所在计划尚未发布，或不是您当前所在单位（${scope.unitName}）负责抽取或检查的任务。`, {
      code,
    });
  if (!row) throw notFound();
  const me = await db
    .selectFrom('org_unit as u')
    .leftJoin('org_unit as parent', 'parent.code', 'u.parent_code')
    .select(['u.kind', 'parent.kind as parent_kind'])
    .where('u.code', '=', scope.unitCode)
    .executeTakeFirstOrThrow();
  const own = scope.unitCodes.includes(row.unit_code);
  const upper = row.unit_path.split('.').length < scope.path.split('.').length && scope.path.startsWith(`${row.unit_path}.`);
  const reach = taskReach({
    own,
    participant: row.participant_unit_codes.some((c) => scope.unitCodes.includes(c)),
    level: levelOfKind(me.kind, me.parent_kind),
    ownerLevel: levelOfKind(row.unit_kind, row.unit_parent_kind),
    mode: row.modes as ModeCell | null,
  });
  if (!reach || (!own && !upper && reach.relation !== 'joint')) throw notFound();
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
    quota: row.quota as Quota | null,
    riskPolicy: row.risk_policy as RiskPolicy | null,
    batchesPerYear: row.batches_per_year,
    period: row.period_start && row.period_end ? { start: row.period_start, end: row.period_end } : null,
    mode: row.modes as ModeCell | null,
    participants: row.participant_unit_codes,
    reach,
  };
}
