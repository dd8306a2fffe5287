// The standing attack suite, the file part: every file of the malformed-file corpus posted to the
// import endpoints is refused within seconds with a Chinese message, nothing is written, and no
// temporary folder is left behind. Also: the cap on concurrent imports answers 请稍后再试.
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { loginAs, startDemoApp } from '../../testing/demoApp.ts';
import type { ApiClient } from '../../testing/apiClient.ts';
import { waitForJob } from '../jobs/jobs.ts';
import { MAX_CONCURRENT_IMPORTS, takeImportSlot } from '../files/importSlots.ts';
import { renamedAndMisencoded, truncatedWorkbooks, zipBombs, type CorpusFile } from './fileCorpus.ts';

const databases = await openTestDatabases();
const bombs = zipBombs();
const truncated = await truncatedWorkbooks(12);
const renamed = renamedAndMisencoded();

/** Latin words allowed in a message: file formats and units, never code or field names. */
const ALLOWED_LATIN = new Set(['Excel', 'xlsx', 'xls', 'csv', 'tsv', 'CSV', 'MB', 'ZIP', 'ZIP64', 'Office', 'docx']);

function ownTempDirs(): string[] {
  return fs.readdirSync(os.tmpdir()).filter((n) => new RegExp(`^ssj-(upload|job)-${process.pid}-`).test(n));
}

describe.each(databases.map((d) => [d.name, d] as const))('malformed files on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;
  let planner: ApiClient;

  beforeAll(async () => {
    app = await startDemoApp(testDb);
    planner = await loginAs(app, 'gp.planner');
  }, 120_000);

  afterAll(async () => {
    await testDb.dispose();
  });

  const tables = ['market_entity', 'entity_risk_classification', 'inspector', 'directory_object', 'audit_log', 'entity_import_staging'] as const;
  const snapshot = async () =>
    Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await countRows(testDb.database, t)] as const)));

  async function post(path: string, file: CorpusFile) {
    const response = await app.request(`http://localhost${path}`, {
      method: 'POST',
      headers: {
        cookie: planner.sessionCookie ?? '',
        'x-file-name': encodeURIComponent(file.fileName),
        'content-type': 'application/octet-stream',
      },
      body: new Uint8Array(file.bytes),
    });
    return { status: response.status, body: (await response.json()) as { code?: string; message?: string; jobId?: string } };
  }

  /** The refusal: a 4xx at once, or (an import run as a job, file passed the first check) a failed job. */
  async function refusal(path: string, file: CorpusFile): Promise<{ status: number; message: string }> {
    const answer = await post(path, file);
    if (answer.status === 200 && answer.body.jobId) {
      await waitForJob(answer.body.jobId);
      const job = await planner.get(`/api/jobs/${answer.body.jobId}`);
      return { status: job.body.job.status === 'failed' ? 400 : 200, message: job.body.job.errorMessage ?? '' };
    }
    return { status: answer.status, message: answer.body.message ?? '' };
  }

  function expectClearChinese(message: string, file: CorpusFile) {
    expect(message).toMatch(/[\u4e00-\u9fff]{4,}/);
    const words = message.replaceAll(file.fileName, '').match(/[A-Za-z][A-Za-z0-9]{2,}/g) ?? [];
    expect(
      words.filter((w) => !ALLOWED_LATIN.has(w)),
      message,
    ).toEqual([]);
  }

  const endpoints = ['/api/imports/entities', '/api/imports/classifications', '/api/inspectors/import', '/api/directory-objects/import'];
  const everyFile = [...bombs, ...truncated, ...renamed];

  it.each(endpoints)(
    '%s refuses every malformed file quickly, clearly, writing nothing and leaving no temporary folder',
    async (path) => {
      const before = await snapshot();
      // The slow bombs (a lying size is found only by decompressing up to the limit) once per engine.
      const files = path === endpoints[0] ? everyFile : everyFile.filter((f) => !f.label.includes('declared small'));
      for (const file of files) {
        const started = Date.now();
        const { status, message } = await refusal(path, file);
        const elapsed = Date.now() - started;
        expect(status, `${file.label}: ${message}`).toBeGreaterThanOrEqual(400);
        expect(status, `${file.label}: ${message}`).toBeLessThan(500);
        expect(elapsed, file.label).toBeLessThan(15_000);
        expectClearChinese(message, file);
      }
      expect(await snapshot()).toEqual(before);
      expect(ownTempDirs()).toEqual([]);
    },
    180_000,
  );

  it('answers 请稍后再试 when the server already reads its maximum of imports, and accepts again once one ends', async () => {
    const frees = Array.from({ length: MAX_CONCURRENT_IMPORTS }, () => takeImportSlot());
    const file = renamed.find((f) => f.label === 'PDF renamed .xlsx')!;
    try {
      const busy = await post('/api/inspectors/import', file);
      expect(busy.status).toBe(503);
      expect(busy.body.code).toBe('SERVER_BUSY');
      expect(busy.body.message).toContain('请稍后再试');
    } finally {
      frees.forEach((free) => free());
    }
    const again = await post('/api/inspectors/import', file);
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('BAD_FILE');
    expect(ownTempDirs()).toEqual([]);
  });
});
