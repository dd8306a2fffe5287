// The malformed-file corpus of the standing attack suite: files an import endpoint must refuse
// quickly and clearly, writing nothing and leaving no temporary file. Zip bombs of each kind
// (declared, lying about their size, shared-string count, one huge cell, rows without numbers),
// a real workbook truncated at many offsets, renamed files and wrong text encodings. Built in
// memory with a small zip writer, so the corpus needs no fixtures and no extra dependency.
import zlib from 'node:zlib';
import { writeXlsx } from '../files/spreadsheet.ts';

export interface CorpusFile {
  /** What the file is, for test names. */
  label: string;
  fileName: string;
  bytes: Uint8Array;
}

/**
 * Deflates `repeat` copies of `unit` between `head` and `tail` without holding the expansion in
 * memory: one block of about 1 MB is compressed once (ending in a sync flush, so raw deflate
 * segments can follow each other) and repeated.
 */
function deflateRepeated(head: string, unit: string, repeat: number, tail: string): { data: Buffer; size: number; crc: number } {
  const unitBuffer = Buffer.from(unit);
  const perBlock = Math.max(1, Math.floor((1024 * 1024) / unitBuffer.length));
  const segment = (buffer: Buffer, last = false) =>
    zlib.deflateRawSync(buffer, { level: 9, finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH });
  const headBuffer = Buffer.from(head);
  const tailBuffer = Buffer.from(tail);
  const out: Buffer[] = [segment(headBuffer)];
  let crc = zlib.crc32(headBuffer);
  const block = Buffer.concat(Array.from({ length: Math.min(perBlock, repeat) }, () => unitBuffer));
  const blockDeflated = segment(block);
  let left = repeat;
  while (left > 0) {
    const n = Math.min(left, perBlock);
    const piece = n === perBlock ? block : block.subarray(0, n * unitBuffer.length);
    out.push(n === perBlock ? blockDeflated : segment(piece));
    crc = zlib.crc32(piece, crc);
    left -= n;
  }
  out.push(segment(tailBuffer, true));
  crc = zlib.crc32(tailBuffer, crc);
  return { data: Buffer.concat(out), size: headBuffer.length + unitBuffer.length * repeat + tailBuffer.length, crc };
}

interface BuiltPart {
  name: string;
  data: Buffer;
  size: number;
  crc: number;
  method: 0 | 8;
}

function textPart(name: string, text: string): BuiltPart {
  const raw = Buffer.from(text);
  return { name, data: zlib.deflateRawSync(raw), size: raw.length, crc: zlib.crc32(raw), method: 8 };
}

