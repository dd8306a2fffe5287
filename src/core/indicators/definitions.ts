// The indicators a bureau is judged by (docs/indicators.md): the province's evaluation list and
// the seeds' targets. Each definition says, in Chinese, what is counted above and below the line,
// where the rule comes from and which way is good. Pure data.

export const INDICATOR_KEYS = [
  'entityCoverage',
  'resultPublication',
  'timelyPublication',
  'riskClassApplication',
  'riskClassApplicationJoint',
  'itemCoverage',
  'jointSupervision',
  'riskDifferentiation',
  'repeatInspection',
  'lowRiskRepeat',
  'problemFinding',
  'problemDisposal',
  'randomInspectionShare',
  'planCompletion',
  'planFilingTimeliness',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/**
 * Which way is good: at least / at most the target, or no fixed target (rising, falling: shown
 * against last year's value by the reader; reported: a figure without a judgement).
 */
export type IndicatorDirection = 'atLeast' | 'atMost' | 'rising' | 'falling' | 'reported';

export type IndicatorGroup = 'coverage' | 'publication' | 'risk' | 'problems' | 'plans';

export const indicatorGroupLabel: Record<IndicatorGroup, string> = {
  coverage: '抽查覆盖',
  publication: '结果公示',
  risk: '信用风险分类监管',
  problems: '问题发现与处置',
  plans: '计划执行',
};

export interface IndicatorDefinition {
  key: IndicatorKey;
  name: string;
  group: IndicatorGroup;
  numeratorLabel: string;
  denominatorLabel: string;
  /** The formula in words: 分子 ÷ 分母. */
  formula: string;
  /** What counts, what does not, and how corrections and 停止公示 are treated. */
  counts: string;
  /** Where the rule and its target come from. */
  source: string;
  /** A share between 0 and 1; null when the seeds set no fixed target. */
  defaultTarget: number | null;
  direction: IndicatorDirection;
}

const d = (def: IndicatorDefinition) => def;

export const indicatorDefinitions: readonly IndicatorDefinition[] = [
  d({
    key: 'entityCoverage',
    name: '抽查企业覆盖率',
    group: 'coverage',
    numeratorLabel: '年内被抽查检查的企业（户）',
    denominatorLabel: '辖区存续企业（户）',
    formula: '年内已检查的不同企业数 ÷ 辖区内存续（在业）企业数',
    counts:
      '分子：本年度任务中已录入检查日期的检查结果所涉企业，同一企业多次检查只计一户；个体工商户、农民专业合作社和其他检查对象不计。分母：管辖单位在本单位及下级单位、登记状态为存续或在业的企业（按当前名录库）。',
    source: '省局考核指标；各地计划“抽查比例不低于3%”',
    defaultTarget: 0.03,
    direction: 'atLeast',
  }),
  d({
    key: 'resultPublication',
    name: '检查结果公示率',
    group: 'publication',
    numeratorLabel: '已公示检查结果（户次）',
    denominatorLabel: '已完成检查（户次）',
    formula: '已公示的检查结果数 ÷ 已完成检查（已录入检查日期）的检查结果数',
    counts:
      '按检查实施单位计，联合检查中各部门的检查结果分别计数；产品、项目、行为、标准等其他检查对象的检查结果同样计入。更正后的结果按现行版本计，不重复计数；已公示后经批准停止公示的结果仍计为已公示（公示曾依法完成）。',
    source: '“一公开”要求；各地计划“检查结果100%公示”',
    defaultTarget: 1,
    direction: 'atLeast',
  }),
  d({
    key: 'timelyPublication',
    name: '按时公示率',
    group: 'publication',
    numeratorLabel: '按时公示（户次）',
    denominatorLabel: '已公示且可判定时限（户次）',
    formula: '自任务结束之日起20个工作日内公示的结果数 ÷ 已公示的结果数',
    counts:
      '工作日按系统内置的法定节假日和调休日历计算，任务结束当日不计，截止日当天公示仍算按时。日历未覆盖的年份无法判定，不计入分子和分母。',
    source: '检查任务结束之日起20个工作日内公示',
    defaultTarget: 1,
    direction: 'atLeast',
  }),
  d({
    key: 'riskClassApplication',
    name: '信用风险分类结果应用率（本部门抽查）',
    group: 'risk',
    numeratorLabel: '按风险分类抽取的抽取（次）',
    denominatorLabel: '有分类对象的抽取（次）',
    formula: '按信用风险分类分配抽取数量的抽取次数 ÷ 抽取次数',
    counts: '按本部门计划任务中已完成抽取（已作废的不计）的抽取计；抽查名录中全部对象都未分类（如社会组织）的抽取不计入分母。',
    source: '省局考核指标（≥90%）；各市可自定目标（如忻州95%）',
    defaultTarget: 0.9,
    direction: 'atLeast',
  }),
  d({
    key: 'riskClassApplicationJoint',
    name: '信用风险分类结果应用率（部门联合抽查）',
    group: 'risk',
    numeratorLabel: '按风险分类抽取的联合抽取（次）',
    denominatorLabel: '有分类对象的联合抽取（次）',
    formula: '部门联合计划任务中按信用风险分类分配抽取数量的抽取次数 ÷ 联合抽取次数',
    counts: '同上，只计部门联合计划的任务。',
    source: '省局考核指标（≥95%）',
    defaultTarget: 0.95,
    direction: 'atLeast',
  }),
  d({
    key: 'itemCoverage',
    name: '抽查事项覆盖率',
    group: 'coverage',
    numeratorLabel: '已安排任务的认领事项（项）',
    denominatorLabel: '认领事项（项）',
    formula: '至少被一项已发布计划任务覆盖的认领事项数 ÷ 认领事项数',
    counts:
      '本单位及下级单位认领的抽查事项，按单位分别计数；任务的抽查事项与认领事项名称相同或包含该名称即为覆盖。只看当年已发布的计划版本。',
    source: '原平计划“抽查事项覆盖率不低于80%”',
    defaultTarget: 0.8,
    direction: 'atLeast',
  }),
  d({
    key: 'jointSupervision',
    name: '部门联合双随机监管率',
    group: 'coverage',
    numeratorLabel: '部门联合抽查任务（项）',
    denominatorLabel: '抽查任务（项）',
    formula: '部门联合计划的任务数 ÷ 已发布计划的任务数',
    counts: '只看当年已发布的计划版本；部门联合计划（联合抽查）的任务计入分子。',
    source: '省局考核指标（逐年提高）',
    defaultTarget: null,
    direction: 'rising',
  }),
  d({
    key: 'riskDifferentiation',
    name: '信用风险差异化监管率',
    group: 'risk',
    numeratorLabel: '按风险类别差异化分配的抽取（次）',
    denominatorLabel: '有分类对象的抽取（次）',
    formula: '各风险类别抽取比例或权重不同的抽取次数 ÷ 有分类对象的抽取次数',
    counts: '按比例抽取时各类别比例不全相同，或按总数抽取（按权重分配）即为差异化；不分类抽取不计入分子。',
    source: '省局考核指标（逐年提高）',
    defaultTarget: null,
    direction: 'rising',
  }),
  d({
    key: 'repeatInspection',
    name: '重复抽查率',
    group: 'coverage',
    numeratorLabel: '年内被检查两次及以上的对象（户）',
    denominatorLabel: '年内被检查的对象（户）',
    formula: '年内被两次及以上抽取并检查的对象数 ÷ 年内被检查的对象数',
    counts:
      '同一次抽取中联合检查各部门的结果只算一次检查；不同抽取各算一次。对象包括市场主体（按统一社会信用代码）和产品、项目、行为、标准等其他检查对象（按对象编码）。',
    source: '省局考核指标（逐年降低；低风险对象不得重复抽查）',
    defaultTarget: null,
    direction: 'falling',
  }),
  d({
    key: 'lowRiskRepeat',
    name: '低风险对象重复抽查率',
    group: 'risk',
    numeratorLabel: '被重复检查的低风险对象（户）',
    denominatorLabel: '被检查的低风险对象（户）',
    formula: '年内被两次及以上检查的低风险（A类）对象数 ÷ 被检查的低风险对象数',
    counts: '风险类别按名录库当前分类；其他检查对象没有风险类别，不计入；应为0。',
    source: '省局考核指标（低风险对象不重复抽查）',
    defaultTarget: 0,
    direction: 'atMost',
  }),
  d({
    key: 'problemFinding',
    name: '发现问题率',
    group: 'problems',
    numeratorLabel: '发现问题（户次）',
    denominatorLabel: '已完成检查（户次）',
    formula: '检查结论含“发现问题”或“产品不合格”的检查结果数 ÷ 已完成检查的检查结果数',
    counts: '按现行（更正后）版本的检查结论计。',
    source: '省局考核指标（只报告，不设目标）',
    defaultTarget: null,
    direction: 'reported',
  }),
  d({
    key: 'problemDisposal',
    name: '发现问题处置率（后续处置完结率）',
    group: 'problems',
    numeratorLabel: '已完结的台账事项（项）',
    denominatorLabel: '问题台账事项（项）',
    formula: '问题台账中已完结的事项数 ÷ 问题台账事项数',
    counts: '按“谁监管、谁负责”的检查实施单位计，只计本年度任务的检查结果产生的事项。',
    source: '省局考核指标（逐年提高）',
    defaultTarget: null,
    direction: 'rising',
  }),
  d({
    key: 'randomInspectionShare',
    name: '抽查户次占比',
    group: 'coverage',
    numeratorLabel: '双随机抽查户次',
    denominatorLabel: '日常检查户次',
    formula: '双随机抽查户次 ÷（双随机抽查户次 + 单位填报的其他日常检查户次）',
    counts: '双随机抽查户次即已完成检查的检查结果数；其他日常检查户次由单位在考核目标中填报，未填报的按0计。',
    source: '省局考核指标（逐年提高）',
    defaultTarget: null,
    direction: 'rising',
  }),
  d({
    key: 'planCompletion',
    name: '计划完成率',
    group: 'plans',
    numeratorLabel: '按期完成的任务（项）',
    denominatorLabel: '计划任务（项）',
    formula: '在计划规定的完成时限前完成抽取并公示全部结果的任务数 ÷ 已发布计划的任务数',
    counts:
      '完成时限取计划自身规定的日期（如12月15日、12月20日、联合计划11月30日）；抽取须在时限前完成，任务每一户（备选替补后的）都须有在时限前公示的检查结果。',
    source: '各地计划的完成时限',
    defaultTarget: 1,
    direction: 'atLeast',
  }),
  d({
    key: 'planFilingTimeliness',
    name: '计划备案及时率',
    group: 'plans',
    numeratorLabel: '按时备案的计划（份）',
    denominatorLabel: '应备案的计划（份）',
    formula: '在上级规定的备案截止日前备案的计划数 ÷ 上级设定了备案截止日的已发布计划数',
    counts: '截止日取最近一级上级单位为该年度设定的备案截止日；截止日当天备案仍算按时。',
    source: '上级备案要求（如忻州4月15日前备案）',
    defaultTarget: 1,
    direction: 'atLeast',
  }),
];

const byKey = new Map(indicatorDefinitions.map((def) => [def.key, def]));

export function indicatorDefinition(key: IndicatorKey): IndicatorDefinition {
  return byKey.get(key)!;
}

/** An indicator judged against a fixed target (at least / at most), which a unit may set for itself. */
export function hasFixedTarget(def: Pick<IndicatorDefinition, 'direction'>): boolean {
  return def.direction === 'atLeast' || def.direction === 'atMost';
}

export function isIndicatorKey(value: unknown): value is IndicatorKey {
  return typeof value === 'string' && byKey.has(value as IndicatorKey);
}
