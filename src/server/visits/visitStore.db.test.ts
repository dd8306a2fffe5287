// The visit rows follow the draw: the demo's draw (ceremony, matching, through the commands)
// leaves one row per visit of the draw's record and one current assignment per matched person.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { startDemoApp } from '../../testing/demoApp.ts';

const databases = await openTestDatabases();

describe.each(databases.map((d) => [d.name, d] as const))('visit rows on %s', (_name, testDb: TestDatabase) => {
  beforeAll(async () => {
    await startDemoApp(testDb);
  });
  afterAll(() => testDb.dispose());

  it('hold every visit and current assignment of each drawn draw, as its record says', async () => {
    const db = testDb.database.db;
    const draws = await db.selectFrom('draw').select(['unit_code', 'id', 'result', 'assignment']).where('status', '=', 'drawn').execute();
    expect(draws.length).toBeGreaterThan(0);
    for (const d of draws) {
      const record = d.result as { visits: { id: string; items: string[] }[] };
      const rows = await db.selectFrom('visit').selectAll().where('draw_id', '=', d.id).orderBy('object_id').execute();
      expect(rows.map((r) => [r.object_id, r.items])).toEqual(
        [...record.visits].sort((a, b) => (a.id < b.id ? -1 : 1)).map((v) => [v.id, v.items]),
      );
      const people = await db
        .selectFrom('visit_inspector')
        .select(['object_id', 'code'])
        .where('draw_id', '=', d.id)
        .where('released_at', 'is', null)
        .execute();
      const assigned = (d.assignment as { id: string; inspectors: string[] }[]).flatMap((a) => a.inspectors.map((code) => `${a.id}/${code}`));
      expect(people.map((p) => `${p.object_id}/${p.code}`).sort()).toEqual(assigned.sort());
    }
  });
});
