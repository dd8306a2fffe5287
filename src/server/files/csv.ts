// Streaming CSV (RFC 4180) parsing with encoding detection: files from Chinese offices are
// often GBK/GB18030 (Excel's default "CSV" on a Chinese Windows), sometimes UTF-8 with a BOM.

export type TextEncodingName = 'utf-8' | 'gb18030';

/** UTF-8 when the head is valid UTF-8 (or has a BOM), else GB18030 (a superset of GBK). */
export function detectTextEncoding(head: Uint8Array): TextEncodingName {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  // Ignore a possibly cut multi-byte character at the end of the sample.
  let end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back += 1) {
    const byte = head[end - back]!;
    if ((byte & 0xc0) === 0xc0) {
      end -= back;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, end));
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

/** Comma, unless the first line has tabs and no commas (TSV / pasted tables). */
export function detectDelimiter(firstLine: string): ',' | '\t' {
  return firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
}

/**
 * Incremental CSV parser: feed text chunks, get complete records. Handles quoted fields with
 * embedded delimiters, quotes ("") and line breaks; CRLF or LF line ends.
 */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  private quotePending = false; // saw a quote inside quotes: either "" or the closing quote
  private lastWasCR = false;
  private readonly delimiterCode: number;
  /** A field grew beyond maxFieldChars: the rest of it is dropped; the reader refuses the file. */
  fieldTooLong = false;
  constructor(
    delimiter: string,
    private readonly maxFieldChars = Infinity,
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
  }

  /** Appends text[from, to) to the current field, up to maxFieldChars. */
  private append(text: string, from: number, to: number): void {
    if (to <= from) return;
    const room = this.maxFieldChars - this.field.length;
    if (to - from <= room) this.field += text.slice(from, to);
    else {
      if (room > 0) this.field += text.slice(from, from + room);
      this.fieldTooLong = true;
    }
  }

  // Runs of plain characters are found by scanning char codes and taken with one slice (no
  // string built character by character): the parse of a large file costs about one pass.
  push(text: string): string[][] {
    const out: string[][] = [];
    const n = text.length;
    const delimiter = this.delimiterCode;
    let i = 0;
    while (i < n) {
      if (this.lastWasCR) {
        this.lastWasCR = false;
        if (text.charCodeAt(i) === 0x0a) {
          i += 1;
          continue;
        }
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (text.charCodeAt(i) === 0x22) {
            this.field += '"';
            i += 1;
            continue;
          }
          this.inQuotes = false; // the quote closed the field; handle this character below
        } else {
          const quote = text.indexOf('"', i);
          const end = quote < 0 ? n : quote;
          this.append(text, i, end);
          if (quote < 0) break;
          this.quotePending = true;
          i = quote + 1;
          continue;
        }
      }
      if (text.charCodeAt(i) === 0x22 && this.field === '') {
        this.inQuotes = true;
        i += 1;
        continue;
      }
      let j = i;
      let code = 0;
      while (j < n) {
        code = text.charCodeAt(j);
        if (code === delimiter || code === 0x0a || code === 0x0d) break;
        j += 1;
      }
      this.append(text, i, j);
      if (j >= n) break;
      this.record.push(this.field);
      this.field = '';
      if (code !== delimiter) {
        this.lastWasCR = code === 0x0d;
        out.push(this.record);
        this.record = [];
      }
      i = j + 1;
    }
    return out;
  }

  /** Flushes the last record (a file without a trailing newline). */
  end(): string[][] {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) throw new Error('unterminated quoted field');
    if (this.field === '' && this.record.length === 0) return [];
    this.record.push(this.field);
    const last = this.record;
    this.record = [];
    this.field = '';
    return [last];
  }
}

/**
 * A text cell of an exported file that a spreadsheet program would run as a formula (it begins
 * with = + - @, a tab or a carriage return) gets a leading apostrophe, so it is shown as text
 * ("CSV injection"). Every export goes through this (writeXlsx, writeCsv, the streaming entity
 * export, the plan export); reading a file takes the apostrophe off again (restoreExportedText).
 */
export function neutraliseFormula<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The inverse of neutraliseFormula, for cells read from a file this platform exported. */
export function restoreExportedText(text: string): string {
  // XML turns a written CR into LF, hence \n. Most cells do not begin with an apostrophe.
  return text.charCodeAt(0) === 0x27 && /^'[=+\-@\t\r\n]/.test(text) ? text.slice(1) : text;
}

function csvField(value: string | number | null | undefined): string {
  const text = String(neutraliseFormula(value ?? ''));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV file (UTF-8 with BOM, CRLF, RFC 4180 quoting) that Excel on a Chinese Windows opens correctly. */
export function writeCsv(
  columns: ReadonlyArray<{ header: string; key: string }>,
  rows: ReadonlyArray<Record<string, string | number | null | undefined>>,
): string {
  const lines = [
    columns.map((c) => csvField(c.header)).join(','),
    ...rows.map((row) => columns.map((c) => csvField(row[c.key])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
