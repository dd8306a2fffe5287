import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  describeRule,
  matchesRule,
  normalizeRule,
  REG_STATUSES,
  subLibraryRuleSchema,
  type RuleSubject,
  type SubLibraryRule,
} from './rule.ts';

const TAGS = ['加油站', '食品生产许可', '年报全0申报', '一址多照', '眼镜制配'];
const unitPaths = new Map([
  ['140581', '140000.140500.140581'],
  ['140581S01', '140000.140500.140581.140581S01'],
  ['140525', '140000.140500.140525'],
]);

const subjectArb: fc.Arbitrary<RuleSubject> = fc.record({
  subjectType: fc.constantFrom('enterprise', 'individual', 'cooperative', 'other'),
  regStatus: fc.constantFrom(...REG_STATUSES),
  regionCode: fc.constantFrom('140581', '140525'),
  unitCode: fc.constantFrom('140581', '140581S01', '140525'),
  industryCode: fc.option(fc.constantFrom('5265', '5236', '1411', '6210'), { nil: null }),
  tags: fc.subarray(TAGS),
  riskClass: fc.option(fc.constantFrom('A', 'B', 'C', 'D'), { nil: null }),
  establishedOn: fc.option(fc.constantFrom('1999-05-01', '2010-01-01', '2020-12-31'), { nil: null }),
});

const ruleArb: fc.Arbitrary<SubLibraryRule> = fc
  .record({
    tags: fc.record({
      anyOf: fc.subarray(TAGS, { maxLength: 2 }),
      allOf: fc.subarray(TAGS, { maxLength: 1 }),
      noneOf: fc.subarray(TAGS, { maxLength: 1 }),
    }),
    subjectTypes: fc.subarray(['enterprise', 'individual', 'cooperative', 'other'] as const),
    regStatuses: fc.subarray([...REG_STATUSES], { maxLength: 3 }),
    regionCodes: fc.subarray(['140581', '140525']),
    unitCodes: fc.subarray(['140581', '140581S01', '140525']),
    industryPrefixes: fc.subarray(['52', '526', '5236', '14']),
    riskClasses: fc.subarray(['A', 'B', 'C', 'D', 'none'] as const),
    establishedFrom: fc.option(fc.constantFrom('2000-01-01', '2010-01-01'), { nil: null }),
    establishedTo: fc.option(fc.constantFrom('2015-01-01', '2030-01-01'), { nil: null }),
  })
  .map((r) => normalizeRule(r));

const empty = normalizeRule({});

/** An enterprise registered with the county bureau, no tags, class or date. */
const countyEntity: RuleSubject = {
  subjectType: 'enterprise',
  regStatus: '存续',
  regionCode: '140581',
  unitCode: '140581',
  industryCode: '5265',
  tags: [],
  riskClass: null,
  establishedOn: null,
};

