// Which 名录分库 a task's 抽查对象范围 is drawn from: suggestions ranked by how well a
// sub-library's name and rule fit the task's scope text and name, and the contradictions between
// a linked sub-library's rule and the scope (an 企业 task over a library of 个体工商户, a 特种设备
// task over a library with no 特种设备 condition …). Suggestions are never applied by themselves:
// the planner confirms one. The vocabulary comes from the plan tables of the Shanxi bureaus
// (“全市范围内存续的企业”“特种设备使用单位”“全市范围内存续广告经营企业” …) and the
// tags of the directory (src/core/subLibraries/tags.ts).
import { subjectTypeLabel, type SubjectType } from '../glossary.ts';
import type { SubLibraryRule } from '../subLibraries/rule.ts';
import { normalizePopulation } from './overlap.ts';

/** A kind of object a scope names, and the directory tags by which a rule restricts to it. */
export interface ScopeTerm {
  key: string;
  /** How the warning names it. */
  label: string;
  /** Words in a scope text that name it. */
  words: readonly string[];
  /** Tags of the directory that mark such objects. */
  tags: readonly string[];
}

export const SCOPE_TERMS: readonly ScopeTerm[] = [
  { key: 'specialEquipment', label: '特种设备使用单位', words: ['特种设备'], tags: ['特种设备使用单位'] },
  { key: 'advertising', label: '广告经营者', words: ['广告'], tags: ['广告经营者'] },
  { key: 'foodProduction', label: '食品生产企业', words: ['食品生产', '获证食品'], tags: ['食品生产许可'] },
  { key: 'industrialLicence', label: '工业产品生产许可证获证企业', words: ['工业产品', '食品相关'], tags: ['工业产品生产许可证'] },
  { key: 'foodBusiness', label: '食品经营者', words: ['食品经营', '食品销售', '保健食品'], tags: ['食品经营许可'] },
  { key: 'smallFoodShop', label: '食品小经营店', words: ['小经营店', '小摊'], tags: ['食品小经营店'] },
  { key: 'catering', label: '餐饮服务单位', words: ['餐饮', '食堂'], tags: ['餐饮服务'] },
  { key: 'measuring', label: '计量器具使用单位', words: ['计量器具', '计量使用'], tags: ['计量器具使用'] },
  { key: 'gasStation', label: '加油站', words: ['加油站'], tags: ['加油站'] },
  { key: 'glasses', label: '眼镜制配场所', words: ['眼镜'], tags: ['眼镜制配'] },
  { key: 'market', label: '集贸市场', words: ['集贸市场'], tags: ['集贸市场'] },
  { key: 'drugs', label: '药品经营者', words: ['药品', '药店', '药房'], tags: ['药品经营'] },
  { key: 'medicalDevices', label: '医疗器械经营者', words: ['医疗器械'], tags: ['医疗器械经营'] },
  { key: 'ecommerce', label: '电子商务经营者', words: ['电子商务', '网络交易', '电商'], tags: ['电子商务经营者'] },
  { key: 'trademarkAgency', label: '商标代理机构', words: ['商标代理'], tags: ['商标代理机构'] },
  { key: 'voluntaryCertification', label: '自愿性认证组织', words: ['自愿性认证'], tags: ['自愿性认证'] },
  { key: 'organic', label: '有机产品认证', words: ['有机产品'], tags: ['有机产品认证'] },
  { key: 'zeroReport', label: '年报全0申报企业', words: ['年报全0', '全0申报', '年报全零'], tags: ['年报全0申报'] },
  { key: 'sharedAddress', label: '一址多照企业', words: ['一址多照'], tags: ['一址多照'] },
  { key: 'related', label: '关联企业', words: ['关联企业'], tags: ['关联企业'] },
];

const termByKey = new Map(SCOPE_TERMS.map((t) => [t.key, t]));

/** The text as compared: width-folded, no spaces, 个体户 spelled as the directory spells it. */
function fold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s/g, '')
    .replace(/个体户/g, '个体工商户')
    .replace(/年报全零/g, '年报全0');
}

/** The terms a text names, in vocabulary order. */
export function termsOf(text: string): string[] {
  const folded = fold(text);
  return SCOPE_TERMS.filter((t) => t.words.some((w) => folded.includes(fold(w)))).map((t) => t.key);
}

