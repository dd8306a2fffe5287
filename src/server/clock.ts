// The server's one reading of the wall clock as a bureau calendar day (China Standard Time).
// A fixed "today" (the SSJ_TODAY setting, read once with the configuration) serves
// demonstrations and tests of working-day deadlines; it never changes a date converted from a
// given instant.
import { chinaDateOf } from '../core/calendar/index.ts';

let fixedToday: string | null = null;

/** Fixes "today" ('YYYY-MM-DD'), or lets the wall clock tell it again (null). */
export function fixToday(day: string | null): void {
  if (day !== null && !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`fixToday: ${day} is not YYYY-MM-DD`);
  fixedToday = day;
}

/** Today's date 'YYYY-MM-DD' in China, or the China date of `now`. */
export function todayInChina(now?: Date): string {
  if (now === undefined) return fixedToday ?? chinaDateOf(new Date());
  return chinaDateOf(now);
}

/**
 * The instant a command acts at. A caller from an HTTP request never carries one (the server
 * never takes a time from a client), so commands read the wall clock; the demo loader gives its
 * callers the demonstration's own dates, so a demo draw is committed, run and published when the
 * demo says it was.
 */
export interface CallerClock {
  now?: Date | undefined;
}

/** The caller's instant, or the wall clock's. */
export function nowOf(caller: CallerClock): Date {
  return caller.now ?? new Date();
}

/** The caller's day in China, or today (the fixed SSJ_TODAY, else the wall clock's). */
export function todayOf(caller: CallerClock): string {
  return caller.now === undefined ? todayInChina() : chinaDateOf(caller.now);
}
