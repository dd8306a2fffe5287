// Inspection result categories and their rules (seed 003 七: the categories published on the
// national enterprise credit publicity system; seed 003 (四): the inspection methods; seed 003
// 八, seed 001 六, seed 000 五: what a problem leads to). Pure: plain data in, plain data out.
//
// The rules below are this project's reading of the categories; each exclusion names the
// reason in the message the inspector sees, so a disputed rule is easy to find and change.
import {
  type InspectionMethod,
  type ResultCategory,
  type FollowUpMeasure,
  inspectionMethodLabel,
  resultCategoryLabel,
  codesOf,
} from '../glossary.ts';
import { dayOf, hasText } from './outcome.ts';

export const resultCategories = codesOf(resultCategoryLabel);
export const inspectionMethods = codesOf(inspectionMethodLabel);

export function isResultCategory(value: unknown): value is ResultCategory {
  return typeof value === 'string' && Object.hasOwn(resultCategoryLabel, value);
}

export function isInspectionMethod(value: unknown): value is InspectionMethod {
  return typeof value === 'string' && Object.hasOwn(inspectionMethodLabel, value);
}

/** 发现问题: the categories that state a problem and so need the findings written down. */
export const findingCategories: ReadonlySet<ResultCategory> = new Set<ResultCategory>([
  'problemOrderedToCorrect',
  'problemPendingInvestigation',
  'productUnqualified',
]);

/**
 * Conclusions about the business's conduct that an on-site check reaches. When the registered
 * address cannot be reached they can only come from another method (书面检查, 网络监测, 委托).
 */
const conclusionsNeedingAccess: ReadonlySet<ResultCategory> = new Set<ResultCategory>([
  'problemOrderedToCorrect',
  'problemPendingInvestigation',
  'productQualified',
  'productUnqualified',
]);

/**
 * Follow-up (后续处置, "谁监管、谁负责", seed 001 六): the categories that open an entry in the
 * problem ledger, with the measure the ledger suggests first (staff may choose another).
 * 不配合检查情节严重 is handled as a case lead (it may be penalised), 不合格 products likewise.
 */
export const ledgerTriggers: Readonly<Partial<Record<ResultCategory, FollowUpMeasure>>> = {
  problemOrderedToCorrect: 'orderCorrection',
  problemPendingInvestigation: 'referToEnforcement',
  productUnqualified: 'referToEnforcement',
  refusedSeriously: 'referToEnforcement',
};

/**
 * 经营异常名录 step (within 10 working days of the result): an unreachable registered
 * address and undisclosed mandatory information are the two listing grounds among the
 * categories (《企业经营异常名录管理暂行办法》).
 */
export const abnormalListTriggers: ReadonlySet<ResultCategory> = new Set<ResultCategory>(['unreachableAtAddress', 'disclosureNotMade']);

/** Whether published categories (as stored, so plain strings) start the 经营异常名录 step. */
export function needsAbnormalListing(categories: readonly string[]): boolean {
  return categories.some((c) => isResultCategory(c) && abnormalListTriggers.has(c));
}

interface Exclusion {
  a: ResultCategory;
  b: ResultCategory;
  why: string;
}

const FOUND_A_PROBLEM = '它表示发现了问题';
const NOT_INSPECTED = '它表示检查未能正常完成';

/** Pairs that can never be chosen together for one item, with the reason shown to the user. */
const exclusions: readonly Exclusion[] = [
  { a: 'noProblem', b: 'disclosureNotMade', why: FOUND_A_PROBLEM },
  { a: 'noProblem', b: 'unreachableAtAddress', why: NOT_INSPECTED },
  { a: 'noProblem', b: 'refusedSeriously', why: NOT_INSPECTED },
  { a: 'noProblem', b: 'activityNotFound', why: '未开展相关经营活动时应只填写“未发现开展本次抽查涉及的经营活动”' },
  { a: 'noProblem', b: 'problemOrderedToCorrect', why: FOUND_A_PROBLEM },
  { a: 'noProblem', b: 'problemPendingInvestigation', why: FOUND_A_PROBLEM },
  { a: 'noProblem', b: 'productUnqualified', why: FOUND_A_PROBLEM },
  { a: 'noProblem', b: 'other', why: '“其他情况”用于以上结果都不适用的情形' },
  { a: 'unreachableAtAddress', b: 'refusedSeriously', why: '无法联系就无从判断是否配合检查' },
  { a: 'unreachableAtAddress', b: 'activityNotFound', why: '无法联系就无从确认是否开展相关经营活动' },
  { a: 'activityNotFound', b: 'disclosureNotMade', why: '未开展相关经营活动时不会有针对该事项的检查结论' },
  { a: 'activityNotFound', b: 'refusedSeriously', why: '未开展相关经营活动时不会有针对该事项的检查结论' },
  { a: 'activityNotFound', b: 'problemOrderedToCorrect', why: '未开展相关经营活动时不会有针对该事项的检查结论' },
  { a: 'activityNotFound', b: 'problemPendingInvestigation', why: '未开展相关经营活动时不会有针对该事项的检查结论' },
  { a: 'activityNotFound', b: 'productQualified', why: '未开展相关经营活动时不会有针对该事项的检查结论' },
  { a: 'activityNotFound', b: 'productUnqualified', why: '未开展相关经营活动时不会有针对该事项的检查结论' },
  { a: 'productQualified', b: 'productUnqualified', why: '同一检查事项的产品只能判定为合格或不合格之一' },
];

