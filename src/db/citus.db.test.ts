// The schema on Citus: the tables are placed as src/db/citus.ts says, and the hot queries of one
// unit are router (single-shard) queries, while a province aggregate runs on every shard.
// Runs where SSJ_CITUS_URL names a Citus coordinator (see testDatabase.ts); skipped elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabases, type TestDatabase } from './testDatabase.ts';
import { citusDistributedTables, citusReferenceTables } from './citus.ts';
import { startDemoApp } from '../testing/demoApp.ts';

const all = await openTestDatabases();
const citus = all.filter((d) => d.name === 'Citus');
for (const other of all.filter((d) => d.name !== 'Citus')) await other.dispose();

describe.skipIf(citus.length === 0)('Citus: placement and single-shard plans', () => {
  const testDb = citus[0] as TestDatabase;

  beforeAll(async () => {
    await startDemoApp(testDb); // migrations (which place the tables), reference data, the demo
  });

  afterAll(async () => {
    await testDb.dispose();
  });

  async function plan(query: string, ...values: unknown[]): Promise<string> {
    const parts = query.split('?');
    const raw = sql.join(
      parts.map((part, i) => (i < values.length ? sql`${sql.raw(part)}${values[i]}` : sql.raw(part))),
      sql``,
    );
    const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN ${raw}`.execute(testDb.database.db);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  }

  const taskCount = (text: string) => Number(/Task Count: (\d+)/.exec(text)?.[1] ?? NaN);

  it('places every table: reference tables on every node, the big tables hashed on their unit or region', async () => {
    const { rows } = await sql<{ name: string; method: string; column: string | null }>`
      SELECT logicalrelid::regclass::text AS name, partmethod AS method,
             CASE WHEN partkey IS NULL THEN NULL ELSE column_to_column_name(logicalrelid, partkey) END AS column
        FROM pg_dist_partition`.execute(testDb.database.db);
    const byName = new Map(rows.map((r) => [r.name, r]));
    for (const table of citusReferenceTables) expect(byName.get(table)?.method, table).toBe('n');
    for (const { table, column } of citusDistributedTables) expect(byName.get(table), table).toMatchObject({ method: 'h', column });
    // Tables sharing the unit-code hash are colocated: a join on the unit code stays on one shard.
    const { rows: groups } = await sql<{ n: number }>`
      SELECT count(DISTINCT colocationid)::int AS n FROM pg_dist_partition
       WHERE logicalrelid::regclass::text IN ('audit_log', 'draw', 'visit', 'visit_result', 'followup_item')`.execute(testDb.database.db);
    expect(groups[0]!.n).toBe(1);
  });

  it('runs the hot queries of one unit on one shard', async () => {
    const db = testDb.database.db;
    const draw = await db.selectFrom('draw').select(['unit_code', 'id']).executeTakeFirstOrThrow();
    const result = await db.selectFrom('visit_result').select(['unit_code', 'id']).executeTakeFirstOrThrow();
    const entity = await db.selectFrom('market_entity').select(['region_code', 'unit_code', 'uscc']).executeTakeFirstOrThrow();
    const hot: [string, string][] = [
      [
        'the audit chain head',
        await plan('SELECT seq, row_hash FROM audit_log WHERE unit_code = ? ORDER BY seq DESC LIMIT 1', draw.unit_code),
      ],
      [
        'a draw locked to act on it',
        await plan(
          'SELECT * FROM draw d JOIN org_unit o ON o.code = d.unit_code WHERE d.unit_code = ? AND d.id = ? FOR UPDATE OF d',
          draw.unit_code,
          draw.id,
        ),
      ],
      [
        'the visits of a draw with the people sent',
        await plan(
          `SELECT v.object_id, i.name FROM visit v
             LEFT JOIN visit_inspector i ON i.draw_unit_code = v.draw_unit_code AND i.draw_id = v.draw_id
                                         AND i.object_id = v.object_id AND i.released_at IS NULL
            WHERE v.draw_unit_code = ? AND v.draw_id = ?`,
          draw.unit_code,
          draw.id,
        ),
      ],
      [
        'a result with its versions and ledger items',
        await plan(
          `SELECT r.id, count(f.id) FROM visit_result r
             LEFT JOIN visit_result_version rv ON rv.unit_code = r.unit_code AND rv.result_id = r.id
             LEFT JOIN followup_item f ON f.unit_code = r.unit_code AND f.result_id = r.id
            WHERE r.unit_code = ? AND r.id = ? GROUP BY r.id`,
          result.unit_code,
          result.id,
        ),
      ],
      [
        'the open ledger of a unit',
        await plan(
          "SELECT id, due_on FROM followup_item WHERE unit_code = ? AND status = 'open' ORDER BY due_on LIMIT 50",
          result.unit_code,
        ),
      ],
      [
        'a page of a county’s entity directory with unit and industry names',
        await plan(
          `SELECT e.uscc, e.name, o.name, i.name FROM market_entity e
             JOIN org_unit o ON o.code = e.unit_code LEFT JOIN ref_industry i ON i.code = e.industry_code
            WHERE e.region_code = ? AND e.unit_code = ? ORDER BY e.name, e.uscc LIMIT 50`,
          entity.region_code,
          entity.unit_code,
        ),
      ],
      [
        'an entity with its history',
        await plan(
          `SELECT e.name, h.changes FROM market_entity e
             LEFT JOIN market_entity_history h ON h.region_code = e.region_code AND h.uscc = e.uscc
            WHERE e.region_code = ? AND e.uscc = ?`,
          entity.region_code,
          entity.uscc,
        ),
      ],
    ];
    for (const [what, text] of hot) {
      expect(text, what).toContain('Citus');
      expect(taskCount(text), `${what}:\n${text}`).toBe(1);
    }
  });

  it('runs a province aggregate over every shard', async () => {
    const text = await plan(
      'SELECT r.unit_code, count(*) FROM visit_result r JOIN org_unit o ON o.code = r.unit_code WHERE o.path LIKE ? GROUP BY r.unit_code',
      '14%',
    );
    expect(taskCount(text)).toBeGreaterThan(1);
  });
});
