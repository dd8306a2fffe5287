// The setup most API tests share: a migrated database with the reference data and a small demo
// (300 entities per county), the real app over it, and logins as the demo accounts.
import type { Hono } from 'hono';
import { afterAll, beforeAll, expect } from 'vitest';
import type { TestDatabase } from '../db/testDatabase.ts';
import { migrate } from '../db/migrate.ts';
import { loadReferenceData } from '../db/reference-data.ts';
import { roles, type Role } from '../core/glossary.ts';
import { DEMO_PASSWORD } from '../demo/accounts.ts';
import { loadDemoWithAudit } from '../demo/installDemo.ts';
import { loadConfig } from '../server/config.ts';
import { createApp } from '../server/http/app.ts';
import ExcelJS from '../server/files/exceljs.ts';
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

/** One signed-in client per role, each made by `login(role)` in the suite's beforeAll. */
export function clientPerRole(login: (role: Role) => Promise<ApiClient>): Map<Role, ApiClient> {
  const clients = new Map<Role, ApiClient>();
  beforeAll(async () => {
    for (const role of roles) clients.set(role, await login(role));
  });
  return clients;
}

/** A client logged in as a demo account (password Ssj-demo-2026), from `address` when given. */
export async function loginAs(app: Hono, username: string, address?: string): Promise<ApiClient> {
  const client = new ApiClient(app, address);
  const response = await client.login(username, DEMO_PASSWORD);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return client;
}

/** Downloads an .xlsx as a signed-in client (the answer must be 200) and opens it as a workbook. */
export async function downloadWorkbook(app: Hono, client: ApiClient, url: string) {
  const response = await app.request(`http://localhost${url}`, { headers: { cookie: client.sessionCookie! } });
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await response.arrayBuffer()) as unknown as ArrayBuffer);
  return { response, workbook };
}

/**
 * A directory's export (`<url>/export`): one sheet, the header row and then every row the list
 * at `url` counts; and a valid import of itself — re-importing it (`<url>/import`) changes nothing.
 */
export async function expectExportRoundTrip(app: Hono, client: ApiClient, directory: { url: string; sheet: string; firstColumn: string }) {
  const { response, workbook } = await downloadWorkbook(app, client, `${directory.url}/export`);
  expect(response.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
  const sheet = workbook.getWorksheet(directory.sheet)!;
  const total = (await client.get(`${directory.url}?pageSize=1`)).body.total;
  expect(sheet.rowCount - 1).toBe(total);
  expect(sheet.getRow(1).getCell(1).value).toBe(directory.firstColumn);
  const roundTrip = await uploadAs(app, client, `${directory.url}/import`, '导出.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
  expect(roundTrip.status, JSON.stringify(roundTrip.body).slice(0, 500)).toBe(200);
  expect(roundTrip.body).toMatchObject({ created: 0, updated: 0, unchanged: total });
}

/** A refused import: 422 UNPROCESSABLE whose row errors include each of these (matched field by field). */
export function expectRowErrors(answer: { status: number; body: any }, rows: Record<string, unknown>[]) {
  expect(answer.status, JSON.stringify(answer.body).slice(0, 500)).toBe(422);
  expect(answer.body.code).toBe('UNPROCESSABLE');
  expect(answer.body.details.errors).toEqual(expect.arrayContaining(rows.map((row) => expect.objectContaining(row))));
}

/** The password new accounts get in tests (one that passes the password rules). */
export const NEW_ACCOUNT_PASSWORD = 'Lan-Shui.2026';

/** What 用户管理 is sent for a new account at home in one unit with one role there. */
export function newAccount(username: string, displayName: string, unitCode: string, role: string) {
  return { username, displayName, homeUnitCode: unitCode, initialPassword: NEW_ACCOUNT_PASSWORD, roles: [{ unitCode, role }] };
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
