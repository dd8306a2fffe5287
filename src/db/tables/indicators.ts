// Kysely table types for: 考核目标与填报数. Kept in step with its migration
// (20261208_0020_indicator_targets.sql).
import type { ColumnType, Generated } from 'kysely';

export interface IndicatorTargetTable {
  unit_code: string;
  indicator: string;
  /** NUMERIC: a string on both engines. */
  target: ColumnType<string, string | number, string | number>;
  set_by_name: string;
  updated_at: Generated<Date>;
}

export interface IndicatorOtherInspectionsTable {
  unit_code: string;
  year: number;
  count: number;
  set_by_name: string;
  updated_at: Generated<Date>;
}

export interface IndicatorTables {
  indicator_target: IndicatorTargetTable;
  indicator_other_inspections: IndicatorOtherInspectionsTable;
}
