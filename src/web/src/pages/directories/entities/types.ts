// Shapes the 名录分库 and entity-detail endpoints return (src/server/subLibraries/routes.ts,
// src/server/directories/entityRoutes.ts).
import type { SubLibraryRule } from '../../../../../core/subLibraries/rule.ts';
import type { ApiOutput } from '../../../api.ts';

export type RiskCounts = Record<'A' | 'B' | 'C' | 'D' | 'none', number>;

export interface SubLibraryView {
  id: string;
  unitCode: string;
  unitName: string;
  name: string;
  description: string;
  rule: SubLibraryRule;
  ruleText: string;
  editable: boolean;
  count: number;
  byRiskClass: RiskCounts;
}

export interface RulePreview {
  count: number;
  byRiskClass: RiskCounts;
  ruleText: string;
}

export interface SubLibraryEntity {
  uscc: string;
  name: string;
  subjectType: string;
  regStatus: string;
  regionCode: string;
  unitCode: string;
  unitName: string;
  industryCode: string | null;
  tags: string[];
  riskClass: string | null;
}

export interface ItemLink {
  unitCode: string;
  unitName: string;
  issuingUnitCode: string;
  itemCode: string;
  itemName: string | null;
  subLibraryId: string;
  subLibraryName: string;
  createdByName: string;
  editable: boolean;
}

export type EntityDetail = ApiOutput<'GET /api/entities/:uscc'>;
export type EntityHistoryEntry = EntityDetail['history'][number];
