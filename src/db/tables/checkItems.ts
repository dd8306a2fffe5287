// Kysely table types for: 随机抽查事项清单（版本、事项、认领）. Kept in step with its migration
// (migrations/20261123_0003_check_items.sql).
import type { ColumnType, Generated } from 'kysely';
import type { DateString } from './columnTypes.ts';

export type CheckMethod = '实地核查' | '书面检查' | '网络监测' | '委托专业机构';
export type SubjectLevel = '省级' | '市级' | '县级';

export interface CheckItemVersionTable {
  id: Generated<string>;
  issuing_unit_code: string;
  title: string;
  version_no: number;
  status: Generated<'draft' | 'issued'>;
  issued_on: DateString | null;
  previous_version_id: string | null;
  source_file_name: string | null;
  item_count: Generated<number>;
  created_by_name: string;
  created_at: Generated<Date>;
}

export interface CheckItemTable {
  version_id: string;
  item_code: string;
  seq: number;
  category: string;
  name: string;
  content: Generated<string>;
  legal_basis: Generated<string>;
  target: Generated<string>;
  methods: ColumnType<string[], string[], string[]>;
  subject_level: SubjectLevel;
  is_key: Generated<boolean>;
  staff_requirements: ColumnType<string[], string[] | undefined, string[]>;
  guide: Generated<string>;
}

export interface CheckItemClaimTable {
  unit_code: string;
  issuing_unit_code: string;
  item_code: string;
  version_id: string;
  claimed_on: DateString;
  responsible_office: string | null;
  local_note: string | null;
  review_status: Generated<'current' | 'needs_review'>;
  review_reason: 'removed' | 'changed' | null;
  changed_fields: ColumnType<string[], string[] | undefined, string[]>;
  review_version_id: string | null;
  claimed_by_name: string;
}

export interface CheckItemTables {
  check_item_version: CheckItemVersionTable;
  check_item: CheckItemTable;
  check_item_claim: CheckItemClaimTable;
}
