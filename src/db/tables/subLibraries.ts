// Kysely table types for: 名录分库与事项—对象映射. Kept in step with its migration
// (20261123_0005_sub_libraries.sql).
import type { ColumnType, Generated } from 'kysely';

export interface SubLibraryTable {
  unit_code: string;
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  /** The rule as JSON (src/core/subLibraries/rule.ts); written as a JSON string. */
  rule: ColumnType<unknown, string, string>;
  created_by_name: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CheckItemSubLibraryTable {
  unit_code: string;
  issuing_unit_code: string;
  item_code: string;
  sub_library_id: string;
  created_by_name: string;
  created_at: Generated<Date>;
}

export interface SubLibraryTables {
  sub_library: SubLibraryTable;
  check_item_sub_library: CheckItemSubLibraryTable;
}
