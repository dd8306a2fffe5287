import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendarFromHolidayFile } from '../calendar/index.ts';
import {
  addCounts,
  allocationDifferentiates,
  countIndicators,
  drawRiskUse,
  filingDueOn,
  indicatorDefinitions,
  indicatorFigure,
  indicatorFigures,
  INDICATOR_KEYS,
  taskCoversItem,
  zeroCounts,
  type IndicatorFacts,
  type IndicatorKey,
} from './index.ts';

const calendar = createWorkingCalendarFromHolidayFile(
  JSON.parse(readFileSync(new URL('../../../reference/cn-holidays-2023-2026.json', import.meta.url), 'utf8')) as unknown,
);

const emptyFacts = (): IndicatorFacts => ({
  entities: [],
  results: [],
  visits: [],
  draws: [],
  tasks: [],
  claims: [],
  plans: [],
  filingDeadlines: [],
  followups: [],
  otherInspections: [],
});

describe('indicator definitions', () => {
  it('define every key once, in Chinese, with a formula and a source', () => {
    expect(indicatorDefinitions.map((d) => d.key)).toEqual([...INDICATOR_KEYS]);
    for (const d of indicatorDefinitions) {
      for (const text of [d.name, d.formula, d.counts, d.source, d.numeratorLabel, d.denominatorLabel]) {
        expect(text).toMatch(/[\u4e00-\u9fff]/);
        expect(text).not.toMatch(/[a-zA-Z]{3,}/);
      }
    }
  });
});

describe('indicatorFigure', () => {
  it('judges against the target with amber within a tenth of it', () => {
    expect(indicatorFigure('resultPublication', { numerator: 100, denominator: 100 }, 1)).toMatchObject({
      value: 1,
      met: true,
      light: 'green',
    });
    expect(indicatorFigure('resultPublication', { numerator: 95, denominator: 100 }, 1)).toMatchObject({ met: false, light: 'amber' });
    expect(indicatorFigure('resultPublication', { numerator: 80, denominator: 100 }, 1)).toMatchObject({ met: false, light: 'red' });
    expect(indicatorFigure('entityCoverage', { numerator: 3, denominator: 100 }, 0.03)).toMatchObject({ met: true, light: 'green' });
  });
  it('never turns a low-risk repeat amber', () => {
    expect(indicatorFigure('lowRiskRepeat', { numerator: 1, denominator: 1000 }, 0)).toMatchObject({ met: false, light: 'red' });
    expect(indicatorFigure('lowRiskRepeat', { numerator: 0, denominator: 10 }, 0)).toMatchObject({ met: true, light: 'green' });
  });
  it('gives no value, and no judgement, over an empty denominator or without a target', () => {
    expect(indicatorFigure('resultPublication', { numerator: 0, denominator: 0 }, 1)).toMatchObject({
      value: null,
      met: null,
      light: 'none',
    });
    expect(indicatorFigure('problemFinding', { numerator: 3, denominator: 10 }, 0.5)).toMatchObject({
      value: 0.3,
      target: null,
      met: null,
    });
  });
  it('uses the default target unless a unit sets its own', () => {
    const figures = indicatorFigures(zeroCounts(), { riskClassApplication: 0.95 });
    expect(figures.find((f) => f.key === 'riskClassApplication')!.target).toBe(0.95);
    expect(figures.find((f) => f.key === 'riskClassApplicationJoint')!.target).toBe(0.95);
    expect(figures.find((f) => f.key === 'entityCoverage')!.target).toBe(0.03);
  });
});

describe('draw risk use', () => {
  it('reads rates in either spelling, and default weights as different', () => {
    expect(allocationDifferentiates({ mode: 'rates', rates: { A: '3%', B: '0.03', C: '0.03', D: '3%' } })).toBe(false);
    expect(allocationDifferentiates({ mode: 'rates', rates: { A: '3%', B: '5%', C: '0.05', D: '5%' } })).toBe(true);
    expect(allocationDifferentiates({ mode: 'rates', rates: { A: '0', B: '0', C: '0' } })).toBe(false);
    expect(allocationDifferentiates({ mode: 'total', count: 10 })).toBe(true);
    expect(allocationDifferentiates({ mode: 'total', count: 10, weights: { A: 1, B: 1, C: 1, D: 1 } })).toBe(false);
    expect(allocationDifferentiates({ mode: 'none', count: 10 })).toBe(false);
  });
  it('sees a frame without classified objects as unclassified', () => {
    expect(drawRiskUse([{ allocation: { mode: 'none', count: 3 } }], [{ counts: { A: 0, B: 0, C: 0, D: 0, U: 40 } }])).toEqual({
      classified: false,
      usesClasses: false,
      differentiated: false,
    });
  });
});

