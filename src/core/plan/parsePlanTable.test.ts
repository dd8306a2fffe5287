import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type PlanTable, parsePlanTable } from './parsePlanTable.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}.tsv`, import.meta.url), 'utf8');
const seed000 = parsePlanTable(fixture('seed000'), { year: 2023 });
const seed002 = parsePlanTable(fixture('seed002'), { year: 2025 });
const seed004 = parsePlanTable(fixture('seed004'), { year: 2024 });

const task = (table: PlanTable, seq: number) => {
  const found = table.tasks.find((t) => t.seq === seq);
  if (!found) throw new Error(`no task ${seq}`);
  return found;
};

/** Every line is a task line or a skipped line with a reason, never both, never neither. */
function expectEveryLineAccounted(table: PlanTable, text: string) {
  const lineCount = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const taskLines = table.tasks.flatMap((t) => t.lines);
  const skippedLines = table.skipped.map((s) => s.line);
  expect([...taskLines, ...skippedLines].sort((a, b) => a - b)).toEqual(Array.from({ length: lineCount }, (_, i) => i + 1));
}

/** Every column of every row lands in a field's raw text or in extraCells. */
function expectEveryColumnAccounted(table: PlanTable) {
  for (const t of table.tasks) {
    const fields = table.columns.filter((c) => c.field !== null).map((c) => c.field);
    expect(Object.keys(t.raw).sort()).toEqual([...fields].sort());
    expect(t.extraCells).toEqual([]);
  }
}

