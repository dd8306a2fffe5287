import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ResultCategory, resultCategoryLabel } from '../glossary.ts';
import {
  type ItemResultInput,
  type VisitResultInput,
  categoriesCompatible,
  findingCategories,
  followUpNeeds,
  inspectionMethods,
  overallCategories,
  publicResultText,
  resultCategories,
  validateItemResult,
  validateVisitResult,
} from './index.ts';

function problemsOf(input: ItemResultInput, checkedOn?: string): string[] {
  const result = validateItemResult(input, checkedOn === undefined ? {} : { checkedOn });
  return result.ok ? [] : result.problems.map((p) => p.message);
}

describe('validateItemResult: valid entries', () => {
  it('未发现问题 by 实地核查 is accepted and normalised', () => {
    const result = validateItemResult({ categories: ['noProblem'], methods: ['onSite'], findings: '  ' });
    expect(result).toEqual({
      ok: true,
      value: { categories: ['noProblem'], methods: ['onSite'], findings: null, otherText: null, rectificationDeadline: null },
    });
  });

  it('sorts categories and methods into the seed/glossary order', () => {
    const result = validateItemResult({
      categories: ['problemPendingInvestigation', 'disclosureNotMade', 'problemOrderedToCorrect'],
      methods: ['onlineMonitoring', 'onSite'],
      findings: '未按规定公示年报；现场标签不合规',
    });
    expect(result.ok && result.value.categories).toEqual(['disclosureNotMade', 'problemOrderedToCorrect', 'problemPendingInvestigation']);
    expect(result.ok && result.value.methods).toEqual(['onSite', 'onlineMonitoring']);
  });

  it('无法联系 together with 未按规定公示 (both 经营异常名录 grounds)', () => {
    expect(problemsOf({ categories: ['unreachableAtAddress', 'disclosureNotMade'], methods: ['onSite'] })).toEqual([]);
  });

  it('无法联系 with a problem found by 网络监测 is accepted', () => {
    expect(
      problemsOf({
        categories: ['unreachableAtAddress', 'problemPendingInvestigation'],
        methods: ['onSite', 'onlineMonitoring'],
        findings: '网店无证经营',
      }),
    ).toEqual([]);
  });

  it('a 限期改正 deadline on or after the inspection date', () => {
    const result = validateItemResult(
      { categories: ['problemOrderedToCorrect'], methods: ['onSite'], findings: '台账缺失', rectificationDeadline: '2025-07-01' },
      { checkedOn: '2025-06-18' },
    );
    expect(result.ok && result.value.rectificationDeadline).toBe('2025-07-01');
  });
});

