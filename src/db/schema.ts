// Kysely table types, kept in step with migrations/*.sql.
// DATE, INT8 and NUMERIC come back as strings from both engines (see database.ts).
import type { ColumnType, Generated } from 'kysely';
import type { ImportTables } from './tables/imports.ts';
import type { CheckItemTables } from './tables/checkItems.ts';
import type { InspectorDirectoryTables } from './tables/inspectorDirectory.ts';
import type { SubLibraryTables } from './tables/subLibraries.ts';
import type { DirectoryObjectTables } from './tables/directoryObjects.ts';
import type { PlanTables } from './tables/plans.ts';
import type { DrawTables } from './tables/draws.ts';
import type { ResultTables } from './tables/results.ts';
import type { VisitTables } from './tables/visits.ts';
import type { PublicPortalTables } from './tables/publicPortal.ts';
import type { IndicatorTables } from './tables/indicators.ts';
import type { PublicationRequestTables } from './tables/publicationRequests.ts';
import type { JointSchemeTables } from './tables/jointSchemes.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateString = ColumnType<string, string, string>;

export interface RefDivisionTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
}

export interface RefIndustryTable {
  code: string;
  name: string;
  level: number;
  parent_code: string | null;
}

export interface RefHolidayTable {
  day: DateString;
  is_off_day: boolean;
  name: string;
}

export interface OrgUnitTable {
  code: string;
  name: string;
  short_name: string;
  kind: 'province' | 'city' | 'county' | 'office' | 'station' | 'department';
  parent_code: string | null;
  path: string;
  region_code: string;
  dept_type: string | null;
  sort_order: Generated<number>;
  created_at: Generated<Date>;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  home_unit_code: string;
  password_hash: string;
  password_changed_at: Generated<Date>;
  status: Generated<'active' | 'disabled'>;
  created_at: Generated<Date>;
  /** Set when an administrator chose the password: the user must change it before anything else. */
  must_change_password: Generated<boolean>;
}

export interface UserRoleTable {
  user_id: string;
  unit_code: string;
  role: 'admin' | 'planner' | 'staff' | 'inspector' | 'leader' | 'auditor';
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  unit_code: string;
  role: string;
  created_at: Generated<Date>;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface LoginThrottleTable {
  throttle_key: string;
  failures: number;
  window_start: Timestamp;
  locked_until: Timestamp | null;
}

export interface AuditLogTable {
  unit_code: string;
  seq: ColumnType<string, string | number | bigint, never>;
  at: Timestamp;
  actor_user_id: string | null;
  actor_name: string;
  action: string;
  object_type: string;
  object_id: string;
  summary: ColumnType<unknown, string, never>;
  prev_hash: string;
  row_hash: string;
}

/** How many audit rows a unit's chain has (raised with each; the indicators' cache key). */
export interface FactsVersionTable {
  unit_code: string;
  n: ColumnType<string, string | number | bigint, string | number | bigint>;
}

/** The head of one unit's audit chain at a moment (append-only). */
export interface AuditAnchorTable {
  id: Generated<string>;
  anchored_at: Generated<Date>;
  unit_code: string;
  seq: ColumnType<string, string | number | bigint, never>;
  row_hash: string;
}

export interface MarketEntityTable {
  region_code: string;
  uscc: string;
  name: string;
  subject_type: 'enterprise' | 'individual' | 'cooperative' | 'other';
  enterprise_type: string | null;
  reg_status: string;
  established_on: DateString | null;
  address: string | null;
  legal_rep: string | null;
  reg_authority: string | null;
  unit_code: string;
  industry_code: string | null;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  risk_class: 'A' | 'B' | 'C' | 'D' | null;
  risk_class_since: DateString | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** 专业领域 risk classifications of a business (migration 20261211_0060). */
export interface EntityRiskClassificationTable {
  region_code: string;
  uscc: string;
  classification: string;
  risk_class: 'A' | 'B' | 'C' | 'D';
  rated_on: DateString;
  source: string;
  updated_at: Generated<Date>;
}

export interface InspectorTable {
  unit_code: string;
  id: Generated<string>;
  name: string;
  gender: '男' | '女' | null;
  category: 'enforcement' | 'expert';
  cert_no: string | null;
  cert_expires_on: DateString | null;
  position: string | null;
  specialties: ColumnType<string[], string[] | undefined, string[]>;
  qualifications: ColumnType<string[], string[] | undefined, string[]>;
  region_code: string;
  status: Generated<'在岗' | '调离' | '退休'>;
  status_since: DateString | null;
  /** The login of this person (执法检查人员 account), when they have one. */
  user_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AppSettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
}

// Each capability keeps its own table types in src/db/tables/<capability>.ts.
export interface DB
  extends
    ImportTables,
    CheckItemTables,
    InspectorDirectoryTables,
    SubLibraryTables,
    DirectoryObjectTables,
    PlanTables,
    DrawTables,
    ResultTables,
    VisitTables,
    PublicPortalTables,
    IndicatorTables,
    PublicationRequestTables,
    JointSchemeTables {
  ref_division: RefDivisionTable;
  ref_industry: RefIndustryTable;
  ref_holiday: RefHolidayTable;
  org_unit: OrgUnitTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  user_session: UserSessionTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  audit_anchor: AuditAnchorTable;
  facts_version: FactsVersionTable;
  market_entity: MarketEntityTable;
  entity_risk_classification: EntityRiskClassificationTable;
  inspector: InspectorTable;
  app_setting: AppSettingTable;
}
