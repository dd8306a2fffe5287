// A drawn visit (draw + object) as the inspection side sees it: the task window, the items,
// the assigned inspectors and the inspecting unit (from the visit rows).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { AppError } from '../http/errors.ts';
import { peopleSentTo } from '../visits/visitStore.ts';

export interface VisitContext {
  drawId: string;
  drawUnitCode: string;
  drawCode: string;
  taskCode: string;
  taskName: string;
  year: number;
  window: { start: string; end: string } | null;
  uscc: string;
  entity: { name: string; address: string | null; legalRep: string | null; regStatus: string; unitCode: string } | null;
  items: string[];
  inspectingUnit: string;
  inspectors: { code: string; id: string; name: string; category: string }[];
  /** A task of a 部门联合 plan: each participant department enters its own part. */
  joint: boolean;
  /** Member departments the task names (发起部门, 配合部门). */
  participants: string[];
}

/** The inspector record of a login, or null (a login that is not in the 执法检查人员名录库). */
export async function inspectorOfUser(db: Kysely<DB>, userId: string) {
  return (await db.selectFrom('inspector').select(['id', 'name', 'unit_code']).where('user_id', '=', userId).executeTakeFirst()) ?? null;
}

export async function loadVisit(db: Kysely<DB>, drawId: string, uscc: string): Promise<VisitContext> {
  const draw = await db
    .selectFrom('draw as d')
    .leftJoin('plan_task as t', (j) =>
      j
        .onRef('t.unit_code', '=', 'd.plan_unit_code')
        .onRef('t.plan_id', '=', 'd.plan_id')
        .onRef('t.version_no', '=', 'd.plan_version')
        .onRef('t.task_code', '=', 'd.task_code'),
    )
    .leftJoin('plan as p', (j) => j.onRef('p.unit_code', '=', 'd.plan_unit_code').onRef('p.id', '=', 'd.plan_id'))
    .select([
      'd.unit_code',
      'd.id',
      'd.draw_code',
      'd.task_code',
      'd.year',
      'd.status',
      'd.result',
      't.name as task_name',
      't.period_start',
      't.period_end',
      't.participant_unit_codes',
      'p.kind as plan_kind',
    ])
    .where('d.id', '=', drawId)
    .executeTakeFirst();
  const missing = new AppError('NOT_FOUND', `抽取记录 ${drawId} 中没有检查户 ${uscc}，或该抽取尚未摇号、已作废。`, { drawId, uscc });
  if (!draw || draw.status !== 'drawn') throw missing;
  const visits = ((draw.result as { visits?: { id: string; items: string[] }[] } | null)?.visits ?? []) as {
    id: string;
    items: string[];
  }[];
  const visit = visits.find((v) => v.id === uscc);
  if (!visit) throw missing;
  // The inspecting unit and the people sent: the visit rows (src/server/visits/visitStore.ts).
  const row = await db
    .selectFrom('visit')
    .select('inspecting_unit_code')
    .where('draw_unit_code', '=', draw.unit_code)
    .where('draw_id', '=', draw.id)
    .where('object_id', '=', uscc)
    .executeTakeFirst();
  const people = await peopleSentTo(db, { unitCode: draw.unit_code, id: draw.id }, uscc);
  const entity = await db
    .selectFrom('market_entity')
    .select(['name', 'address', 'legal_rep', 'reg_status', 'unit_code'])
    .where('uscc', '=', uscc)
    .executeTakeFirst();
  return {
    drawId: draw.id,
    drawUnitCode: draw.unit_code,
    drawCode: draw.draw_code,
    taskCode: draw.task_code,
    taskName: draw.task_name ?? draw.task_code,
    year: draw.year,
    window: draw.period_start && draw.period_end ? { start: draw.period_start, end: draw.period_end } : null,
    uscc,
    entity: entity
      ? { name: entity.name, address: entity.address, legalRep: entity.legal_rep, regStatus: entity.reg_status, unitCode: entity.unit_code }
      : null,
    items: visit.items,
    inspectingUnit: row?.inspecting_unit_code ?? draw.unit_code,
    inspectors: people.map((p) => ({ code: p.code, id: p.inspector_id, name: p.name, category: p.category })),
    joint: draw.plan_kind === 'joint',
    participants: draw.participant_unit_codes ?? [],
  };
}

/**
 * Who may enter the result, and whose part it is: one of the visit's assigned inspectors or
 * office staff (业务科室, 信用监管) of the inspecting unit enter the visit's result; on a 部门联合
 * task, staff of a member department the task names enter their department's own part.
 * Anyone else gets a precise refusal.
 */
export async function assertMayEnter(
  db: Kysely<DB>,
  who: Caller,
  visit: VisitContext,
): Promise<{ inspectorId: string | null; partUnit: string }> {
  const me = await inspectorOfUser(db, who.userId);
  if (me && visit.inspectors.some((p) => p.id === me.id)) return { inspectorId: me.id, partUnit: visit.inspectingUnit };
  if (who.role !== 'inspector' && who.scope.unitCodes.includes(visit.inspectingUnit))
    return { inspectorId: null, partUnit: visit.inspectingUnit };
  if (who.role !== 'inspector' && visit.joint && visit.participants.includes(who.scope.unitCode))
    return { inspectorId: null, partUnit: who.scope.unitCode };
  const assigned = visit.inspectors.map((p) => p.name).join('、') || '（尚未匹配检查人员）';
  throw new AppError(
    'FORBIDDEN_UNIT',
    `检查户 ${visit.entity?.name ?? visit.uscc}（${visit.drawCode}）分配给 ${assigned}，不是分配给您的检查任务，不能录入或修改其检查结果。`,
    {
      drawId: visit.drawId,
      uscc: visit.uscc,
    },
  );
}

/** Is a stored result a member department's own part of a 部门联合 visit? */
export function isDepartmentPart(visit: VisitContext, resultUnit: string): boolean {
  return visit.joint && resultUnit !== visit.inspectingUnit && visit.participants.includes(resultUnit);
}
