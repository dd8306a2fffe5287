// Checks that help the planner: warnings with reasons, never silent blocks.
// The server gathers the facts (other units' tasks, claimed items, live counts); the rules
// live here so they can be tested without a database.
import type { RiskClass } from '../glossary.ts';
import type { Period } from './period.ts';
import type { RiskPolicy } from './riskPolicy.ts';
import { matchTaskItems } from './itemMatch.ts';
import { halfYearLoad, taskOverlaps } from './overlap.ts';
import { scopeContradictions } from './subLibrarySuggestion.ts';
import type { SubLibraryRule } from '../subLibraries/rule.ts';

export interface CheckedTask {
  code: string;
  seq: number | null;
  name: string;
  items: readonly string[];
  population: string;
  subLibraryId: string | null;
  /** Live count of the linked 名录分库 within the unit, null when not linked. */
  populationCount: number | null;
  /** Live count per risk class of the linked 名录分库, null when not linked. */
  populationByClass: Partial<Record<RiskClass, number>> | null;
  period: Period | null;
  riskPolicy: RiskPolicy | null;
  batchesPerYear: number;
  /** The linked 名录分库's name and rule, when it is available (for the scope contradiction check). */
  subLibrary?: { name: string; rule: SubLibraryRule } | null;
  /** The best suggested 名录分库 for an unlinked task (named in its warning). */
  suggestedSubLibrary?: string | null;
}

export interface OtherTask {
  code: string;
  name: string;
  planTitle: string;
  unitName: string;
  /** upper: a published task of a unit above; joint: a task of a published 部门联合 plan. */
  relation: 'upper' | 'joint';
  items: readonly string[];
  population: string;
  subLibraryId: string | null;
  period: Period;
}

export interface ClaimedItem {
  code: string;
  name: string;
  /** 抽查类别 of the list ("登记事项检查"): a plan naming it covers every claimed item of it. */
  category: string;
}

export interface PlanCheckInput {
  tasks: readonly CheckedTask[];
  others: readonly OtherTask[];
  claimedItems: readonly ClaimedItem[];
  /** A-class entities shared by two tasks' linked 名录分库 (computed by the server). */
  sharedLowRisk: readonly { a: string; b: string; count: number }[];
  /** 信用风险分类结果应用率 target in percent: 90 (seed 003) or 95 (seeds 001, 004). */
  riskUseTarget: number;
  /** 抽查事项覆盖率 target in percent (seed 004: 80). */
  itemCoverageTarget: number;
  /** Share of dated tasks starting in July or later above which the plan is warned (seed 000 二). */
  secondHalfLimit: number;
}

export type PlanWarningKind =
  | 'duplicateUpper'
  | 'duplicateJoint'
  | 'itemCoverage'
  | 'unknownItems'
  | 'secondHalf'
  | 'riskUnused'
  | 'riskUseRate'
  | 'lowRiskRepeat'
  | 'emptyPopulation'
  | 'unlinkedPopulation'
  | 'scopeContradiction';

export interface PlanWarning {
  kind: PlanWarningKind;
  /** 任务编号 the warning is about, or null for the whole plan. */
  taskCode: string | null;
  message: string;
  /** Why it matters: the rule and its source document. */
  reason: string;
}

export const DEFAULT_CHECK_TARGETS = { riskUseTarget: 90, itemCoverageTarget: 80, secondHalfLimit: 50 } as const;

function label(task: { seq: number | null; name: string; code: string }): string {
  return `任务${task.seq ?? ''}“${task.name}”（${task.code}）`;
}

function populationsOverlap(
  a: { population: string; subLibraryId: string | null },
  b: { population: string; subLibraryId: string | null },
) {
  if (a.subLibraryId !== null && b.subLibraryId !== null) return a.subLibraryId === b.subLibraryId;
  return undefined;
}

/** Does the policy use the A/B/C/D classes (counts towards the 应用率)? */
export function usesRiskClasses(policy: RiskPolicy | null): boolean {
  return policy !== null && (policy.kind === 'escalating' || policy.kind === 'perClass');
}

/** Does the policy draw A-class (低风险) entities at all? */
function drawsLowRisk(policy: RiskPolicy | null): boolean {
  if (policy?.kind === 'perClass') return (policy.basisPoints.A ?? 1) > 0;
  return true;
}

