import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeRule } from '../subLibraries/rule.ts';
import { checkPlan, DEFAULT_CHECK_TARGETS, type CheckedTask, type PlanCheckInput } from './plannerChecks.ts';

function task(n: number, over: Partial<CheckedTask> = {}): CheckedTask {
  return {
    code: `140581-2025-${String(n).padStart(3, '0')}`,
    seq: n,
    name: `任务${n}`,
    items: ['登记事项检查'],
    population: '全市企业',
    subLibraryId: 'lib-1',
    populationCount: 100,
    populationByClass: { A: 0, B: 100 },
    period: { start: '2025-03-01', end: '2025-11-30' },
    riskPolicy: { kind: 'escalating', classes: ['A', 'B', 'C', 'D'], text: '分别递加比例抽查' },
    batchesPerYear: 1,
    ...over,
  };
}

function input(over: Partial<PlanCheckInput>): PlanCheckInput {
  return { tasks: [], others: [], claimedItems: [], sharedLowRisk: [], ...DEFAULT_CHECK_TARGETS, ...over };
}

const kinds = (i: PlanCheckInput) => checkPlan(i).map((w) => `${w.kind}:${w.taskCode ?? '-'}`);

describe('planner checks', () => {
  it('a clean plan has no warnings', () => {
    expect(
      checkPlan(input({ tasks: [task(1)], claimedItems: [{ code: 'X1', name: '登记事项的检查', category: '登记事项检查' }] })),
    ).toEqual([]);
  });

  it('warns about the same items over the same population in an overlapping period as an upper task', () => {
    const upper = {
      code: '140500-2025-003',
      name: '对企业的抽查',
      planTitle: '晋城市2025年度计划',
      unitName: '晋城市市场监督管理局',
      relation: 'upper' as const,
      items: ['登记事项检查。', '公示信息检查'],
      population: '全市范围内存续的企业',
      subLibraryId: null,
      period: { start: '2025-06-01', end: '2025-12-31' },
    };
    const warnings = checkPlan(input({ tasks: [task(1, { subLibraryId: null })], others: [upper] }));
    const dup = warnings.find((w) => w.kind === 'duplicateUpper');
    expect(dup?.taskCode).toBe('140581-2025-001');
    expect(dup?.message).toContain('2025-06-01 至 2025-11-30');
    expect(dup?.message).toContain('登记事项检查');
    // Disjoint periods, other items or a different linked sub-library: no warning.
    expect(kinds(input({ tasks: [task(1)], others: [{ ...upper, period: { start: '2025-12-01', end: '2025-12-31' } }] }))).not.toContain(
      'duplicateUpper:140581-2025-001',
    );
    expect(kinds(input({ tasks: [task(1)], others: [{ ...upper, items: ['广告发布行为检查'] }] }))).toEqual([]);
    expect(kinds(input({ tasks: [task(1)], others: [{ ...upper, subLibraryId: 'lib-2' }] }))).toEqual([]);
    expect(kinds(input({ tasks: [task(1)], others: [{ ...upper, subLibraryId: 'lib-1', relation: 'joint' }] }))).toEqual([
      'duplicateJoint:140581-2025-001',
    ]);
  });

  it('reports item coverage below the target with the uncovered items, and items not claimed', () => {
    const claimed = [1, 2, 3, 4, 5].map((n) => ({ code: `X${n}`, name: `事项${n}`, category: '某类检查' }));
    const warnings = checkPlan(input({ tasks: [task(1, { items: ['事项1', '事项2', '事项9'] })], claimedItems: claimed }));
    const coverage = warnings.find((w) => w.kind === 'itemCoverage');
    expect(coverage?.message).toContain('2/5');
    expect(coverage?.message).toContain('40%');
    expect(coverage?.message).toContain('X3 事项3');
    expect(warnings.find((w) => w.kind === 'unknownItems')?.message).toContain('“事项9”');
    const full = input({ tasks: [task(1, { items: ['事项1', '事项2', '事项3', '事项4'] })], claimedItems: claimed });
    expect(kinds(full)).toEqual([]); // 80% meets the target
  });

  it('warns when most tasks start in the second half', () => {
    const late = { start: '2025-07-01', end: '2025-11-30' };
    expect(kinds(input({ tasks: [task(1, { period: late }), task(2)] }))).toEqual([]);
    expect(kinds(input({ tasks: [task(1, { period: late }), task(2, { period: late }), task(3)] }))).toEqual(['secondHalf:-']);
  });

  it('counts tasks without risk-class use against the rate', () => {
    const tasks = [
      task(1),
      task(2, { riskPolicy: { kind: 'notUsed', reason: '不使用：产品抽检' } }),
      task(3, { riskPolicy: { kind: 'notStated' } }),
    ];
    const k = kinds(input({ tasks }));
    expect(k).toEqual(['riskUnused:140581-2025-002', 'riskUnused:140581-2025-003', 'riskUseRate:-']);
    expect(checkPlan(input({ tasks })).find((w) => w.kind === 'riskUseRate')?.message).toContain('33.3%');
  });

  it('flags low-risk entities that several batches or two tasks could inspect twice', () => {
    const quarterly = task(1, { batchesPerYear: 4, populationByClass: { A: 12, B: 40 } });
    expect(kinds(input({ tasks: [quarterly] }))).toEqual(['lowRiskRepeat:140581-2025-001']);
    const noA = task(1, {
      batchesPerYear: 4,
      riskPolicy: { kind: 'perClass', basisPoints: { A: 0, D: 1000 }, text: 'A类0%' },
      populationByClass: { A: 12 },
    });
    expect(kinds(input({ tasks: [noA] }))).toEqual([]);
    const pair = input({ tasks: [task(1), task(2)], sharedLowRisk: [{ a: '140581-2025-001', b: '140581-2025-002', count: 7 }] });
    expect(checkPlan(pair).find((w) => w.kind === 'lowRiskRepeat')?.message).toContain('7 户');
    // The warning offers the merged draw (合并抽取) of the two tasks.
    expect(checkPlan(pair).find((w) => w.kind === 'lowRiskRepeat')?.reason).toContain('合并抽取');
  });

  it('asks for a linked, non-empty population', () => {
    expect(kinds(input({ tasks: [task(1, { subLibraryId: null }), task(2, { populationCount: 0 })] }))).toEqual([
      'unlinkedPopulation:140581-2025-001',
      'emptyPopulation:140581-2025-002',
    ]);
  });

  it('the risk-use rate warning appears exactly when the rate is below the target', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }), fc.constantFrom(90, 95), (uses, target) => {
        const tasks = uses.map((u, i) => task(i + 1, u ? {} : { riskPolicy: { kind: 'notStated' } }));
        const rated = checkPlan(input({ tasks, riskUseTarget: target })).some((w) => w.kind === 'riskUseRate');
        const used = uses.filter(Boolean).length;
        expect(rated).toBe(used * 100 < target * uses.length && Math.floor((used * 1000) / uses.length) / 10 < target);
      }),
    );
  });

  it('names the task and the library when the linked library contradicts the scope, and the suggestion for an unlinked task', () => {
    const warnings = checkPlan(
      input({
        tasks: [
          task(1, {
            name: '对企业的不定向双随机抽查',
            population: '全市范围内存续的企业',
            subLibrary: { name: '全市个体工商户', rule: normalizeRule({ subjectTypes: ['individual'] }) },
          }),
          task(2, {
            name: '对特种设备使用的监督检查',
            population: '特种设备使用单位',
            subLibrary: { name: '全市存续企业', rule: normalizeRule({ subjectTypes: ['enterprise'] }) },
          }),
          task(3, {
            population: '特种设备使用单位',
            subLibrary: { name: '特种设备使用单位', rule: normalizeRule({ tags: { anyOf: ['特种设备使用单位'] } }) },
          }),
          task(4, { population: '特种设备使用单位', subLibraryId: null, populationCount: null, suggestedSubLibrary: '特种设备使用单位' }),
        ],
      }),
    );
    const contradictions = warnings.filter((w) => w.kind === 'scopeContradiction');
    expect(contradictions.map((w) => w.taskCode)).toEqual(['140581-2025-001', '140581-2025-002']);
    expect(contradictions[0]!.message).toBe(
      '任务1“对企业的不定向双随机抽查”（140581-2025-001）关联的名录分库“全市个体工商户”与抽查对象范围“全市范围内存续的企业”不符：分库只含个体工商户，而抽查对象范围是企业。',
    );
    expect(contradictions[1]!.message).toContain('分库规则没有“特种设备使用单位”标签条件');
    const unlinked = warnings.find((w) => w.kind === 'unlinkedPopulation')!;
    expect(unlinked.message).toContain('建议的名录分库：“特种设备使用单位”');
    expect(unlinked.reason).toContain('采用');
  });
});
