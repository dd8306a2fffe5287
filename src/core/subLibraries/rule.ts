// 名录分库 (检查对象名录库): a sub-library is a saved rule over the directory, not a
// stored list, so its population is always the live directory. This module is the rule's one
// definition: its shape (zod), its Chinese description, and a pure matcher that the server's
// SQL compilation (src/server/subLibraries/compileRule.ts) must agree with — tests use it as
// the oracle.
import { z } from 'zod';
import { objectKindLabel, objectKindText, riskClassLabel, subjectTypeLabel, type ObjectKind, type SubjectType } from '../glossary.ts';

/** 登记状态 values the directory accepts (market_entity.reg_status CHECK). */
export const REG_STATUSES = ['存续', '在业', '吊销', '注销', '迁出', '撤销', '停业', '其他'] as const;
export type RegStatus = (typeof REG_STATUSES)[number];

/** Risk classes plus 'none' for 未分类 (no class yet). */
export const RULE_RISK_CLASSES = ['A', 'B', 'C', 'D', 'none'] as const;
export type RuleRiskClass = (typeof RULE_RISK_CLASSES)[number];

/**
 * What a sub-library draws from: 市场主体 (the entity directory, the default) or one kind of the
 * 其他检查对象 directory (产品、项目、行为、标准 …). An object sub-library filters by 标签, 所属区划,
 * 管辖单位 and 行业 only; the entity conditions (主体类别, 登记状态, 风险分类, 成立日期) do not apply.
 */
export const RULE_OBJECT_KINDS = ['entity', ...(Object.keys(objectKindLabel) as ObjectKind[])] as const;
export type RuleObjectKind = 'entity' | ObjectKind;

/** The Chinese name of what a rule draws from. */
export function ruleObjectKindLabel(kind: RuleObjectKind): string {
  return objectKindText(kind === 'entity' ? null : kind);
}

/** The kind a (stored) rule draws from; rules without one draw market entities. */
export function ruleObjectKind(rule: { objectKind?: RuleObjectKind }): RuleObjectKind {
  return rule.objectKind ?? 'entity';
}

const SUBJECT_TYPES = Object.keys(subjectTypeLabel) as [SubjectType, ...SubjectType[]];
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), '日期不存在');
const tagList = z.array(z.string().trim().min(1, '标签不能为空').max(40, '标签最多 40 个字')).max(30, '同一条件最多 30 个标签');

