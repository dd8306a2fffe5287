// A .csv read as pieces of whole records: the file's bytes cut where records end
// (CsvRecordCutter), so that the pieces can be decoded and parsed apart — in order on one thread
// (the spreadsheet reader) or side by side on worker threads (the entity import) — and give the
// rows of one parse of the whole file.
import fs from 'node:fs';
import { AppError } from '../http/errors.ts';
import { CsvParser, detectDelimiter, detectTextEncoding, restoreExportedText, type TextEncodingName } from './csv.ts';
import { XLSX_LIMITS } from './xlsxLimits.ts';

/** 1-based row number as the user sees it (row 1 is the header) and the row's cells. */
export interface SheetRow {
  rowNumber: number;
  cells: string[];
}

/** The first bytes of a file (format and encoding detection). */
export function readHead(filePath: string, bytes = 64 * 1024): Uint8Array {
  const fd = fs.openSync(filePath, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = fs.readSync(fd, buffer, 0, bytes, 0);
    return new Uint8Array(buffer.subarray(0, read));
  } finally {
    fs.closeSync(fd);
  }
}

/** A part of a .csv's bytes that ends where a record ends (the last one: where the file ends). */
export interface CsvPiece {
  bytes: Uint8Array;
  encoding: TextEncodingName;
  delimiter: ',' | '\t';
  /** The file's last piece: its last record may end without a line break. */
  last: boolean;
}

/**
 * The most bytes of one record: a quote left open makes the rest of the file one record, and the
 * file is refused once a record outgrows what Excel can hold in a row of cells.
 */
const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/**
 * A .csv's bytes in pieces of whole records (CsvRecordCutter), about the size of each chunk
 * read, with the file's encoding (UTF-8 or GB18030; a UTF-8 byte-order mark left out) and the
 * delimiter of its first line: pieces can be decoded and parsed apart, in any order or thread,
 * and together give the rows of one parse of the whole file.
 */
export async function* readCsvPieces(filePath: string, fileName: string): AsyncGenerator<CsvPiece> {
  const encoding = detectTextEncoding(readHead(filePath));
  let cutter: CsvRecordCutter | null = null;
  let delimiter: ',' | '\t' = ',';
  let head: Buffer = Buffer.alloc(0);
  let lineFeeds = 0;
  const cut = (bytes: Uint8Array): CsvPiece | null => {
    const whole = cutter!.push(bytes);
    if (cutter!.held > MAX_RECORD_BYTES) {
      throw new AppError(
        'BAD_FILE',
        `文件「${fileName}」第 ${lineFeeds + 1} 行起有引号未闭合或单元格过长（超过 ${XLSX_LIMITS.cellChars} 个字符，Excel 单元格的上限），可能不是表格文件或文件被截断。未导入任何数据。`,
      );
    }
    if (!whole) return null;
    for (let at = whole.indexOf(0x0a); at >= 0; at = whole.indexOf(0x0a, at + 1)) lineFeeds += 1;
    return { bytes: whole, encoding, delimiter, last: false };
  };
  /** The delimiter, from the first line (or the first megabyte when it has no line break). */
  const start = (bytes: Buffer) => {
    const newline = bytes.indexOf(0x0a);
    const first = new TextDecoder(encoding).decode(newline < 0 ? bytes : bytes.subarray(0, newline));
    delimiter = detectDelimiter(first);
    cutter = new CsvRecordCutter(delimiter);
  };
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 256 * 1024 })) {
    let bytes = chunk as Buffer;
    if (!cutter) {
      head = head.length === 0 ? bytes : Buffer.concat([head, bytes]);
      if (head.indexOf(0x0a) < 0 && head.length < 1024 * 1024) continue;
      bytes = encoding === 'utf-8' && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
      start(bytes);
    }
    const piece = cut(bytes);
    if (piece) yield piece;
  }
  if (!cutter) {
    const bytes = encoding === 'utf-8' && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
    start(bytes);
    const piece = cut(bytes);
    if (piece) yield piece;
  }
  yield { bytes: cutter!.end(), encoding, delimiter, last: true };
}

/**
 * The rows of one piece of a .csv (readCsvPieces), numbered after `rowsBefore` records; empty
 * lines are left out but counted. Refuses the file for a cell longer than Excel allows or, in the
 * last piece, a quote left open.
 */