/** Whether two categories may be chosen together for one item (ignoring methods). */
export function categoriesCompatible(a: ResultCategory, b: ResultCategory): boolean {
  return !exclusions.some((rule) => (rule.a === a && rule.b === b) || (rule.a === b && rule.b === a));
}

export interface ItemResultInput {
  /** Result category codes (ResultCategory); unknown codes are reported. */
  categories: readonly string[];
  /** Inspection method codes (InspectionMethod), at least one. */
  methods: readonly string[];
  /** 发现的问题: required with 发现问题/不合格. Internal, never part of the public text. */
  findings?: string | null;
  /** The description that 其他情况 requires. */
  otherText?: string | null;
  /** true: a product quality check (合格/不合格 required); false: 合格/不合格 not allowed; absent: not checked. */
  productCheck?: boolean;
  /** 限期改正 deadline 'YYYY-MM-DD' (optional: 立即改正 has none); only with 责令改正. */
  rectificationDeadline?: string | null;
}

export interface ItemResult {
  /** In the seed's order (resultCategories), no duplicates. */
  categories: ResultCategory[];
  /** In glossary order, no duplicates. */
  methods: InspectionMethod[];
  findings: string | null;
  otherText: string | null;
  rectificationDeadline: string | null;
}

export interface ResultProblem {
  /** Where: 'categories', 'methods', 'findings', 'items[1].categories', 'checkedOn', … */
  field: string;
  /** Chinese: what is wrong and how to fix it. */
  message: string;
}

export type ResultValidation<T> = { ok: true; value: T } | { ok: false; problems: ResultProblem[] };

export interface ItemValidationContext {
  /** The inspection date; a rectification deadline must not be before it. */
  checkedOn?: string;
}

const q = (category: ResultCategory): string => `“${resultCategoryLabel[category]}”`;

function inCanonicalOrder<T extends string>(order: readonly T[], values: Iterable<T>): T[] {
  const set = new Set(values);
  return order.filter((value) => set.has(value));
}

