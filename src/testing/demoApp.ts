// The setup most API tests share: a migrated database with the reference data and a small demo
// (300 entities per county), the real app over it, and logins as the demo accounts.
import type { Hono } from 'hono';
import { afterAll, beforeAll, expect } from 'vitest';
import type { TestDatabase } from '../db/testDatabase.ts';
import { migrate } from '../db/migrate.ts';
import { loadReferenceData } from '../db/reference-data.ts';
import { DEMO_PASSWORD } from '../demo/accounts.ts';
import { loadDemoWithAudit } from '../demo/installDemo.ts';
import { loadConfig } from '../server/config.ts';
import { createApp } from '../server/http/app.ts';
import { ApiClient } from './apiClient.ts';

export async function startDemoApp(testDb: TestDatabase): Promise<Hono> {
  await migrate(testDb.database);
  await loadReferenceData(testDb.database);
  await loadDemoWithAudit(testDb.database, { entitiesPerCounty: 300 });
  return createApp({ database: testDb.database, config: loadConfig({ dataDir: 'memory://', webDir: 'dist/web' }, {}) });
}

/**
 * The demo app of a describe block over its test database: started before the block's tests, the
 * database disposed after them. `app()` is the started app, `as(username)` a client logged in.
 */
export function demoAppPerSuite(testDb: TestDatabase) {
  let started: Hono | undefined;
  beforeAll(async () => {
    started = await startDemoApp(testDb);
  });
  afterAll(() => testDb.dispose());
  const app = () => {
    if (!started) throw new Error("The demo app starts in the suite's beforeAll; use app() inside a test.");
    return started;
  };
  return { app, as: (username: string) => loginAs(app(), username) };
}

/** A client logged in as a demo account (password Ssj-demo-2026), from `address` when given. */
export async function loginAs(app: Hono, username: string, address?: string): Promise<ApiClient> {
  const client = new ApiClient(app, address);
  const response = await client.login(username, DEMO_PASSWORD);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return client;
}

/** Posts a file to an import route as the browser does (raw body, its name in x-file-name). */
export async function uploadAs(
  app: Hono,
  client: ApiClient,
  url: string,
  fileName: string,
  content: Uint8Array | string,
  contentType = 'application/octet-stream',
) {
  const response = await app.request(`http://localhost${url}`, {
    method: 'POST',
    headers: { cookie: client.sessionCookie!, 'x-file-name': encodeURIComponent(fileName), 'content-type': contentType },
    body: new Uint8Array(typeof content === 'string' ? Buffer.from(content, 'utf8') : content),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** The demo's first 市场监管所 (by code) directly under a unit. */
export async function firstStationUnder(testDb: TestDatabase, parentCode: string): Promise<string> {
  const station = await testDb.database.db
    .selectFrom('org_unit')
    .select('code')
    .where('parent_code', '=', parentCode)
    .where('kind', '=', 'station')
    .orderBy('code')
    .limit(1)
    .executeTakeFirstOrThrow();
  return station.code;
}

/** The USCC of one demo 市场主体 registered in a region. */
export async function someEntityIn(testDb: TestDatabase, regionCode: string): Promise<string> {
  const entity = await testDb.database.db
    .selectFrom('market_entity')
    .select('uscc')
    .where('region_code', '=', regionCode)
    .limit(1)
    .executeTakeFirstOrThrow();
  return entity.uscc;
}