describe('countIndicators', () => {
  const facts = (): IndicatorFacts => ({
    ...emptyFacts(),
    entities: [
      { uscc: 'E1', unitCode: 'c1-s', enterprise: true, active: true, riskClass: 'A' },
      { uscc: 'E2', unitCode: 'c1-s', enterprise: true, active: true, riskClass: 'C' },
      { uscc: 'E3', unitCode: 'c2', enterprise: true, active: false, riskClass: null },
      { uscc: 'P1', unitCode: 'c2', enterprise: false, active: true, riskClass: null },
    ],
    results: [
      // E1 twice in two draws (a low-risk repeat), published on the 20th working day and after it.
      {
        unitCode: 'c1',
        drawId: 'd1',
        uscc: 'E1',
        year: 2025,
        checkedOn: '2025-06-01',
        publishedOn: '2025-07-28',
        periodEnd: '2025-06-30',
        problem: false,
      },
      {
        unitCode: 'c1-s',
        drawId: 'd2',
        uscc: 'E1',
        year: 2025,
        checkedOn: '2025-06-01',
        publishedOn: '2025-07-29',
        periodEnd: '2025-06-30',
        problem: true,
      },
      {
        unitCode: 'c2',
        drawId: 'd3',
        uscc: 'P1',
        year: 2025,
        checkedOn: '2025-06-01',
        publishedOn: null,
        periodEnd: '2025-06-30',
        problem: true,
      },
      { unitCode: 'c2', drawId: 'd3', uscc: 'E3', year: 2025, checkedOn: null, publishedOn: null, periodEnd: '2025-06-30', problem: false },
      {
        unitCode: 'c2',
        drawId: 'd0',
        uscc: 'E3',
        year: 2024,
        checkedOn: '2024-06-01',
        publishedOn: '2024-06-02',
        periodEnd: '2024-06-30',
        problem: false,
      },
    ],
  });

  it('counts the city from the rows: one entity visited by two units is one', () => {
    const city = countIndicators(facts(), new Set(['city', 'c1', 'c1-s', 'c2']), 2025, calendar);
    expect(city.entityCoverage).toEqual({ numerator: 1, denominator: 2 });
    expect(city.resultPublication).toEqual({ numerator: 2, denominator: 3 });
    expect(city.timelyPublication).toEqual({ numerator: 1, denominator: 2 });
    expect(city.repeatInspection).toEqual({ numerator: 1, denominator: 2 });
    expect(city.lowRiskRepeat).toEqual({ numerator: 1, denominator: 1 });
    expect(city.problemFinding).toEqual({ numerator: 2, denominator: 3 });
    const c1 = countIndicators(facts(), new Set(['c1']), 2025, calendar);
    expect(c1.repeatInspection).toEqual({ numerator: 0, denominator: 1 });
  });

  it('completes a task only when drawn and every visit published by the deadline', () => {
    const base: IndicatorFacts = {
      ...emptyFacts(),
      tasks: [
        {
          unitCode: 'c1',
          unitPath: 'p.c1',
          planId: 'p',
          taskCode: 'T1',
          year: 2025,
          joint: false,
          items: ['食品销售监督检查'],
          deadline: '2025-12-15',
        },
      ],
      draws: [
        {
          unitCode: 'c1',
          id: 'd1',
          year: 2025,
          status: 'drawn',
          planUnitCode: 'c1',
          planId: 'p',
          taskCode: 'T1',
          joint: false,
          drawnOn: '2025-04-01',
          classified: true,
          usesClasses: true,
          differentiated: true,
        },
      ],
      visits: [
        { drawUnitCode: 'c1', drawId: 'd1', uscc: 'E1', replaced: false },
        { drawUnitCode: 'c1', drawId: 'd1', uscc: 'E2', replaced: true },
      ],
      results: [
        {
          unitCode: 'c1',
          drawId: 'd1',
          uscc: 'E1',
          year: 2025,
          checkedOn: '2025-05-01',
          publishedOn: '2025-12-15',
          periodEnd: '2025-11-30',
          problem: false,
        },
      ],
    };
    expect(countIndicators(base, new Set(['c1']), 2025, calendar).planCompletion).toEqual({ numerator: 1, denominator: 1 });
    const late = { ...base, results: base.results.map((r) => ({ ...r, publishedOn: '2025-12-16' })) };
    expect(countIndicators(late, new Set(['c1']), 2025, calendar).planCompletion).toEqual({ numerator: 0, denominator: 1 });
  });

  it('applies the nearest upper filing deadline and covers claimed items by name', () => {
    const deadlines = [
      { unitPath: 'p', year: 2025, dueOn: '2025-04-30' },
      { unitPath: 'p.city', year: 2025, dueOn: '2025-04-15' },
      { unitPath: 'p.city.c1', year: 2025, dueOn: '2025-01-01' },
    ];
    expect(filingDueOn({ unitCode: 'c1', unitPath: 'p.city.c1', year: 2025, filedOn: null }, deadlines)).toBe('2025-04-15');
    expect(filingDueOn({ unitCode: 'city', unitPath: 'p.city', year: 2025, filedOn: null }, deadlines)).toBe('2025-04-30');
    expect(taskCoversItem(['食品销售监督检查：1. 许可'], '食品销售监督检查')).toBe(true);
    expect(taskCoversItem(['食品生产'], '食品销售监督检查')).toBe(false);
  });
});

