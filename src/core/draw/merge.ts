// 合并抽取 (docs/draw-spec.md §2, §6): several tasks of one unit drawn under one commit, one group
// per task, so that a business drawn by two tasks is one visit with both tasks' items. Pure: how
// the merged draw and its groups are named, and which tasks drew a visit.
import { compareUtf8 } from './encoding.ts';
import type { AllocationSpec, GroupParams } from './params.ts';

/** The separator of the task codes in a merged draw's code; a task code never contains it. */
export const MERGE_SEPARATOR = '+';

/**
 * The code of a draw, also `P.task` (docs/draw-spec.md §2): the task code (or, merged, the task
 * codes sorted by bytes and joined by `+`), the batch, and `-R<k>` for the k-th re-draw. A task
 * code has no `+`, so a merged draw's code never equals a single task's.
 */
export function drawCodeOf(taskCodes: readonly string[], batch: number, attempt: number): string {
  const tasks = [...taskCodes].sort(compareUtf8).join(MERGE_SEPARATOR);
  return `${tasks}-${batch}${attempt > 1 ? `-R${attempt - 1}` : ''}`;
}

export interface MergedTask {
  code: string;
  items: readonly string[];
  allocation: AllocationSpec;
}

/**
 * The groups of a merged draw: one per task, in task-code byte order, the group's code being the
 * task's code (so a visit's groups name the tasks that drew it), the task's items once each.
 */
export function mergedGroups(tasks: readonly MergedTask[], reserve: number): GroupParams[] {
  return [...tasks]
    .sort((a, b) => compareUtf8(a.code, b.code))
    .map((t) => ({ code: t.code, items: [...new Set(t.items)], allocation: t.allocation, reserve }));
}

/** Task codes that cannot be merged, as the reason in Chinese, or null when they can. */
export function mergeSelectionProblem(taskCodes: readonly string[]): string | null {
  if (taskCodes.length < 2) return '合并抽取至少要选择 2 个任务。';
  const seen = new Set<string>();
  for (const code of taskCodes) {
    if (code.includes(MERGE_SEPARATOR)) return `任务编号 ${code} 含有“${MERGE_SEPARATOR}”，不能参加合并抽取。`;
    if (seen.has(code)) return `任务 ${code} 选择了两次：每个任务只能选择一次。`;
    seen.add(code);
  }
  return null;
}