describe('seed 000 (晋城市 2023, city plan)', () => {
  it('has the 16 task rows the seed file contains (4–8 and 14–24; 9–13 are not in the file)', () => {
    expect(seed000.tasks.map((t) => t.seq)).toEqual([4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(seed000.skipped.filter((s) => s.kind === 'repeatedHeader')).toHaveLength(3);
    expectEveryLineAccounted(seed000, fixture('seed000'));
    expectEveryColumnAccounted(seed000);
  });
  it('parses ratios, minimums, counts and manual counts', () => {
    expect(task(seed000, 4).quota).toEqual({ kind: 'ratio', basisPoints: 2000, minimum: false });
    expect(task(seed000, 19).quota).toEqual({ kind: 'ratio', basisPoints: 300, minimum: true });
    expect(task(seed000, 23).quota).toEqual({ kind: 'count', count: 20, minimum: false });
    expect(task(seed000, 20).quota).toEqual({ kind: 'manual', note: '根据预警设定监测情况比例' });
    expect(task(seed000, 4).frequency).toBeNull();
    expect(task(seed000, 4).batchesPerYear).toBe(1);
  });
  it('parses periods, modes, initiators and items', () => {
    expect(task(seed000, 6).period).toEqual({ start: '2023-03-01', end: '2023-11-30' });
    expect(task(seed000, 23).period).toEqual({ start: '2023-02-01', end: '2023-12-31' });
    expect(task(seed000, 6).mode?.modes).toEqual([{ code: '市抽县查', drawLevel: 'city', inspectLevel: 'county' }]);
    expect(task(seed000, 4).mode?.modes.map((m) => m.code)).toEqual(['市抽市查', '县抽县查']);
    expect(task(seed000, 15).mode?.initiatorText).toMatch(/^市市场监管局发起并实施检查/);
    expect(task(seed000, 6).initiator).toEqual({ initiator: '市局组织发起', guide: '食品生产科指导' });
    expect(task(seed000, 6).items?.heading).toBe('食品生产监督检查');
    expect(task(seed000, 6).items?.items).toHaveLength(10);
    expect(task(seed000, 5).items?.items).toHaveLength(7);
    expect(task(seed000, 19).items?.items).toEqual([
      '登记事项检查',
      '公示信息检查',
      '商标使用行为的检查',
      '专利真实性监督检查',
      '为非法交易服务的检查',
    ]);
    expect(task(seed000, 18).riskPolicy).toMatchObject({ kind: 'escalating', classes: ['A', 'B', 'D'] });
    expect(task(seed000, 15).riskPolicy).toEqual({ kind: 'notStated' });
  });
  it('reports exactly the cells the seed leaves empty or cut off', () => {
    expect(seed000.problems.map((p) => `${p.seq} ${p.column} ${p.severity}`)).toEqual([
      '5 抽查起止时间 error',
      '8 抽查起止时间 error',
      '8 发起主体/指导单位 error',
      '8 检查主体检查方式 error',
      '21 抽查事项 error',
      '21 检查主体检查方式 error',
      '22 抽查事项 error',
      '22 检查主体检查方式 error',
      '23 抽查对象范围 warning',
    ]);
    for (const problem of seed000.problems) expect(problem.message).toMatch(/请/);
  });
});

describe('seed 002 (高平市 2025, county plan)', () => {
  it('has 16 tasks across three printed pages', () => {
    expect(seed002.tasks.map((t) => t.seq)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(seed002.skipped.filter((s) => s.kind === 'text').map((s) => s.text)).toEqual([
      '高平市市场监督管理局2025年度双随机抽查工作计划',
      '高平市市场监督管理局2025年度双随机抽查工作计划',
    ]);
    expectEveryLineAccounted(seed002, fixture('seed002'));
    expectEveryColumnAccounted(seed002);
  });
  it('parses type, ratio with frequency, period, mode and items', () => {
    const first = task(seed002, 1);
    expect(first.taskType).toBe('undirected');
    expect(first.quota).toEqual({ kind: 'ratio', basisPoints: 300, minimum: false });
    expect(first.frequency).toEqual({ times: 1, per: 'year', batchesPerYear: 1 });
    expect(first.period).toEqual({ start: '2025-07-01', end: '2025-11-30' });
    expect(first.mode).toEqual({
      modes: [{ code: '县抽县查', drawLevel: 'county', inspectLevel: 'county' }],
      initiatorText: '高平市市场监管局发起并实施检查',
    });
    expect(first.items?.items).toEqual(['登记事项检查', '公示信息检查', '商标使用行为的检查']);
    expect(task(seed002, 2).quota).toEqual({ kind: 'ratio', basisPoints: 10, minimum: false });
    expect(task(seed002, 2).items?.items).toEqual(['登记事项检查', '公示信息检查']);
    expect(task(seed002, 4).taskType).toBe('directed');
    expect(task(seed002, 5).period?.start).toBe('2025-04-01');
    expect(task(seed002, 5).items?.items[1]).toBe('依据法律、行政法规规定有关证明文件，核对广告内容情况检查');
    expect(task(seed002, 14).items?.items).toEqual(['质量管理体系认证活动', '有机产品认证活动']);
  });
  it('warns about the cut-off item list of task 6 and the vague risk policy of task 13', () => {
    expect(seed002.problems.map((p) => `${p.seq} ${p.field} ${p.severity}`)).toEqual(['6 items warning', '13 riskPolicy warning']);
    expect(task(seed002, 6).items?.items).toHaveLength(4);
    expect(task(seed002, 13).riskPolicy?.kind).toBe('described');
  });
});

describe('seed 004 (原平市 2024, joint plan)', () => {
  it('has 42 tasks and no problems', () => {
    expect(seed004.tasks.map((t) => t.seq)).toEqual(Array.from({ length: 42 }, (_, i) => i + 1));
    expect(seed004.problems).toEqual([]);
    expectEveryLineAccounted(seed004, fixture('seed004'));
    expectEveryColumnAccounted(seed004);
  });
  it('parses joint-plan columns', () => {
    const first = task(seed004, 1);
    expect(first.region).toBe('原平市');
    expect(first.taskType).toBeNull();
    expect(first.initiatingDepartment).toBe('原平市统计局');
    expect(first.cooperatingDepartments).toEqual(['原平市市场监督管理局']);
    expect(task(seed004, 11).cooperatingDepartments).toEqual(['忻州市生态环境局原平分局']);
    expect(first.mode?.modes[0]?.code).toBe('县抽县查');
    expect(first.mode?.initiatorText).toBeNull();
  });
  it('parses minimums, quarterly frequencies and periods', () => {
    expect(task(seed004, 2).quota).toEqual({ kind: 'ratio', basisPoints: 500, minimum: true });
    expect(task(seed004, 17).quota).toEqual({ kind: 'ratio', basisPoints: 2000, minimum: true });
    expect(task(seed004, 18).frequency?.batchesPerYear).toBe(1);
    expect(task(seed004, 21).quota).toEqual({ kind: 'ratio', basisPoints: 10000, minimum: false });
    expect(task(seed004, 35).quota).toEqual({ kind: 'ratio', basisPoints: 3500, minimum: false });
    expect(task(seed004, 35).batchesPerYear).toBe(4);
    expect(seed004.tasks.filter((t) => t.batchesPerYear === 4).map((t) => t.seq)).toEqual([35, 36, 37]);
    expect(task(seed004, 1).period).toEqual({ start: '2024-01-01', end: '2024-11-30' });
    expect(task(seed004, 20).items?.items).toEqual(['排污许可证执行情况', '污染物排放情况']);
  });
});

describe('tables that are not the seeds', () => {
  const header = '序号\t抽查任务名称\t抽查类型\t抽查事项\t抽查对象范围\t抽查比例/数量\t抽查起止时间\t抽查检查模式';
  it('joins a cell wrapped onto the next line', () => {
    const text = `${header}\n1\t对加油站的检查\t定向\t1.在用计量器具检查；\n2.登记事项检查\t全市加油站\t5%\t3月—11月\t【县抽县查】`;
    const table = parsePlanTable(text, { year: 2025 });
    expect(table.tasks).toHaveLength(1);
    expect(table.tasks[0]?.lines).toEqual([2, 3]);
    expect(table.tasks[0]?.items?.items).toEqual(['在用计量器具检查', '登记事项检查']);
    expect(table.problems).toEqual([]);
  });
  it('keeps unknown columns and reports them; keeps 备注 without a report', () => {
    const table = parsePlanTable(`${header}\t联系人\t备注\n1\t任务\t定向\t登记事项检查\t企业\t5%\t3月—11月\t县抽县查\t张三\t试点`, {
      year: 2025,
    });
    expect(table.tasks[0]?.extraCells).toEqual([
      { header: '联系人', raw: '张三' },
      { header: '备注', raw: '试点' },
    ]);
    expect(table.problems.map((p) => p.column)).toEqual(['联系人']);
    expect(table.problems[0]?.message).toContain('列对应');
    expect(table.columns.map((c) => [c.header, c.field, c.ignored, c.source]).slice(-2)).toEqual([
      ['联系人', null, false, 'unknown'],
      ['备注', null, true, 'header'],
    ]);
  });
  it('reports a missing header', () => {
    const table = parsePlanTable('1\t任务\t定向', { year: 2025 });
    expect(table.tasks).toEqual([]);
    expect(table.skipped.map((s) => s.kind)).toEqual(['beforeHeader']);
    expect(table.problems[0]?.message).toMatch(/表头/);
  });
  it('reports duplicate 序号 and bad cells with row, column and raw text', () => {
    const table = parsePlanTable(
      `${header}\n1\t甲\t定向\t登记事项检查\t企业\t5%\t3月—11月\t县抽县查\n1\t乙\t随机\t登记事项检查\t企业\t五成\t11月—3月\t县抽县查`,
      { year: 2025 },
    );
    expect(table.problems.map((p) => [p.row, p.column, p.raw, p.severity])).toEqual([
      [2, '抽查类型', '随机', 'error'],
      [2, '抽查比例/数量', '五成', 'error'],
      [2, '抽查起止时间', '11月—3月', 'error'],
      [2, '序号', '1', 'warning'],
    ]);
  });
});

describe('other bureaus’ tables: renamed and reordered columns, prose ratios', () => {
  const zezhou = parsePlanTable(fixture('zezhou-joint'), { year: 2026 });
  const lingchuan = parsePlanTable(fixture('lingchuan'), { year: 2026 });

  it('reads 编号, 抽查任务, 检查对象, 检查内容, 抽查比例（数量）, 检查方式, 牵头部门, 参与部门 and ignores 备注', () => {
    const fields = ['seq', 'name', 'population', 'items', 'quota', 'mode', 'period', 'initiatingDepartment', 'cooperatingDepartments'];
    expect(zezhou.columns.map((c) => c.field ?? (c.ignored ? '忽略' : null))).toEqual([...fields, '忽略']);
    expect(zezhou.problems).toEqual([]);
    expect(zezhou.missing).toEqual({ required: [], expected: [] });
    expect(zezhou.skipped.map((s) => s.kind)).toEqual(['beforeHeader', 'header']);
    expectEveryLineAccounted(zezhou, fixture('zezhou-joint'));
  });
  it('reads the ratio inside each sentence, with its minimum and the count beside it as a note', () => {
    expect(zezhou.tasks.map((t) => t.quota)).toEqual([
      { kind: 'ratio', basisPoints: 2000, minimum: true },
      { kind: 'ratio', basisPoints: 500, minimum: true, note: '约20户' },
      { kind: 'ratio', basisPoints: 1000, minimum: false, note: '20户' },
      { kind: 'count', count: 5, minimum: true },
    ]);
    expect(task(zezhou, 2).cooperatingDepartments).toEqual(['泽州县市场监督管理局', '泽州县应急管理局']);
    expect(task(zezhou, 3).extraCells).toEqual([{ header: '备注', raw: '暑期集中开展' }]);
  });
  it('reads 完成时限 as its own day, beside the period (“11月底前” is no period)', () => {
    const table = parsePlanTable(
      ['序号\t任务名称\t检查对象\t抽查比例\t起止时间\t完成时限', '1\t对加油站的抽查\t加油站\t5%\t3月—10月\t11月底前', '2\t对药店的抽查\t药店\t3%\t\t年底前'].join('\n'),
      { year: 2026 },
    );
    expect(table.columns.map((c) => c.field)).toEqual(['seq', 'name', 'population', 'quota', 'period', 'deadline']);
    expect(table.tasks.map((t) => [t.period, t.deadline])).toEqual([
      [{ start: '2026-03-01', end: '2026-10-31' }, '2026-11-30'],
      [null, '2026-12-31'],
    ]);
    expect(table.problems.filter((p) => p.field === 'deadline')).toEqual([]);
    expect(task(table, 1).raw.deadline).toBe('11月底前');
  });
  it('reads 抽查计划编号, 任务名称, 抽查内容, 抽查方式, 实施时间, 发起单位, 协同部门 and reports the unknown 责任科室', () => {
    const fields = [
      'seq',
      'name',
      'taskType',
      'population',
      'items',
      'quota',
      'mode',
      'period',
      'initiatingDepartment',
      'cooperatingDepartments',
    ];
    expect(lingchuan.columns.map((c) => c.field)).toEqual([...fields, null]);
    expect(lingchuan.problems.map((p) => [p.column, p.severity])).toEqual([['责任科室', 'warning']]);
    expect(lingchuan.tasks.map((t) => [t.quota, t.batchesPerYear])).toEqual([
      [{ kind: 'ratio', basisPoints: 300, minimum: false }, 1],
      [{ kind: 'count', count: 20, minimum: true }, 1],
      [{ kind: 'ratio', basisPoints: 500, minimum: false }, 2],
    ]);
    expect(task(lingchuan, 3).period).toEqual({ start: '2026-03-01', end: '2026-12-31' });
  });
  it('a mapping names an unknown column, or ignores it; a remembered one is used unless another is chosen', () => {
    const ignored = parsePlanTable(fixture('lingchuan'), { year: 2026, columns: { chosen: { 责任科室: 'ignore' } } });
    expect(ignored.problems).toEqual([]);
    expect(ignored.columns.at(-1)).toMatchObject({ header: '责任科室', field: null, ignored: true, source: 'chosen' });
    const remembered = parsePlanTable(fixture('lingchuan'), {
      year: 2026,
      columns: { remembered: { 责任科室: 'initiator', 实施时间: 'ignore' } },
    });
    expect(remembered.columns.map((c) => c.source)).toEqual([...Array(7).fill('header'), 'remembered', 'header', 'header', 'remembered']);
    expect(remembered.missing.expected).toEqual(['period']);
    expect(remembered.problems.map((p) => [p.field, p.severity])).toContainEqual(['period', 'warning']);
    const chosen = parsePlanTable(fixture('lingchuan'), {
      year: 2026,
      columns: { remembered: { 实施时间: 'ignore' }, chosen: { 实施时间: 'period' } },
    });
    expect(chosen.tasks[0]?.period?.start).toBe('2026-07-01');
  });
});

describe('a header without 序号, or without a known task-name column', () => {
  it('accepts a header row of three known columns that include the task name', () => {
    const table = parsePlanTable('任务名称\t检查对象\t抽查比例\n对加油站的抽查\t全县加油站\t5%', { year: 2026 });
    expect(table.tasks.map((t) => [t.seq, t.name, t.population])).toEqual([[null, '对加油站的抽查', '全县加油站']]);
    expect(table.missing).toEqual({ required: [], expected: ['items', 'period'] });
  });
  it('keeps 任务编号 (our export) apart from a bureau’s 编号 (a sequence number)', () => {
    const table = parsePlanTable('任务编号\t编号\t任务名称\t检查对象\n140581-2025-001\t7\t对加油站的抽查\t全县加油站', { year: 2026 });
    expect(table.columns.map((c) => c.field)).toEqual(['taskCode', 'seq', 'name', 'population']);
    expect(table.tasks[0]?.seq).toBe(7);
  });
  it('shows the columns of a header whose task name is not recognised, and refuses it until mapped', () => {
    const text = '序号\t检查项目名目\t检查对象\t抽查比例\n1\t对加油站的抽查\t全县加油站\t5%';
    const table = parsePlanTable(text, { year: 2026 });
    expect(table.columns.map((c) => [c.header, c.field])).toEqual([
      ['序号', 'seq'],
      ['检查项目名目', null],
      ['检查对象', 'population'],
      ['抽查比例', 'quota'],
    ]);
    expect(table.missing.required).toEqual(['name']);
    expect(table.problems.find((p) => p.severity === 'error')?.message).toContain('没有“抽查任务名称”列');
    const mapped = parsePlanTable(text, { year: 2026, columns: { chosen: { 检查项目名目: 'name' } } });
    expect(mapped.missing.required).toEqual([]);
    expect(mapped.tasks[0]?.name).toBe('对加油站的抽查');
  });
});
