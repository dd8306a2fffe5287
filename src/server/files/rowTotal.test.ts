import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { declaredDataRows, declaredFileRows, ProgressTotal, worksheetParts } from './rowTotal.ts';
import { readSpreadsheetRows, writeXlsx, writeXlsxStreamed, type SheetReadProgress } from './spreadsheet.ts';
import { checkXlsxArchive } from './xlsxLimits.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-rowtotal-'));

const sheet = (rows: number) => ({
  name: '名录',
  columns: [
    { header: '统一社会信用代码', key: 'uscc' },
    { header: '名称', key: 'name' },
  ],
  rows: Array.from({ length: rows }, (_, i) => ({ uscc: `91140581MA0${String(i).padStart(7, '0')}`, name: `高平市示例商贸有限公司${i}` })),
});

/** Reads the file as an import does and gives every (done, total) pair it would report. */
async function readWithTotals(filePath: string, fileName: string) {
  const declared = await declaredFileRows(filePath, fileName);
  const bytes: SheetReadProgress = { bytesRead: 0, bytesTotal: null };
  const total = new ProgressTotal(declared, bytes);
  const reports: Array<{ done: number; total: number | null }> = [{ done: 0, total: total.at(0) }];
  let done = -1; // the header row is not a data row
  for await (const _row of readSpreadsheetRows(filePath, { fileName, bytes })) {
    done += 1;
    if (done > 0 && done % 50 === 0) reports.push({ done, total: total.at(done) });
  }
  total.finish();
  reports.push({ done, total: total.at(done) });
  return { declared, bytes, reports, done };
}

function expectHonest(reports: Array<{ done: number; total: number | null }>) {
  let last = 0;
  for (const { done, total } of reports) {
    if (total === null || done === 0) continue;
    expect(total).toBeGreaterThanOrEqual(done);
    expect(done / total).toBeGreaterThanOrEqual(last);
    last = done / total;
  }
  const end = reports.at(-1)!;
  expect(end.total).toBe(end.done);
}

/** A worksheet part holding `xml`, deflated as in a zip, alone in a file. */
function partFile(xml: string) {
  const data = zlib.deflateRawSync(Buffer.from(xml));
  const file = path.join(tmp(), 'sheet.bin');
  fs.writeFileSync(file, data);
  return { file, part: { name: 'xl/worksheets/sheet1.xml', method: 8, compressed: data.length, uncompressed: xml.length, dataStart: 0 } };
}

describe('the total of an import progress bar', () => {
  it('an .xlsx with a dimension element: its declared rows, and the bar ends at 100 % without going back', async () => {
    const file = path.join(tmp(), 'with.xlsx');
    fs.writeFileSync(file, await writeXlsx([sheet(420)]));
    const { declared, reports, done } = await readWithTotals(file, 'with.xlsx');
    expect(declared).toBe(420);
    expect(done).toBe(420);
    // Every report names the declared total; the last is exact.
    expect(reports.every((r) => r.total === 420)).toBe(true);
    expectHonest(reports);
  });

  it('an .xlsx without one (a streaming writer): no declared total, then the bar follows the bytes of the sheet', async () => {
    const file = path.join(tmp(), 'without.xlsx');
    fs.writeFileSync(file, await writeXlsxStreamed([sheet(3000)]));
    const { declared, bytes, reports, done } = await readWithTotals(file, 'without.xlsx');
    expect(declared).toBeNull();
    const part = worksheetParts(checkXlsxArchive(file, 'without.xlsx'))[0]!;
    expect(bytes.bytesTotal).toBe(part.uncompressed);
    expect(bytes.bytesRead).toBe(part.uncompressed);
    expect(done).toBe(3000);
    const during = reports.slice(1, -1);
    expect(during.length).toBeGreaterThan(10);
    expect(during.every((r) => r.total !== null && r.total > r.done)).toBe(true);
    // Bytes track rows: half way through the rows the bar is near half.
    const half = during.find((r) => r.done === 1500)!;
    expect(half.done / half.total!).toBeGreaterThan(0.3);
    expect(half.done / half.total!).toBeLessThan(0.7);
    expectHonest(reports);
  });

  it('reads the dimension from the first bytes of the part only', () => {
    const head = '<?xml version="1.0"?><worksheet xmlns="x"><sheetPr/>';
    const rows = Array.from(
      { length: 20_000 },
      (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${(i * 7919) % 100_003}</v></c></row>`,
    ).join('');
    const big = partFile(`${head}<dimension ref="A1:K1000001"/><sheetData>${rows}</sheetData></worksheet>`);
    expect(big.part.compressed).toBeGreaterThan(8 * 1024);
    expect(declaredDataRows(big.file, big.part)).toBe(1_000_000);
    const cases: Array<[string, number | null]> = [
      [`${head}<dimension ref="B3:D12"/><sheetData>`, 9],
      [`${head}<x:dimension ref="$A$1:$K$5"/><sheetData>`, 4],
      [`${head}<dimension ref="A1"/><sheetData/>`, 0],
      [`${head}<sheetData>${rows}</sheetData><dimension ref="A1:B9"/>`, null],
      [`${head}<sheetData>`, null],
      [`${head}<dimension ref="A1:B2000000"/><sheetData>`, null],
      [`${head}<dimension ref="nonsense"/><sheetData>`, null],
    ];
    for (const [xml, expected] of cases) {
      const { file, part } = partFile(xml);
      expect(declaredDataRows(file, part), xml.slice(0, 120)).toBe(expected);
    }
  });

  it('never goes back, never passes the rows still to read, and ends exact, whatever the file declares', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.option(fc.integer({ min: 0, max: 10_000 })),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0.2, max: 2, noNaN: true }),
        fc.boolean(),
        (rows, declared, steps, skew, counted) => {
          // `counted`: an .xlsx whose sheet bytes are counted; else a file with no byte count (.csv).
          const bytes = { bytesRead: 0, bytesTotal: rows * 50 };
          const total = new ProgressTotal(declared, counted ? bytes : undefined);
          const reports = [{ done: 0, total: total.at(0) }];
          let done = 0;
          for (const step of steps) {
            done = Math.min(rows, done + step);
            // The reader reads ahead of its rows, or lags behind them, by an uneven amount.
            bytes.bytesRead = Math.min(bytes.bytesTotal, Math.round(done * 50 * skew));
            reports.push({ done, total: total.at(done) });
          }
          total.finish();
          reports.push({ done: rows, total: total.at(rows) });
          let last = { done: 0, total: 1 };
          for (const r of reports) {
            if (r.total === null || r.done === 0) continue;
            // Compared in whole numbers: done ÷ total ≥ last.done ÷ last.total, and ≤ 1.
            if (r.total < r.done || r.done * last.total < last.done * r.total) return false;
            // The console's percentage (floor, held at 99 % until the job ends) follows.
            if (Math.floor((r.done / r.total) * 100) < Math.floor((last.done / last.total) * 100)) return false;
            last = { done: r.done, total: r.total };
          }
          return reports.at(-1)!.total === rows;
        },
      ),
      { numRuns: 500 },
    );
  });
});
