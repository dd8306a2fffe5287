// Results of visits of 其他检查对象 (产品、项目、行为、标准) over the real app and database (PGlite
// always; PostgreSQL when DATABASE_URL is set; Citus in CI): a product drawn by its own code is
// entered, confirmed, reviewed and published; the result and its ledger item name the product and
// its kind; the portal finds it by its own code and name and shows it by kind and code; the
// indicators count it where the definitions say (results, inspected objects; not 企业覆盖); the
// steps of a market entity (经营异常名录, a business's 停止公示 application, the exchange export)
// leave it out; staff stop its publication and it leaves the portal.
import { describe, expect, it } from 'vitest';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { ApiClient } from '../../testing/apiClient.ts';
import { demoAppPerSuite } from '../../testing/demoApp.ts';
import { addObjects } from '../../testing/directoryObjects.ts';
import { publishedPlan } from '../../testing/plans.ts';
import { fixToday } from '../clock.ts';

const databases = await openTestDatabases();
const DICE = '1618033988 7498948482 0';

describe.each(databases.map((d) => [d.name, d] as const))('其他检查对象的检查结果 on %s', (_name, testDb: TestDatabase) => {
  const { app, as } = demoAppPerSuite(testDb);

  it('a product visit is entered, published, found on the portal by its code and name, counted where the definitions say, then stopped', async () => {
    const gp = await as('gp.planner');
    await addObjects(gp, {
      kind: 'product',
      codes: ['XK16-RES-1', 'XK16-RES-2', 'XK16-RES-3', 'XK16-RES-4'],
      name: (i) => `结果测试电线电缆批次${i}`,
      regionCode: '140581',
      tag: '结果测试产品',
    });
    const lib = (
      await gp.post('/api/sub-libraries', { name: '结果测试产品', rule: { objectKind: 'product', tags: { anyOf: ['结果测试产品'] } } })
    ).body;
    const [task] = await publishedPlan(
      gp,
      {
        year: 2032,
        title: '高平市2032年度产品质量抽查计划',
        rows: ['1\t产品质量抽查\t产品质量检查\t结果测试产品\t2户\t\t1月—12月\t【县抽县查】'],
      },
      lib.id,
    );
    const draw = (await gp.post(`/api/tasks/${task!.code}/draws`, { publicSource: { kind: 'dice', name: '公开摇号现场骰子' } })).body;
    const drawn = (await gp.post(`/api/draws/${draw.id}/ceremony`, { value: DICE, witnessName: '王见证' })).body;
    const matched = await gp.post(`/api/draws/${draw.id}/match`, {});
    expect(matched.status, JSON.stringify(matched.body)).toBe(200);
    const code: string = drawn.sample[0].id;
    const visit = matched.body.assignment.find((a: { id: string }) => a.id === code) as { inspectors: string[] };
    const people = matched.body.inspectors as Record<string, { id: string }>;

    // The visit names the product, its kind and code (no business, no 统一社会信用代码).
    const staff = await as('gp.staff');
    const read = (await staff.get(`/api/visits/${draw.id}/${encodeURIComponent(code)}`)).body;
    expect(read).toMatchObject({
      uscc: code,
      entity: null,
      object: { kind: 'product', kindLabel: '产品', name: expect.stringMatching(/^结果测试电线电缆批次/) },
    });
    const name: string = read.object.name;

    fixToday('2032-06-20');
    try {
      const saved = await staff.request('PUT', `/api/visits/${draw.id}/${encodeURIComponent(code)}/result`, {
        checkedOn: '2032-06-18',
        items: [
          {
            itemName: '产品质量检查',
            result: {
              categories: ['problemOrderedToCorrect'],
              methods: ['onSite'],
              findings: '标识不符合标准',
              rectificationDeadline: '2032-07-18',
            },
          },
        ],
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      const db = testDb.database.db;
      const user = await db.selectFrom('app_user').select('id').where('username', '=', 'gp.inspector').executeTakeFirstOrThrow();
      for (const person of visit.inspectors) {
        await db.updateTable('inspector').set({ user_id: null }).where('user_id', '=', user.id).execute();
        await db.updateTable('inspector').set({ user_id: user.id }).where('id', '=', people[person]!.id).execute();
        const inspector = await as('gp.inspector');
        expect((await inspector.post(`/api/results/${saved.body.id}/confirm`)).status).toBe(200);
      }
      expect((await staff.post(`/api/results/${saved.body.id}/submit`)).status).toBe(200);
      const published = await staff.post(`/api/results/${saved.body.id}/publish`);
      expect(published.body).toMatchObject({ status: 'published', followupsOpened: 1, abnormalList: [] });

      const stored = await db
        .selectFrom('visit_result')
        .select(['uscc', 'entity_name', 'object_kind'])
        .where('id', '=', saved.body.id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ uscc: code, entity_name: name, object_kind: 'product' });
      const result = (await staff.get(`/api/results/${saved.body.id}`)).body;
      expect(result).toMatchObject({ entityName: name, objectKindLabel: '产品' });
      const item = (await staff.get('/api/followups?status=open')).body.items.find(
        (i: { resultId: string }) => i.resultId === saved.body.id,
      );
      expect(item).toMatchObject({ uscc: code, entityName: name, objectKindLabel: '产品' });

      // The portal finds it by its own code (a prefix) and by its name, and shows it by kind and code.
      const anon = new ApiClient(app());
      const byCode = (await anon.get(`/api/public/results?q=${encodeURIComponent(code.slice(0, 10))}`)).body.items;
      expect(byCode.map((r: { uscc: string }) => r.uscc)).toContain(code);
      const byName = (await anon.get(`/api/public/results?q=${encodeURIComponent(name)}`)).body.items;
      expect(byName).toEqual([expect.objectContaining({ uscc: code, entityName: name, objectKind: 'product', objectKindLabel: '产品' })]);
      const detail = await anon.get(`/api/public/entities/${encodeURIComponent(code)}?kind=product`);
      expect(detail.body).toMatchObject({ uscc: code, entityName: name, objectKind: 'product', objectKindLabel: '产品' });
      expect(detail.body.results).toHaveLength(1);
      // Without a kind the code is read as a business's 统一社会信用代码, which it cannot be.
      const asBusiness = await anon.get(`/api/public/entities/${encodeURIComponent(code)}`);
      expect(asBusiness.status).toBe(400);
      expect(asBusiness.body.message).toBe(`统一社会信用代码为 18 位，${code} 不是统一社会信用代码，请核对后重新查询。`);
      const otherKind = await anon.get(`/api/public/entities/${encodeURIComponent(code)}?kind=project`);
      expect(otherKind.status).toBe(404);
      expect(otherKind.body.message).toBe(`没有对象编码为 ${code} 的项目的已公示抽查结果。`);

      // Entity-only steps leave it out.
      const listing = await staff.post(`/api/results/${saved.body.id}/abnormal-listing`, {
        on: '2032-06-20',
        decisionNumber: '高市监异〔2032〕1号',
      });
      expect(listing.status).toBe(409);
      expect(listing.body.message).toContain('经营异常名录只列入市场主体');
      const deadlines = (await staff.get('/api/results/deadlines?year=2032')).body;
      expect(deadlines.abnormalSteps.map((s: { resultId: string }) => s.resultId)).not.toContain(saved.body.id);
      const row = deadlines.items.find((r: { drawId: string }) => r.drawId === draw.id);
      expect(row).toMatchObject({ visits: 2, published: 1, pending: [expect.objectContaining({ uscc: drawn.sample[1].id })] });

      // Indicators: a result and an inspected object; never an inspected enterprise.
      const list = async (key: string, part: string) =>
        (
          (await gp.get(`/api/indicators/list?unitCode=140581&year=2032&key=${key}&part=${part}&limit=500`)).body.rows as {
            code: string;
            name: string;
          }[]
        ).map((r) => r.code);
      expect(await list('resultPublication', 'numerator')).toContain(code);
      expect(await list('repeatInspection', 'denominator')).toContain(code);
      expect(await list('entityCoverage', 'numerator')).not.toContain(code);

      // 撤下: staff stop its publication (after the publication period); it leaves the portal.
      fixToday('2099-01-05');
      expect((await staff.post(`/api/results/${saved.body.id}/stop-requests`, { reason: '产品已整改并经复检合格' })).status).toBe(200);
      const stopped = await staff.post(`/api/results/${saved.body.id}/stop-requests/decision`, {
        approve: true,
        reason: '公示期满，同意停止公示',
      });
      expect(stopped.body).toMatchObject({ stoppedOn: '2099-01-05' });
      expect((await anon.get(`/api/public/results?q=${encodeURIComponent(name)}`)).body.items).toEqual([]);
      expect((await anon.get(`/api/public/entities/${encodeURIComponent(code)}?kind=product`)).status).toBe(404);
    } finally {
      fixToday(null);
    }
  });
});
