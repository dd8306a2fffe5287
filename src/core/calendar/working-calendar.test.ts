import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalendarError, chinaDateOf, createWorkingCalendar, createWorkingCalendarFromHolidayFile, workingCalendarDataFromHolidayFile } from './index.ts';

const holidayFile: unknown = JSON.parse(readFileSync(new URL('../../../reference/cn-holidays-2023-2026.json', import.meta.url), 'utf8'));
const data = workingCalendarDataFromHolidayFile(holidayFile);
const calendar = createWorkingCalendarFromHolidayFile(holidayFile);

const YEAR_2027_MESSAGE = '2027 年的法定节假日安排尚未录入，无法计算工作日期限；请在系统管理中录入国务院办公厅公布的放假安排后重试';

function caught(run: () => unknown): CalendarError {
  try {
    run();
  } catch (error) {
    if (error instanceof CalendarError) return error;
    throw error;
  }
  throw new Error('expected a CalendarError');
}

function datesFrom(first: string, count: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

/** Any date from 2023-01-01 to `last`. */
function dateArbitrary(last = '2026-12-31') {
  const days = (Date.parse(`${last}T00:00:00Z`) - Date.parse('2023-01-01T00:00:00Z')) / 86_400_000;
  return fc.integer({ min: 0, max: days }).map((i) => datesFrom('2023-01-01', i + 1)[i]!);
}

describe('the shipped data (reference/cn-holidays-2023-2026.json)', () => {
  it('covers exactly 2023–2026 (the 2023 notice’s off day 2022-12-31 does not make 2022 known)', () => {
    expect(calendar.coveredYears).toEqual([2023, 2024, 2025, 2026]);
    expect(data.offDays).toContain('2022-12-31');
    expect(caught(() => calendar.isWorkingDay('2022-12-30')).code).toBe('YEAR_NOT_COVERED');
  });

  it('国庆节、中秋节 2025: 10-01..10-08 off; Sunday 09-28 and Saturday 10-11 are 调休 working days', () => {
    for (const date of datesFrom('2025-10-01', 8)) expect(calendar.isWorkingDay(date), date).toBe(false);
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // Sunday
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday
    expect(calendar.isWorkingDay('2025-09-27')).toBe(false); // an ordinary Saturday
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false); // an ordinary Sunday
    expect(calendar.isWorkingDay('2025-09-30')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
  });

  it('春节 2024: 02-10..02-17 off; Sundays 02-04 and 02-18 are 调休 working days', () => {
    for (const date of datesFrom('2024-02-10', 8)) expect(calendar.isWorkingDay(date), date).toBe(false);
    expect(calendar.isWorkingDay('2024-02-04')).toBe(true);
    expect(calendar.isWorkingDay('2024-02-18')).toBe(true);
    expect(calendar.isWorkingDay('2024-02-09')).toBe(true); // 除夕 2024 is a Friday and a working day
  });

  it('working days per year (2024: 251, 2025: 248 — 2025 gained two statutory days)', () => {
    const perYear = (year: number) => calendar.workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`);
    expect(() => perYear(2023)).toThrow(CalendarError); // would start in 2022
    expect(calendar.workingDaysBetween('2023-01-01', '2023-12-31') + (calendar.isWorkingDay('2023-01-01') ? 1 : 0)).toBe(249);
    expect(perYear(2024)).toBe(251);
    expect(perYear(2025)).toBe(248);
    expect(perYear(2026)).toBe(248);
  });
});

describe('addWorkingDays (the event day is not counted)', () => {
  it('20 working days after a task ending Friday 2025-09-26 is Thursday 2025-10-30', () => {
    // By hand: Sat 09-27 is a rest day; Sun 09-28 (调休) = 1; Mon 09-29 = 2; Tue 09-30 = 3;
    // 10-01..10-08 off; Thu 10-09 = 4; Fri 10-10 = 5; Sat 10-11 (调休) = 6; Sun 10-12 rest;
    // 10-13..10-17 = 7..11; 10-20..10-24 = 12..16; Mon 10-27 = 17; Tue 10-28 = 18;
    // Wed 10-29 = 19; Thu 10-30 = 20. (Ignoring the holidays would give Fri 10-24.)
    expect(calendar.addWorkingDays('2025-09-26', 20)).toBe('2025-10-30');
    expect(calendar.workingDaysBetween('2025-09-26', '2025-10-30')).toBe(20);
  });

  it('across 国庆 2025: the next working day after 09-30 is 10-09', () => {
    expect(calendar.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(calendar.addWorkingDays('2025-10-03', 1)).toBe('2025-10-09'); // from inside the holiday
    expect(calendar.addWorkingDays('2025-10-10', 1)).toBe('2025-10-11'); // 调休 Saturday
  });

  it('across 春节 2026: 5 working days after Friday 2026-02-13 is Friday 2026-02-27', () => {
    // Sat 02-14 (调休) = 1; 02-15..02-23 off; Tue 02-24 = 2; 02-25 = 3; 02-26 = 4; 02-27 = 5.
    expect(calendar.addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
    expect(calendar.addWorkingDays('2026-02-13', 6)).toBe('2026-02-28'); // 调休 Saturday
  });

  it('across 春节 2024 and the turn of the year 2024→2025', () => {
    expect(calendar.addWorkingDays('2024-02-08', 2)).toBe('2024-02-18'); // Fri 02-09 = 1, Sun 02-18 (调休) = 2
    expect(calendar.addWorkingDays('2024-12-31', 1)).toBe('2025-01-02'); // 元旦
  });

  it('n = 0 gives the date back; a negative or fractional n is refused', () => {
    expect(calendar.addWorkingDays('2025-10-04', 0)).toBe('2025-10-04');
    expect(caught(() => calendar.addWorkingDays('2025-10-04', -1)).code).toBe('CALENDAR_BAD_INPUT');
    expect(caught(() => calendar.addWorkingDays('2025-10-04', 1.5)).code).toBe('CALENDAR_BAD_INPUT');
  });
});

describe('a year without official data is refused, never treated as ordinary weeks', () => {
  it('2027 dates', () => {
    const error = caught(() => calendar.isWorkingDay('2027-03-01'));
    expect(error.code).toBe('YEAR_NOT_COVERED');
    expect(error.message).toBe(YEAR_2027_MESSAGE);
    expect(error.details).toMatchObject({ year: 2027, coveredYears: [2023, 2024, 2025, 2026] });
    expect(caught(() => calendar.addWorkingDays('2027-01-04', 1)).code).toBe('YEAR_NOT_COVERED');
    expect(caught(() => calendar.addWorkingDays('2027-01-04', 0)).code).toBe('YEAR_NOT_COVERED');
  });

  it('a computation that would cross into 2027', () => {
    // The last 2026 working day is Thursday 12-31: 1 more is fine, 2 would need 2027.
    expect(calendar.addWorkingDays('2026-12-30', 1)).toBe('2026-12-31');
    expect(caught(() => calendar.addWorkingDays('2026-12-30', 2)).message).toBe(YEAR_2027_MESSAGE);
    expect(caught(() => calendar.addWorkingDays('2026-12-10', 20)).code).toBe('YEAR_NOT_COVERED');
    expect(caught(() => calendar.workingDaysBetween('2026-12-01', '2027-01-10')).code).toBe('YEAR_NOT_COVERED');
    expect(caught(() => calendar.workingDaysBetween('2027-01-10', '2026-12-01')).code).toBe('YEAR_NOT_COVERED');
    expect(caught(() => calendar.deadlineStatus('2027-01-15', '2026-12-20', 3)).code).toBe('YEAR_NOT_COVERED');
  });

  it('a gap year between covered years is unknown too', () => {
    const gappy = createWorkingCalendar({ offDays: [], workingWeekendDays: [], coveredYears: [2023, 2025] });
    expect(caught(() => gappy.workingDaysBetween('2023-12-01', '2025-01-10')).details).toMatchObject({ year: 2024 });
  });

  it('an empty calendar knows no year', () => {
    const empty = createWorkingCalendar({ offDays: [], workingWeekendDays: [], coveredYears: [] });
    expect(caught(() => empty.isWorkingDay('2025-06-02')).code).toBe('YEAR_NOT_COVERED');
  });
});

describe('workingDaysBetween', () => {
  it('counts working days d with a < d ≤ b; negative backwards; 0 for the same day', () => {
    expect(calendar.workingDaysBetween('2025-09-30', '2025-10-09')).toBe(1);
    expect(calendar.workingDaysBetween('2025-10-09', '2025-09-30')).toBe(-1);
    expect(calendar.workingDaysBetween('2025-10-05', '2025-10-05')).toBe(0);
    expect(calendar.workingDaysBetween('2025-10-01', '2025-10-08')).toBe(0);
  });
});

describe('deadlineStatus', () => {
  const deadline = '2025-10-30';
  it.each([
    ['2025-10-31', 'overdue'],
    ['2025-11-03', 'overdue'],
    ['2025-10-30', 'dueSoon'], // the deadline day itself is still in time (0 left)
    ['2025-10-27', 'dueSoon'], // 3 working days left: 28, 29, 30
    ['2025-10-26', 'ok'], // Sunday: 4 left (27..30)
    ['2025-10-24', 'ok'], // Friday: 4 left (27..30)
  ] as const)('on %s → %s (3 working days’ warning)', (today, status) => {
    expect(calendar.deadlineStatus(deadline, today, 3)).toBe(status);
  });

  it('the holiday counts: on 2025-09-30 a 10-10 deadline is only 2 working days away', () => {
    expect(calendar.workingDaysBetween('2025-09-30', '2025-10-10')).toBe(2);
    expect(calendar.deadlineStatus('2025-10-10', '2025-09-30', 3)).toBe('dueSoon');
  });

  it('overdue needs no holiday data (a date comparison), and a bad threshold is refused', () => {
    expect(calendar.deadlineStatus('2026-12-31', '2027-02-01', 3)).toBe('overdue');
    expect(caught(() => calendar.deadlineStatus(deadline, '2025-10-01', -1)).code).toBe('CALENDAR_BAD_INPUT');
  });
});

describe('bad input', () => {
  it('dates that are not YYYY-MM-DD calendar dates', () => {
    for (const date of ['2025-02-29', '2025-13-01', '2025-1-5', '20251005', '2025-10-05T00:00:00Z', '', '0025-10-05']) {
      expect(caught(() => calendar.isWorkingDay(date)).code, date).toBe('CALENDAR_BAD_DATE');
    }
    expect(calendar.isWorkingDay('2024-02-29')).toBe(true);
  });

  it('contradictory data', () => {
    const both = { offDays: ['2025-09-28'], workingWeekendDays: ['2025-09-28'], coveredYears: [2025] };
    expect(caught(() => createWorkingCalendar(both)).code).toBe('CALENDAR_BAD_DATA');
    const weekday = { offDays: [], workingWeekendDays: ['2025-09-29'], coveredYears: [2025] };
    expect(caught(() => createWorkingCalendar(weekday)).code).toBe('CALENDAR_BAD_DATA');
    expect(caught(() => workingCalendarDataFromHolidayFile({ years: { 2025: { offDays: [{ name: '国庆节' }] } } })).code).toBe(
      'CALENDAR_BAD_DATA',
    );
    expect(caught(() => workingCalendarDataFromHolidayFile({})).code).toBe('CALENDAR_BAD_DATA');
  });
});

describe('properties', () => {
  // Start dates up to 2026-09-30 with n ≤ 40 stay inside 2026 (40 working days ≈ 2 months).
  const start = dateArbitrary('2026-09-30');
  const count = fc.integer({ min: 0, max: 40 });

  it('addWorkingDays(d, n) is a working day for n ≥ 1, and lands after d', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 1, max: 40 }), (date, n) => {
        const result = calendar.addWorkingDays(date, n);
        expect(calendar.isWorkingDay(result)).toBe(true);
        expect(result > date).toBe(true);
      }),
    );
  });

  it('addWorkingDays is strictly increasing in n', () => {
    fc.assert(
      fc.property(start, count, (date, n) => {
        expect(calendar.addWorkingDays(date, n) < calendar.addWorkingDays(date, n + 1)).toBe(true);
      }),
    );
  });

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n, and reversed gives −n', () => {
    fc.assert(
      fc.property(start, count, (date, n) => {
        const end = calendar.addWorkingDays(date, n);
        expect(calendar.workingDaysBetween(date, end)).toBe(n);
        expect(calendar.workingDaysBetween(end, date)).toBe(0 - n);
      }),
    );
  });

  it('workingDaysBetween is additive: (a, b) + (b, c) = (a, c)', () => {
    fc.assert(
      fc.property(dateArbitrary(), dateArbitrary(), dateArbitrary(), (a, b, c) => {
        expect(calendar.workingDaysBetween(a, b) + calendar.workingDaysBetween(b, c)).toBe(calendar.workingDaysBetween(a, c));
      }),
      { numRuns: 50 },
    );
  });

  it('a weekend day that is not 调休 is never a working day; an off day never is; a listed 调休 day always is', () => {
    const workingWeekend = new Set(data.workingWeekendDays);
    const off = new Set(data.offDays);
    fc.assert(
      fc.property(dateArbitrary(), (date) => {
        const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
        const working = calendar.isWorkingDay(date);
        if ((weekday === 0 || weekday === 6) && !workingWeekend.has(date)) expect(working).toBe(false);
        if (off.has(date)) expect(working).toBe(false);
        if (workingWeekend.has(date)) expect(working).toBe(true);
        if (weekday >= 1 && weekday <= 5 && !off.has(date)) expect(working).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('from late 2026, a result is either inside 2026 or refused — never a 2027 date', () => {
    fc.assert(
      fc.property(
        dateArbitrary('2026-12-31').filter((d) => d >= '2026-11-01'),
        count,
        (date, n) => {
          let result: string | undefined;
          try {
            result = calendar.addWorkingDays(date, n);
          } catch (error) {
            expect(error).toBeInstanceOf(CalendarError);
            expect((error as CalendarError).code).toBe('YEAR_NOT_COVERED');
            return;
          }
          expect(result.startsWith('2026-')).toBe(true);
        },
      ),
    );
  });
});

describe('chinaDateOf', () => {
  it('gives the calendar day in China (UTC+8) of an instant', () => {
    expect(chinaDateOf(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
    expect(chinaDateOf(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(chinaDateOf(new Date('2024-02-28T20:00:00Z'))).toBe('2024-02-29');
  });
});
