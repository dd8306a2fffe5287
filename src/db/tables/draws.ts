// Kysely table types for: 双随机抽取（抽取记录、冻结名录、备选使用）. Kept in step with its migration
// (20261123_0008_draws.sql).
import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
type Stamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface DrawTable {
  unit_code: string;
  id: Generated<string>;
  plan_unit_code: string;
  plan_id: string;
  plan_version: number;
  task_code: string;
  year: number;
  batch_no: number;
  attempt: number;
  draw_code: string;
  status: 'committed' | 'drawn' | 'voided';
  params: Json<unknown>;
  commit_hash: string;
  committed_at: string;
  counts: Json<unknown>;
  excluded_count: number;
  operator_value: string;
  sources: NullableJson<unknown>;
  seed: string | null;
  result: NullableJson<unknown>;
  assignment: Json<unknown>;
  matching: NullableJson<unknown>;
  result_public_at: Stamp;
  drawn_at: Stamp;
  drawn_by_name: string | null;
  witness_name: string | null;
  voided_at: Stamp;
  voided_by_name: string | null;
  void_reason: string | null;
  replaces_draw_id: string | null;
  created_by_name: string;
  created_at: Generated<Date>;
}

export interface DrawGroupFileTable {
  unit_code: string;
  draw_id: string;
  position: number;
  code: string;
  frame: string;
  exclusions: string;
}

export interface DrawReserveUseTable {
  unit_code: string;
  draw_id: string;
  replaced_id: string;
  reserve_id: string;
  reason: string;
  used_by_name: string;
  used_at: Generated<Date>;
}

export interface DrawTables {
  draw: DrawTable;
  draw_group_file: DrawGroupFileTable;
  draw_reserve_use: DrawReserveUseTable;
}
