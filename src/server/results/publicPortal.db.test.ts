// 抽查结果公告 under a crowd: answers kept under the published-results version, ETags and 304,
// and a result whose publication is stopped gone from the very next answer.
import { makeUscc } from '../../core/uscc/index.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { ApiClient } from '../../testing/apiClient.ts';
import { loginAs, startDemoApp } from '../../testing/demoApp.ts';
import { fixToday } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { createApp } from '../http/app.ts';
import { openDatabase } from '../../db/database.ts';
import { bumpPublicResultsVersion, publicResultsVersion } from './publicPortal.ts';

const databases = await openTestDatabases();

describe.each(databases.map((d) => [d.name, d] as const))('抽查结果公告缓存 on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;
  let anon: ApiClient;
  let versionAfterDemo = '';
  let publishedAfterDemo = 0;

  beforeAll(async () => {
    app = await startDemoApp(testDb);
    anon = new ApiClient(app);
    const db = testDb.database.db;
    versionAfterDemo = await publicResultsVersion(db);
    const { n } = await db
      .selectFrom('visit_result')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('published_on', 'is not', null)
      .executeTakeFirstOrThrow();
    publishedAfterDemo = Number(n);
  });

  afterAll(async () => {
    await testDb.dispose();
  });

  afterEach(() => {
    fixToday(null);
  });

  it('answers with an ETag naming the version; the same ETag back gets 304 without a body', async () => {
    const first = await anon.get('/api/public/results');
    expect(first.status).toBe(200);
    expect(first.body.items.length).toBeGreaterThan(0);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"r\d+-[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const again = await anon.request('GET', '/api/public/results', undefined, { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();
    // Another question has another tag.
    const other = await anon.get('/api/public/results?page=2');
    expect(other.headers.get('etag')).not.toBe(etag);
  });

  it('keeps an answer until the version is raised, then asks the database again', async () => {
    const db = testDb.database.db;
    const before = (await anon.get('/api/public/results')).body.items[0];
    // A write that does not raise the version (no command does this) is not seen: the answer is kept.
    await db.updateTable('visit_result').set({ public_text: '（测试改写）' }).where('id', '=', before.id).execute();
    expect((await anon.get('/api/public/results')).body.items[0].result).toBe(before.result);
    const version = await publicResultsVersion(db);
    await bumpPublicResultsVersion(db);
    expect(Number(await publicResultsVersion(db))).toBe(Number(version) + 1);
    expect((await anon.get('/api/public/results')).body.items[0].result).toBe('（测试改写）');
    await db.updateTable('visit_result').set({ public_text: before.result }).where('id', '=', before.id).execute();
    await bumpPublicResultsVersion(db);
  });

  it('停止公示: the stopped result is gone from the next answer of every app instance on the database, even with a version read on its way', async () => {
    // Server processes as a province runs them: this app, a second app over the same database
    // handle, and (on a server database) a third over a connection pool of its own.
    const config = loadConfig({ dataDir: 'memory://', webDir: 'dist/web' }, {});
    const others: { client: ApiClient; close: () => Promise<void> }[] = [
      { client: new ApiClient(createApp({ database: testDb.database, config })), close: async () => undefined },
    ];
    if (testDb.url) {
      const own = await openDatabase({ databaseUrl: testDb.url });
      others.push({ client: new ApiClient(createApp({ database: own, config })), close: () => own.close() });
    }
    try {
      // A result of an entity registered in 高平市, the county gp.staff works for, found as the public finds it.
      const all = (await anon.get('/api/public/results?q=91140581')).body.items as { id: string; uscc: string; entityName: string }[];
      const target = all[0]!;
      const paths = [
        `/api/public/results?q=${target.uscc}`,
        `/api/public/entities/${target.uscc}`,
        `/api/public/results?q=${encodeURIComponent(target.entityName)}`,
        '/api/public/results',
      ];
      const shown = async (client: ApiClient, path: string) => {
        const answer = await client.get(path);
        if (answer.status === 404) return [];
        expect(answer.status, path).toBe(200);
        return ((answer.body.items ?? answer.body.results) as { id: string }[]).map((r) => r.id);
      };
      // Every instance holds the answers in memory before the stop.
      for (const client of [anon, ...others.map((o) => o.client)]) {
        for (const path of paths) expect(await shown(client, path), path).toContain(target.id);
      }
      const search = await anon.get(`/api/public/results?q=${target.uscc}`);
      const entity = await anon.get(`/api/public/entities/${target.uscc}`);
      const staff = await loginAs(app, 'gp.staff');
      fixToday('2099-01-05');
      expect((await staff.post(`/api/results/${target.id}/stop-requests`, { reason: '企业已整改并申请信用修复' })).status).toBe(200);
      // A crowd keeps asking on the other instances while the stop is decided.
      let deciding = true;
      const crowd = others.map(async ({ client }) => {
        while (deciding) await Promise.all(paths.map((path) => client.get(path)));
      });
      const decided = await staff.post(`/api/results/${target.id}/stop-requests/decision`, {
        approve: true,
        reason: '公示期满，已履行义务',
      });
      // Asked the moment the decision is answered, while the crowd's version reads are on their way.
      const right = await Promise.all(others.flatMap(({ client }) => paths.map((path) => shown(client, path))));
      deciding = false;
      await Promise.all(crowd);
      expect(decided.status).toBe(200);
      for (const ids of right) expect(ids).not.toContain(target.id);
      // The instance that decided, asked with the ETags it gave before: the new answer, not 304.
      const afterSearch = await anon.request('GET', `/api/public/results?q=${target.uscc}`, undefined, {
        'If-None-Match': search.headers.get('etag')!,
      });
      expect(afterSearch.status).toBe(200);
      expect(afterSearch.body.items.map((r: { id: string }) => r.id)).not.toContain(target.id);
      const afterEntity = await anon.request('GET', `/api/public/entities/${target.uscc}`, undefined, {
        'If-None-Match': entity.headers.get('etag')!,
      });
      const remaining = afterEntity.status === 200 ? (afterEntity.body.results as { id: string }[]).map((r) => r.id) : [];
      expect(remaining).not.toContain(target.id);
      for (const path of paths) expect(await shown(anon, path), path).not.toContain(target.id);
    } finally {
      for (const other of others) await other.close();
    }
  });

  it('a search or an entity page with an invalid 统一社会信用代码 says it is invalid and why, not "nothing found"', async () => {
    const uscc = makeUscc({ authority: '9', type: '1', division: '140581', orgCode8: 'PXRTA101' });
    const wrong = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    for (const path of [`/api/public/results?q=${wrong}`, `/api/public/entities/${wrong}`]) {
      const answer = await anon.get(path);
      expect(answer.status, path).toBe(400);
      expect(answer.body.message).toMatch(new RegExp(`^统一社会信用代码 ${wrong} 无效：.*校验`));
    }
    const short = await anon.get('/api/public/entities/12345');
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('统一社会信用代码');
    expect(short.body.message).not.toMatch(/uscc|数值/);
    // A valid code nobody published is simply not found.
    expect((await anon.get(`/api/public/results?q=${uscc.slice(0, 10)}`)).status).toBe(200);
  });

  it('each publication raised the version once (the demo publishes its results through the command)', async () => {
    expect(Number(versionAfterDemo)).toBe(1 + publishedAfterDemo);
    expect(publishedAfterDemo).toBeGreaterThan(0);
  });
});
