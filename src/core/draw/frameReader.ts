// A frame file (draw-spec §2) read as it arrives — from a database COPY stream, a file, an
// upload — in pieces of whole lines, without decoding it into strings: each line is checked
// as parseFrame checks it (two fields, the id rules, class A–U, ids strictly ascending by
// bytes), N_h are counted and the file is hashed on the way. A frame of millions of objects
// is thus frozen (counted and hashed) while it is still being read, and the pieces can be
// handed on to the ticket workers (batchTickets.ts addText) at the same time.
import { bytesToHex, type HashAlgorithm } from '../hash/index.ts';
import { createStreamingHash, type StreamingHash } from '../hash/streaming.ts';
import { compareBytes } from './encoding.ts';
import { DrawError } from './errors.ts';
import { RISK_CLASSES, checkId, type RiskClass } from './frame.ts';

export interface FrozenFrameSummary {
  rows: number;
  counts: Record<RiskClass, number>;
  /** HASH of the file (draw-spec §2), lower-case hex. */
  hash: string;
}

// Bytes an id may not contain: control characters, DEL, lower-case ASCII (frame.ts checkId).
const FORBIDDEN = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) FORBIDDEN[b] = 1;
FORBIDDEN[0x7f] = 1;
for (let b = 0x61; b <= 0x7a; b++) FORBIDDEN[b] = 1;

const CLASS_OF: (RiskClass | undefined)[] = [];
for (const c of RISK_CLASSES) CLASS_OF[c.charCodeAt(0)] = c;

export class FrameReader {
  private readonly hash: StreamingHash;
  private readonly counts: Record<RiskClass, number> = { A: 0, B: 0, C: 0, D: 0, U: 0 };
  private rows = 0;
  /** The previous line's id bytes (copied out of its piece). */
  private previous: Uint8Array = new Uint8Array(0);
  private done = false;

  /** `hash`: another implementation of the same streaming HASH (e.g. node:crypto's on a server). */
  constructor(alg: HashAlgorithm, hash: StreamingHash = createStreamingHash(alg)) {
    this.hash = hash;
  }

  /** Lines read so far. */
  get lines(): number {
    return this.rows;
  }

  /**
   * Checks, counts and hashes the next piece: whole `id\tclass\n` lines. Throws
   * DRAW_BAD_FRAME naming the line (counted over the whole file) and what is wrong.
   */
  update(piece: Uint8Array): void {
    if (this.done) throw new Error('FrameReader: update after finish');
    if (piece.length === 0) return;
    if (piece[piece.length - 1] !== 0x0a) this.bad(this.rows + countLines(piece) + 1, '最后一行必须以换行符结尾（每次只能传入整行）');
    const counts = this.counts;
    let prev = this.previous;
    let prevStart = 0;
    let prevEnd = prev.length;
    let start = 0;
    for (let end = piece.indexOf(0x0a); end >= 0; end = piece.indexOf(0x0a, start)) {
      const line = this.rows + 1;
      const tab = end - 2;
      if (tab < start || piece[tab] !== 0x09) this.bad(line, '每行应为“主体代码<TAB>风险分类”');
      const cls = CLASS_OF[piece[end - 1]!];
      if (cls === undefined) this.bad(line, `风险分类 ${JSON.stringify(decode(piece, end - 1, end))} 不是 A/B/C/D/U 之一`);
      this.checkIdBytes(piece, start, tab, line);
      // The first line compares with no id (empty): always after it.
      if (compareBytes(prev, prevStart, prevEnd, piece, start, tab) >= 0)
        this.bad(line, `主体代码须按字节严格升序且不重复（${decode(prev, prevStart, prevEnd)} 之后是 ${decode(piece, start, tab)}）`);
      counts[cls]++;
      this.rows = line;
      prev = piece;
      prevStart = start;
      prevEnd = tab;
      start = end + 1;
    }
    this.previous = prev.slice(prevStart, prevEnd);
    this.hash.update(piece);
  }

  finish(): FrozenFrameSummary {
    this.done = true;
    return { rows: this.rows, counts: { ...this.counts }, hash: bytesToHex(this.hash.digest()) };
  }

  // The id rules of parseFrame (frame.ts checkId) on bytes: ASCII is checked here; an id with
  // a non-ASCII first or last byte (Unicode spaces to trim) is decoded and checked as text.
  private checkIdBytes(bytes: Uint8Array, start: number, end: number, line: number): void {
    if (end === start) this.bad(line, '主体代码为空');
    for (let i = start; i < end; i++) {
      if (FORBIDDEN[bytes[i]!]) {
        checkId(decode(bytes, start, end), 'DRAW_BAD_FRAME', '抽查名录', line); // names the problem
        this.bad(line, `主体代码 ${JSON.stringify(decode(bytes, start, end))} 含不允许的字符`);
      }
    }
    if (bytes[start] === 0x20 || bytes[end - 1] === 0x20 || bytes[start]! >= 0x80 || bytes[end - 1]! >= 0x80)
      checkId(decode(bytes, start, end), 'DRAW_BAD_FRAME', '抽查名录', line);
  }

  private bad(line: number, problem: string): never {
    throw new DrawError('DRAW_BAD_FRAME', `抽查名录第 ${line} 行：${problem}`, { line });
  }
}

function countLines(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i >= 0; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

const decoder = new TextDecoder();
function decode(bytes: Uint8Array, start: number, end: number): string {
  return decoder.decode(bytes.subarray(start, end));
}
