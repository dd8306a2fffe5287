// Publishing a plan whose tasks cannot all be drawn is an explicit, recorded decision: the tasks
// without a drawable population (no 名录分库 linked, or the linked one holds nobody) are listed,
// and the publisher states why the plan goes out anyway. The reason is kept with the version and
// in the audit log.
import { invalidState } from '../errors.ts';

export interface DrawableFacts {
  code: string;
  seq: number | null;
  name: string;
  subLibraryId: string | null;
  /** Live count of the linked library within the plan's unit; null when not linked. */
  populationCount: number | null;
}

export interface UndrawableTask {
  code: string;
  seq: number | null;
  name: string;
  why: 'unlinked' | 'empty';
}

export const undrawableWhyText: Record<UndrawableTask['why'], string> = {
  unlinked: '未关联名录分库',
  empty: '关联的名录分库当前为 0 户',
};

/** The tasks that cannot be drawn as the plan stands, in the given order. */
export function undrawableTasks(tasks: readonly DrawableFacts[]): UndrawableTask[] {
  return tasks.flatMap((t): UndrawableTask[] => {
    if (t.subLibraryId === null) return [{ code: t.code, seq: t.seq, name: t.name, why: 'unlinked' }];
    if ((t.populationCount ?? 0) <= 0) return [{ code: t.code, seq: t.seq, name: t.name, why: 'empty' }];
    return [];
  });
}

/** Fewer characters than this is not a reason. */
export const MIN_UNDRAWABLE_REASON = 4;

/** One line per task, as the refusal and the audit note show it. */
export function describeUndrawable(task: UndrawableTask): string {
  return `任务${task.seq ?? ''}“${task.name}”（${task.code}）${undrawableWhyText[task.why]}`;
}

/**
 * The reason to record with the published version: null when every task can be drawn (a reason
 * given anyway is not kept); the trimmed reason when some cannot; a refusal (409) listing them when
 * no reason of at least MIN_UNDRAWABLE_REASON characters was given.
 */
export function undrawableDecision(undrawable: readonly UndrawableTask[], reason: string | null | undefined): string | null {
  if (undrawable.length === 0) return null;
  const text = (reason ?? '').trim();
  if (text.length >= MIN_UNDRAWABLE_REASON) return text;
  const shown = undrawable.slice(0, 10).map(describeUndrawable);
  throw invalidState(
    'PLAN_UNDRAWABLE_TASKS',
    `有 ${undrawable.length} 个任务没有可抽取的对象：${shown.join('；')}${undrawable.length > shown.length ? ` 等` : ''}。` +
      `请先在任务中关联名录分库；如确需照此发布，请在“无法抽取任务的发布说明”中写明原因（至少 ${MIN_UNDRAWABLE_REASON} 个字），说明将随版本记录并写入审计日志。`,
    { tasks: undrawable },
  );
}
