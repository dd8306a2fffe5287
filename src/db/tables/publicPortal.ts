// Kysely table types for: the portal's published-results version. Kept in step with its
// migration (20261208_0020_public_results_version.sql).
import type { ColumnType, Generated } from 'kysely';

export interface PublicResultsVersionTable {
  id: Generated<number>;
  /** INT8: a string, as every bigint (see database.ts). */
  version: ColumnType<string, string | number, string | number>;
}

export interface PublicPortalTables {
  public_results_version: PublicResultsVersionTable;
}
