// 年度工作总结 data sheet (docs/indicators.md): a unit's year in sentences and in a table of key
// figures — plans and tasks, draws, inspections, problems and their disposal, publication and
// its timeliness, coverage — and which targets were met. Every number is an indicator's numerator
// or denominator (the dashboard's cards), or a count of the same rows. Pure.
import type { IndicatorFigure } from './compute.ts';
import type { IndicatorKey } from './definitions.ts';

export interface AnnualSummaryInput {
  unitName: string;
  year: number;
  figures: readonly IndicatorFigure[];
  /** Published plans of the year (the unit's and the units' below). */
  plans: number;
  /** Draws done in the year (voided and only committed ones not counted). */
  draws: number;
}

export interface AnnualSummaryFact {
  label: string;
  value: string;
}

export interface AnnualSummary {
  title: string;
  paragraphs: string[];
  facts: AnnualSummaryFact[];
}

const rate = (f: IndicatorFigure) => (f.value === null ? '无法计算（分母为0）' : `${(f.value * 100).toFixed(2)}%`);

export function annualSummary(input: AnnualSummaryInput): AnnualSummary {
  const f = (key: IndicatorKey) => {
    const found = input.figures.find((x) => x.key === key);
    if (!found) throw new Error(`annualSummary: indicator ${key} missing`);
    return found;
  };
  const tasks = f('planCompletion');
  const joint = f('jointSupervision');
  const riskOwn = f('riskClassApplication');
  const riskJoint = f('riskClassApplicationJoint');
  const coverage = f('entityCoverage');
  const publication = f('resultPublication');
  const timely = f('timelyPublication');
  const problems = f('problemFinding');
  const disposal = f('problemDisposal');
  const items = f('itemCoverage');
  const filing = f('planFilingTimeliness');
  const lowRisk = f('lowRiskRepeat');
  const classifiedDraws = riskOwn.denominator + riskJoint.denominator;
  const byClass = riskOwn.numerator + riskJoint.numerator;

  const paragraphs = [
    `${input.year}年度，${input.unitName}（含下级单位）共发布双随机抽查计划${input.plans}份，安排抽查任务${tasks.denominator}项，其中部门联合抽查任务${joint.numerator}项；` +
      `按期完成${tasks.numerator}项，计划完成率${rate(tasks)}。认领的抽查事项${items.denominator}项中已安排任务${items.numerator}项，抽查事项覆盖率${rate(items)}；` +
      `应备案计划${filing.denominator}份，按时备案${filing.numerator}份。`,
    `全年完成抽取${input.draws}次，其中有分类对象的抽取${classifiedDraws}次、按信用风险分类抽取${byClass}次。完成检查${publication.denominator}户次，` +
      `检查企业${coverage.numerator}户，占辖区存续企业${coverage.denominator}户的${rate(coverage)}；低风险对象重复抽查${lowRisk.numerator}户。`,
    `检查发现问题${problems.numerator}户次，发现问题率${rate(problems)}；问题台账事项${disposal.denominator}项，已处置完结${disposal.numerator}项，处置完结率${rate(disposal)}。` +
      `检查结果已公示${publication.numerator}户次，公示率${rate(publication)}；可判定时限的${timely.denominator}户次中按时公示${timely.numerator}户次，按时公示率${rate(timely)}。`,
    targetSentence(input.figures),
  ];

  const facts: AnnualSummaryFact[] = [
    { label: '发布抽查计划', value: `${input.plans} 份` },
    { label: '计划抽查任务（其中部门联合）', value: `${tasks.denominator} 项（${joint.numerator} 项）` },
    { label: '按期完成任务 / 计划完成率', value: `${tasks.numerator} 项 / ${rate(tasks)}` },
    { label: '完成抽取 / 按信用风险分类抽取', value: `${input.draws} 次 / ${byClass} 次` },
    { label: '完成检查', value: `${publication.denominator} 户次` },
    { label: '检查企业 / 辖区存续企业 / 覆盖率', value: `${coverage.numerator} 户 / ${coverage.denominator} 户 / ${rate(coverage)}` },
    { label: '发现问题 / 发现问题率', value: `${problems.numerator} 户次 / ${rate(problems)}` },
    { label: '问题台账事项 / 已完结 / 处置完结率', value: `${disposal.denominator} 项 / ${disposal.numerator} 项 / ${rate(disposal)}` },
    { label: '已公示检查结果 / 公示率', value: `${publication.numerator} 户次 / ${rate(publication)}` },
    { label: '按时公示 / 按时公示率', value: `${timely.numerator} 户次 / ${rate(timely)}` },
    { label: '抽查事项覆盖', value: `${items.numerator} 项 / ${items.denominator} 项` },
    { label: '计划按时备案', value: `${filing.numerator} 份 / ${filing.denominator} 份` },
  ];
  return { title: `${input.unitName}${input.year}年度“双随机、一公开”监管工作总结（数据）`, paragraphs, facts };
}

/** Which targets were met and which missed, by name, with the value and the target. */
function targetSentence(figures: readonly IndicatorFigure[]): string {
  const judged = figures.filter((x) => x.met !== null);
  if (judged.length === 0) return '本年度没有可对照考核目标判定的指标。';
  const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
  const met = judged.filter((x) => x.met);
  const missed = judged.filter((x) => !x.met);
  const parts = [`对照考核目标，${judged.length}项可判定的指标中${met.length}项达标`];
  if (met.length > 0) parts.push(`达标的有${met.map((x) => x.name).join('、')}`);
  if (missed.length > 0) parts.push(`未达标的有${missed.map((x) => `${x.name}（${pct(x.value!)}，目标${pct(x.target!)}）`).join('、')}`);
  return `${parts.join('；')}。`;
}
