// reference/cn-holidays-2023-2026.json (the shape src/db/reference-data.ts parseHolidays
// reads for ref_holiday) → WorkingCalendarData. A year is covered exactly when the file has
// an entry for it: the 2023 entry's off day 2022-12-31 does not make 2022 known.
import { CalendarError } from './errors.ts';
import { createWorkingCalendar, type WorkingCalendar, type WorkingCalendarData } from './working-calendar.ts';

interface HolidayFileDay {
  date: string;
  name?: string;
}

export interface HolidayFile {
  years: Record<string, { offDays?: HolidayFileDay[]; adjustedWorkdays?: HolidayFileDay[] }>;
}

function badFile(message: string, details: Record<string, unknown> = {}): CalendarError {
  return new CalendarError('CALENDAR_BAD_DATA', `节假日文件：${message}`, details);
}

function datesOf(list: unknown, where: string): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw badFile(`${where} 应为数组`);
  return list.map((entry: unknown, index) => {
    const date = (entry as { date?: unknown } | null)?.date;
    if (typeof date !== 'string') throw badFile(`${where} 第 ${index + 1} 项缺少 date`, { entry });
    return date;
  });
}

/** The parsed JSON content (JSON.parse of the file) → calendar data; validates the shape. */
export function workingCalendarDataFromHolidayFile(content: unknown): WorkingCalendarData {
  const years = (content as Partial<HolidayFile> | null)?.years;
  if (typeof years !== 'object' || years === null || Array.isArray(years)) throw badFile('缺少 years 对象');
  const offDays: string[] = [];
  const workingWeekendDays: string[] = [];
  const coveredYears: number[] = [];
  for (const [key, entry] of Object.entries(years)) {
    if (!/^\d{4}$/.test(key)) throw badFile(`年份 ${JSON.stringify(key)} 不是四位数字`);
    coveredYears.push(Number(key));
    offDays.push(...datesOf(entry?.offDays, `${key} 年 offDays`));
    workingWeekendDays.push(...datesOf(entry?.adjustedWorkdays, `${key} 年 adjustedWorkdays`));
  }
  return { offDays, workingWeekendDays, coveredYears };
}

export function createWorkingCalendarFromHolidayFile(content: unknown): WorkingCalendar {
  return createWorkingCalendar(workingCalendarDataFromHolidayFile(content));
}
