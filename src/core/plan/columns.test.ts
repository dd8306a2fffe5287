import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { columnTargetOf, fieldOfHeader, headerKey, isHeaderRow, readColumn } from './columns.ts';

describe('plan-table headers as bureaus write them', () => {
  const cases: [string, string | null][] = [
    ['序号', 'seq'],
    ['编号', 'seq'],
    ['抽查计划编号', 'seq'],
    ['任务编号', 'taskCode'],
    ['抽查任务名称', 'name'],
    ['任务名称', 'name'],
    ['抽查任务', 'name'],
    ['抽查计划名称', 'name'],
    ['抽查类型', 'taskType'],
    ['抽查事项', 'items'],
    ['检查事项', 'items'],
    ['抽查内容', 'items'],
    ['检查内容', 'items'],
    ['抽查对象范围', 'population'],
    ['检查对象', 'population'],
    ['抽查对象', 'population'],
    ['抽查比例/数量', 'quota'],
    ['抽查比例（数量）', 'quota'],
    ['抽查比例及频次', 'quota'],
    ['频次', 'frequency'],
    ['智慧监管（信用风险分类）要求', 'riskPolicy'],
    ['抽查起止时间', 'period'],
    ['起止时间', 'period'],
    ['抽查时间', 'period'],
    ['实施时间', 'period'],
    ['完成时限', 'deadline'],
    ['完成期限', 'deadline'],
    ['截止时间', 'deadline'],
    ['检查时限', 'period'],
    ['抽取检查起 至时间', 'period'],
    ['发起主体/指导单位', 'initiator'],
    ['发起部门', 'initiatingDepartment'],
    ['发起单位', 'initiatingDepartment'],
    ['牵头部门', 'initiatingDepartment'],
    ['配合部门', 'cooperatingDepartments'],
    ['配合单位', 'cooperatingDepartments'],
    ['参与部门', 'cooperatingDepartments'],
    ['协同部门', 'cooperatingDepartments'],
    ['抽查检查模式', 'mode'],
    ['检查方式', 'mode'],
    ['检查主体检查方式', 'mode'],
    ['备注', 'ignore'],
    ['联系人', null],
    ['', null],
  ];
  it.each(cases)('%s → %s', (header, target) => {
    expect(fieldOfHeader(header)).toBe(target);
  });
  it('folds full-width brackets, line breaks and spaces inside a header', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...cases.filter(([h]) => h !== '')),
        fc.array(fc.constantFrom(' ', '\n', '\u3000', '\r\n'), { maxLength: 3 }),
        fc.nat(),
        ([header, target], spaces, at) => {
          const i = at % (header.length + 1);
          const written = `${header.slice(0, i)}${spaces.join('')}${header.slice(i)}`;
          expect(fieldOfHeader(written)).toBe(target);
          expect(headerKey(written)).toBe(headerKey(header));
        },
      ),
    );
  });
  it('a header row needs the task name and two more known columns; 序号 is not required', () => {
    expect(isHeaderRow(['任务名称', '检查对象', '抽查比例'])).toBe(true);
    expect(isHeaderRow(['序号', '检查对象', '抽查比例', '起止时间'])).toBe(false);
    expect(isHeaderRow(['任务名称', '备注', '联系人'])).toBe(false);
    expect(isHeaderRow(['检查项目名目', '检查对象', '抽查比例'], { chosen: { 检查项目名目: 'name' } })).toBe(true);
  });
  it('a chosen mapping wins over a remembered one, which wins over the header’s own name', () => {
    expect(readColumn('检查方式', { remembered: { 检查方式: 'ignore' } })).toEqual({ target: 'ignore', source: 'remembered' });
    expect(readColumn('检查方式', { remembered: { 检查方式: 'ignore' }, chosen: { 检查方式: 'mode' } })).toEqual({
      target: 'mode',
      source: 'chosen',
    });
    expect(readColumn('检查方式')).toEqual({ target: 'mode', source: 'header' });
  });
  it('reads a target from a field key, its Chinese label or 忽略', () => {
    expect(columnTargetOf('name')).toBe('name');
    expect(columnTargetOf('抽查任务名称')).toBe('name');
    expect(columnTargetOf('忽略')).toBe('ignore');
    expect(columnTargetOf('任务编号')).toBeNull();
    expect(columnTargetOf('名字')).toBeNull();
  });
});
