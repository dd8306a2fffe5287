// Every kind of 检查对象 can be drawn, over the real app and database (PGlite always; PostgreSQL
// when DATABASE_URL is set; Citus in CI): a task whose 名录分库 is over 产品 (or 标准 …) draws those
// objects with their own code as the frame id, class U, 停用 objects excluded; its visits name the
// object and its kind; the bundle verifies. A task whose 信用风险分类管理 names a 专业领域
// classification draws with that classification as the frame's class column, recorded in P.
import { describe, expect, it } from 'vitest';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import type { ApiClient } from '../../testing/apiClient.ts';
import { demoAppPerSuite, uploadAs } from '../../testing/demoApp.ts';
import { addObjects } from '../../testing/directoryObjects.ts';
import { parseExclusions, parseFrame, verifyBundle } from '../../core/draw/index.ts';
import { PLAN_TABLE_HEADER, publishedPlan } from '../../testing/plans.ts';

const databases = await openTestDatabases();
const DICE = '3141592653 5897932384 6';
const source = { kind: 'dice', name: '公开摇号现场骰子（纪检监察员见证）' };

describe.each(databases.map((d) => [d.name, d] as const))('抽取其他检查对象与专业领域分级 on %s', (_name, testDb: TestDatabase) => {
  const { app, as } = demoAppPerSuite(testDb);
  const importClassifications = (client: ApiClient, csv: string, query = '') =>
    uploadAs(app(), client, `/api/entities/risk-classifications/import${query}`, '专业分级.csv', csv);
  const classificationRows = () => testDb.database.db.selectFrom('entity_risk_classification').selectAll().execute();

  /** A published 高平 plan of one task over the given sub-library; returns the task's code. */
  async function publishedTask(gp: ApiClient, year: number, title: string, row: string, subLibraryId: string) {
    const [task] = await publishedPlan(gp, { year, title, rows: [row] }, subLibraryId);
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
    const code = await publishedTask(
      gp,
      2030,
      '高平市2030年度产品抽查计划',
      '1\t产品质量抽查\t产品质量检查\t抽取测试产品\t5户\t\t1月—12月\t【县抽县查】',
      lib.body.id,
    );

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
    expect(parseExclusions(files.exclusions)).toEqual([
      { id: 'M-5', reason: expect.stringMatching(/^已停用/), source: expect.any(String) },
    ]);

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
    const lib = await gp.post('/api/sub-libraries', {
      name: '重复编码标准',
      rule: { objectKind: 'standard', tags: { anyOf: ['重复编码标准'] } },
    });
    const code = await publishedTask(
      gp,
      2031,
      '高平市2031年度标准抽查计划',
      '1\t企业标准抽查\t企业标准自我声明检查\t重复编码标准\t1户\t\t1月—12月\t【县抽县查】',
      lib.body.id,
    );
    const before = await countRows(testDb.database, 'draw');
    const refused = await gp.post(`/api/tasks/${code}/draws`, { publicSource: source });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toContain('Q/GPBZ-0001');
    expect(await countRows(testDb.database, 'draw')).toBe(before);
  });

  it('专业领域 classifications: imported all-or-nothing within reach, shown on the entity; a task naming one draws with it as the class column, recorded in P', async () => {
    const gp = await as('gp.planner');
    const db = testDb.database.db;
    const gaoping = await db
      .selectFrom('market_entity')
      .select(['uscc', 'name', 'risk_class'])
      .where('region_code', '=', '140581')
      .where('reg_status', '=', '存续')
      .orderBy('uscc')
      .limit(40)
      .execute();
    const outside = await db
      .selectFrom('market_entity')
      .select('uscc')
      .where('region_code', '=', '140525')
      .limit(1)
      .executeTakeFirstOrThrow();
    const classes = ['A', 'B', 'C', 'D'] as const;
    const rated = gaoping.slice(0, 30).map((e, i) => ({ uscc: e.uscc, cls: classes[(i * 7) % 4]! }));
    const header = '统一社会信用代码,分级类别,风险等级,评定日期,来源\n';
    const good = rated.map((r) => `${r.uscc},食品生产经营风险分级,${r.cls},2026-03-01,食品生产经营风险分级系统`).join('\n');

    // Bad rows: nothing is written, each error names its row and column by label.
    const before = await classificationRows();
    const bad = await importClassifications(
      gp,
      `${header}${good}\n${outside.uscc},食品生产经营风险分级,A,2026-03-01,x\n${gaoping[31]!.uscc},烟草风险分级,A,,\n${gaoping[32]!.uscc},特种设备风险分级,E,,\n${gaoping[33]!.uscc},信用风险分类,A,,`,
    );
    expect(bad.status).toBe(422);
    const errors = bad.body.details.errors as { row: number; column: string; message: string }[];
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [33, '分级类别'],
      [34, '风险等级'],
      [35, '分级类别'],
      [32, '统一社会信用代码'],
    ]);
    expect(errors[0]!.message).toContain('无法识别的分级类别');
    expect(errors[2]!.message).toContain('导入风险分类推送');
    expect(errors[3]!.message).toContain('没有该主体');
    expect(await classificationRows()).toEqual(before);

    // Another county cannot classify 高平's businesses: the same answer as for none.
    const zz = await as('zz.planner');
    const foreign = await importClassifications(zz, `${header}${rated[0]!.uscc},食品生产经营风险分级,A,,`);
    expect(foreign.status).toBe(422);
    expect(foreign.body.details.errors[0].message).toContain('没有该主体');

    const dry = await importClassifications(gp, header + good, '?dryRun=true');
    expect(dry.body).toMatchObject({ dryRun: true, created: 30 });
    expect(await classificationRows()).toEqual(before);
    const done = await importClassifications(gp, header + good);
    expect(done.body).toMatchObject({ dryRun: false, total: 30, created: 30, updated: 0 });
    const again = await importClassifications(gp, header + good);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 30 });
    const detail = (await gp.get(`/api/entities/${rated[0]!.uscc}`)).body;
    expect(detail.classifications).toEqual([
      {
        classification: 'food',
        label: '食品生产经营风险分级',
        riskClass: rated[0]!.cls,
        ratedOn: '2026-03-01',
        source: '食品生产经营风险分级系统',
      },
    ]);

    // A task whose 信用风险分类管理 names the food classification draws by it.
    const lib = ((await gp.get('/api/sub-libraries')).body.items as { id: string; name: string }[]).find((l) => l.name === '全市存续企业')!;
    const code = await publishedTask(
      gp,
      2032,
      '高平市2032年度食品抽查计划',
      '1\t食品经营抽查\t食品经营检查\t全市存续企业\t30户\t根据食品生产经营风险分级结果，对低风险、一般风险、较高风险、高风险企业分别递加比例抽查\t1月—12月\t【县抽县查】',
      lib.id,
    );
    const preview = (await gp.get(`/api/tasks/${code}/draw-preview`)).body;
    expect(preview).toMatchObject({ classificationLabel: '食品生产经营风险分级', objectKindLabel: '市场主体' });
    const committed = (await gp.post(`/api/tasks/${code}/draws`, { publicSource: source })).body;
    const files = await db.selectFrom('draw_group_file').select(['frame']).where('draw_id', '=', committed.id).executeTakeFirstOrThrow();
    const frame = new Map(parseFrame(files.frame).map((e) => [e.id, e.class]));
    const ratedClass = new Map(rated.map((r) => [r.uscc, r.cls]));
    // The class column is the food class where the business has one, U elsewhere (whatever its general class).
    for (const [id, cls] of frame) expect(cls).toBe(ratedClass.get(id) ?? 'U');
    for (const r of rated) expect(frame.get(r.uscc)).toBe(r.cls);
    const draw = (await gp.get(`/api/draws/${committed.id}`)).body;
    expect(draw.params.groups[0].classification).toBe('食品生产经营风险分级');
    await gp.post(`/api/draws/${committed.id}/ceremony`, { value: DICE, witnessName: '王见证' });
    const bundle = (await gp.get(`/api/draws/${committed.id}/bundle`)).body;
    expect(verifyBundle(bundle)).toEqual({ status: 'VALID', scope: 'auditor' });
  });
  it('a planner chooses the classification a task uses from those the businesses hold; the preview and P follow the choice', async () => {
    const gp = await as('gp.planner');
    const db = testDb.database.db;
    const some = await db
      .selectFrom('market_entity')
      .select('uscc')
      .where('unit_code', 'like', '140581%')
      .orderBy('uscc')
      .limit(6)
      .execute();
    const rows = some.map((e, i) => `${e.uscc},特种设备风险分级,${'ABCD'[i % 4]},2026-04-01,特种设备安全监察系统`).join('\n');
    expect((await importClassifications(gp, `统一社会信用代码,分级类别,风险等级,评定日期,来源\n${rows}\n`)).status).toBe(200);
    const held = (await gp.get('/api/entities/risk-classifications')).body.items as { classification: string; entities: number }[];
    expect(held.find((c) => c.classification === 'specialEquipment')).toEqual({
      classification: 'specialEquipment',
      label: '特种设备风险分级',
      entities: 6,
    });
    // A sibling county holds none of 高平's classifications.
    expect((await (await as('yp.planner')).get('/api/entities/risk-classifications')).body.items).toEqual([]);

    const lib = ((await gp.get('/api/sub-libraries')).body.items as { id: string; name: string }[]).find((l) => l.name === '全市存续企业')!;
    const plan = (
      await gp.post('/api/plans', {
        year: 2034,
        title: '高平市2034年度特种设备抽查计划',
        text: [PLAN_TABLE_HEADER, '1\t特种设备抽查\t特种设备检查\t全市存续企业\t10户\t\t1月—12月\t【县抽县查】'].join('\n'),
      })
    ).body;
    const [task] = (await gp.get(`/api/plans/${plan.id}`)).body.tasks as { code: string; cells: unknown }[];
    const put = (classification: unknown) =>
      gp.request('PUT', `/api/plans/${plan.id}/tasks/${task!.code}`, { cells: task!.cells, subLibraryId: lib.id, classification });
    const refused = await put('电梯分级');
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('风险分类依据只能是');
    expect((await put('specialEquipment')).status).toBe(200);
    expect((await gp.get(`/api/plans/${plan.id}`)).body.tasks[0].classification).toBe('specialEquipment');
    expect((await gp.post(`/api/plans/${plan.id}/publish`, {})).status).toBe(200);
    const preview = (await gp.get(`/api/tasks/${task!.code}/draw-preview`)).body;
    expect(preview.classificationLabel).toBe('特种设备风险分级');
    const committed = (await gp.post(`/api/tasks/${task!.code}/draws`, { publicSource: source })).body;
    expect((await gp.get(`/api/draws/${committed.id}`)).body.params.groups[0].classification).toBe('特种设备风险分级');
  });
  it('回避 by 辖区 places a drawn product where the drawing unit keeps it, not where another unit keeps the same code', async () => {
    const gp = await as('gp.planner');
    const codes = ['HB-SCOPE-1', 'HB-SCOPE-2', 'HB-SCOPE-3'];
    await addObjects(gp, { kind: 'product', codes, name: (i) => `回避范围产品${i}`, regionCode: '140581', tag: '回避范围产品' });
    // 原平 keeps a product with the same code in its own area.
    await addObjects(await as('yp.planner'), {
      kind: 'product',
      codes: ['HB-SCOPE-1'],
      name: () => '原平同编码产品',
      regionCode: '140981',
    });

    const officers = (
      (await gp.get('/api/inspectors?drawable=yes&pageSize=100')).body.items as { id: string; name: string; category: string }[]
    ).filter((p) => p.category === 'enforcement');
    const [inOther, inGaoping] = officers.slice(-2);
    const declare = async (person: { id: string }, regionCode: string) => {
      const res = await gp.post(`/api/inspectors/${person.id}/recusals`, {
        kind: 'own_grid',
        declaredOn: '2025-01-01',
        relatedRegionCode: regionCode,
        reason: '本人户籍所在地辖区',
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    };
    await declare(inOther!, '140981');
    await declare(inGaoping!, '140581');

    const lib = (
      await gp.post('/api/sub-libraries', { name: '回避范围产品', rule: { objectKind: 'product', tags: { anyOf: ['回避范围产品'] } } })
    ).body;
    const code = await publishedTask(
      gp,
      2033,
      '高平市2033年度产品回避抽查计划',
      '1\t产品质量抽查\t产品质量检查\t回避范围产品\t3户\t\t1月—12月\t【县抽县查】',
      lib.id,
    );
    const committed = (await gp.post(`/api/tasks/${code}/draws`, { publicSource: source })).body;
    expect((await gp.post(`/api/draws/${committed.id}/ceremony`, { value: DICE, witnessName: '王见证' })).status).toBe(200);
    const matched = await gp.post(`/api/draws/${committed.id}/match`, { capPerInspector: null });
    expect(matched.status, JSON.stringify(matched.body)).toBe(200);
    const recused = matched.body.recused as { visitId: string; name: string; reason: string }[];
    // The 高平 辖区 recusal keeps its person off every product; the 原平 one off none.
    expect(
      recused
        .filter((r) => r.name === inGaoping!.name)
        .map((r) => r.visitId)
        .sort(),
    ).toEqual(['HB-SCOPE-1', 'HB-SCOPE-2', 'HB-SCOPE-3']);
    expect(recused.filter((r) => r.name === inOther!.name)).toEqual([]);
  });
});
