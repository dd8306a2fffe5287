// Moving an installation up: every row of one database (typically the embedded PGlite of a
// county laptop) copied into an EMPTY PostgreSQL server database (or a Citus coordinator), then
// checked there. The target gets its schema from the same migrations; rows travel table by table
// in foreign-key order as COPY text (portable between PostgreSQL versions), all in one
// transaction; serial counters are set past the copied rows. Nothing is written to the source.
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { sql, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import { openDatabase, redactUrl } from './database.ts';
import { listMigrations, migrate } from './migrate.ts';
import type { DB } from './schema.ts';

export interface CopyProgress {
  table: string;
  rows: number;
  tablesDone: number;
  tables: number;
}

export interface CopyReport {
  target: string;
  tables: { table: string; rows: number }[];
  totalRows: number;
}

/** Refused before anything is written; the message says what to do. */
export class CopyRefused extends Error {
  override name = 'CopyRefused';
}

interface TableInfo {
  name: string;
  columns: string[];
  /** Tables this one references (other than itself). */
  references: string[];
  /** A single-column foreign key to itself (a tree such as org_unit), copied roots first. */
  selfReference: { column: string; referenced: string } | null;
}

async function userTables(db: Kysely<DB>): Promise<TableInfo[]> {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'schema_migration'
     ORDER BY c.relname`.execute(db);
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND is_generated = 'NEVER'
     ORDER BY table_name, ordinal_position`.execute(db);
  const keys = await sql<{ from_table: string; to_table: string; from_columns: string[]; to_columns: string[] }>`
    SELECT cf.relname AS from_table, ct.relname AS to_table,
           ARRAY(SELECT a.attname::text FROM unnest(con.conkey) k JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k) AS from_columns,
           ARRAY(SELECT a.attname::text FROM unnest(con.confkey) k JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k) AS to_columns
      FROM pg_constraint con
      JOIN pg_class cf ON cf.oid = con.conrelid
      JOIN pg_class ct ON ct.oid = con.confrelid
      JOIN pg_namespace n ON n.oid = cf.relnamespace
     WHERE con.contype = 'f' AND n.nspname = 'public'`.execute(db);
  return tables.rows.map(({ name }) => {
    const own = keys.rows.filter((k) => k.from_table === name);
    const self = own.find((k) => k.to_table === name && k.from_columns.length === 1);
    return {
      name,
      columns: columns.rows.filter((c) => c.table_name === name).map((c) => c.column_name),
      references: [...new Set(own.filter((k) => k.to_table !== name).map((k) => k.to_table))],
      selfReference: self ? { column: self.from_columns[0]!, referenced: self.to_columns[0]! } : null,
    };
  });
}

/** Tables ordered so that every table comes after the tables it references. */
export function foreignKeyOrder(tables: readonly TableInfo[]): TableInfo[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableInfo[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: TableInfo, path: string[]) => {
    if (state.get(table.name) === 'done') return;
    if (state.get(table.name) === 'visiting') throw new Error(`外键循环引用：${[...path, table.name].join(' → ')}`);
    state.set(table.name, 'visiting');
    for (const ref of table.references) {
      const target = byName.get(ref);
      if (target) visit(target, [...path, table.name]);
    }
    state.set(table.name, 'done');
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => a.name.localeCompare(b.name))) visit(table, []);
  return ordered;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The rows of a table as they must be inserted: a tree's roots before their children. */
function selectRows(table: TableInfo): string {
  const cols = table.columns.map(quote).join(', ');
  if (!table.selfReference) return `SELECT ${cols} FROM ${quote(table.name)}`;
  const { column, referenced } = table.selfReference;
  return `WITH RECURSIVE depth AS (
      SELECT ${quote(referenced)} AS k, 0 AS d FROM ${quote(table.name)} WHERE ${quote(column)} IS NULL
      UNION ALL
      SELECT t.${quote(referenced)}, depth.d + 1 FROM ${quote(table.name)} t JOIN depth ON t.${quote(column)} = depth.k)
    SELECT ${table.columns.map((c) => `t.${quote(c)}`).join(', ')} FROM ${quote(table.name)} t
      LEFT JOIN depth ON depth.k = t.${quote(referenced)} ORDER BY depth.d NULLS LAST`;
}

async function countRows(db: Kysely<DB>, table: string): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
  return Number(rows[0]!.n);
}