function duplicatesOf(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

function trimmedOrNull(value: string | null | undefined): string | null {
  return hasText(value) ? value.trim() : null;
}

/**
 * Checks one check item's result (seed 003 七). Every problem is reported, each with its field
 * and a Chinese message saying how to fix it; on success the result comes back normalised.
 */
export function validateItemResult(input: ItemResultInput, context: ItemValidationContext = {}): ResultValidation<ItemResult> {
  const problems: ResultProblem[] = [];
  const categoriesIn = Array.isArray(input.categories) ? input.categories : [];
  const methodsIn = Array.isArray(input.methods) ? input.methods : [];

  if (categoriesIn.length === 0) {
    problems.push({ field: 'categories', message: '请至少选择一项检查结果（如“未发现问题”）' });
  }
  for (const code of categoriesIn) {
    if (!isResultCategory(code)) {
      problems.push({ field: 'categories', message: `检查结果 ${JSON.stringify(code)} 不是规定的结果类别，请从列表中选择` });
    }
  }
  for (const code of duplicatesOf(categoriesIn)) {
    problems.push({
      field: 'categories',
      message: `检查结果“${isResultCategory(code) ? resultCategoryLabel[code] : code}”重复选择，请只保留一次`,
    });
  }
  if (methodsIn.length === 0) {
    problems.push({ field: 'methods', message: '请至少选择一种检查方式（实地核查、书面检查、网络监测或委托专业机构）' });
  }
  for (const code of methodsIn) {
    if (!isInspectionMethod(code)) {
      problems.push({ field: 'methods', message: `检查方式 ${JSON.stringify(code)} 无效，应为实地核查、书面检查、网络监测或委托专业机构` });
    }
  }
  for (const code of duplicatesOf(methodsIn)) {
    problems.push({
      field: 'methods',
      message: `检查方式“${isInspectionMethod(code) ? inspectionMethodLabel[code] : code}”重复选择，请只保留一次`,
    });
  }

  const categories = inCanonicalOrder(resultCategories, categoriesIn.filter(isResultCategory));
  const methods = inCanonicalOrder(inspectionMethods, methodsIn.filter(isInspectionMethod));
  const has = (category: ResultCategory): boolean => categories.includes(category);

  for (const rule of exclusions) {
    if (has(rule.a) && has(rule.b)) {
      problems.push({ field: 'categories', message: `${q(rule.a)}与${q(rule.b)}不能同时选择：${rule.why}；请只保留符合实际的一项` });
    }
  }

  if (has('unreachableAtAddress')) {
    if (!methods.includes('onSite')) {
      problems.push({
        field: 'methods',
        message: `选择了${q('unreachableAtAddress')}，说明到登记住所进行过实地核查；请在检查方式中勾选“实地核查”`,
      });
    }
    const otherMethod = methods.some((method) => method !== 'onSite');
    if (!otherMethod) {
      for (const category of categories.filter((c) => conclusionsNeedingAccess.has(c))) {
        problems.push({
          field: 'categories',
          message: `${q('unreachableAtAddress')}表示实地核查未能进行，${q(category)}不可能来自实地核查；如结论来自书面检查、网络监测或委托专业机构，请同时勾选该检查方式，否则请删去其中一项`,
        });
      }
    }
  }

  const findings = trimmedOrNull(input.findings);
  const otherText = trimmedOrNull(input.otherText);
  const foundProblem = categories.filter((c) => findingCategories.has(c));
  if (foundProblem.length > 0 && findings === null) {
    problems.push({ field: 'findings', message: `选择了${foundProblem.map(q).join('、')}，请在“发现的问题”中写明发现的具体问题` });
  }
  if (findings !== null && has('noProblem')) {
    problems.push({
      field: 'findings',
      message: `选择了${q('noProblem')}却填写了发现的问题；如确有问题请改选“发现问题”类结果，否则请清空“发现的问题”`,
    });
  }
  if (has('other') && otherText === null) {
    problems.push({ field: 'otherText', message: `选择了${q('other')}，请写明具体情况` });
  }
  if (!has('other') && otherText !== null) {
    problems.push({ field: 'otherText', message: `填写了其他情况说明但未选择${q('other')}；请勾选“其他情况”或清空说明` });
  }

  if (input.productCheck === true) {
    const decided = has('productQualified') || has('productUnqualified');
    const notAssessed = has('unreachableAtAddress') || has('refusedSeriously') || has('activityNotFound') || has('other');
    if (!decided && !notAssessed) {
      problems.push({ field: 'categories', message: '本事项为产品质量抽检，请选择“合格”或“不合格”（无法检查时选择相应原因）' });
    }
  } else if (input.productCheck === false) {
    for (const category of categories.filter((c) => c === 'productQualified' || c === 'productUnqualified')) {
      problems.push({ field: 'categories', message: `${q(category)}只用于产品质量抽检，本事项不是产品抽检；请改选其他结果` });
    }
  }

  const deadlineRaw = input.rectificationDeadline;
  let rectificationDeadline: string | null = null;
  if (deadlineRaw !== undefined && deadlineRaw !== null && deadlineRaw !== '') {
    const deadlineDay = dayOf(deadlineRaw);
    if (!has('problemOrderedToCorrect')) {
      problems.push({
        field: 'rectificationDeadline',
        message: `只有选择${q('problemOrderedToCorrect')}时才填写整改期限；请删去整改期限或改选该结果`,
      });
    } else if (deadlineDay === null) {
      problems.push({ field: 'rectificationDeadline', message: `整改期限 ${JSON.stringify(deadlineRaw)} 不是有效日期，应写成 YYYY-MM-DD` });
    } else {
      const checkedDay = dayOf(context.checkedOn);
      if (checkedDay !== null && deadlineDay < checkedDay) {
        problems.push({
          field: 'rectificationDeadline',
          message: `整改期限 ${deadlineRaw} 早于检查日期 ${context.checkedOn}，请填写检查日期之后的日期`,
        });
      } else {
        rectificationDeadline = deadlineRaw;
      }
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { categories, methods, findings, otherText, rectificationDeadline } };
}

/** Categories that say the business's conduct was assessed (so "activity not found" elsewhere is partial). */
const assessedCategories: ReadonlySet<ResultCategory> = new Set<ResultCategory>([
  'noProblem',
  'disclosureNotMade',
  'refusedSeriously',
  'problemOrderedToCorrect',
  'problemPendingInvestigation',
  'productQualified',
  'productUnqualified',
]);

/**
 * The overall result of a visit ("1+X": several items per visit) as published under the
 * business's name. Derived, never entered: the union of the items' categories, then
 * - 未发现问题 is dropped when another item states a problem or an incomplete check (it
 *   would read as "nothing wrong");
 * - 合格 is dropped when another item is 不合格;
 * - 未发现开展本次抽查涉及的经营活动 is dropped when another item was assessed (the business
 *   does run the activities of the visit, only not that one).
 */
export function overallCategories(items: readonly Pick<ItemResult, 'categories'>[]): ResultCategory[] {
  const union = new Set<ResultCategory>(items.flatMap((item) => item.categories));
  const adverse = [...union].some((c) => c !== 'noProblem' && c !== 'productQualified' && c !== 'activityNotFound' && c !== 'other');
  if (adverse) union.delete('noProblem');
  if (union.has('productUnqualified')) union.delete('productQualified');
  if ([...union].some((c) => assessedCategories.has(c))) union.delete('activityNotFound');
  return inCanonicalOrder(resultCategories, union);
}

/**
 * The public 检查结果 text: the overall categories in the seed's order joined with '；'.
 * 其他情况 carries its description (otherwise the public reads nothing); findings, methods and
 * deadlines are internal and never appear.
 */
export function publicResultText(items: readonly Pick<ItemResult, 'categories' | 'otherText'>[]): string {
  const otherTexts = [
    ...new Set(items.filter((item) => item.categories.includes('other')).map((item) => item.otherText?.trim() ?? '')),
  ].filter((text) => text.length > 0);
  return overallCategories(items)
    .map((category) =>
      category === 'other' && otherTexts.length > 0
        ? `${resultCategoryLabel.other}（${otherTexts.join('；')}）`
        : resultCategoryLabel[category],
    )
    .join('；');
}

export interface FollowUpNeeds {
  /** Categories that open a problem-ledger entry, each with the suggested first measure. */
  ledger: { category: ResultCategory; suggestedMeasure: FollowUpMeasure }[];
  /** Categories that start the 经营异常名录 step. */
  abnormalList: ResultCategory[];
}

/** What a set of categories triggers after the result (seed 001 六; deadlines). */
export function followUpNeeds(categories: readonly ResultCategory[]): FollowUpNeeds {
  const ordered = inCanonicalOrder(resultCategories, categories);
  const ledger: FollowUpNeeds['ledger'] = [];
  for (const category of ordered) {
    const measure = ledgerTriggers[category];
    if (measure !== undefined) ledger.push({ category, suggestedMeasure: measure });
  }
  return { ledger, abnormalList: ordered.filter((c) => abnormalListTriggers.has(c)) };
}

export interface VisitItemInput {
  /** The check item's code (unique within the visit). */
  itemCode: string;
  /** The item's name, used in messages. */
  itemName: string;
  result: ItemResultInput;
}

export interface VisitInspector {
  id: string;
  name: string;
}

export interface VisitResultInput {
  items: readonly VisitItemInput[];
  /** 检查日期 'YYYY-MM-DD'. */
  checkedOn: string;
  /** The task's 起止时间; the inspection date must lie within it. */
  taskWindow: { start: string; end: string };
  /** The bureau's today (a parameter: core has no clock); the inspection date cannot be later. */
  today: string;
  /** The visit's assigned inspectors (at least two: national and provincial work norms). */
  assignedInspectors: readonly VisitInspector[];
  /** Ids of the inspectors who confirmed the result; every assigned inspector must confirm. */
  confirmedBy: readonly string[];
}

export interface VisitResult {
  checkedOn: string;
  items: { itemCode: string; itemName: string; result: ItemResult }[];
  /** The overall categories published for the visit. */
  categories: ResultCategory[];
  /** The public 检查结果 text. */
  publicText: string;
  followUp: FollowUpNeeds;
}

function checkDates(input: VisitResultInput, problems: ResultProblem[]): void {
  const start = dayOf(input.taskWindow?.start);
  const end = dayOf(input.taskWindow?.end);
  const today = dayOf(input.today);
  const checked = dayOf(input.checkedOn);
  if (start === null || end === null || start > end) {
    problems.push({
      field: 'taskWindow',
      message: `任务起止时间 ${input.taskWindow?.start ?? '（空）'} 至 ${input.taskWindow?.end ?? '（空）'} 无效，请先在任务中核对起止时间`,
    });
  }
  if (today === null) problems.push({ field: 'today', message: `当前日期 ${JSON.stringify(input.today)} 无效` });
  if (checked === null) {
    problems.push({
      field: 'checkedOn',
      message: `检查日期 ${JSON.stringify(input.checkedOn)} 不是有效日期，应写成 YYYY-MM-DD，例如 2025-06-18`,
    });
    return;
  }
  if (start !== null && end !== null && start <= end && (checked < start || checked > end)) {
    problems.push({
      field: 'checkedOn',
      message: `检查日期 ${input.checkedOn} 不在任务起止时间 ${input.taskWindow.start} 至 ${input.taskWindow.end} 之内，请填写实际检查日期`,
    });
  }
  if (today !== null && checked > today) {
    problems.push({ field: 'checkedOn', message: `检查日期 ${input.checkedOn} 晚于今天 ${input.today}，请填写已实际检查的日期` });
  }
}

function checkConfirmation(input: VisitResultInput, problems: ResultProblem[]): void {
  const assigned = input.assignedInspectors ?? [];
  const ids = new Set(assigned.map((inspector) => inspector.id));
  if (ids.size < 2) {
    problems.push({
      field: 'assignedInspectors',
      message: `本户次只分配了 ${ids.size} 名执法检查人员，检查须由至少两名人员进行；请先补充分配人员`,
    });
  }
  const confirmed = new Set(input.confirmedBy ?? []);
  for (const id of confirmed) {
    if (!ids.has(id))
      problems.push({ field: 'confirmedBy', message: `确认人 ${JSON.stringify(id)} 不是本户次分配的检查人员，不能确认本结果` });
  }
  const missing = assigned.filter((inspector) => !confirmed.has(inspector.id));
  if (missing.length > 0) {
    problems.push({
      field: 'confirmedBy',
      message: `检查人员 ${missing.map((inspector) => inspector.name).join('、')} 尚未确认检查结果；请由全部检查人员确认后再提交`,
    });
  }
}

/**
 * Checks a visit's result entry: every item (seed 003 七 rules), the inspection date against
 * the task window and today, both inspectors' confirmation, and consistency across items (one
 * visit is one trip: an unreachable address rules out on-site conclusions on other items).
 * On success returns the normalised items and the derived public result.
 */
export function validateVisitResult(input: VisitResultInput): ResultValidation<VisitResult> {
  const problems: ResultProblem[] = [];
  const items = Array.isArray(input.items) ? input.items : [];
  if (items.length === 0) problems.push({ field: 'items', message: '请至少录入一个检查事项的结果' });

  for (const code of duplicatesOf(items.map((item) => item.itemCode))) {
    problems.push({ field: 'items', message: `检查事项 ${code} 录入了多次，每个事项只能有一条结果` });
  }

  checkDates(input, problems);
  checkConfirmation(input, problems);

  // Valid items with their index in the input, for messages.
  const valid: { index: number; itemCode: string; itemName: string; result: ItemResult }[] = [];
  items.forEach((item, index) => {
    const where = `第 ${index + 1} 项“${item.itemName}”`;
    const checked = validateItemResult(item.result, { checkedOn: input.checkedOn });
    if (checked.ok) valid.push({ index, itemCode: item.itemCode, itemName: item.itemName, result: checked.value });
    else
      for (const problem of checked.problems)
        problems.push({ field: `items[${index}].${problem.field}`, message: `${where}：${problem.message}` });
  });

  const unreachable = valid.find((item) => item.result.categories.includes('unreachableAtAddress'));
  if (unreachable !== undefined) {
    for (const item of valid) {
      const onSiteOnly = item.result.methods.length === 1 && item.result.methods[0] === 'onSite';
      const onSiteConclusions = item.result.categories.filter((c) => assessedCategories.has(c) && c !== 'disclosureNotMade');
      if (onSiteOnly && onSiteConclusions.length > 0) {
        problems.push({
          field: `items[${item.index}].categories`,
          message: `第 ${item.index + 1} 项“${item.itemName}”以实地核查得出${onSiteConclusions.map(q).join('、')}，但第 ${unreachable.index + 1} 项“${unreachable.itemName}”记录了${q('unreachableAtAddress')}：同一户次不能既无法联系又完成实地核查；请核对后改正其中一项`,
        });
      }
    }
  }

  if (problems.length > 0) return { ok: false, problems };
  const categories = overallCategories(valid.map((item) => item.result));
  return {
    ok: true,
    value: {
      checkedOn: input.checkedOn,
      items: valid.map(({ itemCode, itemName, result }) => ({ itemCode, itemName, result })),
      categories,
      publicText: publicResultText(valid.map((item) => item.result)),
      followUp: followUpNeeds(valid.flatMap((item) => item.result.categories)),
    },
  };
}