// Generated rows over two disjoint unit sets: the additive indicators of the union are the sums,
// the distinct-entity ones at most the sums, and no numerator exceeds its denominator.
const units = ['a', 'a-1', 'b', 'b-1'];
const day = fc.integer({ min: 0, max: 364 }).map((i) => new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10));
const factsArbitrary = fc.record({
  entities: fc.uniqueArray(
    fc.record({
      uscc: fc.constantFrom('E1', 'E2', 'E3', 'E4', 'E5', 'E6'),
      unitCode: fc.constantFrom(...units),
      enterprise: fc.boolean(),
      active: fc.boolean(),
      riskClass: fc.constantFrom('A' as const, 'B' as const, null),
    }),
    { selector: (e) => e.uscc },
  ),
  results: fc.array(
    fc.record({
      unitCode: fc.constantFrom(...units),
      drawId: fc.constantFrom('d1', 'd2', 'd3'),
      uscc: fc.constantFrom('E1', 'E2', 'E3', 'E4', 'E5', 'E6'),
      year: fc.constantFrom(2025, 2024),
      checkedOn: fc.option(day),
      publishedOn: fc.option(day),
      periodEnd: fc.option(day),
      problem: fc.boolean(),
    }),
    { maxLength: 30 },
  ),
  followups: fc.array(fc.record({ unitCode: fc.constantFrom(...units), year: fc.constantFrom(2025, 2024), closed: fc.boolean() })),
  otherInspections: fc.array(fc.record({ unitCode: fc.constantFrom(...units), year: fc.constant(2025), count: fc.nat(20) })),
});
const additive: IndicatorKey[] = ['resultPublication', 'timelyPublication', 'problemFinding', 'problemDisposal', 'randomInspectionShare'];

describe('roll-up', () => {
  it('sums counts of disjoint units, never averages rates', () => {
    fc.assert(
      fc.property(factsArbitrary, (partial) => {
        const facts = { ...emptyFacts(), ...partial };
        const a = countIndicators(facts, new Set(['a', 'a-1']), 2025, calendar);
        const b = countIndicators(facts, new Set(['b', 'b-1']), 2025, calendar);
        const all = countIndicators(facts, new Set(units), 2025, calendar);
        const sum = addCounts(a, b);
        for (const key of additive) expect(all[key]).toEqual(sum[key]);
        expect(all.entityCoverage.denominator).toBe(sum.entityCoverage.denominator);
        expect(all.entityCoverage.numerator).toBeLessThanOrEqual(sum.entityCoverage.numerator);
        for (const key of INDICATOR_KEYS)
          expect(all[key].numerator).toBeLessThanOrEqual(all[key].denominator + (key === 'entityCoverage' ? 99 : 0));
      }),
    );
  });
});
