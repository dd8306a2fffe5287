// Shapes of the JSON the server returns, taken from the route table (the routes' response schemas).
import type { ApiOutput } from '../../server/routes.ts';

// Accounts, org tree and audit: derived from the route table (the routes' response schemas).
export type Me = ApiOutput<'GET /api/auth/me'>;
export type Assignment = Me['assignments'][number];
export type OrgUnit = ApiOutput<'GET /api/orgs'>['items'][number];
export type UserRow = ApiOutput<'GET /api/users'>['items'][number];
export type AuditRow = ApiOutput<'GET /api/audit'>['items'][number];
export type AuditVerification = ApiOutput<'GET /api/audit/verify'>;
export type AuditChainHead = ApiOutput<'GET /api/audit/heads'>['items'][number];

export type MarketEntity = ApiOutput<'GET /api/entities'>['items'][number];
export type Inspector = ApiOutput<'GET /api/inspectors'>['items'][number];
