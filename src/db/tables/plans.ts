// Kysely table types for: 年度抽查计划（计划、版本、任务、备案截止日期）. Kept in step with its
// migrations (20261123_0007_plans.sql, 20261209_0030_plan_publish_decision.sql,
// 20261210_0045_plan_column_mapping.sql, 20261213_0081_task_classification.sql).
import type { ColumnType, Generated } from 'kysely';
import type { ColumnTarget } from '../../core/plan/columns.ts';
import type { RiskClassification } from '../../core/entities/riskClassifications.ts';
import type { UndrawableTask } from '../../core/plan/publishDecision.ts';
import type { DateString, Json, NullableDate, NullableJson } from './columnTypes.ts';

export interface PlanTable {
  unit_code: string;
  id: Generated<string>;
  year: number;
  kind: Generated<'own' | 'joint'>;
  status: Generated<'draft' | 'published' | 'filed'>;
  published_version: number | null;
  draft_version: number | null;
  filed_version: number | null;
  filed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  filed_by_name: string | null;
  created_by_name: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PlanVersionTable {
  unit_code: string;
  plan_id: string;
  version_no: number;
  state: 'draft' | 'published' | 'superseded';
  title: string;
  doc_number: Generated<string>;
  deadline: NullableDate;
  reason: string | null;
  source_file_name: string | null;
  created_by_name: string;
  created_at: Generated<Date>;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  published_by_name: string | null;
  /** Why the version was published with tasks that cannot be drawn (null: none, or not stated). */
  undrawable_reason: ColumnType<string | null, string | null | undefined, string | null>;
  /** The tasks that reason covered, as they stood at publishing. */
  undrawable_tasks: NullableJson<UndrawableTask[]>;
}

export interface PlanTaskTable {
  unit_code: string;
  plan_id: string;
  version_no: number;
  task_code: string;
  year: number;
  seq: number | null;
  position: number;
  name: Generated<string>;
  task_type: 'directed' | 'undirected' | null;
  items: Json<string[]>;
  population: Generated<string>;
  sub_library_id: string | null;
  /** The classification the planner chose for the allocation; NULL: as the 信用风险分类管理 text names. */
  risk_classification: ColumnType<RiskClassification | null, RiskClassification | null | undefined, RiskClassification | null>;
  quota: NullableJson<unknown>;
  frequency: NullableJson<unknown>;
  batches_per_year: Generated<number>;
  risk_policy: NullableJson<unknown>;
  period_start: NullableDate;
  period_end: NullableDate;
  initiator: NullableJson<unknown>;
  initiating_department: string | null;
  cooperating_departments: ColumnType<string[], string[] | undefined, string[]>;
  participant_unit_codes: ColumnType<string[], string[] | undefined, string[]>;
  /** The member department that initiates (发起部门) a joint task; null: the plan's unit. */
  initiating_unit_code: ColumnType<string | null, string | null | undefined, string | null>;
  modes: NullableJson<unknown>;
  cells: Json<Record<string, string>>;
  extra_cells: Json<{ header: string; raw: string }[]>;
  problems: Json<unknown[]>;
}

export interface PlanFilingDeadlineTable {
  unit_code: string;
  year: number;
  due_on: DateString;
  set_by_name: string;
  updated_at: Generated<Date>;
}

/** A header a unit mapped to a field or 忽略 (20261210_0045_plan_column_mapping.sql). */
export interface PlanColumnMappingTable {
  unit_code: string;
  header_key: string;
  target: ColumnTarget;
  set_by_name: string;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PlanTables {
  plan: PlanTable;
  plan_version: PlanVersionTable;
  plan_task: PlanTaskTable;
  plan_filing_deadline: PlanFilingDeadlineTable;
  plan_column_mapping: PlanColumnMappingTable;
}