describe('validateItemResult: contradictions and missing text, with precise messages', () => {
  it('未发现问题 with any 发现问题 category', () => {
    expect(problemsOf({ categories: ['noProblem', 'problemOrderedToCorrect'], methods: ['onSite'], findings: 'x' })).toContain(
      '“未发现问题”与“发现问题，依法责令立即改正或者限期改正”不能同时选择：它表示发现了问题；请只保留符合实际的一项',
    );
    expect(
      problemsOf({ categories: ['noProblem', 'problemPendingInvestigation'], methods: ['onSite'], findings: 'x' }).length,
    ).toBeGreaterThan(0);
  });

  it('无法联系 with 发现问题 of an on-site-only check', () => {
    const messages = problemsOf({ categories: ['unreachableAtAddress', 'problemOrderedToCorrect'], methods: ['onSite'], findings: 'x' });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('“发现问题，依法责令立即改正或者限期改正”不可能来自实地核查');
  });

  it('无法联系 implies 实地核查 was attempted', () => {
    expect(problemsOf({ categories: ['unreachableAtAddress'], methods: ['documentary'] })).toEqual([
      '选择了“通过登记的住所（经营场所）无法联系”，说明到登记住所进行过实地核查；请在检查方式中勾选“实地核查”',
    ]);
  });

  it('合格 with 不合格', () => {
    expect(problemsOf({ categories: ['productQualified', 'productUnqualified'], methods: ['entrusted'], findings: '标签不合格' })).toEqual([
      '“合格”与“不合格”不能同时选择：同一检查事项的产品只能判定为合格或不合格之一；请只保留符合实际的一项',
    ]);
  });

  it('其他情况 without text, and text without 其他情况', () => {
    expect(problemsOf({ categories: ['other'], methods: ['onSite'], otherText: ' ' })).toEqual(['选择了“其他情况”，请写明具体情况']);
    expect(problemsOf({ categories: ['disclosureNotMade'], methods: ['documentary'], otherText: '企业已歇业' })).toEqual([
      '填写了其他情况说明但未选择“其他情况”；请勾选“其他情况”或清空说明',
    ]);
  });

  it('发现问题 or 不合格 without findings text; 未发现问题 with findings text', () => {
    expect(problemsOf({ categories: ['problemPendingInvestigation'], methods: ['onSite'] })).toEqual([
      '选择了“发现问题，待后续调查处理”，请在“发现的问题”中写明发现的具体问题',
    ]);
    expect(problemsOf({ categories: ['productUnqualified'], methods: ['entrusted'], findings: '' })[0]).toContain('“不合格”');
    expect(problemsOf({ categories: ['noProblem'], methods: ['onSite'], findings: '灭火器过期' })[0]).toContain('却填写了发现的问题');
  });

  it('empty, unknown and repeated codes', () => {
    expect(problemsOf({ categories: [], methods: [] })).toEqual([
      '请至少选择一项检查结果（如“未发现问题”）',
      '请至少选择一种检查方式（实地核查、书面检查、网络监测或委托专业机构）',
    ]);
    expect(problemsOf({ categories: ['ok'], methods: ['phone'] })).toEqual([
      '检查结果 "ok" 不是规定的结果类别，请从列表中选择',
      '检查方式 "phone" 无效，应为实地核查、书面检查、网络监测或委托专业机构',
    ]);
    expect(problemsOf({ categories: ['noProblem', 'noProblem'], methods: ['onSite', 'onSite'] })).toEqual([
      '检查结果“未发现问题”重复选择，请只保留一次',
      '检查方式“实地核查”重复选择，请只保留一次',
    ]);
  });

  it('product checks need 合格/不合格; other checks may not use them', () => {
    expect(problemsOf({ categories: ['noProblem'], methods: ['entrusted'], productCheck: true })[0]).toContain('产品质量抽检');
    expect(problemsOf({ categories: ['activityNotFound'], methods: ['onSite'], productCheck: true })).toEqual([]);
    expect(problemsOf({ categories: ['productQualified'], methods: ['onSite'], productCheck: false })).toEqual([
      '“合格”只用于产品质量抽检，本事项不是产品抽检；请改选其他结果',
    ]);
  });

  it('rectification deadline: only with 责令改正, a real date, not before the inspection', () => {
    expect(
      problemsOf({
        categories: ['problemPendingInvestigation'],
        methods: ['onSite'],
        findings: 'x',
        rectificationDeadline: '2025-07-01',
      })[0],
    ).toContain('只有选择');
    expect(
      problemsOf({ categories: ['problemOrderedToCorrect'], methods: ['onSite'], findings: 'x', rectificationDeadline: '2025-02-30' })[0],
    ).toContain('不是有效日期');
    expect(
      problemsOf(
        { categories: ['problemOrderedToCorrect'], methods: ['onSite'], findings: 'x', rectificationDeadline: '2025-06-01' },
        '2025-06-18',
      ),
    ).toEqual(['整改期限 2025-06-01 早于检查日期 2025-06-18，请填写检查日期之后的日期']);
  });
});

const categoryArb = fc.constantFrom(...resultCategories);
const methodArb = fc.constantFrom(...inspectionMethods);

/** An item entry with text filled whenever the categories ask for it. */
const itemArb = fc
  .record({
    categories: fc.uniqueArray(categoryArb, { minLength: 1, maxLength: 4 }),
    methods: fc.uniqueArray(methodArb, { minLength: 1, maxLength: 4 }),
  })
  .map(({ categories, methods }) => ({
    categories,
    methods,
    findings: categories.some((c) => findingCategories.has(c)) ? `FINDING-${categories.join('-')}` : null,
    otherText: categories.includes('other') ? '企业正在办理注销' : null,
  }));

