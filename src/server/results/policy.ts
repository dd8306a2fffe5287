// Who may do what to a 检查户 (visit) and its 检查结果:
// - read a visit: the inspecting unit and the units above it, the drawing unit and the units
//   above it, the people sent to it now, and on a 部门联合 task the member departments it names.
// - enter a result (save, confirm, submit, attachments): the people sent to the visit, office staff
//   (not the inspector role) of the inspecting unit or above, and on a 部门联合 task the staff of a
//   member department for their department's own part (and of the plan's bureau, when a member
//   department initiated and inspects the joint task). A reader who may not enter gets a refusal
//   that names nobody.
// - review a result (return, publish, correct, 停止公示, 经营异常名录): office staff of the result's
//   unit or a unit above it.
// Anything outside these gets the one NOT_FOUND answer (access/reach.ts), identical for an existing
// and a made-up id, so a draw id — public in draw notices — tells a sibling unit nothing.
//
// Locks, always in this order so concurrent steps queue instead of deadlocking: the draw row FOR
// SHARE (a re-match, a swap or a void of the draw waits for the entry and then sees the result),
// the visit row FOR UPDATE (two first saves of one visit queue: one creates, the other edits), the
// result row FOR UPDATE (two identical steps queue: the second finds the new state and is refused).
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { VisitResultTable } from '../../db/tables/results.ts';
import { objectKindLabel, type InspectionMethod, type ObjectKind, type ResultCategory } from '../../core/glossary.ts';
import type { ItemResultInput, ResultRecordState, VisitResult } from '../../core/results/index.ts';
import { outOfReach } from '../access/reach.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { peopleSentTo } from '../visits/visitStore.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type VisitAccess = 'read' | 'enter';
export type ResultAccess = 'read' | 'enter' | 'review';

/** One item's entry as validated at the door: the category and method codes are known codes. */
export type ItemEntry = Omit<ItemResultInput, 'categories' | 'methods'> & { categories: ResultCategory[]; methods: InspectionMethod[] };

export interface ResultInput {
  checkedOn: string;
  items: { itemName: string; result: ItemEntry }[];
  /** A member department's part of a 部门联合 visit: the department's own inspectors (≥2 names). */
  departmentInspectors?: string[];
}

/** The working version of a result as stored in `visit_result.content`. */
export interface StoredContent {
  input: ResultInput;
  confirmedBy: string[];
  validated: VisitResult | null;
  enteredBy: string;
}

export type ResultRow = Omit<Selectable<VisitResultTable>, 'record' | 'content'> & {
  record: ResultRecordState;
  content: StoredContent;
};

export interface VisitContext {
  drawId: string;
  drawUnitCode: string;
  drawCode: string;
  /** The unit whose plan holds the task (a joint task's 检查方案 is kept under it). */
  planUnitCode: string;
  taskCode: string;
  taskName: string;
  year: number;
  window: { start: string; end: string } | null;
  /** The visit's object code: a 统一社会信用代码, or a 其他检查对象's own code. */
  uscc: string;
  /** The market entity, for a visit of one (read from the directory). */
  entity: { name: string; address: string | null; legalRep: string | null; regStatus: string; unitCode: string } | null;
  /** The 其他检查对象 (产品、项目、行为、标准), for a visit of one: its kind and name as drawn. */
  object: { kind: ObjectKind; kindLabel: string; name: string } | null;
  items: string[];
  inspectingUnit: string;
  inspectors: { code: string; id: string; name: string; category: string }[];
  /** A task of a 部门联合 plan: each participant department enters its own part. */
  joint: boolean;
  /** Member departments the task names (发起部门, 配合部门). */
  participants: string[];
}

/** A visit as the caller reaches it: who they are on it, and (for entry) whose part they enter. */
export interface VisitInReach {
  visit: VisitContext;
  /** The caller's inspector record when they are one of the people sent to the visit. */
  assignedInspectorId: string | null;
  /** The caller reads it as a member department of a 部门联合 task (not as the inspecting unit). */
  departmentReader: boolean;
  /** For 'enter': the unit whose result the caller enters (the inspecting unit, or their department). */
  partUnit: string;
}

