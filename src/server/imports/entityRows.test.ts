// Row rules of the 检查对象名录库 import: codes, enums, dates, units, tags.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeUscc } from '../../core/uscc/index.ts';
import { matchHeader } from '../files/spreadsheet.ts';
import {
  ENTITY_COLUMNS,
  parseDate,
  parseEntityRow,
  parseRiskClass,
  parseRiskClassRow,
  splitTags,
  type EntityRowContext,
} from './entityRows.ts';

const mishan = { code: '140581-mishan', regionCode: '140581' };
const context: EntityRowContext = {
  defaultUnit: { code: '140581', regionCode: '140581' },
  unitsInScope: new Map([
    ['140581-mishan', mishan],
    ['米山所', mishan],
    ['140581', { code: '140581', regionCode: '140581' }],
  ]),
  allUnits: new Map([
    ['140581-mishan', mishan],
    ['140525-nancun', { code: '140525-nancun', regionCode: '140525' }],
  ]),
  divisions: new Map([
    ['140581', '140581'],
    ['高平市', '140581'],
  ]),
  industries: new Set(['5212', '52']),
};
const header = [
  '统一社会信用代码',
  '企业名称',
  '主体类别',
  '登记状态',
  '成立日期',
  '管辖单位',
  '所属区划',
  '行业代码',
  '许可资质',
  '标签',
  '风险分类',
  '风险分类日期',
];
const { index } = matchHeader(header, ENTITY_COLUMNS);
const good = makeUscc({ authority: '9', type: '1', division: '140581', orgCode8: 'MA0T1234' });
const row = (over: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    统一社会信用代码: good,
    企业名称: '某公司',
    主体类别: '',
    登记状态: '',
    成立日期: '',
    管辖单位: '',
    所属区划: '',
    行业代码: '',
    许可资质: '',
    标签: '',
    风险分类: '',
    风险分类日期: '',
    ...over,
  };
  return header.map((h) => values[h]!);
};

