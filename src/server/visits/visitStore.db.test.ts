// The visit rows follow the draw: the demo's draw (ceremony, matching, through the commands)
// leaves one row per visit of the draw's record, each staffed by the rules of docs/draw-spec.md §8,
// and the bundle's assignment is those rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { startDemoApp } from '../../testing/demoApp.ts';
import { currentAssignment } from './visitStore.ts';

const databases = await openTestDatabases();

describe.each(databases.map((d) => [d.name, d] as const))('visit rows on %s', (_name, testDb: TestDatabase) => {
  beforeAll(async () => {
    await startDemoApp(testDb);
  });
  afterAll(() => testDb.dispose());

  it('hold every visit and current assignment of each drawn draw, as its record says', async () => {
    const db = testDb.database.db;
    const draws = await db.selectFrom('draw').select(['unit_code', 'id', 'result']).where('status', '=', 'drawn').execute();
    expect(draws.length).toBeGreaterThan(0);
    for (const d of draws) {
      const record = d.result!;
      const rows = await db.selectFrom('visit').selectAll().where('draw_id', '=', d.id).orderBy('object_id').execute();
      expect(rows.map((r) => [r.object_id, r.items])).toEqual(
        [...record.visits].sort((a, b) => (a.id < b.id ? -1 : 1)).map((v) => [v.id, v.items]),
      );
      const people = await db
        .selectFrom('visit_inspector')
        .select(['object_id', 'code', 'category'])
        .where('draw_id', '=', d.id)
        .where('released_at', 'is', null)
        .execute();
      for (const v of rows) {
        const sent = people.filter((p) => p.object_id === v.object_id);
        expect(sent.length).toBeGreaterThanOrEqual(2);
        expect(sent.some((p) => p.category === 'enforcement')).toBe(true);
      }
      const assignment = await currentAssignment(db, { unitCode: d.unit_code, id: d.id });
      expect(assignment.map((a) => a.id)).toEqual(rows.map((r) => r.object_id));
      expect(assignment.flatMap((a) => a.inspectors.map((code) => `${a.id}/${code}`)).sort()).toEqual(
        people.map((p) => `${p.object_id}/${p.code}`).sort(),
      );
    }
  });
});