/** The 主体类别 a text names (企业/公司, 个体工商户, 合作社), in label order. */
export function subjectsOf(text: string): SubjectType[] {
  const folded = fold(text);
  const found: SubjectType[] = [];
  if (/企业|公司/.test(folded)) found.push('enterprise');
  if (folded.includes('个体工商户')) found.push('individual');
  if (folded.includes('合作社')) found.push('cooperative');
  return found;
}

/** The terms a rule restricts its population to (tags it requires), and the ones it excludes. */
export function ruleTerms(rule: SubLibraryRule): { required: string[]; excluded: string[] } {
  const required = new Set([...rule.tags.anyOf, ...rule.tags.allOf]);
  const excluded = new Set(rule.tags.noneOf);
  return {
    required: SCOPE_TERMS.filter((t) => t.tags.some((tag) => required.has(tag))).map((t) => t.key),
    excluded: SCOPE_TERMS.filter((t) => t.tags.some((tag) => excluded.has(tag))).map((t) => t.key),
  };
}

/** What is compared: the task's 抽查对象范围 and its name. */
export interface TaskScope {
  name: string;
  population: string;
}

export interface LibraryCandidate {
  id: string;
  name: string;
  unitCode: string;
  unitName: string;
  /** Depth of the owning unit in the org tree (more = closer to a county): closer units rank first on a tie. */
  unitDepth: number;
  rule: SubLibraryRule;
}

const labels = (subjects: readonly SubjectType[]) => subjects.map((s) => subjectTypeLabel[s]).join('、');
const termLabels = (keys: readonly string[]) => keys.map((k) => termByKey.get(k)!.label).join('、');
const tagsOfTerms = (keys: readonly string[]) => [...new Set(keys.flatMap((k) => termByKey.get(k)!.tags))].map((t) => `“${t}”`).join('或');

/**
 * Where the library's rule contradicts the task's scope, each as a Chinese clause (empty: none).
 * - 主体类别: the scope names some (企业, 个体工商户, 合作社) and the rule lists others.
 * - A kind of object the scope names (特种设备, 广告 …) that the rule neither requires nor keeps
 *   (the draw would reach objects outside the scope), or that it excludes.
 * - A kind of object the rule requires that neither the scope nor the task's name speaks of
 *   (the library is narrower than the scope says).
 */
export function scopeContradictions(task: TaskScope, rule: SubLibraryRule): string[] {
  const clauses: string[] = [];
  const scopeSubjects = subjectsOf(task.population);
  const ruleSubjects = rule.subjectTypes;
  if (scopeSubjects.length > 0 && ruleSubjects.length > 0) {
    const shared = ruleSubjects.filter((s) => scopeSubjects.includes(s));
    const extra = ruleSubjects.filter((s) => !scopeSubjects.includes(s));
    if (shared.length === 0) {
      clauses.push(`分库只含${labels(ruleSubjects)}，而抽查对象范围是${labels(scopeSubjects)}`);
    } else if (extra.length > 0) {
      clauses.push(`分库还含${labels(extra)}，而抽查对象范围只写了${labels(scopeSubjects)}`);
    }
  }
  const scopeTerms = termsOf(task.population);
  const { required, excluded } = ruleTerms(rule);
  const excludedNamed = scopeTerms.filter((t) => excluded.includes(t));
  if (excludedNamed.length > 0) {
    clauses.push(`分库规则排除了${tagsOfTerms(excludedNamed)}标签，而抽查对象范围正是${termLabels(excludedNamed)}`);
  }
  if (scopeTerms.length > 0 && !scopeTerms.some((t) => required.includes(t)) && excludedNamed.length === 0) {
    clauses.push(`抽查对象范围是${termLabels(scopeTerms)}，但分库规则没有${tagsOfTerms(scopeTerms)}标签条件，会抽到范围以外的主体`);
  }
  const spoken = new Set([...scopeTerms, ...termsOf(task.name)]);
  const narrower = required.filter((t) => !spoken.has(t));
  if (narrower.length > 0 && !required.some((t) => spoken.has(t))) {
    clauses.push(`分库只含具有${tagsOfTerms(narrower)}标签的主体（${termLabels(narrower)}），而抽查对象范围和任务名称都未限于此`);
  }
  return clauses;
}

