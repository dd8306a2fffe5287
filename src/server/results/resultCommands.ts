// Result entry and review (docs/results.md): save (the people sent or office staff of the
// inspecting unit), each inspector's confirmation, submit, return with reason, publish (opening
// the follow-up ledger items), correction as a new version, 停止公示 requests and decisions,
// 经营异常名录 and attachments. Each step is one transaction that starts with the policy's
// loadVisitFor / loadResultFor (which lock what the step changes) and writes its audit row; the
// rules are src/core/results. Two identical steps at once queue on the result's lock: the second
// finds the new state and is refused (409), so a double click has one effect and one audit row.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { Kysely, Transaction, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { VisitResultTable } from '../../db/tables/results.ts';
import { checkAttachment } from '../../core/attachments/index.ts';
import {
  decidePublicationStop,
  isEditable,
  needsAbnormalListing,
  newResultRecord,
  publishResult,
  requestPublicationStop,
  returnForRevision,
  startCorrection,
  submitForReview,
  validateVisitResult,
  type Outcome,
  type ResultRecordState,
} from '../../core/results/index.ts';
import { openLedgerItem } from '../../core/followup/index.ts';
import { resultCategoryLabel, resultStatusLabel } from '../../core/glossary.ts';
import { recordAudit, type Actor } from '../audit/recordAudit.ts';
import { settleOpenRequests } from '../publicationRequests/requestStore.ts';
import { bumpPublicResultsVersion, portalColumns } from './publicPortal.ts';
import { nowOf, todayOf, type CallerClock } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import {
  actorOf,
  isDepartmentPart,
  loadResultFor,
  loadVisitFor,
  type ResultInput,
  type ResultRow,
  type StoredContent,
  type VisitContext,
} from './policy.ts';

export type { ResultInput, StoredContent } from './policy.ts';

/** The follow-up ledger's rules still answer with an Outcome. */
function unwrap<T>(outcome: Outcome<T>): T {
  if (outcome.ok) return outcome.value;
  throw new AppError(outcome.error.code, outcome.error.message, outcome.error.details);
}

/** Who must have inspected and confirmed a part: the people sent, or the department's own people. */
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

/** Writes to one result row; every write also stamps updated_at. */
async function updateResult(
  trx: Transaction<DB>,
  caller: CallerClock,
  row: { unit_code: string; id: string },
  set: Updateable<VisitResultTable>,
) {
  await trx
    .updateTable('visit_result')
    .set({ ...set, updated_at: nowOf(caller) })
    .where('unit_code', '=', row.unit_code)
    .where('id', '=', row.id)
    .execute();
  // Publishing, re-publishing and stopping change what the portal shows: its cached answers go.
  if (portalColumns.some((column) => column in set)) await bumpPublicResultsVersion(trx);
}

/** The audit row of a step on a result, in the result unit's chain (a business on the portal acts without a login). */
function auditResult(
  trx: Transaction<DB>,
  caller: Caller | (Actor & CallerClock),
  row: { unit_code: string; id: string },
  action: string,
  detail: { before?: unknown; after?: unknown; note?: string } = {},
) {
  return recordAudit(trx, {
    unitCode: row.unit_code,
    ...('actorName' in caller ? { actorUserId: caller.actorUserId, actorName: caller.actorName } : actorOf(caller)),
    action,
    objectType: 'visit_result',
    objectId: row.id,
    ...detail,
    at: nowOf(caller),
  });
}

function notEditable(record: ResultRecordState): AppError {
  return new AppError(
    'INVALID_STATE',
    `检查结果当前为“${resultStatusLabel[record.status]}”，不能修改${
      record.stoppedOn !== null
        ? `；该结果已于 ${record.stoppedOn} 停止公示`
        : record.status === 'published'
          ? '；已公示的结果请走“更正”流程（需写明原因）'
          : '；待审核的结果请等审核人退回后再修改'
    }。`,
    { status: record.status },
  );
}

