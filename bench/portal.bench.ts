// Benchmark: 抽查结果公告 under a crowd. The portal's search by name, search by code and entity page
// over HTTP on loopback, against a bare Hono hello-world served the same way in the same run (the
// ceiling of this machine's Node HTTP stack), as a ratio. The database is PostgreSQL with the demo
// and SSJ_BENCH_RESULTS published results (default 1,000,000) added by SQL; the crowd asks a few
// hundred different questions, as people searching for the same companies do.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench portal
//   SSJ_BENCH_RESULTS=100000 SSJ_BENCH_SECONDS=5 SSJ_BENCH_CONCURRENCY=32 …   (scale)
//   SSJ_BENCH_PGLITE=1 …   (also the same on the embedded engine, with a tenth of the results)
// Bounded: each load runs SSJ_BENCH_SECONDS (default 5) on 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadReferenceData } from '../src/db/reference-data.ts';
import { loadDemoWithAudit } from '../src/demo/installDemo.ts';
import { createApp } from '../src/server/http/app.ts';
import { loadConfig } from '../src/server/config.ts';

const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const resultCount = Number(process.env.SSJ_BENCH_RESULTS ?? 1_000_000);
const seconds = Number(process.env.SSJ_BENCH_SECONDS ?? 5);
const concurrency = Number(process.env.SSJ_BENCH_CONCURRENCY ?? 32);

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function listen(fetch: (request: Request) => Response | Promise<Response>): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
      resolve({ port: info.port, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}

async function load(port: number, paths: string[]): Promise<Load> {
  const worker = new Worker(new URL('./support/loadWorker.mjs', import.meta.url), { workerData: { port, paths, concurrency, seconds } });
  const result = await new Promise<{ requests: number; errors: number; latencies: number[] }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  const sorted = result.latencies.sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { rps: result.requests / seconds, p50: at(0.5), p99: at(0.99), errors: result.errors };
}

/** Adds `count` published results (synthetic codes, the demo's names) to the demo county. */
async function addPublishedResults(database: Database, count: number): Promise<void> {
  await sql`
    INSERT INTO visit_result (unit_code, draw_unit_code, draw_id, task_code, year, uscc, entity_name, status, record, content,
                              public_content, checked_on, published_on, public_text, created_by_name)
    SELECT '140581', '140581', gen_random_uuid(), '140581-2025-B' || (g % 50), 2025,
           '92140581' || lpad(g::text, 10, '0'), n.name || '（' || (g % 97) || '）', 'published', '{}', '{}', '{}',
           DATE '2025-01-01' + (g % 330), DATE '2025-01-02' + (g % 330),
           CASE WHEN g % 5 = 0 THEN '发现问题，已责令整改' ELSE '未发现问题' END, '基准测试'
      FROM generate_series(1, ${count}) g
      JOIN (SELECT row_number() OVER (ORDER BY uscc) - 1 AS i, name FROM market_entity) n
        ON n.i = g % (SELECT count(*) FROM market_entity)`.execute(database.db);
  await sql`UPDATE public_results_version SET version = version + 1`.execute(database.db);
  await sql`ANALYZE visit_result`.execute(database.db);
}

async function questions(database: Database) {
  const { rows } = await sql<{ uscc: string; name: string }>`
    SELECT uscc, entity_name AS name FROM visit_result WHERE published_on IS NOT NULL ORDER BY md5(uscc) LIMIT 300`.execute(database.db);
  const enc = encodeURIComponent;
  return {
    byName: rows.map((r) => `/api/public/results?q=${enc([...r.name].slice(0, 4).join(''))}`),
    byCode: rows.map((r) => `/api/public/results?q=${r.uscc.slice(0, 12)}`),
    entity: rows.map((r) => `/api/public/entities/${r.uscc}`),
  };
}

async function measure(label: string, database: Database, results: number): Promise<void> {
  const started = performance.now();
  await migrate(database);
  await loadReferenceData(database);
  await loadDemoWithAudit(database, {});
  await addPublishedResults(database, results);
  console.log(
    `${label}: demo + ${results.toLocaleString('en')} published results ready in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  const app = createApp({ database, config: loadConfig({ dataDir: 'memory://', webDir: 'dist/web' }, {}) });
  const hello = new Hono().get('/hello', (c) => c.json({ hello: 'world' }));
  const portal = await listen(app.fetch);
  const bare = await listen(hello.fetch);
  try {
    const asked = await questions(database);
    const base = await load(bare.port, ['/hello']);
    const rows: [string, Load][] = [['hello-world (bare Hono)', base]];
    for (const [name, paths] of [
      ['search by name', asked.byName],
      ['search by code', asked.byCode],
      ['entity page', asked.entity],
    ] as const) {
      rows.push([name, await load(portal.port, [...paths])]);
    }
    console.log(`${label}, ${concurrency} concurrent, ${seconds} s each, loopback:`);
    for (const [name, r] of rows) {
      console.log(
        `  ${name.padEnd(24)} ${r.rps.toFixed(0).padStart(7)} req/s  ${((100 * r.rps) / base.rps).toFixed(0).padStart(3)}% of hello-world  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}`,
      );
    }
  } finally {
    await portal.close();
    await bare.close();
  }
}

export async function run(): Promise<void> {
  const name = `ssj_bench_portal_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: serverUrl });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.db);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), pgPoolMax: 20 });
  try {
    await measure('PostgreSQL', database, resultCount);
  } finally {
    await database.close();
    await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.db);
    await admin.close();
  }
  if (process.env.SSJ_BENCH_PGLITE === '1') {
    const embedded = await openDatabase({ dataDir: 'memory://' });
    try {
      await measure('PGlite', embedded, Math.round(resultCount / 10));
    } finally {
      await embedded.close();
    }
  }
}
