import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { matchHeader } from '../files/spreadsheet.ts';
import { derivedItemCode, diffVersions, ITEM_COLUMNS, parseItemRow, parseMethods, parseSubjectLevel, type CheckItemFields } from './itemRows.ts';

// The header of a published list (重庆 第二版 layout) plus the platform's extra columns.
const officialHeader = ['序号', '抽查类别', '抽查事项', '检查对象', '事项类别', '检查方式', '检查主体', '检查依据', '抽查指引'];
const { index, missing, unknown } = matchHeader(officialHeader, ITEM_COLUMNS);

const row = (overrides: Partial<Record<string, string>> = {}) => {
  const values: Record<string, string> = {
    序号: '1',
    抽查类别: '登记事项检查',
    抽查事项: '营业执照（登记证）规范使用情况的检查',
    检查对象: '企业、个体工商户、农民专业合作社',
    事项类别: '一般检查事项',
    检查方式: '现场检查、网络检查',
    检查主体: '县级以上市场监管部门',
    检查依据: '《市场主体登记管理条例》第三十六条',
    抽查指引: '核查营业执照是否置于住所醒目位置。',
    ...overrides,
  };
  return officialHeader.map((h) => values[h] ?? '');
};

describe('事项清单 column layout', () => {
  it('reads the layout of an official list without missing columns', () => {
    expect(missing).toEqual([]);
    expect(unknown).toEqual([]);
    expect(index.itemCode).toBeUndefined();
  });

  it('names the missing required columns of a wrong file', () => {
    const m = matchHeader(['序号', '名称', '地址'], ITEM_COLUMNS);
    expect(m.missing).toEqual(expect.arrayContaining(['抽查类别', '抽查事项', '检查依据', '检查对象', '检查方式', '检查主体']));
    expect(m.unknown).toEqual(['名称', '地址']);
  });

  it('maps the wording of published lists to the four 检查方式 and the lowest 检查主体 level', () => {
    expect(parseMethods('现场检查、网络检查')).toEqual({ methods: ['实地核查', '网络监测'], unknown: [] });
    expect(parseMethods('书面检查；抽样检验，实地核查')).toEqual({ methods: ['实地核查', '书面检查', '委托专业机构'], unknown: [] });
    expect(parseMethods('电话询问、现场检查').unknown).toEqual(['电话询问']);
    expect(parseSubjectLevel('县级以上市场监管部门')).toBe('县级');
    expect(parseSubjectLevel('设区的市级以上市场监管部门')).toBe('市级');
    expect(parseSubjectLevel('省市场监管局')).toBe('省级');
    expect(parseSubjectLevel('市场监管部门')).toBeNull();
  });

  it('parses a valid row, deriving a stable item code when the list has none', () => {
    const parsed = parseItemRow(2, row(), index);
    expect(parsed.errors).toEqual([]);
    expect(parsed.item).toMatchObject({
      seq: 1,
      category: '登记事项检查',
      methods: ['实地核查', '网络监测'],
      subjectLevel: '县级',
      isKey: false,
      itemCode: derivedItemCode('登记事项检查', '营业执照（登记证）规范使用情况的检查'),
    });
    expect(parseItemRow(9, row(), index).item!.itemCode).toBe(parsed.item!.itemCode);
  });

  it('reports every bad cell of a row with its row number, column and value', () => {
    const parsed = parseItemRow(7, row({ 检查方式: '电话询问', 检查主体: '', 事项类别: '特别', 检查依据: '' }), index);
    expect(parsed.item).toBeNull();
    const byColumn = Object.fromEntries(parsed.errors.map((e) => [e.column, e]));
    expect(Object.keys(byColumn).sort()).toEqual(['事项类别', '检查主体', '检查依据', '检查方式'].sort());
    expect(byColumn['检查方式']).toMatchObject({ rowNumber: 7, value: '电话询问' });
    expect(byColumn['检查方式']!.message).toMatch(/实地核查、书面检查、网络监测、委托专业机构/);
    expect(byColumn['事项类别']!.message).toMatch(/重点检查事项/);
  });
});

const item = (code: string, overrides: Partial<CheckItemFields> = {}): CheckItemFields => ({
  itemCode: code,
  seq: 1,
  category: '登记事项检查',
  name: `事项${code}`,
  content: '',
  legalBasis: '《市场主体登记管理条例》',
  target: '企业',
  methods: ['实地核查'],
  subjectLevel: '县级',
  isKey: false,
  staffRequirements: [],
  guide: '',
  ...overrides,
});

describe('diffVersions', () => {
  it('lists added, removed and changed items with the changed fields in Chinese', () => {
    const before = [item('A'), item('B'), item('C', { methods: ['实地核查'] })];
    const after = [item('A', { seq: 5 }), item('C', { methods: ['实地核查', '网络监测'], isKey: true }), item('D')];
    const diff = diffVersions(before, after);
    expect(diff.added.map((i) => i.itemCode)).toEqual(['D']);
    expect(diff.removed.map((i) => i.itemCode)).toEqual(['B']);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]!.changes).toEqual([
      { field: 'methods', label: '检查方式', before: '实地核查', after: '实地核查、网络监测' },
      { field: 'isKey', label: '事项类别', before: '一般检查事项', after: '重点检查事项' },
    ]);
    expect(diff.unchanged).toBe(1); // A: only 序号 moved
  });

  it('accounts for every item exactly once (property)', () => {
    const codes = fc.uniqueArray(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F', 'G'), { maxLength: 7 });
    fc.assert(
      fc.property(codes, codes, fc.boolean(), (a, b, changeName) => {
        const before = a.map((c) => item(c));
        const after = b.map((c) => item(c, changeName ? { name: `新${c}` } : {}));
        const diff = diffVersions(before, after);
        const common = a.filter((c) => b.includes(c)).length;
        expect(diff.added.length + diff.changed.length + diff.unchanged).toBe(b.length);
        expect(diff.removed.length + diff.changed.length + diff.unchanged).toBe(a.length);
        expect(changeName ? diff.changed.length : diff.unchanged).toBe(common);
        expect(diffVersions(after, after)).toMatchObject({ added: [], removed: [], changed: [], unchanged: b.length });
      }),
    );
  });
});
