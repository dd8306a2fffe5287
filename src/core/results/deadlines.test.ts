import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendarFromHolidayFile } from '../calendar/index.ts';
import { abnormalListDue, deadlineState, publicationDue, publicationTimeliness, recheckDue } from './index.ts';

const calendar = createWorkingCalendarFromHolidayFile(
  JSON.parse(readFileSync(new URL('../../../reference/cn-holidays-2023-2026.json', import.meta.url), 'utf8')),
);

describe('publication due = task end + 20 working days (seed 004 五)', () => {
  it('across 国庆 2025: a task ending Friday 2025-09-26 is due Thursday 2025-10-30 (not 10-24)', () => {
    expect(publicationDue(calendar, '2025-09-26')).toEqual({ known: true, due: '2025-10-30' });
  });

  it('across 春节 2026: a task ending Friday 2026-02-06 is due Thursday 2026-03-12 (not 03-06)', () => {
    // 02-09..02-13 = 1..5, Sat 02-14 (调休) = 6, 02-15..02-23 off, 02-24..02-27 = 7..10,
    // Sat 02-28 (调休) = 11, 03-02..03-06 = 12..16, 03-09..03-12 = 17..20.
    expect(publicationDue(calendar, '2026-02-06')).toEqual({ known: true, due: '2026-03-12' });
  });

  it('a deadline in a year without holiday data is unknown, with the calendar’s message', () => {
    const due = publicationDue(calendar, '2026-12-10');
    expect(due).toMatchObject({ known: false, year: 2027 });
    expect(!due.known && due.reason).toContain('2027 年的法定节假日安排尚未录入');
  });

  it('a malformed date is not "unknown": it is a bug and surfaces', () => {
    expect(() => publicationDue(calendar, '2025-13-01')).toThrow('不是有效的日期');
  });
});

describe('经营异常名录 step = result date + 10 working days; re-check = the rectification deadline', () => {
  it('a result on 2025-09-30 is due 2025-10-21 (国庆 off, Saturday 10-11 worked)', () => {
    // 10-09 = 1, 10-10 = 2, Sat 10-11 = 3, 10-13..10-17 = 4..8, 10-20 = 9, 10-21 = 10.
    expect(abnormalListDue(calendar, '2025-09-30')).toEqual({ known: true, due: '2025-10-21' });
  });

  it('re-check due is the deadline itself, even on a holiday', () => {
    expect(recheckDue('2025-10-03')).toEqual({ known: true, due: '2025-10-03' });
    expect(recheckDue('2025-10-32')).toMatchObject({ known: false });
  });
});

describe('deadlineState', () => {
  const due = publicationDue(calendar, '2025-09-26'); // 2025-10-30

  it('ok / dueSoon / overdue around 国庆 2025', () => {
    expect(deadlineState(calendar, due, '2025-09-30', 3)).toEqual({ due: '2025-10-30', status: 'ok', workingDaysLeft: 17, reason: null });
    expect(deadlineState(calendar, due, '2025-10-24', 3)).toMatchObject({ status: 'ok', workingDaysLeft: 4 });
    expect(deadlineState(calendar, due, '2025-10-24', 4)).toMatchObject({ status: 'dueSoon', workingDaysLeft: 4 });
    expect(deadlineState(calendar, due, '2025-10-30', 0)).toMatchObject({ status: 'dueSoon', workingDaysLeft: 0 });
    expect(deadlineState(calendar, due, '2025-10-31', 3)).toMatchObject({ status: 'overdue', workingDaysLeft: -1 });
  });

  it('unknown when the due date or the days left need a year without data; overdue stays overdue', () => {
    expect(deadlineState(calendar, publicationDue(calendar, '2026-12-10'), '2026-12-11', 3)).toMatchObject({
      status: 'unknown',
      due: null,
    });
    expect(deadlineState(calendar, { known: true, due: '2023-01-10' }, '2022-12-20', 3)).toMatchObject({
      status: 'unknown',
      due: '2023-01-10',
    });
    expect(deadlineState(calendar, { known: true, due: '2026-12-31' }, '2027-01-20', 3)).toEqual({
      due: '2026-12-31',
      status: 'overdue',
      workingDaysLeft: null,
      reason: null,
    });
  });

  it('refuses a bad threshold', () => {
    expect(() => deadlineState(calendar, due, '2025-10-01', -1)).toThrow('临期提醒天数');
  });

  it('timeliness of publication (按时公示率): the due day itself is on time', () => {
    expect(publicationTimeliness(calendar, '2025-09-26', '2025-10-30')).toBe('onTime');
    expect(publicationTimeliness(calendar, '2025-09-26', '2025-10-31')).toBe('late');
    expect(publicationTimeliness(calendar, '2026-12-10', '2027-01-05')).toBe('unknown');
  });
});

const dayArb = fc.integer({ min: 0, max: 1400 }).map((i) => new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10));

describe('deadlines: properties', () => {
  it('the publication due date is a working day exactly 20 working days after the task end', () => {
    fc.assert(
      fc.property(dayArb, (end) => {
        const due = publicationDue(calendar, end);
        fc.pre(due.known);
        if (!due.known) return;
        expect(calendar.isWorkingDay(due.due)).toBe(true);
        expect(calendar.workingDaysBetween(end, due.due)).toBe(20);
      }),
    );
  });

  it('as today advances the status only worsens: ok → dueSoon → overdue, and days left never grow', () => {
    const rank = { ok: 0, dueSoon: 1, overdue: 2, unknown: -1 } as const;
    fc.assert(
      fc.property(
        dayArb,
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 10 }),
        (end, before, step, soon) => {
          const due = abnormalListDue(calendar, end);
          fc.pre(due.known);
          const shift = (date: string, days: number) =>
            new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
          const start = shift(end, before - 30);
          const a = deadlineState(calendar, due, start, soon);
          const b = deadlineState(calendar, due, shift(start, step), soon);
          fc.pre(a.status !== 'unknown' && b.status !== 'unknown');
          expect(rank[b.status]).toBeGreaterThanOrEqual(rank[a.status]);
          if (a.workingDaysLeft !== null && b.workingDaysLeft !== null) expect(b.workingDaysLeft).toBeLessThanOrEqual(a.workingDaysLeft);
        },
      ),
    );
  });
});
