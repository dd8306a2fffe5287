import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate.ts';
import { loadReferenceData } from './reference-data.ts';
import { openTestDatabases, type TestDatabase } from './testDatabase.ts';

const databases = await openTestDatabases();

describe.each(databases.map((d) => [d.name, d] as const))('loadReferenceData on %s', (_name, testDb: TestDatabase) => {
  const db = testDb.database.db;

  beforeAll(async () => {
    await migrate(testDb.database);
  });
  afterAll(() => testDb.dispose());

  it('loads divisions, industries and holidays, and a second run changes nothing', async () => {
    const first = await loadReferenceData(testDb.database);
    expect(first).toEqual({ divisions: 3217, industries: 1971, holidays: 142 });
    expect(await loadReferenceData(testDb.database)).toEqual(first);
  });

  it('has the counties of the seed documents under their cities', async () => {
    const rows = await db
      .selectFrom('ref_division')
      .select(['code', 'name', 'level', 'parent_code'])
      .where('code', 'in', ['140000', '140500', '140581', '140981'])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      { code: '140000', name: '山西省', level: 1, parent_code: null },
      { code: '140500', name: '晋城市', level: 2, parent_code: '140000' },
      { code: '140581', name: '高平市', level: 3, parent_code: '140500' },
      { code: '140981', name: '原平市', level: 3, parent_code: '140900' },
    ]);
  });

  it('has the industry hierarchy from 小类 up to 门类', async () => {
    const chain: string[] = [];
    let code: string | null = '5265';
    while (code) {
      const row: { code: string; name: string; parent_code: string | null } = await db
        .selectFrom('ref_industry')
        .select(['code', 'name', 'parent_code'])
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      chain.push(`${row.code} ${row.name}`);
      code = row.parent_code;
    }
    expect(chain).toEqual(['5265 机动车燃油零售', '526 汽车、摩托车、零配件和燃料及其他动力销售', '52 零售业', 'F 批发和零售业']);
  });

  it('has 2025 holidays and 调休 working days as dates (strings, no time-zone shift)', async () => {
    const rows = await db
      .selectFrom('ref_holiday')
      .select(['day', 'is_off_day', 'name'])
      .where('day', '>=', '2025-09-28')
      .where('day', '<=', '2025-10-11')
      .orderBy('day')
      .execute();
    expect(rows[0]).toEqual({ day: '2025-09-28', is_off_day: false, name: '国庆节、中秋节' });
    expect(rows.at(-1)).toEqual({ day: '2025-10-11', is_off_day: false, name: '国庆节、中秋节' });
    expect(rows.filter((r) => r.is_off_day).map((r) => r.day)).toEqual([
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ]);
  });

  it('keeps an operator edit on the next load', async () => {
    await db.updateTable('ref_holiday').set({ name: '国庆节（本地调整）' }).where('day', '=', '2025-10-08').execute();
    await loadReferenceData(testDb.database);
    const row = await db.selectFrom('ref_holiday').select('name').where('day', '=', '2025-10-08').executeTakeFirstOrThrow();
    expect(row.name).toBe('国庆节（本地调整）');
  });
});
