import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DrawError } from './errors.ts';
import {
  RISK_CLASSES,
  countByClass,
  eligibleEntries,
  fileHash,
  formatExclusions,
  formatFrame,
  parseExclusions,
  parseFrame,
  type FrameEntry,
} from './frame.ts';
import { FrameReader, eligibleCounts } from './frameReader.ts';

// Ids as in real frames (USCC-like ASCII) and some that are not: CJK, a full-width space.
const idArb = fc.oneof(fc.stringMatching(/^[0-9A-HJ-NP-RTUW-Y]{1,18}$/), fc.constantFrom('检查项目甲', 'XM-2025-Ω', 'CP\u3000X', 'Z'));
const frameArb = fc
  .uniqueArray(fc.record({ id: idArb, class: fc.constantFrom(...RISK_CLASSES) }), { selector: (e) => e.id, maxLength: 200 })
  .map((entries) => entries as FrameEntry[]);

// The file cut into pieces of whole lines at the given line numbers.
function piecesOf(text: string, cuts: number[]): Uint8Array[] {
  const lines = text.split(/(?<=\n)/);
  const at = [...new Set(cuts.map((c) => c % (lines.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const to of [...at, lines.length]) {
    out.push(new TextEncoder().encode(lines.slice(from, to).join('')));
    from = to;
  }
  return out;
}

function read(pieces: Uint8Array[]) {
  const reader = new FrameReader('sm3');
  for (const p of pieces) reader.update(p);
  return reader.finish();
}

// The line parseFrame blames, or null when it accepts the text.
function parseFrameLine(text: string): number | null {
  try {
    parseFrame(text);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(DrawError);
    return Number((error as DrawError).details?.line ?? -1);
  }
}

describe('FrameReader (a frame file checked, counted and hashed as it arrives)', () => {
  it('gives the counts and hash of parseFrame + fileHash, however the file is cut', () => {
    fc.assert(
      fc.property(frameArb, fc.array(fc.nat(), { maxLength: 6 }), (entries, cuts) => {
        const text = formatFrame(entries);
        const summary = read(piecesOf(text, cuts));
        expect(summary.rows).toBe(entries.length);
        expect(summary.counts).toEqual(countByClass(parseFrame(text)));
        expect(summary.hash).toBe(fileHash('sm3', text));
      }),
      { numRuns: 300 },
    );
  });

  it('counts per class the lines an exclusions file excludes: counts − excluded are the eligible N_h', () => {
    fc.assert(
      fc.property(
        frameArb,
        fc.array(fc.boolean(), { maxLength: 200 }),
        fc.uniqueArray(idArb, { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (unsorted, pick, strangers, cuts) => {
          const entries = parseFrame(formatFrame(unsorted)); // in id order, as eligibleEntries wants
          // Some of the frame's ids, and ids that are not in the frame (they exclude nothing).
          const ids = new Set([...entries.filter((_, i) => pick[i]).map((e) => e.id), ...strangers]);
          const exclusions = parseExclusions(formatExclusions([...ids].map((id) => ({ id, reason: '非存续', source: '登记状态' }))));
          const text = formatFrame(entries);
          const reader = new FrameReader(
            'sm3',
            undefined,
            exclusions.map((e) => e.id),
          );
          for (const p of piecesOf(text, cuts)) reader.update(p);
          const summary = reader.finish();
          const eligible = countByClass(eligibleEntries(entries, exclusions));
          expect(eligibleCounts(summary)).toEqual(eligible);
          expect(summary.counts).toEqual(countByClass(entries));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses exactly what parseFrame refuses, at the same line', () => {
    // One line of a valid frame replaced by something that may be wrong (or may still fit).
    const lineArb = fc.oneof(
      fc.constantFrom(
        '91140581MA0WE0011X\tE',
        'abc\tA',
        '\tA',
        'X\tA\tB',
        'X A',
        ' X\tA',
        'X\u3000\tB',
        'X\rY\tC',
        '00\tA',
        'ZZZZ\tD',
        'X\tAA',
      ),
      fc.string({ maxLength: 6 }).map((s) => `${s}\tB`),
    );
    fc.assert(
      fc.property(frameArb, fc.nat(), lineArb, fc.array(fc.nat(), { maxLength: 4 }), (entries, where, line, cuts) => {
        const lines = formatFrame(entries).split('\n').slice(0, -1);
        lines.splice(where % (lines.length + 1), 0, line.replace(/\n/g, ''));
        const text = `${lines.join('\n')}\n`;
        const expected = parseFrameLine(text);
        let found: number | null = null;
        try {
          read(piecesOf(text, cuts));
        } catch (error) {
          expect(error).toBeInstanceOf(DrawError);
          expect((error as DrawError).code).toBe('DRAW_BAD_FRAME');
          found = Number((error as DrawError).details?.line ?? -1);
        }
        expect(found).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('names the line and the problem, and wants whole lines', () => {
    const reader = new FrameReader('sm3');
    reader.update(new TextEncoder().encode('91140581MA0WE0011X\tA\n'));
    expect(() => reader.update(new TextEncoder().encode('91140581MA0WE0010X\tB\n'))).toThrow(
      '抽查名录第 2 行：主体代码须按字节严格升序且不重复（91140581MA0WE0011X 之后是 91140581MA0WE0010X）',
    );
    expect(() => new FrameReader('sm3').update(new TextEncoder().encode('X\tA\nY\tB'))).toThrow(/第 2 行.*换行符/);
    expect(() => new FrameReader('sm3').update(new TextEncoder().encode('X\tQ\n'))).toThrow(
      '抽查名录第 1 行：风险分类 "Q" 不是 A/B/C/D/U 之一',
    );
  });
});