/** Saves the working version (creating the result at the first save). Confirmations restart. */
export async function saveResult(db: Kysely<DB>, caller: Caller, input: ResultInput & { drawId: string; uscc: string }) {
  const { drawId, uscc, ...entry } = input;
  return db.transaction().execute(async (trx) => {
    const { visit, partUnit } = await loadVisitFor(trx, caller, drawId, uscc, 'enter');
    const departmentPart = isDepartmentPart(visit, partUnit);
    const today = todayOf(caller);
    const check = validate(visit, entry, 'all', today, departmentPart);
    if (!check.ok) throw problemsError(check.problems);
    // A department's part is attested by the department's staff who enter it; a visit's result by
    // each inspector sent, in turn (confirmResult).
    const confirmedBy = departmentPart ? peopleOf(visit, true, entry).map((p) => p.id) : [];
    const content: StoredContent = { input: entry, confirmedBy, validated: check.value, enteredBy: caller.displayName };
    const existing = await trx
      .selectFrom('visit_result')
      .selectAll()
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
          entity_name: visit.entity?.name ?? visit.object?.name ?? uscc,
          object_kind: visit.object?.kind ?? null,
          status: record.status,
          record: JSON.stringify(record),
          content: JSON.stringify(content),
          checked_on: entry.checkedOn,
          created_by_name: caller.displayName,
          created_at: nowOf(caller),
          updated_at: nowOf(caller),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await auditResult(trx, caller, { unit_code: partUnit, id: inserted.id }, 'result.create', {
        after: { drawId, uscc, checkedOn: entry.checkedOn },
      });
      return { id: inserted.id, status: record.status };
    }
    const record = existing.record as ResultRecordState;
    if (!isEditable(record)) throw notEditable(record);
    await updateResult(trx, caller, existing, { content: JSON.stringify(content), checked_on: entry.checkedOn });
    await auditResult(trx, caller, existing, 'result.edit', { before: (existing.content as StoredContent).input, after: entry });
    return { id: existing.id, status: record.status };
  });
}

/** One inspector sent to the visit confirms the working version (检查人员确认), once. */
export async function confirmResult(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  return db.transaction().execute(async (trx) => {
    const { row, visit, assignedInspectorId } = await loadResultFor(trx, caller, input.id, 'enter');
    if (isDepartmentPart(visit, row.unit_code)) {
      throw new AppError('INVALID_STATE', '部门联合检查中本部门的部分由本部门录入时确认，无需检查人员再确认；请直接提交审核。');
    }
    if (assignedInspectorId === null) throw new AppError('FORBIDDEN_ROLE', '只有本户分配的检查人员本人可以确认检查结果。');
    if (!isEditable(row.record)) throw new AppError('INVALID_STATE', '该检查结果不在草稿或退回状态，无需确认。');
    if (row.content.confirmedBy.includes(assignedInspectorId)) {
      throw new AppError('INVALID_STATE', '您已确认过当前版本的检查结果，无需再次确认；结果修改后需要重新确认。');
    }
    const confirmedBy = [...row.content.confirmedBy, assignedInspectorId];
    await updateResult(trx, caller, row, { content: JSON.stringify({ ...row.content, confirmedBy }) });
    await auditResult(trx, caller, row, 'result.confirm');
    return { confirmedBy, waitingFor: visit.inspectors.filter((p) => !confirmedBy.includes(p.id)).map((p) => p.name) };
  });
}

/** 提交审核: every person sent has confirmed (or the department attested its part). */
export async function submitResult(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  return db.transaction().execute(async (trx) => {
    const { row, visit } = await loadResultFor(trx, caller, input.id, 'enter');
    const next = submitForReview(row.record);
    const check = validate(visit, row.content.input, row.content.confirmedBy, todayOf(caller), isDepartmentPart(visit, row.unit_code));
    if (!check.ok) throw problemsError(check.problems);
    await updateResult(trx, caller, row, { status: next.status, record: JSON.stringify(next) });
    await auditResult(trx, caller, row, 'result.submit', { before: { status: row.record.status }, after: { status: next.status } });
    return { status: next.status };
  });
}

/** Opens the 问题台账 items a first publication calls for; returns how many. */
async function openLedgerItems(
  trx: Transaction<DB>,
  row: ResultRow,
  validated: NonNullable<StoredContent['validated']>,
  today: string,
  at: Date,
) {
  let opened = 0;
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
          object_kind: row.object_kind,
          item_name: item.itemName,
          category,
          status: 'open',
          due_on: null,
          state: JSON.stringify({ ...ledger, suggestedMeasure: need.suggestedMeasure }),
          opened_on: today,
          updated_at: at,
        })
        .execute();
      opened += 1;
    }
  }
  return opened;
}

