// Shapes of the JSON the server returns (the API contract of the console).
// Roles and codes arrive as strings: the UI checks them before trusting them.

export interface Assignment {
  unitCode: string;
  unitName: string;
  role: string;
}

export interface Me {
  user: { id: string; username: string; displayName: string; homeUnitCode: string };
  active: Assignment;
  assignments: Assignment[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface OrgUnit {
  code: string;
  name: string;
  shortName: string;
  kind: string;
  parentCode: string | null;
  path: string;
  regionCode: string;
  deptType: string | null;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  homeUnitCode: string;
  homeUnitName: string;
  status: string;
  roles: Assignment[];
}

export interface MarketEntity {
  uscc: string;
  name: string;
  subjectType: string;
  enterpriseType: string | null;
  regStatus: string;
  establishedOn: string | null;
  address: string | null;
  legalRep: string | null;
  regionCode: string;
  unitCode: string;
  unitName: string;
  industryCode: string | null;
  industryName: string | null;
  tags: string[];
  riskClass: string | null;
  riskClassSince: string | null;
}

export interface Inspector {
  id: string;
  name: string;
  unitCode: string;
  unitName: string;
  category: string;
  certNo: string | null;
  certExpiresOn: string | null;
  position: string | null;
  specialties: string[] | string | null;
  qualifications: string[] | string | null;
  status: string;
}

export interface AuditRow {
  unitCode: string;
  seq: number | string;
  at: string;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string;
  summary: unknown;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  chains: number;
  /** reason: seq_gap | prev_hash_mismatch | row_hash_mismatch; message: the server's Chinese explanation */
  firstBroken?: { unitCode: string; seq: number | string; reason: string; message?: string } | null;
}
