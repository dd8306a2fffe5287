// Kysely table types for: 检查方案 of joint tasks. Kept in step with its migration
// (20261212_0063_joint_schemes.sql).
import type { ColumnType } from 'kysely';
import type { JointSchemeAgreement, JointSchemePart } from '../../core/jointSchemes/index.ts';
import type { DateString, Json } from './columnTypes.ts';

export interface JointSchemeTable {
  unit_code: string;
  task_code: string;
  plan_id: string;
  version: number;
  start_on: DateString;
  end_on: DateString;
  parts: Json<JointSchemePart[]>;
  agreements: Json<JointSchemeAgreement[]>;
  drafted_by_unit: string;
  updated_by_name: string;
  updated_at: ColumnType<Date, Date | string, Date | string>;
}

export interface JointSchemeTables {
  joint_scheme: JointSchemeTable;
}