describe('category rules: properties', () => {
  it('compatibility is symmetric and every category is compatible with itself', () => {
    fc.assert(
      fc.property(categoryArb, categoryArb, (a, b) => {
        expect(categoriesCompatible(a, b)).toBe(categoriesCompatible(b, a));
        expect(categoriesCompatible(a, a)).toBe(true);
      }),
    );
  });

  it('an accepted item has pairwise-compatible categories, no 无法联系 without 实地核查, and never 未发现问题 with a finding', () => {
    fc.assert(
      fc.property(itemArb, (item) => {
        const result = validateItemResult(item);
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          return;
        }
        const cats = result.value.categories;
        for (const a of cats) for (const b of cats) expect(categoriesCompatible(a, b)).toBe(true);
        if (cats.includes('unreachableAtAddress')) expect(result.value.methods).toContain('onSite');
        expect(cats.includes('noProblem') && cats.some((c) => findingCategories.has(c))).toBe(false);
      }),
    );
  });

  it('an item whose categories are pairwise compatible and has no 无法联系 is accepted', () => {
    fc.assert(
      fc.property(itemArb, (item) => {
        fc.pre(!item.categories.includes('unreachableAtAddress'));
        const compatible = item.categories.every((a) => item.categories.every((b) => categoriesCompatible(a, b)));
        expect(validateItemResult(item).ok).toBe(compatible);
      }),
    );
  });

  it('the verdict does not depend on the order of the choices', () => {
    fc.assert(
      fc.property(itemArb, fc.integer(), (item, seed) => {
        const shuffled = {
          ...item,
          categories: [...item.categories].sort(() => (seed % 2 === 0 ? 1 : -1)),
          methods: [...item.methods].reverse(),
        };
        expect(validateItemResult(shuffled)).toEqual(validateItemResult(item));
      }),
    );
  });

  it('the public text of accepted items never shows findings, never says 未发现问题 next to a problem, never 合格 with 不合格', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { minLength: 1, maxLength: 4 }), (items) => {
        const accepted = items.map((item) => validateItemResult(item)).flatMap((r) => (r.ok ? [r.value] : []));
        fc.pre(accepted.length > 0);
        const overall = overallCategories(accepted);
        const text = publicResultText(accepted);
        expect(text).not.toContain('FINDING-');
        expect(overall.includes('productQualified') && overall.includes('productUnqualified')).toBe(false);
        if (
          overall.some(
            (c) => findingCategories.has(c) || c === 'unreachableAtAddress' || c === 'refusedSeriously' || c === 'disclosureNotMade',
          )
        ) {
          expect(overall).not.toContain('noProblem');
        }
        const union = new Set(accepted.flatMap((item) => item.categories));
        for (const c of overall) expect(union.has(c)).toBe(true);
        expect(overall.length).toBeGreaterThan(0);
        expect(overallCategories([...accepted].reverse())).toEqual(overall);
        for (const c of overall) expect(text).toContain(resultCategoryLabel[c]);
      }),
    );
  });
});

describe('overall result and public text', () => {
  const item = (categories: ResultCategory[], otherText: string | null = null) => ({ categories, otherText });

  it('one item with a problem and one without: the visit publishes the problem only', () => {
    expect(publicResultText([item(['noProblem']), item(['problemOrderedToCorrect'])])).toBe('发现问题，依法责令立即改正或者限期改正');
  });

  it('activity not found on one item, assessed on another: the assessed result is published', () => {
    expect(overallCategories([item(['activityNotFound']), item(['noProblem'])])).toEqual(['noProblem']);
    expect(overallCategories([item(['activityNotFound']), item(['activityNotFound'])])).toEqual(['activityNotFound']);
  });

  it('合格 dropped next to 不合格; 其他情况 carries its text', () => {
    expect(publicResultText([item(['productQualified']), item(['productUnqualified'])])).toBe('不合格');
    expect(publicResultText([item(['other'], '经营者已办理注销')])).toBe('其他情况（经营者已办理注销）');
    expect(publicResultText([item(['unreachableAtAddress', 'disclosureNotMade'])])).toBe(
      '未按规定公示应当公示的信息；通过登记的住所（经营场所）无法联系',
    );
  });

  it('follow-up triggers: ledger with the suggested measure, and the 经营异常名录 step', () => {
    expect(
      followUpNeeds(['problemPendingInvestigation', 'unreachableAtAddress', 'problemOrderedToCorrect', 'problemOrderedToCorrect']),
    ).toEqual({
      ledger: [
        { category: 'problemOrderedToCorrect', suggestedMeasure: 'orderCorrection' },
        { category: 'problemPendingInvestigation', suggestedMeasure: 'referToEnforcement' },
      ],
      abnormalList: ['unreachableAtAddress'],
    });
    expect(followUpNeeds(['noProblem', 'productQualified'])).toEqual({ ledger: [], abnormalList: [] });
  });
});