/** The inspector record of a login, or null (a login that is not in the 执法检查人员名录库). */
export async function inspectorOfUser(db: Db, userId: string) {
  return (await db.selectFrom('inspector').select(['id', 'name', 'unit_code']).where('user_id', '=', userId).executeTakeFirst()) ?? null;
}

/** The visit as stored, without any check; undefined when the draw is not drawn or has no such visit. */
async function visitRow(db: Db, drawId: string, objectId: string, lock: boolean): Promise<VisitContext | undefined> {
  if (lock) {
    // Locks name the whole key (unit and id), found first by id: on Citus a lock must name one
    // shard, and a locking query may not join. The draw FOR SHARE, then the visit FOR UPDATE.
    const owner = await db.selectFrom('draw').select('unit_code').where('id', '=', drawId).executeTakeFirst();
    if (!owner) return undefined;
    const drawn = await db
      .selectFrom('draw')
      .select('id')
      .where('unit_code', '=', owner.unit_code)
      .where('id', '=', drawId)
      .where('status', '=', 'drawn')
      .forShare()
      .executeTakeFirst();
    if (!drawn) return undefined;
    const visit = await db
      .selectFrom('visit')
      .select('object_id')
      .where('draw_unit_code', '=', owner.unit_code)
      .where('draw_id', '=', drawId)
      .where('object_id', '=', objectId)
      .forUpdate()
      .executeTakeFirst();
    if (!visit) return undefined;
  }
  const row = await db
    .selectFrom('visit as v')
    .innerJoin('draw as d', (j) => j.onRef('d.unit_code', '=', 'v.draw_unit_code').onRef('d.id', '=', 'v.draw_id'))
    // The visit's task: the draw's, or in a merged draw (合并抽取) the first task that drew it.
    .leftJoin('plan_task as t', (j) =>
      j
        .onRef('t.unit_code', '=', 'd.plan_unit_code')
        .onRef('t.plan_id', '=', 'd.plan_id')
        .onRef('t.version_no', '=', 'd.plan_version')
        .onRef('t.task_code', '=', 'v.task_code'),
    )
    .leftJoin('plan as p', (j) => j.onRef('p.unit_code', '=', 'd.plan_unit_code').onRef('p.id', '=', 'd.plan_id'))
    .select([
      'd.unit_code as draw_unit_code',
      'd.id as draw_id',
      'd.draw_code',
      'v.task_code',
      'd.year',
      'v.object_id',
      'v.object_kind',
      'v.object_name',
      'v.items',
      'v.inspecting_unit_code',
      'v.period_start',
      'v.period_end',
      't.name as task_name',
      't.participant_unit_codes',
      't.initiating_unit_code',
      'd.plan_unit_code',
      'p.kind as plan_kind',
    ])
    .where('v.draw_id', '=', drawId)
    .where('v.object_id', '=', objectId)
    .where('d.status', '=', 'drawn')
    .executeTakeFirst();
  if (!row) return undefined;
  // The business is read on its own: the directory is placed by region, the visit by unit (on
  // Citus the two are not joined). A 其他检查对象 is named by the visit as it was drawn.
  const entity =
    row.object_kind === null
      ? await db
          .selectFrom('market_entity')
          .select(['name', 'address', 'legal_rep', 'reg_status', 'unit_code'])
          .where('uscc', '=', objectId)
          .executeTakeFirst()
      : undefined;
  const people = await peopleSentTo(db, { unitCode: row.draw_unit_code, id: row.draw_id }, objectId);
  return {
    drawId: row.draw_id,
    drawUnitCode: row.draw_unit_code,
    drawCode: row.draw_code,
    planUnitCode: row.plan_unit_code,
    taskCode: row.task_code,
    taskName: row.task_name ?? row.task_code,
    year: row.year,
    window: row.period_start && row.period_end ? { start: row.period_start, end: row.period_end } : null,
    uscc: row.object_id,
    entity: entity
      ? { name: entity.name, address: entity.address, legalRep: entity.legal_rep, regStatus: entity.reg_status, unitCode: entity.unit_code }
      : null,
    object:
      row.object_kind === null
        ? null
        : { kind: row.object_kind, kindLabel: objectKindLabel[row.object_kind], name: row.object_name ?? row.object_id },
    items: row.items,
    inspectingUnit: row.inspecting_unit_code,
    inspectors: people.map((p) => ({ code: p.code, id: p.inspector_id, name: p.name, category: p.category })),
    joint: row.plan_kind === 'joint',
    // Each party of a joint task enters its own part: the departments named, and the plan's unit
    // when a member department initiates (发起部门) and inspects.
    participants: [...(row.participant_unit_codes ?? []), ...(row.initiating_unit_code ? [row.plan_unit_code] : [])],
  };
}

