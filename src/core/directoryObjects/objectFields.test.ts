import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeUscc } from '../uscc/index.ts';
import { checkObjectFields, objectKindOf, splitObjectTags, type ObjectFieldsInput } from './objectFields.ts';

const uscc = makeUscc({ authority: '9', type: '1', division: '140581', orgCode8: 'MA0K1234' });
const blank: ObjectFieldsInput = { kind: '', code: '', name: '', description: '', uscc: '', regionCode: '', industryCode: '', tags: [] };
const good: ObjectFieldsInput = {
  ...blank,
  kind: '产品',
  code: 'xk16-108-01234',
  name: '  钢丝绳（批次 2026-03） ',
  uscc,
  regionCode: '140581',
  industryCode: ' 3340',
  tags: ['工业产品', '工业产品', ' 生产许可 '],
};

describe('checkObjectFields', () => {
  it('accepts a product with its own code and normalizes the values', () => {
    expect(checkObjectFields(good)).toEqual({
      ok: true,
      value: {
        kind: 'product',
        code: 'XK16-108-01234',
        name: '钢丝绳（批次 2026-03）',
        description: '',
        uscc,
        regionCode: '140581',
        industryCode: '3340',
        tags: ['工业产品', '生产许可'],
      },
    });
  });

  it('leaves the code to the system when none is given', () => {
    const result = checkObjectFields({ ...good, kind: 'project', code: '  ', industryCode: '', uscc: '' });
    expect(result).toMatchObject({ ok: true, value: { kind: 'project', code: null, uscc: null, industryCode: null } });
  });

  it('reports every wrong field at once, with the value and how to fix it', () => {
    const result = checkObjectFields({
      kind: '设备',
      code: '项目#1',
      name: '',
      description: '',
      uscc: '91140581MA0K1234X',
      regionCode: '1405',
      industryCode: '33x',
      tags: ['x'.repeat(31)],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.errors.map((e) => [e.field, e]));
    expect(Object.keys(byField).sort()).toEqual(['code', 'industryCode', 'kind', 'name', 'regionCode', 'tags', 'uscc'].sort());
    expect(byField.kind!.message).toBe('对象类别应为 产品、项目、行为、标准 之一');
    expect(byField.kind!.value).toBe('设备');
    expect(byField.uscc!.message).toMatch(/^关联主体统一社会信用代码有误：统一社会信用代码应为18位，实为17位/);
    expect(byField.regionCode!.message).toMatch(/6 位行政区划代码/);
  });

  it('refuses an invalid USCC check character', () => {
    const wrong = uscc.slice(0, 17) + (uscc[17] === '0' ? '1' : '0');
    const result = checkObjectFields({ ...good, uscc: wrong });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatchObject({ field: 'uscc', value: wrong });
  });

  it('refuses a system code of another kind', () => {
    const result = checkObjectFields({ ...good, kind: '项目', code: 'CP-140581-2026-000001' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.message).toMatch(/前缀 CP 表示产品，与对象类别「项目」不符/);
  });

  it('a valid result always has a kind, a non-empty trimmed name and distinct tags', () => {
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom('product', 'project', 'behavior', '产品', '项目', '行为', '', 'x'),
          code: fc.string({ maxLength: 45 }),
          name: fc.string({ maxLength: 110 }),
          description: fc.string({ maxLength: 20 }),
          uscc: fc.constantFrom('', uscc, 'bad'),
          regionCode: fc.constantFrom('', '140581', '14'),
          industryCode: fc.constantFrom('', 'C', '3821', 'ZZ'),
          tags: fc.array(fc.string({ maxLength: 32 }), { maxLength: 22 }),
        }),
        (input) => {
          const result = checkObjectFields(input);
          if (!result.ok) {
            expect(result.errors.length).toBeGreaterThan(0);
            return;
          }
          expect(objectKindOf(input.kind)).toBe(result.value.kind);
          expect(result.value.name.length).toBeGreaterThan(0);
          expect(result.value.name).toBe(result.value.name.trim());
          expect(new Set(result.value.tags).size).toBe(result.value.tags.length);
          expect(result.value.tags.every((t) => t.length > 0 && t === t.trim())).toBe(true);
        },
      ),
    );
  });
});

describe('objectKindOf and splitObjectTags', () => {
  it('reads codes and Chinese labels', () => {
    expect(objectKindOf('产品')).toBe('product');
    expect(objectKindOf(' behavior ')).toBe('behavior');
    expect(objectKindOf('项目')).toBe('project');
    expect(objectKindOf('主体')).toBeNull();
  });

  it('splits a cell on the usual separators', () => {
    expect(splitObjectTags('网络交易、广告；直播带货, 网络交易')).toEqual(['网络交易', '广告', '直播带货']);
    expect(splitObjectTags('')).toEqual([]);
  });
});
