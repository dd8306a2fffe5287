// Gathers what the planner checks need (src/core/plan/plannerChecks.ts) from the database:
// the upper units' and joint plans' published tasks of the same year, the unit's claimed
// items, and live counts of the linked 名录分库.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  checkPlan,
  DEFAULT_CHECK_TARGETS,
  matchTaskItems,
  type CheckedTask,
  type ItemMatch,
  type OtherTask,
  type PlanWarning,
  clearSuggestion,
  suggestSubLibraries,
} from '../../core/plan/index.ts';
import type { SubLibraryRule } from '../../core/subLibraries/rule.ts';
import { loadScope } from '../access/scope.ts';
import { compileRule, loadSubLibrary } from '../subLibraries/compileRule.ts';
import { publishedTasks } from '../tasks/publishedTasks.ts';
import type { PlanRow } from './planStore.ts';
import type { TaskView } from './planViews.ts';
import { libraryCandidates } from './subLibraryFit.ts';

/** At most this many pairs of linked 名录分库 are intersected for the A-class check. */
const MAX_LIBRARY_PAIRS = 60;

/** What each task's 抽查事项 text matched on the unit's claimed list (shown with the task). */
export interface TaskItemMatches {
  taskCode: string;
  matches: ItemMatch[];
}

/** The planner's warnings, and what each task's items matched on the claimed list. */
export async function planWarnings(
  db: Kysely<DB>,
  plan: PlanRow,
  tasks: readonly TaskView[],
): Promise<{ warnings: PlanWarning[]; itemMatches: TaskItemMatches[] }> {
  const libraries = await linkedLibraries(db, plan, tasks);
  const candidates = tasks.some((t) => t.subLibrary === null) ? await libraryCandidates(db, plan) : [];
  const checked: CheckedTask[] = tasks.map((t) => ({
    code: t.code,
    seq: t.seq,
    name: t.name,
    items: t.items,
    population: t.population,
    subLibraryId: t.subLibrary?.id ?? null,
    populationCount: t.subLibrary ? t.subLibrary.count : null,
    populationByClass: t.subLibrary ? t.subLibrary.byRiskClass : null,
    period: t.period,
    riskPolicy: t.riskPolicy,
    batchesPerYear: t.batchesPerYear,
    subLibrary: t.subLibrary ? (libraries.get(t.subLibrary.id) ?? null) : null,
    suggestedSubLibrary: t.subLibrary === null ? (clearSuggestion(suggestSubLibraries(t, candidates))?.name ?? null) : null,
  }));
  const [others, claimedItems, sharedLowRisk] = await Promise.all([
    otherTasks(db, plan),
    claimed(db, plan.unitCode),
    lowRiskOverlaps(db, plan, checked, libraries),
  ]);
  const warnings = checkPlan({
    tasks: checked,
    others,
    claimedItems,
    sharedLowRisk,
    ...DEFAULT_CHECK_TARGETS,
    riskUseTarget: plan.kind === 'joint' ? 95 : DEFAULT_CHECK_TARGETS.riskUseTarget,
  });
  const itemMatches = tasks.map((t) => ({ taskCode: t.code, matches: matchTaskItems(t, claimedItems) }));
  return { warnings, itemMatches };
}

