// 问题台账 list on every engine: server paging in the ledger's fixed order (未完结 before 已完结,
// then 期限 with none last, 立项日期, object code, id) loses and repeats no item across pages, the
// totals count every matching item, and a unit sees only the items of its own reach.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import type { ApiClient } from '../../testing/apiClient.ts';
import { demoAppPerSuite } from '../../testing/demoApp.ts';
import { fixToday } from '../clock.ts';

const databases = await openTestDatabases();
const TODAY = '2026-01-15';
const OUT_OF_REACH_UNIT = '140525';

interface Item {
  id: string;
  unitCode: string;
  resultId: string;
  uscc: string;
  status: 'open' | 'closed';
  dueOn: string | null;
  openedOn: string;
  overdue: boolean;
}

/** The ledger's order, written independently of the SQL: open first, then due (none last), opened, code, id. */
function ledgerOrder(a: Item, b: Item): number {
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
  if (a.dueOn !== b.dueOn) return a.dueOn === null ? 1 : b.dueOn === null ? -1 : byText(a.dueOn, b.dueOn);
  return byText(a.openedOn, b.openedOn) || byText(a.uscc, b.uscc) || byText(a.id, b.id);
}

describe.each(databases.map((d) => [d.name, d] as const))('问题台账 paging on %s', (_name, testDb: TestDatabase) => {
  const { as } = demoAppPerSuite(testDb);
  let gp: ApiClient;
  let outOfReachResult = '';

  /** Copies of a row of `table` with the fields given replaced, in one statement. */
  async function copyRow(table: 'visit_result' | 'followup_item', id: string, changes: Record<string, unknown>[]) {
    const db = testDb.database.db;
    for (const change of changes)
      await sql`INSERT INTO ${sql.table(table)}
                SELECT (jsonb_populate_record(NULL::${sql.table(table)}, to_jsonb(t) || ${JSON.stringify(change)}::jsonb)).*
                FROM ${sql.table(table)} t WHERE t.id = ${id}`.execute(db);
  }

  beforeAll(async () => {
    fixToday(TODAY);
    const db = testDb.database.db;
    const model = await db
      .selectFrom('followup_item')
      .select(['id', 'result_id'])
      .where('unit_code', 'like', '140581%')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    // 55 more items in 高平 with many equal deadlines, opening days and codes, so that only the id
    // tells some of them apart; a few are overdue, a few have no deadline, five are closed.
    const dues = ['2026-02-01', '2026-02-01', null, '2026-01-05'];
    const opened = ['2025-11-20', '2025-12-01'];
    const codes = ['911405810000000001', '911405810000000002', '911405810000000003'];
    await copyRow(
      'followup_item',
      model.id,
      Array.from({ length: 55 }, (_, i) => ({
        id: crypto.randomUUID(),
        status: i < 50 ? 'open' : 'closed',
        due_on: dues[i % dues.length],
        opened_on: opened[i % opened.length],
        closed_on: i < 50 ? null : '2026-01-10',
        uscc: codes[i % codes.length],
      })),
    );
    // And items of a result of 泽州 (outside 高平's reach, inside the city's).
    const resultId = (outOfReachResult = crypto.randomUUID());
    await copyRow('visit_result', model.result_id, [{ unit_code: OUT_OF_REACH_UNIT, id: resultId }]);
    await copyRow(
      'followup_item',
      model.id,
      Array.from({ length: 6 }, () => ({ id: crypto.randomUUID(), unit_code: OUT_OF_REACH_UNIT, result_id: resultId, status: 'open' })),
    );
    gp = await as('gp.staff');
  });

  afterAll(() => fixToday(null));

  /** Every page of the list, one request each, and the totals each page reported. */
  async function allPages(client: ApiClient, query: string, pageSize: number) {
    const items: Item[] = [];
    const totals = new Set<number>();
    const overdue = new Set<number>();
    for (let page = 1; ; page++) {
      const res = await client.get(`/api/followups?${query}&page=${page}&pageSize=${pageSize}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body).toMatchObject({ page, pageSize, today: TODAY });
      totals.add(res.body.total);
      overdue.add(res.body.overdue);
      items.push(...(res.body.items as Item[]));
      expect(res.body.items.length).toBeLessThanOrEqual(pageSize);
      if (res.body.items.length < pageSize) break;
    }
    expect(totals.size, 'the total is the same on every page').toBe(1);
    expect(overdue.size).toBe(1);
    return { items, total: [...totals][0]!, overdue: [...overdue][0]! };
  }

  /** The ids of the items a unit's subtree holds, straight from the table. */
  async function storedIds(unitPrefix: string, status?: 'open' | 'closed') {
    let q = testDb.database.db.selectFrom('followup_item').select('id').where('unit_code', 'like', `${unitPrefix}%`);
    if (status) q = q.where('status', '=', status);
    return (await q.execute()).map((r) => r.id).sort();
  }

  it('pages the open items without losing or repeating any, in the ledger order, with the totals', async () => {
    const { items, total, overdue } = await allPages(gp, 'status=open', 7);
    const ids = items.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(await storedIds('140581', 'open'));
    expect(total).toBe(ids.length);
    expect(total).toBeGreaterThan(50);
    expect(items.every((i) => i.status === 'open')).toBe(true);
    expect(items).toEqual([...items].sort(ledgerOrder));
    expect(overdue).toBe(items.filter((i) => i.overdue).length);
    expect(overdue).toBeGreaterThanOrEqual(12);
  });

  it('lists open before closed when no status is chosen, and the closed ones alone when asked', async () => {
    const every = await allPages(gp, '', 20);
    expect(every.items.map((i) => i.id).sort()).toEqual(await storedIds('140581'));
    expect(every.items).toEqual([...every.items].sort(ledgerOrder));
    const closed = await allPages(gp, 'status=closed', 3);
    expect(closed.items.map((i) => i.id).sort()).toEqual(await storedIds('140581', 'closed'));
    expect(closed.total).toBeGreaterThanOrEqual(5);
    expect(closed.overdue).toBe(0);
  });

  it("shows a unit only its reach; the city sees its counties' items too", async () => {
    const mine = await allPages(gp, 'status=open', 50);
    expect(mine.items.every((i) => i.unitCode.startsWith('140581'))).toBe(true);
    const city = await allPages(await as('jc.leader'), 'status=open', 50);
    expect(city.items.filter((i) => i.resultId === outOfReachResult)).toHaveLength(6);
    expect(city.total).toBe(mine.total + (await storedIds('1405', 'open')).length - (await storedIds('140581', 'open')).length);
  });

  it('answers a page past the end with no items, and refuses a bad page size in Chinese', async () => {
    const past = await gp.get('/api/followups?status=open&page=99&pageSize=50');
    expect(past.status).toBe(200);
    expect(past.body.items).toEqual([]);
    expect(past.body.total).toBeGreaterThan(50);
    const tooBig = await gp.get('/api/followups?pageSize=500');
    expect(tooBig.status).toBe(400);
    expect(JSON.stringify(tooBig.body)).toContain('每页最多 200 条');
    const badStatus = await gp.get('/api/followups?status=done');
    expect(badStatus.status).toBe(400);
    expect(JSON.stringify(badStatus.body)).toContain('状态只能是 未完结 或 已完结');
  });
});
