// 其他检查对象（产品/项目/行为/标准）API on both engines: scope, create/update/status with audit,
// system codes, bad input (USCC, kind, duplicate code) writing nothing, import/export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { ApiClient } from '../../testing/apiClient.ts';
import { expectExportRoundTrip, firstStationUnder, loginAs, startDemoApp, uploadAs } from '../../testing/demoApp.ts';
import { objectCodeProblem, parseSystemObjectCode } from '../../core/directoryObjects/objectCode.ts';
import { validateUscc } from '../../core/uscc/index.ts';
import { todayInChina } from '../clock.ts';

const databases = await openTestDatabases();

describe.each(databases.map((d) => [d.name, d] as const))('directory objects on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;
  let gpEntity: { uscc: string; name: string };
  let stationCode: string;
  const year = Number(todayInChina().slice(0, 4));

  beforeAll(async () => {
    app = await startDemoApp(testDb);
    const db = testDb.database.db;
    gpEntity = await db
      .selectFrom('market_entity')
      .select(['uscc', 'name'])
      .where('region_code', '=', '140581')
      .orderBy('uscc')
      .limit(1)
      .executeTakeFirstOrThrow();
    stationCode = await firstStationUnder(testDb, '140581');
  });

  afterAll(async () => {
    await testDb.dispose();
  });

  const as = (username: string) => loginAs(app, username);

  const count = (table: 'audit_log' | 'directory_object') => countRows(testDb.database, table);

  const upload = (client: ApiClient, fileName: string, content: Buffer | string, query = '') =>
    uploadAs(app, client, `/api/directory-objects/import${query}`, fileName, content);

  it('the demo has products, projects and behaviours; a county sees only its own, a city its counties’', async () => {
    const gp = await as('gp.staff');
    const all = await gp.get('/api/directory-objects?pageSize=200');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThanOrEqual(20);
    expect(all.body.items.every((o: any) => o.unitCode === '140581' || o.unitCode.startsWith('140581-'))).toBe(true);
    for (const kind of ['product', 'project', 'behavior']) {
      const page = await gp.get(`/api/directory-objects?pageSize=200&kind=${kind}`);
      expect(page.body.total).toBeGreaterThan(0);
      expect(page.body.items.every((o: any) => o.kind === kind)).toBe(true);
    }
    // Linked objects show the entity's name; their USCCs are valid.
    const linked = all.body.items.filter((o: any) => o.uscc);
    expect(linked.length).toBeGreaterThan(0);
    for (const o of linked) {
      expect(validateUscc(o.uscc).ok).toBe(true);
      expect(o.entityName).toEqual(expect.any(String));
    }
    expect(all.body.items.some((o: any) => o.status === 'inactive')).toBe(true);

    const city = await as('jc.leader');
    const cityList = await city.get('/api/directory-objects?pageSize=200');
    const cityUnits = new Set(cityList.body.items.map((o: any) => o.unitCode.slice(0, 6)));
    expect([...cityUnits].sort()).toEqual(['140500', '140525', '140581']);

    const zz = await as('zz.planner');
    const zzList = await zz.get('/api/directory-objects?pageSize=200');
    expect(zzList.body.total).toBeGreaterThan(0);
    expect(zzList.body.items.some((o: any) => o.unitCode.startsWith('140581'))).toBe(false);
  });

  it('demo objects pass the same checks as user input, and linked entities exist', async () => {
    const db = testDb.database.db;
    const objects = await db.selectFrom('directory_object').selectAll().where('unit_code', 'like', '14%').execute();
    expect(objects.length).toBeGreaterThanOrEqual(30);
    for (const o of objects) {
      expect(objectCodeProblem(o.object_code)).toBeNull();
      const system = parseSystemObjectCode(o.object_code);
      if (system) expect(system.kind).toBe(o.object_kind);
      if (!o.uscc) continue;
      expect(validateUscc(o.uscc).ok).toBe(true);
      const entity = await db.selectFrom('market_entity').select('region_code').where('uscc', '=', o.uscc).executeTakeFirst();
      expect(entity?.region_code).toBe(o.region_code);
    }
    const owners = new Set(objects.map((o) => o.unit_code.slice(0, 6)));
    expect([...owners].sort()).toEqual(['140500', '140525', '140581', '140981']);
  });

  it('creates with a system code or the unit’s own code, updates with audit, and 停用 with a reason', async () => {
    const planner = await as('gp.planner');
    const auditBefore = await count('audit_log');
    const first = await planner.post('/api/directory-objects', {
      kind: 'product',
      name: '测试钢丝绳批次',
      unitCode: stationCode,
      uscc: gpEntity.uscc,
      tags: ['工业产品'],
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const parsed = parseSystemObjectCode(first.body.code);
    expect(parsed).toMatchObject({ kind: 'product', regionCode: '140581', year });
    const second = await planner.post('/api/directory-objects', { kind: 'product', name: '测试电线电缆批次', unitCode: stationCode });
    expect(parseSystemObjectCode(second.body.code)).toEqual({ ...parsed, serial: parsed!.serial + 1 });
    const own = await planner.post('/api/directory-objects', {
      kind: '项目',
      code: ' 2026-140581-47-03-123456 ',
      name: '测试改造工程',
      industryCode: '4790',
    });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    expect(own.body.code).toBe('2026-140581-47-03-123456');
    expect(await count('audit_log')).toBe(auditBefore + 3);

    const detail = await planner.get(`/api/directory-objects/${first.body.id}`);
    expect(detail.body).toMatchObject({
      kind: 'product',
      kindLabel: '产品',
      name: '测试钢丝绳批次',
      unitCode: stationCode,
      uscc: gpEntity.uscc,
      entityName: gpEntity.name,
      regionCode: '140581',
      status: 'active',
      tags: ['工业产品'],
    });

    const updated = await planner.request('PATCH', `/api/directory-objects/${first.body.id}`, {
      kind: 'product',
      name: '测试钢丝绳批次（复检）',
      unitCode: stationCode,
      uscc: gpEntity.uscc,
      tags: ['工业产品', '复检'],
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.code).toBe(first.body.code);
    expect(updated.body.changed.sort()).toEqual(['name', 'tags']);
    const auditRow = await testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('object_id', '=', first.body.id)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(auditRow.action).toBe('directory_object.update');
    expect(auditRow.summary).toMatchObject({ before: { name: '测试钢丝绳批次' }, after: { name: '测试钢丝绳批次（复检）' } });

    // Handing the object to the county itself: the owning unit is part of the key (on Citus the
    // distribution column), and the object keeps its id, code and fields under the new unit.
    const moved = await planner.request('PATCH', `/api/directory-objects/${first.body.id}`, {
      kind: 'product',
      name: '测试钢丝绳批次（复检）',
      unitCode: '140581',
      uscc: gpEntity.uscc,
      tags: ['工业产品', '复检'],
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.changed).toEqual(['unitCode']);
    expect((await planner.get(`/api/directory-objects/${first.body.id}`)).body).toMatchObject({
      unitCode: '140581',
      code: first.body.code,
      name: '测试钢丝绳批次（复检）',
    });
    const copies = await testDb.database.db.selectFrom('directory_object').select('unit_code').where('id', '=', first.body.id).execute();
    expect(copies.map((c) => c.unit_code)).toEqual(['140581']);

    const noReason = await planner.post(`/api/directory-objects/${own.body.id}/status`, { status: 'inactive', reason: ' ' });
    expect(noReason.status).toBe(400);
    const off = await planner.post(`/api/directory-objects/${own.body.id}/status`, { status: 'inactive', reason: '项目已竣工验收' });
    expect(off.status).toBe(200);
    expect((await planner.get(`/api/directory-objects/${own.body.id}`)).body).toMatchObject({
      status: 'inactive',
      statusLabel: '停用',
      statusSince: todayInChina(),
    });
    const again = await planner.post(`/api/directory-objects/${own.body.id}/status`, { status: 'inactive', reason: '再次停用' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/已是「停用」/);
    const inactive = await planner.get('/api/directory-objects?status=inactive&pageSize=200');
    expect(inactive.body.items.map((o: any) => o.id)).toContain(own.body.id);
  });

  it('refuses bad input with precise messages and writes nothing', async () => {
    const planner = await as('gp.planner');
    const readOnly = await as('gp.staff');
    const rows = await count('directory_object');
    const audit = await count('audit_log');
    const badUscc = await planner.post('/api/directory-objects', {
      kind: 'product',
      name: '某产品',
      uscc: gpEntity.uscc.slice(0, 17) + (gpEntity.uscc[17] === '0' ? '1' : '0'),
    });
    expect(badUscc.status).toBe(400);
    expect(badUscc.body.message).toMatch(/关联主体统一社会信用代码有误/);
    const badKind = await planner.post('/api/directory-objects', { kind: '设备', name: '某设备' });
    expect(badKind.status).toBe(400);
    expect(badKind.body.message).toMatch(/对象类别应为 产品、项目、行为、标准 之一/);
    const badRegion = await planner.post('/api/directory-objects', { kind: 'behavior', name: '某行为', regionCode: '149999' });
    expect(badRegion.status).toBe(400);
    expect(badRegion.body.message).toMatch(/所属区划 149999 不存在/);
    const badIndustry = await planner.post('/api/directory-objects', { kind: 'behavior', name: '某行为', industryCode: '9999' });
    expect(badIndustry.status).toBe(400);
    const foreign = await planner.post('/api/directory-objects', { kind: 'behavior', name: '某行为', unitCode: '140525' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('FORBIDDEN_UNIT');
    expect((await readOnly.post('/api/directory-objects', { kind: 'behavior', name: '某行为' })).status).toBe(403);
    expect(await count('directory_object')).toBe(rows);
    expect(await count('audit_log')).toBe(audit);

    const created = await planner.post('/api/directory-objects', { kind: 'behavior', code: 'GP-XW-0001', name: '某网店经营行为' });
    expect(created.status).toBe(200);
    const duplicate = await planner.post('/api/directory-objects', { kind: 'behavior', code: 'gp-xw-0001', name: '另一个行为' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toMatch(/对象编码 GP-XW-0001 已被本单位的行为「某网店经营行为」使用/);
    // The same code is free for another kind and another unit.
    expect((await planner.post('/api/directory-objects', { kind: 'product', code: 'GP-XW-0001', name: '某产品' })).status).toBe(200);
    expect(
      (await planner.post('/api/directory-objects', { kind: 'behavior', code: 'GP-XW-0001', name: '某行为', unitCode: stationCode }))
        .status,
    ).toBe(200);
    const clash = await planner.request('PATCH', `/api/directory-objects/${created.body.id}`, {
      kind: 'product',
      code: 'GP-XW-0001',
      name: '改成产品',
    });
    expect(clash.status).toBe(409);
  });

  it('a sibling county can neither see nor change another county’s object', async () => {
    const gp = await as('gp.planner');
    const created = await gp.post('/api/directory-objects', { kind: 'project', name: '高平某工程' });
    const zz = await as('zz.planner');
    const audit = await count('audit_log');
    const seen = await zz.get(`/api/directory-objects/${created.body.id}`);
    // Answered like a missing object, naming neither the object nor its unit.
    expect(seen.status).toBe(404);
    expect(seen.body.code).toBe('NOT_FOUND');
    expect(seen.body.message).not.toMatch(/高平/);
    const missing = await zz.get('/api/directory-objects/00000000-0000-4000-8000-000000000000');
    expect(missing.body.message).toBe(seen.body.message);
    expect((await zz.request('PATCH', `/api/directory-objects/${created.body.id}`, { kind: 'project', name: '改名' })).status).toBe(404);
    expect((await zz.post(`/api/directory-objects/${created.body.id}/status`, { status: 'inactive', reason: '试图停用' })).status).toBe(
      404,
    );
    expect((await zz.get(`/api/directory-objects?q=${encodeURIComponent('高平某工程')}`)).body.total).toBe(0);
    expect(await count('audit_log')).toBe(audit);
    expect((await gp.get(`/api/directory-objects/${created.body.id}`)).body).toMatchObject({ name: '高平某工程', status: 'active' });
  });

  it('imports all-or-nothing with row errors, dry-run, idempotent re-import, and exports back', async () => {
    const planner = await as('gp.planner');
    const header = '对象类别,对象编码,名称,关联主体统一社会信用代码,管辖单位,所属区划,行业代码,标签,状态\n';
    const good = [
      `产品,XK16-108-77777,导入测试钢丝绳,${gpEntity.uscc},${stationCode},140581,3340,工业产品、生产许可证管理产品,有效`,
      '项目,,导入测试燃气管道工程,,,,4852,压力管道,',
      '行为,,导入测试直播营销,,,,,网络交易；直播带货,停用',
    ].join('\n');
    const rows = await count('directory_object');
    const audit = await count('audit_log');

    const broken = await upload(planner, '对象.csv', header + good + '\n设备,,某设备,91140581MA0XXXXXX,不存在的所,1405,33x,,作废\n');
    expect(broken.status).toBe(422);
    expect(broken.body.code).toBe('UNPROCESSABLE');
    const errors = broken.body.details.errors as Array<{ row: number; column: string; message: string }>;
    expect(new Set(errors.map((e) => e.row))).toEqual(new Set([5]));
    expect(errors.map((e) => e.column).sort()).toEqual(
      ['对象类别', '关联主体统一社会信用代码', '所属区划', '状态', '管辖单位', '行业代码'].sort(),
    );
    expect(broken.body.message).toMatch(/未导入任何数据/);
    expect(await count('directory_object')).toBe(rows);

    const missing = await upload(planner, '对象.csv', '编码,描述\nA,b\n');
    expect(missing.status).toBe(400);
    expect(missing.body.message).toMatch(/表头缺少必填列：对象类别、名称/);
    const dupes = await upload(planner, '对象.csv', header + good + '\n' + good.split('\n')[0]);
    expect(dupes.status).toBe(422);
    expect(dupes.body.details.errors[0].message).toMatch(/与第 2 行的单位、类别和编码都相同/);

    const dry = await upload(planner, '对象.csv', header + good, '?dryRun=true');
    expect(dry.body).toMatchObject({ dryRun: true, total: 3, created: 3, updated: 0 });
    expect(await count('directory_object')).toBe(rows);
    expect(await count('audit_log')).toBe(audit);

    const real = await upload(planner, '对象.csv', header + good);
    expect(real.status, JSON.stringify(real.body)).toBe(200);
    expect(real.body).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(await count('directory_object')).toBe(rows + 3);
    const pipeline = (await planner.get(`/api/directory-objects?q=${encodeURIComponent('导入测试燃气管道工程')}`)).body.items[0];
    expect(parseSystemObjectCode(pipeline.code)).toMatchObject({ kind: 'project', regionCode: '140581', year });
    const live = (await planner.get(`/api/directory-objects?q=${encodeURIComponent('导入测试直播营销')}`)).body.items[0];
    expect(live).toMatchObject({ kind: 'behavior', status: 'inactive', tags: ['网络交易', '直播带货'] });

    // Re-importing the same file (rows without codes match by name) changes nothing.
    const again = await upload(planner, '对象.csv', header + good);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await count('directory_object')).toBe(rows + 3);

    expect((await upload(await as('gp.staff'), '对象.csv', header + good)).status).toBe(403);

    await expectExportRoundTrip(app, planner, { url: '/api/directory-objects', sheet: '其他检查对象', firstColumn: '对象类别' });
  });
  it('the export is named by what it holds: one kind, or every kind including 标准', async () => {
    const planner = await as('gp.planner');
    const fileName = async (query: string) => {
      const response = await app.request(`http://localhost/api/directory-objects/export${query}`, {
        headers: { cookie: planner.sessionCookie! },
      });
      expect(response.status).toBe(200);
      return decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(response.headers.get('content-disposition') ?? '')![1]!);
    };
    expect(await fileName('')).toMatch(/^检查对象名录库-产品项目行为标准-/);
    expect(await fileName('?kind=standard')).toMatch(/^检查对象名录库-标准-/);
  });
});
