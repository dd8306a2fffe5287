// Chinese working-day calendar for deadlines (
// seed 004: results within 20 working days of the task's end). A working day is Monday to
// Friday unless it is a statutory off day, plus the 调休 Saturdays/Sundays the State Council
// notice declares working days. Only years whose notice has been entered are known: any
// computation that touches another year is refused with YEAR_NOT_COVERED (a library
// such as chinese-days treats 2027 as ordinary weeks — we must not).
//
// Counting convention (《民法典》第二百零一条, also how 「…之日起20个工作日内」 is read in
// administrative practice): the day of the event is not counted; the period starts the next
// day, and only working days count. So the 20-working-day deadline after a task ending on
// day E is addWorkingDays(E, 20): the 20th working day after E, and work done on that day
// is still in time.
import { fromDayNumber, isWeekendDay, toDayNumber, yearOfDay } from './calendar-date.ts';
import { CalendarError, yearNotCoveredError } from './errors.ts';

export interface WorkingCalendarData {
  /** Statutory off days (法定节假日 and the days moved next to them), 'YYYY-MM-DD'. */
  offDays: readonly string[];
  /** 调休 Saturdays/Sundays that are working days, 'YYYY-MM-DD'. */
  workingWeekendDays: readonly string[];
  /** Years whose 放假安排 has been entered in full; every other year is unknown. */
  coveredYears: readonly number[];
}

export type DeadlineStatus = 'overdue' | 'dueSoon' | 'ok';

export interface WorkingCalendar {
  readonly coveredYears: readonly number[];
  /** Whether `date` is a working day; YEAR_NOT_COVERED outside the covered years. */
  isWorkingDay(date: string): boolean;
  /**
   * The n-th working day after `date` (`date` itself is never counted, whether or not it
   * is a working day); n = 0 gives `date` back. n must be a non-negative integer.
   * YEAR_NOT_COVERED if `date` or any day up to the result lies in an unknown year.
   */
  addWorkingDays(date: string, n: number): string;
  /**
   * Working days d with a < d ≤ b (the same convention as addWorkingDays, so
   * workingDaysBetween(a, addWorkingDays(a, n)) === n); negative when b is before a
   * (−(working days d with b < d ≤ a)); 0 when a === b. YEAR_NOT_COVERED if any day
   * from the earlier to the later date lies in an unknown year.
   */
  workingDaysBetween(a: string, b: string): number;
  /**
   * 'overdue' when today is after the deadline (the deadline day itself is still in time;
   * decided by date comparison alone, so it needs no holiday data); otherwise 'dueSoon' when
   * at most `dueSoonDays` working days remain (workingDaysBetween(today, deadline), so 0 on
   * the deadline day itself), else 'ok'.
   */
  deadlineStatus(deadline: string, today: string, dueSoonDays: number): DeadlineStatus;
}

function requireCount(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new CalendarError('CALENDAR_BAD_INPUT', `${what}应为不小于 0 的整数，收到 ${String(value)}`, { [what]: value });
  }
  return value;
}

export function createWorkingCalendar(data: WorkingCalendarData): WorkingCalendar {
  const covered = new Set<number>();
  for (const year of data.coveredYears) {
    if (!Number.isInteger(year) || year < 1000 || year > 9999) {
      throw new CalendarError('CALENDAR_BAD_DATA', `节假日数据：年份 ${String(year)} 无效`, { year });
    }
    covered.add(year);
  }
  const coveredYears = [...covered].sort((x, y) => x - y);

  const offDays = new Set<number>();
  for (const date of data.offDays) offDays.add(toDayNumber(date));
  const workingWeekendDays = new Set<number>();
  for (const date of data.workingWeekendDays) {
    const day = toDayNumber(date);
    if (offDays.has(day)) {
      throw new CalendarError('CALENDAR_BAD_DATA', `节假日数据：${date} 既是休息日又是调休上班日，请核对放假安排`, { date });
    }
    // A 调休 working day replaces a weekend day; a weekday listed here is a data error.
    if (!isWeekendDay(day)) {
      throw new CalendarError('CALENDAR_BAD_DATA', `节假日数据：调休上班日 ${date} 不是周六或周日，请核对放假安排`, { date });
    }
    workingWeekendDays.add(day);
  }

  const requireCovered = (day: number): void => {
    const year = yearOfDay(day);
    if (!covered.has(year)) throw yearNotCoveredError(year, coveredYears);
  };

  const isWorkingDayNumber = (day: number): boolean => {
    requireCovered(day);
    if (offDays.has(day)) return false;
    if (workingWeekendDays.has(day)) return true;
    return !isWeekendDay(day);
  };

  /** Working days d with from < d ≤ to (from ≤ to); every day from `from` on must be covered. */
  const countForward = (from: number, to: number): number => {
    requireCovered(from);
    let count = 0;
    for (let day = from + 1; day <= to; day++) if (isWorkingDayNumber(day)) count++;
    return count;
  };

  return {
    coveredYears,

    isWorkingDay: (date) => isWorkingDayNumber(toDayNumber(date)),

    addWorkingDays(date, n) {
      let day = toDayNumber(date);
      let remaining = requireCount(n, 'n');
      requireCovered(day);
      while (remaining > 0) {
        day++;
        if (isWorkingDayNumber(day)) remaining--;
      }
      return fromDayNumber(day);
    },

    workingDaysBetween(a, b) {
      const from = toDayNumber(a);
      const to = toDayNumber(b);
      // `0 -` rather than unary minus: no -0 when nothing lies between.
      return from <= to ? countForward(from, to) : 0 - countForward(to, from);
    },

    deadlineStatus(deadline, today, dueSoonDays) {
      const due = toDayNumber(deadline);
      const now = toDayNumber(today);
      requireCount(dueSoonDays, 'dueSoonDays');
      if (now > due) return 'overdue';
      return countForward(now, due) <= dueSoonDays ? 'dueSoon' : 'ok';
    },
  };
}
