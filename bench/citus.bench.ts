// Benchmark: the national shape runs. A province-year (src/testing/indicatorYear.ts: 11 cities,
// their counties, SSJ_BENCH_SCALE × 4,000,000 entities, draws, visits, results, follow-up items)
// is written into a new database on the local Citus cluster (coordinator SSJ_CITUS_URL) and into
// a new database on one PostgreSQL server (DATABASE_URL), both made and dropped by the bench; on
// each, the same production code runs in turn:
//   - the draw's frame build over the province's whole directory (buildTaskFrame: the frame file
//     written by the database in id order, the counts and the exclusions),
//   - a county's frame build (its 名录分库 names its region: one shard on Citus),
//   - the province indicator dashboard (unitIndicators for the province and its cities; computed
//     each round, the answer cache emptied first),
// SSJ_BENCH_ROUNDS rounds each (3); the medians and the ratio Citus / PostgreSQL are printed.
// On one machine Citus is not faster (the coordinator adds a hop, the workers share the cores):
// the point is that it runs, and which queries stay on one shard; the bench prints the EXPLAIN of
// a unit's hot queries on Citus (Task Count 1: router plans) beside a province aggregate's.
//
//   npm run bench citus
//   SSJ_BENCH_SCALE=1 …   (4,000,000 entities; default 0.05, 200,000)
//   SSJ_CITUS_URL=postgres://postgres@127.0.0.1:9710/postgres DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres
//   SSJ_BENCH_SHARDS=8 …   (shards per distributed table on the cluster; Citus's default is 32)
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import pg from 'pg';
import { subLibraryRuleSchema } from '../src/core/subLibraries/rule.ts';
import { openDatabase, type Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadReferenceData } from '../src/db/reference-data.ts';
import type { DB } from '../src/db/schema.ts';
import { openCitusDatabase } from '../src/db/testDatabase.ts';
import { buildTaskFrame } from '../src/server/draws/drawFrame.ts';
import type { DrawableTask } from '../src/server/draws/drawTask.ts';
import { forgetCachedAnswers } from '../src/server/indicators/indicatorCache.ts';
import { unitIndicators } from '../src/server/indicators/indicatorViews.ts';
import { compileRule } from '../src/server/subLibraries/compileRule.ts';
import { generateProvinceYear, leaderAt } from './support/provinceYear.ts';

const citusUrl = process.env.SSJ_CITUS_URL || 'postgres://postgres@127.0.0.1:9710/postgres';
const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const scale = Number(process.env.SSJ_BENCH_SCALE ?? 0.05);
const rounds = Number(process.env.SSJ_BENCH_ROUNDS ?? 3);
const shards = Number(process.env.SSJ_BENCH_SHARDS ?? 8);
const YEAR = 2025;
const PROVINCE = '140000';

