import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normalizeRule, type SubLibraryRuleInput } from '../subLibraries/rule.ts';
import {
  clearSuggestion,
  SCOPE_TERMS,
  scopeContradictions,
  subjectsOf,
  suggestSubLibraries,
  termsOf,
  type LibraryCandidate,
} from './subLibrarySuggestion.ts';

const ACTIVE = ['存续', '在业'] as const;
let next = 0;
function lib(name: string, rule: SubLibraryRuleInput, over: Partial<LibraryCandidate> = {}): LibraryCandidate {
  next += 1;
  return {
    id: `lib-${String(next).padStart(3, '0')}`,
    name,
    unitCode: '140581',
    unitName: '高平市市场监督管理局',
    unitDepth: 3,
    rule: normalizeRule(rule),
    ...over,
  };
}

/** A county's libraries as a 信用监管股 keeps them (the demo's, plus the ones its plan table asks for). */
const libraries = [
  lib('全市加油站', { tags: { anyOf: ['加油站'] }, regStatuses: [...ACTIVE] }),
  lib('全市获证食品生产企业', { tags: { anyOf: ['食品生产许可'] }, subjectTypes: ['enterprise'], regStatuses: [...ACTIVE] }),
  lib('眼镜制配场所', { tags: { anyOf: ['眼镜制配'] }, regStatuses: [...ACTIVE] }),
  lib('特种设备使用单位', { tags: { anyOf: ['特种设备使用单位'] }, regStatuses: [...ACTIVE] }),
  lib('电子商务经营者', { tags: { anyOf: ['电子商务经营者'] }, regStatuses: [...ACTIVE] }),
  lib('广告经营者', { tags: { anyOf: ['广告经营者'] }, regStatuses: [...ACTIVE] }),
  lib('年报全0申报企业', { tags: { anyOf: ['年报全0申报'] }, subjectTypes: ['enterprise'] }),
  lib('一址多照企业', { tags: { anyOf: ['一址多照'] } }),
  lib('关联企业', { tags: { anyOf: ['关联企业'] } }),
  lib('全市存续企业', { subjectTypes: ['enterprise'], regStatuses: [...ACTIVE] }),
  lib('全市个体工商户', { subjectTypes: ['individual'], regStatuses: [...ACTIVE] }),
  lib('全市农民专业合作社', { subjectTypes: ['cooperative'], regStatuses: [...ACTIVE] }),
];

const best = (name: string, population: string, from = libraries) =>
  clearSuggestion(suggestSubLibraries({ name, population }, from))?.name ?? null;

describe('suggesting the 名录分库 of a task', () => {
  it('links the seed plan table of a county by its 抽查对象范围 and name', () => {
    // Seed 002 (高平市 2025): each task's name and scope as written.
    expect(best('对企业的不定向双随机抽查', '全市范围内存续的企业')).toBe('全市存续企业');
    expect(best('对个体户的不定向双随机抽查', '全市范围内个体户')).toBe('全市个体工商户');
    expect(best('对合作社的不定向双随机抽查', '全市范围内个体户 合作社')).toBe('全市农民专业合作社');
    expect(best('对电子商务平台经营者的定向双随机抽查', '全市范围内电子商务经营者')).toBe('电子商务经营者');
    expect(best('对广告经营者的定向双随机抽查', '全市范围内存续广告经营企业')).toBe('广告经营者');
    expect(best('对眼镜配制在用计量器具的监督检查', '全市范围内存续的眼镜配制企业')).toBe('眼镜制配场所');
    expect(best('对特种设备使用的监督检查', '特种设备使用单位')).toBe('特种设备使用单位');
    // Nothing fits: no library for 工业产品 or 有机产品认证, and 全市存续企业 would reach everyone.
    expect(best('对工业产品生产许可证获证企业的双随机抽查', '全市范围内存续的工业产品企业')).toBeNull();
    expect(suggestSubLibraries({ name: '有机产品认证抽查', population: '全市范围内存续的有机产品认证企业' }, libraries)).toEqual([]);
    expect(best('对计量使用单位情况的监督检查', '全市宣传出版、文化教育、交易市场等领域')).toBeNull();
  });

  it('gives its reasons in Chinese and ranks an exact name first', () => {
    const [first] = suggestSubLibraries({ name: '对特种设备使用的监督检查', population: '特种设备使用单位' }, libraries);
    expect(first).toMatchObject({ name: '特种设备使用单位', strength: 'exact' });
    expect(first!.reasons).toEqual([
      '分库名称与抽查对象范围一致',
      '分库规则限定“特种设备使用单位”标签，与抽查对象范围（特种设备使用单位）相符',
    ]);
  });

  it('prefers the closer unit’s library on a tie, and refuses to choose between equal ones', () => {
    const city = lib(
      '全市加油站',
      { tags: { anyOf: ['加油站'] } },
      { id: 'city-1', unitCode: '140500', unitName: '晋城市市场监督管理局', unitDepth: 2 },
    );
    const county = lib('全市加油站', { tags: { anyOf: ['加油站'] } }, { id: 'county-1', unitDepth: 3 });
    const ranked = suggestSubLibraries({ name: '对加油站的计量监督抽查', population: '全市加油站' }, [city, county]);
    expect(ranked.map((s) => s.id)).toEqual(['county-1', 'city-1']);
    expect(clearSuggestion(ranked)).toBeNull();
  });
});

