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
import { onePage, pagedAnswer, type PageRequest } from '../http/paging.ts';
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

export interface FollowupListQuery extends PageRequest {
  status?: 'open' | 'closed';
}

/**
 * A page of the items of the caller's units: 未完结 before 已完结, then by deadline (none last),
 * opening day, object code and id — a total order, so pages neither repeat nor skip an item. The
 * answer counts every matching item and the overdue ones among them, not only the page's.
 */
export async function listFollowups(db: Kysely<DB>, caller: Caller, input: FollowupListQuery) {
  const today = todayOf(caller);
  let base = db.selectFrom('followup_item').where('unit_code', 'in', caller.scope.unitCodes);
  if (input.status) base = base.where('status', '=', input.status);
  const counts = await base
    .select((eb) => [
      eb.fn.countAll<string>().as('total'),
      eb.fn
        .count<string>('id')
        .filterWhere((w) => w.and([w('status', '=', 'open'), w('due_on', '<', today)]))
        .as('overdue'),
    ])
    .executeTakeFirstOrThrow();
  const rows = await base
    .selectAll()
    .orderBy('status', 'desc')
    .orderBy('due_on')
    .orderBy('opened_on')
    .orderBy('uscc')
    .orderBy('id')
    .$call(onePage(input))
    .execute();
  return {
    ...pagedAnswer(
      rows.map((r) => followupView(r, today)),
      Number(counts.total),
      input,
    ),
    overdue: Number(counts.overdue),
    today,
  };
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