describe('名录分库规则', () => {
  it('an empty rule takes every entry, and says so', () => {
    fc.assert(fc.property(subjectArb, (s) => matchesRule(s, empty, unitPaths) === true));
    expect(describeRule(empty)).toBe('全部市场主体（无筛选条件）');
  });

  it('adding a condition never adds entries (conditions combine with AND)', () => {
    fc.assert(
      fc.property(subjectArb, ruleArb, ruleArb, (s, a, b) => {
        const both = normalizeRule({
          ...a,
          tags: { anyOf: a.tags.anyOf, allOf: [...a.tags.allOf, ...b.tags.allOf], noneOf: [...a.tags.noneOf, ...b.tags.noneOf] },
        });
        if (matchesRule(s, both, unitPaths)) expect(matchesRule(s, a, unitPaths)).toBe(true);
      }),
    );
  });

  it('tag any/all/none follow the entry’s tags', () => {
    fc.assert(
      fc.property(subjectArb, fc.constantFrom(...TAGS), (s, tag) => {
        const has = s.tags.includes(tag);
        expect(matchesRule(s, normalizeRule({ tags: { anyOf: [tag] } }), unitPaths)).toBe(has);
        expect(matchesRule(s, normalizeRule({ tags: { allOf: [tag] } }), unitPaths)).toBe(has);
        expect(matchesRule(s, normalizeRule({ tags: { noneOf: [tag] } }), unitPaths)).toBe(!has);
      }),
    );
  });

  it('a unit condition covers the unit and the units below it, not its siblings', () => {
    const base: RuleSubject = { ...countyEntity, unitCode: '140581S01' };
    expect(matchesRule(base, normalizeRule({ unitCodes: ['140581'] }), unitPaths)).toBe(true);
    expect(matchesRule(base, normalizeRule({ unitCodes: ['140525'] }), unitPaths)).toBe(false);
    expect(matchesRule({ ...base, unitCode: '140581' }, normalizeRule({ unitCodes: ['140581S01'] }), unitPaths)).toBe(false);
  });

  it('risk class none means 未分类; industry matches by prefix; a date range excludes entries without a date', () => {
    const base = countyEntity;
    expect(matchesRule(base, normalizeRule({ riskClasses: ['none'] }), unitPaths)).toBe(true);
    expect(matchesRule(base, normalizeRule({ riskClasses: ['A'] }), unitPaths)).toBe(false);
    expect(matchesRule(base, normalizeRule({ industryPrefixes: ['52'] }), unitPaths)).toBe(true);
    expect(matchesRule(base, normalizeRule({ industryPrefixes: ['5236'] }), unitPaths)).toBe(false);
    expect(matchesRule(base, normalizeRule({ establishedFrom: '2000-01-01' }), unitPaths)).toBe(false);
    expect(
      matchesRule(
        { ...base, establishedOn: '2000-01-01' },
        normalizeRule({ establishedFrom: '2000-01-01', establishedTo: '2000-01-01' }),
        unitPaths,
      ),
    ).toBe(true);
  });

  it('rejects malformed rules with messages naming the field', () => {
    const reversed = subLibraryRuleSchema.safeParse({ establishedFrom: '2020-01-01', establishedTo: '2010-01-01' });
    expect(reversed.success).toBe(false);
    expect(reversed.error?.issues[0]?.message).toContain('起始日期晚于截止日期');
    const industry = subLibraryRuleSchema.safeParse({ industryPrefixes: ['A52'] });
    expect(industry.error?.issues[0]?.path).toEqual(['industryPrefixes', 0]);
    expect(subLibraryRuleSchema.safeParse({ establishedFrom: '2021-02-30' }).success).toBe(false);
    expect(subLibraryRuleSchema.safeParse({ colour: 'red' }).success).toBe(false);
  });

  it('describes every condition in Chinese, with names where given', () => {
    const rule = normalizeRule({
      tags: { anyOf: ['加油站'] },
      regStatuses: ['存续'],
      unitCodes: ['140581'],
      riskClasses: ['D', 'none'],
      subjectTypes: ['individual'],
    });
    const text = describeRule(rule, { unitName: (c) => (c === '140581' ? '高平市市场监督管理局' : undefined) });
    expect(text).toContain('标签含任一：加油站');
    expect(text).toContain('登记状态：存续');
    expect(text).toContain('管辖单位：高平市市场监督管理局（含下级单位）');
    expect(text).toContain('D类（高风险）、未分类');
    expect(text).toContain('主体类别：个体工商户');
  });

  it('normalizing is idempotent and order-insensitive', () => {
    fc.assert(
      fc.property(ruleArb, (r) => {
        expect(normalizeRule(r)).toEqual(r);
      }),
    );
    expect(normalizeRule({ regStatuses: ['在业', '存续', '在业'] }).regStatuses).toEqual(
      normalizeRule({ regStatuses: ['存续', '在业'] }).regStatuses,
    );
  });
});
