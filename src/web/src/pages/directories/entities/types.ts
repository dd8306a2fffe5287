// Shapes the entity-detail endpoint returns (src/server/directories/entityRoutes.ts).

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
