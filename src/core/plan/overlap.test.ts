import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type OverlapSubject, halfYearLoad, taskOverlaps } from './overlap.ts';

const cityTask: OverlapSubject = {
  items: ['登记事项检查', '公示信息检查'],
  population: '全市范围内存续的企业',
  period: { start: '2025-03-01', end: '2025-11-30' },
};

describe('taskOverlaps', () => {
  it('finds the same items over overlapping populations in overlapping periods', () => {
    const county: OverlapSubject = {
      items: ['登记事项的检查。', '在用计量器具检查'],
      population: '燃气经营企业',
      period: { start: '2025-07-01', end: '2025-12-31' },
    };
    expect(taskOverlaps(county, cityTask)).toEqual({ sharedItems: ['登记事项的检查。'], start: '2025-07-01', end: '2025-11-30' });
  });
  it('finds no overlap when items, periods or populations differ', () => {
    expect(taskOverlaps({ ...cityTask, items: ['商标代理行为的检查'] }, cityTask)).toBeNull();
    expect(taskOverlaps({ ...cityTask, period: { start: '2025-01-01', end: '2025-02-28' } }, cityTask)).toBeNull();
    expect(taskOverlaps({ ...cityTask, population: '全市个体户' }, cityTask)).toBeNull();
  });
  it('accepts a population rule from the caller', () => {
    const never = () => false;
    expect(taskOverlaps(cityTask, cityTask, { populationsOverlap: never })).toBeNull();
  });
  it('is symmetric in whether tasks overlap', () => {
    const day = fc.integer({ min: 1, max: 365 }).map((n) => {
      const d = new Date(Date.UTC(2025, 0, n));
      return d.toISOString().slice(0, 10);
    });
    const subject = fc.record({
      items: fc.subarray(['登记事项检查', '公示信息检查', '商标使用行为的检查']),
      population: fc.constantFrom('全市企业', '燃气经营企业', '个体户'),
      period: fc.tuple(day, day).map(([x, y]) => (x <= y ? { start: x, end: y } : { start: y, end: x })),
    });
    fc.assert(
      fc.property(subject, subject, (a, b) => {
        expect(taskOverlaps(a, b) === null).toBe(taskOverlaps(b, a) === null);
      }),
    );
  });
});

describe('halfYearLoad', () => {
  it('counts tasks starting on or after 1 July', () => {
    const tasks = [
      { period: { start: '2025-03-01', end: '2025-11-30' } },
      { period: { start: '2025-07-01', end: '2025-11-30' } },
      { period: { start: '2025-09-15', end: '2025-11-30' } },
      { period: null },
    ];
    expect(halfYearLoad(tasks)).toEqual({ dated: 3, undated: 1, secondHalf: 2, share: 2 / 3 });
    expect(halfYearLoad([])).toEqual({ dated: 0, undated: 0, secondHalf: 0, share: 0 });
  });
});
