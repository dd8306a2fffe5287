// Shapes the 名录分库 and entity-detail endpoints return (src/server/subLibraries/routes.ts,
// src/server/directories/entityRoutes.ts).
import type { SubLibraryRule } from '../../../../../core/subLibraries/rule.ts';

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

export interface EntityHistoryEntry {
  id: string;
  changedAt: string;
  source: 'import' | 'risk_push' | 'manual';
  actorName: string;
  changes: Record<string, [unknown, unknown]>;
}

export interface EntityDetail {
  uscc: string;
  name: string;
  subjectType: string;
  enterpriseType: string | null;
  regStatus: string;
  establishedOn: string | null;
  address: string | null;
  legalRep: string | null;
  regAuthority: string | null;
  regionCode: string;
  regionName: string | null;
  unitCode: string;
  unitName: string | null;
  industryCode: string | null;
  industryName: string | null;
  tags: string[];
  riskClass: string | null;
  riskClassSince: string | null;
  history: EntityHistoryEntry[];
}