export function parseCsvPiece(piece: CsvPiece, rowsBefore: number, fileName: string): { rows: SheetRow[]; records: number } {
  const parser = new CsvParser(piece.delimiter, XLSX_LIMITS.cellChars);
  // ignoreBOM: a piece's first character is the file's own (its byte-order mark is already gone).
  const text = new TextDecoder(piece.encoding, { ignoreBOM: true }).decode(piece.bytes);
  let records: string[][];
  try {
    records = parser.push(text);
    if (piece.last) records.push(...parser.end());
  } catch {
    throw new AppError(
      'BAD_FILE',
      `文件「${fileName}」第 ${rowsBefore + 1} 行之后有未闭合的引号，文件可能被截断。请检查该行或重新导出文件。`,
    );
  }
  if (parser.fieldTooLong) {
    throw new AppError(
      'BAD_FILE',
      `文件「${fileName}」第 ${rowsBefore + 1}–${rowsBefore + records.length + 1} 行之间有单元格超过 ${XLSX_LIMITS.cellChars} 个字符（Excel 单元格的上限），可能不是表格文件或引号未闭合。未导入任何数据。`,
    );
  }
  const rows: SheetRow[] = [];
  let rowNumber = rowsBefore;
  for (const record of records) {
    rowNumber += 1;
    // Skip completely empty lines (common at the end of exported files).
    if (record.length === 1 && record[0] === '') continue;
    for (let i = 0; i < record.length; i += 1) record[i] = restoreExportedText(record[i]!.trim());
    rows.push({ rowNumber, cells: record });
  }
  return { rows, records: records.length };
}

/**
 * Cuts a streamed CSV file's bytes at record boundaries, so that the pieces can be decoded and
 * parsed apart (each by a fresh CsvParser, on other threads) and give exactly the records one
 * parser gives for the whole file. It follows the parser's quoting rules but only looks at quote
 * and line-feed bytes (native searches, no decoding): a quote opens a quoted field at the start of
 * a field only (elsewhere it is a plain character), "" inside quotes is a quote, any other quote
 * inside closes the field. A piece ends just after a line feed outside quotes; the bytes after the
 * last such line feed wait for the next push (or `end`). Safe for UTF-8 and GB18030, where the
 * bytes of quote, line feed, carriage return, comma and tab occur only as those characters.
 */
export class CsvRecordCutter {
  private bytes: Buffer = Buffer.alloc(0);
  /** bytes[0, scanned) is scanned; the state below is the state at `scanned`. */
  private scanned = 0;
  private inQuotes = false;
  /** Just after the last line feed outside quotes in bytes[0, scanned), 0 when none. */
  private boundary = 0;
  private readonly delimiterCode: number;

  constructor(delimiter: string) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** Adds bytes; returns the complete records held so far as one piece of its own (null when none yet). */
  push(chunk: Uint8Array): Uint8Array | null {
    this.bytes =
      this.bytes.length === 0 ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.concat([this.bytes, chunk]);
    this.scan();
    if (this.boundary === 0) return null;
    const piece = new Uint8Array(this.bytes.subarray(0, this.boundary)); // a copy: its buffer can move to a worker
    this.bytes = this.bytes.subarray(this.boundary);
    this.scanned -= this.boundary;
    this.boundary = 0;
    return piece;
  }

  /** Bytes held back for the next piece (a record not yet ended). */
  get held(): number {
    return this.bytes.length;
  }

  /** The rest of the bytes (the last record, without a line feed after it; may be empty). */
  end(): Uint8Array {
    const rest = new Uint8Array(this.bytes);
    this.bytes = Buffer.alloc(0);
    this.scanned = 0;
    this.boundary = 0;
    this.inQuotes = false;
    return rest;
  }

  private scan(): void {
    const bytes = this.bytes;
    const n = bytes.length;
    let i = this.scanned;
    while (i < n) {
      if (this.inQuotes) {
        const quote = bytes.indexOf(0x22, i);
        if (quote < 0) {
          i = n;
          break;
        }
        // A quote at the end: "" or a closing quote; decided when more bytes come.
        if (quote === n - 1) {
          i = quote;
          break;
        }
        if (bytes[quote + 1] === 0x22) i = quote + 2;
        else {
          this.inQuotes = false;
          i = quote + 1;
        }
        continue;
      }
      const quote = bytes.indexOf(0x22, i);
      const end = quote < 0 ? n : quote;
      if (end > i) {
        const lineFeed = bytes.lastIndexOf(0x0a, end - 1);
        if (lineFeed >= i) this.boundary = lineFeed + 1;
      }
      if (quote < 0) {
        i = n;
        break;
      }
      const before = quote === 0 ? -1 : bytes[quote - 1]!;
      if (before === -1 || before === this.delimiterCode || before === 0x0a || before === 0x0d) this.inQuotes = true;
      i = quote + 1;
    }
    this.scanned = i;
  }
}
