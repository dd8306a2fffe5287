// A member department of joint inspections keeps its own 执法检查人员名录库 on both engines: its
// admin registers its people; the market-regulation bureau above it in the org tree neither lists,
// reads, edits nor exports them (404 naming nobody), nor counts them in its matching pool.
import { beforeAll, describe, expect, it } from 'vitest';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { demoAppPerSuite } from '../../testing/demoApp.ts';
import { directoryUnitsOf } from './directoryUnits.ts';
import { loadScope } from '../access/scope.ts';

const databases = await openTestDatabases();
const DEPARTMENT = '140981-zj';

describe.each(databases.map((d) => [d.name, d] as const))('a member department’s own directory on %s', (_name, testDb: TestDatabase) => {
  const { as } = demoAppPerSuite(testDb);

  beforeAll(async () => {
    const user = await testDb.database.db.selectFrom('app_user').select('id').where('username', '=', 'yp.zj').executeTakeFirstOrThrow();
    await testDb.database.db.insertInto('user_role').values({ user_id: user.id, unit_code: DEPARTMENT, role: 'admin' }).execute();
  });

  const departmentAdmin = async () => {
    const client = await as('yp.zj');
    const switched = await client.post('/api/auth/switch', { unitCode: DEPARTMENT, role: 'admin' });
    expect(switched.status, JSON.stringify(switched.body)).toBe(200);
    return client;
  };

  it('the department registers its people; the bureau above cannot list, read, edit or take them', async () => {
    const zj = await departmentAdmin();
    const created = await zj.post('/api/inspectors', {
      name: '住建测试',
      unitCode: DEPARTMENT,
      category: 'enforcement',
      certNo: '1409819990001',
      certExpiresOn: '2030-12-31',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const own = await zj.get('/api/inspectors?pageSize=200');
    expect(own.body.items.map((i: any) => i.name)).toEqual(['住建测试']);

    const bureau = await as('yp.planner');
    const listed = await bureau.get('/api/inspectors?pageSize=200');
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBeGreaterThan(0);
    expect(listed.body.items.some((i: any) => i.unitCode === DEPARTMENT)).toBe(false);
    const filtered = await bureau.get(`/api/inspectors?pageSize=200&unitCode=${DEPARTMENT}`);
    expect(filtered.body.total).toBe(0);

    const audit = await countRows(testDb.database, 'audit_log');
    const read = await bureau.get(`/api/inspectors/${created.body.id}`);
    const missing = await bureau.get('/api/inspectors/00000000-0000-4000-8000-000000000000');
    expect(read.status).toBe(404);
    expect(read.body.message).toBe(missing.body.message);
    expect(read.body.message).not.toContain('住建测试');
    const edit = await bureau.request('PATCH', `/api/inspectors/${created.body.id}`, {
      name: '改名',
      unitCode: DEPARTMENT,
      category: 'enforcement',
    });
    expect(edit.status).toBe(404);
    expect(edit.body.message).toBe(missing.body.message);
    const recusal = await bureau.post(`/api/inspectors/${created.body.id}/recusals`, {
      kind: 'own_grid',
      relatedRegionCode: '140981',
      reason: '本人负责网格',
      declaredOn: '2025-01-01',
    });
    expect(recusal.status).toBe(404);
    const into = await bureau.post('/api/inspectors', { name: '代登记', unitCode: DEPARTMENT, category: 'enforcement' });
    expect(into.status).toBe(403);
    expect(into.body.code).toBe('FORBIDDEN_UNIT');
    expect(await countRows(testDb.database, 'audit_log')).toBe(audit);
    const after = await zj.get(`/api/inspectors/${created.body.id}`);
    expect(after.body.name).toBe('住建测试');
  });

  it('the bureau’s directory units leave out its member departments, the department keeps its own', async () => {
    const db = testDb.database.db;
    const bureau = await loadScope(db, '140981');
    const kept = await directoryUnitsOf(db, bureau);
    expect(bureau.unitCodes).toContain(DEPARTMENT);
    expect(kept).not.toContain(DEPARTMENT);
    expect(kept).toContain('140981');
    expect(kept.length).toBeGreaterThan(1);
    const department = await loadScope(db, DEPARTMENT);
    expect(await directoryUnitsOf(db, department)).toEqual([DEPARTMENT]);
  });
});
