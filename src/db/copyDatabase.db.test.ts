// Moving up: the embedded demo copied into an empty PostgreSQL database keeps every row and every
// audit chain, serves logins there, and a second copy into the now non-empty database is refused
// with nothing written. Runs when a PostgreSQL server is given (DATABASE_URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Database } from './database.ts';
import { migrate } from './migrate.ts';
import { loadReferenceData } from './reference-data.ts';
import { copyDatabase, CopyRefused } from './copyDatabase.ts';
import { loadDemoWithAudit } from '../demo/installDemo.ts';
import { verifyAuditChain } from '../server/audit/verifyAuditChain.ts';
import { createApp } from '../server/http/app.ts';
import { loadConfig } from '../server/config.ts';
import { ApiClient } from '../testing/apiClient.ts';
import { DEMO_PASSWORD } from '../demo/accounts.ts';
import { openTestDatabases } from './testDatabase.ts';

const serverUrl = process.env.DATABASE_URL;

describe.runIf(serverUrl)('ssj db copy: PGlite → PostgreSQL', () => {
  let source: Database;
  const name = `ssj_test_copy_${randomBytes(4).toString('hex')}`;
  const targetUrl = (() => {
    if (!serverUrl) return '';
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  })();

  async function onServer(statement: string) {
    const admin = await openDatabase({ databaseUrl: serverUrl! });
    try {
      await sql.raw(statement).execute(admin.db);
    } finally {
      await admin.close();
    }
  }

  beforeAll(async () => {
    source = await openDatabase({ dataDir: 'memory://' });
    await migrate(source);
    await loadReferenceData(source);
    await loadDemoWithAudit(source, { entitiesPerCounty: 300 });
    await onServer(`CREATE DATABASE ${name}`);
  });
  afterAll(async () => {
    await source.close();
    await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  });

  it('copies every row, keeps the audit chains, and the copy serves the product', async () => {
    const report = await copyDatabase(source, targetUrl);
    const target = await openDatabase({ databaseUrl: targetUrl });
    try {
      for (const { table, rows } of report.tables) {
        const here = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(source.db);
        expect(rows, table).toBe(Number(here.rows[0]!.n));
      }
      expect(report.tables.find((t) => t.table === 'market_entity')!.rows).toBeGreaterThan(300);
      const chains = await verifyAuditChain(target.db);
      expect(chains.ok).toBe(true);
      expect(chains.checked).toBe(report.tables.find((t) => t.table === 'audit_log')!.rows);
      const app = createApp({ database: target, config: loadConfig({ dataDir: 'memory://', webDir: 'dist/web' }, {}) });
      const client = new ApiClient(app);
      expect((await client.login('gp.planner', DEMO_PASSWORD)).status).toBe(200);
      const entities = await client.get('/api/entities?pageSize=5');
      expect(entities.status).toBe(200);
      expect(entities.body.total).toBeGreaterThan(0);
    } finally {
      await target.close();
    }
  });

  it('refuses a target that is not empty, writing nothing', async () => {
    const target = await openDatabase({ databaseUrl: targetUrl });
    const before = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log`.execute(target.db);
    await target.close();
    await expect(copyDatabase(source, targetUrl)).rejects.toBeInstanceOf(CopyRefused);
    const again = await openDatabase({ databaseUrl: targetUrl });
    const after = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log`.execute(again.db);
    await again.close();
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
  });
});

// The same move into a Citus cluster (SSJ_CITUS_URL): the extension's own views in the empty
// target do not count as content, and the one copying transaction writes reference and
// distributed tables over one connection per node.
const opened = process.env.SSJ_CITUS_URL ? await openTestDatabases() : [];
for (const other of opened.filter((d) => d.name !== 'Citus')) await other.dispose();
const citusTargets = opened.filter((d) => d.name === 'Citus');

describe.skipIf(citusTargets.length === 0)('ssj db copy on Citus', () => {
  it('copies the demo into an empty Citus database, counts and audit chains checked there', async () => {
    const testDb = citusTargets[0]!;
    const source = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrate(source);
      await loadReferenceData(source);
      await loadDemoWithAudit(source, { entitiesPerCounty: 100 });
      const report = await copyDatabase(source, testDb.url!);
      expect(report.tables.find((t) => t.table === 'market_entity')!.rows).toBeGreaterThan(100);
      const chains = await verifyAuditChain(testDb.database.db);
      expect(chains.ok).toBe(true);
      expect(chains.checked).toBe(report.tables.find((t) => t.table === 'audit_log')!.rows);
    } finally {
      await source.close();
      await testDb.dispose();
    }
  });
});
