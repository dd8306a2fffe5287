// Plan-table parsing and overlap rules: pure, runs in Node and the browser.
export { type CellResult, foldCell } from './cell.ts';
export {
  type ColumnChoices,
  type ColumnSource,
  type ColumnTarget,
  type PlanField,
  IGNORE_LABEL,
  columnTargetLabel,
  columnTargetOf,
  fieldOfHeader,
  headerKey,
  isHeaderRow,
  mappableFields,
  planFieldLabel,
} from './columns.ts';
export { type InitiatorCell, parseInitiatorCell, parseInitiatingDepartment, parseCooperatingDepartments } from './departments.ts';
export { type ItemList, parseItemList } from './items.ts';
export { itemStem, matchTaskItems, type ItemMatch, type ItemMatchKind, type ListItem } from './itemMatch.ts';
export { type InspectionMode, type ModeCell, type ModeLevel, parseModeCell } from './mode.ts';
export { type Period, daysInMonth, parsePeriod } from './period.ts';
export {
  type Frequency,
  type Quota,
  type QuotaAndFrequency,
  describeQuota,
  formatPercent,
  parseFrequency,
  parseQuota,
  parseQuotaCell,
  percentToBasisPoints,
} from './quota.ts';
export { type RiskPolicy, allocatesByRiskClass, cellAllocatesByRiskClass, parseRiskPolicy } from './riskPolicy.ts';
export { type TaskType, parseTaskType } from './taskType.ts';
export {
  type ParsePlanTableOptions,
  type PlanColumn,
  type PlanProblem,
  type PlanTable,
  type PlanTask,
  type SkippedLine,
  parsePlanGrid,
  parsePlanTable,
  parseTaskCells,
} from './parsePlanTable.ts';
export {
  type HalfYearLoad,
  type OverlapOptions,
  type OverlapSubject,
  type TaskOverlap,
  halfYearLoad,
  normalizeItemName,
  normalizePopulation,
  taskOverlaps,
} from './overlap.ts';
export { type TaskCodeParts, formatTaskCode, parseTaskCode } from './taskCode.ts';
export {
  type FieldChange,
  type SnapshotTask,
  type TaskChange,
  type VersionDiff,
  type VersionSnapshot,
  diffVersions,
} from './versionDiff.ts';
export {
  type CheckedTask,
  type ClaimedItem,
  type OtherTask,
  type PlanCheckInput,
  type PlanWarning,
  type PlanWarningKind,
  DEFAULT_CHECK_TARGETS,
  checkPlan,
  usesRiskClasses,
} from './plannerChecks.ts';
export {
  type ActionCheck,
  type PlanAction,
  type PlanState,
  type PlanStatus,
  applyPlanAction,
  checkPlanAction,
  describeState,
  planStatusLabel,
} from './lifecycle.ts';
export { type JointInitiator, type TaskReach, type UnitLevel, levelOfKind, taskReach } from './taskReach.ts';
export { type AllocationChoice, allocationForTask } from './drawAllocation.ts';
export {
  type LibraryCandidate,
  type ScopeTerm,
  type SubLibrarySuggestion,
  type TaskScope,
  SCOPE_TERMS,
  SUGGESTION_SCORES,
  clearSuggestion,
  ruleTerms,
  scopeContradictions,
  subjectsOf,
  suggestSubLibraries,
  termsOf,
} from './subLibrarySuggestion.ts';
export {
  type DrawableFacts,
  type UndrawableTask,
  MIN_UNDRAWABLE_REASON,
  describeUndrawable,
  undrawableDecision,
  undrawableTasks,
  undrawableWhyText,
} from './publishDecision.ts';
