// The indicators counted from plain rows (docs/indicators.md): the readable statement of every
// definition. The server counts the same things in SQL for speed; tests check both agree. A set of
// units (a unit and everything below it) is counted from its rows directly, so an entity visited
// by two counties is one entity in their city's coverage.
import type { WorkingCalendar } from '../calendar/index.ts';
import { publicationTimeliness } from '../results/deadlines.ts';
import { zeroCounts, type IndicatorCounts } from './compute.ts';

export type EntityRiskClass = 'A' | 'B' | 'C' | 'D';

export interface EntityFact {
  uscc: string;
  /** 管辖单位. */
  unitCode: string;
  enterprise: boolean;
  /** 存续 or 在业. */
  active: boolean;
  riskClass: EntityRiskClass | null;
}

/** One inspection result (one per visit, or per department part of a joint visit). */
export interface ResultFact {
  /** The inspecting unit. */
  unitCode: string;
  drawId: string;
  uscc: string;
  year: number;
  checkedOn: string | null;
  publishedOn: string | null;
  /** The task window's end on the visit. */
  periodEnd: string | null;
  /** The current version's categories state a problem (发现问题, 产品不合格). */
  problem: boolean;
}

export interface VisitFact {
  drawUnitCode: string;
  drawId: string;
  uscc: string;
  /** A reserve was visited in its place. */
  replaced: boolean;
}

export interface DrawFact {
  unitCode: string;
  id: string;
  year: number;
  status: 'committed' | 'drawn' | 'voided';
  planUnitCode: string;
  planId: string;
  taskCode: string;
  joint: boolean;
  drawnOn: string | null;
  /** Some eligible object of the frame has a risk class (A–D). */
  classified: boolean;
  /** Some group allocates by risk class (not one stratum). */
  usesClasses: boolean;
  /** Some group allocates different rates or weights to the classes. */
  differentiated: boolean;
}

/** A task of a plan's published version. */
export interface TaskFact {
  unitCode: string;
  unitPath: string;
  planId: string;
  taskCode: string;
  year: number;
  joint: boolean;
  items: string[];
  /** The plan's own completion deadline; null: the year's end. */
  deadline: string | null;
}

export interface ClaimFact {
  unitCode: string;
  unitPath: string;
  itemName: string;
}

/** A plan with a published version. */
export interface PlanFact {
  unitCode: string;
  unitPath: string;
  year: number;
  filedOn: string | null;
}

export interface FilingDeadlineFact {
  unitPath: string;
  year: number;
  dueOn: string;
}

export interface FollowupFact {
  unitCode: string;
  /** The year of the result's task. */
  year: number;
  closed: boolean;
}

export interface OtherInspectionsFact {
  unitCode: string;
  year: number;
  count: number;
}

export interface IndicatorFacts {
  entities: EntityFact[];
  results: ResultFact[];
  visits: VisitFact[];
  draws: DrawFact[];
  tasks: TaskFact[];
  claims: ClaimFact[];
  plans: PlanFact[];
  filingDeadlines: FilingDeadlineFact[];
  followups: FollowupFact[];
  otherInspections: OtherInspectionsFact[];
}

/** A task covers a claimed item when one of its items names it (equal, or containing the name). */
export function taskCoversItem(taskItems: readonly string[], itemName: string): boolean {
  return taskItems.some((item) => item === itemName || item.includes(itemName));
}

/** `path` is `ancestor` or below it. */
export function pathCovers(ancestor: string, path: string): boolean {
  return path === ancestor || path.startsWith(ancestor + '.');
}

/** The filing deadline that applies to a plan: the nearest unit strictly above it that set one for the year. */
export function filingDueOn(plan: PlanFact, deadlines: readonly FilingDeadlineFact[]): string | null {
  let best: FilingDeadlineFact | null = null;
  for (const d of deadlines) {
    if (d.year !== plan.year || d.unitPath === plan.unitPath || !pathCovers(d.unitPath, plan.unitPath)) continue;
    if (best === null || d.unitPath.length > best.unitPath.length) best = d;
  }
  return best?.dueOn ?? null;
}