export interface SubLibrarySuggestion {
  id: string;
  name: string;
  unitCode: string;
  unitName: string;
  score: number;
  /** exact: the library's name is the scope; strong: name or rule agree clearly; weak: a hint only. */
  strength: 'exact' | 'strong' | 'weak';
  /** Why it was suggested, in Chinese. */
  reasons: string[];
}

/** Scores at or above these are 'exact' / 'strong'; below MIN_SCORE nothing is suggested. */
export const SUGGESTION_SCORES = { exact: 100, strong: 40, min: 20 } as const;

function scoreOf(task: TaskScope, library: LibraryCandidate): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  let score = 0;
  const population = fold(normalizePopulation(task.population));
  const libraryName = fold(normalizePopulation(library.name));
  if (population !== '' && population === libraryName) {
    score += 100;
    reasons.push('分库名称与抽查对象范围一致');
  } else if (population.length >= 2 && libraryName.length >= 2 && (population.includes(libraryName) || libraryName.includes(population))) {
    score += 50;
    reasons.push('分库名称与抽查对象范围相互包含');
  } else if (libraryName.length >= 2 && fold(task.name).includes(libraryName)) {
    score += 20;
    reasons.push('任务名称含分库名称');
  }
  const { required } = ruleTerms(library.rule);
  const scopeTerms = termsOf(task.population);
  const nameTerms = termsOf(task.name).filter((t) => !scopeTerms.includes(t));
  const agreed = scopeTerms.filter((t) => required.includes(t));
  if (agreed.length > 0) {
    score += 40 * agreed.length;
    reasons.push(`分库规则限定${tagsOfTerms(agreed)}标签，与抽查对象范围（${termLabels(agreed)}）相符`);
  }
  const byName = nameTerms.filter((t) => required.includes(t));
  if (byName.length > 0) {
    score += 20 * byName.length;
    reasons.push(`分库规则限定${tagsOfTerms(byName)}标签，与任务名称相符`);
  }
  const scopeSubjects = subjectsOf(task.population);
  const ruleSubjects = library.rule.subjectTypes;
  if (scopeSubjects.length > 0 && ruleSubjects.length > 0 && ruleSubjects.every((s) => scopeSubjects.includes(s))) {
    score += 30;
    reasons.push(`主体类别一致：${labels(ruleSubjects)}`);
    // A scope of two kinds (“个体户 合作社”) is told apart by the task's name (“对合作社的…”).
    const nameSubjects = subjectsOf(task.name);
    if (nameSubjects.length > 0 && ruleSubjects.every((s) => nameSubjects.includes(s))) {
      score += 30;
      reasons.push(`任务名称所指主体也是${labels(ruleSubjects)}`);
    } else if (nameSubjects.length > 0 && !ruleSubjects.some((s) => nameSubjects.includes(s))) {
      score -= 30;
    }
  }
  return { score, reasons };
}

/**
 * The libraries that fit the task, best first: those whose rule contradicts the scope are left
 * out; ties go to the library of the closer unit (a county's before its city's), then by name.
 */
export function suggestSubLibraries(task: TaskScope, libraries: readonly LibraryCandidate[], limit = 5): SubLibrarySuggestion[] {
  const scored = libraries
    .filter((lib) => scopeContradictions(task, lib.rule).length === 0)
    .map((lib) => ({ lib, ...scoreOf(task, lib) }))
    .filter((s) => s.score >= SUGGESTION_SCORES.min);
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      b.lib.unitDepth - a.lib.unitDepth ||
      (a.lib.name < b.lib.name ? -1 : a.lib.name > b.lib.name ? 1 : 0) ||
      (a.lib.id < b.lib.id ? -1 : a.lib.id > b.lib.id ? 1 : 0),
  );
  return scored.slice(0, limit).map(({ lib, score, reasons }) => ({
    id: lib.id,
    name: lib.name,
    unitCode: lib.unitCode,
    unitName: lib.unitName,
    score,
    strength: score >= SUGGESTION_SCORES.exact ? 'exact' : score >= SUGGESTION_SCORES.strong ? 'strong' : 'weak',
    reasons,
  }));
}

/**
 * The one library a task may be linked to without asking (the demo's loader, never the
 * console): the best suggestion when it is exact or strong and no other scores the same.
 */
export function clearSuggestion(suggestions: readonly SubLibrarySuggestion[]): SubLibrarySuggestion | null {
  const [best, next] = suggestions;
  if (!best || best.strength === 'weak') return null;
  if (next && next.score === best.score) return null;
  return best;
}
