// The demo data in a real database (PGlite always; PostgreSQL too when DATABASE_URL is set).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { loadReferenceData } from '../db/reference-data.ts';
import { countRows, openTestDatabases, type TestDatabase } from '../db/testDatabase.ts';
import { verifyPassword } from '../server/auth/password.ts';
import { DEMO_PASSWORD, demoAccountSpecs } from './accounts.ts';
import { loadDemo, type DemoCounts } from './loadDemo.ts';

const databases = await openTestDatabases();

describe.each(databases.map((d) => [d.name, d] as const))('loadDemo on %s', (_name, testDb: TestDatabase) => {
  const db = testDb.database.db;
  let counts: DemoCounts;
  const progress: string[] = [];

  beforeAll(async () => {
    await migrate(testDb.database);
    await loadReferenceData(testDb.database);
    counts = await loadDemo(testDb.database, { entitiesPerCounty: 1200, onProgress: (m) => progress.push(m) });
  });
  afterAll(() => testDb.dispose());

  const count = (table: 'org_unit' | 'app_user' | 'user_role' | 'market_entity' | 'inspector') => countRows(testDb.database, table);

  it('writes what it reports', async () => {
    expect(counts.entities).toBe(1200 + 80 + 20);
    expect(counts.users).toBe(demoAccountSpecs.length);
    expect(await count('org_unit')).toBe(counts.units);
    expect(await count('app_user')).toBe(counts.users);
    expect(await count('market_entity')).toBe(counts.entities);
    expect(await count('inspector')).toBe(counts.inspectors);
    expect(await count('user_role')).toBe(demoAccountSpecs.reduce((n, a) => n + a.assignments.length, 0));
    expect(progress.at(-1)).toMatch(/执法检查人员/);
  });

  it('stores the org tree with consistent paths', async () => {
    const broken = await sql<{ code: string }>`
      SELECT c.code FROM org_unit c LEFT JOIN org_unit p ON p.code = c.parent_code
      WHERE (p.code IS NULL AND c.path <> c.code) OR (p.code IS NOT NULL AND c.path <> p.path || '.' || c.code)`.execute(db);
    expect(broken.rows).toEqual([]);
    const station = await db.selectFrom('org_unit').selectAll().where('code', '=', '140581-mishan').executeTakeFirstOrThrow();
    expect(station).toMatchObject({
      kind: 'station',
      parent_code: '140581',
      path: '140000.140500.140581.140581-mishan',
      region_code: '140581',
    });
  });

  it('lets every demo account log in with DEMO_PASSWORD', async () => {
    const users = await db.selectFrom('app_user').select(['username', 'password_hash', 'home_unit_code']).execute();
    expect(users.map((u) => u.username).sort()).toEqual(demoAccountSpecs.map((a) => a.username).sort());
    const admin = users.find((u) => u.username === 'gp.admin')!;
    expect(await verifyPassword(admin.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(admin.password_hash, 'wrong-password-1')).toBe(false);
    const multi = await db
      .selectFrom('user_role')
      .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
      .select(['user_role.unit_code', 'user_role.role'])
      .where('app_user.username', '=', 'gp.multi')
      .orderBy('user_role.role')
      .execute();
    expect(multi).toEqual([
      { unit_code: '140581', role: 'leader' },
      { unit_code: '140581', role: 'planner' },
    ]);
  });

  it('keeps entities in their county, under a 所 of that county, with tags as arrays and dates as strings', async () => {
    const misplaced = await sql<{ uscc: string }>`
      SELECT e.uscc FROM market_entity e JOIN org_unit u ON u.code = e.unit_code
      WHERE u.kind <> 'station' OR u.region_code <> e.region_code`.execute(db);
    expect(misplaced.rows).toEqual([]);
    const perRegion = await db
      .selectFrom('market_entity')
      .select(['region_code', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('region_code')
      .orderBy('region_code')
      .execute();
    expect(perRegion).toEqual([
      { region_code: '140525', n: '20' },
      { region_code: '140581', n: '1200' },
      { region_code: '140981', n: '80' },
    ]);
    const food = await db
      .selectFrom('market_entity')
      .select(['tags', 'established_on'])
      .where('tags', '@>', sql<string[]>`ARRAY['食品经营许可']`)
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(food.tags).toContain('食品经营许可');
    expect(food.established_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('stores inspectors with their specialties', async () => {
    const gaoping = await db.selectFrom('inspector').selectAll().where('region_code', '=', '140581').execute();
    expect(gaoping.length).toBeGreaterThanOrEqual(150);
    const named = gaoping.find((p) => p.name === '焦志强');
    expect(named).toMatchObject({ unit_code: '140581-mishan', status: '在岗', category: 'enforcement' });
    expect(named!.specialties).toContain('食品安全');
  });

  it('refuses to load a second time, in Chinese, and changes nothing', async () => {
    await expect(loadDemo(testDb.database, { entitiesPerCounty: 50 })).rejects.toThrow(/已有 \d+ 个组织机构/);
    expect(await count('market_entity')).toBe(counts.entities);
  });
});

describe('loadDemo without reference data', () => {
  it('says to load the reference data first', async () => {
    const database = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrate(database);
      await expect(loadDemo(database, { entitiesPerCounty: 50 })).rejects.toThrow(/参考数据/);
    } finally {
      await database.close();
    }
  });
});
