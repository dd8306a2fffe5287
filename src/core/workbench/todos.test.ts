import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  inspectorStep,
  isPastYearShortfall,
  midPeriod,
  orderTodos,
  pastYearShortfallTodo,
  sampleMayBePublished,
  taskDrawUrgency,
  type Todo,
} from './todos.ts';

describe('inspectorStep', () => {
  it('asks for entry, revision or confirmation, and nothing after submission', () => {
    expect(inspectorStep(null, 'a')).toBe('enterResult');
    expect(inspectorStep({ status: 'returned', confirmedBy: ['a'] }, 'a')).toBe('reviseResult');
    expect(inspectorStep({ status: 'draft', confirmedBy: ['b'] }, 'a')).toBe('confirmResult');
    expect(inspectorStep({ status: 'draft', confirmedBy: ['a', 'b'] }, 'a')).toBeNull();
    expect(inspectorStep({ status: 'pendingReview', confirmedBy: [] }, 'a')).toBeNull();
    expect(inspectorStep({ status: 'published', confirmedBy: [] }, 'a')).toBeNull();
  });
});

const day = fc
  .integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2027, 11, 31) })
  .map((t) => new Date(Math.floor(t / 86_400_000) * 86_400_000).toISOString().slice(0, 10));

describe('midPeriod and taskDrawUrgency', () => {
  it('finds the middle day', () => {
    expect(midPeriod('2025-03-01', '2025-03-31')).toBe('2025-03-16');
    expect(midPeriod('2025-03-01', '2025-03-02')).toBe('2025-03-01');
    expect(midPeriod('2025-12-31', '2025-12-31')).toBe('2025-12-31');
  });
  it('keeps the middle inside the period', () => {
    fc.assert(
      fc.property(day, day, (x, y) => {
        const [s, e] = x <= y ? [x, y] : [y, x];
        const m = midPeriod(s, e);
        expect(m >= s && m <= e).toBe(true);
      }),
    );
  });
  it('tells the stage of a period', () => {
    expect(taskDrawUrgency('2025-03-01', '2025-06-30', '2025-02-28')).toBe('notStarted');
    expect(taskDrawUrgency('2025-03-01', '2025-06-30', '2025-03-01')).toBe('open');
    expect(taskDrawUrgency('2025-03-01', '2025-06-30', '2025-05-01')).toBe('pastMidPeriod');
    expect(taskDrawUrgency('2025-03-01', '2025-06-30', '2025-06-30')).toBe('pastMidPeriod');
    expect(taskDrawUrgency('2025-03-01', '2025-06-30', '2025-07-01')).toBe('ended');
    expect(taskDrawUrgency(null, null, '2025-07-01')).toBe('open');
  });
});

describe('sampleMayBePublished', () => {
  it('waits for every result or the end of the period', () => {
    expect(sampleMayBePublished(3, 2, '2025-06-30', '2025-06-30')).toBe(false);
    expect(sampleMayBePublished(3, 3, '2025-06-30', '2025-05-01')).toBe(true);
    expect(sampleMayBePublished(3, 0, '2025-06-30', '2025-07-01')).toBe(true);
    expect(sampleMayBePublished(0, 0, null, '2025-07-01')).toBe(false);
  });
});

describe('orderTodos', () => {
  it('puts overdue first, then by due date', () => {
    const t = (subject: string, urgency: Todo['urgency'], due: string | null): Todo => ({
      kind: 'drawTask',
      subject,
      detail: null,
      due,
      urgency,
      link: '/',
    });
    const ordered = orderTodos([
      t('c', 'ok', '2025-01-03'),
      t('d', 'none', null),
      t('a', 'overdue', '2025-02-01'),
      t('b', 'dueSoon', '2025-01-05'),
      t('e', 'ok', '2025-01-02'),
    ]);
    expect(ordered.map((x) => x.subject)).toEqual(['a', 'b', 'e', 'c', 'd']);
  });
});

describe('past-year shortfall', () => {
  it('gathers only ended tasks of a plan year that is over', () => {
    const stages = ['notStarted', 'open', 'pastMidPeriod', 'ended'] as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 2000, max: 2100 }),
        fc.constantFrom(...stages),
        (planYear, year, stage) => {
          expect(isPastYearShortfall(planYear, stage, year)).toBe(planYear < year && stage === 'ended');
        },
      ),
    );
  });

  it('is one overdue item that names the year and the count and opens that year’s tasks', () => {
    expect(pastYearShortfallTodo(2025, 15, '2025-11-30')).toMatchObject({
      kind: 'drawTask',
      subject: '2025年度计划有15项任务未抽取，已过完成时限',
      urgency: 'overdue',
      due: '2025-11-30',
      link: '/console/tasks?year=2025',
    });
  });
});
