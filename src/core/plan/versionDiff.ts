// The visible difference between two versions of a plan ("Adjustments … a visible
// diff"): header fields and tasks matched by 任务编号, compared cell by cell as written.
import { type PlanField, planFieldLabel } from './columns.ts';

export interface VersionSnapshot {
  title: string;
  docNumber: string;
  deadline: string | null;
  tasks: readonly SnapshotTask[];
}

export interface SnapshotTask {
  code: string;
  cells: Partial<Record<PlanField, string>>;
  /** The linked 名录分库, by name, or null. */
  population: string | null;
}

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface TaskChange {
  code: string;
  name: string;
  kind: 'added' | 'removed' | 'changed';
  changes: FieldChange[];
}

export interface VersionDiff {
  header: FieldChange[];
  tasks: TaskChange[];
  unchanged: number;
}

const headerLabel = { title: '计划名称', docNumber: '文号', deadline: '完成时限' } as const;

function tidy(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export function diffVersions(before: VersionSnapshot, after: VersionSnapshot): VersionDiff {
  const header: FieldChange[] = [];
  for (const field of ['title', 'docNumber', 'deadline'] as const) {
    const a = tidy(before[field]);
    const b = tidy(after[field]);
    if (a !== b) header.push({ field, label: headerLabel[field], before: a, after: b });
  }
  const oldTasks = new Map(before.tasks.map((t) => [t.code, t]));
  const newCodes = new Set(after.tasks.map((t) => t.code));
  const tasks: TaskChange[] = [];
  let unchanged = 0;
  for (const task of after.tasks) {
    const old = oldTasks.get(task.code);
    const name = tidy(task.cells.name) || task.code;
    if (!old) {
      tasks.push({ code: task.code, name, kind: 'added', changes: cellChanges({}, task.cells, null, task.population) });
      continue;
    }
    const changes = cellChanges(old.cells, task.cells, old.population, task.population);
    if (changes.length === 0) unchanged += 1;
    else tasks.push({ code: task.code, name, kind: 'changed', changes });
  }
  for (const task of before.tasks) {
    if (newCodes.has(task.code)) continue;
    tasks.push({
      code: task.code,
      name: tidy(task.cells.name) || task.code,
      kind: 'removed',
      changes: cellChanges(task.cells, {}, task.population, null),
    });
  }
  return { header, tasks, unchanged };
}

function cellChanges(
  a: Partial<Record<PlanField, string>>,
  b: Partial<Record<PlanField, string>>,
  popA: string | null,
  popB: string | null,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(planFieldLabel) as PlanField[]) {
    const x = tidy(a[field]);
    const y = tidy(b[field]);
    if (x !== y) changes.push({ field, label: planFieldLabel[field], before: x, after: y });
  }
  if (tidy(popA) !== tidy(popB)) changes.push({ field: 'subLibrary', label: '关联名录分库', before: tidy(popA), after: tidy(popB) });
  return changes;
}