export const subLibraryRuleSchema = z
  .object({
    /** Tag conditions: any of (至少一个), all of (全部具有), none of (均不具有). */
    tags: z
      .object({
        anyOf: tagList.describe('标签含任一').default([]),
        allOf: tagList.describe('标签全部具有').default([]),
        noneOf: tagList.describe('标签均不含').default([]),
      })
      .strict()
      .default({ anyOf: [], allOf: [], noneOf: [] }),
    subjectTypes: z
      .array(z.enum(SUBJECT_TYPES, { message: `主体类别只能是 ${Object.values(subjectTypeLabel).join('、')} 之一` }))
      .describe('主体类别')
      .default([]),
    regStatuses: z
      .array(z.enum(REG_STATUSES, { message: `登记状态应为 ${REG_STATUSES.join('/')} 之一` }))
      .describe('登记状态')
      .default([]),
    /** 所属区划: 6-digit division codes, matched exactly. */
    regionCodes: z
      .array(z.string().regex(/^\d{6}$/, '区划代码应为 6 位数字'))
      .max(200)
      .describe('所属区划代码')
      .default([]),
    /** 管辖单位: each unit and every unit below it. */
    unitCodes: z.array(z.string().trim().min(1).max(64)).max(200).describe('管辖单位代码').default([]),
    /** 行业: GB/T 4754 code prefixes (大类 2 位, 中类 3 位, 小类 4 位). */
    industryPrefixes: z
      .array(z.string().regex(/^\d{2,4}$/, '行业代码前缀应为 2～4 位数字（GB/T 4754 大类/中类/小类）'))
      .max(100)
      .describe('行业代码前缀')
      .default([]),
    riskClasses: z
      .array(z.enum(RULE_RISK_CLASSES, { message: '风险分类只能是 A、B、C、D 类或 未分类' }))
      .describe('风险分类')
      .default([]),
    establishedFrom: isoDate.nullable().describe('成立日期自').default(null),
    establishedTo: isoDate.nullable().describe('成立日期至').default(null),
    objectKind: z
      .enum(RULE_OBJECT_KINDS as unknown as [RuleObjectKind, ...RuleObjectKind[]], {
        message: `对象类别只能是 ${RULE_OBJECT_KINDS.map(ruleObjectKindLabel).join('、')} 之一`,
      })
      .describe('对象类别')
      .optional(),
  })
  .strict()
  .refine(
    (r) =>
      ruleObjectKind(r) === 'entity' ||
      (r.subjectTypes.length === 0 && r.regStatuses.length === 0 && r.riskClasses.length === 0 && !r.establishedFrom && !r.establishedTo),
    {
      message: '产品、项目、行为等其他检查对象只能按标签、所属区划、管辖单位和行业筛选：请清空主体类别、登记状态、风险分类和成立日期条件',
      path: ['objectKind'],
    },
  )
  .refine((r) => !r.establishedFrom || !r.establishedTo || r.establishedFrom <= r.establishedTo, {
    message: '成立日期范围的起始日期晚于截止日期，请交换或修改',
    path: ['establishedFrom'],
  });

export type SubLibraryRule = z.output<typeof subLibraryRuleSchema>;
export type SubLibraryRuleInput = z.input<typeof subLibraryRuleSchema>;

/** The rule with every list de-duplicated and sorted, so equal rules store equally. */
export function normalizeRule(input: SubLibraryRuleInput): SubLibraryRule {
  const rule = subLibraryRuleSchema.parse(input);
  const uniq = <T extends string>(values: T[]) => [...new Set(values)].sort();
  return {
    tags: { anyOf: uniq(rule.tags.anyOf), allOf: uniq(rule.tags.allOf), noneOf: uniq(rule.tags.noneOf) },
    subjectTypes: uniq(rule.subjectTypes),
    regStatuses: uniq(rule.regStatuses),
    regionCodes: uniq(rule.regionCodes),
    unitCodes: uniq(rule.unitCodes),
    industryPrefixes: uniq(rule.industryPrefixes),
    riskClasses: uniq(rule.riskClasses),
    establishedFrom: rule.establishedFrom,
    establishedTo: rule.establishedTo,
    // Entity rules store as they always did (no member), so equal rules still store equally.
    ...(ruleObjectKind(rule) === 'entity' ? {} : { objectKind: rule.objectKind }),
  };
}

/** The fields of a directory entry that a rule looks at. */
export interface RuleSubject {
  subjectType: string;
  regStatus: string;
  regionCode: string;
  unitCode: string;
  industryCode: string | null;
  tags: readonly string[];
  riskClass: string | null;
  establishedOn: string | null;
}

/** org_unit code → path ('140000.140500.140581…'), to decide "a unit and below". */
export type UnitPaths = ReadonlyMap<string, string>;

/**
 * The oracle: does the entry satisfy every condition of the rule? Conditions combine with
 * AND; values within one condition with OR; an empty condition places no restriction.
 */
