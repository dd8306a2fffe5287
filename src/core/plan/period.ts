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

/**
 * "3月—11月" → 1 March to 30 November of `year`: a bare end month means its last day
 * (the seeds' periods are whole months).
 */
export function parsePeriod(raw: string, year: number): CellResult<Period> {
  const text = foldCell(raw).replace(/\s/g, '');
  if (text === '') return failed(`起止时间未填写：${HOW}。`);
  if (text === '全年') return parsed({ start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) });
  const m = RANGE.exec(text);
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
