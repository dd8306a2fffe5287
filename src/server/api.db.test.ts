// API integration tests: the real app over a real database (PGlite always; PostgreSQL too
// when DATABASE_URL is set), with the demo org tree and accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Hono } from 'hono';
import { countRows, openTestDatabases, type TestDatabase } from '../db/testDatabase.ts';
import { ApiClient } from '../testing/apiClient.ts';
import { loginAs, newAccount, someEntityIn, startDemoApp } from '../testing/demoApp.ts';
import { DEMO_PASSWORD } from '../demo/accounts.ts';
import { allRoutes } from './routes.ts';
import { policy } from '../core/access/policy.ts';
import { roles } from '../core/glossary.ts';
import { verifyAuditChain } from './audit/verifyAuditChain.ts';
import { gpAccount } from './attacks/routeCallers.ts';

const databases = await openTestDatabases();

describe.each(databases.map((d) => [d.name, d] as const))('API on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;
  let gpEntity: string;
  let zzEntity: string;

  beforeAll(async () => {
    app = await startDemoApp(testDb);
    gpEntity = await someEntityIn(testDb, '140581');
    zzEntity = await someEntityIn(testDb, '140525');
  });

  afterAll(async () => {
    await testDb.dispose();
  });

  const as = (username: string, address?: string) => loginAs(app, username, address);

  const auditCount = () => countRows(testDb.database, 'audit_log');

  describe('login, session, logout', () => {
    it('logs in with a session cookie that is HttpOnly and SameSite=Strict, and returns the assignments', async () => {
      const client = new ApiClient(app);
      const response = await client.login('gp.planner', DEMO_PASSWORD);
      expect(response.status).toBe(200);
      expect(response.setCookie).toMatch(/ssj_session=/);
      expect(response.setCookie).toMatch(/HttpOnly/i);
      expect(response.setCookie).toMatch(/SameSite=Strict/i);
      expect(response.setCookie).not.toMatch(/Secure/);
      expect(response.body.active.role).toBe('planner');
      expect(response.body.active.unitCode).toBe('140581');
      const me = await client.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.username).toBe('gp.planner');
    });

    it('sets the Secure flag when the request came over TLS', async () => {
      const client = new ApiClient(app);
      const response = await client.request(
        'POST',
        '/api/auth/login',
        { username: 'gp.leader', password: DEMO_PASSWORD },
        { 'x-forwarded-proto': 'https' },
      );
      expect(response.status).toBe(200);
      expect(response.setCookie).toMatch(/Secure/);
    });

    it('refuses a wrong password with 401 and a Chinese message, writing no session', async () => {
      const before = await countRows(testDb.database, 'user_session');
      const client = new ApiClient(app, '10.9.9.1');
      const response = await client.login('gp.staff', 'wrong-password-1');
      expect(response.status).toBe(401);
      expect(response.body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect(response.body.message).toMatch(/用户名或密码错误/);
      expect(response.setCookie).toBeNull();
      expect(await countRows(testDb.database, 'user_session')).toBe(before);
    });

    it('gives the same answer for an unknown user as for a wrong password', async () => {
      const response = await new ApiClient(app, '10.9.9.2').login('no.such.user', 'whatever-123');
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('INVALID_CREDENTIALS');
    });

    it('locks an account after 5 failures, even with the right password, and audits the lock', async () => {
      const client = new ApiClient(app, '10.9.9.3');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) statuses.push((await client.login('yp.planner', `bad-password-${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
      const locked = await client.login('yp.planner', DEMO_PASSWORD);
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('TOO_MANY_ATTEMPTS');
      expect(locked.body.message).toMatch(/分钟后再试/);
      const lockRow = await testDb.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.locked').executeTakeFirst();
      expect(lockRow).toBeDefined();
    });

    it('rejects requests without a session (401) and after logout', async () => {
      const anonymous = new ApiClient(app);
      const response = await anonymous.get('/api/orgs');
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录。', details: null });

      const client = await as('gp.leader');
      const cookie = client.sessionCookie;
      expect((await client.post('/api/auth/logout')).status).toBe(204);
      const replay = new ApiClient(app);
      replay.sessionCookie = cookie;
      expect((await replay.get('/api/auth/me')).status).toBe(401);
    });

    it('reports an expired session as SESSION_EXPIRED', async () => {
      const client = await as('gp.auditor');
      await testDb.database.db
        .updateTable('user_session')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .execute();
      const response = await client.get('/api/auth/me');
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('SESSION_EXPIRED');
      expect(response.body.message).toMatch(/登录已过期/);
    });

    it('changes the password, ends other sessions, and audits without the secret', async () => {
      const first = await as('gp.inspector');
      const second = await as('gp.inspector');
      const weak = await first.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body.code).toBe('WEAK_PASSWORD');
      const wrong = await first.post('/api/auth/password', { currentPassword: 'not-it-12345', newPassword: 'NewPassword2026' });
      expect(wrong.status).toBe(401);
      const ok = await first.post('/api/auth/password', { currentPassword: DEMO_PASSWORD, newPassword: 'NewPassword2026' });
      expect(ok.status).toBe(204);
      expect((await second.get('/api/auth/me')).status).toBe(401);
      expect((await first.get('/api/auth/me')).status).toBe(200);
      expect((await new ApiClient(app).login('gp.inspector', 'NewPassword2026')).status).toBe(200);
      const rows = await testDb.database.db
        .selectFrom('audit_log')
        .select(['summary'])
        .where('action', '=', 'user.password_change')
        .execute();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows[0]!.summary)).not.toMatch(/NewPassword2026/);
      // restore for other tests
      expect((await first.post('/api/auth/password', { currentPassword: 'NewPassword2026', newPassword: DEMO_PASSWORD })).status).toBe(204);
    });

    it('switches to another assignment of the same user only', async () => {
      const client = await as('gp.multi');
      const me = await client.get('/api/auth/me');
      expect(me.body.assignments.length).toBeGreaterThan(1);
      // A login opens on the role that may change the most (信用监管 before the read-only 领导).
      expect(me.body.active.role).toBe('planner');
      const other = me.body.assignments.find((a: any) => a.role !== me.body.active.role || a.unitCode !== me.body.active.unitCode);
      const switched = await client.post('/api/auth/switch', { unitCode: other.unitCode, role: other.role });
      expect(switched.status).toBe(200);
      expect(switched.body.active).toMatchObject({ unitCode: other.unitCode, role: other.role });
      const denied = await client.post('/api/auth/switch', { unitCode: '140000', role: 'admin' });
      expect(denied.status).toBe(403);
      expect(denied.body.code).toBe('FORBIDDEN_UNIT');
    });
  });

  describe('bad input', () => {
    it('rejects a malformed JSON body with 400 INVALID_JSON', async () => {
      const response = await new ApiClient(app).request('POST', '/api/auth/login', '{"username": "gp.admin", ', {
        'content-type': 'application/json',
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_JSON');
      expect(response.body.message).toMatch(/JSON/);
    });

    it('rejects missing fields with 400 and names each field', async () => {
      const response = await new ApiClient(app).post('/api/auth/login', { username: 'gp.admin' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.issues.map((i: any) => i.path)).toContain('password');
    });

    it('rejects a 10 MB body with 413 before reading it, writing nothing', async () => {
      const client = await as('gp.admin');
      const before = await auditCount();
      const big = JSON.stringify({ parentCode: '140581', code: 'big-unit', name: 'x'.repeat(10 * 1024 * 1024), kind: 'office' });
      const response = await client.post('/api/orgs', big);
      expect(response.status).toBe(413);
      expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
      expect(await auditCount()).toBe(before);
      expect(
        await testDb.database.db.selectFrom('org_unit').select('code').where('code', '=', 'big-unit').executeTakeFirst(),
      ).toBeUndefined();
    });

    it('rejects an unknown unit with 404 and the same message as a unit out of reach', async () => {
      const client = await as('gp.admin');
      const response = await client.get('/api/orgs/999999');
      expect(response.status).toBe(404);
      expect(response.body.message).toBe((await client.get('/api/orgs/140525')).body.message);
    });

    it('answers unknown API paths with 404 in the error shape', async () => {
      const response = await new ApiClient(app).get('/api/nothing-here');
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ code: 'NOT_FOUND' });
    });

    it('marks every API answer, success or error, as not to be cached', async () => {
      const client = await as('gp.planner');
      for (const response of [
        await client.get('/api/auth/me'),
        await client.get('/api/entities?pageSize=1'),
        await client.get('/api/orgs/999999'),
        await new ApiClient(app).get('/api/nothing-here'),
      ]) {
        expect(response.headers.get('cache-control'), String(response.status)).toBe('no-store');
      }
    });

    it('serves an OpenAPI description listing every route', async () => {
      const response = await new ApiClient(app).get('/api/docs');
      expect(response.status).toBe(200);
      expect(response.body.openapi).toBe('3.1.0');
      for (const route of allRoutes) {
        const p = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        expect(response.body.paths[p]?.[route.method], `${route.method} ${route.path}`).toBeDefined();
      }
    });
  });

  describe('org-tree scoping', () => {
    it('a county sees itself and its sub-units, not its parent or siblings', async () => {
      const client = await as('gp.planner');
      const orgs = await client.get('/api/orgs');
      const codes: string[] = orgs.body.items.map((u: any) => u.code);
      expect(codes).toContain('140581');
      expect(codes.some((c) => c.startsWith('140581-'))).toBe(true);
      expect(codes).not.toContain('140500');
      expect(codes).not.toContain('140525');
      expect(codes).not.toContain('140981');
      const sibling = await client.get('/api/orgs/140525');
      expect(sibling.status).toBe(404);
      expect(sibling.body.message).not.toMatch(/泽州|140525/);
      expect((await client.get('/api/orgs/140500')).status).toBe(404);
    });

    it('a city sees its counties; the province sees everything', async () => {
      const city = await as('jc.leader');
      const codes: string[] = (await city.get('/api/orgs')).body.items.map((u: any) => u.code);
      expect(codes).toEqual(expect.arrayContaining(['140500', '140581', '140525']));
      expect(codes).not.toContain('140900');
      const province = await as('sx.admin');
      const all: string[] = (await province.get('/api/orgs')).body.items.map((u: any) => u.code);
      expect(all).toEqual(expect.arrayContaining(['140000', '140500', '140900', '140981']));
    });

    it('entities: own county visible, sibling county forbidden', async () => {
      const client = await as('gp.staff');
      const list = await client.get('/api/entities?pageSize=200');
      expect(list.status).toBe(200);
      expect(list.body.total).toBeGreaterThan(0);
      expect(list.body.items.every((e: any) => e.regionCode === '140581')).toBe(true);
      expect((await client.get(`/api/entities/${gpEntity}`)).status).toBe(200);
      const denied = await client.get(`/api/entities/${zzEntity}`);
      expect(denied.status).toBe(404);
      expect(denied.body.code).toBe('NOT_FOUND');
      const byUnit = await client.get('/api/entities?unitCode=140525');
      expect(byUnit.status).toBe(403);
      const city = await as('jc.leader');
      expect((await city.get(`/api/entities/${zzEntity}`)).status).toBe(200);
    });

    it('the 检查记录 of an entity: each visit in reach with draw, task, unit, state, result and publication; none across units', async () => {
      const db = testDb.database.db;
      const ours = await db
        .selectFrom('visit')
        .select(['object_id', 'draw_id'])
        .where('task_code', '=', '140581-2025-013')
        .where('replaced_by', 'is', null)
        .orderBy('object_id')
        .execute();
      // Preferably one this task alone visited (the city's 市抽县查 task may visit 特种设备 users too).
      const others = new Set(
        (await db.selectFrom('visit').select('object_id').where('task_code', '<>', '140581-2025-013').execute()).map((v) => v.object_id),
      );
      const drawn = ours.find((v) => !others.has(v.object_id)) ?? ours[0]!;
      const visitsOf = (items: any[]) => items.filter((v) => v.drawCode === '140581-2025-013-1');
      const staff = await as('gp.staff');
      const own = await staff.get(`/api/entities/${drawn.object_id}/inspections`);
      expect(own.status).toBe(200);
      expect(visitsOf(own.body.items)).toHaveLength(1);
      const [visit] = visitsOf(own.body.items);
      expect(visit).toMatchObject({
        drawCode: '140581-2025-013-1',
        taskCode: '140581-2025-013',
        year: 2025,
        inspectingUnitName: '高平市市场监督管理局',
        stateText: '已公示',
      });
      expect(visit.taskName).toMatch(/特种设备/);
      expect(visit.checkedOn).toMatch(/^2025-/);
      expect(visit.publicationText).toMatch(/^已公示（2025-\d\d-\d\d）$/);
      expect(visit.resultText.length).toBeGreaterThan(0);
      // The city above sees it; a sibling county learns nothing about the business.
      expect(visitsOf((await (await as('jc.leader')).get(`/api/entities/${drawn.object_id}/inspections`)).body.items)).toHaveLength(1);
      const sibling = await as('zz.planner');
      const denied = await sibling.get(`/api/entities/${drawn.object_id}/inspections`);
      expect(denied.status).toBe(404);
      expect(denied.body.code).toBe('NOT_FOUND');
      // A business never drawn has an empty record.
      const never = await db
        .selectFrom('market_entity')
        .select('uscc')
        .where('region_code', '=', '140581')
        .where('uscc', 'not in', db.selectFrom('visit').select('object_id'))
        .executeTakeFirstOrThrow();
      expect((await staff.get(`/api/entities/${never.uscc}/inspections`)).body.items).toEqual([]);
      // Handed to 泽州, the business is in 泽州's reach but 高平's visit of it is not; 高平 now gets the 404.
      const entity = await db
        .selectFrom('market_entity')
        .select(['region_code', 'unit_code'])
        .where('uscc', '=', drawn.object_id)
        .executeTakeFirstOrThrow();
      const moveTo = (unit: string) =>
        db
          .updateTable('market_entity')
          .set({ unit_code: unit })
          .where('region_code', '=', entity.region_code)
          .where('uscc', '=', drawn.object_id)
          .execute();
      await moveTo('140525');
      try {
        const moved = await sibling.get(`/api/entities/${drawn.object_id}/inspections`);
        expect(moved.status).toBe(200);
        expect(moved.body.items).toEqual([]);
        expect((await staff.get(`/api/entities/${drawn.object_id}/inspections`)).status).toBe(404);
      } finally {
        await moveTo(entity.unit_code);
      }
    });

    it('the 检查记录 of an entity leaves out a 其他检查对象 whose own code equals its 统一社会信用代码', async () => {
      const db = testDb.database.db;
      const drawn = await db
        .selectFrom('visit')
        .select(['object_id', 'draw_id'])
        .where('task_code', '=', '140581-2025-013')
        .where('object_kind', 'is', null)
        .executeTakeFirstOrThrow();
      // A product under the same code as the business, in another draw's visits inspected by 高平.
      const other = await db
        .selectFrom('draw')
        .select(['unit_code', 'id', 'draw_code'])
        .where('id', 'not in', db.selectFrom('visit').select('draw_id').where('object_id', '=', drawn.object_id))
        .orderBy('draw_code')
        .executeTakeFirstOrThrow();
      const staff = await as('gp.staff');
      const before = (await staff.get(`/api/entities/${drawn.object_id}/inspections`)).body.items;
      expect(before.length).toBeGreaterThan(0);
      await db
        .insertInto('visit')
        .values({
          draw_unit_code: other.unit_code,
          draw_id: other.id,
          object_id: drawn.object_id,
          task_code: '140581-2025-099',
          year: 2025,
          groups: ['g'],
          items: ['产品质量'],
          object_name: '同码产品',
          object_kind: 'product',
          inspecting_unit_code: '140581',
        })
        .execute();
      const result = await db
        .insertInto('visit_result')
        .values({
          unit_code: '140581',
          draw_unit_code: other.unit_code,
          draw_id: other.id,
          task_code: '140581-2025-099',
          year: 2025,
          uscc: drawn.object_id,
          entity_name: '同码产品',
          object_kind: 'product',
          status: 'published',
          record: JSON.stringify({}),
          content: JSON.stringify({ validated: { categories: ['productUnqualified'] } }),
          checked_on: '2025-12-01',
          published_on: '2025-12-02',
          created_by_name: '测试',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      try {
        const after = (await staff.get(`/api/entities/${drawn.object_id}/inspections`)).body.items;
        expect(after).toEqual(before);
        expect(after.map((i: any) => i.drawCode)).not.toContain(other.draw_code);
      } finally {
        await db.deleteFrom('visit_result').where('unit_code', '=', '140581').where('id', '=', result.id).execute();
        await db
          .deleteFrom('visit')
          .where('draw_unit_code', '=', other.unit_code)
          .where('draw_id', '=', other.id)
          .where('object_id', '=', drawn.object_id)
          .execute();
      }
    });

    it('inspectors, users and audit rows are limited to the unit subtree', async () => {
      const admin = await as('gp.admin');
      const inspectors = await admin.get('/api/inspectors?pageSize=200');
      expect(inspectors.body.total).toBeGreaterThanOrEqual(150);
      expect(inspectors.body.items.every((p: any) => p.unitCode === '140581' || p.unitCode.startsWith('140581-'))).toBe(true);
      const users = await admin.get('/api/users?pageSize=200');
      expect(users.body.items.every((u: any) => u.homeUnitCode === '140581' || u.homeUnitCode.startsWith('140581-'))).toBe(true);
      const audit = await admin.get('/api/audit?pageSize=200');
      expect(audit.body.items.every((a: any) => a.unitCode === '140581' || a.unitCode.startsWith('140581-'))).toBe(true);
    });

    it('audit rows read in Chinese: action, actor and unit, object by name, changed fields before → after', async () => {
      const auditor = await as('gp.auditor');
      const audit = await auditor.get('/api/audit?pageSize=200');
      expect(audit.status).toBe(200);
      const items: any[] = audit.body.items;
      // Every row the demo writes has a Chinese action name and every field of its summary a label.
      expect(items.filter((a) => a.actionName === '其他操作' || a.objectText.startsWith('其他对象')).map((a) => a.action)).toEqual([]);
      expect(items.filter((a) => a.unlabelled > 0).map((a) => [a.action, a.summary])).toEqual([]);
      const publish = items.find((a) => a.action === 'plan.publish');
      expect(publish).toMatchObject({
        actionName: '发布计划',
        unitName: '高平市市场监督管理局',
        objectText: '抽查计划 · 2025年度抽查计划',
      });
      expect(publish.changes).toContainEqual({ label: '状态', before: '草稿', after: '已发布' });
      const ceremony = items.find((a) => a.action === 'draw.ceremony');
      expect(ceremony.objectText).toBe('抽取 · 140581-2025-013-1');
      expect(ceremony.changes).toContainEqual({ label: '见证人', before: null, after: '张某（纪检监察员）' });
      const submitted = items.find((a) => a.action === 'result.submit');
      expect(submitted.changes).toEqual([{ label: '状态', before: '草稿', after: '待审核' }]);
      expect(submitted.objectText).toMatch(/^检查结果 · .+/);
      expect(submitted.objectText).not.toMatch(/[0-9a-f]{8}-/);
      // The raw record stays for auditors.
      expect(submitted.summary).toEqual({ before: { status: 'draft' }, after: { status: 'pendingReview' } });
    });

    it('an admin cannot create a unit under a sibling, nor a user in one; nothing is written', async () => {
      const admin = await as('gp.admin');
      const before = await auditCount();
      const unit = await admin.post('/api/orgs', { parentCode: '140525', code: '140525-test', name: '测试股', kind: 'office' });
      expect(unit.status).toBe(404);
      const user = await admin.post('/api/users', newAccount('zz.intruder', '测试', '140525', 'planner'));
      expect(user.status).toBe(404);
      expect(await auditCount()).toBe(before);
    });

    it('a new 县级 unit is its own division: its GB/T 2260 code, checked against the parent city', async () => {
      const admin = await as('sx.admin');
      const before = await auditCount();
      const refused = async (parentCode: string, code: string, kind: string, message: string) => {
        const answer = await admin.post('/api/orgs', { parentCode, code, name: '阳城县市场监督管理局', kind });
        expect(answer.status).toBe(400);
        expect(answer.body.message).toContain(message);
      };
      await refused('140500', '140981', 'county', '不在上级单位的区划');
      await refused('140500', '140500-yc', 'county', '6 位行政区划代码');
      await refused('140000', '140522', 'city', '与单位类型「市级」不符');
      expect(await auditCount()).toBe(before);
      const created = await admin.post('/api/orgs', { parentCode: '140500', code: '140522', name: '阳城县市场监督管理局', kind: 'county' });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ code: '140522', regionCode: '140522', parentCode: '140500' });
      const office = await admin.post('/api/orgs', {
        parentCode: '140522',
        code: '140522-xyjg',
        name: '阳城县市场监督管理局信用监管股',
        kind: 'office',
      });
      expect(office.body.regionCode).toBe('140522');
    });

    it('an admin creates a sub-unit and a user in scope, audited', async () => {
      const admin = await as('gp.admin');
      const unit = await admin.post('/api/orgs', { parentCode: '140581', code: '140581-testgs', name: '测试股', kind: 'office' });
      expect(unit.status).toBe(200);
      expect(unit.body.path).toMatch(/\.140581\.140581-testgs$/);
      const user = await admin.post('/api/users', newAccount('gp.newbie', '新同事', '140581-testgs', 'staff'));
      expect(user.status).toBe(200);
      expect((await new ApiClient(app).login('gp.newbie', 'Lan-Shui.2026')).status).toBe(200);
      const actions = (await testDb.database.db.selectFrom('audit_log').select('action').where('unit_code', '=', '140581').execute()).map(
        (r) => r.action,
      );
      expect(actions).toEqual(expect.arrayContaining(['org.create', 'user.create']));
    });
  });

  describe('endpoint × role authorization (every route, every role)', () => {
    // Path parameters get plausible values: a real unit and entity, otherwise a well-formed id
    // that matches nothing (so an authorized call ends in 404/400 and writes nothing).
    const samplePath = (routePath: string) =>
      routePath.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) =>
        name === 'code' || name === 'unitCode' ? '140581' : name === 'uscc' ? gpEntity : '00000000-0000-4000-8000-000000000000',
      );
    const guarded = allRoutes.filter((r) => r.auth.kind !== 'public');
    it.each(roles.map((role) => [role]))('role %s', async (role) => {
      const client = await as(gpAccount[role]);
      const before = await auditCount();
      for (const route of guarded) {
        if (route.path === '/api/auth/logout' || route.path === '/api/auth/switch' || route.path === '/api/auth/password') continue;
        const path = samplePath(route.path);
        // An empty body: an authorized caller gets past authorization and fails validation (400),
        // so nothing is written either way.
        // An upload gets an empty body of a type it accepts (refused as empty, 400).
        const response = route.upload
          ? await client.request(route.method.toUpperCase(), path, '', { 'content-type': 'application/octet-stream' })
          : await client.request(route.method.toUpperCase(), path, route.method === 'get' ? undefined : {});
        let allowed = true;
        if (route.auth.kind === 'module') {
          const granted = policy[role][route.auth.module];
          allowed = granted === 'write' || (granted === 'read' && route.auth.access === 'read');
        }
        if (allowed) {
          expect([200, 400, 404], `${role} ${route.method} ${route.path}: ${JSON.stringify(response.body)}`).toContain(response.status);
        } else {
          expect(response.status, `${role} ${route.method} ${route.path}`).toBe(403);
          expect(response.body.code).toBe('FORBIDDEN_ROLE');
          expect(response.body.message).toMatch(/无权/);
        }
      }
      // Only the login itself was audited.
      expect(await auditCount()).toBe(before);
    });

    it('no guarded route answers without a session', async () => {
      const anonymous = new ApiClient(app);
      for (const route of guarded) {
        const path = samplePath(route.path);
        const response = await anonymous.request(route.method.toUpperCase(), path, route.method === 'get' ? undefined : {});
        expect(response.status, `${route.method} ${route.path}`).toBe(401);
      }
    });
  });

  describe('audit chain', () => {
    it('is intact after all the activity above, and names the altered row after a manual SQL edit', async () => {
      const db = testDb.database.db;
      const intact = await verifyAuditChain(db);
      expect(intact.ok).toBe(true);
      expect(intact.checked).toBeGreaterThan(5);
      // A login row of 高平's own chain, so the county admin's verify below must see the break.
      const victim = await db
        .selectFrom('audit_log')
        .select(['unit_code', 'seq'])
        .where('action', '=', 'user.login')
        .where('unit_code', '=', '140581')
        .orderBy('seq')
        .limit(1)
        .executeTakeFirstOrThrow();
      await expect(
        sql`UPDATE audit_log SET actor_name = 'x' WHERE unit_code = ${victim.unit_code} AND seq = ${victim.seq}`.execute(db),
      ).rejects.toThrow(/append-only/);
      await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
      await sql`UPDATE audit_log SET actor_name = '篡改者' WHERE unit_code = ${victim.unit_code} AND seq = ${victim.seq}`.execute(db);
      await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db);
      const broken = await verifyAuditChain(db);
      expect(broken.ok).toBe(false);
      expect(broken.firstBroken).toMatchObject({ reason: 'row_hash_mismatch', unitCode: victim.unit_code, seq: Number(victim.seq) });
      const admin = await as('gp.admin');
      const api = await admin.get('/api/audit/verify');
      expect(api.body.ok).toBe(false);
      expect(api.body.firstBroken).toMatchObject({ unitCode: '140581', seq: Number(victim.seq) });
    });
  });
});
