// 随机抽查事项清单 over the real app and database (PGlite always; PostgreSQL when DATABASE_URL
// is set): import all-or-nothing, issue transitions, claims and unit scope, review after a
// new version, export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { ApiClient } from '../../testing/apiClient.ts';
import { downloadWorkbook, expectRowErrors, loginAs, startDemoApp, uploadAs } from '../../testing/demoApp.ts';
import { loadDemoCheckItems } from '../../demo/checkItems.ts';
import { writeXlsx } from '../files/spreadsheet.ts';
import { EXPORT_COLUMNS } from './exportCheckItems.ts';

const databases = await openTestDatabases();

const HEADER = '序号,事项编码,抽查类别,抽查事项,检查依据,检查对象,检查方式,检查主体,事项类别,检查人员要求,抽查指引';
const csvRow = (code: string, name: string, extra: Partial<{ methods: string; level: string; key: string; basis: string }> = {}) =>
  [
    code.replace(/\D/g, '') || '1',
    code,
    '登记事项检查',
    name,
    extra.basis ?? '《市场主体登记管理条例》第三十六条',
    '企业、个体工商户',
    extra.methods ?? '现场检查、网络检查',
    extra.level ?? '县级以上市场监管部门',
    extra.key ?? '一般检查事项',
    '登记注册',
    `${name}的抽查指引`,
  ].join(',');

