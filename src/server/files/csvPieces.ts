// A .csv read as pieces of whole records: the text decoded (UTF-8 or GB18030) and cut where
// records end (CsvRecordCutter), so that the pieces can be parsed apart — in order on one thread
// (the spreadsheet reader) or side by side on worker threads (the entity import) — and give the
// rows of one parse of the whole file.
import fs from 'node:fs';
import { AppError } from '../http/errors.ts';
import { CsvParser, CsvRecordCutter, detectDelimiter, detectTextEncoding, restoreExportedText } from './csv.ts';
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

/** A part of a .csv's text that ends where a record ends (the last one: where the file ends). */
export interface CsvPiece {
  text: string;
  delimiter: ',' | '\t';
  /** The file's last piece: its last record may end without a line break. */
  last: boolean;
}

/**
 * The most characters of one record: a quote left open makes the rest of the file one record,
 * and the file is refused once a record outgrows what Excel can hold in a row of cells.
 */
const MAX_RECORD_CHARS = 8 * 1024 * 1024;

/**
 * A .csv's text, decoded (UTF-8 or GB18030), in pieces of whole records (CsvRecordCutter) of
 * about the size of each chunk read: pieces can be parsed apart, in any order or thread, and
 * together give the rows of one parse of the whole file.
 */
export async function* readCsvPieces(filePath: string, fileName: string): AsyncGenerator<CsvPiece> {
  const encoding = detectTextEncoding(readHead(filePath));
  const decoder = new TextDecoder(encoding, { ignoreBOM: false });
  let cutter: CsvRecordCutter | null = null;
  let delimiter: ',' | '\t' = ',';
  let pending = '';
  let records = 0;
  const cut = (text: string): CsvPiece | null => {
    const whole = cutter!.push(text);
    if (cutter!.held > MAX_RECORD_CHARS) {
      throw new AppError(
        'BAD_FILE',
        `文件「${fileName}」第 ${records + 1} 行起有引号未闭合或单元格过长（超过 ${XLSX_LIMITS.cellChars} 个字符，Excel 单元格的上限），可能不是表格文件或文件被截断。未导入任何数据。`,
      );
    }
    if (whole === '') return null;
    records += countLineFeeds(whole);
    return { text: whole, delimiter, last: false };
  };
  for await (const chunk of fs.createReadStream(filePath, { highWaterMark: 256 * 1024 })) {
    const text = decoder.decode(chunk as Buffer, { stream: true });
    let piece: CsvPiece | null;
    if (!cutter) {
      pending += text;
      const newline = pending.search(/\r?\n/);
      if (newline < 0 && pending.length < 1024 * 1024) continue;
      delimiter = detectDelimiter(newline < 0 ? pending : pending.slice(0, newline));
      cutter = new CsvRecordCutter(delimiter);
      piece = cut(pending);
      pending = '';
    } else {
      piece = cut(text);
    }
    if (piece) yield piece;
  }
  const tail = decoder.decode();
  if (!cutter) {
    delimiter = detectDelimiter(pending);
    cutter = new CsvRecordCutter(delimiter);
  }
  const piece = cut(pending + tail);
  if (piece) yield piece;
  yield { text: cutter.end(), delimiter, last: true };
}

/** Line feeds in a text (an estimate of its records, for messages only). */
function countLineFeeds(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count += 1;
  return count;
}

/**
 * The rows of one piece of a .csv (readCsvPieces), numbered after `rowsBefore` records; empty
 * lines are left out but counted. Refuses the file for a cell longer than Excel allows or, in the
 * last piece, a quote left open.
 */
export function parseCsvPiece(piece: CsvPiece, rowsBefore: number, fileName: string): { rows: SheetRow[]; records: number } {
  const parser = new CsvParser(piece.delimiter, XLSX_LIMITS.cellChars);
  let records: string[][];
  try {
    records = parser.push(piece.text);
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
