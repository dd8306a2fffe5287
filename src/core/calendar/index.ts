// Chinese working-day calendar: pure, no
// clock; dates are 'YYYY-MM-DD' strings.
export { chinaDateOf } from './calendar-date.ts';
export { CalendarError, type CalendarErrorCode } from './errors.ts';
export { createWorkingCalendarFromHolidayFile, workingCalendarDataFromHolidayFile, type HolidayFile } from './holiday-file.ts';
export { createWorkingCalendar, type DeadlineStatus, type WorkingCalendar, type WorkingCalendarData } from './working-calendar.ts';
