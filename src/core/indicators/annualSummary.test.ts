import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualSummary, indicatorFigures, INDICATOR_KEYS, zeroCounts, type IndicatorCounts } from './index.ts';

function counts(values: Partial<Record<keyof IndicatorCounts, [number, number]>>): IndicatorCounts {
  const out = zeroCounts();
  for (const [k, [numerator, denominator]] of Object.entries(values)) out[k as keyof IndicatorCounts] = { numerator, denominator };
  return out;
}

describe('年度工作总结', () => {
  it('tells the year in sentences with the cards’ numbers, and names the targets met and missed', () => {
    const figures = indicatorFigures(
      counts({
        planCompletion: [3, 16],
        jointSupervision: [2, 16],
        resultPublication: [9, 10],
        timelyPublication: [7, 9],
        entityCoverage: [8, 200],
        problemFinding: [3, 10],
        problemDisposal: [2, 3],
        riskClassApplication: [4, 5],
        planFilingTimeliness: [1, 1],
      }),
      {},
    );
    const summary = annualSummary({ unitName: '高平市市场监督管理局', year: 2025, figures, plans: 1, draws: 6 });
    expect(summary.title).toBe('高平市市场监督管理局2025年度“双随机、一公开”监管工作总结（数据）');
    const text = summary.paragraphs.join('');
    expect(text).toContain('共发布双随机抽查计划1份，安排抽查任务16项，其中部门联合抽查任务2项；按期完成3项，计划完成率18.75%');
    expect(text).toContain('全年完成抽取6次');
    expect(text).toContain('完成检查10户次，检查企业8户，占辖区存续企业200户的4.00%');
    expect(text).toContain('检查发现问题3户次');
    expect(text).toContain('问题台账事项3项，已处置完结2项');
    expect(text).toContain('检查结果已公示9户次，公示率90.00%');
    expect(text).toContain('按时公示7户次');
    expect(text).toContain('未达标的有检查结果公示率（90.00%，目标100.00%）');
    expect(text).toMatch(/达标的有[^；]*计划备案及时率/);
    expect(summary.facts.find((f) => f.label === '完成检查')!.value).toBe('10 户次');
  });

  it('says a rate cannot be computed when nothing was counted, and that nothing could be judged', () => {
    const summary = annualSummary({ unitName: '某局', year: 2026, figures: indicatorFigures(zeroCounts(), {}), plans: 0, draws: 0 });
    expect(summary.paragraphs.join('')).toContain('计划完成率无法计算（分母为0）');
    expect(summary.paragraphs.at(-1)).toBe('本年度没有可对照考核目标判定的指标。');
  });

  it('every judged indicator is named once, as met or missed', () => {
    const pair = fc.tuple(fc.nat(50), fc.nat(50)).map(([a, b]) => [Math.min(a, a + b), a + b] as [number, number]);
    fc.assert(
      fc.property(fc.array(pair, { minLength: INDICATOR_KEYS.length, maxLength: INDICATOR_KEYS.length }), (pairs) => {
        const figures = indicatorFigures(counts(Object.fromEntries(INDICATOR_KEYS.map((k, i) => [k, pairs[i]!]))), {});
        const last = annualSummary({ unitName: '某局', year: 2025, figures, plans: 1, draws: 1 }).paragraphs.at(-1)!;
        for (const f of figures.filter((x) => x.met !== null)) expect(last.split(f.name).length - 1).toBeGreaterThanOrEqual(1);
        expect(last).toContain(
          `${figures.filter((x) => x.met !== null).length}项可判定的指标中${figures.filter((x) => x.met).length}项达标`,
        );
      }),
    );
  });
});