/** 审核通过并公示: the public fields are fixed, a version row is kept, ledger items open. */
export async function publishVisitResult(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  return db.transaction().execute(async (trx) => {
    const row = await loadResultFor(trx, caller, input.id, 'review');
    const today = todayOf(caller);
    const next = publishResult(row.record, { on: today });
    const validated = row.content.validated!;
    const publicContent = {
      checkedOn: validated.checkedOn,
      categories: validated.categories,
      publicText: validated.publicText,
      version: next.version,
    };
    await updateResult(trx, caller, row, {
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
        content: JSON.stringify(row.content),
        reason: next.versions[next.versions.length - 1]?.reason ?? null,
        created_by_name: caller.displayName,
        created_at: nowOf(caller),
      })
      .execute();
    const opened = next.version === 1 ? await openLedgerItems(trx, row, validated, today, nowOf(caller)) : 0;
    await auditResult(trx, caller, row, 'result.publish', {
      after: { version: next.version, publicText: validated.publicText, followups: opened },
    });
    return {
      status: next.status,
      publishedOn: today,
      followupsOpened: opened,
      abnormalList: row.object_kind === null ? validated.followUp.abnormalList : [],
    };
  });
}

/**
 * A reviewer's step on a result: lock it, check the reviewer, let the core decide the next
 * state, store it and audit it, in one transaction.
 */
async function reviewStep(
  db: Kysely<DB>,
  caller: Caller,
  id: string,
  audit: { action: string; note: string; after?: (next: ResultRecordState) => unknown },
  step: (record: ResultRecordState, today: string) => ResultRecordState,
): Promise<ResultRecordState> {
  return db.transaction().execute(async (trx) => {
    const row = await loadResultFor(trx, caller, id, 'review');
    const next = step(row.record, todayOf(caller));
    await updateResult(trx, caller, row, { status: next.status, record: JSON.stringify(next) });
    await auditResult(trx, caller, row, audit.action, { note: audit.note, ...(audit.after ? { after: audit.after(next) } : {}) });
    return next;
  });
}

export async function returnResult(db: Kysely<DB>, caller: Caller, input: { id: string; reason: string }) {
  const next = await reviewStep(db, caller, input.id, { action: 'result.return', note: input.reason }, (record, on) =>
    returnForRevision(record, { on, reason: input.reason }),
  );
  return { status: next.status };
}

export async function correctResult(db: Kysely<DB>, caller: Caller, input: { id: string; reason: string }) {
  const next = await reviewStep(
    db,
    caller,
    input.id,
    { action: 'result.correct', note: input.reason, after: (n) => ({ version: n.version }) },
    (record, on) => startCorrection(record, { on, reason: input.reason }),
  );
  return { status: next.status, version: next.version };
}

/** Registers a business's 停止公示 request; `publicationMonths` is the operator's 公示期 setting. */
export async function requestStop(db: Kysely<DB>, caller: Caller, input: { id: string; reason: string; publicationMonths: number }) {
  const next = await reviewStep(db, caller, input.id, { action: 'result.stopRequest', note: input.reason }, (record, on) =>
    requestPublicationStop(record, { on, reason: input.reason, publicationPeriodMonths: input.publicationMonths }),
  );
  return { stopRequests: next.stopRequests };
}

/**
 * The 停止公示 request of a result already locked by the caller's transaction — the business's own
 * application from the portal (publicationRequests) registers it here, as staff do above.
 */
export async function registerStopRequest(
  trx: Transaction<DB>,
  actor: Actor,
  row: ResultRow,
  input: { reason: string; publicationMonths: number; on: string },
): Promise<ResultRecordState> {
  const next = requestPublicationStop(row.record, { on: input.on, reason: input.reason, publicationPeriodMonths: input.publicationMonths });
  await updateResult(trx, {}, row, { status: next.status, record: JSON.stringify(next) });
  await auditResult(trx, actor, row, 'result.stopRequest', { note: input.reason });
  return next;
}

export async function decideStop(db: Kysely<DB>, caller: Caller, input: { id: string; approve: boolean; reason: string }) {
  return db.transaction().execute(async (trx) => {
    const row = await loadResultFor(trx, caller, input.id, 'review');
    return decideStopOf(trx, caller, row, input);
  });
}

/**
 * The one way a 停止公示 request is decided, on a result the caller's transaction has loaded for
 * review: the core decides, 同意 sets stopped_on (which raises the portal's version, so the result
 * is gone from the next portal answer), and the business's open application of the result, if it
 * made one on the portal, takes the same decision.
 */
