// A frame file (docs/draw-spec.md §2) read as it arrives — from a database COPY stream, a file, an
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
  /** Lines per class, the whole frame. */
  counts: Record<RiskClass, number>;
  /**
   * Per class, the lines whose id is in the exclusion list given to the reader (an excluded id
   * that is not in the frame counts nowhere). The eligible N_h are counts − excluded.
   */
  excluded: Record<RiskClass, number>;
  /** HASH of the file (docs/draw-spec.md §2), lower-case hex. */
  hash: string;
}

/** The eligible N_h of a frame read with its exclusions: counts − excluded, per class. */
export function eligibleCounts(summary: FrozenFrameSummary): Record<RiskClass, number> {
  return Object.fromEntries(RISK_CLASSES.map((c) => [c, summary.counts[c] - summary.excluded[c]])) as Record<RiskClass, number>;
}

// Bytes an id may not contain: control characters (so also the tab and the newline that end
// it), DEL, lower-case ASCII (frame.ts checkId).
const FORBIDDEN = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) FORBIDDEN[b] = 1;
FORBIDDEN[0x7f] = 1;
for (let b = 0x61; b <= 0x7a; b++) FORBIDDEN[b] = 1;

// Index into RISK_CLASSES by the class letter's byte, -1 for any other byte.
const CLASS_CODE = new Int8Array(256).fill(-1);
RISK_CLASSES.forEach((c, i) => (CLASS_CODE[c.charCodeAt(0)] = i));

export class FrameReader {
  private readonly hash: StreamingHash;
  /** N_h by index into RISK_CLASSES. */
  private readonly counts = new Float64Array(RISK_CLASSES.length);
  private readonly excludedCounts = new Float64Array(RISK_CLASSES.length);
  /** Excluded ids as UTF-8, ascending by bytes, and the next one not yet passed. */
  private readonly exclusions: readonly Uint8Array[];
  private nextExclusion = 0;
  private rows = 0;
  /** The previous line's id bytes (copied out of its piece). */
  private previous: Uint8Array = new Uint8Array(0);
  private done = false;

  /**
   * `hash`: another implementation of the same streaming HASH (e.g. node:crypto's on a server).
   * `excludedIds`: the ids of the group's exclusions file, in its order (ascending by bytes, as
   * parseExclusions requires); the reader then also counts, per class, the lines they exclude.
   */
  constructor(alg: HashAlgorithm, hash: StreamingHash = createStreamingHash(alg), excludedIds: readonly string[] = []) {
    this.hash = hash;
    const encoder = new TextEncoder();
    this.exclusions = excludedIds.map((id) => encoder.encode(id));
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
    let rows = this.rows;
    let start = 0;
    const length = piece.length;
    while (start < length) {
      // The id runs up to the first byte it may not contain; in a good line that is the tab,
      // followed by a class letter and the line's end. Anything else is re-read by the
      // line-by-line rules for a precise message (the piece ends with \n, so the scan stops).
      let tab = start;
      while (FORBIDDEN[piece[tab]!] === 0) tab++;
      const code = piece[tab] === 0x09 && piece[tab + 2] === 0x0a ? CLASS_CODE[piece[tab + 1]!]! : -1;
      if (code < 0 || tab === start) this.badLine(piece, start, rows + 1);
      const first = piece[start]!;
      const last = piece[tab - 1]!;
      if (first === 0x20 || last === 0x20 || first >= 0x80 || last >= 0x80)
        checkId(decode(piece, start, tab), 'DRAW_BAD_FRAME', '抽查名录', rows + 1);
      // Strictly ascending by bytes (the first line compares with no id: always after it).
      if (compareBytes(prev, prevStart, prevEnd, piece, start, tab) >= 0)
        this.bad(rows + 1, `主体代码须按字节严格升序且不重复（${decode(prev, prevStart, prevEnd)} 之后是 ${decode(piece, start, tab)}）`);
      counts[code] = counts[code]! + 1;
      if (this.nextExclusion < this.exclusions.length) this.matchExclusion(piece, start, tab, code);
      rows++;
      prev = piece;
      prevStart = start;
      prevEnd = tab;
      start = tab + 3;
    }
    this.rows = rows;
    this.previous = prev.slice(prevStart, prevEnd);
    this.hash.update(piece);
  }

  finish(): FrozenFrameSummary {
    this.done = true;
    const byClass = (values: Float64Array) => Object.fromEntries(RISK_CLASSES.map((c, i) => [c, values[i]!])) as Record<RiskClass, number>;
    return { rows: this.rows, counts: byClass(this.counts), excluded: byClass(this.excludedCounts), hash: bytesToHex(this.hash.digest()) };
  }

  // Both lists ascend by bytes: pass the excluded ids below this line's id, count a match.
  private matchExclusion(piece: Uint8Array, start: number, end: number, code: number): void {
    const exclusions = this.exclusions;
    let x = this.nextExclusion;
    let order = compareBytes(exclusions[x]!, 0, exclusions[x]!.length, piece, start, end);
    while (order < 0 && ++x < exclusions.length) order = compareBytes(exclusions[x]!, 0, exclusions[x]!.length, piece, start, end);
    if (order === 0) {
      this.excludedCounts[code] = this.excludedCounts[code]! + 1;
      x++;
    }
    this.nextExclusion = x;
  }

  // A line the fast scan did not accept: the rules one by one, for the message.
  private badLine(piece: Uint8Array, start: number, line: number): never {
    const end = piece.indexOf(0x0a, start);
    const tab = end - 2;
    if (tab < start || piece[tab] !== 0x09) this.bad(line, '每行应为“主体代码<TAB>风险分类”');
    if (CLASS_CODE[piece[end - 1]!]! < 0) this.bad(line, `风险分类 ${JSON.stringify(decode(piece, end - 1, end))} 不是 A/B/C/D/U 之一`);
    if (tab === start) this.bad(line, '主体代码为空');
    checkId(decode(piece, start, tab), 'DRAW_BAD_FRAME', '抽查名录', line); // names the problem
    this.bad(line, `主体代码 ${JSON.stringify(decode(piece, start, tab))} 含不允许的字符`);
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
