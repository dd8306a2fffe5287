// 执法检查人员名录库 API on both engines: scope, CRUD with audit, drawability, 回避, import/export.
import { beforeAll, describe, expect, it } from 'vitest';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import type { ApiClient } from '../../testing/apiClient.ts';
import {
  demoAppPerSuite,
  expectExportRoundTrip,
  expectRowErrors,
  firstStationUnder,
  someEntityIn,
  uploadAs,
} from '../../testing/demoApp.ts';
import { inspectorDrawability } from '../../core/inspectors/drawability.ts';
import { todayInChina } from '../clock.ts';
import { loadDemoRecusals } from '../../demo/recusals.ts';

const databases = await openTestDatabases();

describe.each(databases.map((d) => [d.name, d] as const))('inspector directory on %s', (_name, testDb: TestDatabase) => {
  const { app, as } = demoAppPerSuite(testDb);
  let gpEntity: string;
  let stationCode: string;

  beforeAll(async () => {
    gpEntity = await someEntityIn(testDb, '140581');
    stationCode = await firstStationUnder(testDb, '140581');
  });

  /** Registers a 执法人员 in the 高平 station; the fields given are added or override. */
  const register = (client: ApiClient, fields: Record<string, unknown>) =>
    client.post('/api/inspectors', { unitCode: stationCode, category: 'enforcement', ...fields });

  const count = (table: 'audit_log' | 'inspector' | 'inspector_recusal') => countRows(testDb.database, table);

  const upload = (client: ApiClient, fileName: string, content: Buffer | string, query = '') =>
    uploadAs(app(), client, `/api/inspectors/import${query}`, fileName, content);

  it('lists only inspectors of the unit and below; drawable filter agrees with the pure rule', async () => {
    const gp = await as('gp.staff');
    const all = await gp.get('/api/inspectors?pageSize=200');
    expect(all.status).toBe(200);
    expect(all.body.total).toBeGreaterThan(50);
    expect(all.body.items.every((i: any) => i.unitCode === '140581' || i.unitCode.startsWith('140581-'))).toBe(true);
    const yes = await gp.get('/api/inspectors?pageSize=200&drawable=yes');
    const no = await gp.get('/api/inspectors?pageSize=200&drawable=no');
    expect(yes.body.total + no.body.total).toBe(all.body.total);
    expect(no.body.total).toBeGreaterThan(0);
    const today = todayInChina();
    for (const item of [...yes.body.items, ...no.body.items]) {
      expect(item.drawable).toBe(inspectorDrawability(item, today).drawable);
    }
    expect(yes.body.items.every((i: any) => i.drawable)).toBe(true);
    expect(no.body.items.every((i: any) => !i.drawable && /^不可抽取：/.test(i.notDrawableReason))).toBe(true);
    const food = await gp.get('/api/inspectors?pageSize=200&specialty=' + encodeURIComponent('食品安全'));
    expect(food.body.total).toBeGreaterThan(0);
    expect(food.body.items.every((i: any) => i.specialties.includes('食品安全') || i.qualifications.includes('食品安全'))).toBe(true);

    const zz = await as('zz.planner');
    const zzList = await zz.get('/api/inspectors?pageSize=200');
    expect(zzList.body.items.some((i: any) => i.unitCode.startsWith('140581'))).toBe(false);
    // Outside the caller's units a person answers like a missing one, naming neither unit nor person.
    const denied = await zz.get(`/api/inspectors/${all.body.items[0].id}`);
    expect(denied.status).toBe(404);
    expect(denied.body.code).toBe('NOT_FOUND');
    expect(denied.body.message).not.toContain(all.body.items[0].unitName);
    expect(denied.body.message).not.toContain(all.body.items[0].name);
    const missing = await zz.get('/api/inspectors/00000000-0000-4000-8000-000000000000');
    expect(missing.body.message).toBe(denied.body.message);
  });

  it('creates, updates (audit with before/after) and changes status; an expired certificate is not drawable', async () => {
    const planner = await as('gp.planner');
    const auditBefore = await count('audit_log');
    const bad = await register(planner, { name: '', certExpiresOn: '2025-13-01' });
    expect(bad.status).toBe(400);
    const foreign = await register(planner, { name: '张测试', unitCode: '140525' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.code).toBe('FORBIDDEN_UNIT');
    expect(await count('audit_log')).toBe(auditBefore);

    const created = await register(planner, {
      name: '张测试',
      certNo: '1405819999001',
      certExpiresOn: '2025-03-01',
      specialties: ['食品安全'],
      qualifications: ['行政执法证'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const id = created.body.id;
    const detail = await planner.get(`/api/inspectors/${id}`);
    expect(detail.body).toMatchObject({
      name: '张测试',
      drawable: false,
      notDrawableReason: '不可抽取：执法证已过期（2025-03-01）',
      regionCode: '140581',
      status: '在岗',
    });

    const duplicate = await register(planner, { name: '李重复', certNo: '1405819999001' });
    expect(duplicate.status).toBe(409);

    const updated = await planner.request('PATCH', `/api/inspectors/${id}`, {
      name: '张测试',
      unitCode: stationCode,
      category: 'enforcement',
      certNo: '1405819999001',
      certExpiresOn: '2030-12-31',
      specialties: ['食品安全'],
      qualifications: ['行政执法证'],
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.changed).toEqual(['certExpiresOn']);
    expect((await planner.get(`/api/inspectors/${id}`)).body.drawable).toBe(true);
    const audit = await testDb.database.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('object_id', '=', id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['inspector.create', 'inspector.update']);
    expect(audit[1]!.summary).toEqual({ before: { certExpiresOn: '2025-03-01' }, after: { certExpiresOn: '2030-12-31' } });

    const future = await planner.post(`/api/inspectors/${id}/status`, { status: '调离', since: '2999-01-01' });
    expect(future.status).toBe(400);
    const moved = await planner.post(`/api/inspectors/${id}/status`, { status: '调离', since: '2026-01-15', note: '调往泽州县局' });
    expect(moved.status).toBe(200);
    const after = (await planner.get(`/api/inspectors/${id}`)).body;
    expect(after).toMatchObject({
      status: '调离',
      statusSince: '2026-01-15',
      drawable: false,
      notDrawableReason: '不可抽取：已调离（2026-01-15）',
    });
    expect((await planner.post(`/api/inspectors/${id}/status`, { status: '调离', since: '2026-01-15' })).status).toBe(409);

    const staff = await as('gp.staff');
    expect((await staff.post('/api/inspectors', { name: '王', unitCode: stationCode, category: 'expert' })).status).toBe(403);
  });

  it('records a 回避 declaration, refuses a bad USCC without writing, and ends it instead of deleting', async () => {
    const planner = await as('gp.planner');
    const person = (await planner.get('/api/inspectors?drawable=yes&pageSize=1')).body.items[0];
    const before = await count('inspector_recusal');
    const badCode = gpEntity.slice(0, 17) + (gpEntity[17] === '0' ? '1' : '0');
    const bad = await planner.post(`/api/inspectors/${person.id}/recusals`, {
      kind: 'relative_business',
      uscc: badCode,
      reason: '配偶经营',
      declaredOn: '2026-11-01',
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/校验|检验/);
    const noArea = await planner.post(`/api/inspectors/${person.id}/recusals`, {
      kind: 'own_grid',
      reason: '本人负责网格',
      declaredOn: '2026-11-01',
    });
    expect(noArea.status).toBe(400);
    expect(await count('inspector_recusal')).toBe(before);

    const ok = await planner.post(`/api/inspectors/${person.id}/recusals`, {
      kind: 'entity',
      uscc: gpEntity,
      reason: '曾在该企业任职',
      declaredOn: '2026-11-01',
      validUntil: '2027-12-31',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const grid = await planner.post(`/api/inspectors/${person.id}/recusals`, {
      kind: 'own_grid',
      relatedUnitCode: stationCode,
      reason: '本人包片网格',
      declaredOn: '2026-11-01',
    });
    expect(grid.status, JSON.stringify(grid.body)).toBe(200);
    let detail = (await planner.get(`/api/inspectors/${person.id}`)).body;
    const declared = detail.recusals.find((r: any) => r.id === ok.body.id);
    expect(declared).toMatchObject({
      kind: 'entity',
      kindLabel: '特定市场主体',
      uscc: gpEntity,
      reason: '曾在该企业任职',
      recordedBy: expect.any(String),
      active: true,
    });
    expect(declared.relatedName).toBeTruthy();

    const ended = await planner.post(`/api/inspectors/recusals/${ok.body.id}/end`, {
      endedOn: '2026-11-20',
      endReason: '已离开该企业满三年',
    });
    expect(ended.status).toBe(200);
    detail = (await planner.get(`/api/inspectors/${person.id}`)).body;
    expect(detail.recusals.find((r: any) => r.id === ok.body.id)).toMatchObject({ endedOn: '2026-11-20', active: false });
    expect((await planner.post(`/api/inspectors/recusals/${ok.body.id}/end`, { endedOn: '2026-11-21', endReason: 'x' })).status).toBe(409);
    expect(await count('inspector_recusal')).toBe(before + 2);
    const actions = await testDb.database.db.selectFrom('audit_log').select('action').where('object_id', '=', ok.body.id).execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['inspector.recusal.create', 'inspector.recusal.end']);

    // Moving the person to another unit of the county carries the declarations along (the unit
    // is part of both rows' keys; on Citus it is the distribution column).
    const target = detail.unitCode === stationCode ? '140581' : stationCode;
    const moved = await planner.request('PATCH', `/api/inspectors/${person.id}`, {
      name: detail.name,
      gender: detail.gender,
      unitCode: target,
      category: detail.category,
      certNo: detail.certNo,
      certExpiresOn: detail.certExpiresOn,
      position: detail.position,
      specialties: detail.specialties,
      qualifications: detail.qualifications,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.changed).toEqual(['unitCode']);
    const after = (await planner.get(`/api/inspectors/${person.id}`)).body;
    expect(after.unitCode).toBe(target);
    expect(after.recusals.map((r: any) => r.id).sort()).toEqual(detail.recusals.map((r: any) => r.id).sort());
    const stored = await testDb.database.db
      .selectFrom('inspector_recusal')
      .select('unit_code')
      .where('inspector_id', '=', person.id)
      .execute();
    expect(new Set(stored.map((r) => r.unit_code))).toEqual(new Set([target]));

    const zz = await as('zz.planner');
    expect((await zz.post(`/api/inspectors/recusals/${grid.body.id}/end`, { endedOn: '2026-11-20', endReason: '越权' })).status).toBe(404);
  });

  it('imports all-or-nothing with row errors, supports dry-run, upserts by 执法证号 and exports back', async () => {
    const planner = await as('gp.planner');
    const header = '姓名,单位,性别,类别,执法证号,执法证有效期,岗位/层级,业务专长,执法资质,状态,状态日期\n';
    const good = [
      `赵导入,${stationCode},男,执法人员,1405818888001,2028-06-30,一级科员,食品安全、计量,行政执法证,,`,
      `钱导入,${stationCode},女,专业技术人员,,,工程师,特种设备,特种设备检验员,,`,
    ].join('\n');
    const inspectorsBefore = await count('inspector');
    const auditBefore = await count('audit_log');

    const broken = await upload(planner, '人员.csv', header + good + `\n孙错误,不存在的所,男,执法人员,1405818888003,2028-02-30,,,,退休,\n`);
    expectRowErrors(broken, [
      { row: 4, column: '单位', value: '不存在的所' },
      { row: 4, column: '执法证有效期', value: '2028-02-30' },
      { row: 4, column: '状态日期' },
    ]);
    expect(broken.body.message).toMatch(/未导入任何数据/);
    expect(await count('inspector')).toBe(inspectorsBefore);

    const missingColumn = await upload(planner, '人员.csv', '姓名,性别\n赵,男\n');
    expect(missingColumn.status).toBe(400);
    expect(missingColumn.body.message).toMatch(/单位、类别/);

    const dry = await upload(planner, '人员.csv', header + good, '?dryRun=true');
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, total: 2, created: 2, updated: 0 });
    expect(await count('inspector')).toBe(inspectorsBefore);
    expect(await count('audit_log')).toBe(auditBefore);

    const real = await upload(planner, '人员.csv', header + good);
    expect(real.body).toMatchObject({ dryRun: false, created: 2, updated: 0, unchanged: 0 });
    expect(await count('inspector')).toBe(inspectorsBefore + 2);
    const again = await upload(planner, '人员.csv', header + good);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const renewed = good
      .replace('2028-06-30', '2029-06-30')
      .replace('钱导入,' + stationCode + ',女,专业技术人员,,,工程师', '钱导入,' + stationCode + ',女,专业技术人员,,,高级工程师');
    const update = await upload(planner, '人员.csv', header + renewed);
    expect(update.body).toMatchObject({ created: 0, updated: 2 });
    const zhao = (await planner.get('/api/inspectors?q=' + encodeURIComponent('赵导入'))).body.items[0];
    expect(zhao).toMatchObject({ certExpiresOn: '2029-06-30', specialties: ['食品安全', '计量'], drawable: true });

    const duplicateRows = await upload(planner, '人员.csv', header + good + '\n' + good.split('\n')[0]);
    expect(duplicateRows.status).toBe(422);
    expect(duplicateRows.body.details.errors[0]).toMatchObject({ row: 4, column: '执法证号' });

    const renamed = await upload(planner, '人员.xlsx', 'not a spreadsheet at all');
    expect(renamed.status).toBe(400);
    expect(renamed.body.code).toBe('BAD_FILE');

    const staff = await as('gp.staff');
    expect((await upload(staff, '人员.csv', header + good)).status).toBe(403);

    // The export lists every person and is also a valid import: re-importing it changes nothing.
    await expectExportRoundTrip(app(), planner, { url: '/api/inspectors', sheet: '执法检查人员', firstColumn: '姓名' });
  });

  it('loadDemoRecusals writes the same valid declarations for 高平 inspectors against 高平 entities every time', async () => {
    const db = testDb.database.db;
    const snapshot = () =>
      db
        .selectFrom('inspector_recusal')
        .select(['inspector_id', 'kind', 'uscc', 'related_unit_code', 'reason', 'declared_on', 'ended_on'])
        .orderBy('inspector_id')
        .orderBy('kind')
        .orderBy('declared_on')
        .execute();
    await db.deleteFrom('inspector_recusal').execute();
    const first = await db.transaction().execute((trx) => loadDemoRecusals(trx));
    const rows = await snapshot();
    expect(first).toBeGreaterThan(10);
    expect(rows).toHaveLength(first);
    expect(new Set(rows.map((r) => r.kind)).size).toBe(4);
    const gpEntities = new Set(
      (await db.selectFrom('market_entity').select('uscc').where('region_code', '=', '140581').execute()).map((e) => e.uscc),
    );
    expect(rows.filter((r) => r.uscc).every((r) => gpEntities.has(r.uscc!))).toBe(true);
    const owners = await db
      .selectFrom('inspector_recusal as r')
      .innerJoin('inspector as p', (j) => j.onRef('p.id', '=', 'r.inspector_id'))
      .select('p.unit_code')
      .execute();
    expect(owners.every((o) => o.unit_code.startsWith('140581'))).toBe(true);
    await db.deleteFrom('inspector_recusal').execute();
    await db.transaction().execute((trx) => loadDemoRecusals(trx));
    expect(await snapshot()).toEqual(rows);
  });
});
