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
