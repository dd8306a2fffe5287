import type { Period } from './period.ts';

/** What the overlap rule needs of a task (a parsed PlanTask fits once its fields are set). */
export interface OverlapSubject {
  items: readonly string[];
  population: string;
  period: Period;
}

export interface TaskOverlap {
  /** Items of `a` that `b` also checks, as written in `a`. */
  sharedItems: string[];
  /** The days both tasks run. */
  start: string;
  end: string;
}

export interface OverlapOptions {
  /** Whether two populations share objects; by default a comparison of the written scope (see below). */
  populationsOverlap?: (a: string, b: string) => boolean;
}

/** "登记事项的检查" and "登记事项检查。" are the same item. */
export function normalizeItemName(item: string): string {
  return item
    .normalize('NFKC')
    .replace(/[\s的。;,、.]/g, '')
    .replace(/^对/, '');
}

/**
 * "全市范围内存续的企业" → "企业". Scope words say where, not what; with them removed,
 * one population overlaps another when one name contains the other ("企业" ⊇ "燃气经营企业").
 */
export function normalizePopulation(population: string): string {
  return population
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/全市|全县|全区|辖区内?|范围内|市直|存续的?|各类|的/g, '');
}

function writtenPopulationsOverlap(a: string, b: string): boolean {
  const x = normalizePopulation(a);
  const y = normalizePopulation(b);
  return x !== '' && y !== '' && (x.includes(y) || y.includes(x));
}

/**
 * The same items over overlapping populations in overlapping periods:
 * a county should not repeat an upper-level task, nor run alone what a joint task covers.
 * Returns null when the tasks do not overlap.
 */
export function taskOverlaps(a: OverlapSubject, b: OverlapSubject, options: OverlapOptions = {}): TaskOverlap | null {
  const start = a.period.start > b.period.start ? a.period.start : b.period.start;
  const end = a.period.end < b.period.end ? a.period.end : b.period.end;
  if (end < start) return null;
  const itemsOfB = new Set(b.items.map(normalizeItemName));
  const sharedItems = a.items.filter((item) => itemsOfB.has(normalizeItemName(item)));
  if (sharedItems.length === 0) return null;
  const populationsOverlap = options.populationsOverlap ?? writtenPopulationsOverlap;
  if (!populationsOverlap(a.population, b.population)) return null;
  return { sharedItems, start, end };
}

export interface HalfYearLoad {
  /** Tasks with a known period. */
  dated: number;
  /** Tasks without a period (not counted in the share). */
  undated: number;
  /** Tasks starting on or after 1 July. */
  secondHalf: number;
  /** secondHalf ÷ dated, 0 when nothing is dated. */
  share: number;
}

/** Seed 000 (二): tasks should not bunch in the second half of the year. */
export function halfYearLoad(tasks: readonly { period: Period | null }[]): HalfYearLoad {
  let dated = 0;
  let secondHalf = 0;
  for (const task of tasks) {
    if (task.period === null) continue;
    dated += 1;
    if (Number(task.period.start.slice(5, 7)) >= 7) secondHalf += 1;
  }
  return { dated, undated: tasks.length - dated, secondHalf, share: dated === 0 ? 0 : secondHalf / dated };
}
