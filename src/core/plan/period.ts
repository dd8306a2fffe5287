import { type CellResult, failed, foldCell, parsed, quote } from './cell.ts';

/** 起止时间 as inclusive ISO dates (YYYY-MM-DD) within the plan year. */
export interface Period {
  start: string;
  end: string;
}

const HOW = '请写成“3月—11月”“1月-11月”或“3月1日—11月15日”（同一年内，结束不早于开始）';

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface MonthDay {
  year: number | null;
  month: number;
  day: number | null;
}

function readMonthDay(year: string | undefined, month: string | undefined, day: string | undefined): MonthDay {
  return { year: year ? Number(year) : null, month: Number(month), day: day ? Number(day) : null };
}

const POINT = String.raw`(?:(\d{4})年)?(\d{1,2})月(?:(\d{1,2})日|份|底|末)?`;
const RANGE = new RegExp(`^${POINT}(?:\\s*(?:—+|–|-+|~|～|至|到)\\s*${POINT})?$`);

const DEADLINE_HOW = '请写成“11月底前”“11月30日前”“年底前”或“2025年11月15日”（计划年度内的一天）';

const DEADLINE = new RegExp(`^(?:${POINT}|(?:(\\d{4})年)?(年底|年末))(?:之前|以前|前)?$`);

/**
 * 完成时限 as an ISO date within the plan year: "11月底前" and "11月前" → 30 November,
 * "11月15日前" and "11月15日" → 15 November, "年底前" → 31 December. It is a day, not a
 * period: the task's 抽查起止时间 stays its own field.
 */
export function parseDeadline(raw: string, year: number): CellResult<string> {
  const text = foldCell(raw).replace(/\s/g, '');
  if (text === '') return failed(`完成时限未填写：${DEADLINE_HOW}。`);
  const m = DEADLINE.exec(text);
  if (!m) return failed(`完成时限 ${quote(raw)} 无法识别：${DEADLINE_HOW}。`);
  const stated = m[1] ?? m[4];
  if (stated !== undefined && Number(stated) !== year)
    return failed(`完成时限 ${quote(raw)} 写的是${stated}年，与计划年度${year}年不符：${DEADLINE_HOW}。`);
  if (m[5] !== undefined) return parsed(isoDate(year, 12, 31));
  const month = Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (month < 1 || month > 12) return failed(`完成时限 ${quote(raw)} 的月份不在1—12之间：${DEADLINE_HOW}。`);
  if (day !== null && (day < 1 || day > daysInMonth(year, month)))
    return failed(`完成时限 ${quote(raw)} 中${month}月没有${day}日：${DEADLINE_HOW}。`);
  return parsed(isoDate(year, month, day ?? daysInMonth(year, month)));
}

/** A 起止时间 cell that is a 完成时限 (“11月底前”): the period cannot be read from it. */
function isDeadlinePhrase(text: string): boolean {
  return /前$/.test(text) && DEADLINE.test(text);
}

/**
 * "3月—11月" → 1 March to 30 November of `year`: a bare end month means its last day
 * (the seeds' periods are whole months).
 */
export function parsePeriod(raw: string, year: number): CellResult<Period> {
  const text = foldCell(raw).replace(/\s/g, '');
  if (text === '') return failed(`起止时间未填写：${HOW}。`);
  if (text === '全年') return parsed({ start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) });
  const m = RANGE.exec(text);
  if (!m && isDeadlinePhrase(text))
    return failed(`起止时间 ${quote(raw)} 是完成时限，不是起止时间：这一列如是完成时限，请在列对应中把它对应为“完成时限”；起止时间${HOW}。`);
  if (!m) return failed(`起止时间 ${quote(raw)} 无法识别：${HOW}。`);
  const from = readMonthDay(m[1], m[2], m[3]);
  const to = m[5] === undefined ? { ...from, day: null } : readMonthDay(m[4], m[5], m[6]);
  for (const point of [from, to]) {
    if (point.year !== null && point.year !== year) {
      return failed(`起止时间 ${quote(raw)} 写的是${point.year}年，与计划年度${year}年不符：${HOW}。`);
    }
    if (point.month < 1 || point.month > 12) return failed(`起止时间 ${quote(raw)} 的月份不在1—12之间：${HOW}。`);
    if (point.day !== null && (point.day < 1 || point.day > daysInMonth(year, point.month))) {
      return failed(`起止时间 ${quote(raw)} 中${point.month}月没有${point.day}日：${HOW}。`);
    }
  }
  const start = isoDate(year, from.month, from.day ?? 1);
  const end = isoDate(year, to.month, to.day ?? daysInMonth(year, to.month));
  if (end < start) return failed(`起止时间 ${quote(raw)} 的结束早于开始：${HOW}。`);
  return parsed({ start, end });
}
