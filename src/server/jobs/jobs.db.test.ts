// Jobs interrupted by a server stop are closed at the next start, with nothing half-applied.
import { afterAll, describe, expect, it } from 'vitest';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { migrate } from '../../db/migrate.ts';
import { loadReferenceData } from '../../db/reference-data.ts';
import { createJob, failInterruptedJobs, finishJob, reportJobProgress } from './jobs.ts';
import { verifyAuditChain } from '../audit/verifyAuditChain.ts';

const databases = await openTestDatabases();
afterAll(async () => {
  for (const d of databases) await d.dispose();
});

describe.each(databases.map((d) => [d.name, d] as const))('interrupted jobs on %s', (_name, testDb: TestDatabase) => {
  it('marks queued/running jobs failed, drops their staging rows, leaves finished jobs alone, and audits', async () => {
    const { db } = testDb.database;
    await migrate(testDb.database);
    await loadReferenceData(testDb.database);
    await db
      .insertInto('org_unit')
      .values({ code: '140581', name: '高平市市场监督管理局', short_name: '高平市局', kind: 'province', parent_code: null, path: '140581', region_code: '140581' })
      .execute();
    const base = { unitCode: '140581', kind: 'entity_import' as const, fileName: '名录.xlsx', fileBytes: 10, options: {}, createdBy: null, createdByName: '测试' };
    const running = await createJob(db, base);
    await reportJobProgress(db, running, { phase: 'staging', done: 5, total: 10 });
    const queued = await createJob(db, base);
    const done = await createJob(db, base);
    await finishJob(db, done, { status: 'succeeded', summary: { inserted: 1 } });
    await db.insertInto('entity_import_staging').values({ job_id: running, row_number: 2, uscc: '91140581MA0MYA2P7H' } as never).execute();

    expect(await failInterruptedJobs(db)).toBe(2);
    const jobs = await db.selectFrom('job').select(['id', 'status', 'error_message']).execute();
    const byId = new Map(jobs.map((j) => [j.id, j]));
    expect(byId.get(running)).toMatchObject({ status: 'failed' });
    expect(byId.get(running)!.error_message).toMatch(/重新导入/);
    expect(byId.get(queued)!.status).toBe('failed');
    expect(byId.get(done)!.status).toBe('succeeded');
    expect(await db.selectFrom('entity_import_staging').selectAll().execute()).toEqual([]);
    const audit = await db.selectFrom('audit_log').select('action').where('action', '=', 'job.interrupted').execute();
    expect(audit).toHaveLength(2);
    expect((await verifyAuditChain(db)).ok).toBe(true);
    expect(await failInterruptedJobs(db)).toBe(0);
  });
});
