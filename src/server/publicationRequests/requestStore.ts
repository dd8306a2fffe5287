// The rows of 停止公示申请 that a decision on a result closes. Called by the result's one decision
// path (results/resultCommands.ts decideStopOf) in its transaction, after the result is locked, so
// the staff decision on the result and the business's application never disagree — whichever
// screen the decision was taken on.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, recordAudit } from '../audit/recordAudit.ts';
import { nowOf } from '../clock.ts';
import type { Caller } from '../http/route.ts';

/** Closes the open applications of one result with the decision; each closing is audited. */
export async function settleOpenRequests(
  trx: Transaction<DB>,
  caller: Caller,
  result: { unit_code: string; id: string },
  decision: { approve: boolean; on: string; reason: string },
): Promise<number> {
  const closed = await trx
    .updateTable('publication_request')
    .set({
      status: decision.approve ? 'approved' : 'rejected',
      decided_on: decision.on,
      decision_reason: decision.reason,
      decided_by_name: caller.displayName,
    })
    .where('unit_code', '=', result.unit_code)
    .where('result_id', '=', result.id)
    .where('status', 'in', ['submitted', 'reviewing'])
    .returning(['id', 'receipt_code'])
    .execute();
  for (const row of closed) {
    await recordAudit(trx, {
      unitCode: result.unit_code,
      ...actorOf(caller),
      action: decision.approve ? 'publicationRequest.approve' : 'publicationRequest.reject',
      objectType: 'publication_request',
      objectId: row.id,
      after: { receiptCode: row.receipt_code, resultId: result.id, decidedOn: decision.on },
      note: decision.reason,
      at: nowOf(caller),
    });
  }
  return closed.length;
}
