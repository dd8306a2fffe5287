// Frame and exclusion files (docs/draw-spec.md §2): the frozen, hashed inputs of one group.
//   frame:      `id\tclass\n` per eligible object, sorted by id bytes, no duplicates
//   exclusions: `id\treason\tsource\n`, sorted by id
// The parsers refuse anything else rather than normalise it: the hash is over the file
// exactly as published, so two different texts must never mean the same frame.
import { hashHex, type HashAlgorithm } from '../hash/index.ts';
import { compareUtf8 } from './encoding.ts';
import { DrawError } from './errors.ts';

export const RISK_CLASSES = ['A', 'B', 'C', 'D', 'U'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

export interface FrameEntry {
  id: string;
  class: RiskClass;
}

export interface Exclusion {
  id: string;
  reason: string;
  source: string;
}

/** Parses a frame file (docs/draw-spec.md §2). Throws DRAW_BAD_FRAME naming the line. */
export function parseFrame(text: string): FrameEntry[] {
  const entries: FrameEntry[] = [];
  forEachLine(text, 'DRAW_BAD_FRAME', '抽查名录', (fields, lineNo) => {
    if (fields.length !== 2) badLine('DRAW_BAD_FRAME', '抽查名录', lineNo, '每行应为“主体代码<TAB>风险分类”');
    const [id, cls] = fields as [string, string];
    checkId(id, 'DRAW_BAD_FRAME', '抽查名录', lineNo);
    if (!isRiskClass(cls)) badLine('DRAW_BAD_FRAME', '抽查名录', lineNo, `风险分类 ${JSON.stringify(cls)} 不是 A/B/C/D/U 之一`);
    const prev = entries[entries.length - 1];
    if (prev && compareUtf8(prev.id, id) >= 0) {
      badLine('DRAW_BAD_FRAME', '抽查名录', lineNo, `主体代码须按字节严格升序且不重复（${prev.id} 之后是 ${id}）`);
    }
    entries.push({ id, class: cls });
  });
  return entries;
}

/** Parses an exclusions file (docs/draw-spec.md §2, §7). Throws DRAW_BAD_EXCLUSIONS naming the line. */
export function parseExclusions(text: string): Exclusion[] {
  const entries: Exclusion[] = [];
  forEachLine(text, 'DRAW_BAD_EXCLUSIONS', '排除名单', (fields, lineNo) => {
    if (fields.length !== 3) badLine('DRAW_BAD_EXCLUSIONS', '排除名单', lineNo, '每行应为“主体代码<TAB>排除原因<TAB>依据”');
    const [id, reason, source] = fields as [string, string, string];
    checkId(id, 'DRAW_BAD_EXCLUSIONS', '排除名单', lineNo);
    // docs/draw-spec.md §7: every exclusion names its source, so a verifier can rebuild it.
    if (reason === '' || source === '') badLine('DRAW_BAD_EXCLUSIONS', '排除名单', lineNo, '排除原因和依据都不能为空');
    const prev = entries[entries.length - 1];
    // Choice (docs/draw-spec.md §2 says "sorted by id"): one line per id, strictly ascending;
    // several reasons for one id are joined into one line by the producer.
    if (prev && compareUtf8(prev.id, id) >= 0) {
      badLine('DRAW_BAD_EXCLUSIONS', '排除名单', lineNo, `主体代码须按字节严格升序且不重复（${prev.id} 之后是 ${id}）`);
    }
    entries.push({ id, reason, source });
  });
  return entries;
}

/** Writes a frame file from entries in any order (docs/draw-spec.md §2). Refuses duplicate ids. */
export function formatFrame(entries: readonly FrameEntry[]): string {
  const sorted = [...entries].sort((a, b) => compareUtf8(a.id, b.id));
  const text = sorted.map((e) => `${e.id}\t${e.class}\n`).join('');
  parseFrame(text); // the writer must only produce what the parser accepts
  return text;
}

/** Writes an exclusions file from entries in any order (docs/draw-spec.md §2). */
export function formatExclusions(entries: readonly Exclusion[]): string {
  const sorted = [...entries].sort((a, b) => compareUtf8(a.id, b.id));
  const text = sorted.map((e) => `${e.id}\t${e.reason}\t${e.source}\n`).join('');
  parseExclusions(text);
  return text;
}

/** HASH(file) for a frame or exclusions file (docs/draw-spec.md §2); the empty file when none. */
export function fileHash(alg: HashAlgorithm, text: string): string {
  return hashHex(alg, text);
}

/** The eligible objects: frame minus exclusions, still in id order (docs/draw-spec.md §4). */
export function eligibleEntries(frame: readonly FrameEntry[], exclusions: readonly Exclusion[]): FrameEntry[] {
  const out: FrameEntry[] = [];
  let x = 0;
  for (const entry of frame) {
    while (x < exclusions.length && compareUtf8(exclusions[x]!.id, entry.id) < 0) x++;
    if (x < exclusions.length && exclusions[x]!.id === entry.id) continue;
    out.push(entry);
  }
  return out;
}

/** N_h per class over eligible objects (docs/draw-spec.md §4), every class present, zero if none. */
export function countByClass(entries: readonly FrameEntry[]): Record<RiskClass, number> {
  const counts: Record<RiskClass, number> = { A: 0, B: 0, C: 0, D: 0, U: 0 };
  for (const e of entries) counts[e.class]++;
  return counts;
}

export function isRiskClass(value: unknown): value is RiskClass {
  return typeof value === 'string' && (RISK_CLASSES as readonly string[]).includes(value);
}

function forEachLine(
  text: string,
  code: 'DRAW_BAD_FRAME' | 'DRAW_BAD_EXCLUSIONS',
  what: string,
  visit: (fields: string[], lineNo: number) => void,
): void {
  if (typeof text !== 'string') throw new DrawError(code, `${what}必须是文本`);
  if (text === '') return;
  if (!text.endsWith('\n')) throw new DrawError(code, `${what}的最后一行必须以换行符结尾`, {});
  const lines = text.split('\n');
  lines.pop();
  lines.forEach((line, i) => visit(line.split('\t'), i + 1));
}

// docs/draw-spec.md §1: ids are real-world public codes, upper-case. Choice: no lower-case ASCII
// letters, no control characters and no surrounding spaces in any id, so that two
// spellings of one object cannot both appear.
export function checkId(id: string, code: 'DRAW_BAD_FRAME' | 'DRAW_BAD_EXCLUSIONS', what: string, lineNo: number): void {
  if (id === '') badLine(code, what, lineNo, '主体代码为空');
  if (/[\u0000-\u001f\u007f]/.test(id)) badLine(code, what, lineNo, '主体代码含控制字符（如 \\r）');
  if (/[a-z]/.test(id)) badLine(code, what, lineNo, `主体代码 ${id} 含小写字母，应使用大写`);
  if (id.trim() !== id) badLine(code, what, lineNo, `主体代码 ${JSON.stringify(id)} 首尾有空格`);
}

function badLine(code: 'DRAW_BAD_FRAME' | 'DRAW_BAD_EXCLUSIONS', what: string, lineNo: number, problem: string): never {
  throw new DrawError(code, `${what}第 ${lineNo} 行：${problem}`, { line: lineNo });
}