/** A zip file from parts (data descriptors not used; sizes in the headers). */
function zip(parts: BuiltPart[], declared: Record<string, number> = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name);
    const size = declared[part.name] ?? part.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(part.method, 8);
    local.writeUInt32LE(part.crc >>> 0, 14);
    local.writeUInt32LE(part.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(part.method, 10);
    central.writeUInt32LE(part.crc >>> 0, 16);
    central.writeUInt32LE(part.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, part.data);
    centrals.push(central, name);
    offset += 30 + name.length + part.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = `</sheetData></worksheet>`;
const SST_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`;

/** A header row whose cells point at shared strings 0 and 1, then one data row of inline text. */
const HEADER_ROWS = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>91140581MA0L12345X</t></is></c><c r="B2" t="inlineStr"><is><t>某公司</t></is></c></row>`;
const SST_HEADER = `<si><t>统一社会信用代码</t></si><si><t>名称</t></si>`;

function workbook(sheet: BuiltPart, sharedStrings: BuiltPart, declared: Record<string, number> = {}): Buffer {
  return zip(
    [
      textPart('[Content_Types].xml', CONTENT_TYPES),
      textPart('_rels/.rels', ROOT_RELS),
      textPart('xl/workbook.xml', WORKBOOK),
      textPart('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
      sharedStrings,
      sheet,
    ],
    declared,
  );
}

function repeatedPart(name: string, head: string, unit: string, repeat: number, tail: string): BuiltPart {
  const { data, size, crc } = deflateRepeated(head, unit, repeat, tail);
  return { name, data, size, crc, method: 8 };
}

const plainSheet = () => textPart('xl/worksheets/sheet1.xml', SHEET_HEAD + HEADER_ROWS + SHEET_TAIL);
const plainStrings = () => textPart('xl/sharedStrings.xml', `${SST_HEAD}${SST_HEADER}</sst>`);

/** Zip bombs of each kind. Each expands far beyond a limit of files/xlsxLimits.ts. */
export function zipBombs(): CorpusFile[] {
  const stringsBomb = repeatedPart('xl/sharedStrings.xml', SST_HEAD + SST_HEADER, `<si><t>${'啊'.repeat(60)}</t></si>`, 700_000, '</sst>'); // ≈130 MB
  const countBomb = repeatedPart('xl/sharedStrings.xml', SST_HEAD + SST_HEADER, '<si><t>a</t></si>', 2_100_000, '</sst>'); // 2.1 M strings, 36 MB
  const cellBomb = repeatedPart(
    'xl/worksheets/sheet1.xml',
    SHEET_HEAD + HEADER_ROWS + '<row r="3"><c r="A3" t="inlineStr"><is><t>',
    'x',
    20_000_000,
    '</t></is></c></row>' + SHEET_TAIL,
  );
  const rowBomb = repeatedPart(
    'xl/worksheets/sheet1.xml',
    SHEET_HEAD + HEADER_ROWS,
    '<row><c t="inlineStr"><is><t>=1</t></is></c></row>',
    3_000_000,
    SHEET_TAIL,
  ); // ≈130 MB, no row numbers
  const honest = (part: BuiltPart) =>
    workbook(part.name.includes('sheet1') ? part : plainSheet(), part.name.includes('shared') ? part : plainStrings());
  // A liar declares a small size in both headers; only counting while reading catches it.
  const liar = (part: BuiltPart) =>
    workbook(part.name.includes('sheet1') ? part : plainSheet(), part.name.includes('shared') ? part : plainStrings(), {
      [part.name]: 4096,
    });
  const declaredHuge = zip(
    [
      textPart('[Content_Types].xml', CONTENT_TYPES),
      textPart('_rels/.rels', ROOT_RELS),
      textPart('xl/workbook.xml', WORKBOOK),
      textPart('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
      plainStrings(),
      plainSheet(),
    ],
    { 'xl/worksheets/sheet1.xml': 0xfffffff0 },
  );
  return [
    { label: 'shared strings expanding to 130 MB', fileName: '共享文字炸弹.xlsx', bytes: honest(stringsBomb) },
    { label: 'shared strings expanding to 130 MB, size declared small', fileName: '共享文字炸弹-谎报.xlsx', bytes: liar(stringsBomb) },
    { label: '2.1 million shared strings, size declared small', fileName: '共享文字条数炸弹.xlsx', bytes: liar(countBomb) },
    { label: 'one cell of 20 million characters', fileName: '超长单元格.xlsx', bytes: honest(cellBomb) },
    { label: 'one cell of 20 million characters, size declared small', fileName: '超长单元格-谎报.xlsx', bytes: liar(cellBomb) },
    { label: '3 million rows without row numbers', fileName: '无行号行炸弹.xlsx', bytes: honest(rowBomb) },
    { label: 'a part declared as 4 GB', fileName: '声明超大.xlsx', bytes: declaredHuge },
  ];
}

/** A real workbook (as the platform exports one) cut at many offsets. */
export async function truncatedWorkbooks(offsets = 12): Promise<CorpusFile[]> {
  const rows = Array.from({ length: 3000 }, (_, i) => ({
    a: `91140581MA0L${String(i).padStart(5, '0')}X`,
    b: `某某市某某有限公司第${i}号`,
    c: `某县某镇某村${i}号`,
  }));
  const full = await writeXlsx([
    {
      name: '检查对象',
      columns: [
        { header: '统一社会信用代码', key: 'a' },
        { header: '名称', key: 'b' },
        { header: '住所', key: 'c' },
      ],
      rows,
    },
  ]);
  const files: CorpusFile[] = [];
  for (let k = 1; k <= offsets; k += 1) {
    const cut = Math.floor((full.length * k) / (offsets + 1));
    files.push({
      label: `workbook truncated at ${cut} of ${full.length} bytes`,
      fileName: `截断-${k}.xlsx`,
      bytes: new Uint8Array(full.subarray(0, cut)),
    });
  }
  files.push({
    label: 'workbook missing its last byte',
    fileName: '截断-末尾.xlsx',
    bytes: new Uint8Array(full.subarray(0, full.length - 1)),
  });
  return files;
}

/** Files whose name says one thing and whose content another, and text in wrong encodings. */
export function renamedAndMisencoded(): CorpusFile[] {
  const utf16 = Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    Buffer.from('统一社会信用代码,名称\r\n91140581MA0L12345X,某公司\r\n', 'utf16le'),
  ]);
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const otherZip = zip([textPart('readme.txt', '这不是 Excel 工作簿')]);
  const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
  const latin1 = Buffer.from([0xc4, 0xe3, 0xba, 0xc3, 0x2c, 0xe9, 0xe8, 0xff, 0xfe, 0x0a, 0xe0, 0xe1, 0x2c, 0xf0, 0x0a]);
  const unclosedQuote = Buffer.from(`统一社会信用代码,名称\n91140581MA0L12345X,"某公司\n${'x'.repeat(100_000)}`);
  return [
    { label: 'PDF renamed .xlsx', fileName: '名录.xlsx', bytes: pdf },
    { label: 'PNG renamed .csv', fileName: '名录.csv', bytes: png },
    { label: 'a zip without a workbook renamed .xlsx', fileName: '名录压缩包.xlsx', bytes: otherZip },
    { label: 'xlsx renamed .csv', fileName: '名录.csv', bytes: zip([textPart('xl/workbook.xml', WORKBOOK)]) },
    { label: 'Excel 97-2003 (.xls)', fileName: '名录.xls', bytes: ole2 },
    { label: 'UTF-16 text', fileName: '名录-UTF16.csv', bytes: utf16 },
    { label: 'Latin-1 bytes', fileName: '名录-乱码.csv', bytes: latin1 },
    { label: 'a quote never closed', fileName: '名录-引号.csv', bytes: unclosedQuote },
    { label: 'an empty file', fileName: '空文件.xlsx', bytes: new Uint8Array(0) },
    { label: 'a file of an unknown type', fileName: '名录.docx', bytes: Buffer.from('hello') },
  ];
}
