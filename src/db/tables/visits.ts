// Kysely table types for: 检查户（visit）and who is sent to each. Kept in step with its migration
// (20261204_0010_visits.sql).
import type { ColumnType, Generated } from 'kysely';
import type { ObjectKind } from '../../core/glossary.ts';

type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
type Stamp = ColumnType<Date, Date | string, Date | string>;

export interface VisitTable {
  draw_unit_code: string;
  draw_id: string;
  object_id: string;
  task_code: string;
  year: number;
  groups: string[];
  items: string[];
  object_name: string | null;
  /** NULL for a market entity, else the kind of the 其他检查对象 (migration 20261211_0060). */
  object_kind: ColumnType<ObjectKind | null, ObjectKind | null | undefined, ObjectKind | null>;
  inspecting_unit_code: string;
  period_start: NullableDate;
  period_end: NullableDate;
  replaced_by: string | null;
  replaced_reason: string | null;
  reserve_for: string | null;
  created_at: Generated<Date>;
}

export interface VisitInspectorTable {
  draw_unit_code: string;
  draw_id: string;
  object_id: string;
  inspector_id: string;
  inspector_unit_code: string;
  code: string;
  name: string;
  category: 'enforcement' | 'expert';
  assigned_at: Stamp;
  released_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  release_reason: string | null;
}

export interface VisitTables {
  visit: VisitTable;
  visit_inspector: VisitInspectorTable;
}
