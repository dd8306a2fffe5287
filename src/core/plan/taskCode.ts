// 任务编号: unique per task, stable across plan versions, and readable on a
// 抽查结果公告 or a penalty decision that cites it. Format: 单位代码-年度-三位序号, the number
// counting every task the unit has planned for that year (all its plans), e.g. 140581-2025-007.
// A unit with more than 999 tasks in a year continues with four digits (…-1000).

export interface TaskCodeParts {
  unitCode: string;
  year: number;
  number: number;
}

const TASK_CODE = /^([0-9A-Za-z][0-9A-Za-z-]*)-(\d{4})-(\d{3,})$/;

export function formatTaskCode(parts: TaskCodeParts): string {
  if (!Number.isInteger(parts.number) || parts.number < 1) throw new RangeError(`task number must be a positive integer: ${parts.number}`);
  if (!Number.isInteger(parts.year) || parts.year < 1000 || parts.year > 9999)
    throw new RangeError(`year must have four digits: ${parts.year}`);
  return `${parts.unitCode}-${parts.year}-${String(parts.number).padStart(3, '0')}`;
}

/** The parts of a task code, or null when it is not one. */
export function parseTaskCode(code: string): TaskCodeParts | null {
  const m = TASK_CODE.exec(code.trim());
  if (!m) return null;
  const number = Number(m[3]);
  if (number < 1 || (m[3]!.length > 3 && m[3]!.startsWith('0'))) return null;
  return { unitCode: m[1]!, year: Number(m[2]), number };
}
