// Logins and passwords under attack and bad luck: parallel guessing, one office behind one
// address, a password an administrator chose, weak passwords, wildcards in a search, the same
// account created twice at once. On PGlite and, with DATABASE_URL, on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { migrate } from '../../db/migrate.ts';
import { loadReferenceData } from '../../db/reference-data.ts';
import { loadDemoWithAudit } from '../../demo/installDemo.ts';
import { DEMO_PASSWORD } from '../../demo/accounts.ts';
import { createApp } from '../http/app.ts';
import { loadConfig } from '../config.ts';
import { ApiClient, type ApiResponse } from '../../testing/apiClient.ts';
import { hashPassword } from './password.ts';
import { newAccount } from '../../testing/demoApp.ts';
import { sql } from 'kysely';
import { anchorAuditChains } from '../audit/auditAnchor.ts';

const databases = await openTestDatabases();
const PROXY = '10.0.0.254';

describe.each(databases.map((d) => [d.name, d] as const))('accounts on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;

  beforeAll(async () => {
    await migrate(testDb.database);
    await loadReferenceData(testDb.database);
    await loadDemoWithAudit(testDb.database, { entitiesPerCounty: 50 });
    app = createApp({ database: testDb.database, config: loadConfig({ dataDir: 'memory://', webDir: 'dist/web', trustedProxies: PROXY }, {}) });
  });

  afterAll(() => testDb.dispose());

  async function as(username: string, password = DEMO_PASSWORD, address?: string): Promise<ApiClient> {
    const client = new ApiClient(app, address);
    const response = await client.login(username, password);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return client;
  }

  /** A plain account in 高平 with a known password, not forced to change it. */
  async function account(username: string, password = 'Lan-Shui.2026'): Promise<string> {
    const db = testDb.database.db;
    const user = await db
      .insertInto('app_user')
      .values({ username, display_name: '测试用户', home_unit_code: '140581', password_hash: await hashPassword(password) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('user_role').values({ user_id: user.id, unit_code: '140581', role: 'staff' }).execute();
    return user.id;
  }

  /** A password was checked and found wrong: 401, or the 429 of the failure that set the lock. */
  const checkedAndWrong = (r: ApiResponse) => r.status === 401 || (r.status === 429 && /密码连续错误/.test(r.body.message));

  it('checks at most 5 passwords of one account however many guesses arrive at once, and then refuses the right one', async () => {
    await account('race.target');
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => new ApiClient(app, `10.7.${i}.1`).login('race.target', `Wrong-guess-${i}x`)),
    );
    expect(answers.every((a) => a.status === 401 || a.status === 429)).toBe(true);
    expect(answers.filter(checkedAndWrong).length).toBeLessThanOrEqual(5);
    const right = await new ApiClient(app, '10.7.99.1').login('race.target', 'Lan-Shui.2026');
    expect(right.status).toBe(429);
    expect(right.body.message).toMatch(/分钟后再试/);
  });

  it('a lock is not cleared early by later attempts, successful or not', async () => {
    await account('lock.keeper');
    const client = new ApiClient(app, '10.7.100.1');
    for (let i = 0; i < 5; i += 1) await client.login('lock.keeper', `Wrong-guess-${i}x`);
    const db = testDb.database.db;
    const lockedUntil = async () => (await db.selectFrom('login_throttle').select('locked_until').where('throttle_key', '=', 'user:lock.keeper').executeTakeFirstOrThrow()).locked_until;
    const first = await lockedUntil();
    expect(first).not.toBeNull();
    await Promise.all([client.login('lock.keeper', 'Lan-Shui.2026'), client.login('lock.keeper', 'Wrong-guess-9x')]);
    expect(await lockedUntil()).toEqual(first);
  });

  it('30 failures from one address for other accounts do not lock out the right password from there', async () => {
    const office = '10.7.200.1';
    for (let i = 0; i < 30; i += 1) await new ApiClient(app, office).login(`nobody.${i}`, 'Wrong-guess-1x');
    const colleague = await new ApiClient(app, office).login('gp.planner', DEMO_PASSWORD);
    expect(colleague.status).toBe(200);
  });

  it('behind a trusted proxy, limits apply to the real client address, not to everyone behind the proxy', async () => {
    const via = (address: string) => ({ 'x-forwarded-for': address });
    const attacker = new ApiClient(app, PROXY);
    const statuses: number[] = [];
    for (let i = 0; i < 101; i += 1) {
      statuses.push((await attacker.request('POST', '/api/auth/login', { username: `spray.${i}`, password: 'Wrong-guess-1x' }, via('203.0.113.5'))).status);
    }
    expect(statuses.at(-1)).toBe(429);
    const sameClient = await attacker.request('POST', '/api/auth/login', { username: 'gp.staff', password: DEMO_PASSWORD }, via('203.0.113.5'));
    expect(sameClient.status).toBe(429);
    const other = await new ApiClient(app, PROXY).request('POST', '/api/auth/login', { username: 'gp.staff', password: DEMO_PASSWORD }, via('203.0.113.6'));
    expect(other.status).toBe(200);
  });

  it('throttles the current password of a password change like a login', async () => {
    await account('pw.changer');
    const client = await as('pw.changer', 'Lan-Shui.2026', '10.7.201.1');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await client.post('/api/auth/password', { currentPassword: `Wrong-guess-${i}x`, newPassword: 'Tai-Hang.2027' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const right = await client.post('/api/auth/password', { currentPassword: 'Lan-Shui.2026', newPassword: 'Tai-Hang.2027' });
    expect(right.status).toBe(429);
  });

  it('refuses weak passwords: two character classes, the username inside, a known weak one', async () => {
    await account('pw.weak');
    const client = await as('pw.weak', 'Lan-Shui.2026', '10.7.202.1');
    for (const newPassword of ['aaaaaaaaa1', 'Pw.Weak-2026x', 'P@ssw0rd2026']) {
      const answer = await client.post('/api/auth/password', { currentPassword: 'Lan-Shui.2026', newPassword });
      expect(answer.status, newPassword).toBe(400);
      expect(answer.body.code).toBe('WEAK_PASSWORD');
      expect(answer.body.message).not.toMatch(/[A-Za-z_]{4,}/);
    }
  });

  it('a password an administrator set must be changed before anything else', async () => {
    const admin = await as('gp.admin', DEMO_PASSWORD, '10.7.203.1');
    const created = await admin.post('/api/users', newAccount('gp.first', '首次登录', '140581', 'staff'));
    expect(created.status).toBe(200);
    const user = await as('gp.first', 'Lan-Shui.2026', '10.7.203.2');
    expect((await user.get('/api/auth/me')).body.user.mustChangePassword).toBe(true);
    const refused = await user.get('/api/orgs');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(refused.body.message).toMatch(/修改密码/);
    expect((await user.post('/api/auth/password', { currentPassword: 'Lan-Shui.2026', newPassword: 'Tai-Hang.2027' })).status).toBe(204);
    expect((await user.get('/api/orgs')).status).toBe(200);
    expect((await user.get('/api/auth/me')).body.user.mustChangePassword).toBe(false);

    // An administrator sets it again (forgotten password): sessions end, the change is forced again.
    const reset = await admin.post(`/api/users/${created.body.id}/password`, { newPassword: 'Jin-Cheng.2028', reason: '本人忘记密码' });
    expect(reset.status).toBe(200);
    expect((await user.get('/api/auth/me')).status).toBe(401);
    const again = await as('gp.first', 'Jin-Cheng.2028', '10.7.203.3');
    expect((await again.get('/api/orgs')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const actions = await testDb.database.db.selectFrom('audit_log').select('action').where('object_id', '=', created.body.id).execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['user.create', 'user.password_change', 'user.password_reset']));
  });

  it('matches % and _ in the user search literally', async () => {
    const admin = await as('gp.admin', DEMO_PASSWORD, '10.7.204.1');
    const all = await admin.get('/api/users');
    expect(all.body.total).toBeGreaterThan(0);
    for (const q of ['%', '_', '%25']) {
      const answer = await admin.get(`/api/users?q=${encodeURIComponent(q)}`);
      expect(answer.status).toBe(200);
      expect(answer.body.total, q).toBe(0);
    }
    expect((await admin.get('/api/users?q=gp.')).body.total).toBeGreaterThan(0);
  });

  it('the same username submitted twice at once: one account, the other answer 409', async () => {
    const admin = await as('gp.admin', DEMO_PASSWORD, '10.7.205.1');
    const body = newAccount('gp.twice', '重复提交', '140581', 'staff');
    const answers = await Promise.all([admin.post('/api/users', body), admin.post('/api/users', body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)!.body.message).toMatch(/已存在/);
    const rows = await testDb.database.db.selectFrom('app_user').select('id').where('username', '=', 'gp.twice').execute();
    expect(rows).toHaveLength(1);
  });

  it('the 纪检/审计 role sees each chain head and its anchor; a chain cut after the anchor fails verification', async () => {
    const db = testDb.database.db;
    await anchorAuditChains(db);
    const auditor = await as('gp.auditor', DEMO_PASSWORD, '10.7.206.1');
    const heads = await auditor.get('/api/audit/heads');
    expect(heads.status).toBe(200);
    const gaoping = heads.body.items.find((h: any) => h.unitCode === '140581');
    expect(gaoping.anchor).toMatchObject({ problem: null });
    expect(heads.body.items.every((h: any) => h.unitCode === '140581' || h.unitCode.startsWith('140581-'))).toBe(true);
    expect((await auditor.get('/api/audit/verify')).body).toMatchObject({ ok: true, anchorBroken: null });

    // the last rows of 高平's chain cut by someone who can disable the trigger
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
    await sql`DELETE FROM audit_log WHERE unit_code = '140581' AND seq >= ${gaoping.anchor.seq as number}`.execute(db);
    await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db);
    const verify = await auditor.get('/api/audit/verify');
    expect(verify.body.ok).toBe(false);
    expect(verify.body.firstBroken).toBeNull();
    expect(verify.body.anchorBroken.message).toMatch(/被截短/);
    const after = (await auditor.get('/api/audit/heads')).body.items.find((h: any) => h.unitCode === '140581');
    expect(after.anchor.problem).toMatch(/被截短/);
  });
});
