// The total of an import's progress bar, found cheaply before the rows are read. A .csv's total
// is its line count. An .xlsx's is the row range its first worksheet declares in
// <dimension ref="A1:K1000001"/>, read from the first bytes of that zip part only (never a second
// parse of the file). A workbook may omit the element (streaming writers do) or declare a range
// its rows then leave: the bar then follows the bytes of the sheet's XML read against the part's
// uncompressed size from the zip directory. Either way the percentage never goes back, never
// passes 100 % while rows are still read, and is exactly 100 % once they are all read.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { checkXlsxArchive, type XlsxPart } from './xlsxLimits.ts';
import { detectSpreadsheetFormat, readHead, type SheetReadProgress } from './spreadsheet.ts';

/** Compressed bytes read from the start of a worksheet part to find its dimension element. */
const HEAD_BYTES = 8 * 1024;
/** The most rows a worksheet can have (Excel's limit): a larger declared range is not believed. */
const MAX_SHEET_ROWS = 1_048_576;
/** While the bar follows bytes it stops short of the end: the reader reads ahead of its rows. */
const BYTES_CAP = 0.99;

/** The worksheet parts of an .xlsx in the order the reader meets them (zip order). */
export function worksheetParts(parts: XlsxPart[]): XlsxPart[] {
  return parts.filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p.name));
}

/**
 * Data rows (the header row excluded) the worksheet part declares in its dimension element, or
 * null when it has none or it cannot be read.
 */
export function declaredDataRows(filePath: string, part: XlsxPart): number | null {
  const fd = fs.openSync(filePath, 'r');
  let head: Buffer;
  try {
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, part.compressed));
    head = buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, part.dataStart));
  } finally {
    fs.closeSync(fd);
  }
  let xml: string;
  try {
    // A cut deflate stream: SYNC_FLUSH gives what the bytes hold instead of failing.
    xml = (part.method === 8 ? zlib.inflateRawSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH }) : head).toString('utf8');
  } catch {
    return null;
  }
  const sheetData = xml.search(/<(?:\w+:)?sheetData[\s/>]/);
  const before = sheetData < 0 ? xml : xml.slice(0, sheetData);
  const ref = /<(?:\w+:)?dimension\s[^>]*?\bref\s*=\s*["']([^"']*)["']/.exec(before)?.[1];
  const range = ref ? /^\$?[A-Z]{1,3}\$?(\d+)(?::\$?[A-Z]{1,3}\$?(\d+))?$/i.exec(ref.trim()) : null;
  if (!range) return null;
  const first = Number(range[1]);
  const last = Number(range[2] ?? range[1]);
  if (first < 1 || last < first || last > MAX_SHEET_ROWS) return null;
  return last - first;
}

/**
 * The data rows a file declares, for the total of its progress bar: a text file's lines (header
 * excluded), the first worksheet's declared range for an .xlsx; null when unknown.
 */
export async function declaredFileRows(filePath: string, fileName: string): Promise<number | null> {
  try {
    if (detectSpreadsheetFormat(fileName, readHead(filePath, 4096)) === 'csv') return await countLines(filePath);
    const sheet = worksheetParts(checkXlsxArchive(filePath, fileName))[0];
    return sheet ? declaredDataRows(filePath, sheet) : null;
  } catch {
    // A file that cannot be read: the import itself says why.
    return null;
  }
}

/** Data lines of a text file (line count − header). */
export async function countLines(filePath: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) lines += 1;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
  }
  if (last !== 0x0a) lines += 1;
  return Math.max(0, lines - 1);
}

/**
 * The total to report next to the rows read so far. `declared`: the rows the file declares
 * (declaredFileRows); `bytes`: where the reader is in the sheet's XML (readSpreadsheetRows fills
 * it), used once the declared total is missing or proved wrong (more rows than declared).
 *
 * What the bar shows is done ÷ total. Three rules hold for every sequence of calls with `done`
 * never decreasing: the fraction never goes back; it never passes 1 (total ≥ done); after
 * finish() it is exactly 1.
 */
export class ProgressTotal {
  /** The last (done, total) reported with done > 0: the next fraction is never smaller. */
  private last: { done: number; total: number } | null = null;
  private finished = false;

  constructor(
    private readonly declared: number | null,
    private readonly bytes?: SheetReadProgress,
  ) {}

  /** Every row is read: from now on the total is the rows read. */
  finish(): void {
    this.finished = true;
  }

  /** The total to show with `done` rows read; null while nothing tells it. */
  at(done: number): number | null {
    if (this.finished) return done;
    const estimate = this.estimate(done);
    if (estimate === null || done === 0) return estimate;
    const total = this.notBelowLast(done, estimate);
    this.last = { done, total };
    return total;
  }

  /** The declared rows while the file has not proved them wrong, else a total from the bytes read. */
  private estimate(done: number): number | null {
    if (this.declared !== null && this.declared > 0 && done <= this.declared) return this.declared;
    if (done === 0) return null;
    const read = this.bytes?.bytesTotal ? Math.min(BYTES_CAP, this.bytes.bytesRead / this.bytes.bytesTotal) : 0;
    // No bytes counted (a .csv, or a file the reader has not started): keep the last fraction.
    const fraction = read > 0 ? read : this.last ? this.last.done / this.last.total : 0;
    return fraction > 0 ? Math.max(done, Math.ceil(done / fraction)) : null;
  }

  /**
   * `estimate`, or the largest total that still shows the last fraction when the estimate would
   * show less (a byte count that lags, a declared total left behind): done ÷ total ≥ last.done ÷
   * last.total, i.e. total ≤ done × last.total ÷ last.done — compared in whole numbers, so no
   * rounding can let the bar step back. Never below `done`.
   */
  private notBelowLast(done: number, estimate: number): number {
    const last = this.last;
    if (!last || done * last.total >= last.done * estimate) return estimate;
    return Math.max(done, Math.floor((done * last.total) / last.done));
  }
}
