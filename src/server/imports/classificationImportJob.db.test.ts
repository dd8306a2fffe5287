// 专业领域风险分级导入 as a background job over the real API on both engines: its progress on the
// job, all-or-nothing (a bad row: the job fails naming row and column, its rows listed as issues,
// nothing written), dry run, the audit entry, and the unit scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { ApiClient } from '../../testing/apiClient.ts';
import { loginAs, startDemoApp, uploadAs } from '../../testing/demoApp.ts';
import { createJob, waitForJob } from '../jobs/jobs.ts';
import { writeXlsxStreamed } from '../files/spreadsheet.ts';
import { runClassificationImportJob } from './classificationImportJob.ts';
import ExcelJS from '../files/exceljs.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const databases = await openTestDatabases();

const HEADER = '统一社会信用代码,分级类别,风险等级,评定日期,来源';

describe.each(databases.map((d) => [d.name, d] as const))('专业领域风险分级导入任务 on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;
  let planner: ApiClient;
  let gaoping: string[];
  let outside: string;
  const db = () => testDb.database.db;

  beforeAll(async () => {
    app = await startDemoApp(testDb);
    planner = await loginAs(app, 'gp.planner');
    gaoping = (
      await db()
        .selectFrom('market_entity')
        .select('uscc')
        .where('region_code', '=', '140581')
        .where('reg_status', '=', '存续')
        .orderBy('uscc')
        .limit(200)
        .execute()
    ).map((e) => e.uscc);
    outside = (await db().selectFrom('market_entity').select('uscc').where('region_code', '=', '140525').limit(1).executeTakeFirstOrThrow())
      .uscc;
  });

  afterAll(async () => {
    await testDb.dispose();
  });

  const upload = (client: ApiClient, query: string, content: string | Uint8Array, fileName = '特种设备分级.csv') =>
    uploadAs(app, client, `/api/imports/classifications${query}`, fileName, content, 'text/csv');

  /** Uploads, waits for the background job, returns the job view with its first issues. */
  async function importJob(content: string | Uint8Array, query = '', client = planner, fileName?: string) {
    const started = await upload(client, query, content, fileName);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    await waitForJob(started.body.jobId);
    const view = await client.get(`/api/jobs/${started.body.jobId}`);
    expect(view.status).toBe(200);
    return view.body as { job: any; issues: any[] };
  }

  const stored = () =>
    db()
      .selectFrom('entity_risk_classification')
      .select(['uscc', 'classification', 'risk_class', 'rated_on', 'source'])
      .where('classification', '=', 'specialEquipment')
      .orderBy('uscc')
      .execute();
  const rows = (n: number) =>
    gaoping.slice(0, n).map((uscc, i) => `${uscc},特种设备风险分级,${'ABCD'[i % 4]},2026-03-01,特种设备安全监察系统`);

  it('a bad row fails the job naming its row and column; every bad row is an issue; nothing is written', async () => {
    const before = await stored();
    const audits = await countRows(testDb.database, 'audit_log');
    const file = [
      HEADER,
      ...rows(30),
      `${gaoping[31]},特种设备风险分级,E,,`,
      `${outside},特种设备风险分级,A,,`,
      `${gaoping[32]},烟草风险分级,A,,`,
    ].join('\n');
    const { job, issues } = await importJob(file);
    expect(job.kind).toBe('classification_import');
    expect(job.status).toBe('failed');
    expect(job.errorMessage).toContain('未导入任何数据');
    expect(job.errorMessage).toContain('第 32 行「风险等级」（E）');
    expect(job.summary).toMatchObject({ rows: 33, valid: 30, errorRows: 3, errors: 3, rejected: true, applied: false, inserted: 0 });
    expect(issues.map((i) => [i.rowNumber, i.column, i.level])).toEqual([
      [32, '风险等级', 'error'],
      [33, '统一社会信用代码', 'error'],
      [34, '分级类别', 'error'],
    ]);
    expect(issues[1].reason).toContain('没有该主体');
    // The whole file was read before the refusal: the progress bar reached its end.
    expect([job.progressDone, job.progressTotal]).toEqual([33, 33]);
    expect(await stored()).toEqual(before);
    expect(await countRows(testDb.database, 'audit_log')).toBe(audits);
    const report = await app.request(`http://localhost/api/jobs/${job.id}/error-report`, { headers: { cookie: planner.sessionCookie! } });
    expect(report.status).toBe(200);
  });

  it('a dry run counts without writing; the import writes all rows with one audit entry; a re-import changes nothing', async () => {
    const file = [HEADER, ...rows(30)].join('\n');
    const before = await stored();
    const dry = await importJob(file, '?dryRun=true');
    expect(dry.job.status).toBe('succeeded');
    expect(dry.job.summary).toMatchObject({ dryRun: true, rows: 30, inserted: 30, applied: false, rejected: false });
    expect(await stored()).toEqual(before);

    const done = await importJob(file);
    expect(done.job.status).toBe('succeeded');
    expect(done.job.summary).toMatchObject({ dryRun: false, rows: 30, inserted: 30, updated: 0, unchanged: 0, applied: true });
    expect([done.job.progressDone, done.job.progressTotal]).toEqual([30, 30]);
    const after = await stored();
    expect(after).toHaveLength(30);
    expect(after.find((r) => r.uscc === gaoping[1])).toMatchObject({
      risk_class: 'B',
      rated_on: '2026-03-01',
      source: '特种设备安全监察系统',
    });
    const audit = await db()
      .selectFrom('audit_log')
      .select(['actor_name', 'summary'])
      .where('action', '=', 'entity.risk_classification_import')
      .where('object_id', '=', '特种设备分级.csv')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_name).toBe('申丽娟');
    expect(JSON.stringify(audit[0]!.summary)).toMatch(/"created":30/);

    const again = await importJob(file);
    expect(again.job.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 30, applied: false });
  });

  it('keeps the unit scope and the rights: another county reads “没有该主体”, its job is out of reach of 高平, a reader may not import', async () => {
    const zz = await loginAs(app, 'zz.planner');
    const foreign = await importJob([HEADER, `${gaoping[0]},特种设备风险分级,D,,`].join('\n'), '', zz);
    expect(foreign.job.status).toBe('failed');
    expect(foreign.issues[0].reason).toContain('没有该主体');
    expect((await planner.get(`/api/jobs/${foreign.job.id}`)).status).toBe(404);
    const auditor = await loginAs(app, 'gp.auditor');
    expect((await upload(auditor, '', [HEADER, ...rows(1)].join('\n'))).status).toBe(403);
  });

  it('refuses at once, with no job, a file without the required columns and the option to import only the correct rows', async () => {
    const jobs = await countRows(testDb.database, 'job');
    const missing = await upload(planner, '', '统一社会信用代码,风险等级\nx,A\n');
    expect(missing.status).toBe(400);
    expect(missing.body.message).toContain('分级类别');
    const validOnly = await upload(planner, '?validOnly=true', [HEADER, ...rows(1)].join('\n'));
    expect(validOnly.status).toBe(400);
    expect(validOnly.body.message).toContain('全部行正确才写入');
    expect(await countRows(testDb.database, 'job')).toBe(jobs);
  });

  it('an .xlsx has a progress bar with an end too (the rows its dimension declares)', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('分级');
    for (const line of [HEADER, ...rows(12)]) sheet.addRow(line.split(','));
    const file = new Uint8Array(await workbook.xlsx.writeBuffer());
    const { job } = await importJob(file, '?dryRun=true', planner, '特种设备分级.xlsx');
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    expect(job.summary).toMatchObject({ rows: 12, dryRun: true });
    expect([job.progressDone, job.progressTotal]).toEqual([12, 12]);
  });

  it('an .xlsx that declares no range: the bar follows the bytes of the sheet read, with no count ahead', async () => {
    const entities = gaoping.slice(0, 200);
    const labels = ['特种设备风险分级', '食品生产经营风险分级', '工业产品质量安全风险分级', '药品医疗器械化妆品风险分级'];
    const lines = labels.flatMap((label) => entities.map((uscc, i) => [uscc, label, 'ABCD'[i % 4]!, '2026-03-01', '监管系统']));
    expect(lines.length).toBeGreaterThan(600);
    const filePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-classification-')), '分级.xlsx');
    // The streaming writer writes no <dimension> element.
    fs.writeFileSync(
      filePath,
      await writeXlsxStreamed([
        {
          name: '分级',
          columns: HEADER.split(',').map((header, key) => ({ header, key: String(key) })),
          rows: lines.map((l) => Object.fromEntries(l.map((v, i) => [String(i), v]))),
        },
      ]),
    );
    const fileName = '分级.xlsx';
    const jobId = await createJob(db(), {
      unitCode: '140581',
      kind: 'classification_import',
      fileName,
      fileBytes: fs.statSync(filePath).size,
      options: { dryRun: true },
      createdBy: null,
      createdByName: '申丽娟',
    });
    const reports: { phase: string; done: number; total: number | null }[] = [];
    const summary = await runClassificationImportJob(db(), {
      jobId,
      filePath,
      fileName,
      actor: { userId: null, name: '申丽娟', unitCode: '140581' },
      dryRun: true,
      unknownColumns: [],
      onProgress: (p) => reports.push(p),
    });
    expect(summary).toMatchObject({ rows: lines.length, rejected: false, dryRun: true });
    // Nothing tells the total before a row is read (a count ahead would).
    expect(reports[0]).toEqual({ phase: '读取校验', done: 0, total: null });
    const during = reports.filter((r) => r.phase === '读取校验' && r.done > 0 && r.done < lines.length);
    expect(during.length).toBeGreaterThan(0);
    for (const r of during) expect(r.total, JSON.stringify(r)).toBeGreaterThan(r.done);
    expect(reports.at(-1)).toMatchObject({ done: lines.length, total: lines.length });
  });
});
