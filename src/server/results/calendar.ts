// The working-day calendar (statutory holidays and 调休 days) from ref_holiday, shipped for
// 2023–2026 (docs/operator-guide.md: yearly update). Years without rows are not covered.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { createWorkingCalendar, type WorkingCalendar } from '../../core/calendar/index.ts';

export async function loadWorkingCalendar(db: Kysely<DB>): Promise<WorkingCalendar> {
  const rows = await db.selectFrom('ref_holiday').select(['day', 'is_off_day']).execute();
  const years = new Set<number>();
  const offDays: string[] = [];
  const workingWeekendDays: string[] = [];
  for (const r of rows) {
    years.add(Number(r.day.slice(0, 4)));
    (r.is_off_day ? offDays : workingWeekendDays).push(r.day);
  }
  return createWorkingCalendar({ coveredYears: [...years], offDays, workingWeekendDays });
}