/** Published tasks of the same year in plans above the plan's unit, and in joint plans of its unit or above. */
async function otherTasks(db: Kysely<DB>, plan: PlanRow): Promise<OtherTask[]> {
  const ancestors = plan.unitPath.split('.').filter((code) => code !== plan.unitCode);
  const rows = await publishedTasks(db)
    .select([
      'p.unit_code',
      'p.kind',
      'o.name as unit_name',
      'v.title',
      't.task_code',
      't.name',
      't.items',
      't.population',
      't.sub_library_id',
      't.period_start',
      't.period_end',
    ])
    .where('p.year', '=', plan.year)
    .where('p.id', '<>', plan.id)
    .where((eb) =>
      eb.or([
        ...(ancestors.length > 0 ? [eb('p.unit_code', 'in', ancestors)] : []),
        eb.and([eb('p.kind', '=', 'joint'), eb('p.unit_code', '=', plan.unitCode)]),
      ]),
    )
    .execute();
  return rows
    .filter((r) => r.period_start !== null && r.period_end !== null)
    .map((r) => ({
      code: r.task_code,
      name: r.name,
      planTitle: r.title,
      unitName: r.unit_name,
      relation: r.kind === 'joint' ? ('joint' as const) : ('upper' as const),
      items: r.items,
      population: r.population,
      subLibraryId: r.sub_library_id,
      period: { start: r.period_start!, end: r.period_end! },
    }));
}

async function claimed(db: Kysely<DB>, unitCode: string) {
  const rows = await db
    .selectFrom('check_item_claim as c')
    .innerJoin('check_item as i', (j) => j.onRef('i.version_id', '=', 'c.version_id').onRef('i.item_code', '=', 'c.item_code'))
    .select(['c.item_code as code', 'i.name', 'i.category'])
    .where('c.unit_code', '=', unitCode)
    .orderBy('c.item_code')
    .execute();
  return rows;
}

type LinkedLibraries = Map<string, { name: string; rule: SubLibraryRule } | null>;

/** The name and rule of each linked 名录分库 the plan's unit may use (null: deleted or out of its reach). */
async function linkedLibraries(db: Kysely<DB>, plan: PlanRow, tasks: readonly TaskView[]): Promise<LinkedLibraries> {
  const ids = [...new Set(tasks.map((t) => t.subLibrary?.id).filter((id): id is string => id !== undefined))];
  const libraries: LinkedLibraries = new Map();
  if (ids.length === 0) return libraries;
  const scope = await loadScope(db, plan.unitCode);
  for (const id of ids) {
    try {
      const library = await loadSubLibrary(db, scope, id);
      libraries.set(id, { name: library.name, rule: library.rule });
    } catch {
      libraries.set(id, null);
    }
  }
  return libraries;
}

/** A-class entities in both of two tasks' linked 名录分库 (the same library counts its own A-class). */
async function lowRiskOverlaps(db: Kysely<DB>, plan: PlanRow, tasks: readonly CheckedTask[], libraries: LinkedLibraries) {
  const linked = tasks.filter((t) => t.subLibraryId !== null);
  if (linked.length < 2) return [];
  const scope = await loadScope(db, plan.unitCode);
  const rules = new Map([...libraries].map(([id, lib]) => [id, lib?.rule ?? null]));
  const counts = new Map<string, number>();
  const result: { a: string; b: string; count: number }[] = [];
  let pairs = 0;
  for (let i = 0; i < linked.length; i++) {
    for (let j = i + 1; j < linked.length; j++) {
      const a = linked[i]!;
      const b = linked[j]!;
      const key = [a.subLibraryId, b.subLibraryId].sort().join('|');
      let count = counts.get(key);
      if (count === undefined) {
        if (pairs >= MAX_LIBRARY_PAIRS) continue;
        pairs += 1;
        const ruleA = rules.get(a.subLibraryId!);
        const ruleB = rules.get(b.subLibraryId!);
        count = 0;
        if (ruleA && ruleB) {
          const left = compileRule(db, ruleA, scope.unitCodes).select('e.uscc').where('e.risk_class', '=', 'A');
          const right = compileRule(db, ruleB, scope.unitCodes).select('e.uscc').where('e.risk_class', '=', 'A');
          const row = await db
            .selectFrom(left.intersect(right).as('shared'))
            .select(sql<string>`count(*)`.as('n'))
            .executeTakeFirst();
          count = Number(row?.n ?? 0);
        }
        counts.set(key, count);
      }
      if (count > 0) result.push({ a: a.code, b: b.code, count });
    }
  }
  return result;
}
