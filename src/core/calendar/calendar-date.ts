// 'YYYY-MM-DD' dates as whole UTC day numbers (days since 1970-01-01). No clock and no
// time zone: a date is a calendar day in China, and UTC arithmetic on it never shifts it.
import { CalendarError } from './errors.ts';

const MS_PER_DAY = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a 'YYYY-MM-DD' date; throws CALENDAR_BAD_DATE for 2025-02-30, '2025-1-5', … */
export function toDayNumber(date: string): number {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const back = new Date(ms);
    // Date.UTC maps years 0–99 to 1900–1999 and rolls 02-30 over: reject both.
    if (back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day) {
      return ms / MS_PER_DAY;
    }
  }
  throw new CalendarError('CALENDAR_BAD_DATE', `日期 ${JSON.stringify(date)} 不是有效的日期，应写成 YYYY-MM-DD，例如 2025-10-08`, {
    date,
  });
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function yearOfDay(day: number): number {
  return new Date(day * MS_PER_DAY).getUTCFullYear();
}

/** Saturday or Sunday. */
export function isWeekendDay(day: number): boolean {
  const weekday = new Date(day * MS_PER_DAY).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/**
 * The calendar day 'YYYY-MM-DD' of an instant in China Standard Time (UTC+8, no daylight
 * saving): the bureau's "today". The instant is a parameter, so this stays pure.
 */
export function chinaDateOf(instant: Date): string {
  return fromDayNumber(Math.floor((instant.getTime() + 8 * 3_600_000) / 86_400_000));
}
