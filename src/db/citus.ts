// The schema on Citus (distributed PostgreSQL). The migrations are the same on every engine;
// where the citus extension is installed, this step runs after them and tells Citus how to
// place each table. On PGlite and plain PostgreSQL it finds no citus and does nothing.
//
// Distribution design (docs/scale-out.md explains why):
// - Reference tables (a full copy on every node, joined locally by any shard): the code lists,
//   the calendar, the org tree, accounts and sessions, settings, jobs, the item lists, plans,
//   and the inspectors with their recusals. They are small (thousands to some hundred thousand
//   rows nationally) and read by every query; the matching reads people of several units at
//   once (a city draws, the counties inspect), and an inspector's login is unique nationally.
// - Distributed tables, hashed on the owning unit or region, so everything one unit reads and
//   writes lives on one shard and its queries are router (single-shard) queries:
//     market_entity, market_entity_history,
//     entity_risk_classification                     by region_code (the county it is registered in)
//     audit_log, facts_version                       by unit_code   (one hash chain per unit)
//     draw, draw_task, draw_group_file, draw_reserve_use,
//     visit, visit_inspector                         by the drawing unit's code
//     visit_result, visit_result_version,
//     visit_attachment, followup_item,
//     publication_request                            by the inspecting unit's code
//     directory_object                               by the owning unit's code
//     joint_scheme                                   by the plan's unit code
//   Tables keyed by a unit code share one colocation group (same hash ranges, same nodes), so a
//   join of two of them on the unit code stays on one shard.
// - Left local on the coordinator: schema_migration and the import staging table (transient rows
//   of one running import, read back by the coordinator).
import { sql } from 'kysely';
import type { Database } from './database.ts';

/** Reference tables, parents before the tables that refer to them. */
export const citusReferenceTables = [
  'ref_division',
  'ref_industry',
  'ref_holiday',
  'org_unit',
  'app_user',
  'user_role',
  'user_session',
  'login_throttle',
  'app_setting',
  'job',
  'job_issue',
  'check_item_version',
  'check_item',
  'check_item_claim',
  'sub_library',
  'check_item_sub_library',
  'plan',
  'plan_version',
  'plan_task',
  'plan_filing_deadline',
  'plan_column_mapping',
  'inspector',
  'inspector_recusal',
  'public_results_version',
] as const;

/** Distributed tables and their distribution column, parents before children. */
export const citusDistributedTables = [
  { table: 'market_entity', column: 'region_code', colocateWith: 'none' },
  { table: 'market_entity_history', column: 'region_code', colocateWith: 'market_entity' },
  { table: 'entity_risk_classification', column: 'region_code', colocateWith: 'market_entity' },
  { table: 'audit_log', column: 'unit_code', colocateWith: 'none' },
  { table: 'facts_version', column: 'unit_code', colocateWith: 'audit_log' },
  { table: 'draw', column: 'unit_code', colocateWith: 'audit_log' },
  { table: 'draw_task', column: 'unit_code', colocateWith: 'audit_log' },
  { table: 'draw_group_file', column: 'unit_code', colocateWith: 'audit_log' },
  { table: 'draw_reserve_use', column: 'unit_code', colocateWith: 'audit_log' },
  { table: 'visit', column: 'draw_unit_code', colocateWith: 'audit_log' },
  { table: 'visit_inspector', column: 'draw_unit_code', colocateWith: 'audit_log' },
  { table: 'visit_result', column: 'unit_code', colocateWith: 'audit_log' },
  { table: 'visit_result_version', column: 'unit_code', colocateWith: 'audit_log' },
  { table: 'visit_attachment', column: 'unit_code', colocateWith: 'audit_log' },
  { table: 'followup_item', column: 'unit_code', colocateWith: 'audit_log' },
  { table: 'directory_object', column: 'unit_code', colocateWith: 'audit_log' },
  { table: 'publication_request', column: 'unit_code', colocateWith: 'audit_log' },
  { table: 'joint_scheme', column: 'unit_code', colocateWith: 'audit_log' },
] as const;

