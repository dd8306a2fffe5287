// Kysely table types for: 停止公示（信用修复）申请 from the portal. Kept in step with its migration
// (20261209_0031_publication_requests.sql).
import type { Generated } from 'kysely';
import type { PublicationRequestStatus } from '../../core/publicationRequests/index.ts';
import type { DateString, NullableDate } from './columnTypes.ts';

export interface PublicationRequestTable {
  unit_code: string;
  id: Generated<string>;
  receipt_code: string;
  receipt_hash: string;
  result_id: string;
  uscc: string;
  entity_name: string;
  applicant_name: string;
  contact_phone: string;
  reason: string;
  status: PublicationRequestStatus;
  submitted_on: DateString;
  submitted_at: Generated<Date>;
  reviewing_by_name: string | null;
  decided_on: NullableDate;
  decision_reason: string | null;
  decided_by_name: string | null;
  scan_file_name: string;
  scan_kind: 'jpeg' | 'png' | 'pdf';
  scan_bytes: number;
  scan_sha256: string;
  scan_content: Uint8Array;
}

export interface PublicationRequestTables {
  publication_request: PublicationRequestTable;
}
