// Databases for the database test tier (*.db.test.ts): an in-memory PGlite always, and —
// when DATABASE_URL is set — a fresh, empty database on that PostgreSQL server, created
// for the test file and dropped again by dispose(); and — when SSJ_CITUS_URL names a Citus
// coordinator — a fresh database on the Citus cluster (created on the coordinator and on each
// worker, with the citus extension and the cluster's nodes; migrate() then distributes the
// tables). Databases come unmigrated.
//
//   const databases = await openTestDatabases();
//   describe.each(databases.map((d) => [d.name, d] as const))('… on %s', (_name, testDb) => {
//     beforeAll(() => migrate(testDb.database));
//     afterAll(() => testDb.dispose());
//     …
//   });
//
// Run against a server:  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx vitest run --project db
// The URL's user needs CREATEDB. A test run that is killed can leave ssj_test_* databases
// behind; they are safe to drop.
// Run against Citus:     SSJ_CITUS_URL=postgres://postgres@127.0.0.1:9700/postgres npx vitest run --project db
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, redactUrl, type Database } from './database.ts';
import type { DB } from './schema.ts';

export interface TestDatabase {
  /** 'PGlite', 'PostgreSQL' or 'Citus', for test titles. */
  name: string;
  database: Database;
  /** The server database's URL (PostgreSQL, Citus), e.g. as the target of `ssj db copy`. */
  url?: string;
  /** Closes the database; for PostgreSQL also drops the test database. Safe to call twice. */
  dispose(): Promise<void>;
}

export async function openTestDatabases(): Promise<TestDatabase[]> {
  const databases = [await openPgliteTestDatabase()];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) databases.push(await openPostgresTestDatabase(serverUrl));
  const citusUrl = process.env.SSJ_CITUS_URL;
  if (citusUrl) databases.push(await openCitusTestDatabase(citusUrl));
  return databases;
}

/** Runs fn once per test database (see openTestDatabases), disposing each afterwards. */
export async function withTestDatabases(fn: (testDb: TestDatabase) => Promise<void>): Promise<void> {
  for (const testDb of await openTestDatabases()) {
    try {
      await fn(testDb);
    } finally {
      await testDb.dispose();
    }
  }
}

/**
 * Rows in a table, or only those whose columns equal the given values: for tests that check what a
 * change wrote, or that a refused one wrote nothing.
 */
export async function countRows<T extends keyof DB & string>(
  database: Database,
  table: T,
  equal: Partial<Record<keyof DB[T] & string, string>> = {},
): Promise<number> {
  const conditions = Object.entries(equal).map(([column, value]) => sql`${sql.ref(column)} = ${value}`);
  const where = conditions.length > 0 ? sql` WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}${where}`.execute(database.db);
  return Number(rows[0]!.n);
}

async function openPgliteTestDatabase(): Promise<TestDatabase> {
  const database = await openDatabase({ dataDir: 'memory://' });
  return { name: 'PGlite', database, dispose: once(() => database.close()) };
}

async function openPostgresTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `ssj_test_${randomBytes(6).toString('hex')}`;
  await onServer(serverUrl, (admin) => sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.db));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: url.toString() });
  } catch (error) {
    await dropDatabase(serverUrl, name);
    throw error;
  }
  return {
    name: 'PostgreSQL',
    database,
    url: url.toString(),
    dispose: once(async () => {
      await database.close();
      await dropDatabase(serverUrl, name);
    }),
  };
}

/** A fresh database on every node of the Citus cluster, for tests (four shards per table). */
async function openCitusTestDatabase(coordinatorUrl: string): Promise<TestDatabase> {
  // Four shards per distributed table instead of Citus's 32: enough to spread a unit's rows
  // over both workers, and a test database is placed in seconds.
  return openCitusDatabase(coordinatorUrl, { name: `ssj_test_${randomBytes(6).toString('hex')}`, shardCount: 4 });
}

/**
 * A new database `name` on every node of the Citus cluster whose coordinator answers at
 * coordinatorUrl (tests, benches): Citus keeps its node list per database, so the new database
 * gets the extension on each node and the coordinator's node list (read from the coordinator's
 * own database) is added to it. `dispose` drops it on every node.
 */
export async function openCitusDatabase(coordinatorUrl: string, options: { name: string; shardCount: number }): Promise<TestDatabase> {
  const { name, shardCount } = options;
  const nodes = await citusNodes(coordinatorUrl);
  const nodeUrls = nodes.map((node) => {
    const url = new URL(coordinatorUrl);
    url.hostname = node.host;
    url.port = String(node.port);
    return url.toString();
  });
  const coordinator = nodes.find((node) => node.isCoordinator);
  const dropEverywhere = async () => {
    for (const url of nodeUrls) await dropDatabase(url, name);
  };
  let database: Database;
  try {
    for (const url of nodeUrls) {
      await onServer(url, (admin) => sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.db));
      await onServer(withDatabase(url, name), (db) => sql`CREATE EXTENSION IF NOT EXISTS citus`.execute(db.db));
    }
    await onServer(coordinatorUrl, (admin) =>
      sql`ALTER DATABASE ${sql.id(name)} SET citus.shard_count = ${sql.raw(String(Math.trunc(shardCount)))}`.execute(admin.db),
    );
    database = await openDatabase({ databaseUrl: withDatabase(coordinatorUrl, name) });
    if (coordinator) await sql`SELECT citus_set_coordinator_host(${coordinator.host}, ${coordinator.port})`.execute(database.db);
    for (const node of nodes.filter((n) => !n.isCoordinator)) {
      await sql`SELECT citus_add_node(${node.host}, ${node.port})`.execute(database.db);
    }
  } catch (error) {
    await dropEverywhere();
    throw error;
  }
  return {
    name: 'Citus',
    database,
    url: withDatabase(coordinatorUrl, name),
    dispose: once(async () => {
      await database.close();
      await dropEverywhere();
    }),
  };
}

interface CitusNode {
  host: string;
  port: number;
  isCoordinator: boolean;
}

async function citusNodes(coordinatorUrl: string): Promise<CitusNode[]> {
  let nodes: CitusNode[] = [];
  await onServer(coordinatorUrl, async (admin) => {
    const { rows } = await sql<{ host: string; port: number; group_id: number }>`
      SELECT nodename AS host, nodeport AS port, groupid AS group_id FROM pg_dist_node
       WHERE noderole = 'primary' ORDER BY groupid`.execute(admin.db);
    nodes = rows.map((row) => ({ host: row.host, port: Number(row.port), isCoordinator: Number(row.group_id) === 0 }));
  });
  if (!nodes.some((node) => !node.isCoordinator)) {
    throw new Error(`SSJ_CITUS_URL 指向的数据库中没有 Citus 工作节点（pg_dist_node 为空）：${redactUrl(coordinatorUrl)}`);
  }
  return nodes;
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  // WITH (FORCE) (PostgreSQL 13+) ends connections a failed test may have left open.
  await onServer(serverUrl, (admin) => sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.db));
}

async function onServer(serverUrl: string, fn: (admin: Database) => Promise<unknown>): Promise<void> {
  const admin = await openDatabase({ databaseUrl: serverUrl });
  try {
    await fn(admin);
  } finally {
    await admin.close();
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
