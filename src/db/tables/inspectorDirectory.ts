// Kysely table types for: 执法检查人员名录库扩展（回避声明等）. Kept in step with its migration
// 20261123_0004_inspector_directory.sql.
import type { Generated } from 'kysely';
import type { DateString } from './columnTypes.ts';

export type RecusalKind = 'entity' | 'former_employer' | 'relative_business' | 'own_grid';

export interface InspectorRecusalTable {
  unit_code: string;
  id: Generated<string>;
  inspector_id: string;
  kind: RecusalKind;
  uscc: string | null;
  related_name: string | null;
  related_region_code: string | null;
  related_unit_code: string | null;
  reason: string;
  declared_on: DateString;
  valid_until: DateString | null;
  recorded_by_user_id: string | null;
  recorded_by_name: string;
  ended_on: DateString | null;
  end_reason: string | null;
  ended_by_name: string | null;
  created_at: Generated<Date>;
}

export interface InspectorDirectoryTables {
  inspector_recusal: InspectorRecusalTable;
}
