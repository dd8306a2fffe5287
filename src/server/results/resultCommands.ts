// Result entry and review (issue 6): save (assigned inspectors or office staff of the inspecting
// unit), each inspector's confirmation, submit, return with reason, publish (opening the
// follow-up ledger items), correction as a new version, 停止公示 requests and decisions.
// One transaction per step, with its audit row; the rules are src/core/results.
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { VisitResultTable } from '../../db/tables/results.ts';
import {
  decidePublicationStop,
  newResultRecord,
  publishResult,
  requestPublicationStop,
  returnForRevision,
  startCorrection,
  submitForReview,
  validateVisitResult,
  isEditable,
  type ItemResultInput,
  type Outcome,
  type ResultRecordState,
  type VisitResult,
} from '../../core/results/index.ts';
import { openLedgerItem } from '../../core/followup/index.ts';
import { resultCategoryLabel } from '../../core/glossary.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { bumpPublicResultsVersion, portalColumns } from './publicPortal.ts';
import { todayInChina } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { assertMayEnter, isDepartmentPart, loadVisit, type VisitContext } from './visits.ts';

export interface ResultInput {
  checkedOn: string;
  items: { itemName: string; result: ItemResultInput }[];
  /** A member department's part of a 部门联合 visit: the department's own inspectors (≥2 names). */
  departmentInspectors?: string[];
}

export interface StoredContent {
  input: ResultInput;
  confirmedBy: string[];
  validated: VisitResult | null;
  enteredBy: string;
}

function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new AppError(outcome.error.code, outcome.error.message, outcome.error.details);
}

/** Who must have inspected and confirmed a part: the matched team, or the department's own people. */
function peopleOf(visit: VisitContext, departmentPart: boolean, input: ResultInput) {
  if (!departmentPart) return visit.inspectors.map((p) => ({ id: p.id, name: p.name }));
  return (input.departmentInspectors ?? []).map((name, i) => ({ id: `dept:${i + 1}`, name }));
}

function validate(visit: VisitContext, input: ResultInput, confirmedBy: string[] | 'all', today: string, departmentPart = false) {
  const people = peopleOf(visit, departmentPart, input);
  return validateVisitResult({
    items: input.items.map((item, i) => ({ itemCode: `${i + 1}`, itemName: item.itemName, result: item.result })),
    checkedOn: input.checkedOn,
    taskWindow: visit.window ?? { start: '', end: '' },
    today,
    assignedInspectors: people,
    confirmedBy: confirmedBy === 'all' ? people.map((p) => p.id) : confirmedBy,
  });
}

function problemsError(problems: { field: string; message: string }[]): AppError {
  return new AppError('VALIDATION_FAILED', `检查结果有 ${problems.length} 处需要修改：${problems.map((p) => p.message).join('；')}。`, {
    problems,
  });
}

const actorOf = (who: Caller) => ({ actorUserId: who.userId, actorName: who.displayName });

/** Writes to one result row; every write also stamps updated_at. */
async function updateResult(trx: Transaction<DB>, row: { unit_code: string; id: string }, set: Updateable<VisitResultTable>) {
  await trx
    .updateTable('visit_result')
    .set({ ...set, updated_at: new Date() })
    .where('unit_code', '=', row.unit_code)
    .where('id', '=', row.id)
    .execute();
  // Publishing, re-publishing and stopping change what the portal shows: its cached answers go.
  if (portalColumns.some((column) => column in set)) await bumpPublicResultsVersion(trx);
}

/** The audit row of a step on a result, in the result unit's chain. */
function auditResult(
  trx: Transaction<DB>,
  who: Caller,
  row: { unit_code: string; id: string },
  action: string,
  detail: { before?: unknown; after?: unknown; note?: string } = {},
) {
  return recordAudit(trx, { unitCode: row.unit_code, ...actorOf(who), action, objectType: 'visit_result', objectId: row.id, ...detail });
}

async function lockResult(trx: Transaction<DB>, id: string) {
  // Locked by its whole key (unit and id), found first by id: on Citus a lock names one shard.
  const owner = await trx.selectFrom('visit_result').select('unit_code').where('id', '=', id).executeTakeFirst();
  const row =
    owner &&
    (await trx
      .selectFrom('visit_result')
      .selectAll()
      .where('unit_code', '=', owner.unit_code)
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst());
  if (!row) throw new AppError('NOT_FOUND', `检查结果 ${id} 不存在。`, { id });
  return row;
}