export function matchesRule(subject: RuleSubject, rule: SubLibraryRule, unitPaths: UnitPaths): boolean {
  const { anyOf, allOf, noneOf } = rule.tags;
  if (anyOf.length > 0 && !anyOf.some((t) => subject.tags.includes(t))) return false;
  if (!allOf.every((t) => subject.tags.includes(t))) return false;
  if (noneOf.some((t) => subject.tags.includes(t))) return false;
  if (rule.subjectTypes.length > 0 && !(rule.subjectTypes as string[]).includes(subject.subjectType)) return false;
  if (rule.regStatuses.length > 0 && !(rule.regStatuses as string[]).includes(subject.regStatus)) return false;
  if (rule.regionCodes.length > 0 && !rule.regionCodes.includes(subject.regionCode)) return false;
  if (rule.unitCodes.length > 0) {
    const path = unitPaths.get(subject.unitCode);
    const covered = rule.unitCodes.some((code) => {
      const top = unitPaths.get(code);
      return top !== undefined && path !== undefined && (path === top || path.startsWith(`${top}.`));
    });
    if (!covered) return false;
  }
  if (rule.industryPrefixes.length > 0) {
    const code = subject.industryCode;
    if (code === null || !rule.industryPrefixes.some((p) => code.startsWith(p))) return false;
  }
  if (rule.riskClasses.length > 0 && !(rule.riskClasses as string[]).includes(subject.riskClass ?? 'none')) return false;
  if (rule.establishedFrom || rule.establishedTo) {
    const on = subject.establishedOn;
    if (on === null) return false;
    if (rule.establishedFrom && on < rule.establishedFrom) return false;
    if (rule.establishedTo && on > rule.establishedTo) return false;
  }
  return true;
}

/** Display names used by describeRule, so the description reads in the user's terms. */
export interface RuleNames {
  unitName?: (code: string) => string | undefined;
  regionName?: (code: string) => string | undefined;
}

/** A one-line Chinese description of the rule, e.g. 「标签含任一：加油站；登记状态：存续、在业」. */
export function describeRule(rule: SubLibraryRule, names: RuleNames = {}): string {
  const parts: string[] = [];
  const join = (values: readonly string[]) => values.join('、');
  if (rule.tags.anyOf.length > 0) parts.push(`标签含任一：${join(rule.tags.anyOf)}`);
  if (rule.tags.allOf.length > 0) parts.push(`标签全部具有：${join(rule.tags.allOf)}`);
  if (rule.tags.noneOf.length > 0) parts.push(`标签均不含：${join(rule.tags.noneOf)}`);
  if (rule.subjectTypes.length > 0) parts.push(`主体类别：${join(rule.subjectTypes.map((t) => subjectTypeLabel[t]))}`);
  if (rule.regStatuses.length > 0) parts.push(`登记状态：${join(rule.regStatuses)}`);
  if (rule.regionCodes.length > 0) {
    parts.push(`所属区划：${join(rule.regionCodes.map((c) => names.regionName?.(c) ?? c))}`);
  }
  if (rule.unitCodes.length > 0) {
    parts.push(`管辖单位：${join(rule.unitCodes.map((c) => names.unitName?.(c) ?? c))}（含下级单位）`);
  }
  if (rule.industryPrefixes.length > 0) parts.push(`行业代码以 ${join(rule.industryPrefixes)} 开头`);
  if (rule.riskClasses.length > 0) {
    parts.push(`风险分类：${join(rule.riskClasses.map((c) => (c === 'none' ? '未分类' : `${c}类（${riskClassLabel[c]}）`)))}`);
  }
  if (rule.establishedFrom && rule.establishedTo) parts.push(`成立日期 ${rule.establishedFrom} 至 ${rule.establishedTo}`);
  else if (rule.establishedFrom) parts.push(`成立日期不早于 ${rule.establishedFrom}`);
  else if (rule.establishedTo) parts.push(`成立日期不晚于 ${rule.establishedTo}`);
  const kind = ruleObjectKind(rule);
  if (kind !== 'entity') parts.unshift(`对象类别：${ruleObjectKindLabel(kind)}`);
  return parts.length > 0 ? parts.join('；') : '全部市场主体（无筛选条件）';
}

/** Zod issues as one Chinese sentence naming each field (for AppError messages). */
export function ruleIssuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? `规则.${i.path.join('.')}` : '规则'}：${i.message}`).join('；');
}
