// 后续处置台账 use cases ("谁监管、谁负责"): the items of the caller's units, and the steps of
// src/core/followup/ledger.ts — measure, re-check, case number, penalty decision, feedback,
// close — each in one transaction with its audit row.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  closeLedgerItem,
  decideMeasure,
  ledgerItemDue,
  recordCaseNumber,
  recordFeedback,
  recordPenaltyDecision,
  recordRecheck,
  type LedgerItem,
  type Measure,
} from '../../core/followup/index.ts';
import type { Outcome } from '../../core/results/index.ts';
import { followUpMeasureLabel, ledgerStatusLabel, objectKindText, resultCategoryLabel } from '../../core/glossary.ts';
import { updateAudited } from '../audit/auditedRows.ts';
import { actorOf } from '../audit/recordAudit.ts';
import { nowOf, todayOf } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { loadFollowupFor, type FollowupRow } from './policy.ts';

/** A ledger item's state as stored: the core's item and the measure suggested when it opened. */
export type StoredLedgerItem = FollowupRow['state'];

export type FollowupStep =
  | { action: 'decide'; measure: Measure }
  | { action: 'recheck'; on: string; corrected: boolean; note: string; people: string[] }
  | { action: 'caseNumber'; caseNumber: string; on: string }
  | { action: 'penaltyDecision'; decisionNumber: string; on: string }
  | { action: 'feedback'; on: string; from: string; text: string }
  | { action: 'close' };

function followupView(r: FollowupRow, today: string) {
  const state = r.state;
  return {
    id: r.id,
    unitCode: r.unit_code,
    resultId: r.result_id,
    taskCode: r.task_code,
    uscc: r.uscc,
    entityName: r.entity_name,
    objectKindLabel: objectKindText(r.object_kind),
    itemName: r.item_name,
    category: r.category,
    categoryText: resultCategoryLabel[r.category],
    status: r.status,
    statusText: ledgerStatusLabel[r.status],
    dueOn: r.due_on,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
    overdue: r.status === 'open' && r.due_on !== null && r.due_on < today,
    suggestedMeasure: state.suggestedMeasure ?? null,
    measureText: state.measure ? followUpMeasureLabel[state.measure.kind] : null,
    state,
  };
}

export async function listFollowups(db: Kysely<DB>, caller: Caller, input: { status?: 'open' | 'closed' }) {
  let q = db.selectFrom('followup_item').selectAll().where('unit_code', 'in', caller.scope.unitCodes);
  if (input.status) q = q.where('status', '=', input.status);
  const rows = await q.orderBy('status', 'desc').orderBy('due_on').orderBy('opened_on').orderBy('uscc').orderBy('id').limit(1000).execute();
  const today = todayOf(caller);
  return { today, items: rows.map((r) => followupView(r, today)) };
}

function applyStep(item: LedgerItem, step: FollowupStep, today: string): Outcome<LedgerItem> {
  switch (step.action) {
    case 'decide':
      return decideMeasure(item, { measure: step.measure, on: today });
    case 'recheck':
      return recordRecheck(item, { on: step.on, corrected: step.corrected, note: step.note, people: step.people });
    case 'caseNumber':
      return recordCaseNumber(item, { caseNumber: step.caseNumber, on: step.on });
    case 'penaltyDecision':
      return recordPenaltyDecision(item, { decisionNumber: step.decisionNumber, on: step.on });
    case 'feedback':
      return recordFeedback(item, { on: step.on, from: step.from, text: step.text });
    case 'close':
      return closeLedgerItem(item, { on: today });
  }
}

/** One step on a ledger item (措施、复查、案件编号、处罚决定、反馈、完结). */
export async function actOnFollowup(db: Kysely<DB>, caller: Caller, input: { id: string; step: FollowupStep }) {
  return db.transaction().execute(async (trx) => {
    const row = await loadFollowupFor(trx, caller, input.id, 'act');
    const today = todayOf(caller);
    const outcome = applyStep(row.state, input.step, today);
    if (!outcome.ok) throw new AppError(outcome.error.code, outcome.error.message, outcome.error.details);
    const state: StoredLedgerItem = { ...row.state, ...outcome.value };
    const changed = {
      state: JSON.stringify(state),
      status: outcome.value.status,
      due_on: ledgerItemDue(outcome.value),
      closed_on: outcome.value.closedOn,
    };
    // In the chain of the item's unit, whichever unit above it acts.
    await updateAudited(
      trx,
      { unitCode: row.unit_code, ...actorOf(caller), at: nowOf(caller) },
      {
        table: 'followup_item',
        row,
        set: { ...changed, updated_at: nowOf(caller) },
        action: `followup.${input.step.action}`,
        change: { after: input.step },
      },
    );
    return followupView({ ...row, ...changed, state }, today);
  });
}
