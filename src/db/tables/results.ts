// Kysely table types for: 检查结果、附件与后续处置台账. Kept in step with its migration
// (20261123_0009_inspection_results.sql, 20261213_0080_object_results.sql).

/** NULL for a market entity (uscc is its 统一社会信用代码), else the kind of the 其他检查对象 whose own code uscc holds. */
type ObjectKindColumn = ColumnType<ObjectKind | null, ObjectKind | null | undefined, ObjectKind | null>;
import type { ColumnType, Generated } from 'kysely';
import type { LedgerItem } from '../../core/followup/index.ts';
import type { FollowUpMeasure, ObjectKind, ResultCategory } from '../../core/glossary.ts';
import type { DateString, Json, NullableDate, NullableJson } from './columnTypes.ts';

export interface VisitResultTable {
  unit_code: string;
  id: Generated<string>;
  draw_unit_code: string;
  draw_id: string;
  task_code: string;
  year: number;
  /** The visit's object code: a 统一社会信用代码, or a 其他检查对象's own code (object_kind not NULL). */
  uscc: string;
  entity_name: string;
  object_kind: ObjectKindColumn;
  status: 'draft' | 'pendingReview' | 'returned' | 'published';
  record: Json<unknown>;
  content: Json<unknown>;
  public_content: NullableJson<unknown>;
  checked_on: NullableDate;
  published_on: NullableDate;
  public_text: string | null;
  stopped_on: NullableDate;
  abnormal_listed_on: NullableDate;
  abnormal_decision: string | null;
  created_by_name: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface VisitResultVersionTable {
  unit_code: string;
  result_id: string;
  version_no: number;
  content: Json<unknown>;
  reason: string | null;
  created_by_name: string;
  created_at: Generated<Date>;
}

export interface VisitAttachmentTable {
  unit_code: string;
  result_id: string;
  id: Generated<string>;
  file_name: string;
  kind: 'jpeg' | 'png' | 'webp' | 'pdf';
  bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by_name: string;
  uploaded_at: Generated<Date>;
}

export interface FollowupItemTable {
  unit_code: string;
  id: Generated<string>;
  result_id: string;
  task_code: string;
  uscc: string;
  entity_name: string;
  object_kind: ObjectKindColumn;
  item_name: string;
  category: ResultCategory;
  status: 'open' | 'closed';
  due_on: NullableDate;
  /** The core's ledger item and the measure suggested when the item opened. */
  state: Json<LedgerItem & { suggestedMeasure?: FollowUpMeasure }>;
  opened_on: DateString;
  closed_on: NullableDate;
  updated_at: Generated<Date>;
}

export interface ResultTables {
  visit_result: VisitResultTable;
  visit_result_version: VisitResultVersionTable;
  visit_attachment: VisitAttachmentTable;
  followup_item: FollowupItemTable;
}
