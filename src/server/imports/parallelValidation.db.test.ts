// An entity import validates a large file on worker threads (validationPool.ts): the same
// summary, the same issues on the same rows, the same entities written, the same refusals as
// when every row is validated in the import's own thread — for a .csv cut into pieces where
// quoted cells hold line breaks, quotes and commas, empty lines, codes that come twice across
// pieces, and for an .xlsx read in batches.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../files/exceljs.ts';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { startDemoApp } from '../../testing/demoApp.ts';
import { makeUscc } from '../../core/uscc/index.ts';
import { readCsvPieces } from '../files/csvPieces.ts';
import { listIssues } from './entityImport.ts';
import { createCountyImportJob, runCountyImport } from '../../testing/countyImport.ts';
import { validationThreads } from './validationPool.ts';

const databases = await openTestDatabases();

const HEADER = '统一社会信用代码,企业名称,主体类别,登记状态,成立日期,住所,法定代表人,管辖单位,行业代码,许可资质,风险分类,风险分类日期';
const code = (n: number) => makeUscc({ authority: '9', type: '1', division: '140581', orgCode8: `W${String(n).padStart(7, '0')}` });
const ROWS = 9000;

/** A file of every kind of row, in CRLF lines: quoted cells over two lines, errors, warnings, twins, empty lines. */
function messyCsv(changed: ReadonlySet<number> = new Set()): string {
  const lines = [HEADER];
  for (let i = 0; i < ROWS; i++) {
    if (i % 113 === 7) lines.push('');
    // A code that came 1,700 rows before (another piece of the file): both rows are errors.
    const uscc = i % 389 === 388 && i >= 1700 ? code(i - 1700) : i % 53 === 5 ? `BAD${i}` : i % 41 === 3 ? code(i).toLowerCase() : code(i);
    const name =
      i % 31 === 0 ? `"高平市""引号""商行${i}\r\n第二行,含逗号"` : `高平市并行校验${i}号商行${changed.has(i) ? '（已改名）' : ''}`;
    const industry = i % 7 === 0 ? '9999' : '5212';
    const status = i % 67 === 9 ? '不知道' : '存续';
    lines.push(
      `${uscc},${name},企业,${status},2020-0${(i % 9) + 1}-15,米山镇,张${i % 10},140581-mishan,${industry},,${'ABCD'[i % 4]},2026-10-01`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

describe.each(databases.map((d) => [d.name, d] as const))('entity import on worker threads on %s', (_name, testDb: TestDatabase) => {
  const db = () => testDb.database.db;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-parallel-'));

  beforeAll(async () => {
    await startDemoApp(testDb);
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await testDb.dispose();
  });

  /** Runs an import of `content`; on worker threads when `workers`, else in the import's own thread. */
  async function run(
    fileName: string,
    content: string | Buffer,
    workers: boolean,
    options = { dryRun: true, validOnly: false },
    fingerprintsLate = false,
  ) {
    const filePath = path.join(dir, `${Math.random().toString(36).slice(2)}-${fileName}`);
    fs.writeFileSync(filePath, content);
    const jobId = await createCountyImportJob(db(), fileName);
    const summary = await runCountyImport(db(), {
      jobId,
      filePath,
      fileName,
      options,
      // Workers from the first row; else never (the file is far below the default threshold).
      parallelFromRows: workers ? 1 : Number.MAX_SAFE_INTEGER,
      fingerprintsLate,
    });
    return { summary, issues: await listIssues(db(), jobId, 1_000_000), filePath };
  }

  it.skipIf(validationThreads(1, 1) === 0)(
    'a .csv in many pieces: the same summary and issues as on one thread, the rows written, and an unchanged re-import',
    async () => {
      const file = messyCsv();
      const here = await run('并行.csv', file, false);
      const pieces = [];
      for await (const piece of readCsvPieces(here.filePath, '并行.csv')) pieces.push(piece);
      expect(pieces.length).toBeGreaterThan(4);
      // What the file holds, counted apart: every kind of row is there.
      expect(here.summary).toMatchObject({ rows: ROWS, dryRun: true });
      expect(here.summary.errorRows).toBeGreaterThan(ROWS / 53 + ROWS / 67);
      expect(here.summary.warningRows).toBeGreaterThan(ROWS / 7);
      expect(here.issues.filter((i) => i.reason.includes('重复')).length).toBeGreaterThan(10);

      const workers = await run('并行.csv', file, true);
      expect(workers.summary).toEqual(here.summary);
      expect(workers.issues).toEqual(here.issues);

      const written = await run('并行.csv', file, true, { dryRun: false, validOnly: true });
      expect(written.summary).toMatchObject({ inserted: here.summary.valid, updated: 0, unchanged: 0, applied: true });
      const quoted = await db().selectFrom('market_entity').select(['name', 'tags']).where('uscc', '=', code(62)).executeTakeFirstOrThrow();
      expect(quoted).toEqual({ name: '高平市"引号"商行62\r\n第二行,含逗号', tags: [] });

      const writing = { dryRun: false, validOnly: true };
      const again = await run('并行.csv', file, true, writing);
      expect(again.summary).toMatchObject({ inserted: 0, updated: 0, unchanged: here.summary.valid, applied: false });
      // The rows compared on the workers (the stored fingerprints came first) or, as if validated
      // before they came, in the import's thread: the same outcome, twins included.
      for (const workers of [true, false]) {
        const late = await run('并行.csv', file, workers, writing, true);
        expect(late.summary).toEqual(again.summary);
        expect(late.issues).toEqual(again.issues);
      }
      const renamed = new Set([10, 2500, 5999]);
      const changed = await run('并行.csv', messyCsv(renamed), true, writing);
      expect(changed.summary).toMatchObject({ inserted: 0, updated: 3, unchanged: here.summary.valid - 3 });
      const back = await run('并行.csv', file, true, writing, true);
      expect(back.summary).toMatchObject({ inserted: 0, updated: 3, unchanged: here.summary.valid - 3 });
    },
    120_000,
  );

  it.skipIf(validationThreads(1, 1) === 0)(
    'an .xlsx in batches: the same summary and issues as on one thread',
    async () => {
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('名录');
      sheet.addRow(HEADER.split(','));
      for (let i = 0; i < 2500; i++)
        sheet.addRow([
          i % 53 === 5 ? `BAD${i}` : code(20_000 + (i % 997 === 996 ? 0 : i)),
          `表格${i}号`,
          '企业',
          '存续',
          '2020-01-01',
          '米山镇',
          '某',
          '140581-mishan',
          i % 7 ? '5212' : '9999',
        ]);
      const content = Buffer.from(await workbook.xlsx.writeBuffer());
      const here = await run('并行.xlsx', content, false);
      expect(here.summary.errorRows).toBeGreaterThan(40);
      const workers = await run('并行.xlsx', content, true);
      expect(workers.summary).toEqual(here.summary);
      expect(workers.issues).toEqual(here.issues);
    },
    60_000,
  );

  it.skipIf(validationThreads(1, 1) === 0)(
    'a cell too long in a later piece is refused with the same message',
    async () => {
      const lines = [HEADER];
      for (let i = 0; i < 3000; i++)
        lines.push(
          `${code(30_000 + i)},${i === 2600 ? 'x'.repeat(40_000) : `长单元格${i}号`},企业,存续,2020-01-01,米山镇,某,140581-mishan,5212,,,`,
        );
      const file = lines.join('\n');
      const here = await run('过长.csv', file, false).then(
        () => null,
        (error: Error) => error.message,
      );
      expect(here).toMatch(/第 \d+.*行.*超过 32767 个字符/);
      const workers = await run('过长.csv', file, true).then(
        () => null,
        (error: Error) => error.message,
      );
      expect(workers).toBe(here);
    },
    60_000,
  );
});
