// Kysely table types for: 数据导入（导入任务、名录变更历史）. Kept in step with its migration
// (20261123_0002_imports.sql).
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string | undefined, string>;
type BigintString = ColumnType<string, string | number | undefined, string | number>;

export type JobKind = 'entity_import' | 'risk_class_import' | 'classification_import';
export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobTable {
  id: Generated<string>;
  unit_code: string;
  kind: JobKind;
  status: Generated<JobStatus>;
  phase: string | null;
  progress_done: BigintString;
  progress_total: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  file_name: string | null;
  file_bytes: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  options: Json;
  summary: ColumnType<unknown, string | null | undefined, string | null>;
  error_message: string | null;
  created_by: string | null;
  created_by_name: string;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  updated_at: Generated<Date>;
}

export interface JobIssueTable {
  job_id: string;
  seq: number;
  row_number: number | null;
  column_label: string;
  value: string;
  reason: string;
  level: 'error' | 'warning';
}

export interface EntityImportStagingTable {
  job_id: string;
  row_number: number;
  region_code: string | null;
  uscc: string;
  name: string | null;
  subject_type: string | null;
  enterprise_type: string | null;
  reg_status: string | null;
  established_on: string | null;
  address: string | null;
  legal_rep: string | null;
  reg_authority: string | null;
  unit_code: string | null;
  industry_code: string | null;
  tags: string[] | null;
  risk_class: string | null;
  risk_class_since: string | null;
}

export interface MarketEntityHistoryTable {
  region_code: string;
  uscc: string;
  id: ColumnType<string, never, never>;
  changed_at: Generated<Date>;
  source: 'import' | 'risk_push' | 'manual';
  job_id: string | null;
  actor_name: string;
  changes: Json;
}

export interface ImportTables {
  job: JobTable;
  job_issue: JobIssueTable;
  entity_import_staging: EntityImportStagingTable;
  market_entity_history: MarketEntityHistoryTable;
}