export function checkPlan(input: PlanCheckInput): PlanWarning[] {
  const warnings: PlanWarning[] = [];
  const { tasks } = input;

  // Same items over the same population in the same period as an upper-level or joint task.
  for (const task of tasks) {
    if (task.period === null || task.items.length === 0) continue;
    for (const other of input.others) {
      const known = populationsOverlap(task, other);
      const overlap = taskOverlaps(
        { items: task.items, population: task.population, period: task.period },
        { items: other.items, population: other.population, period: other.period },
        known === undefined ? {} : { populationsOverlap: () => known },
      );
      if (!overlap) continue;
      const joint = other.relation === 'joint';
      warnings.push({
        kind: joint ? 'duplicateJoint' : 'duplicateUpper',
        taskCode: task.code,
        message: `${label(task)}与${other.unitName}《${other.planTitle}》的任务“${other.name}”（${other.code}）在 ${overlap.start} 至 ${overlap.end} 对相同对象检查相同事项：${overlap.sharedItems.join('；')}。`,
        reason: joint
          ? '能纳入部门联合抽查的不再单独开展（晋市监〔2023〕21号 二）：请删除本任务中的重复事项，或并入联合抽查任务。'
          : '上级已部署的抽查任务，下级不再重复开展，避免多头多层重复检查（晋市监〔2023〕21号 二）：请删除重复事项、调整对象范围或时间。',
      });
    }
  }

  // Item coverage of the claimed list, and task items that are not on it: a task's item text
  // may name a category, an item, several items, or aspects of the item its task names
  // (itemMatch.ts); only text that names nothing on the list is warned about.
  const covered = new Set<string>();
  for (const task of tasks) {
    const unknown: string[] = [];
    for (const match of matchTaskItems(task, input.claimedItems)) {
      for (const item of match.items) covered.add(item.code);
      if (match.kind === null) unknown.push(match.text);
    }
    if (unknown.length > 0 && input.claimedItems.length > 0) {
      warnings.push({
        kind: 'unknownItems',
        taskCode: task.code,
        message: `${label(task)}的抽查事项 ${unknown.map((i) => `“${i}”`).join('、')} 与本单位认领的抽查事项清单中的事项和抽查类别都对不上。`,
        reason:
          '抽查事项应从认领的随机抽查事项清单中选取（一单两库）：请改用清单中的事项名称或抽查类别，或先在“一单两库 → 抽查事项清单”中认领该事项。',
      });
    }
  }
  if (input.claimedItems.length > 0) {
    const percent = Math.floor((covered.size * 1000) / input.claimedItems.length) / 10;
    if (percent < input.itemCoverageTarget) {
      const missing = input.claimedItems.filter((item) => !covered.has(item.code));
      const shown = missing.slice(0, 10).map((item) => `${item.code} ${item.name}`);
      warnings.push({
        kind: 'itemCoverage',
        taskCode: null,
        message: `本计划覆盖认领事项 ${covered.size}/${input.claimedItems.length} 项（${percent}%），低于 ${input.itemCoverageTarget}%。未覆盖：${shown.join('；')}${missing.length > shown.length ? ` 等 ${missing.length} 项` : ''}。`,
        reason: `“双随机、一公开”监管覆盖抽查事项比例不低于${input.itemCoverageTarget}%（原双随机办〔2024〕2号）：请把未覆盖的事项纳入任务。`,
      });
    }
  }

  // Tasks bunched in the second half of the year.
  const load = halfYearLoad(tasks);
  if (load.dated > 0 && load.share * 100 > input.secondHalfLimit) {
    warnings.push({
      kind: 'secondHalf',
      taskCode: null,
      message: `${load.dated} 个有起止时间的任务中有 ${load.secondHalf} 个（${Math.round(load.share * 100)}%）在下半年才开始。`,
      reason: `避免在下半年集中开展抽查检查，导致工作量陡增（晋市监〔2023〕21号 二）；本平台在超过 ${input.secondHalfLimit}% 时提示：请把部分任务提前。`,
    });
  }

  // Risk-class use per task and its rate.
  const unused = tasks.filter((task) => !usesRiskClasses(task.riskPolicy));
  for (const task of unused) {
    const policy = task.riskPolicy;
    const why =
      policy?.kind === 'notUsed'
        ? `写明不使用（“${policy.reason}”）`
        : policy?.kind === 'described'
          ? '写了信用风险但未写明各类别的比例或递加规则'
          : '未填写信用风险分类管理';
    warnings.push({
      kind: 'riskUnused',
      taskCode: task.code,
      message: `${label(task)}${why}，不计入信用风险分类结果应用。`,
      reason:
        '凡“随机抽查”必“风险分类”（晋市监〔2023〕21号、忻市监信用〔2024〕47号）：请写明对A/B/C/D类的比例或“分别递加比例抽查”；确实不适用的，写明原因。',
    });
  }
  if (tasks.length > 0) {
    const rate = Math.floor(((tasks.length - unused.length) * 1000) / tasks.length) / 10;
    if (rate < input.riskUseTarget) {
      warnings.push({
        kind: 'riskUseRate',
        taskCode: null,
        message: `信用风险分类结果应用率 ${rate}%（${tasks.length - unused.length}/${tasks.length} 个任务），低于 ${input.riskUseTarget}%。`,
        reason: `全年随机抽查信用风险分类结果应用率不低于${input.riskUseTarget}%。`,
      });
    }
  }

  // A low-risk entity inspected more than once in the year by this plan (seed 003 五).
  const byCode = new Map(tasks.map((task) => [task.code, task]));
  for (const task of tasks) {
    const lowRisk = task.populationByClass?.A ?? 0;
    if (task.batchesPerYear > 1 && lowRisk > 0 && drawsLowRisk(task.riskPolicy)) {
      warnings.push({
        kind: 'lowRiskRepeat',
        taskCode: task.code,
        message: `${label(task)}每年抽取 ${task.batchesPerYear} 批，其对象范围含 ${lowRisk} 户低风险（A类）企业，可能被一年内重复检查。`,
        reason:
          '对低风险企业，原则上一年内不重复检查（山西省市场监管局2024年8月13日文件 五）：抽取时平台按抽取规范第7条自动排除本年度已检查的A类企业；如需改变，请调整比例或频次。',
      });
    }
  }
  for (const shared of input.sharedLowRisk) {
    const a = byCode.get(shared.a);
    const b = byCode.get(shared.b);
    if (!a || !b || shared.count === 0 || !drawsLowRisk(a.riskPolicy) || !drawsLowRisk(b.riskPolicy)) continue;
    warnings.push({
      kind: 'lowRiskRepeat',
      taskCode: a.code,
      message: `${label(a)}与${label(b)}的对象范围共有 ${shared.count} 户低风险（A类）企业，可能被一年内检查两次。`,
      reason:
        '对低风险企业，原则上一年内不重复检查（山西省市场监管局2024年8月13日文件 五）：抽取时请在任一任务的抽取页选择与另一任务“合并抽取”（共用一次承诺，同一企业只检查一次，检查两个任务的事项，即“1+X”进一次门、查多项事），或在其中一个任务中不抽A类；抽取时平台也会排除本年度已检查的A类企业。',
    });
  }

  // Populations: linked to a 名录分库 with a live count, and not empty.
  for (const task of tasks) {
    if (task.subLibraryId === null) {
      warnings.push({
        kind: 'unlinkedPopulation',
        taskCode: task.code,
        message: `${label(task)}的抽查对象范围“${task.population}”尚未关联名录分库，无法计算实时户数，也不能抽取。${
          task.suggestedSubLibrary ? `建议的名录分库：“${task.suggestedSubLibrary}”。` : ''
        }`,
        reason: task.suggestedSubLibrary
          ? '抽查对象应从检查对象名录库中抽取：请打开任务，核对建议的名录分库后点“采用”，或另选名录分库。'
          : '抽查对象应从检查对象名录库中抽取：请在任务中选择名录分库（如“全市加油站”）。',
      });
    } else if (task.populationCount === 0) {
      warnings.push({
        kind: 'emptyPopulation',
        taskCode: task.code,
        message: `${label(task)}关联的名录分库当前没有任何对象（0 户）。`,
        reason: '对象范围为空的任务无法抽取：请检查名录分库的规则，或补充名录库数据。',
      });
    }
    if (task.subLibrary) {
      const clauses = scopeContradictions(task, task.subLibrary.rule);
      if (clauses.length > 0) {
        warnings.push({
          kind: 'scopeContradiction',
          taskCode: task.code,
          message: `${label(task)}关联的名录分库“${task.subLibrary.name}”与抽查对象范围“${task.population}”不符：${clauses.join('；')}。`,
          reason: '抽取的对象应与计划公布的抽查对象范围一致：请改选与范围相符的名录分库（任务中有建议），或修改分库规则、抽查对象范围。',
        });
      }
    }
  }
  return warnings;
}
