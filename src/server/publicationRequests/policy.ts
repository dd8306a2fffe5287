// Who may do what to a 停止公示申请 (an application a business made on the portal):
// - read it, its scan, the queue: office staff (not the inspector role) of the unit that keeps the
//   result, or of a unit above it — the same reach as the result itself;
// - take it up (受理) and decide it: the same people, who are the result's reviewers.
// Anything outside this gets the one NOT_FOUND answer (access/reach.ts), the same for an existing
// application of a sibling unit and a made-up id. A business reads its own application only by
// its 回执编号 (publicationRequestViews.ts), never by id.
//
// Locks for a decision, in the result flow's order: the result FOR UPDATE (through the results
// policy), then the application FOR UPDATE — the same order as a decision taken on the result's
// own screen, which closes the application in its turn, so the two cannot deadlock.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PublicationRequestTable } from '../../db/tables/publicationRequests.ts';
import { outOfReach } from '../access/reach.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { loadResultFor, type ResultRow } from '../results/policy.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type RequestRow = Omit<Selectable<PublicationRequestTable>, 'scan_content'>;
export type RequestAccess = 'read' | 'decide';

const WHAT = '停止公示申请';

/** Every column but the scan's bytes. */
export const requestColumns = [
  'unit_code',
  'id',
  'receipt_code',
  'receipt_hash',
  'result_id',
  'uscc',
  'entity_name',
  'applicant_name',
  'contact_phone',
  'reason',
  'status',
  'submitted_on',
  'submitted_at',
  'reviewing_by_name',
  'decided_on',
  'decision_reason',
  'decided_by_name',
  'scan_file_name',
  'scan_kind',
  'scan_bytes',
  'scan_sha256',
] as const;

/** Inspectors enter results; applications are handled by the office that reviews them. */
export function refuseInspector(caller: Caller): void {
  if (caller.role === 'inspector') {
    throw new AppError('FORBIDDEN_ROLE', '检查人员不处理停止公示申请，请由业务科室或信用监管机构处理。');
  }
}

/** The application as the caller may read it. */
export async function loadPublicationRequestFor(db: Db, caller: Caller, id: string, access: 'read'): Promise<RequestRow>;
/** The application and its result, both locked for update (result first), to take it up or decide it. */
export async function loadPublicationRequestFor(
  db: Db,
  caller: Caller,
  id: string,
  access: 'decide',
): Promise<{ request: RequestRow; result: ResultRow }>;
export async function loadPublicationRequestFor(
  db: Db,
  caller: Caller,
  id: string,
  access: RequestAccess,
): Promise<RequestRow | { request: RequestRow; result: ResultRow }> {
  const peek = await db.selectFrom('publication_request').select(requestColumns).where('id', '=', id).executeTakeFirst();
  if (!peek || !caller.scope.unitCodes.includes(peek.unit_code)) throw outOfReach(WHAT);
  refuseInspector(caller);
  if (access === 'read') return peek;
  const result = await loadResultFor(db, caller, peek.result_id, 'review');
  const request = await db
    .selectFrom('publication_request')
    .select(requestColumns)
    .where('unit_code', '=', peek.unit_code)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!request) throw outOfReach(WHAT);
  return { request, result };
}
