import { describe, expect, it } from 'vitest';
import { DrawError } from './errors.ts';
import { countByClass, eligibleEntries, fileHash, formatExclusions, formatFrame, parseExclusions, parseFrame } from './frame.ts';

const A = '91140581MA0WE0011X';
const B = '91140581MA0WE0029L';
const C = '91140581MA0WE0045A';

describe('frame file (docs/draw-spec.md §2)', () => {
  it('formats sorted id<TAB>class lines and parses them back', () => {
    const text = formatFrame([
      { id: C, class: 'D' },
      { id: A, class: 'A' },
      { id: B, class: 'U' },
    ]);
    expect(text).toBe(`${A}\tA\n${B}\tU\n${C}\tD\n`);
    expect(parseFrame(text).map((e) => e.id)).toEqual([A, B, C]);
  });

  it('refuses unsorted, duplicate, malformed and unterminated files, naming the line', () => {
    const cases: [string, RegExp][] = [
      [`${B}\tA\n${A}\tA\n`, /第 2 行.*升序/],
      [`${A}\tA\n${A}\tB\n`, /第 2 行.*不重复/],
      [`${A}\tE\n`, /第 1 行.*A\/B\/C\/D\/U/],
      [`${A} A\n`, /第 1 行/],
      [`${A}\tA`, /换行符/],
      [`${A}\tA\r\n`, /第 1 行/],
      [`${A.toLowerCase()}\tA\n`, /小写/],
      [`\tA\n`, /为空/],
    ];
    for (const [text, message] of cases) {
      expect(() => parseFrame(text), JSON.stringify(text)).toThrow(message);
    }
    expect(() =>
      formatFrame([
        { id: A, class: 'A' },
        { id: A, class: 'B' },
      ]),
    ).toThrow(DrawError);
  });

  it('hashes the file bytes exactly; the empty file is the empty frame', () => {
    expect(parseFrame('')).toEqual([]);
    expect(fileHash('sm3', '')).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
    expect(fileHash('sha256', '')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});

describe('exclusions file (docs/draw-spec.md §2, §7)', () => {
  it('needs a reason and a source on every line', () => {
    expect(parseExclusions(`${A}\tA类本年度已抽查\t2026-SJ-000\n`)).toEqual([{ id: A, reason: 'A类本年度已抽查', source: '2026-SJ-000' }]);
    expect(() => parseExclusions(`${A}\t已注销\t\n`)).toThrow(/依据/);
    expect(() => parseExclusions(`${A}\t已注销\n`)).toThrow(/第 1 行/);
    expect(formatExclusions([])).toBe('');
  });

  it('eligible = frame minus exclusions; an excluded id need not be in the frame', () => {
    const frame = parseFrame(`${A}\tA\n${C}\tB\n`);
    const exclusions = parseExclusions(`${A}\tx\ty\n${B}\tx\ty\n`);
    const eligible = eligibleEntries(frame, exclusions);
    expect(eligible).toEqual([{ id: C, class: 'B' }]);
    expect(countByClass(eligible)).toEqual({ A: 0, B: 1, C: 0, D: 0, U: 0 });
  });
});
