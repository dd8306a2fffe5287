// Shapes of the JSON the server returns (the API contract of the console).
// Roles and codes arrive as strings: the UI checks them before trusting them.
import type { ApiOutput } from '../../server/routes.ts';

// Accounts, org tree and audit: derived from the route table (the routes' response schemas).
export type Me = ApiOutput<'GET /api/auth/me'>;
export type Assignment = Me['assignments'][number];
export type OrgUnit = ApiOutput<'GET /api/orgs'>['items'][number];
export type UserRow = ApiOutput<'GET /api/users'>['items'][number];
export type AuditRow = ApiOutput<'GET /api/audit'>['items'][number];
export type AuditVerification = ApiOutput<'GET /api/audit/verify'>;
export type AuditChainHead = ApiOutput<'GET /api/audit/heads'>['items'][number];

export interface Page<T> {
  items: T[];
  total: number;
}

export type MarketEntity = ApiOutput<'GET /api/entities'>['items'][number];

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