interface Prepared {
  entities: number;
  county: string;
  provinceLibrary: string;
  countyLibrary: string;
  generated: number;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function prepare(database: Database): Promise<Prepared> {
  const db = database.db;
  const [generated] = await timed(async () => {
    await migrate(database);
    await loadReferenceData(database);
    await generateProvinceYear(db, YEAR, scale);
  });
  await sql`ANALYZE`.execute(db);
  const { rows } = await sql<{ n: string }>`SELECT count(*) AS n FROM market_entity`.execute(db);
  const county = await db
    .selectFrom('org_unit')
    .select(['code', 'region_code'])
    .where('kind', '=', 'county')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const library = async (unitCode: string, name: string, rule: unknown) => {
    const row = await db
      .insertInto('sub_library')
      .values({ unit_code: unitCode, name, rule: JSON.stringify(subLibraryRuleSchema.parse(rule)), created_by_name: '基准测试' })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  return {
    entities: Number(rows[0]!.n),
    county: county.code,
    provinceLibrary: await library(PROVINCE, '全省名录（基准测试）', {}),
    countyLibrary: await library(county.code, '本县名录（基准测试）', { regionCodes: [county.region_code.trim()] }),
    generated,
  };
}


/** A task as the frame build reads it: the plan unit, the year, its 名录分库; no period or items shared with others. */
function benchTask(planUnitCode: string, subLibraryId: string): DrawableTask {
  return {
    planUnitCode,
    year: YEAR,
    code: `${planUnitCode}-${YEAR}-BENCH`,
    name: '基准测试任务',
    population: '名录库',
    items: ['基准测试事项'],
    subLibraryId,
    period: null,
    riskPolicy: null,
    classification: (process.env.SSJ_BENCH_CLASSIFICATION ?? null) as DrawableTask['classification'],
  } as DrawableTask;
}

interface Timings {
  provinceFrame: number[];
  frameEntries: number;
  countyFrame: number[];
  countyEntries: number;
  dashboard: number[];
}

async function measure(database: Database, prepared: Prepared): Promise<Timings> {
  const db = database.db;
  const province = await leaderAt(db, PROVINCE);
  const county = await leaderAt(db, prepared.county);
  const out: Timings = { provinceFrame: [], frameEntries: 0, countyFrame: [], countyEntries: 0, dashboard: [] };
  for (let round = 0; round < rounds; round += 1) {
    const [frameTime, frame] = await timed(() => buildTaskFrame(db, province.scope, benchTask(PROVINCE, prepared.provinceLibrary), `${YEAR}-12-01`));
    out.provinceFrame.push(frameTime);
    out.frameEntries = frame.entries;
    const [countyTime, countyFrame] = await timed(() =>
      buildTaskFrame(db, county.scope, benchTask(prepared.county, prepared.countyLibrary), `${YEAR}-12-01`),
    );
    out.countyFrame.push(countyTime);
    out.countyEntries = countyFrame.entries;
    // Computed each round: the answer cache (indicatorCache.ts) would otherwise serve rounds 2 and 3.
    forgetCachedAnswers(db);
    out.dashboard.push((await timed(() => unitIndicators(db, province, { unitCode: PROVINCE, year: YEAR })))[0]);
  }
  return out;
}

async function explain(db: Kysely<DB>, query: { sql: string; parameters: readonly unknown[] }): Promise<string> {
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`EXPLAIN ${query.sql}`, [...query.parameters]));
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

/** The EXPLAIN of a unit's hot queries and of a province aggregate on the cluster: task counts and the plans' heads. */
async function plans(database: Database, prepared: Prepared): Promise<void> {
  const db = database.db;
  const county = await leaderAt(db, prepared.county);
  const entity = await db.selectFrom('market_entity').select(['region_code', 'uscc']).where('unit_code', 'in', county.scope.unitCodes).executeTakeFirstOrThrow();
  const result = await db.selectFrom('visit_result').select(['unit_code', 'id']).executeTakeFirstOrThrow();
  const rule = subLibraryRuleSchema.parse({ regionCodes: [entity.region_code.trim()] });
  const queries: [string, { sql: string; parameters: readonly unknown[] }][] = [
    [
      "a county's frame (its 名录分库 names its region)",
      compileRule(db, rule, county.scope.unitCodes)
        .select(sql<string>`string_agg(e.uscc || E'\t' || coalesce(e.risk_class, 'U') || E'\n', '' ORDER BY e.uscc COLLATE "C")`.as('frame'))
        .compile(),
    ],
    ['an entity of the directory', db.selectFrom('market_entity').selectAll().where('region_code', '=', entity.region_code).where('uscc', '=', entity.uscc).compile()],
    [
      'a result with its versions',
      db
        .selectFrom('visit_result as r')
        .leftJoin('visit_result_version as v', (j) => j.onRef('v.unit_code', '=', 'r.unit_code').onRef('v.result_id', '=', 'r.id'))
        .select(['r.id', 'v.version_no'])
        .where('r.unit_code', '=', result.unit_code)
        .where('r.id', '=', result.id)
        .compile(),
    ],
    ['the audit chain head of a unit', db.selectFrom('audit_log').select(['seq', 'row_hash']).where('unit_code', '=', prepared.county).orderBy('seq', 'desc').limit(1).compile()],
    [
      'a province aggregate (results of the year by unit)',
      db
        .selectFrom('visit_result')
        .select(['unit_code', (eb) => eb.fn.countAll<string>().as('n')])
        .where('year', '=', YEAR)
        .groupBy('unit_code')
        .compile(),
    ],
  ];
  console.log('EXPLAIN on Citus:');
  for (const [name, query] of queries) {
    const text = await explain(db, query);
    const tasks = Number(/Task Count: (\d+)/.exec(text)?.[1] ?? NaN);
    console.log(`  ${name}: Task Count ${tasks} (${tasks === 1 ? 'single shard, router' : `${tasks} shards`})`);
    const shown = text.split('\n').filter((line) => /Custom Scan|Task Count|Node:|Scan on|Scan using/.test(line));
    for (const line of shown.slice(0, 5)) console.log(`      ${line.trim()}`);
  }
}

async function openServerDatabase(name: string): Promise<{ database: Database; dispose: () => Promise<void> }> {
  const admin = await openDatabase({ databaseUrl: serverUrl });
  await sql`CREATE DATABASE ${sql.id(name)}`.execute(admin.db);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString() });
  return {
    database,
    dispose: async () => {
      await database.close();
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(admin.db);
      await admin.close();
    },
  };
}

