// Reading 停止公示申请: the business by its 回执编号 (state, decision and date of its own
// application, nothing else), staff by the queue of their units and by id (policy.ts).
import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { attachmentMime } from '../../core/attachments/index.ts';
import { parseReceipt, publicationRequestStatusLabel, type PublicationRequestStatus } from '../../core/publicationRequests/index.ts';
import { countFailure, lockedMinutes, throttleKey } from '../auth/throttle.ts';
import { contentDisposition } from '../files/spreadsheet.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { loadPublicationRequestFor, refuseInspector, requestColumns, type RequestRow } from './policy.ts';
import { receiptHash, tooFrequent } from './publicationRequestCommands.ts';
import { keyedRowOrThrow } from '../../db/keyedRow.ts';

const receiptNotFound = () =>
  new AppError('NOT_FOUND', '没有找到与该回执编号对应的申请，请核对回执编号后重试（回执编号以 SQ 开头，中间有一个“-”）。', null);

const sameDigest = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * 查询申请进度: the 回执编号 is the only key. A wrong or made-up number gets one answer, and the
 * failures of one address are counted (a guessing client is stopped for a while).
 */
export async function publicationRequestByReceipt(db: Kysely<DB>, input: { receipt: string; clientAddress: string }) {
  const now = new Date();
  const key = throttleKey('receiptLookup', input.clientAddress);
  const locked = await lockedMinutes(db, key, now);
  if (locked > 0) throw tooFrequent(locked, '查询申请进度');
  const parsed = parseReceipt(input.receipt);
  const rows = parsed
    ? await db
        .selectFrom('publication_request as p')
        .innerJoin('visit_result as r', (j) => j.onRef('r.unit_code', '=', 'p.unit_code').onRef('r.id', '=', 'p.result_id'))
        .select([
          'p.receipt_hash',
          'p.entity_name',
          'p.uscc',
          'p.status',
          'p.submitted_on',
          'p.decided_on',
          'p.decision_reason',
          'r.task_code',
          'r.checked_on',
        ])
        .where('p.receipt_code', '=', parsed.code)
        .orderBy('r.checked_on', 'desc')
        .orderBy('p.id')
        .execute()
    : [];
  const mine = parsed ? rows.filter((r) => sameDigest(r.receipt_hash, receiptHash(parsed.receipt))) : [];
  if (mine.length === 0) {
    await countFailure(db, 'receiptLookup', key, now);
    throw receiptNotFound();
  }
  return {
    receiptCode: parsed!.code,
    entityName: mine[0]!.entity_name,
    uscc: mine[0]!.uscc,
    submittedOn: mine[0]!.submitted_on,
    items: mine.map((r) => ({
      taskCode: r.task_code,
      checkedOn: r.checked_on,
      status: r.status,
      statusText: publicationRequestStatusLabel[r.status],
      decisionReason: r.decision_reason,
      decidedOn: r.decided_on,
    })),
  };
}

/** What staff see of an application (never the receipt digest or the scan's bytes). */
function toView(r: RequestRow & { task_code?: string | null; checked_on?: string | null }) {
  return {
    id: r.id,
    unitCode: r.unit_code,
    receiptCode: r.receipt_code,
    resultId: r.result_id,
    uscc: r.uscc,
    entityName: r.entity_name,
    taskCode: r.task_code ?? null,
    checkedOn: r.checked_on ?? null,
    applicantName: r.applicant_name,
    contactPhone: r.contact_phone,
    reason: r.reason,
    status: r.status,
    statusText: publicationRequestStatusLabel[r.status],
    submittedOn: r.submitted_on,
    submittedAt: r.submitted_at,
    reviewingByName: r.reviewing_by_name,
    decidedOn: r.decided_on,
    decisionReason: r.decision_reason,
    decidedByName: r.decided_by_name,
    scan: { fileName: r.scan_file_name, kind: r.scan_kind, bytes: r.scan_bytes, sha256: r.scan_sha256 },
  };
}

/** The queue of the caller's units (their own and those below), open ones first, newest first. */
export async function listPublicationRequests(db: Kysely<DB>, caller: Caller, input: { status?: PublicationRequestStatus | 'open' }) {
  refuseInspector(caller);
  let query = db
    .selectFrom('publication_request as p')
    .innerJoin('visit_result as r', (j) => j.onRef('r.unit_code', '=', 'p.unit_code').onRef('r.id', '=', 'p.result_id'))
    .select(requestColumns.map((c) => `p.${c}` as const))
    .select(['r.task_code', 'r.checked_on'])
    .where('p.unit_code', 'in', caller.scope.unitCodes);
  if (input.status === 'open') query = query.where('p.status', 'in', ['submitted', 'reviewing']);
  else if (input.status) query = query.where('p.status', '=', input.status);
  const rows = await query.orderBy('p.submitted_at', 'desc').orderBy('p.id').limit(500).execute();
  return { items: rows.map(toView), total: rows.length };
}

/** One application of the caller's units. */
export async function readPublicationRequest(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  const row = await loadPublicationRequestFor(db, caller, input.id, 'read');
  const result = await keyedRowOrThrow(db, 'visit_result', { unit_code: row.unit_code, id: row.result_id }, [
    'task_code',
    'checked_on',
    'public_text',
    'published_on',
    'stopped_on',
  ]);
  return {
    ...toView({ ...row, task_code: result.task_code, checked_on: result.checked_on }),
    result: { publicText: result.public_text, publishedOn: result.published_on, stoppedOn: result.stopped_on },
  };
}

/** The scan (授权书/营业执照) of an application, for the staff who decide it. */
export async function readPublicationRequestScan(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  const row = await loadPublicationRequestFor(db, caller, input.id, 'read');
  const file = await keyedRowOrThrow(db, 'publication_request', { unit_code: row.unit_code, id: row.id }, ['scan_content']);
  return {
    contentType: attachmentMime[row.scan_kind],
    disposition: contentDisposition(row.scan_file_name),
    bytes: new Uint8Array(file.scan_content),
  };
}
