// The server's one reading of the wall clock as a bureau calendar day (China Standard Time).
// SSJ_TODAY=YYYY-MM-DD fixes "today" (demonstrations and tests of working-day deadlines, e.g.
// across 国庆 2025); it never changes a date converted from a given instant.
import { chinaDateOf } from '../core/calendar/index.ts';

/** Today's date 'YYYY-MM-DD' in China, or the China date of `now`. */
export function todayInChina(now?: Date): string {
  if (now === undefined) {
    const fixed = process.env.SSJ_TODAY;
    if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
    return chinaDateOf(new Date());
  }
  return chinaDateOf(now);
}
