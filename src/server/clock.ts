// The server's one reading of the wall clock as a bureau calendar day (China Standard Time).
import { chinaDateOf } from '../core/calendar/index.ts';

/** Today's date 'YYYY-MM-DD' in China, or the date of `now`. */
export function todayInChina(now: Date = new Date()): string {
  return chinaDateOf(now);
}
