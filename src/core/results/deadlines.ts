// Deadlines after the inspection:
// - results entered and published within 20 working days of the task's end (seed 004 五;
//   seed 001 五: not entered in time = the task is not completed);
// - 无法联系 / 未按规定公示 → the 经营异常名录 step within 10 working days of the result date;
// - a rectification re-check by the rectification deadline the inspector set (a calendar date).
// Working days come from the shared calendar (src/core/calendar), whose counting convention is
// the one used here: the event day is not counted. A year without holiday data makes the
// deadline 'unknown' — never silently computed as ordinary weeks.
import { CalendarError, type WorkingCalendar } from '../calendar/index.ts';
import { dayOf } from './outcome.ts';

/** seed 004 五: 检查任务结束之日起20个工作日内. */
export const PUBLICATION_WORKING_DAYS = 20;
/** the 经营异常名录 step within 10 working days of the result. */
export const ABNORMAL_LIST_WORKING_DAYS = 10;

export type DeadlineItemStatus = 'ok' | 'dueSoon' | 'overdue' | 'unknown';

/** A due date, or why it cannot be computed (Chinese message from the calendar). */
export type DueDate = { known: true; due: string } | { known: false; reason: string; year: number | null };

export interface DeadlineState {
  due: string | null;
  status: DeadlineItemStatus;
  /** Working days from today (exclusive) to the due date (inclusive); negative when overdue; null when unknown. */
  workingDaysLeft: number | null;
  /** Why the status is 'unknown' (Chinese), otherwise null. */
  reason: string | null;
}

function unknownFrom(error: unknown): { known: false; reason: string; year: number | null } {
  // Only a missing year is 'unknown'; a malformed date is a bug in the caller and surfaces.
  if (error instanceof CalendarError && error.code === 'YEAR_NOT_COVERED') {
    const year = typeof error.details.year === 'number' ? error.details.year : null;
    return { known: false, reason: error.message, year };
  }
  throw error;
}

function dueAfterWorkingDays(calendar: WorkingCalendar, from: string, workingDays: number): DueDate {
  try {
    return { known: true, due: calendar.addWorkingDays(from, workingDays) };
  } catch (error) {
    return unknownFrom(error);
  }
}

/** Publication due date: task end + 20 working days (seed 004 五). */
export function publicationDue(calendar: WorkingCalendar, taskEnd: string): DueDate {
  return dueAfterWorkingDays(calendar, taskEnd, PUBLICATION_WORKING_DAYS);
}

/** 经营异常名录 step due date: result date + 10 working days. */
export function abnormalListDue(calendar: WorkingCalendar, resultDate: string): DueDate {
  return dueAfterWorkingDays(calendar, resultDate, ABNORMAL_LIST_WORKING_DAYS);
}

/** Rectification re-check due date: the rectification deadline itself (a calendar date set by the inspector). */
export function recheckDue(rectificationDeadline: string): DueDate {
  return dayOf(rectificationDeadline) === null
    ? { known: false, reason: `整改期限 ${JSON.stringify(rectificationDeadline)} 不是有效日期`, year: null }
    : { known: true, due: rectificationDeadline };
}

/**
 * The status of an open item on `today`: 'overdue' after the due date (a date comparison,
 * needs no holiday data), 'dueSoon' when at most `dueSoonDays` working days remain (0 on the
 * due date itself), 'ok' otherwise, 'unknown' when the due date or the working days left
 * cannot be computed for lack of holiday data.
 */
export function deadlineState(calendar: WorkingCalendar, due: DueDate, today: string, dueSoonDays: number): DeadlineState {
  if (!Number.isSafeInteger(dueSoonDays) || dueSoonDays < 0) {
    throw new CalendarError('CALENDAR_BAD_INPUT', `临期提醒天数应为不小于 0 的整数，收到 ${String(dueSoonDays)}`, { dueSoonDays });
  }
  if (!due.known) return { due: null, status: 'unknown', workingDaysLeft: null, reason: due.reason };
  const todayDay = dayOf(today);
  if (todayDay === null)
    throw new CalendarError('CALENDAR_BAD_DATE', `今天的日期 ${JSON.stringify(today)} 无效，应写成 YYYY-MM-DD`, { today });
  let left: number | null = null;
  try {
    left = calendar.workingDaysBetween(today, due.due);
  } catch (error) {
    const unknown = unknownFrom(error);
    // Past the due date is overdue whatever the calendar knows; only the count is unknown.
    if (todayDay > dayOf(due.due)!) return { due: due.due, status: 'overdue', workingDaysLeft: null, reason: null };
    return { due: due.due, status: 'unknown', workingDaysLeft: null, reason: unknown.reason };
  }
  if (todayDay > dayOf(due.due)!) return { due: due.due, status: 'overdue', workingDaysLeft: left, reason: null };
  return { due: due.due, status: left <= dueSoonDays ? 'dueSoon' : 'ok', workingDaysLeft: left, reason: null };
}

export type Timeliness = 'onTime' | 'late' | 'unknown';

/**
 * Whether a result was published in time (按时公示率; seed 001 五: late = task not completed).
 * The due date itself is still in time.
 */
export function publicationTimeliness(calendar: WorkingCalendar, taskEnd: string, publishedOn: string): Timeliness {
  const due = publicationDue(calendar, taskEnd);
  if (!due.known) return 'unknown';
  const published = dayOf(publishedOn);
  if (published === null)
    throw new CalendarError('CALENDAR_BAD_DATE', `公示日期 ${JSON.stringify(publishedOn)} 无效，应写成 YYYY-MM-DD`, { publishedOn });
  return published <= dayOf(due.due)! ? 'onTime' : 'late';
}
