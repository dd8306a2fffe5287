// Every kind of 检查对象 can be drawn, over the real app and database (PGlite always; PostgreSQL
// when DATABASE_URL is set; Citus in CI): a task whose 名录分库 is over 产品 (or 标准 …) draws those
// objects with their own code as the frame id, class U, 停用 objects excluded; its visits name the
// object and its kind; the bundle verifies. A task whose 信用风险分类管理 names a 专业领域
// classification draws with that classification as the frame's class column, recorded in P.
import { describe, expect, it } from 'vitest';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import type { ApiClient } from '../../testing/apiClient.ts';
import { demoAppPerSuite } from '../../testing/demoApp.ts';
import { parseExclusions, parseFrame, verifyBundle } from '../../core/draw/index.ts';

const databases = await openTestDatabases();
const DICE = '3141592653 5897932384 6';
const source = { kind: 'dice', name: '公开摇号现场骰子（纪检监察员见证）' };
const HEADER = '序号\t抽查任务名称\t抽查事项\t抽查对象范围\t抽查比例/数量\t信用风险分类管理\t抽查起止时间\t抽查检查模式';

describe.each(databases.map((d) => [d.name, d] as const))('抽取其他检查对象与专业领域分级 on %s', (_name, testDb: TestDatabase) => {
  const { as } = demoAppPerSuite(testDb);

  /** A published 高平 plan of one task over the given sub-library; returns the task's code. */
  async function publishedTask(gp: ApiClient, year: number, title: string, row: string, subLibraryId: string) {
    const plan = (await gp.post('/api/plans', { year, title, text: [HEADER, row].join('\n') })).body;
    const [task] = (await gp.get(`/api/plans/${plan.id}`)).body.tasks as { code: string; cells: unknown }[];
    expect((await gp.request('PUT', `/api/plans/${plan.id}/tasks/${task!.code}`, { cells: task!.cells, subLibraryId })).status).toBe(200);
    expect((await gp.post(`/api/plans/${plan.id}/publish`, {})).status).toBe(200);
    return task!.code;
  }

  it('a product task draws its products by their own codes (byte order, class U, 停用 excluded); visits name the product; the bundle verifies', async () => {
    const gp = await as('gp.planner');
    // Codes chosen so byte order differs from the order of creation and from a locale's order.
    const codes = ['XK16-001-00009', 'B.20', 'A-1', 'XK06-200-00001', 'A_1', 'Z/9', '0-42', 'A.1', 'XK13-100-00002', 'M-5'];
    const ids: Record<string, string> = {};
    for (const [i, code] of codes.entries()) {
      const made = await gp.post('/api/directory-objects', {
        kind: 'product',
        code,
        name: `抽检产品批次${i + 1}`,
        regionCode: '140581',
        tags: ['抽取测试产品'],
      });
      expect(made.status, JSON.stringify(made.body)).toBe(200);
      ids[code] = made.body.id;
    }
    expect((await gp.post(`/api/directory-objects/${ids['M-5']}/status`, { status: 'inactive', reason: '产品已停产' })).status).toBe(200);

    // An object rule may not hold the entity conditions: refused, naming the field by its label.
    const bad = await gp.post('/api/sub-libraries', {
      name: '产品（错误规则）',
      rule: { objectKind: 'product', regStatuses: ['存续'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('其他检查对象只能按标签');
    const lib = await gp.post('/api/sub-libraries', {
      name: '抽取测试产品',
      rule: { objectKind: 'product', tags: { anyOf: ['抽取测试产品'] } },
    });
    expect(lib.status, JSON.stringify(lib.body)).toBe(200);
    const code = await publishedTask(gp, 2030, '高平市2030年度产品抽查计划', '1\t产品质量抽查\t产品质量检查\t抽取测试产品\t5户\t\t1月—12月\t【县抽县查】', lib.body.id);

    const preview = (await gp.get(`/api/tasks/${code}/draw-preview`)).body;
    expect(preview).toMatchObject({ entries: 10, counts: { A: 0, B: 0, C: 0, D: 0, U: 9 }, objectKindLabel: '产品' });
    expect(preview.excluded).toEqual([{ reason: '已停用', count: 1 }]);

    const committed = (await gp.post(`/api/tasks/${code}/draws`, { publicSource: source })).body;
    const files = await testDb.database.db
      .selectFrom('draw_group_file')
      .select(['frame', 'exclusions'])
      .where('draw_id', '=', committed.id)
      .executeTakeFirstOrThrow();
    const frameIds = parseFrame(files.frame).map((e) => e.id);
    const byBytes = [...codes].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(frameIds).toEqual(byBytes);
    expect(parseFrame(files.frame).every((e) => e.class === 'U')).toBe(true);
    expect(parseExclusions(files.exclusions)).toEqual([{ id: 'M-5', reason: expect.stringMatching(/^已停用/), source: expect.any(String) }]);

    const drawn = (await gp.post(`/api/draws/${committed.id}/ceremony`, { value: DICE, witnessName: '王见证' })).body;
    expect(drawn.sample).toHaveLength(5);
    for (const e of drawn.sample) expect(codes).toContain(e.id);
    expect(drawn.sample.map((e: { id: string }) => e.id)).not.toContain('M-5');

    const visits = await testDb.database.db
      .selectFrom('visit')
      .select(['object_id', 'object_name', 'object_kind', 'inspecting_unit_code'])
      .where('draw_id', '=', committed.id)
      .execute();
    expect(visits).toHaveLength(5);
    for (const v of visits) {
      expect(v.object_kind).toBe('product');
      expect(v.object_name).toBe(`抽检产品批次${codes.indexOf(v.object_id) + 1}`);
      expect(v.inspecting_unit_code).toBe('140581');
    }
    const matched = await gp.post(`/api/draws/${committed.id}/match`, {});
    expect(matched.status, JSON.stringify(matched.body)).toBe(200);
    const bundle = (await gp.get(`/api/draws/${committed.id}/bundle`)).body;
    expect(verifyBundle(bundle)).toEqual({ status: 'VALID', scope: 'auditor' });
    const view = (await gp.get(`/api/draws/${committed.id}`)).body;
    const shown = view.visits.find((v: { id: string }) => v.id === drawn.sample[0].id);
    expect(shown).toMatchObject({ name: expect.stringMatching(/^抽检产品批次/), objectKindLabel: '产品' });
  });

  it('a code kept by two units of the scope cannot be drawn: the refusal names the code and writes nothing', async () => {
    const gp = await as('gp.planner');
    for (const unitCode of ['140581', '140581-xyjg']) {
      const made = await gp.post('/api/directory-objects', {
        kind: 'standard',
        code: 'Q/GPBZ-0001',
        name: '企业标准自我声明',
        regionCode: '140581',
        unitCode,
        tags: ['重复编码标准'],
      });
      expect(made.status, JSON.stringify(made.body)).toBe(200);
    }
    const lib = await gp.post('/api/sub-libraries', { name: '重复编码标准', rule: { objectKind: 'standard', tags: { anyOf: ['重复编码标准'] } } });
    const code = await publishedTask(gp, 2031, '高平市2031年度标准抽查计划', '1\t企业标准抽查\t企业标准自我声明检查\t重复编码标准\t1户\t\t1月—12月\t【县抽县查】', lib.body.id);
    const before = await testDb.database.db.selectFrom('draw').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const refused = await gp.post(`/api/tasks/${code}/draws`, { publicSource: source });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('Q/GPBZ-0001');
    const after = await testDb.database.db.selectFrom('draw').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
