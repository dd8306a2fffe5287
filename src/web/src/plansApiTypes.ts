// Shapes of the 年度抽查计划 API (src/server/plans/*, src/server/tasks/routes.ts) as the
// console and the portal read them. Structured cells reuse the pure parser's types.
import type { Frequency, InitiatorCell, ModeCell, PlanField, Quota, RiskPolicy } from '../../core/plan/index.ts';

export type { Frequency, InitiatorCell, ModeCell, PlanField, Quota, RiskPolicy };

export type PlanStatus = 'draft' | 'published' | 'filed';
export type PlanKind = 'own' | 'joint';
export type VersionState = 'draft' | 'published' | 'superseded';

export interface PlanListItem {
  id: string;
  unitCode: string;
  unitName: string;
  year: number;
  kind: PlanKind;
  status: PlanStatus;
  publishedVersion: number | null;
  draftVersion: number | null;
  filedVersion: number | null;
  filedAt: string | null;
  title: string;
  docNumber: string;
  deadline: string | null;
  versionNo: number;
  taskCount: number;
  own: boolean;
  updatedAt: string;
}

export interface ParseProblem {
  line: number;
  row: number | null;
  seq: string | null;
  column: string | null;
  field: PlanField | null;
  raw: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface PreviewTask {
  row: number;
  lines: number[];
  seq: number | null;
  name: string | null;
  taskType: 'directed' | 'undirected' | null;
  items: string[] | null;
  population: string | null;
  quota: Quota | null;
  frequency: Frequency | null;
  batchesPerYear: number;
  riskPolicy: RiskPolicy | null;
  period: { start: string; end: string } | null;
  initiator: InitiatorCell | null;
  initiatingDepartment: string | null;
  cooperatingDepartments: string[] | null;
  mode: ModeCell | null;
  cells: Partial<Record<PlanField, string>>;
  extraCells: { header: string; raw: string }[];
}

export interface PlanPreview {
  columns: { header: string; field: PlanField | null }[];
  taskCount: number;
  errorCount: number;
  warningCount: number;
  tasks: PreviewTask[];
  problems: ParseProblem[];
  skipped: { line: number; kind: string; text: string }[];
}

export interface ImportResult extends PlanPreview {
  dryRun: boolean;
  id?: string;
}

export type TaskProblem = Pick<ParseProblem, 'column' | 'field' | 'raw' | 'severity' | 'message'>;

export interface TaskView {
  code: string;
  seq: number | null;
  position: number;
  name: string;
  taskType: 'directed' | 'undirected' | null;
  items: string[];
  population: string;
  subLibrary: { id: string; name: string; count: number; byRiskClass: Record<string, number> } | null;
  quota: Quota | null;
  frequency: Frequency | null;
  batchesPerYear: number;
  riskPolicy: RiskPolicy | null;
  period: { start: string; end: string } | null;
  initiator: InitiatorCell | null;
  initiatingDepartment: string | null;
  cooperatingDepartments: string[];
  participants: { code: string; name: string }[];
  mode: ModeCell | null;
  cells: Partial<Record<PlanField, string>>;
  extraCells: { header: string; raw: string }[];
  problems: TaskProblem[];
}

export interface VersionView {
  versionNo: number;
  state: VersionState;
  title: string;
  docNumber: string;
  deadline: string | null;
  reason: string | null;
  sourceFileName: string | null;
  createdByName: string;
  createdAt: string;
  publishedAt: string | null;
  publishedByName: string | null;
}

export interface PlanSummary {
  id: string;
  unitCode: string;
  unitName: string;
  year: number;
  kind: PlanKind;
  status: PlanStatus;
  statusText: string;
  publishedVersion: number | null;
  draftVersion: number | null;
  filedVersion: number | null;
  filedAt: string | null;
  filedByName: string | null;
  createdByName: string;
  updatedAt: string;
}

export interface PlanDetail {
  plan: PlanSummary;
  own: boolean;
  editable: boolean;
  versions: VersionView[];
  version: VersionView;
  tasks: TaskView[];
}

export interface PlanWarning {
  kind: string;
  taskCode: string | null;
  message: string;
  reason: string;
}

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface PlanDiff {
  from: VersionView;
  to: VersionView;
  header: FieldChange[];
  tasks: { code: string; name: string; kind: 'added' | 'removed' | 'changed'; changes: FieldChange[] }[];
  unchanged: number;
}

export type FilingStatus = 'filedOnTime' | 'filedLate' | 'adjustedNotFiled' | 'notFiledOverdue' | 'notFiled' | 'noPlan';

export interface FilingRow {
  unitCode: string;
  unitName: string;
  unitKind: string;
  planId: string | null;
  planTitle: string | null;
  planStatus: PlanStatus | null;
  publishedVersion: number | null;
  publishedAt: string | null;
  filedVersion: number | null;
  filedAt: string | null;
  filedOn: string | null;
  filedByName: string | null;
  planCount: number;
  status: FilingStatus;
  statusText: string;
}

export interface FilingBoard {
  year: number;
  dueOn: string | null;
  dueSetBy: string | null;
  ownDeadline: string | null;
  today: string;
  rows: FilingRow[];
  counts: Record<FilingStatus, number>;
}

export interface UnitTask {
  planId: string;
  planTitle: string;
  planVersion: number;
  planKind: PlanKind;
  unitCode: string;
  unitName: string;
  code: string;
  seq: number | null;
  name: string;
  taskType: 'directed' | 'undirected' | null;
  items: string[];
  population: string;
  subLibraryId: string | null;
  quota: Quota | null;
  batchesPerYear: number;
  period: { start: string; end: string } | null;
  mode: ModeCell | null;
  initiatingDepartment: string | null;
  cooperatingDepartments: string[];
  relation: 'own' | 'upper' | 'joint';
  canDraw: boolean;
  inspects: boolean;
}

export interface PublicPlanListItem {
  id: string;
  year: number;
  kind: PlanKind;
  unitName: string;
  title: string;
  docNumber: string;
  deadline: string | null;
  versionNo: number;
  publishedAt: string | null;
  taskCount: number;
}

export interface PublicVersion {
  versionNo: number;
  current: boolean;
  title: string;
  docNumber: string;
  deadline: string | null;
  reason: string | null;
  publishedAt: string | null;
}

export interface PublicTask {
  code: string;
  seq: number | null;
  name: string;
  taskType: 'directed' | 'undirected' | null;
  items: string[];
  population: string;
  cells: Partial<Record<PlanField, string>>;
  period: { start: string; end: string } | null;
  mode: ModeCell | null;
  initiatingDepartment: string | null;
  cooperatingDepartments: string[];
}

export interface PublicPlanDetail {
  id: string;
  unitName: string;
  year: number;
  kind: PlanKind;
  version: PublicVersion;
  versions: PublicVersion[];
  tasks: PublicTask[];
}

export interface SubLibraryOption {
  id: string;
  unitCode: string;
  unitName: string;
  name: string;
  count: number;
  editable: boolean;
}