describe('validateVisitResult', () => {
  const base: VisitResultInput = {
    items: [
      { itemCode: 'SX-01', itemName: '营业执照公示情况', result: { categories: ['noProblem'], methods: ['onSite'] } },
      {
        itemCode: 'SX-02',
        itemName: '食品经营许可',
        result: {
          categories: ['problemOrderedToCorrect'],
          methods: ['onSite'],
          findings: '许可证过期',
          rectificationDeadline: '2025-07-01',
        },
      },
    ],
    checkedOn: '2025-06-18',
    taskWindow: { start: '2025-03-01', end: '2025-11-30' },
    today: '2025-06-20',
    assignedInspectors: [
      { id: 'i1', name: '张三' },
      { id: 'i2', name: '李四' },
    ],
    confirmedBy: ['i1', 'i2'],
  };

  it('accepts a complete entry and derives the public result and follow-up', () => {
    const result = validateVisitResult(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.publicText).toBe('发现问题，依法责令立即改正或者限期改正');
    expect(result.value.followUp.ledger).toEqual([{ category: 'problemOrderedToCorrect', suggestedMeasure: 'orderCorrection' }]);
    expect(result.value.items[1]!.result.rectificationDeadline).toBe('2025-07-01');
  });

  it('a date outside the task window or in the future', () => {
    const outside = validateVisitResult({ ...base, checkedOn: '2025-02-27', items: base.items.slice(0, 1) });
    expect(!outside.ok && outside.problems).toEqual([
      { field: 'checkedOn', message: '检查日期 2025-02-27 不在任务起止时间 2025-03-01 至 2025-11-30 之内，请填写实际检查日期' },
    ]);
    const future = validateVisitResult({ ...base, checkedOn: '2025-06-21', items: base.items.slice(0, 1) });
    expect(!future.ok && future.problems.map((p) => p.message)).toEqual([
      '检查日期 2025-06-21 晚于今天 2025-06-20，请填写已实际检查的日期',
    ]);
  });

  it('both inspectors must confirm; a stranger cannot', () => {
    const result = validateVisitResult({ ...base, confirmedBy: ['i1', 'x9'] });
    expect(!result.ok && result.problems.map((p) => p.message)).toEqual([
      '确认人 "x9" 不是本户次分配的检查人员，不能确认本结果',
      '检查人员 李四 尚未确认检查结果；请由全部检查人员确认后再提交',
    ]);
    const alone = validateVisitResult({ ...base, assignedInspectors: [{ id: 'i1', name: '张三' }], confirmedBy: ['i1'] });
    expect(!alone.ok && alone.problems[0]!.message).toContain('检查须由至少两名人员进行');
  });

  it('item problems are located by item; one trip cannot be both unreachable and inspected on site', () => {
    const result = validateVisitResult({
      ...base,
      items: [
        { itemCode: 'SX-01', itemName: '营业执照公示情况', result: { categories: ['unreachableAtAddress'], methods: ['onSite'] } },
        { itemCode: 'SX-02', itemName: '食品经营许可', result: { categories: ['noProblem'], methods: ['onSite'] } },
        { itemCode: 'SX-03', itemName: '广告发布', result: { categories: ['other'], methods: ['onSite'] } },
      ],
    });
    expect(!result.ok && result.problems).toEqual([
      { field: 'items[2].otherText', message: '第 3 项“广告发布”：选择了“其他情况”，请写明具体情况' },
      {
        field: 'items[1].categories',
        message:
          '第 2 项“食品经营许可”以实地核查得出“未发现问题”，但第 1 项“营业执照公示情况”记录了“通过登记的住所（经营场所）无法联系”：同一户次不能既无法联系又完成实地核查；请核对后改正其中一项',
      },
    ]);
  });

  it('an empty visit and a repeated item', () => {
    const empty = validateVisitResult({ ...base, items: [] });
    expect(!empty.ok && empty.problems.map((p) => p.message)).toEqual(['请至少录入一个检查事项的结果']);
    const twice = validateVisitResult({ ...base, items: [base.items[0]!, base.items[0]!] });
    expect(!twice.ok && twice.problems.map((p) => p.message)).toEqual(['检查事项 SX-01 录入了多次，每个事项只能有一条结果']);
  });
});