async function assertEmpty(targetUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: targetUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new CopyRefused(
      `无法连接目标数据库 ${redactUrl(targetUrl)}：${(error as Error).message}。请确认地址、用户和数据库存在（createdb）。`,
    );
  }
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
          -- an extension's own objects (Citus puts views such as citus_tables in public) do not count
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`,
    );
    const n = Number(rows[0]!.n);
    if (n > 0) {
      throw new CopyRefused(
        `目标数据库 ${redactUrl(targetUrl)} 不是空的（public 模式下已有 ${n} 个表或其他对象），未做任何写入。请新建一个空数据库（createdb）后重试。`,
      );
    }
  } finally {
    await client.end();
  }
}

/**
 * Copies every row of `source` into the empty database at `targetUrl` and checks the copy:
 * the same number of rows in every table. The audit chains are verified by the caller (the
 * audit capability owns that check).
 */
export async function copyDatabase(
  source: Database,
  targetUrl: string,
  onProgress: (progress: CopyProgress) => void = () => undefined,
): Promise<CopyReport> {
  const applied = await sql<{ version: string }>`SELECT version FROM schema_migration`.execute(source.db).catch(() => ({ rows: [] }));
  const expected = listMigrations().map((m) => m.version);
  const missing = expected.filter((v) => !applied.rows.some((r) => r.version === v));
  if (missing.length > 0) {
    throw new CopyRefused(`源数据库尚未应用全部迁移（缺 ${missing.join('、')}）。请先对源数据库运行 ssj migrate，再复制。`);
  }
  await assertEmpty(targetUrl);
  const target = await openDatabase({ databaseUrl: targetUrl });
  const client = new pg.Client({ connectionString: targetUrl });
  const report: CopyReport = { target: redactUrl(targetUrl), tables: [], totalRows: 0 };
  try {
    await migrate(target);
    const tables = foreignKeyOrder(await userTables(source.db));
    await client.connect();
    await client.query('BEGIN');
    try {
      // On Citus one transaction that writes reference and distributed tables must use one
      // connection per node.
      if ((await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'citus'`)).rowCount) {
        await client.query(`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`);
      }
      // The tables the migrations filled (reference codes) are replaced by the source's rows.
      for (const table of [...tables].reverse()) await client.query(`DELETE FROM ${quote(table.name)}`);
      for (const [i, table] of tables.entries()) {
        const into = client.query(copyFrom(`COPY ${quote(table.name)} (${table.columns.map(quote).join(', ')}) FROM STDIN`));
        await pipeline(Readable.from(source.copyOut(selectRows(table))), into);
        const rows = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quote(table.name)}`)).rows[0]!.n);
        report.tables.push({ table: table.name, rows });
        report.totalRows += rows;
        onProgress({ table: table.name, rows, tablesDone: i + 1, tables: tables.length });
      }
      // Serial counters continue after the copied rows.
      const serials = await client.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns
          WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
      );
      for (const s of serials.rows) {
        await client.query(
          `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT max(${quote(s.column_name)}) FROM ${quote(s.table_name)}), 1))`,
          [s.table_name, s.column_name],
        );
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    for (const { table, rows } of report.tables) {
      const there = await countRows(target.db, table);
      const here = await countRows(source.db, table);
      if (there !== rows || here !== rows) {
        throw new Error(`复制校验失败：表 ${table} 源库 ${here} 行，目标库 ${there} 行。`);
      }
    }
    return report;
  } catch (error) {
    // The target was empty: leave it empty again rather than half-filled.
    await client.query('ROLLBACK').catch(() => undefined);
    await sql`DROP SCHEMA public CASCADE`.execute(target.db).catch(() => undefined);
    await sql`CREATE SCHEMA public`.execute(target.db).catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
    await target.close();
  }
}
