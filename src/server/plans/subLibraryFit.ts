// Which 名录分库 fits a task (src/core/plan/subLibrarySuggestion.ts over the database): the
// candidates are the sub-libraries of the plan's unit and of the units above it (the ones a task
// of that unit may use for its whole area); the suggestions are for the plan's own units, who
// confirm one in the task drawer. Nothing here links a task.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { scopeContradictions, suggestSubLibraries, type LibraryCandidate, type SubLibrarySuggestion } from '../../core/plan/index.ts';
import { normalizeRule, type SubLibraryRuleInput } from '../../core/subLibraries/rule.ts';
import { loadScope } from '../access/scope.ts';
import { outOfReach } from '../access/reach.ts';
import { AppError } from '../http/errors.ts';
import { loadSubLibrary } from '../subLibraries/compileRule.ts';
import { loadVersions, loadTasks } from './planViews.ts';
import type { PlanRow } from './planStore.ts';
import { loadPlanFor, type PlanCaller } from './policy.ts';

/** The sub-libraries of the plan's unit and the units above it, as suggestion candidates. */
export async function libraryCandidates(db: Kysely<DB>, plan: Pick<PlanRow, 'unitPath'>): Promise<LibraryCandidate[]> {
  const owners = plan.unitPath.split('.');
  const rows = await db
    .selectFrom('sub_library as s')
    .innerJoin('org_unit as o', 'o.code', 's.unit_code')
    .select(['s.id', 's.name', 's.unit_code', 's.rule', 'o.name as unit_name', 'o.path'])
    .where('s.unit_code', 'in', owners)
    .orderBy('s.unit_code')
    .orderBy('s.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    unitDepth: r.path.split('.').length,
    rule: normalizeRule(r.rule as SubLibraryRuleInput),
  }));
}

export interface SuggestionAnswer {
  taskCode: string;
  name: string;
  population: string;
  /** The library asked about (the one chosen in the drawer, or else the linked one) and how it contradicts the scope. */
  current: { id: string; name: string; contradictions: string[] } | null;
  suggestions: SubLibrarySuggestion[];
}

/**
 * Suggestions for one task of a plan the caller's units own (another unit's plan, or a unit below
 * reading a published one: the one NOT_FOUND). The drawer may pass the text being edited
 * (`name`, `population`) and the library being chosen (`subLibraryId`) instead of the saved ones.
 */
export async function taskSubLibrarySuggestions(
  db: Kysely<DB>,
  caller: PlanCaller,
  input: {
    id: string;
    code: string;
    version?: number | undefined;
    name?: string | undefined;
    population?: string | undefined;
    subLibraryId?: string | null | undefined;
  },
): Promise<SuggestionAnswer> {
  const { plan, own } = await loadPlanFor(db, caller, input.id, 'read');
  if (!own) throw outOfReach('年度抽查计划');
  const versions = await loadVersions(db, plan, false);
  const versionNo = input.version ?? plan.state.draftVersion ?? plan.state.publishedVersion ?? 1;
  if (!versions.some((v) => v.versionNo === versionNo)) {
    throw new AppError('NOT_FOUND', `计划没有第${versionNo}版。现有版本：${versions.map((v) => `第${v.versionNo}版`).join('、')}。`, {
      version: versionNo,
    });
  }
  const task = (await loadTasks(db, plan, versionNo, false)).find((t) => t.code === input.code);
  if (!task) {
    throw new AppError('NOT_FOUND', `第${versionNo}版中没有任务编号为 ${input.code} 的任务，请刷新后重试。`, { code: input.code });
  }
  const scope = { name: input.name ?? task.name, population: input.population ?? task.population };
  const suggestions = suggestSubLibraries(scope, await libraryCandidates(db, plan));
  const currentId = input.subLibraryId !== undefined ? input.subLibraryId : (task.subLibrary?.id ?? null);
  let current: SuggestionAnswer['current'] = null;
  if (currentId !== null) {
    const library = await loadSubLibrary(db, await loadScope(db, plan.unitCode), currentId);
    current = { id: library.id, name: library.name, contradictions: scopeContradictions(scope, library.rule) };
  }
  return { taskCode: task.code, ...scope, current, suggestions };
}