export async function decideStopOf(trx: Transaction<DB>, caller: Caller, row: ResultRow, input: { approve: boolean; reason: string }) {
  const next = decidePublicationStop(row.record, { approve: input.approve, on: todayOf(caller), reason: input.reason });
  await updateResult(trx, caller, row, { status: next.status, record: JSON.stringify(next), stopped_on: next.stoppedOn });
  await auditResult(trx, caller, row, input.approve ? 'result.stopApproved' : 'result.stopRejected', { note: input.reason });
  const decided = next.stopRequests[next.stopRequests.length - 1]!;
  await settleOpenRequests(trx, caller, row, {
    approve: input.approve,
    on: decided.decidedOn!,
    reason: decided.decisionReason!,
  });
  return { stoppedOn: next.stoppedOn, stopRequests: next.stopRequests };
}

/** 列入经营异常名录 for a published 无法联系 / 未按规定公示 result, once. */
export async function recordAbnormalListing(db: Kysely<DB>, caller: Caller, input: { id: string; on: string; decisionNumber: string }) {
  return db.transaction().execute(async (trx) => {
    const row = await loadResultFor(trx, caller, input.id, 'review');
    const categories = (row.public_content as { categories?: string[] } | null)?.categories ?? [];
    if (row.object_kind !== null) {
      throw new AppError('INVALID_STATE', '经营异常名录只列入市场主体；该检查结果的对象不是市场主体，不需要登记列入。');
    }
    if (!needsAbnormalListing(categories)) {
      throw new AppError(
        'INVALID_STATE',
        '该检查结果不是“无法联系”或“未按规定公示应当公示的信息”，不需要列入经营异常名录；如结果有误，请先更正。',
      );
    }
    if (row.abnormal_listed_on)
      throw new AppError('INVALID_STATE', `已于 ${row.abnormal_listed_on} 登记列入经营异常名录（${row.abnormal_decision ?? ''}）。`);
    if (row.checked_on && input.on < row.checked_on)
      throw new AppError('VALIDATION_FAILED', `列入日期 ${input.on} 早于检查日期 ${row.checked_on}，请核对。`);
    await updateResult(trx, caller, row, { abnormal_listed_on: input.on, abnormal_decision: input.decisionNumber });
    await auditResult(trx, caller, row, 'result.abnormalListing', { after: { on: input.on, decisionNumber: input.decisionNumber } });
    return { listedOn: input.on, decisionNumber: input.decisionNumber };
  });
}

/**
 * Adds an attachment (现场照片, 扫描件) to the working version. A result in review or published is
 * fixed: evidence is added while it is a draft or returned, or to a correction's new version.
 */
export async function addAttachment(
  db: Kysely<DB>,
  caller: Caller,
  input: { id: string; file: { path: string; fileName: string } | null; declaredMime: string | null },
) {
  if (!input.file) throw new AppError('BAD_FILE', '请上传附件文件。');
  const bytes = new Uint8Array(fs.readFileSync(input.file.path));
  const fileName = input.file.fileName;
  return db.transaction().execute(async (trx) => {
    const { row } = await loadResultFor(trx, caller, input.id, 'enter');
    if (!isEditable(row.record)) {
      throw new AppError(
        'INVALID_STATE',
        row.record.status === 'published' || row.record.stoppedOn !== null
          ? '检查结果已公示，附件不能再增加；如需补充材料，请先发起“更正”（写明原因），在新版本中上传。'
          : '检查结果正在审核中，附件不能再增加；如需补充材料，请等审核人退回后上传。',
        { status: row.record.status },
      );
    }
    const check = checkAttachment({ fileName, declaredMime: input.declaredMime, bytes });
    if (!check.ok) throw new AppError(check.httpCode, check.message, check.details);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const inserted = await trx
      .insertInto('visit_attachment')
      .values({
        unit_code: row.unit_code,
        result_id: row.id,
        file_name: fileName,
        kind: check.kind,
        bytes: bytes.length,
        sha256,
        content: bytes,
        uploaded_by_name: caller.displayName,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await auditResult(trx, caller, row, 'result.attachment', { after: { file: fileName, kind: check.kind, bytes: bytes.length, sha256 } });
    return { id: inserted.id, kind: check.kind, bytes: bytes.length, sha256 };
  });
}
