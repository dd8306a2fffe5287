// 停止公示（信用修复）申请 (docs/portal.md): a business applies on the portal without a login, staff
// of the unit that keeps the result take it up and decide it. Each step is one transaction with
// its audit rows; the decision is the result's own (results/resultCommands.ts decideStopOf), so
// 同意 stops the publication at once — the portal's cached answers go with the same commit.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { DomainError } from '../../core/errors.ts';
import { checkScan, publicationRequestStatusLabel, receiptOf, requireOpen, startReview } from '../../core/publicationRequests/index.ts';
import { recordAudit, type Actor } from '../audit/recordAudit.ts';
import { authorOf, updateAudited } from '../audit/auditedRows.ts';
import { reserveCheck, throttleKey } from '../auth/throttle.ts';
import { todayInChina } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { loadPublicResultFor } from '../results/policy.ts';
import { decideStopOf, registerStopRequest } from '../results/resultCommands.ts';
import { loadPublicationRequestFor } from './policy.ts';

export interface SubmitInput {
  uscc: string;
  resultIds: string[];
  applicantName: string;
  contactPhone: string;
  reason: string;
  scan: { fileName: string; mimeType: string | null; base64: string };
  /** Who sent it (the per-address limit), and the operator's 公示期 setting in months. */
  clientAddress: string;
  publicationMonths: number;
}

export const receiptHash = (receipt: string) => createHash('sha256').update(receipt).digest('hex');

/** The refusal of a too-frequent public request from one address. */
export function tooFrequent(minutes: number, what: string): AppError {
  return new AppError('TOO_MANY_ATTEMPTS', `本网络地址${what}过于频繁，请 ${minutes} 分钟后再试。`, { retryAfterMinutes: minutes });
}

/**
 * A business's application. Counted against its address first (every attempt that reaches the
 * use case counts, so a flood of bad requests is stopped too); then the scan is checked by its
 * content; then, in one transaction, each selected result is locked and its 停止公示 request
 * registered by the result's rule (the 公示期 must have passed; one open request per result),
 * and the application row and the audit rows are written. Answers the 回执编号 once: only its
 * digest is kept.
 */
export async function submitPublicationRequest(db: Kysely<DB>, input: SubmitInput) {
  const now = new Date();
  const reservation = await reserveCheck(db, 'publicationRequest', throttleKey('publicationRequest', input.clientAddress), now);
  if (!reservation.allowed) throw tooFrequent(reservation.lockedMinutes, '提交停止公示申请');

  const bytes = new Uint8Array(Buffer.from(input.scan.base64, 'base64'));
  const declared = input.scan.mimeType && input.scan.mimeType !== 'application/octet-stream' ? input.scan.mimeType : null;
  const check = checkScan({ fileName: input.scan.fileName, declaredMime: declared, bytes });
  if (!check.ok) throw new AppError(check.httpCode, `${check.message}。未提交申请。`, check.details);
  if (check.kind === 'webp') throw new Error('checkScan let a WebP scan through');
  const kind: 'jpeg' | 'png' | 'pdf' = check.kind;
  const sha256 = createHash('sha256').update(bytes).digest('hex');

  const { code, receipt } = receiptOf(new Uint8Array(randomBytes(24)));
  const today = todayInChina();
  const actor: Actor = { actorUserId: null, actorName: `${input.applicantName}（企业自助申请）` };
  const ids = [...new Set(input.resultIds)].sort();
  const items = await db.transaction().execute(async (trx) => {
    const written: { resultId: string; entityName: string; taskCode: string; checkedOn: string | null }[] = [];
    for (const id of ids) {
      const row = await loadPublicResultFor(trx, id, input.uscc);
      try {
        await registerStopRequest(trx, actor, row, { reason: input.reason, publicationMonths: input.publicationMonths, on: today });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        // Several results may be chosen: say which one the rule refused.
        throw new DomainError(error.kind, error.code, `任务 ${row.task_code} 的检查结果：${error.message}`, error.details);
      }
      const inserted = await trx
        .insertInto('publication_request')
        .values({
          unit_code: row.unit_code,
          receipt_code: code,
          receipt_hash: receiptHash(receipt),
          result_id: row.id,
          uscc: row.uscc,
          entity_name: row.entity_name,
          applicant_name: input.applicantName,
          contact_phone: input.contactPhone,
          reason: input.reason,
          status: 'submitted',
          submitted_on: today,
          scan_file_name: input.scan.fileName,
          scan_kind: kind,
          scan_bytes: bytes.length,
          scan_sha256: sha256,
          scan_content: bytes,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        unitCode: row.unit_code,
        ...actor,
        action: 'publicationRequest.submit',
        objectType: 'publication_request',
        objectId: inserted.id,
        after: {
          receiptCode: code,
          resultId: row.id,
          uscc: row.uscc,
          scan: { file: input.scan.fileName, kind, bytes: bytes.length, sha256 },
        },
        note: input.reason,
      });
      written.push({ resultId: row.id, entityName: row.entity_name, taskCode: row.task_code, checkedOn: row.checked_on });
    }
    return written;
  });
  return {
    receipt,
    receiptCode: code,
    submittedOn: today,
    status: 'submitted' as const,
    statusText: publicationRequestStatusLabel.submitted,
    items,
  };
}

/** 受理: staff of the result's unit (or above) take the application up; the business then reads 审核中. */
export async function takeUpPublicationRequest(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  return db.transaction().execute(async (trx) => {
    const { request } = await loadPublicationRequestFor(trx, caller, input.id, 'decide');
    const status = startReview(request.status);
    // Audited in the chain of the unit that holds the application.
    await updateAudited(
      trx,
      { ...authorOf(caller), unitCode: request.unit_code },
      {
        table: 'publication_request',
        row: request,
        set: { status, reviewing_by_name: caller.displayName },
        action: 'publicationRequest.takeUp',
        change: { before: { status: request.status }, after: { status } },
      },
    );
    return { id: request.id, status, statusText: publicationRequestStatusLabel[status] };
  });
}

/**
 * 同意 or 驳回, always with a reason: the result's own decision (which also closes this
 * application and audits both). 同意 takes the result off the portal at once.
 */
export async function decidePublicationRequest(db: Kysely<DB>, caller: Caller, input: { id: string; approve: boolean; reason: string }) {
  return db.transaction().execute(async (trx) => {
    const { request, result } = await loadPublicationRequestFor(trx, caller, input.id, 'decide');
    requireOpen(request.status);
    const decided = await decideStopOf(trx, caller, result, { approve: input.approve, reason: input.reason });
    const status = input.approve ? ('approved' as const) : ('rejected' as const);
    return {
      id: request.id,
      status,
      statusText: publicationRequestStatusLabel[status],
      stoppedOn: decided.stoppedOn,
    };
  });
}