/** Saves the working version (creating the result at the first save). Confirmations restart. */
export async function saveResult(db: Kysely<DB>, who: Caller, drawId: string, uscc: string, input: ResultInput) {
  const visit = await loadVisit(db, drawId, uscc);
  const { partUnit } = await assertMayEnter(db, who, visit);
  const departmentPart = isDepartmentPart(visit, partUnit);
  const today = todayInChina();
  const check = validate(visit, input, 'all', today, departmentPart);
  if (!check.ok) throw problemsError(check.problems);
  // A department's part is attested by the department's staff who enter it; a visit's result by
  // each matched inspector in turn (confirmResult).
  const confirmedBy = departmentPart ? peopleOf(visit, true, input).map((p) => p.id) : [];
  const content: StoredContent = { input, confirmedBy, validated: check.value, enteredBy: who.displayName };
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('visit_result')
      .select(['id'])
      .where('draw_id', '=', drawId)
      .where('uscc', '=', uscc)
      .where('unit_code', '=', partUnit)
      .forUpdate()
      .executeTakeFirst();
    if (!existing) {
      const record = newResultRecord(today);
      const inserted = await trx
        .insertInto('visit_result')
        .values({
          unit_code: partUnit,
          draw_unit_code: visit.drawUnitCode,
          draw_id: drawId,
          task_code: visit.taskCode,
          year: visit.year,
          uscc,
          entity_name: visit.entity?.name ?? uscc,
          status: record.status,
          record: JSON.stringify(record),
          content: JSON.stringify(content),
          checked_on: input.checkedOn,
          created_by_name: who.displayName,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        unitCode: partUnit,
        ...actorOf(who),
        action: 'result.create',
        objectType: 'visit_result',
        objectId: inserted.id,
        after: { drawId, uscc, checkedOn: input.checkedOn },
      });
      return { id: inserted.id, status: record.status };
    }
    const row = await lockResult(trx, existing.id);
    const record = row.record as ResultRecordState;
    if (!isEditable(record)) {
      throw new AppError(
        'INVALID_STATE',
        `检查结果当前为“${{ draft: '草稿', pendingReview: '待审核', returned: '退回', published: '已公示' }[record.status]}”，不能修改${record.status === 'published' ? '；已公示的结果请走“更正”流程（需写明原因）' : '；待审核的结果请等审核人退回后再修改'}。`,
        { status: record.status },
      );
    }
    await updateResult(trx, row, { content: JSON.stringify(content), checked_on: input.checkedOn });
    await auditResult(trx, who, row, 'result.edit', { before: (row.content as StoredContent).input, after: input });
    return { id: row.id, status: record.status };
  });
}

/** Loads a result with its visit, for the steps after the first save. */
async function resultWithVisit(trx: Transaction<DB>, id: string) {
  const row = await lockResult(trx, id);
  const visit = await loadVisit(trx, row.draw_id, row.uscc);
  return { row, visit, record: row.record as ResultRecordState, content: row.content as StoredContent };
}

/** One assigned inspector confirms the working version (检查人员确认). */
export async function confirmResult(db: Kysely<DB>, who: Caller, id: string) {
  return db.transaction().execute(async (trx) => {
    const { row, visit, record, content } = await resultWithVisit(trx, id);
    if (isDepartmentPart(visit, row.unit_code)) {
      throw new AppError('INVALID_STATE', '部门联合检查中本部门的部分由本部门录入时确认，无需检查人员再确认；请直接提交审核。');
    }
    const me = await assertMayEnter(trx, who, visit);
    if (me.inspectorId === null) throw new AppError('FORBIDDEN_ROLE', '只有本户分配的检查人员本人可以确认检查结果。');
    if (!isEditable(record)) throw new AppError('INVALID_STATE', '该检查结果不在草稿或退回状态，无需确认。');
    const confirmedBy = [...new Set([...content.confirmedBy, me.inspectorId])];
    await updateResult(trx, row, { content: JSON.stringify({ ...content, confirmedBy }) });
    await auditResult(trx, who, row, 'result.confirm');
    return { confirmedBy, waitingFor: visit.inspectors.filter((p) => !confirmedBy.includes(p.id)).map((p) => p.name) };
  });
}

export async function submitResult(db: Kysely<DB>, who: Caller, id: string) {
  return db.transaction().execute(async (trx) => {
    const { row, visit, record, content } = await resultWithVisit(trx, id);
    const { partUnit } = await assertMayEnter(trx, who, visit);
    if (partUnit !== row.unit_code) throw new AppError('FORBIDDEN_UNIT', '这是其他单位（部门）录入的部分，只能由该单位提交。');
    const check = validate(visit, content.input, content.confirmedBy, todayInChina(), isDepartmentPart(visit, row.unit_code));
    if (!check.ok) throw problemsError(check.problems);
    const next = unwrap(submitForReview(record));
    await updateResult(trx, row, { status: next.status, record: JSON.stringify(next) });
    await auditResult(trx, who, row, 'result.submit', { before: { status: record.status }, after: { status: next.status } });
    return { status: next.status };
  });
}

function assertReviewer(who: Caller, row: { unit_code: string }) {
  if (who.role === 'inspector') throw new AppError('FORBIDDEN_ROLE', '检查人员不能审核检查结果，请由业务科室或信用监管机构审核。');
  if (!who.scope.unitCodes.includes(row.unit_code))
    throw new AppError('FORBIDDEN_UNIT', `该检查结果由${row.unit_code}负责，您当前所在单位（${who.scope.unitName}）无权审核。`);
}