function groupRows<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Counts every indicator for the units in `scope` (a unit and all below it) and one year. */
export function countIndicators(
  facts: IndicatorFacts,
  scope: ReadonlySet<string>,
  year: number,
  calendar: WorkingCalendar,
): IndicatorCounts {
  const c = zeroCounts();
  const entityByUscc = new Map(facts.entities.map((e) => [e.uscc, e]));

  // Entities under the scope's jurisdiction.
  c.entityCoverage.denominator = facts.entities.filter((e) => scope.has(e.unitCode) && e.enterprise && e.active).length;

  const results = facts.results.filter((r) => r.year === year && scope.has(r.unitCode));
  const finished = results.filter((r) => r.checkedOn !== null);
  const byEntity = groupRows(finished, (r) => r.uscc);
  c.entityCoverage.numerator = [...byEntity.keys()].filter((uscc) => entityByUscc.get(uscc)?.enterprise === true).length;

  c.resultPublication.denominator = finished.length;
  c.resultPublication.numerator = finished.filter((r) => r.publishedOn !== null).length;

  for (const r of results) {
    if (r.publishedOn === null || r.periodEnd === null) continue;
    const t = publicationTimeliness(calendar, r.periodEnd, r.publishedOn);
    if (t === 'unknown') continue;
    c.timelyPublication.denominator += 1;
    if (t === 'onTime') c.timelyPublication.numerator += 1;
  }

  const draws = facts.draws.filter((d) => d.year === year && d.status === 'drawn' && scope.has(d.unitCode) && d.classified);
  for (const d of draws) {
    const key = d.joint ? 'riskClassApplicationJoint' : 'riskClassApplication';
    c[key].denominator += 1;
    if (d.usesClasses) c[key].numerator += 1;
    c.riskDifferentiation.denominator += 1;
    if (d.differentiated) c.riskDifferentiation.numerator += 1;
  }

  const tasks = facts.tasks.filter((t) => t.year === year && scope.has(t.unitCode));
  for (const claim of facts.claims.filter((cl) => scope.has(cl.unitCode))) {
    c.itemCoverage.denominator += 1;
    const covered = facts.tasks.some(
      (t) => t.year === year && pathCovers(t.unitPath, claim.unitPath) && taskCoversItem(t.items, claim.itemName),
    );
    if (covered) c.itemCoverage.numerator += 1;
  }

  c.jointSupervision.denominator = tasks.length;
  c.jointSupervision.numerator = tasks.filter((t) => t.joint).length;

  for (const [uscc, rows] of byEntity) {
    const times = new Set(rows.map((r) => r.drawId)).size;
    c.repeatInspection.denominator += 1;
    if (times > 1) c.repeatInspection.numerator += 1;
    if (entityByUscc.get(uscc)?.riskClass === 'A') {
      c.lowRiskRepeat.denominator += 1;
      if (times > 1) c.lowRiskRepeat.numerator += 1;
    }
  }

  c.problemFinding.denominator = finished.length;
  c.problemFinding.numerator = finished.filter((r) => r.problem).length;

  const followups = facts.followups.filter((f) => f.year === year && scope.has(f.unitCode));
  c.problemDisposal.denominator = followups.length;
  c.problemDisposal.numerator = followups.filter((f) => f.closed).length;

  const others = facts.otherInspections.filter((o) => o.year === year && scope.has(o.unitCode)).reduce((sum, o) => sum + o.count, 0);
  c.randomInspectionShare.numerator = finished.length;
  c.randomInspectionShare.denominator = finished.length + others;

  for (const task of tasks) {
    c.planCompletion.denominator += 1;
    if (taskCompleted(facts, task)) c.planCompletion.numerator += 1;
  }

  for (const plan of facts.plans.filter((p) => p.year === year && scope.has(p.unitCode))) {
    const due = filingDueOn(plan, facts.filingDeadlines);
    if (due === null) continue;
    c.planFilingTimeliness.denominator += 1;
    if (plan.filedOn !== null && plan.filedOn <= due) c.planFilingTimeliness.numerator += 1;
  }
  return c;
}

/**
 * 计划完成率: the task has a draw done by the plan's deadline, no draw done after it, and every
 * visit of its draws (after reserve replacements) has a result published by the deadline.
 */
export function taskCompleted(facts: Pick<IndicatorFacts, 'draws' | 'visits' | 'results'>, task: TaskFact): boolean {
  const deadline = task.deadline ?? `${task.year}-12-31`;
  const draws = facts.draws.filter(
    (d) => d.status === 'drawn' && d.planUnitCode === task.unitCode && d.planId === task.planId && d.taskCode === task.taskCode,
  );
  if (draws.length === 0) return false;
  if (draws.some((d) => d.drawnOn === null || d.drawnOn > deadline)) return false;
  const ids = new Set(draws.map((d) => d.id));
  return facts.visits
    .filter((v) => ids.has(v.drawId) && !v.replaced)
    .every((v) =>
      facts.results.some((r) => r.drawId === v.drawId && r.uscc === v.uscc && r.publishedOn !== null && r.publishedOn <= deadline),
    );
}
