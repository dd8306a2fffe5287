// The 年度抽查计划 and 抽查任务 answers as the pages read them: names for parts of the route
// table's types (src/server/plans/routes.ts, tasks/routes.ts), nothing written by hand.
import type { ApiOutput } from '../../api.ts';

export type { Frequency, InitiatorCell, ModeCell, PlanField, Quota, RiskPolicy } from '../../../../core/plan/index.ts';

export type PlanListItem = ApiOutput<'GET /api/plans'>['items'][number];
export type PlanDetail = ApiOutput<'GET /api/plans/:id'>;
export type PlanSummary = PlanDetail['plan'];
export type PlanStatus = PlanSummary['status'];
export type PlanKind = PlanSummary['kind'];
export type VersionView = PlanDetail['version'];
export type VersionState = VersionView['state'];
export type TaskView = PlanDetail['tasks'][number];
export type TaskProblem = TaskView['problems'][number];
export type UndrawableTask = PlanDetail['undrawable'][number];
export type SubLibrarySuggestions = ApiOutput<'GET /api/plans/:id/tasks/:code/sub-library-suggestions'>;

export type PlanChecks = ApiOutput<'GET /api/plans/:id/checks'>;
export type PlanWarning = PlanChecks['warnings'][number];
export type TaskItemMatches = PlanChecks['itemMatches'][number];

export type PlanDiff = ApiOutput<'GET /api/plans/:id/diff'>;
export type FieldChange = PlanDiff['header'][number];

export type PlanPreview = ApiOutput<'POST /api/plans/parse'>;
export type PreviewTask = PlanPreview['tasks'][number];
export type ParseProblem = PlanPreview['problems'][number];
export type ImportResult = ApiOutput<'POST /api/plans/import'>;

export type FilingBoard = ApiOutput<'GET /api/plan-filing'>;
export type FilingRow = FilingBoard['rows'][number];
export type FilingStatus = FilingRow['status'];

export type UnitTask = ApiOutput<'GET /api/tasks'>['items'][number];

export type PublicPlanListItem = ApiOutput<'GET /api/public/plans'>['items'][number];
export type PublicPlanDetail = ApiOutput<'GET /api/public/plans/:id'>;
export type PublicVersion = PublicPlanDetail['version'];
export type PublicTask = PublicPlanDetail['tasks'][number];
