// The limits an uploaded .xlsx must respect before and while it is read. An .xlsx is a zip of
// XML files: a few megabytes can expand to gigabytes (a "zip bomb"), and a file cut short has
// no directory at its end. Before exceljs sees a file we read the zip's central directory
// (sizes as declared, compression ratio, every entry inside the file); while exceljs reads it,
// the XML reader (exceljs.ts) counts what it really decompresses: bytes per part, shared
// strings, characters per cell. Any breach is a BAD_FILE refusal in Chinese.
import fs from 'node:fs';
import { AppError } from '../http/errors.ts';

export const XLSX_LIMITS = {
  /** Sum of the declared uncompressed sizes of all parts. */
  totalBytes: 1024 * 1024 * 1024,
  /** One XML part as really decompressed while reading. */
  partBytes: 1024 * 1024 * 1024,
  /** The shared-strings part, held in memory while a sheet is read. */
  sharedStringsBytes: 100 * 1024 * 1024,
  /** Number of shared strings. */
  sharedStrings: 2_000_000,
  /** Characters in one cell (Excel's own limit). */
  cellChars: 32_767,
  /** Uncompressed ÷ compressed for a part above 1 MB; real workbooks stay far below. */
  ratio: 200,
  /** Parts in the archive. */
  entries: 10_000,
} as const;

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** A breach of a limit found while streaming; spreadsheet.ts turns it into a BAD_FILE naming the file. */
export class XlsxLimitError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'XlsxLimitError';
  }
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, position);
  return buffer.subarray(0, read);
}

/** One part of an .xlsx as its zip directory declares it. */
export interface XlsxPart {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressed: number;
  uncompressed: number;
  /** Offset in the file of the part's (compressed) data. */
  dataStart: number;
}

/**
 * Checks an .xlsx's zip structure and declared sizes without decompressing anything; throws a
 * BAD_FILE naming the file and the fix. Fast (reads the directory only). Returns the parts.
 */
export function checkXlsxArchive(filePath: string, fileName: string): XlsxPart[] {
  const damaged = (what: string) =>
    new AppError(
      'BAD_FILE',
      `Excel 文件「${fileName}」已损坏或不完整（${what}），未导入任何数据。请用 Excel 打开确认后重新保存为 .xlsx 再导入。`,
    );
  const tooBig = (what: string) =>
    new AppError(
      'BAD_FILE',
      `Excel 文件「${fileName}」${what}，超出导入上限，未导入任何数据。请删除无关的工作表或内容、拆分文件后分批导入。`,
    );
  const fd = fs.openSync(filePath, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = readAt(fd, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i -= 1) {
      if (tail.readUInt32LE(i) === EOCD_SIGNATURE) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw damaged('文件结尾缺少压缩目录，文件可能在传输或保存时被截断');
    const entries = tail.readUInt16LE(eocd + 10);
    const directorySize = tail.readUInt32LE(eocd + 12);
    const directoryOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || directoryOffset === 0xffffffff) throw tooBig('使用了超大压缩格式（ZIP64）');
    if (entries > XLSX_LIMITS.entries) throw tooBig(`包含 ${entries} 个内部文件`);
    if (directoryOffset + directorySize > size - tailLength + eocd) throw damaged('压缩目录指向文件之外，文件可能被截断');
    const directory = readAt(fd, directoryOffset, directorySize);
    let total = 0;
    let at = 0;
    const parts: XlsxPart[] = [];
    for (let n = 0; n < entries; n += 1) {
      if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw damaged('压缩目录不完整');
      const method = directory.readUInt16LE(at + 10);
      const compressed = directory.readUInt32LE(at + 20);
      const uncompressed = directory.readUInt32LE(at + 24);
      const nameLength = directory.readUInt16LE(at + 28);
      const extraLength = directory.readUInt16LE(at + 30);
      const commentLength = directory.readUInt16LE(at + 32);
      const localOffset = directory.readUInt32LE(at + 42);
      const name = directory.subarray(at + 46, at + 46 + nameLength).toString('utf8');
      at += 46 + nameLength + extraLength + commentLength;
      if (compressed === 0xffffffff || uncompressed === 0xffffffff || localOffset === 0xffffffff)
        throw tooBig('使用了超大压缩格式（ZIP64）');
      if (method !== 0 && method !== 8) throw damaged('使用了不支持的压缩方式');
      const local = readAt(fd, localOffset, 30);
      if (local.length < 30 || local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw damaged('压缩数据不完整');
      const dataStart = localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      if (dataStart + compressed > directoryOffset) throw damaged('压缩数据不完整，文件可能被截断');
      parts.push({ name, method, compressed, uncompressed, dataStart });
      total += uncompressed;
      if (total > XLSX_LIMITS.totalBytes) throw tooBig(`解压后超过 ${MB(XLSX_LIMITS.totalBytes)}`);
      if (/sharedStrings\.xml$/i.test(name) && uncompressed > XLSX_LIMITS.sharedStringsBytes) {
        throw tooBig(`的共享文字部分解压后超过 ${MB(XLSX_LIMITS.sharedStringsBytes)}`);
      }
      if (uncompressed > 1024 * 1024 && uncompressed > compressed * XLSX_LIMITS.ratio) {
        throw tooBig(`中有部分内容压缩比异常（${Math.round(uncompressed / Math.max(compressed, 1))} 倍，疑似“压缩炸弹”）`);
      }
    }
    return parts;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Counts what one XML part really decompresses to while it is parsed; throws XlsxLimitError
 * on a breach. One instance per part (exceljs.ts creates it).
 */
export class XmlPartBudget {
  private bytes = 0;
  private sinceTag = 0;
  private sharedStrings = 0;
  private isSharedStrings = false;

  /** A chunk of decoded XML text and the decompressed bytes it came from. */
  chunk(text: string, bytes: number): void {
    this.bytes += bytes;
    const limit = this.isSharedStrings ? XLSX_LIMITS.sharedStringsBytes : XLSX_LIMITS.partBytes;
    if (this.bytes > limit) {
      throw new XlsxLimitError(this.isSharedStrings ? `共享文字部分解压后超过 ${MB(limit)}` : `某个部件解压后超过 ${MB(limit)}`);
    }
    // A cell's text is the run between two tags; stop before the parser gathers a huge one.
    const lastTag = text.lastIndexOf('<');
    this.sinceTag = lastTag < 0 ? this.sinceTag + text.length : text.length - lastTag;
    if (this.sinceTag > XLSX_LIMITS.cellChars * 8) this.cellTooLong();
  }

  opentag(name: string): void {
    if (name === 'sst') this.isSharedStrings = true;
    if (name === 'si' && ++this.sharedStrings > XLSX_LIMITS.sharedStrings) {
      throw new XlsxLimitError(`共享文字超过 ${XLSX_LIMITS.sharedStrings} 条`);
    }
  }

  text(value: string): void {
    if (value.length > XLSX_LIMITS.cellChars) this.cellTooLong();
  }

  private cellTooLong(): never {
    throw new XlsxLimitError(`有单元格超过 ${XLSX_LIMITS.cellChars} 个字符（Excel 单元格的上限）`);
  }
}