/**
 * The visit as the caller may read it or enter its result ('enter' locks the draw for share and
 * the visit for update; call it inside the transaction that writes). NOT_FOUND, naming nothing,
 * for a visit outside the caller's reach or one that does not exist.
 */
export async function loadVisitFor(db: Db, caller: Caller, drawId: string, objectId: string, access: VisitAccess): Promise<VisitInReach> {
  const visit = await visitRow(db, drawId, objectId, access === 'enter');
  if (!visit) throw outOfReach('检查户');
  const me = await inspectorOfUser(db, caller.userId);
  const assignedInspectorId = me !== null && visit.inspectors.some((p) => p.id === me.id) ? me.id : null;
  const units = caller.scope.unitCodes;
  // A bureau that is a party of a joint visit its member department inspects enters its own part.
  const ownPart = visit.joint && visit.participants.includes(caller.scope.unitCode) && caller.scope.unitCode !== visit.inspectingUnit;
  const overInspecting = units.includes(visit.inspectingUnit) && !ownPart;
  const departmentReader = visit.joint && visit.participants.includes(caller.scope.unitCode) && !overInspecting;
  const readable = assignedInspectorId !== null || overInspecting || units.includes(visit.drawUnitCode) || departmentReader;
  if (!readable) throw outOfReach('检查户');
  if (access === 'read') return { visit, assignedInspectorId, departmentReader, partUnit: visit.inspectingUnit };
  if (assignedInspectorId !== null) return { visit, assignedInspectorId, departmentReader: false, partUnit: visit.inspectingUnit };
  if (caller.role !== 'inspector' && overInspecting)
    return { visit, assignedInspectorId, departmentReader, partUnit: visit.inspectingUnit };
  if (caller.role !== 'inspector' && departmentReader)
    return { visit, assignedInspectorId, departmentReader, partUnit: caller.scope.unitCode };
  throw new AppError(
    'FORBIDDEN_UNIT',
    caller.role === 'inspector'
      ? '这不是分配给您的检查任务，不能录入或修改其检查结果。如确需由您检查，请联系业务科室调整检查人员。'
      : '这户的检查结果由检查单位的检查人员和业务科室录入，您所在单位不能录入或修改。',
  );
}

/** Is a stored result a member department's own part of a 部门联合 visit? */
export function isDepartmentPart(visit: VisitContext, resultUnit: string): boolean {
  return visit.joint && resultUnit !== visit.inspectingUnit && visit.participants.includes(resultUnit);
}

function resultQuery(db: Db, id: string) {
  return db.selectFrom('visit_result').selectAll().where('id', '=', id);
}