export async function run(): Promise<void> {
  const name = `ssj_bench_citus_${randomBytes(4).toString('hex')}`;
  if (!(await clusterAnswers(citusUrl))) {
    console.log(`No Citus coordinator answers at ${citusUrl}: the citus bench is skipped (docs/scale-out.md says how to start a local cluster).`);
    return;
  }
  const server = await openServerDatabase(name);
  let cluster: Awaited<ReturnType<typeof openCitusDatabase>> | null = null;
  try {
    cluster = await openCitusDatabase(citusUrl, { name, shardCount: shards });
    const onServer = await prepare(server.database);
    const onCluster = await prepare(cluster.database);
    console.log(
      `province-year at scale ${scale}: ${onServer.entities.toLocaleString('en')} entities; generated in ${secs(onServer.generated)} on PostgreSQL, ` +
        `${secs(onCluster.generated)} on Citus (coordinator + workers, ${shards} shards per table)`,
    );
    // In turn, so both see the same load on the machine.
    const single = await measure(server.database, onServer);
    const distributed = await measure(cluster.database, onCluster);
    const [load1] = os.loadavg();
    console.log(`${rounds} rounds each, medians; load average ${load1!.toFixed(2)} on ${os.cpus().length} cores:`);
    const row = (label: string, a: number[], b: number[]) =>
      console.log(
        `  ${label.padEnd(44)} PostgreSQL ${secs(median(a)).padStart(8)}   Citus ${secs(median(b)).padStart(8)}   Citus / PostgreSQL ${(median(b) / median(a)).toFixed(2)}`,
      );
    row(`province frame build (${single.frameEntries.toLocaleString('en')} entries)`, single.provinceFrame, distributed.provinceFrame);
    row(`county frame build (${single.countyEntries.toLocaleString('en')} entries)`, single.countyFrame, distributed.countyFrame);
    row('province indicator dashboard (province + cities)', single.dashboard, distributed.dashboard);
    if (distributed.frameEntries !== single.frameEntries) throw new Error('The two engines built frames of different sizes.');
    await plans(cluster.database, onCluster);
  } finally {
    await cluster?.dispose();
    await server.dispose();
  }
}

/** Whether a PostgreSQL server with Citus answers at the URL (a plain `SELECT` of the extension's version). */
async function clusterAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT citus_version()');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
