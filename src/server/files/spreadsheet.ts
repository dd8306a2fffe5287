// The one adapter between the product and spreadsheet files (.xlsx via exceljs, .csv/.tsv
// with encoding detection). Imports stream rows through it; exports build .xlsx with it.
import type { Context } from 'hono';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS, { type CellValue, type CellFormulaValue } from './exceljs.ts';
import { AppError } from '../http/errors.ts';
import { neutraliseFormula, restoreExportedText } from './csv.ts';
import { parseCsvPiece, readCsvPieces, readHead, type SheetRow } from './csvPieces.ts';
import { checkXlsxArchive, XlsxLimitError } from './xlsxLimits.ts';

export { readHead, type SheetRow };

export type SpreadsheetFormat = 'xlsx' | 'csv';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (head: Uint8Array, magic: number[]) => magic.every((b, i) => head[i] === b);

/** Decides how to read a file from its name and its first bytes; refuses what it cannot read. */
export function detectSpreadsheetFormat(fileName: string, head: Uint8Array): SpreadsheetFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (head.length === 0) throw new AppError('BAD_FILE', `文件「${fileName}」是空的（0 字节），请选择正确的文件。`);
  if (startsWith(head, OLE2_MAGIC)) {
    throw new AppError(
      'BAD_FILE',
      `文件「${fileName}」是旧版 Excel 97-2003（.xls）或其他 Office 文档格式。请在 Excel 中“另存为” .xlsx 或 CSV 后再导入。`,
    );
  }
  if (startsWith(head, ZIP_MAGIC)) {
    if (ext === '.csv' || ext === '.txt' || ext === '.tsv') {
      throw new AppError(
        'BAD_FILE',
        `文件「${fileName}」扩展名为 ${ext}，但内容是压缩包/Excel 工作簿。若是 Excel 文件，请把扩展名改回 .xlsx。`,
      );
    }
    return 'xlsx';
  }
  if (ext === '.xlsx') {
    throw new AppError(
      'BAD_FILE',
      `文件「${fileName}」扩展名为 .xlsx，但内容不是 Excel 工作簿（可能是改了扩展名的其他文件，或文件已损坏）。请用 Excel 打开后重新“另存为” .xlsx。`,
    );
  }
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv' || ext === '') {
    if (head.includes(0))
      throw new AppError('BAD_FILE', `文件「${fileName}」不是文本表格（含二进制内容），请导出为 .xlsx 或 .csv 后再导入。`);
    return 'csv';
  }
  throw new AppError('BAD_FILE', `不支持的文件类型「${ext}」。请上传 .xlsx 或 .csv 文件。`);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Excel cell value → trimmed text; dates as YYYY-MM-DD (UTC parts, as exceljs gives them). */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    return `${value.getUTCFullYear()}-${pad2(value.getUTCMonth() + 1)}-${pad2(value.getUTCDate())}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText))
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText((value as CellFormulaValue).result as CellValue);
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') return (value as { text: string }).text.trim();
    if ('error' in value) return '';
    return String(value).trim();
  }
  if (typeof value === 'number') {
    // Long digit strings typed as numbers lose nothing below 2^53; print without exponent.
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  return String(value).trim();
}

/**
 * Streams the rows of the first (or given) sheet. Never holds the whole file in memory.
 * Empty trailing cells are kept as '' up to the longest row seen so far is NOT guaranteed:
 * callers index cells by header position and treat a missing cell as ''.
 */
export async function* readSpreadsheetRows(
  filePath: string,
  options: { fileName: string; sheetIndex?: number; bytes?: SheetReadProgress },
): AsyncGenerator<SheetRow> {
  const format = detectSpreadsheetFormat(options.fileName, readHead(filePath, 4096));
  if (format === 'csv') {
    for await (const rows of readCsvRows(filePath, options.fileName)) yield* rows;
    return;
  }
  // Row by row from the sheet, not through the batches: the bytes counted into `options.bytes` are
  // then those of the rows handed out so far, not of a batch read ahead (a progress bar that follows
  // the bytes would run ahead of the rows by up to a batch).
  yield* readXlsxRows(filePath, options.fileName, options.sheetIndex ?? 0, options.bytes);
}

/** The most rows in one batch of readXlsxRowBatches. */
const XLSX_BATCH_ROWS = 1000;

/**
 * The rows of an .xlsx sheet (a file already known to be one) in batches of up to XLSX_BATCH_ROWS
 * rows, for readers of large files: one step of the async iteration per batch instead of per row.
 */
export async function* readXlsxRowBatches(
  filePath: string,
  options: { fileName: string; sheetIndex?: number; bytes?: SheetReadProgress },
): AsyncGenerator<SheetRow[]> {
  let batch: SheetRow[] = [];
  for await (const row of readXlsxRows(filePath, options.fileName, options.sheetIndex ?? 0, options.bytes)) {
    batch.push(row);
    if (batch.length >= XLSX_BATCH_ROWS) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Where the reading of an .xlsx sheet is, for a progress bar (see rowTotal.ts): bytes of the
 * sheet's XML read so far, and the part's uncompressed size as the zip directory declares it.
 */
export interface SheetReadProgress {
  bytesRead: number;
  bytesTotal: number | null;
}

/** The chunks of a part's XML, counted into `bytes` as they go to the XML reader. */
async function* countedChunks(chunks: AsyncIterable<Uint8Array | string>, bytes: SheetReadProgress): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of chunks) {
    bytes.bytesRead += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    yield chunk;
  }
}

async function* readCsvRows(filePath: string, fileName: string): AsyncGenerator<SheetRow[]> {
  let rowsBefore = 0;
  for await (const piece of readCsvPieces(filePath, fileName)) {
    const parsed = parseCsvPiece(piece, rowsBefore, fileName);
    rowsBefore += parsed.records;
    if (parsed.rows.length > 0) yield parsed.rows;
  }
}

async function* readXlsxRows(filePath: string, fileName: string, sheetIndex: number, bytes?: SheetReadProgress): AsyncGenerator<SheetRow> {
  // Structure and declared sizes first: a truncated file or an honest zip bomb stops here.
  const parts = checkXlsxArchive(filePath, fileName);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(filePath, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  // The reader names each worksheet part (xl/worksheets/sheetN.xml) just before it yields it.
  let sheetPart = '';
  (reader as unknown as NodeJS.EventEmitter).on('entry', (entry: { type: string; id?: string }) => {
    if (entry.type === 'worksheet') sheetPart = `xl/worksheets/sheet${entry.id}.xml`;
  });
  let index = 0;
  try {
    for await (const worksheet of reader) {
      if (index++ !== sheetIndex) {
        // Drain sheets we do not read.
        for await (const _row of worksheet) void _row;
        continue;
      }
      if (bytes) {
        // The reader parses `iterator` (the part's XML chunks) once its rows are asked for.
        const sheet = worksheet as unknown as { iterator: AsyncIterable<Uint8Array | string> };
        sheet.iterator = countedChunks(sheet.iterator, bytes);
        bytes.bytesTotal = parts.find((p) => p.name === sheetPart)?.uncompressed ?? null;
      }
      let previous = 0;
      for await (const row of worksheet) {
        const values = (row.values as CellValue[]) ?? [];
        // exceljs row.values is 1-based (index 0 unused).
        const cells: string[] = [];
        for (let i = 1; i < values.length; i += 1) cells.push(restoreExportedText(cellText(values[i] ?? null)));
        // Rows written without their number (r attribute) follow the previous one.
        const rowNumber = Number.isInteger(row.number) && row.number > previous ? row.number : previous + 1;
        previous = rowNumber;
        if (cells.every((c) => c === '')) continue;
        yield { rowNumber, cells };
      }
      return;
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof XlsxLimitError) {
      throw new AppError(
        'BAD_FILE',
        `Excel 文件「${fileName}」${error.reason}，超出导入上限（疑似“压缩炸弹”或异常文件），未导入任何数据。请删除无关内容或拆分文件后分批导入。`,
      );
    }
    throw new AppError(
      'BAD_FILE',
      `无法读取 Excel 文件「${fileName}」：文件已损坏或不完整，未导入任何数据。请用 Excel 打开确认后重新保存为 .xlsx。`,
    );
  }
  if (index <= sheetIndex) throw new AppError('BAD_FILE', `Excel 文件「${fileName}」没有第 ${sheetIndex + 1} 个工作表。`);
}

export interface ColumnSpec {
  label: string;
  aliases?: string[];
  required: boolean;
}

/** Header text normalised for matching: no spaces/newlines/asterisks, full-width brackets folded. */
export function normaliseHeader(text: string): string {
  return text
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .toLowerCase();
}

export interface HeaderMatch<K extends string> {
  index: Record<K, number | undefined>;
  /** Labels of required columns not found. */
  missing: string[];
  /** Header cells that match no column (reported, ignored). */
  unknown: string[];
}

export function matchHeader<K extends string>(header: string[], columns: Record<K, ColumnSpec>): HeaderMatch<K> {
  const positions = new Map<string, number>();
  header.forEach((cell, i) => {
    const key = normaliseHeader(cell);
    if (key && !positions.has(key)) positions.set(key, i);
  });
  const used = new Set<number>();
  const index = {} as Record<K, number | undefined>;
  const missing: string[] = [];
  for (const key of Object.keys(columns) as K[]) {
    const spec = columns[key];
    const names = [spec.label, ...(spec.aliases ?? [])].map(normaliseHeader);
    const found = names.map((n) => positions.get(n)).find((p) => p !== undefined);
    index[key] = found;
    if (found !== undefined) used.add(found);
    else if (spec.required) missing.push(spec.label);
  }
  const unknown = header.filter((cell, i) => cell.trim() !== '' && !used.has(i));
  return { index, missing, unknown };
}

export interface SheetSpec {
  name: string;
  columns: Array<{ header: string; key: string; width?: number }>;
  rows: Array<Record<string, string | number | null | undefined>>;
}

/** A row with every formula-like text neutralised (see neutraliseFormula). */
export function neutraliseRow<T extends Record<string, unknown>>(row: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = neutraliseFormula(value);
  return out as T;
}

const sheetColumns = (sheet: Pick<SheetSpec, 'columns'>) =>
  sheet.columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? Math.max(10, c.header.length * 2 + 2) }));

export async function writeXlsx(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '双随机、一公开监管平台';
  workbook.created = new Date(0); // deterministic output for the same rows
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheetColumns(sheet);
    worksheet.getRow(1).font = { bold: true };
    for (const row of sheet.rows) worksheet.addRow(neutraliseRow(row));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A sheet whose rows arrive one by one (read page by page from the database). */
export interface StreamedSheetSpec extends Omit<SheetSpec, 'rows'> {
  rows: Iterable<SheetSpec['rows'][number]> | AsyncIterable<SheetSpec['rows'][number]>;
}

/**
 * The same workbook as writeXlsx, written with exceljs's streaming writer: each row is written
 * out as it arrives and never kept as a cell object, about half the time of building the workbook
 * in memory, and the rows of a long list need not all be in memory at once. `concurrent`: the
 * sheets are placed in the given order at once and each is written whenever its (asynchronous)
 * rows arrive, so a sheet whose rows are ready need not wait for the one before it.
 */
export async function writeXlsxStreamed(
  sheets: Iterable<StreamedSheetSpec> | AsyncIterable<StreamedSheetSpec>,
  options: { concurrent?: boolean } = {},
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: true });
  workbook.creator = '双随机、一公开监管平台';
  workbook.created = new Date(0);
  const addSheet = (sheet: StreamedSheetSpec) => {
    const worksheet = workbook.addWorksheet(sheet.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    worksheet.columns = sheetColumns(sheet);
    worksheet.getRow(1).font = { bold: true };
    return async () => {
      for await (const row of sheet.rows) worksheet.addRow(neutraliseRow(row)).commit();
      worksheet.commit();
    };
  };
  if (options.concurrent) {
    // Every sheet in its place first, then each written as its rows arrive (a sheet is its own
    // part of the file, so the parts may be written in any order).
    const writers: (() => Promise<void>)[] = [];
    for await (const sheet of sheets) writers.push(addSheet(sheet));
    await Promise.all(writers.map((write) => write()));
  } else {
    for await (const sheet of sheets) await addSheet(sheet)();
  }
  await workbook.commit();
  await ended;
  return Buffer.concat(chunks);
}

/** Content-Disposition for a download with a Chinese file name (RFC 5987/6266). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The answer of a route that downloads a built .xlsx under its (Chinese) file name. */
export function xlsxDownload(c: Context, buffer: ArrayBuffer | Uint8Array, fileName: string): Response {
  return c.body(new Uint8Array(buffer), 200, { 'content-type': XLSX_CONTENT_TYPE, 'content-disposition': contentDisposition(fileName) });
}
