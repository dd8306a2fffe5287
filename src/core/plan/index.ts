// Plan-table parsing and overlap rules (issue 4): pure, runs in Node and the browser.
export { type CellResult, foldCell } from './cell.ts';
export { type PlanField, planFieldLabel, fieldOfHeader, isHeaderRow } from './columns.ts';
export { type InitiatorCell, parseInitiatorCell, parseInitiatingDepartment, parseCooperatingDepartments } from './departments.ts';
export { type ItemList, parseItemList } from './items.ts';
export { type InspectionMode, type ModeCell, type ModeLevel, parseModeCell } from './mode.ts';
export { type Period, daysInMonth, parsePeriod } from './period.ts';
export {
  type Frequency,
  type Quota,
  type QuotaAndFrequency,
  formatPercent,
  parseFrequency,
  parseQuota,
  parseQuotaCell,
  percentToBasisPoints,
} from './quota.ts';
export { type RiskPolicy, parseRiskPolicy } from './riskPolicy.ts';
export { type TaskType, parseTaskType } from './taskType.ts';
export {
  type ParsePlanTableOptions,
  type PlanColumn,
  type PlanProblem,
  type PlanTable,
  type PlanTask,
  type SkippedLine,
  parsePlanTable,
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
