// The working-day calendar's refusals: DomainErrors (src/core/errors.ts) with a code naming the
// rule; messages are Chinese and say how to fix the input.
import { DomainError, type DomainErrorKind } from '../errors.ts';

export type CalendarErrorCode =
  /** A computation needs a year whose 放假安排 has not been entered. */
  | 'YEAR_NOT_COVERED'
  /** A date is not a real 'YYYY-MM-DD' calendar date. */
  | 'CALENDAR_BAD_DATE'
  /** A count or threshold is not a non-negative integer. */
  | 'CALENDAR_BAD_INPUT'
  /** The holiday data contradicts itself (a day both off and 调休 working, …). */
  | 'CALENDAR_BAD_DATA';

const kindOf: Record<CalendarErrorCode, DomainErrorKind> = {
  YEAR_NOT_COVERED: 'unprocessable',
  CALENDAR_BAD_DATE: 'invalidInput',
  CALENDAR_BAD_INPUT: 'invalidInput',
  CALENDAR_BAD_DATA: 'unprocessable',
};

export class CalendarError extends DomainError<CalendarErrorCode> {
  constructor(code: CalendarErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(kindOf[code], code, message, details);
    this.name = 'CalendarError';
  }
}

/** The refusal for a year without official data (never treat it as ordinary weeks). */
export function yearNotCoveredError(year: number, coveredYears: readonly number[]): CalendarError {
  return new CalendarError(
    'YEAR_NOT_COVERED',
    `${year} 年的法定节假日安排尚未录入，无法计算工作日期限；请在系统管理中录入国务院办公厅公布的放假安排后重试`,
    { year, coveredYears: [...coveredYears] },
  );
}