/** 审核通过并公示: the public fields are fixed, a version row is kept, ledger items open. */
export async function publishVisitResult(db: Kysely<DB>, who: Caller, id: string) {
  return db.transaction().execute(async (trx) => {
    const { row, record, content } = await resultWithVisit(trx, id);
    assertReviewer(who, row);
    const today = todayInChina();
    const next = unwrap(publishResult(record, { on: today }));
    const validated = content.validated!;
    const publicContent = {
      checkedOn: validated.checkedOn,
      categories: validated.categories,
      publicText: validated.publicText,
      version: next.version,
    };
    await updateResult(trx, row, {
      status: next.status,
      record: JSON.stringify(next),
      public_content: JSON.stringify(publicContent),
      public_text: validated.publicText,
      published_on: today,
      checked_on: validated.checkedOn,
    });
    await trx
      .insertInto('visit_result_version')
      .values({
        unit_code: row.unit_code,
        result_id: row.id,
        version_no: next.version,
        content: JSON.stringify(content),
        reason: next.versions[next.versions.length - 1]?.reason ?? null,
        created_by_name: who.displayName,
      })
      .onConflict((oc) => oc.columns(['unit_code', 'result_id', 'version_no']).doNothing())
      .execute();
    let opened = 0;
    if (next.version === 1) {
      for (const [i, item] of validated.items.entries()) {
        for (const category of item.result.categories) {
          const need = validated.followUp.ledger.find((l) => l.category === category);
          if (!need) continue;
          const ledger = unwrap(
            openLedgerItem({
              taskNumber: row.task_code,
              findingId: `${row.id}#${i + 1}#${category}`,
              finding: item.result.findings ?? resultCategoryLabel[category],
              openedOn: today,
            }),
          );
          await trx
            .insertInto('followup_item')
            .values({
              unit_code: row.unit_code,
              result_id: row.id,
              task_code: row.task_code,
              uscc: row.uscc,
              entity_name: row.entity_name,
              item_name: item.itemName,
              category,
              status: 'open',
              due_on: null,
              state: JSON.stringify({ ...ledger, suggestedMeasure: need.suggestedMeasure }),
              opened_on: today,
            })
            .execute();
          opened += 1;
        }
      }
    }
    await auditResult(trx, who, row, 'result.publish', {
      after: { version: next.version, publicText: validated.publicText, followups: opened },
    });
    return { status: next.status, publishedOn: today, followupsOpened: opened, abnormalList: validated.followUp.abnormalList };
  });
}

/**
 * A reviewer's step on a result: lock it, check the reviewer, let the core decide the next
 * state, store it (with `extra` columns) and audit it, in one transaction.
 */
async function reviewStep(
  db: Kysely<DB>,
  who: Caller,
  id: string,
  audit: { action: string; note: string; after?: (next: ResultRecordState) => unknown },
  step: (record: ResultRecordState, today: string) => Outcome<ResultRecordState>,
  extra: (next: ResultRecordState) => { stopped_on?: string | null } = () => ({}),
): Promise<ResultRecordState> {
  return db.transaction().execute(async (trx) => {
    const row = await lockResult(trx, id);
    assertReviewer(who, row);
    const next = unwrap(step(row.record as ResultRecordState, todayInChina()));
    await updateResult(trx, row, { status: next.status, record: JSON.stringify(next), ...extra(next) });
    await auditResult(trx, who, row, audit.action, { note: audit.note, ...(audit.after ? { after: audit.after(next) } : {}) });
    return next;
  });
}

export async function returnResult(db: Kysely<DB>, who: Caller, id: string, reason: string) {
  const next = await reviewStep(db, who, id, { action: 'result.return', note: reason }, (record, on) =>
    returnForRevision(record, { on, reason }),
  );
  return { status: next.status };
}

export async function correctResult(db: Kysely<DB>, who: Caller, id: string, reason: string) {
  const next = await reviewStep(
    db,
    who,
    id,
    { action: 'result.correct', note: reason, after: (n) => ({ version: n.version }) },
    (record, on) => startCorrection(record, { on, reason }),
  );
  return { status: next.status, version: next.version };
}

export async function requestStop(db: Kysely<DB>, who: Caller, id: string, reason: string, publicationPeriodMonths: number) {
  const next = await reviewStep(db, who, id, { action: 'result.stopRequest', note: reason }, (record, on) =>
    requestPublicationStop(record, { on, reason, publicationPeriodMonths }),
  );
  return { stopRequests: next.stopRequests };
}

export async function decideStop(db: Kysely<DB>, who: Caller, id: string, approve: boolean, reason: string) {
  const next = await reviewStep(
    db,
    who,
    id,
    { action: approve ? 'result.stopApproved' : 'result.stopRejected', note: reason },
    (record, on) => decidePublicationStop(record, { approve, on, reason }),
    (n) => ({ stopped_on: n.stoppedOn }),
  );
  return { stoppedOn: next.stoppedOn, stopRequests: next.stopRequests };
}