/** The result locked for update by its whole key (unit and id), found first by id (one shard on Citus). */
async function lockedResult(db: Db, id: string): Promise<Selectable<VisitResultTable> | undefined> {
  const owner = await db.selectFrom('visit_result').select('unit_code').where('id', '=', id).executeTakeFirst();
  if (!owner) return undefined;
  return db
    .selectFrom('visit_result')
    .selectAll()
    .where('unit_code', '=', owner.unit_code)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

function asResultRow(row: Selectable<VisitResultTable>): ResultRow {
  return { ...row, record: row.record as ResultRecordState, content: row.content as StoredContent };
}

/** A result with the visit it belongs to, as the caller reaches it. */
export interface ResultInReach extends VisitInReach {
  row: ResultRow;
}

/**
 * The result as the caller may read it, enter it (its visit locked as loadVisitFor does, then the
 * result for update; the caller must be entering this very part) or review it (locked for
 * update). NOT_FOUND, naming nothing, for anything outside the caller's reach.
 */
export async function loadResultFor(db: Db, caller: Caller, id: string, access: 'enter'): Promise<ResultInReach>;
export async function loadResultFor(db: Db, caller: Caller, id: string, access: 'read' | 'review'): Promise<ResultRow>;
export async function loadResultFor(db: Db, caller: Caller, id: string, access: ResultAccess): Promise<ResultRow | ResultInReach> {
  const inScope = (row: { unit_code: string }) => caller.scope.unitCodes.includes(row.unit_code);
  if (access === 'review') {
    const row = await lockedResult(db, id);
    if (!row || !inScope(row)) throw outOfReach('检查结果');
    if (caller.role === 'inspector') throw new AppError('FORBIDDEN_ROLE', '检查人员不能审核检查结果，请由业务科室或信用监管机构审核。');
    return asResultRow(row);
  }
  const peek = await resultQuery(db, id).executeTakeFirst();
  if (!peek) throw outOfReach('检查结果');
  if (access === 'read') {
    if (inScope(peek)) return asResultRow(peek);
    // The people sent to the visit read its result even when it is kept by another unit.
    await asResultOutOfReach(loadVisitFor(db, caller, peek.draw_id, peek.uscc, 'read'));
    return asResultRow(peek);
  }
  const reach = await asResultOutOfReach(loadVisitFor(db, caller, peek.draw_id, peek.uscc, 'enter'));
  const row = await lockedResult(db, id);
  if (!row) throw outOfReach('检查结果');
  if (reach.partUnit !== row.unit_code) {
    throw new AppError('FORBIDDEN_UNIT', '这是其他单位（部门）录入的部分，只能由该单位确认、提交或上传附件。');
  }
  return { ...reach, row: asResultRow(row) };
}

/**
 * A published, not stopped result of the business with this 统一社会信用代码, locked for update,
 * for an application from the portal: there is no caller, the business names itself by its code.
 * Anything else (another business's result, a result of a 其他检查对象, a draft, a stopped one, a
 * made-up id) gets one answer.
 */
export async function loadPublicResultFor(db: Db, id: string, uscc: string): Promise<ResultRow> {
  const row = await lockedResult(db, id);
  if (!row || row.uscc !== uscc || row.object_kind !== null || row.published_on === null || row.stopped_on !== null) {
    throw new AppError('NOT_FOUND', '所选检查结果不是该统一社会信用代码的已公示结果，请重新查询后选择。', null);
  }
  return asResultRow(row);
}

/** A visit out of reach, asked for through one of its results, is a result out of reach. */
async function asResultOutOfReach<T>(load: Promise<T>): Promise<T> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw outOfReach('检查结果');
    throw error;
  }
}

export { actorOf } from '../audit/recordAudit.ts';

/**
 * The results of some visits (each the part of `unitCode`), keyed `drawId/objectId`. Read apart
 * from the visits: results are placed by the unit that keeps them, visits by the drawing unit,
 * and on Citus the two are not joined.
 */
export async function resultsOfVisits(
  db: Db,
  visits: readonly { drawId: string; objectId: string; unitCode: string }[],
): Promise<Map<string, Pick<Selectable<VisitResultTable>, 'id' | 'status' | 'checked_on' | 'content'>>> {
  const found = new Map<string, Pick<Selectable<VisitResultTable>, 'id' | 'status' | 'checked_on' | 'content'>>();
  for (let i = 0; i < visits.length; i += 500) {
    const batch = visits.slice(i, i + 500);
    const rows = await db
      .selectFrom('visit_result')
      .select(['id', 'status', 'checked_on', 'content', 'draw_id', 'uscc', 'unit_code'])
      .where('draw_id', 'in', [...new Set(batch.map((v) => v.drawId))])
      .where('uscc', 'in', [...new Set(batch.map((v) => v.objectId))])
      .where('unit_code', 'in', [...new Set(batch.map((v) => v.unitCode))])
      .execute();
    const wanted = new Set(batch.map((v) => `${v.drawId}/${v.objectId}/${v.unitCode}`));
    for (const r of rows) if (wanted.has(`${r.draw_id}/${r.uscc}/${r.unit_code}`)) found.set(`${r.draw_id}/${r.uscc}`, r);
  }
  return found;
}