describe('parseEntityRow', () => {
  it('accepts a full row, mapping names, aliases and formats', () => {
    const { record, issues } = parseEntityRow(
      2,
      row({
        主体类别: '企业',
        登记状态: '存续（在营、开业、在册）',
        成立日期: '2020年3月5日',
        管辖单位: '米山所',
        所属区划: '高平市',
        行业代码: 'F5212',
        许可资质: '食品经营许可',
        标签: '年报全0申报、一址多照',
        风险分类: 'B类',
        风险分类日期: '2026/10/1',
      }),
      index,
      context,
    );
    expect(issues).toEqual([]);
    expect(record).toMatchObject({
      uscc: good,
      subjectType: 'enterprise',
      regStatus: '存续',
      establishedOn: '2020-03-05',
      unitCode: '140581-mishan',
      regionCode: '140581',
      industryCode: '5212',
      tags: ['食品经营许可', '年报全0申报', '一址多照'],
      riskClass: 'B',
      riskClassSince: '2026-10-01',
    });
  });

  it('defaults the unit to the importer and the type to the one the code implies', () => {
    const individual = makeUscc({ authority: '9', type: '2', division: '140581', orgCode8: 'MA0T1234' });
    const { record } = parseEntityRow(2, row({ 统一社会信用代码: individual }), index, context);
    expect(record).toMatchObject({ unitCode: '140581', subjectType: 'individual', regStatus: '存续' });
  });

  it('imports a code with a wrong check character with a warning, and refuses a malformed one', () => {
    const legacy = good.slice(0, 17) + (good[17] === 'A' ? 'B' : 'A');
    const warned = parseEntityRow(2, row({ 统一社会信用代码: legacy }), index, context);
    expect(warned.record?.uscc).toBe(legacy);
    expect(warned.issues).toMatchObject([{ level: 'warning', column: '统一社会信用代码' }]);
    const malformed = parseEntityRow(3, row({ 统一社会信用代码: '12345' }), index, context);
    expect(malformed.record).toBeNull();
    expect(malformed.issues).toMatchObject([{ rowNumber: 3, level: 'error', column: '统一社会信用代码', value: '12345' }]);
  });

  it('normalises a code typed in lower case or full width, and says so', () => {
    const { record, issues } = parseEntityRow(2, row({ 统一社会信用代码: good.toLowerCase() }), index, context);
    expect(record?.uscc).toBe(good);
    expect(issues[0]!.reason).toMatch(/已规范化/);
  });

  it('names the column and the fix for unknown enums, dates, units outside scope', () => {
    const { record, issues } = parseEntityRow(
      5,
      row({ 主体类别: '公司吧', 登记状态: '倒闭', 成立日期: '2021-02-29', 管辖单位: '140525-nancun', 风险分类: 'E', 行业代码: 'X1' }),
      index,
      context,
    );
    expect(record).toBeNull();
    expect(issues.map((i) => i.column)).toEqual(['主体类别', '登记状态', '成立日期', '管辖单位', '行业代码', '风险分类']);
    expect(issues.find((i) => i.column === '管辖单位')!.reason).toMatch(/不在您单位的管辖范围/);
    const unknownUnit = parseEntityRow(5, row({ 管辖单位: '火星所' }), index, context);
    expect(unknownUnit.issues[0]!.reason).toMatch(/不存在/);
  });

  it('reads 企业类型 as a code, a name that names one code, or 名称（代码）; the name column of an export is not imported', () => {
    const withType = ['统一社会信用代码', '名称', '企业类型', '企业类型名称'];
    const match = matchHeader(withType, ENTITY_COLUMNS);
    expect(match.unknown).toEqual([]);
    const typeOf = (cell: string, name = '') => parseEntityRow(2, [good, '某', cell, name], match.index, context).record?.enterpriseType;
    expect(typeOf('1130', '有限责任公司(自然人投资或控股)')).toBe('1130');
    expect(typeOf('有限责任公司（自然人投资或控股）')).toBe('1130');
    expect(typeOf('有限责任公司(自然人投资或控股)（1130）')).toBe('1130');
    expect(typeOf('1130', '一人有限责任公司')).toBe('1130');
    expect(typeOf('其他')).toBe('其他');
    expect(typeOf('')).toBeNull();
  });

  it('leaves tags and risk class null when their columns are absent (stored values are kept)', () => {
    const slim = ['统一社会信用代码', '名称'];
    const { record } = parseEntityRow(2, [good, '某'], matchHeader(slim, ENTITY_COLUMNS).index, context);
    expect(record).toMatchObject({ tags: null, riskClass: null, establishedOn: null });
  });
});

describe('cell parsers', () => {
  it('parses every real date in the common layouts to the same ISO date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-').map(Number);
        expect(parseDate(iso)).toBe(iso);
        expect(parseDate(`${y}/${m}/${day}`)).toBe(iso);
        expect(parseDate(`${y}年${m}月${day}日`)).toBe(iso);
        expect(parseDate(iso.replace(/-/g, ''))).toBe(iso);
      }),
    );
    expect(parseDate('2023-02-29')).toBeNull();
    expect(parseDate('2023-13-01')).toBeNull();
    expect(parseDate('昨天')).toBeNull();
  });

  it('reads risk classes as letters or labels', () => {
    expect(['A', 'b类', 'C级', '高风险', '一般风险'].map(parseRiskClass)).toEqual(['A', 'B', 'C', 'D', 'B']);
    expect(parseRiskClass('E')).toBeNull();
  });

  it('splits tags on the separators people use and drops duplicates', () => {
    expect(splitTags('加油站、危险化学品经营许可;加油站 ，一址多照|关联企业')).toEqual([
      '加油站',
      '危险化学品经营许可',
      '一址多照',
      '关联企业',
    ]);
    expect(splitTags('')).toEqual([]);
  });

  it('a risk push row needs a code and a class; the date defaults to today', () => {
    const idx = { uscc: 0, riskClass: 1, riskClassSince: 2, name: undefined };
    expect(parseRiskClassRow(2, [good, 'D', ''], idx, '2026-11-23').record).toEqual({
      uscc: good,
      riskClass: 'D',
      riskClassSince: '2026-11-23',
    });
    expect(parseRiskClassRow(3, [good, '', ''], idx, '2026-11-23').issues[0]).toMatchObject({
      rowNumber: 3,
      column: '风险分类',
      level: 'error',
    });
  });
});