/** True where the citus extension is installed in this database. */
export async function hasCitus(database: Database): Promise<boolean> {
  if (database.engine !== 'postgres') return false;
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'citus'`.execute(database.db);
  return rows[0]!.n > 0;
}

export interface CitusReport {
  reference: string[];
  distributed: string[];
}

/**
 * Places every table that Citus does not know yet (idempotent: a table already in Citus's
 * metadata is left as it is). Runs after the migrations; returns what it placed.
 */
export async function distributeOnCitus(database: Database): Promise<CitusReport> {
  const report: CitusReport = { reference: [], distributed: [] };
  if (!(await hasCitus(database))) return report;
  const { rows } = await sql<{ name: string }>`
    SELECT logicalrelid::regclass::text AS name FROM pg_dist_partition`.execute(database.db);
  const placed = new Set(rows.map((row) => row.name));
  // One connection for the whole step: the session settings below must hold for each call.
  await database.db.connection().execute(async (conn) => {
    // The append-only guard on audit_log is a row-level trigger with no cross-row logic, which
    // Citus runs on each shard; it asks for this setting to accept triggers at all.
    await sql`SET citus.enable_unsafe_triggers = on`.execute(conn);
    await sql`SET citus.multi_shard_modify_mode = 'sequential'`.execute(conn);
    for (const table of citusReferenceTables) {
      if (placed.has(table)) continue;
      try {
        await sql`SELECT create_reference_table(${table})`.execute(conn);
      } catch (error) {
        throw new Error(`Citus 参照表 ${table} 失败：${(error as Error).message}`);
      }
      report.reference.push(table);
    }
    const toDistribute = citusDistributedTables.filter(({ table }) => !placed.has(table));
    // Citus refuses to distribute a table that a not-yet-distributed table refers to: the
    // foreign keys among the tables to distribute are set aside, and put back once all are
    // distributed (each of them includes the distribution column, as Citus requires).
    const names = toDistribute.map(({ table }) => table);
    const { rows: keys } = names.length
      ? await sql<{ table: string; name: string; definition: string }>`
          SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS definition
            FROM pg_constraint c
           WHERE c.contype = 'f'
             AND c.conrelid::regclass::text IN (${sql.join(names)})
             AND c.confrelid::regclass::text IN (${sql.join(names)})`.execute(conn)
      : { rows: [] };
    for (const key of keys) {
      await sql`ALTER TABLE ${sql.table(key.table)} DROP CONSTRAINT ${sql.id(key.name)}`.execute(conn);
    }
    for (const { table, column, colocateWith } of toDistribute) {
      try {
        await sql`SELECT create_distributed_table(${table}, ${column}, colocate_with => ${colocateWith})`.execute(conn);
      } catch (error) {
        throw new Error(`Citus 分布表 ${table}（分布列 ${column}）失败：${(error as Error).message}`);
      }
      report.distributed.push(table);
    }
    for (const key of keys) {
      await sql`ALTER TABLE ${sql.table(key.table)} ADD CONSTRAINT ${sql.id(key.name)} ${sql.raw(key.definition)}`.execute(conn);
    }
    // Every later session of this database: triggers accepted (see above), and joins of two
    // distributed tables on a column other than the unit code (a visit and its result when
    // another unit inspects) run as repartition joins instead of being refused.
    const { rows: dbRows } = await sql<{ name: string }>`SELECT current_database() AS name`.execute(conn);
    const name = dbRows[0]!.name;
    await sql`ALTER DATABASE ${sql.id(name)} SET citus.enable_unsafe_triggers = on`.execute(conn);
    await sql`ALTER DATABASE ${sql.id(name)} SET citus.enable_repartition_joins = on`.execute(conn);
  });
  return report;
}
