import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ExcelJS from './exceljs.ts';
import {
  contentDisposition,
  detectSpreadsheetFormat,
  matchHeader,
  readXlsxRowBatches,
  readSpreadsheetRows,
  writeXlsx,
  writeXlsxStreamed,
} from './spreadsheet.ts';
import { CsvParser, detectTextEncoding } from './csv.ts';
import { CsvRecordCutter } from './csvPieces.ts';
import { encodeGbk } from '../../testing/gbk.ts';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-sheet-'));

async function collect(filePath: string, fileName: string) {
  const rows = [];
  for await (const row of readSpreadsheetRows(filePath, { fileName })) rows.push(row);
  return rows;
}

describe('spreadsheet adapter', () => {
  it('round-trips an .xlsx written by writeXlsx, with Chinese text, long digit strings and dates', async () => {
    const buffer = await writeXlsx([
      {
        name: '市场主体',
        columns: [
          { header: '统一社会信用代码', key: 'uscc' },
          { header: '名称', key: 'name' },
          { header: '注册资本', key: 'capital' },
        ],
        rows: [
          { uscc: '91140581MA0MYA2P7H', name: '高平市示例商贸有限公司', capital: 500 },
          { uscc: '92140581MA0XXXXXX1', name: '高平市某某便利店', capital: null },
        ],
      },
    ]);
    const file = path.join(tmp(), 'a.xlsx');
    fs.writeFileSync(file, buffer);
    const rows = await collect(file, '名录.xlsx');
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3]);
    expect(rows[0]!.cells).toEqual(['统一社会信用代码', '名称', '注册资本']);
    expect(rows[1]!.cells).toEqual(['91140581MA0MYA2P7H', '高平市示例商贸有限公司', '500']);
    expect(rows[2]!.cells.slice(0, 2)).toEqual(['92140581MA0XXXXXX1', '高平市某某便利店']);
  });

  it('writes with the streaming writer the same sheets and cells as writeXlsx, rows arriving one by one', async () => {
    async function* rows() {
      for (let i = 0; i < 300; i += 1) yield { code: `9114058${String(i).padStart(11, '0')}`, name: `太原市第${i}号商店`, n: i };
      yield { code: '=HYPERLINK("x")', name: '公式', n: null };
    }
    const columns = [
      { header: '编号', key: 'code' },
      { header: '名称', key: 'name' },
      { header: '数', key: 'n' },
    ];
    async function* sheets() {
      yield { name: '明细-甲', columns, rows: rows() };
      yield { name: '汇总', columns, rows: [{ code: 'a', name: '乙', n: 1 }] };
    }
    const streamed = new ExcelJS.Workbook();
    await streamed.xlsx.load((await writeXlsxStreamed(sheets())) as unknown as ArrayBuffer);
    const all: Record<string, unknown>[] = [];
    for await (const r of rows()) all.push(r);
    const built = new ExcelJS.Workbook();
    await built.xlsx.load(
      (await writeXlsx([
        { name: '明细-甲', columns, rows: all as never },
        { name: '汇总', columns, rows: [{ code: 'a', name: '乙', n: 1 }] },
      ])) as unknown as ArrayBuffer,
    );
    expect(streamed.worksheets.map((w) => w.name)).toEqual(['明细-甲', '汇总']);
    for (const name of ['明细-甲', '汇总']) {
      expect(streamed.getWorksheet(name)!.getSheetValues()).toEqual(built.getWorksheet(name)!.getSheetValues());
    }
    expect(streamed.getWorksheet('明细-甲')!.rowCount).toBe(302);
    // A formula-like text is written as text, as writeXlsx does.
    expect(String(streamed.getWorksheet('明细-甲')!.getRow(302).getCell(1).value)).not.toMatch(/^=/);
  }, 30_000);

  it('reads Excel dates as YYYY-MM-DD', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('s');
    sheet.addRow(['成立日期']);
    sheet.addRow([new Date(Date.UTC(2019, 2, 5))]);
    const file = path.join(tmp(), 'd.xlsx');
    await workbook.xlsx.writeFile(file);
    const rows = await collect(file, 'd.xlsx');
    expect(rows[1]!.cells[0]).toBe('2019-03-05');
  });

  it('reads a GBK (GB18030) CSV from Excel on Chinese Windows, and a UTF-8 CSV with BOM, alike', async () => {
    const text = '统一社会信用代码,名称\r\n91140581MA0MYA2P7H,"高平市示例商贸有限公司, 分店"\r\n';
    const dir = tmp();
    const utf8 = path.join(dir, 'u.csv');
    fs.writeFileSync(utf8, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    // GBK bytes of the same text, produced by the platform's own encoder through a round trip check
    const gbkBytes = encodeGbk(text);
    const gbk = path.join(dir, 'g.csv');
    fs.writeFileSync(gbk, gbkBytes);
    expect(detectTextEncoding(gbkBytes)).toBe('gb18030');
    const a = await collect(utf8, 'u.csv');
    const b = await collect(gbk, 'g.csv');
    expect(a).toEqual(b);
    expect(a[1]!.cells).toEqual(['91140581MA0MYA2P7H', '高平市示例商贸有限公司, 分店']);
  });

  it('refuses a renamed non-xlsx file, a legacy .xls, an empty file and a truncated workbook with BAD_FILE', async () => {
    const dir = tmp();
    expect(() => detectSpreadsheetFormat('名录.xlsx', new TextEncoder().encode('a,b,c'))).toThrow(/不是 Excel 工作簿/);
    expect(() => detectSpreadsheetFormat('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2]))).toThrow(/另存为/);
    expect(() => detectSpreadsheetFormat('empty.csv', new Uint8Array())).toThrow(/空的/);
    expect(() => detectSpreadsheetFormat('x.pdf', new TextEncoder().encode('%PDF'))).toThrow(/不支持的文件类型/);
    const full = await writeXlsx([
      { name: 's', columns: [{ header: 'a', key: 'a' }], rows: Array.from({ length: 2000 }, (_, i) => ({ a: `row ${i}` })) },
    ]);
    const truncated = path.join(dir, 't.xlsx');
    fs.writeFileSync(truncated, full.subarray(0, Math.floor(full.length / 2)));
    await expect(collect(truncated, 't.xlsx')).rejects.toMatchObject({ code: 'BAD_FILE' });
  });

  it('reads an .xlsx longer than one batch in batches of the same rows as one by one, and a .csv over several chunks', async () => {
    const dir = tmp();
    const xlsx = path.join(dir, 'b.xlsx');
    const rows = Array.from({ length: 1200 }, (_, i) => ({ a: `row ${i}`, b: i % 3 === 0 ? '' : `'=${i}` }));
    fs.writeFileSync(
      xlsx,
      await writeXlsx([
        {
          name: 's',
          columns: [
            { header: 'a', key: 'a' },
            { header: 'b', key: 'b' },
          ],
          rows,
        },
      ]),
    );
    const batches = [];
    for await (const batch of readXlsxRowBatches(xlsx, { fileName: 'b.xlsx' })) batches.push(batch);
    expect(batches.length).toBeGreaterThan(1);
    expect(batches.every((b) => b.length > 0)).toBe(true);
    const one = await collect(xlsx, 'b.xlsx');
    expect(batches.flat()).toEqual(one);
    expect(one).toHaveLength(1201);
    expect(one.map((r) => r.cells[0])).toEqual(['a', ...rows.map((r) => r.a)]);
    expect(one.at(-1)!.rowNumber).toBe(1201);

    // 30,000 lines are several of the reader's chunks: the rows and their numbers run on across them.
    const csv = path.join(dir, 'b.csv');
    fs.writeFileSync(csv, `\uFEFFa,b\r\n${Array.from({ length: 30_000 }, (_, i) => `${i}," x${i} "`).join('\r\n')}\r\n\r\n,\r\n`);
    const csvRows = await collect(csv, 'b.csv');
    expect(csvRows).toHaveLength(30_002);
    expect(csvRows[0]!.cells).toEqual(['a', 'b']);
    expect(csvRows[2]).toEqual({ rowNumber: 3, cells: ['1', 'x1'] });
    expect(csvRows.map((r) => r.rowNumber)).toEqual([...Array.from({ length: 30_001 }, (_, i) => i + 1), 30_003]);
    // The empty line is left out; the line of one comma is a row of two empty cells.
    expect(csvRows.at(-1)).toEqual({ rowNumber: 30_003, cells: ['', ''] });
  }, 30_000);

  it('reports an unterminated quote as a truncated CSV', async () => {
    const file = path.join(tmp(), 'q.csv');
    fs.writeFileSync(file, 'a,b\n1,"unterminated\n');
    await expect(collect(file, 'q.csv')).rejects.toMatchObject({ code: 'BAD_FILE' });
  });

  it('matches headers by label or alias, ignoring spaces, asterisks and full-width brackets', () => {
    const match = matchHeader(['*统一社会信用代码', '企业名称', '住所（经营场所）', '备注'], {
      uscc: { label: '统一社会信用代码', required: true },
      name: { label: '名称', aliases: ['企业名称', '主体名称'], required: true },
      address: { label: '住所(经营场所)', aliases: ['住所'], required: false },
      status: { label: '登记状态', required: true },
    });
    expect(match.index).toEqual({ uscc: 0, name: 1, address: 2, status: undefined });
    expect(match.missing).toEqual(['登记状态']);
    expect(match.unknown).toEqual(['备注']);
  });

  it('builds an RFC 5987 Content-Disposition for Chinese file names', () => {
    expect(contentDisposition('错误报告.xlsx')).toBe(
      `attachment; filename="____.xlsx"; filename*=UTF-8''${encodeURIComponent('错误报告.xlsx')}`,
    );
  });
});

describe('CsvParser', () => {
  it('parses the same records however the text is split into chunks', () => {
    const field = fc.string({ maxLength: 6 }).map((s) => s.replace(/\r/g, ''));
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 5 }),
        (records, cuts) => {
          const quote = (f: string) => (/[",\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);
          const text = records.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const parser = new CsvParser(',');
          const out: string[][] = [];
          let last = 0;
          for (const p of points) {
            out.push(...parser.push(text.slice(last, p)));
            last = p;
          }
          out.push(...parser.push(text.slice(last)), ...parser.end());
          expect(out).toEqual(records);
        },
      ),
    );
  });

  it('cuts a file into pieces that parse apart into the records of one parse, malformed quoting included', () => {
    // Any text of quotes, delimiters, line breaks, letters and Chinese: well-formed or not.
    const tokens = ['a', '高', '"', ',', '\t', '\n', '\r', '""', '\r\n', '"\n', '，'];
    const gbk = new Map(tokens.map((t) => [t, encodeGbk(t)]));
    const text = fc.array(fc.constantFrom(...tokens), { maxLength: 60 });
    fc.assert(
      fc.property(
        text,
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.constantFrom(',', '\t'),
        fc.constantFrom('utf-8', 'gb18030'),
        (parts, cuts, delimiter, encoding) => {
          const input = parts.join('');
          const whole = new CsvParser(delimiter);
          let expected: string[][] | 'unterminated';
          try {
            expected = [...whole.push(input), ...whole.end()];
          } catch {
            expected = 'unterminated';
          }
          // The bytes arrive in arbitrary pushes (a character may be split); the cutter hands out
          // pieces of whole records.
          const bytes = encoding === 'utf-8' ? new TextEncoder().encode(input) : Buffer.concat(parts.map((t) => gbk.get(t)!));
          const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
          const cutter = new CsvRecordCutter(delimiter);
          const pieces: Uint8Array[] = [];
          let from = 0;
          for (const p of [...points, bytes.length]) {
            const piece = cutter.push(bytes.subarray(from, p));
            if (piece) pieces.push(piece);
            from = p;
          }
          const rest = cutter.end();
          const decode = (b: Uint8Array) => new TextDecoder(encoding, { ignoreBOM: true }).decode(b);
          expect([...pieces, rest].map(decode).join('')).toBe(input);
          for (const piece of pieces) expect(piece.at(-1)).toBe(0x0a);
          let got: string[][] | 'unterminated' = [];
          for (const piece of pieces) got.push(...new CsvParser(delimiter).push(decode(piece)));
          try {
            const last = new CsvParser(delimiter);
            got.push(...last.push(decode(rest)), ...last.end());
          } catch {
            got = 'unterminated';
          }
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
