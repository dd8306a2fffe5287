// Logins for the people of 执法检查人员名录库, on both engines: an administrator opens accounts for
// several inspectors at once (each must change the initial password, then sees the visits sent
// to that person), links and unlinks a login, and is refused with the reason for a person who
// left, a person already linked, a username taken or repeated — writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { loginAs, startDemoApp } from '../../testing/demoApp.ts';
import { ApiClient } from '../../testing/apiClient.ts';

const databases = await openTestDatabases();
const INITIAL = 'Gp-Init-2026x';

describe.each(databases.map((d) => [d.name, d] as const))('inspector accounts on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;
  let admin: ApiClient;
  let people: { id: string; name: string; unitCode: string }[] = [];

  beforeAll(async () => {
    app = await startDemoApp(testDb);
    admin = await loginAs(app, 'gp.admin');
    const linkable = await admin.request('GET', '/api/users/linkable-inspectors');
    expect(linkable.status, JSON.stringify(linkable.body)).toBe(200);
    people = linkable.body.items;
    expect(people.length).toBeGreaterThan(3);
    expect(people.every((p) => p.unitCode.startsWith('140581'))).toBe(true);
  });
  afterAll(() => testDb.dispose());

  /** Opens logins for these people (each with its username), all with the initial password. */
  const openAccounts = (accounts: { inspectorId: string; username: string }[]) =>
    admin.request('POST', '/api/users/inspector-accounts', { initialPassword: INITIAL, accounts });

  const users = () => countRows(testDb.database, 'app_user');

  it('opens accounts for two inspectors at once; each changes the password first, then sees its own visits', async () => {
    const [a, b] = people;
    const created = await openAccounts([
      { inspectorId: a!.id, username: 'gp.insp.a' },
      { inspectorId: b!.id, username: 'gp.insp.b' },
    ]);
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.created.map((c: { inspectorName: string }) => c.inspectorName)).toEqual([a!.name, b!.name]);

    const client = new ApiClient(app);
    expect((await client.login('gp.insp.a', INITIAL)).status).toBe(200);
    const before = await client.request('GET', '/api/my-visits');
    expect(before.status).toBe(403);
    expect(before.body.message).toMatch(/修改密码|修改初始密码|更改密码/);
    expect((await client.request('POST', '/api/auth/password', { currentPassword: INITIAL, newPassword: 'Insp-New-2026q' })).status).toBe(
      204,
    );
    const mine = await client.request('GET', '/api/my-visits');
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.inspector).toMatchObject({ id: a!.id, name: a!.name });

    const listed = await admin.request('GET', `/api/users?q=gp.insp.a`);
    expect(listed.body.items[0]).toMatchObject({ username: 'gp.insp.a', displayName: a!.name, inspector: { id: a!.id, status: '在岗' } });
    expect(listed.body.items[0].roles).toEqual([expect.objectContaining({ role: 'inspector', unitCode: a!.unitCode })]);
    const after = await admin.request('GET', '/api/users/linkable-inspectors');
    expect(after.body.items.map((p: { id: string }) => p.id)).not.toContain(a!.id);
  });

  it('refuses a batch with a person already linked, a taken or a repeated username, writing nothing', async () => {
    const [a, , c, d] = people;
    const count = await users();
    const again = await openAccounts([
      { inspectorId: c!.id, username: 'gp.insp.c' },
      { inspectorId: a!.id, username: 'gp.insp.a2' },
    ]);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(`${a!.name} 已有登录账号`);
    const taken = await openAccounts([{ inspectorId: c!.id, username: 'gp.admin' }]);
    expect(taken.status).toBe(409);
    expect(taken.body.message).toContain('用户名 gp.admin 已存在');
    const repeated = await openAccounts([
      { inspectorId: c!.id, username: 'gp.insp.x' },
      { inspectorId: d!.id, username: 'gp.insp.x' },
    ]);
    expect(repeated.status).toBe(400);
    expect(repeated.body.message).toContain('出现了两次');
    expect(await users()).toBe(count);
  });

  it('links and unlinks a login; a person who left cannot be linked; unlinking keeps the visits', async () => {
    const db = testDb.database.db;
    const [a, , c, d] = people;
    const account = (await admin.request('GET', '/api/users?q=gp.insp.b')).body.items[0];
    // 焦志强's login is already linked: moving gp.insp.b onto a linked person is refused.
    const linked = await db
      .selectFrom('inspector')
      .select('id')
      .where('user_id', 'is not', null)
      .where('id', '<>', a!.id)
      .where('name', '=', '焦志强')
      .executeTakeFirst();
    if (linked) {
      const busy = await admin.request('PUT', `/api/users/${account.id}/inspector`, { inspectorId: linked.id });
      expect(busy.status).toBe(409);
      expect(busy.body.message).toContain('已关联其他登录账号');
    }
    await db.updateTable('inspector').set({ status: '退休' }).where('id', '=', d!.id).execute();
    const retired = await admin.request('PUT', `/api/users/${account.id}/inspector`, { inspectorId: d!.id });
    expect(retired.status).toBe(409);
    expect(retired.body.message).toContain('退休');

    const moved = await admin.request('PUT', `/api/users/${account.id}/inspector`, { inspectorId: c!.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.inspector).toEqual({ id: c!.id, name: c!.name });
    const unlinked = await admin.request('PUT', `/api/users/${account.id}/inspector`, { inspectorId: null });
    expect(unlinked.body.inspector).toBeNull();
    expect(await db.selectFrom('inspector').select('id').where('user_id', '=', account.id).execute()).toEqual([]);
    const audit = await db.selectFrom('audit_log').select('action').where('object_id', '=', account.id).orderBy('seq').execute();
    expect(audit.map((r) => r.action)).toEqual(['user.create', 'user.linkInspector', 'user.unlinkInspector']);
  });

  it('a person who leaves (调离) loses the 检查人员 role of the login, the login is disabled and its sessions end; the link stays', async () => {
    const db = testDb.database.db;
    const [a] = people;
    const client = new ApiClient(app);
    expect((await client.login('gp.insp.a', 'Insp-New-2026q')).status).toBe(200);
    expect((await client.request('GET', '/api/my-visits')).status).toBe(200);
    const left = await admin.request('POST', `/api/inspectors/${a!.id}/status`, {
      status: '调离',
      since: '2026-01-05',
      note: '调往晋城市局',
    });
    expect(left.status, JSON.stringify(left.body)).toBe(200);
    expect(left.body.loginClosed).toEqual({ disabled: true });
    // The open session ends at once, and the password no longer opens the account.
    expect((await client.request('GET', '/api/my-visits')).status).toBe(401);
    expect((await new ApiClient(app).login('gp.insp.a', 'Insp-New-2026q')).status).not.toBe(200);
    const account = (await admin.request('GET', '/api/users?q=gp.insp.a')).body.items[0];
    expect(account).toMatchObject({ status: 'disabled', roles: [], inspector: { id: a!.id, status: '调离' } });
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('object_id', '=', account.id)
      .orderBy('seq')
      .execute();
    // Written to the chain of the person's unit (the one whose directory changed).
    const closed = audit.filter((r) => r.action === 'user.inspector_left');
    expect(closed).toHaveLength(1);
    expect(JSON.stringify(closed[0]!.summary)).toContain(`执法检查人员${a!.name}已调离`);
  });
});