describe('contradictions between a library and the scope', () => {
  const rule = (input: SubLibraryRuleInput) => normalizeRule(input);
  it('an 企业 task over a library of 个体工商户, and the reverse', () => {
    expect(
      scopeContradictions({ name: '对企业的抽查', population: '全市范围内存续的企业' }, rule({ subjectTypes: ['individual'] })),
    ).toEqual(['分库只含个体工商户，而抽查对象范围是企业']);
    expect(scopeContradictions({ name: '对个体户的抽查', population: '全市范围内个体户' }, rule({ subjectTypes: ['enterprise'] }))).toEqual(
      ['分库只含企业，而抽查对象范围是个体工商户'],
    );
    expect(
      scopeContradictions({ name: '对企业的抽查', population: '全市企业' }, rule({ subjectTypes: ['enterprise', 'individual'] })),
    ).toEqual(['分库还含个体工商户，而抽查对象范围只写了企业']);
  });

  it('a 特种设备 task over a library with no such restriction, one that excludes it, one narrower than the scope', () => {
    const task = { name: '对特种设备使用的监督检查', population: '特种设备使用单位' };
    expect(scopeContradictions(task, rule({ subjectTypes: ['enterprise'] }))).toEqual([
      '抽查对象范围是特种设备使用单位，但分库规则没有“特种设备使用单位”标签条件，会抽到范围以外的主体',
    ]);
    expect(scopeContradictions(task, rule({ tags: { noneOf: ['特种设备使用单位'] } }))).toEqual([
      '分库规则排除了“特种设备使用单位”标签，而抽查对象范围正是特种设备使用单位',
    ]);
    expect(
      scopeContradictions({ name: '对企业的抽查', population: '全市范围内存续的企业' }, rule({ tags: { anyOf: ['加油站'] } })),
    ).toEqual(['分库只含具有“加油站”标签的主体（加油站），而抽查对象范围和任务名称都未限于此']);
    expect(scopeContradictions(task, rule({ tags: { anyOf: ['特种设备使用单位'] }, regStatuses: ['存续'] }))).toEqual([]);
  });

  it('reads the terms and 主体类别 a scope names', () => {
    expect(termsOf('年报全0申报、关联企业、一址多照等风险预警企业')).toEqual(['zeroReport', 'sharedAddress', 'related']);
    expect(subjectsOf('全市范围内个体户 合作社')).toEqual(['individual', 'cooperative']);
    expect(subjectsOf('特种设备使用单位')).toEqual([]);
  });
});

