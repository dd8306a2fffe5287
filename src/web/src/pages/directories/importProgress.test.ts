import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importProgressLine, importProgressPercent } from './importProgress.ts';

describe('an import job’s progress line', () => {
  it('says 约 for the rows read against the file’s estimate, 共 for the entities written against those to write', () => {
    expect(importProgressLine({ phase: null, progressDone: 0, progressTotal: null })).toBe('排队中：已处理 0 行');
    expect(importProgressLine({ phase: '读取校验', progressDone: 420000, progressTotal: 1000000 })).toBe(
      '读取校验：已处理 420,000 行 / 约 1,000,000 行',
    );
    expect(importProgressLine({ phase: '读取校验', progressDone: 12, progressTotal: null })).toBe('读取校验：已处理 12 行');
    expect(importProgressLine({ phase: '写入名录库', progressDone: 40000, progressTotal: 100000 })).toBe(
      '写入名录库：已写入 40,000 行 / 共 100,000 行',
    );
    // The embedded database gives the write no total: the line does not show a count that stands still.
    expect(importProgressLine({ phase: '写入名录库', progressDone: 0, progressTotal: null })).toBe('写入名录库：正在写入…');
  });

  it('the bar stays within 0–99 % while the job runs, never goes back as the count grows, and has no percentage without a total', () => {
    expect(importProgressPercent({ phase: '读取校验', progressDone: 5, progressTotal: null })).toBeUndefined();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.nat(), fc.nat(), (total, a, b) => {
        const [low, high] = [Math.min(a, b) % (total + 1), Math.max(a, b) % (total + 1)].sort((x, y) => x - y) as [number, number];
        const p = (done: number) => importProgressPercent({ phase: '写入名录库', progressDone: done, progressTotal: total })!;
        expect(p(low)).toBeGreaterThanOrEqual(0);
        expect(p(high)).toBeLessThanOrEqual(99);
        expect(p(high)).toBeGreaterThanOrEqual(p(low));
      }),
    );
  });
});
