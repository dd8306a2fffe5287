// 停止公示（信用修复）申请 from the portal over the real app and database (PGlite always;
// PostgreSQL when DATABASE_URL is set): a business applies without a login and reads the state by
// its 回执编号; the unit that keeps the result takes it up and decides; 同意 takes the result off
// the portal at once; a sibling unit gets the 404 that names nobody; every step is audited.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { ApiClient } from '../../testing/apiClient.ts';
import { loginAs, startDemoApp } from '../../testing/demoApp.ts';
import { fixToday } from '../clock.ts';
import { hashPassword } from '../auth/password.ts';

const databases = await openTestDatabases();
const AFTER_PERIOD = '2099-01-05';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
const pdfScan = { fileName: '授权书.pdf', mimeType: 'application/pdf', base64: PDF.toString('base64') };

describe.each(databases.map((d) => [d.name, d] as const))('停止公示申请 on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;
  /** Published 高平 results, one per business, each used by one test. */
  let results: { id: string; uscc: string; entity_name: string; unit_code: string }[] = [];
  let address = 0;
  /** A portal visitor; each gets its own address, so the per-address limit is tested apart. */
  const visitor = () => new ApiClient(app, `10.77.0.${++address}`);
  const db = () => testDb.database.db;

  beforeAll(async () => {
    app = await startDemoApp(testDb);
    // The demo publishes one 高平 result; more businesses get a copy of it (the portal reads the
    // result rows only), each used by one test.
    const model = await db()
      .selectFrom('visit_result')
      .selectAll()
      .where('unit_code', 'like', '140581%')
      .where('published_on', 'is not', null)
      .where('stopped_on', 'is', null)
      .executeTakeFirstOrThrow();
    const entities = await db()
      .selectFrom('market_entity')
      .select(['uscc', 'name'])
      .where('unit_code', 'like', '140581%')
      .where('uscc', '!=', model.uscc)
      .orderBy('uscc')
      .limit(5)
      .execute();
    results = [{ id: model.id, uscc: model.uscc, entity_name: model.entity_name, unit_code: model.unit_code }];
    for (const entity of entities) {
      const { id: _id, created_at: _c, updated_at: _u, ...rest } = model;
      const copy = await db()
        .insertInto('visit_result')
        .values({
          ...rest,
          uscc: entity.uscc,
          entity_name: entity.name,
          record: JSON.stringify(rest.record),
          content: JSON.stringify(rest.content),
          public_content: JSON.stringify(rest.public_content),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      results.push({ id: copy.id, uscc: entity.uscc, entity_name: entity.name, unit_code: model.unit_code });
    }
    expect(results.length).toBeGreaterThanOrEqual(5);
    // A staff login of 泽州 (the sibling county under 晋城).
    const user = await db()
      .insertInto('app_user')
      .values({
        username: 'zz.pubreq',
        display_name: '泽州审核员',
        home_unit_code: '140525',
        password_hash: await hashPassword('Zz-pubreq-2026'),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db().insertInto('user_role').values({ user_id: user.id, unit_code: '140525', role: 'staff' }).execute();
  });

  afterAll(async () => {
    await testDb.dispose();
  });

  afterEach(() => {
    fixToday(null);
  });

  const application = (r: { id: string; uscc: string }, extra: Record<string, unknown> = {}) => ({
    uscc: r.uscc,
    resultIds: [r.id],
    applicantName: '张经理',
    contactPhone: '13912345678',
    reason: '已按要求整改完毕，申请信用修复',
    scan: pdfScan,
    ...extra,
  });
  const count = (table: 'publication_request' | 'audit_log') => countRows(testDb.database, table);
  const auditOf = (objectId: string) =>
    db().selectFrom('audit_log').select(['action', 'actor_name', 'unit_code']).where('object_id', '=', objectId).orderBy('seq').execute();

  it('a business applies on the portal, gets a 回执编号 and reads 已提交 with it; staff see it in the queue', async () => {
    fixToday(AFTER_PERIOD);
    const target = results[0]!;
    const anon = visitor();
    const sent = await anon.post('/api/public/publication-requests', application(target));
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.receipt).toMatch(/^SQ[A-Z2-9]{8}-[A-Z2-9]{16}$/);
    expect(sent.body).toMatchObject({ status: 'submitted', statusText: '已提交', submittedOn: AFTER_PERIOD });
    expect(sent.body.items).toEqual([expect.objectContaining({ resultId: target.id, entityName: target.entity_name })]);

    // Only the digest of the number is stored.
    const row = await db().selectFrom('publication_request').selectAll().where('result_id', '=', target.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ unit_code: target.unit_code, receipt_code: sent.body.receiptCode, status: 'submitted', scan_kind: 'pdf' });
    expect(JSON.stringify(row)).not.toContain(sent.body.receipt);
    expect(Buffer.from(row.scan_content).equals(PDF)).toBe(true);

    // Audited in 高平's chain: the application and the result's own 停止公示 request, by the applicant.
    expect(await auditOf(row.id)).toEqual([
      { action: 'publicationRequest.submit', actor_name: '张经理（企业自助申请）', unit_code: target.unit_code },
    ]);
    expect((await auditOf(target.id)).at(-1)).toEqual({
      action: 'result.stopRequest',
      actor_name: '张经理（企业自助申请）',
      unit_code: target.unit_code,
    });

    // The 回执编号, typed in lower case with spaces, reads the state; nothing else is needed.
    const status = await visitor().post('/api/public/publication-requests/status', { receipt: ` ${sent.body.receipt.toLowerCase()} ` });
    expect(status.status, JSON.stringify(status.body)).toBe(200);
    expect(status.body).toMatchObject({ receiptCode: sent.body.receiptCode, uscc: target.uscc, submittedOn: AFTER_PERIOD });
    expect(status.body.items).toEqual([
      expect.objectContaining({ status: 'submitted', statusText: '已提交', decisionReason: null, decidedOn: null }),
    ]);
    expect(JSON.stringify(status.body)).not.toContain('13912345678');

    // A wrong secret, a made-up number and nonsense get one and the same answer.
    const wrongSecret = await visitor().post('/api/public/publication-requests/status', {
      receipt: `${sent.body.receiptCode}-${'A'.repeat(16)}`,
    });
    const madeUp = await visitor().post('/api/public/publication-requests/status', { receipt: 'SQABCDEFGH-ABCDEFGHJKLMNPQR' });
    const nonsense = await visitor().post('/api/public/publication-requests/status', { receipt: '不是回执' });
    expect(wrongSecret.status).toBe(404);
    expect(madeUp.body).toEqual(wrongSecret.body);
    expect(nonsense.body).toEqual(wrongSecret.body);
    expect(wrongSecret.body.message).toMatch(/没有找到与该回执编号对应的申请/);

    const staff = await loginAs(app, 'gp.staff');
    const queue = await staff.get('/api/publication-requests?status=open');
    expect(queue.status).toBe(200);
    const mine = queue.body.items.find((i: any) => i.resultId === target.id);
    expect(mine).toMatchObject({
      receiptCode: sent.body.receiptCode,
      applicantName: '张经理',
      contactPhone: '13912345678',
      statusText: '已提交',
    });
    const scan = await staff.get(`/api/publication-requests/${mine.id}/scan`);
    expect(scan.status).toBe(200);
    expect(scan.headers.get('content-type')).toBe('application/pdf');
  });

  it('refuses a bad 统一社会信用代码, a disguised, WebP or oversized scan, and a result of another business, writing nothing', async () => {
    fixToday(AFTER_PERIOD);
    const target = results[1]!;
    const before = { requests: await count('publication_request'), audit: await count('audit_log') };
    const anon = visitor();

    const badCode = await anon.post(
      '/api/public/publication-requests',
      application(target, {
        uscc: `${target.uscc.slice(0, 17)}0` === target.uscc ? `${target.uscc.slice(0, 17)}1` : `${target.uscc.slice(0, 17)}0`,
      }),
    );
    expect(badCode.status).toBe(400);
    expect(badCode.body.message).toMatch(/统一社会信用代码/);
    expect(badCode.body.message).not.toMatch(/uscc|[A-Za-z]{6,}/);

    const disguised = await anon.post(
      '/api/public/publication-requests',
      application(target, {
        scan: { fileName: '授权书.pdf', mimeType: 'application/pdf', base64: Buffer.from('<html>x</html>').toString('base64') },
      }),
    );
    expect(disguised.status).toBe(400);
    expect(disguised.body.message).toMatch(/^扫描件“授权书\.pdf”/);

    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
    const webpAnswer = await anon.post(
      '/api/public/publication-requests',
      application(target, { scan: { fileName: '执照.webp', mimeType: 'image/webp', base64: webp.toString('base64') } }),
    );
    expect(webpAnswer.status).toBe(400);
    expect(webpAnswer.body.message).toMatch(/PDF、JPEG/);

    const big = Buffer.alloc(5 * 1024 * 1024 + 10);
    PDF.copy(big);
    const tooBig = await anon.post(
      '/api/public/publication-requests',
      application(target, { scan: { ...pdfScan, base64: big.toString('base64') } }),
    );
    expect([400, 413]).toContain(tooBig.status);
    expect(tooBig.body.message).toMatch(/5 MB/);

    const noScan = await anon.post('/api/public/publication-requests', application(target, { scan: undefined }));
    expect(noScan.status).toBe(400);
    expect(noScan.body.message).toMatch(/扫描件/);

    const otherBusiness = results[2]!;
    const foreign = await anon.post('/api/public/publication-requests', application(target, { resultIds: [otherBusiness.id] }));
    expect(foreign.status).toBe(404);
    expect(foreign.body.message).toMatch(/不是该统一社会信用代码的已公示结果/);

    const badPhone = await anon.post('/api/public/publication-requests', application(target, { contactPhone: '12' }));
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.message).toMatch(/联系电话/);

    expect({ requests: await count('publication_request'), audit: await count('audit_log') }).toEqual(before);
  });

  it('refuses an application before the 公示期 has passed, and a second one while the first is pending (409)', async () => {
    const target = results[1]!;
    // The day after its publication: the 公示期 has not passed.
    const published = await db().selectFrom('visit_result').select('published_on').where('id', '=', target.id).executeTakeFirstOrThrow();
    const dayAfter = new Date(`${published.published_on!}T00:00:00Z`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    fixToday(dayAfter.toISOString().slice(0, 10));
    const early = await visitor().post('/api/public/publication-requests', application(target));
    expect(early.status).toBe(409);
    expect(early.body.message).toMatch(/公示满 \d+ 个月/);

    fixToday(AFTER_PERIOD);
    expect((await visitor().post('/api/public/publication-requests', application(target))).status).toBe(200);
    const again = await visitor().post('/api/public/publication-requests', application(target, { applicantName: '李会计' }));
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/正在审核，请等待审核结果后再申请/);
    const rows = await db().selectFrom('publication_request').select('status').where('result_id', '=', target.id).execute();
    expect(rows).toEqual([{ status: 'submitted' }]);
  });

  it('staff take it up (审核中) and approve: the result is gone from the portal search and entity page at once', async () => {
    fixToday(AFTER_PERIOD);
    const target = results[0]!;
    const staff = await loginAs(app, 'gp.staff');
    const anon = visitor();
    const item = (await staff.get('/api/publication-requests?status=open')).body.items.find((i: any) => i.resultId === target.id);
    const receipt = await db().selectFrom('publication_request').select('receipt_code').where('id', '=', item.id).executeTakeFirstOrThrow();
    expect(receipt.receipt_code).toBe(item.receiptCode);

    // The portal answers are cached: read them first, so the approval must invalidate them.
    const searchBefore = await anon.get(`/api/public/results?q=${target.uscc}`);
    expect(searchBefore.body.items.map((i: any) => i.id)).toContain(target.id);
    const entityBefore = await anon.get(`/api/public/entities/${target.uscc}`);
    expect(entityBefore.body.results.map((i: any) => i.id)).toContain(target.id);

    const takenUp = await staff.post(`/api/publication-requests/${item.id}/take-up`);
    expect(takenUp.body).toMatchObject({ status: 'reviewing', statusText: '审核中' });
    expect((await staff.post(`/api/publication-requests/${item.id}/take-up`)).status).toBe(409);

    const short = await staff.post(`/api/publication-requests/${item.id}/decision`, { approve: true, reason: '好' });
    expect(short.status).toBe(400);
    expect(short.body.message).toMatch(/审核理由/);

    const approved = await staff.post(`/api/publication-requests/${item.id}/decision`, {
      approve: true,
      reason: '公示期满且已整改，同意停止公示',
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', statusText: '已同意', stoppedOn: AFTER_PERIOD });

    const searchAfter = await anon.get(`/api/public/results?q=${target.uscc}`);
    expect(searchAfter.body.items.map((i: any) => i.id)).not.toContain(target.id);
    const entityAfter = await anon.get(`/api/public/entities/${target.uscc}`);
    if (entityAfter.status === 200) expect(entityAfter.body.results.map((i: any) => i.id)).not.toContain(target.id);
    else expect(entityAfter.status).toBe(404);

    expect((await staff.post(`/api/publication-requests/${item.id}/decision`, { approve: false, reason: '再次审核试试' })).status).toBe(
      409,
    );
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual([
      'publicationRequest.submit',
      'publicationRequest.takeUp',
      'publicationRequest.approve',
    ]);
    expect((await auditOf(target.id)).at(-1)).toMatchObject({
      action: 'result.stopApproved',
      actor_name: expect.not.stringContaining('企业'),
    });
  });

  it('the business reads 已同意 with the decision and its date by the 回执编号', async () => {
    fixToday(AFTER_PERIOD);
    const target = results[3]!;
    const sent = await visitor().post('/api/public/publication-requests', application(target));
    const staff = await loginAs(app, 'gp.staff');
    const item = (await staff.get('/api/publication-requests?status=open')).body.items.find((i: any) => i.resultId === target.id);
    expect((await staff.post(`/api/publication-requests/${item.id}/decision`, { approve: true, reason: '同意停止公示' })).status).toBe(200);
    const status = await visitor().post('/api/public/publication-requests/status', { receipt: sent.body.receipt });
    expect(status.body.items).toEqual([
      expect.objectContaining({ status: 'approved', statusText: '已同意', decisionReason: '同意停止公示', decidedOn: AFTER_PERIOD }),
    ]);
  });

  it('驳回 with a reason: the result stays public, the business reads why, and may apply again', async () => {
    fixToday(AFTER_PERIOD);
    const target = results[1]!; // its application is pending from the duplicate test
    const staff = await loginAs(app, 'gp.staff');
    const item = (await staff.get('/api/publication-requests?status=open')).body.items.find((i: any) => i.resultId === target.id);
    const rejected = await staff.post(`/api/publication-requests/${item.id}/decision`, {
      approve: false,
      reason: '扫描件不清晰，请重新上传授权书',
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', statusText: '已驳回', stoppedOn: null });
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual(['publicationRequest.submit', 'publicationRequest.reject']);
    expect((await visitor().get(`/api/public/results?q=${target.uscc}`)).body.items.map((i: any) => i.id)).toContain(target.id);
    const detail = await staff.get(`/api/publication-requests/${item.id}`);
    expect(detail.body).toMatchObject({
      status: 'rejected',
      decisionReason: '扫描件不清晰，请重新上传授权书',
      result: { stoppedOn: null },
    });
    expect((await visitor().post('/api/public/publication-requests', application(target))).status).toBe(200);
  });

  it('a decision on the result screen closes the business’s application with the same decision', async () => {
    fixToday(AFTER_PERIOD);
    const target = results[4]!;
    const sent = await visitor().post('/api/public/publication-requests', application(target));
    expect(sent.status).toBe(200);
    const staff = await loginAs(app, 'gp.staff');
    expect((await staff.post(`/api/results/${target.id}/stop-requests/decision`, { approve: false, reason: '尚未完成整改' })).status).toBe(
      200,
    );
    const status = await visitor().post('/api/public/publication-requests/status', { receipt: sent.body.receipt });
    expect(status.body.items[0]).toMatchObject({ status: 'rejected', decisionReason: '尚未完成整改' });
  });

  it('a sibling county gets the 404 that names nobody; its queue does not list 高平’s applications', async () => {
    const staff = await loginAs(app, 'gp.staff');
    const item = (await staff.get('/api/publication-requests')).body.items[0];
    const zz = new ApiClient(app, '10.9.9.9');
    expect((await zz.login('zz.pubreq', 'Zz-pubreq-2026')).status).toBe(200);
    const theirs = await zz.get(`/api/publication-requests/${item.id}`);
    const none = await zz.get('/api/publication-requests/00000000-0000-4000-8000-000000000000');
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(none.body);
    expect(JSON.stringify(theirs.body)).not.toMatch(/高平|张经理/);
    expect((await zz.post(`/api/publication-requests/${item.id}/decision`, { approve: true, reason: '越权审核试试' })).status).toBe(404);
    expect((await zz.get('/api/publication-requests')).body.items).toEqual([]);
    // The city above 高平 reaches it.
    const city = await loginAs(app, 'jc.leader');
    expect((await city.get(`/api/publication-requests/${item.id}`)).status).toBe(200);
  });

  it('limits submissions per address (429 in Chinese); other addresses are not affected', async () => {
    fixToday(AFTER_PERIOD);
    const target = results[2]!;
    const flood = visitor();
    const bad = application(target, {
      scan: { fileName: 'x.pdf', mimeType: 'application/pdf', base64: Buffer.from('nope').toString('base64') },
    });
    for (let i = 0; i < 10; i++) expect((await flood.post('/api/public/publication-requests', bad)).status).toBe(400);
    const stopped = await flood.post('/api/public/publication-requests', application(target));
    expect(stopped.status).toBe(429);
    expect(stopped.body.message).toMatch(/过于频繁，请 \d+ 分钟后再试/);
    expect((await visitor().post('/api/public/publication-requests', application(target))).status).toBe(200);
  });
});