// ---- properties
const tagArb = fc.constantFrom(...SCOPE_TERMS.flatMap((t) => t.tags), '其他标签');
const ruleArb = fc
  .record({
    anyOf: fc.array(tagArb, { maxLength: 2 }),
    allOf: fc.array(tagArb, { maxLength: 1 }),
    noneOf: fc.array(tagArb, { maxLength: 1 }),
    subjectTypes: fc.subarray(['enterprise', 'individual', 'cooperative', 'other'] as const),
  })
  .map(({ anyOf, allOf, noneOf, subjectTypes }) => normalizeRule({ tags: { anyOf, allOf, noneOf }, subjectTypes }));
const wordArb = fc.constantFrom(
  ...SCOPE_TERMS.flatMap((t) => t.words),
  '企业',
  '个体户',
  '个体工商户',
  '合作社',
  '全市',
  '范围内',
  '存续的',
  '单位',
  '、',
);
const textArb = fc.array(wordArb, { maxLength: 4 }).map((w) => w.join(''));
const libsArb = fc
  .array(fc.record({ name: textArb, rule: ruleArb, unitDepth: fc.integer({ min: 1, max: 4 }) }), { maxLength: 8 })
  .map((rows) =>
    rows.map((r, i) => ({
      id: `lib-${i}`,
      name: r.name,
      unitCode: `u${r.unitDepth}`,
      unitName: `单位${r.unitDepth}`,
      unitDepth: r.unitDepth,
      rule: r.rule,
    })),
  );

describe('suggestion properties', () => {
  it('never suggests a library whose rule contradicts the scope, best first, at most the limit', () => {
    fc.assert(
      fc.property(textArb, textArb, libsArb, fc.integer({ min: 1, max: 5 }), (name, population, libs, limit) => {
        const suggestions = suggestSubLibraries({ name, population }, libs, limit);
        expect(suggestions.length).toBeLessThanOrEqual(limit);
        const byId = new Map(libs.map((l) => [l.id, l]));
        for (const s of suggestions) {
          expect(scopeContradictions({ name, population }, byId.get(s.id)!.rule)).toEqual([]);
          expect(s.reasons.length).toBeGreaterThan(0);
        }
        for (let i = 1; i < suggestions.length; i++) expect(suggestions[i - 1]!.score).toBeGreaterThanOrEqual(suggestions[i]!.score);
      }),
    );
  });

  it('does not depend on the order the libraries are listed in', () => {
    fc.assert(
      fc.property(textArb, textArb, libsArb, (name, population, libs) => {
        const forward = suggestSubLibraries({ name, population }, libs, 8);
        const backward = suggestSubLibraries({ name, population }, [...libs].reverse(), 8);
        expect(backward).toEqual(forward);
      }),
    );
  });

  it('a library named as the scope, restricted to what it names, is suggested exactly', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SCOPE_TERMS), fc.constantFrom('全市', '全市范围内', ''), (term, prefix) => {
        const library = lib(term.label, { tags: { anyOf: [...term.tags] } });
        const population = `${prefix}${term.label}`;
        const [first] = suggestSubLibraries({ name: `对${term.label}的双随机抽查`, population }, [library]);
        expect(first).toMatchObject({ id: library.id, strength: 'exact' });
        // Without the tag condition the same library contradicts the scope and is not suggested.
        const loose = lib(term.label, {});
        expect(scopeContradictions({ name: '', population }, loose.rule)).toHaveLength(1);
        expect(suggestSubLibraries({ name: '', population }, [loose])).toEqual([]);
      }),
    );
  });

  it('企业 against 个体工商户 contradicts both ways', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(['企业', 'individual'] as const, ['个体户', 'enterprise'] as const, ['个体工商户', 'cooperative'] as const),
        ([word, other]) => {
          const clauses = scopeContradictions({ name: '', population: `全市范围内${word}` }, normalizeRule({ subjectTypes: [other] }));
          expect(clauses).toHaveLength(1);
          expect(clauses[0]).toMatch(/^分库只含/);
        },
      ),
    );
  });
});
