// Databases for the database test tier (*.db.test.ts): an in-memory PGlite always, and —
// when DATABASE_URL is set — a fresh, empty database on that PostgreSQL server, created
// for the test file and dropped again by dispose(). Databases come unmigrated.
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
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database.ts';
import type { DB } from './schema.ts';

export interface TestDatabase {
  /** 'PGlite' or 'PostgreSQL', for test titles. */
  name: string;
  database: Database;
  /** Closes the database; for PostgreSQL also drops the test database. Safe to call twice. */
  dispose(): Promise<void>;
}

export async function openTestDatabases(): Promise<TestDatabase[]> {
  const databases = [await openPgliteTestDatabase()];
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) databases.push(await openPostgresTestDatabase(serverUrl));
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

/** Rows in a table: for tests that check what a change wrote, or that a refused one wrote nothing. */
export async function countRows(database: Database, table: keyof DB & string): Promise<number> {
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(database.db);
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
    dispose: once(async () => {
      await database.close();
      await dropDatabase(serverUrl, name);
    }),
  };
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
