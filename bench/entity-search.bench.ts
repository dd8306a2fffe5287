// Benchmark ("server-side search, filter and paging that stays fast at 1,000,000
// entities"): the entity list API, as the console calls it, over a PostgreSQL database with
// the demo's 32,500 高平 entities (baseline) and again after growing 高平 to 1,000,000,
// measured in the same run. Reports the median of repeated requests and the 1M / 32.5k ratio.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench entity-search
//   SSJ_BENCH_ROWS=300000 …   (scale down)
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadReferenceData } from '../src/db/reference-data.ts';
import { loadDemoWithAudit } from '../src/demo/installDemo.ts';
import { createApp } from '../src/server/http/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { ApiClient } from '../src/testing/apiClient.ts';
import { DEMO_PASSWORD } from '../src/demo/accounts.ts';

const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const target = Number(process.env.SSJ_BENCH_ROWS ?? 1_000_000);

async function median(fn: () => Promise<void>, runs = 7): Promise<number> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function run(): Promise<void> {
  const name = `ssj_bench_search_${randomBytes(4).toString('hex')}`;
  const admin = await openDatabase({ databaseUrl: serverUrl });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.db);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  try {
    await migrate(database);
    await loadReferenceData(database);
    await loadDemoWithAudit(database, {});
    const app = createApp({ database, config: loadConfig({ dataDir: 'memory://', webDir: 'dist/web' }, {}) });
    const client = new ApiClient(app);
    if ((await client.login('gp.planner', DEMO_PASSWORD)).status !== 200) throw new Error('login failed');
    const subLibrary = (await client.get('/api/sub-libraries')).body.items.find((s: { name: string }) => s.name.includes('加油站'));
    const queries: Array<[string, string]> = [
      ['first page, no filter', '/api/entities?page=1&pageSize=20'],
      ['name contains 商贸', `/api/entities?page=1&pageSize=20&q=${encodeURIComponent('商贸')}`],
      ['code prefix 91140581MA', '/api/entities?page=1&pageSize=20&q=91140581MA'],
      ['tag 加油站', `/api/entities?page=1&pageSize=20&tag=${encodeURIComponent('加油站')}`],
      ['risk class D + 企业', '/api/entities?page=1&pageSize=20&riskClass=D&subjectType=enterprise'],
      ['sub-library 全市加油站', `/api/entities?page=1&pageSize=20&subLibraryId=${subLibrary?.id}`],
      ['page 400 of 25', '/api/entities?page=400&pageSize=25'],
      ['sub-library list with live counts', '/api/sub-libraries'],
    ];
    const measure = async () => {
      const out = new Map<string, number>();
      for (const [label, path] of queries) {
        out.set(
          label,
          await median(async () => {
            const r = await client.get(path);
            if (r.status !== 200) throw new Error(`${label}: ${r.status} ${JSON.stringify(r.body)}`);
          }),
        );
      }
      return out;
    };
    const countNow = async () =>
      Number(
        (await sql<{ n: string }>`SELECT count(*)::int8 AS n FROM market_entity WHERE region_code = '140581'`.execute(database.db)).rows[0]!
          .n,
      );
    const baseCount = await countNow();
    const baseline = await measure();

    // Grow 高平 to the target size server-side (generate_series), spread over its 所.
    const grow = target - baseCount;
    const started = performance.now();
    await sql`
      WITH stations AS (SELECT array_agg(code ORDER BY code) AS codes FROM org_unit WHERE parent_code = '140581' AND kind = 'station')
      INSERT INTO market_entity (region_code, uscc, name, subject_type, reg_status, established_on, address, unit_code, industry_code, tags, risk_class, risk_class_since)
      SELECT '140581',
             '92140581' || lpad(i::text, 9, '0') || 'X',
             '高平市' || (ARRAY['晨光','永兴','泰和','鑫源','福满','康达','宏远','金桥','顺发','百汇'])[1 + i % 10]
               || (ARRAY['商贸','便利店','餐馆','五金','建材','理发店','农资','汽修','药店','服装'])[1 + (i / 10) % 10] || i::text,
             CASE WHEN i % 4 = 0 THEN 'enterprise' ELSE 'individual' END,
             CASE WHEN i % 9 = 0 THEN '注销' ELSE '存续' END,
             DATE '2000-01-01' + (i % 9000),
             '山西省晋城市高平市测试路' || (i % 997)::text || '号',
             stations.codes[1 + i % array_length(stations.codes, 1)],
             '5212',
             CASE WHEN i % 200 = 0 THEN ARRAY['加油站'] WHEN i % 7 = 0 THEN ARRAY['食品经营许可'] ELSE ARRAY[]::text[] END,
             (ARRAY['A','B','C','D',NULL])[1 + i % 5],
             DATE '2026-10-01'
      FROM generate_series(1, ${grow}::int) AS i, stations`.execute(database.db);
    await sql`ANALYZE market_entity`.execute(database.db);
    console.log(
      `grew 高平 from ${baseCount.toLocaleString()} to ${(await countNow()).toLocaleString()} entities in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const large = await measure();
    console.log(`median of 7 API requests (in-process, PostgreSQL), ${baseCount.toLocaleString()} → ${target.toLocaleString()} entities:`);
    for (const [label] of queries) {
      const a = baseline.get(label)!;
      const b = large.get(label)!;
      console.log(`  ${label.padEnd(36)} ${a.toFixed(1).padStart(8)} ms → ${b.toFixed(1).padStart(8)} ms   (${(b / a).toFixed(2)}×)`);
    }
  } finally {
    await database.close();
    await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.db);
    await admin.close();
  }
}
