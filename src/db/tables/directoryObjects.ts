// Kysely table types for: 检查对象名录库 — 其他检查对象（产品/项目/行为）. Kept in step with its
// migration 20261123_0006_directory_objects.sql.
import type { ColumnType, Generated } from 'kysely';
import type { ObjectKind } from '../../core/glossary.ts';
import type { DateString } from './columnTypes.ts';

export interface DirectoryObjectTable {
  unit_code: string;
  id: Generated<string>;
  object_kind: ObjectKind;
  object_code: string;
  name: string;
  description: Generated<string>;
  uscc: string | null;
  region_code: string;
  industry_code: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  status: Generated<'active' | 'inactive'>;
  status_since: DateString | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface DirectoryObjectTables {
  directory_object: DirectoryObjectTable;
}
