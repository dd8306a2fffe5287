// Shapes of the 双随机抽取 API (src/server/draws/routes.ts, drawViews.ts) as the console and the
// portal read them. The draw records reuse the pure engine's types (draw-spec §10).
import type {
  AllocationRecord,
  AllocationSpec,
  AssignmentRecord,
  DrawParams,
  ReserveEntry,
  RiskClass,
  SampleEntry,
  SourceParams,
  SourceValue,
  Visit,
} from '../../core/draw/index.ts';
import type { Quota, RiskPolicy, TaskReach } from '../../core/plan/index.ts';

export type { AllocationRecord, AssignmentRecord, ReserveEntry, RiskClass, SampleEntry, SourceValue, Visit };

export type DrawStatus = 'committed' | 'drawn' | 'voided';
export type PublicSourceKind = 'dice' | 'lottery' | 'beacon';
export type ClassCounts = Record<RiskClass, number>;

/** The drawable task as GET /api/tasks/:code/draw-preview returns it (server/draws/drawTask.ts). */
export interface DrawTask {
  planUnitCode: string;
  planUnitName: string;
  planId: string;
  planVersion: number;
  planTitle: string;
  year: number;
  code: string;
  name: string;
  items: string[];
  population: string;
  subLibraryId: string | null;
  quota: Quota | null;
  riskPolicy: RiskPolicy | null;
  batchesPerYear: number;
  period: { start: string; end: string } | null;
  participants: string[];
  reach: TaskReach;
}

export type AllocationChoice = { ok: true; allocation: AllocationSpec; note: string } | { ok: false; message: string };

/** A commit as published before the seed exists (drawViews.ts commitView). */
export interface CommitView {
  id: string;
  unitCode: string;
  unitName: string;
  taskCode: string;
  year: number;
  batch: number;
  attempt: number;
  drawCode: string;
  status: DrawStatus;
  commit: string;
  committedAt: string;
  params: DrawParams;
  counts: { code: string; counts: ClassCounts }[];
  excludedCount: number;
  publicSource: SourceParams;
  voidedAt: string | null;
  voidReason: string | null;
  replacesDrawId: string | null;
}

export interface DrawPreview {
  task: DrawTask;
  entries: number;
  counts: ClassCounts;
  excluded: { reason: string; count: number }[];
  allocation: AllocationChoice;
  draws: CommitView[];
}

export interface CommitResponse {
  id: string;
  drawCode: string;
  commit: string;
  counts: ClassCounts;
  excluded: { reason: string; count: number }[];
  allocation: string;
  entries: number;
}

export interface DrawResult {
  allocation: AllocationRecord[];
  sample: SampleEntry[];
  reserves: ReserveEntry[];
  visits: Visit[];
}

export interface MatchedInspector {
  id: string;
  name: string;
  unitCode: string;
  category: 'enforcement' | 'expert';
  drawable: boolean;
}

export interface InspectorSwap {
  visitId: string;
  before: string[];
  after: string[];
  reason: string;
  by: string;
  at: string;
}

export interface DrawMatching {
  options: { capPerInspector: number | null; crossRegionUnits: string[] | null };
  visitUnits: Record<string, string>;
  inspectors: Record<string, MatchedInspector>;
  swaps: InspectorSwap[];
  matchedAt: string;
  totalCost: string;
}

export interface ReserveUse {
  replaced_id: string;
  reserve_id: string;
  reason: string;
  used_by_name: string;
  used_at: string;
}

export interface DrawDetail extends CommitView {
  sources: SourceValue[] | null;
  seed: string | null;
  result: DrawResult | null;
  assignment: AssignmentRecord[];
  matching: DrawMatching | null;
  resultPublicAt: string | null;
  drawnAt: string | null;
  drawnByName: string | null;
  witnessName: string | null;
  voidedByName: string | null;
  createdByName: string;
  own: boolean;
  reserveUses: ReserveUse[];
}

export interface CeremonyResponse {
  seed: string;
  sample: SampleEntry[];
  reserves: ReserveEntry[];
  visits: Visit[];
  allocation: AllocationRecord[];
}

export interface MatchResponse {
  assignment: AssignmentRecord[];
  inspectors: Record<string, MatchedInspector>;
}

export interface UnstaffableVisit {
  visitId: string;
  code: string;
  reason: string;
}

/** One row of 抽查任务公告 (GET /api/public/draws). */
export interface PublicDrawNotice extends CommitView {
  drawnAt: string | null;
  resultPublic: boolean;
  sampleSize: number | null;
}
