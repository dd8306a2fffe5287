// What each role must do next (the 工作台's 待办): pure rules over plain rows, so the server's
// queries only gather and this decides. Dates are 'YYYY-MM-DD' strings (China calendar days).
import type { TodoKind } from '../glossary.ts';

export type ResultStatus = 'draft' | 'pendingReview' | 'returned' | 'published';

/**
 * The step an assigned inspector owes on a visit: enter the result when there is none, revise
 * it when the office returned it, confirm it when a colleague entered it and this person has not
 * confirmed yet; nothing once it is submitted for review or published.
 */
export function inspectorStep(
  result: { status: ResultStatus; confirmedBy: readonly string[] } | null,
  inspectorId: string,
): Extract<TodoKind, 'enterResult' | 'confirmResult' | 'reviseResult'> | null {
  if (result === null) return 'enterResult';
  if (result.status === 'returned') return 'reviseResult';
  if (result.status === 'draft') return result.confirmedBy.includes(inspectorId) ? null : 'confirmResult';
  return null;
}

/** The middle day of a period (the earlier one when the period has an even number of days). */
export function midPeriod(start: string, end: string): string {
  const a = Date.parse(`${start}T00:00:00Z`);
  const b = Date.parse(`${end}T00:00:00Z`);
  const middle = a + Math.floor((b - a) / 86_400_000 / 2) * 86_400_000;
  return new Date(middle).toISOString().slice(0, 10);
}

export type TaskDrawUrgency = 'notStarted' | 'open' | 'pastMidPeriod' | 'ended';

/**
 * Where a task without a draw stands on `today`: not started, open, past the middle of its
 * period (the upper level's "只计划不执行" flag), or ended. A task without a period counts as open.
 */
export function taskDrawUrgency(periodStart: string | null, periodEnd: string | null, today: string): TaskDrawUrgency {
  if (periodStart !== null && today < periodStart) return 'notStarted';
  if (periodEnd !== null && today > periodEnd) return 'ended';
  if (periodStart !== null && periodEnd !== null && today > midPeriod(periodStart, periodEnd)) return 'pastMidPeriod';
  return 'open';
}

/**
 * A task of a past year's plan, its period ended without a draw, is no longer a step the planner
 * can take on time: it is that year's shortfall (the indicators count it). Such tasks show once
 * per plan year, as a count that opens the year's task list, instead of one overdue row each
 * that would bury this year's work.
 */
export function isPastYearShortfall(planYear: number, stage: TaskDrawUrgency, currentYear: number): boolean {
  return planYear < currentYear && stage === 'ended';
}

/** The one 工作台 item for a past plan year's undrawn tasks. */
export function pastYearShortfallTodo(planYear: number, tasks: number, lastPeriodEnd: string | null): Todo {
  return {
    kind: 'drawTask',
    subject: `${planYear}年度计划有${tasks}项任务未抽取，已过完成时限`,
    detail: '上一年度的任务期限已过，不再逐项列出；请在抽查任务中查看，如需补充抽取，按任务逐项进行',
    due: lastPeriodEnd,
    urgency: 'overdue',
    link: `/console/tasks?year=${planYear}`,
  };
}

/**
 * Whether a drawn sample may now be made public: every visit has a published result, or the
 * task period has ended (before that, publishing would announce inspections still to come).
 */
export function sampleMayBePublished(visits: number, visitsWithPublishedResult: number, periodEnd: string | null, today: string): boolean {
  if (visits > 0 && visitsWithPublishedResult >= visits) return true;
  return periodEnd !== null && today > periodEnd;
}

export type TodoUrgency = 'overdue' | 'dueSoon' | 'ok' | 'none';

export interface Todo {
  kind: TodoKind;
  /** What the item is about, in Chinese (a business, a task, a plan, a unit). */
  subject: string;
  /** A further line of detail, Chinese, or null. */
  detail: string | null;
  due: string | null;
  urgency: TodoUrgency;
  /** Console path that opens the item. */
  link: string;
}

const urgencyRank: Record<TodoUrgency, number> = { overdue: 0, dueSoon: 1, ok: 2, none: 3 };

/** Overdue first, then due soon, then by due date (undated last), then by subject. */
export function orderTodos<T extends Todo>(todos: readonly T[]): T[] {
  return [...todos].sort(
    (a, b) =>
      urgencyRank[a.urgency] - urgencyRank[b.urgency] ||
      (a.due ?? '9999-12-31').localeCompare(b.due ?? '9999-12-31') ||
      a.subject.localeCompare(b.subject, 'zh-CN'),
  );
}
