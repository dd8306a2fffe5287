// What the 名录分库 endpoints answer, derived from the server's route table (their response schemas).
import type { ApiOutput } from '../../../api.ts';

export type SubLibraryView = ApiOutput<'GET /api/sub-libraries'>['items'][number];
export type RiskCounts = SubLibraryView['byRiskClass'];
export type RulePreview = ApiOutput<'POST /api/sub-libraries/preview'>;
export type SubLibraryEntity = ApiOutput<'GET /api/sub-libraries/:id/entities'>['items'][number];
export type ItemLink = ApiOutput<'GET /api/sub-libraries/:id/items'>['items'][number];