describe.each(databases.map((d) => [d.name, d] as const))('随机抽查事项清单 on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;

  beforeAll(async () => {
    app = await startDemoApp(testDb);
    const db = testDb.database.db;
    // The demo loader may or may not include the check-item list yet.
    const existing = await db.selectFrom('check_item_version').select('id').limit(1).execute();
    if (existing.length === 0) await db.transaction().execute((trx) => loadDemoCheckItems(trx));
  });

  afterAll(async () => {
    await testDb.dispose();
  });

  const as = (username: string) => loginAs(app, username);

  const upload = (client: ApiClient, fileName: string, content: string | Buffer, query: string) =>
    uploadAs(app, client, `/api/check-items/versions/import?${query}`, fileName, content);

  const counts = async () => {
    const n = (table: 'check_item_version' | 'check_item' | 'check_item_claim' | 'audit_log') => countRows(testDb.database, table);
    return {
      versions: await n('check_item_version'),
      items: await n('check_item'),
      claims: await n('check_item_claim'),
      audit: await n('audit_log'),
    };
  };

  it('demo: 高平 sees the province 第三版 and the claims it must review after 第三版 replaced 第二版', async () => {
    const gp = await as('gp.planner');
    const versions = (await gp.get('/api/check-items/versions')).body.items;
    const v3 = versions.find((v: any) => v.title.includes('第三版'));
    expect(v3).toMatchObject({ issuingUnitCode: '140000', status: 'issued', versionNo: 2 });
    expect(v3.itemCount).toBeGreaterThanOrEqual(30);
    const review = (await gp.get('/api/check-items/claims/review')).body.items;
    const byCode = Object.fromEntries(review.map((r: any) => [r.itemCode, r]));
    expect(byCode['SX-DJ-90']).toMatchObject({ reason: 'removed', unitCode: '140581' });
    expect(byCode['SX-DJ-01']).toMatchObject({ reason: 'changed', changedFields: ['检查依据'] });
    expect(byCode['SX-WJ-01']).toMatchObject({ reason: 'changed', changedFields: ['检查方式'] });
    expect(Object.keys(byCode).sort()).toEqual(['SX-DJ-01', 'SX-DJ-90', 'SX-JL-03', 'SX-WJ-01']);
    const diff = (await gp.get(`/api/check-items/versions/${v3.id}/diff`)).body.diff;
    expect(diff.added.map((a: any) => a.itemCode).sort()).toEqual(['SX-GS-03', 'SX-WJ-03']);
    expect(diff.removed.map((a: any) => a.itemCode)).toEqual(['SX-DJ-90']);
    // Filters: 特种设备 items done on site, key only.
    const items = await gp.get(
      `/api/check-items/versions/${v3.id}/items?category=${encodeURIComponent('特种设备安全监督检查')}&method=${encodeURIComponent('实地核查')}&key=true`,
    );
    expect(items.status).toBe(200);
    expect(items.body.total).toBeGreaterThan(0);
    expect(items.body.items.every((i: any) => i.category === '特种设备安全监督检查' && i.isKey && i.methods.includes('实地核查'))).toBe(
      true,
    );
    expect(items.body.items.find((i: any) => i.itemCode === 'SX-TS-01').claim).toMatchObject({
      reviewStatus: 'current',
      responsibleOffice: '特种设备股',
    });
  });

  it('a sibling county sees the province list but none of 高平’s claims', async () => {
    const zz = await as('zz.planner');
    const versions = (await zz.get('/api/check-items/versions')).body.items;
    expect(versions.some((v: any) => v.issuingUnitCode === '140000')).toBe(true);
    expect((await zz.get('/api/check-items/claims/review')).body.items).toEqual([]);
    const v3 = versions.find((v: any) => v.title.includes('第三版'));
    const items = await zz.get(`/api/check-items/versions/${v3.id}/items?claimed=true`);
    expect(items.body.total).toBe(0);
  });

  it('rejects a file with bad rows as a whole, naming row, column and value; dry run writes nothing', async () => {
    const jc = await as('jc.planner');
    const before = await counts();
    const bad = [
      HEADER,
      csvRow('JC-1', '名称规范使用情况的检查'),
      csvRow('JC-2', '住所的检查', { methods: '电话询问' }),
      csvRow('JC-1', '重复的事项'),
      csvRow('JC-4', '依据缺失', { basis: '' }),
    ].join('\n');
    const response = await upload(jc, '晋城市清单.csv', bad, `title=${encodeURIComponent('晋城市随机抽查事项清单（第一版）')}`);
    expectRowErrors(response, [
      { rowNumber: 3, column: '检查方式', value: '电话询问' },
      { rowNumber: 4, column: '事项编码', value: 'JC-1' },
      { rowNumber: 5, column: '检查依据' },
    ]);
    expect(response.body.message).toMatch(/3 处错误，未导入任何事项/);
    const wrongHeader = await upload(jc, 'x.csv', '名称,地址\n甲,乙\n', 'title=%E6%B8%85%E5%8D%95');
    expect(wrongHeader.status).toBe(400);
    expect(wrongHeader.body.message).toMatch(/缺少必需的列：抽查类别、抽查事项/);
    const renamed = await upload(jc, 'list.xlsx', 'not a workbook', 'title=%E6%B8%85%E5%8D%95');
    expect(renamed.status).toBe(400);
    expect(renamed.body.code).toBe('BAD_FILE');
    const good = [HEADER, csvRow('JC-1', '名称规范使用情况的检查'), csvRow('JC-2', '住所的检查')].join('\n');
    const dry = await upload(jc, '晋城市清单.csv', good, `title=${encodeURIComponent('晋城市清单')}&dryRun=true`);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, itemCount: 2 });
    expect(await counts()).toEqual(before);
  });

  it('a county cannot issue a list; staff cannot import or claim (nothing written)', async () => {
    const gp = await as('gp.planner');
    const staff = await as('gp.staff');
    const before = await counts();
    const good = [HEADER, csvRow('GP-1', '名称规范使用情况的检查')].join('\n');
    const county = await upload(gp, 'gp.csv', good, 'title=%E9%AB%98%E5%B9%B3%E6%B8%85%E5%8D%95');
    expect(county.status).toBe(403);
    expect(county.body.message).toMatch(/省局或市局/);
    expect((await upload(staff, 'gp.csv', good, 'title=abc')).status).toBe(403);
    const v = (await staff.get('/api/check-items/versions')).body.items[0];
    expect((await staff.post('/api/check-items/claims', { versionId: v.id, itemCodes: ['SX-DJ-01'] })).status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('city list: import (xlsx) → draft → issue; claims by a county; a new version marks changed/removed claims for review', async () => {
    const jc = await as('jc.planner');
    const gp = await as('gp.planner');
    /** Imports a version of the city's list with these items (as .xlsx), under its title. */
    const importVersion = async (fileName: string, title: string, items: Array<{ code: string; name: string; methods: string }>) => {
      const workbook = await writeXlsx([
        {
          name: '清单',
          columns: EXPORT_COLUMNS,
          rows: items.map((i, n) => ({
            seq: n + 1,
            itemCode: i.code,
            category: '价格行为检查',
            name: i.name,
            legalBasis: '《价格法》第十三条',
            target: '经营者',
            methods: i.methods,
            subjectLevel: '县级',
            isKey: '一般',
            guide: '核对价签',
          })),
        },
      ]);
      return upload(jc, fileName, workbook, `title=${encodeURIComponent(title)}`);
    };
    const first = await importVersion('晋城市清单（第一版）.xlsx', '晋城市随机抽查事项清单（第一版）', [
      { code: 'JC-JG-1', name: '明码标价检查', methods: '实地核查' },
      { code: 'JC-JG-2', name: '停车收费检查', methods: '实地核查' },
      { code: 'JC-JG-3', name: '景区门票检查', methods: '实地核查' },
    ]);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const v1 = first.body.versionId;
    // A draft is invisible to lower units and cannot be claimed.
    expect((await gp.get(`/api/check-items/versions/${v1}`)).status).toBe(404);
    expect((await gp.post('/api/check-items/claims', { versionId: v1, itemCodes: ['JC-JG-1'] })).status).toBe(404);

    const issued = await jc.post(`/api/check-items/versions/${v1}/issue`, { issuedOn: '2026-01-05' });
    expect(issued.status).toBe(200);
    const again = await jc.post(`/api/check-items/versions/${v1}/issue`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE');
    // Only the issuing unit (or above) may issue: a unit below reads the list but acting on it
    // gets the one out-of-reach answer, the same as for a made-up id.
    const below = await gp.post(`/api/check-items/versions/${v1}/issue`, {});
    expect(below.status).toBe(404);
    expect(below.body).toEqual((await gp.post('/api/check-items/versions/00000000-0000-4000-8000-000000000000/issue', {})).body);

    const claim = await gp.post('/api/check-items/claims', {
      versionId: v1,
      itemCodes: ['JC-JG-1', 'JC-JG-2', 'JC-JG-3'],
      responsibleOffice: '价格监督检查股',
    });
    expect(claim.status).toBe(200);
    expect((await gp.post('/api/check-items/claims', { versionId: v1, itemCodes: ['NO-SUCH'] })).body.message).toMatch(/NO-SUCH/);
    // The city cannot claim for itself from a county; a county's claims do not show for a sibling.
    const zz = await as('zz.planner');
    const zzItems = await zz.get(`/api/check-items/versions/${v1}/items?claimed=true`);
    expect(zzItems.body.total).toBe(0);
    const unclaim = await gp.post('/api/check-items/claims/remove', { versionId: v1, itemCodes: ['JC-JG-3'] });
    expect(unclaim.body).toEqual({ unclaimed: 1 });

    const second = await importVersion('晋城市清单（第二版）.xlsx', '晋城市随机抽查事项清单（第二版）', [
      { code: 'JC-JG-1', name: '明码标价检查', methods: '实地核查、网络监测' },
      { code: 'JC-JG-3', name: '景区门票检查', methods: '实地核查' },
      { code: 'JC-JG-4', name: '殡葬服务收费检查', methods: '书面检查' },
    ]);
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const v2 = second.body.versionId;
    const diffResponse = await jc.get(`/api/check-items/versions/${v2}/diff`);
    expect(diffResponse.status, JSON.stringify(diffResponse.body)).toBe(200);
    const draftDiff = diffResponse.body.diff;
    expect(draftDiff.removed.map((r: any) => r.itemCode)).toEqual(['JC-JG-2']);
    const issue2 = await jc.post(`/api/check-items/versions/${v2}/issue`, {});
    expect(issue2.status).toBe(200);
    expect(issue2.body).toMatchObject({ previousVersionId: v1, claimsForReview: 2, claimsCarried: 0 });
    // The old version can no longer be claimed from.
    expect((await gp.post('/api/check-items/claims', { versionId: v1, itemCodes: ['JC-JG-3'] })).status).toBe(409);

    const review = (await gp.get('/api/check-items/claims/review')).body.items.filter((r: any) => r.issuingUnitCode === '140500');
    expect(review.map((r: any) => [r.itemCode, r.reason]).sort()).toEqual([
      ['JC-JG-1', 'changed'],
      ['JC-JG-2', 'removed'],
    ]);
    const keepRemoved = await gp.post('/api/check-items/claims/review', {
      issuingUnitCode: '140500',
      itemCodes: ['JC-JG-2'],
      decision: 'keep',
    });
    expect(keepRemoved.status).toBe(409);
    expect(keepRemoved.body.message).toMatch(/只能放弃认领/);
    expect(
      (await gp.post('/api/check-items/claims/review', { issuingUnitCode: '140500', itemCodes: ['JC-JG-2'], decision: 'drop' })).status,
    ).toBe(200);
    expect(
      (await gp.post('/api/check-items/claims/review', { issuingUnitCode: '140500', itemCodes: ['JC-JG-1'], decision: 'keep' })).status,
    ).toBe(200);
    expect((await gp.get('/api/check-items/claims/review')).body.items.filter((r: any) => r.issuingUnitCode === '140500')).toEqual([]);
    const items = (await gp.get(`/api/check-items/versions/${v2}/items`)).body.items;
    expect(items.find((i: any) => i.itemCode === 'JC-JG-1').claim).toMatchObject({ reviewStatus: 'current', versionId: v2 });
    expect(items.find((i: any) => i.itemCode === 'JC-JG-3').claim).toBeNull();

    const actions = (
      await testDb.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('unit_code', 'in', ['140500', '140581'])
        .where('action', 'like', 'check_items.%')
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'check_items.import',
        'check_items.issue',
        'check_items.claim',
        'check_items.unclaim',
        'check_items.review_keep',
        'check_items.review_drop',
      ]),
    );

    // Export with 高平's claim flags, re-readable as a workbook.
    const { response: exported, workbook } = await downloadWorkbook(app, gp, `/api/check-items/versions/${v2}/export`);
    expect(exported.headers.get('content-disposition')).toMatch(/filename\*=UTF-8''/);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('本单位认领');
    const claimCol = header.indexOf('本单位认领') + 1;
    const flags = [2, 3, 4].map((r) => [sheet.getRow(r).getCell(2).text, sheet.getRow(r).getCell(claimCol).text]);
    expect(flags).toEqual([
      ['JC-JG-1', '已认领'],
      ['JC-JG-3', ''],
      ['JC-JG-4', ''],
    ]);
  });

  it('the portal lists the latest issued version of each unit, never a draft', async () => {
    const db = testDb.database.db;
    const rows = await db.selectFrom('check_item_version').select(['id', 'issuing_unit_code', 'version_no', 'status']).execute();
    const latest = new Map<string, { id: string; version_no: number }>();
    for (const r of rows.filter((r) => r.status === 'issued')) {
      const seen = latest.get(r.issuing_unit_code);
      if (!seen || seen.version_no < r.version_no) latest.set(r.issuing_unit_code, r);
    }
    const anon = new ApiClient(app);
    const body = (await anon.get('/api/public/check-items')).body;
    expect(body.versions.map((v: any) => v.id).sort()).toEqual([...latest.values()].map((v) => v.id).sort());
    const drafts = new Set(rows.filter((r) => r.status !== 'issued').map((r) => r.id));
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.some((i: any) => drafts.has(i.versionId))).toBe(false);
    const searched = (await anon.get(`/api/public/check-items?q=${encodeURIComponent('定量包装')}`)).body.items;
    expect(searched.length).toBeGreaterThan(0);
    expect(searched.every((i: any) => `${i.name}${i.category}${i.content}${i.itemCode}`.includes('定量包装'))).toBe(true);
  });
});
