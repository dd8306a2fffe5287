// Kysely table types for: 双随机抽取（抽取记录、冻结名录、备选使用）. Kept in step with its migrations
// (20261123_0008_draws.sql, 20261207_0013_draws_on_visit_rows.sql,
// 20261211_0061_merged_draws.sql). The JSON columns carry the
// draw engine's own types (docs/draw-spec.md §2–§10).
import type { ColumnType, Generated } from 'kysely';
import type { AllocationRecord, DrawParams, ReserveEntry, RiskClass, SampleEntry, SourceValue, Visit } from '../../core/draw/index.ts';

type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
type Stamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** Eligible N_h of one group, as recorded with the commit (docs/draw-spec.md §4). */
export interface GroupCounts {
  code: string;
  counts: Record<RiskClass, number>;
}

/** What the ceremony drew (docs/draw-spec.md §4–§6): the verified record of the draw. */
export interface DrawResult {
  allocation: AllocationRecord[];
  sample: SampleEntry[];
  reserves: ReserveEntry[];
  visits: Visit[];
}

/** The options a matching ran with (docs/draw-spec.md §8). */
export interface MatchOptions {
  /** The cap everyone had; null with `fairShare` false: none. */
  capPerInspector: number | null;
  crossRegionUnits: string[] | null;
  /** Each pool capped at its fair share (the default; absent on older draws). */
  fairShare?: boolean;
  /** A joint task's member departments, each sending its own team to every visit (docs/draw-spec.md §11). */
  jointDepartments?: string[];
}

/** One pool's fair share as applied: its visits, the people eligible for them, the cap. */
export interface FairShareApplied {
  pool: string;
  poolName: string;
  visits: number;
  people: number;
  share: number;
  cap: number;
}

/** A manual change of one visit's people after matching, carried in the bundle as `assignment_changes`. */
export interface InspectorSwap {
  visitId: string;
  before: string[];
  after: string[];
  reason: string;
  by: string;
  at: string;
}

/**
 * How the draw's people were matched. Who is sent where lives in the visit_inspector rows (the
 * bundle's `assignment` is assembled from them); this keeps what the rows cannot say: the
 * options, the manual swaps since the last matching, when and at what total cost.
 */
/** A person of a visit's pool left out of it by a 回避 declaration, with the declaration's reason. */
export interface RecusedInspector {
  visitId: string;
  code: string;
  name: string;
  reason: string;
}

export interface DrawMatching {
  options: MatchOptions;
  swaps: InspectorSwap[];
  matchedAt: string;
  totalCost: string;
  /** Who was not eligible for which visit because of 回避, and why (absent on older draws). */
  recused?: RecusedInspector[];
  /** The fair share per pool of the last matching, when it used one. */
  fairShare?: FairShareApplied[];
}

export interface DrawTable {
  unit_code: string;
  id: Generated<string>;
  plan_unit_code: string;
  plan_id: string;
  plan_version: number;
  task_code: string;
  /** 合并抽取: every task of the draw (task_code is the first); null for a draw of one task. */
  merged_tasks: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
  year: number;
  batch_no: number;
  attempt: number;
  draw_code: string;
  status: 'committed' | 'drawn' | 'voided';
  params: Json<DrawParams>;
  commit_hash: string;
  committed_at: string;
  counts: Json<GroupCounts[]>;
  excluded_count: number;
  operator_value: string;
  sources: NullableJson<SourceValue[]>;
  seed: string | null;
  result: NullableJson<DrawResult>;
  matching: NullableJson<DrawMatching>;
  result_public_at: Stamp;
  drawn_at: Stamp;
  drawn_by_name: string | null;
  witness_name: string | null;
  voided_at: Stamp;
  voided_by_name: string | null;
  void_reason: string | null;
  replaces_draw_id: string | null;
  /** Why this commit was made although it is a re-draw or late (after the task period): shown with the notice. */
  commit_reason: string | null;
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

/** A task batch held by a draw that is not voided (one row per task; several for 合并抽取). */
export interface DrawTaskTable {
  unit_code: string;
  task_code: string;
  batch_no: number;
  draw_id: string;
}

export interface DrawTables {
  draw: DrawTable;
  draw_task: DrawTaskTable;
  draw_group_file: DrawGroupFileTable;
  draw_reserve_use: DrawReserveUseTable;
}
