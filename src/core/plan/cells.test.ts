import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCooperatingDepartments, parseInitiatingDepartment, parseInitiatorCell } from './departments.ts';
import { parseItemList } from './items.ts';
import { parseModeCell } from './mode.ts';
import { daysInMonth, parseDeadline, parsePeriod } from './period.ts';
import { formatPercent, parseFrequency, parseQuota, parseQuotaCell } from './quota.ts';
import { parseRiskPolicy } from './riskPolicy.ts';
import { parseTaskType } from './taskType.ts';

const value = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('抽查类型', () => {
  it('reads 定向 and 不定向', () => {
    expect(value(parseTaskType('定向'))).toBe('directed');
    expect(value(parseTaskType(' 不定向 '))).toBe('undirected');
    expect(value(parseTaskType('定向抽查'))).toBe('directed');
  });
  it('says how to write anything else', () => {
    const result = parseTaskType('随机');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('“定向”或“不定向”');
  });
});

describe('抽查比例/数量 and 频次', () => {
  it('reads the seeds’ combined cells', () => {
    expect(value(parseQuotaCell('5%以上; 1次/年'))).toEqual({
      quota: { kind: 'ratio', basisPoints: 500, minimum: true },
      frequency: { times: 1, per: 'year', batchesPerYear: 1 },
    });
    expect(value(parseQuotaCell('抽查比例不低于20%; 1次/年')).quota).toEqual({ kind: 'ratio', basisPoints: 2000, minimum: true });
    expect(value(parseQuotaCell('35%; 1次/季度')).frequency).toEqual({ times: 1, per: 'quarter', batchesPerYear: 4 });
    expect(value(parseQuotaCell('10%；1次/年')).quota).toEqual({ kind: 'ratio', basisPoints: 1000, minimum: false });
    expect(value(parseQuotaCell('不低于30%; 抽查1次')).frequency).toEqual({ times: 1, per: 'year', batchesPerYear: 1 });
    expect(value(parseQuotaCell('5%; 1/年')).frequency?.batchesPerYear).toBe(1);
  });
  it('reads ratios, counts and manual counts on their own', () => {
    expect(value(parseQuota('3%'))).toEqual({ kind: 'ratio', basisPoints: 300, minimum: false });
    expect(value(parseQuota('0.1%'))).toEqual({ kind: 'ratio', basisPoints: 10, minimum: false });
    expect(value(parseQuota('不低于3%'))).toEqual({ kind: 'ratio', basisPoints: 300, minimum: true });
    expect(value(parseQuota('２０户'))).toEqual({ kind: 'count', count: 20, minimum: false });
    expect(value(parseQuotaCell('20户')).frequency).toBeNull();
    expect(value(parseQuota('根据预警设定监测情况比例'))).toEqual({ kind: 'manual', note: '根据预警设定监测情况比例' });
  });
  it('rejects what it cannot read, saying how to write it', () => {
    for (const raw of ['', '150%', '3.125%', '若干', '5%; 每周', '5%; 1次/年; 2次/季度']) {
      const result = parseQuotaCell(raw);
      expect(result.ok, raw).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/请/);
    }
  });
  it('turns frequencies into batches per year', () => {
    expect(value(parseFrequency('2次/半年')).batchesPerYear).toBe(4);
    expect(value(parseFrequency('每季度1次')).batchesPerYear).toBe(4);
    expect(value(parseFrequency('1次/月')).batchesPerYear).toBe(12);
    expect(parseFrequency('0次/年').ok).toBe(false);
  });
  it('round-trips "N%" and "不低于N%" for every ratio in basis points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), fc.boolean(), (bp, minimum) => {
        const raw = `${minimum ? '不低于' : ''}${formatPercent(bp)}%`;
        expect(value(parseQuota(raw))).toEqual({ kind: 'ratio', basisPoints: bp, minimum });
      }),
    );
  });
});

describe('起止时间', () => {
  it('makes inclusive dates in the plan year', () => {
    expect(value(parsePeriod('3月—11月', 2023))).toEqual({ start: '2023-03-01', end: '2023-11-30' });
    expect(value(parsePeriod('1月-11月', 2024))).toEqual({ start: '2024-01-01', end: '2024-11-30' });
    expect(value(parsePeriod('7月—11月', 2025))).toEqual({ start: '2025-07-01', end: '2025-11-30' });
    expect(value(parsePeriod('2月—2月', 2024))).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(value(parsePeriod('3月1日至11月15日', 2025))).toEqual({ start: '2025-03-01', end: '2025-11-15' });
  });
  it('rejects reversed, out-of-year and unreadable periods', () => {
    expect(parsePeriod('11月—3月', 2025).ok).toBe(false);
    expect(parsePeriod('2024年3月—11月', 2025).ok).toBe(false);
    expect(parsePeriod('13月—11月', 2025).ok).toBe(false);
    expect(parsePeriod('2月30日—3月', 2025).ok).toBe(false);
    expect(parsePeriod('上半年', 2025).ok).toBe(false);
  });
  it('never produces an end before the start', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 14 }),
        fc.constantFrom('—', '-', '至', '~'),
        (year, from, to, dash) => {
          const result = parsePeriod(`${from}月${dash}${to}月`, year);
          if (result.ok) {
            expect(result.value.end >= result.value.start).toBe(true);
            expect(result.value.start.startsWith(String(year))).toBe(true);
          } else expect(from > to || from < 1 || to > 12).toBe(true);
        },
      ),
    );
  });
});

describe('完成时限', () => {
  it('reads a deadline phrase as a day of the plan year', () => {
    expect(value(parseDeadline('11月底前', 2025))).toBe('2025-11-30');
    expect(value(parseDeadline('２月底前', 2024))).toBe('2024-02-29');
    expect(value(parseDeadline('11月30日前', 2025))).toBe('2025-11-30');
    expect(value(parseDeadline('11月15日', 2025))).toBe('2025-11-15');
    expect(value(parseDeadline('2025年10月之前', 2025))).toBe('2025-10-31');
    expect(value(parseDeadline('年底前', 2025))).toBe('2025-12-31');
  });
  it('says what is wrong with anything else', () => {
    expect(parseDeadline('2024年11月底前', 2025)).toMatchObject({ ok: false, message: expect.stringContaining('与计划年度2025年不符') });
    expect(parseDeadline('2月30日前', 2025)).toMatchObject({ ok: false, message: expect.stringContaining('2月没有30日') });
    expect(parseDeadline('3月—11月', 2025)).toMatchObject({ ok: false, message: expect.stringContaining('完成时限 “3月—11月” 无法识别') });
  });
  it('any month and day, with or without 前/之前/以前, the year, full-width digits (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.constantFrom('日', '底', '末', ''),
        fc.constantFrom('前', '之前', '以前', ''),
        fc.boolean(),
        fc.boolean(),
        (year, month, day, unit, before, withYear, wide) => {
          const written = `${withYear ? `${year}年` : ''}${month}月${unit === '日' ? `${day}日` : unit}${before}`;
          const raw = wide ? written.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : written;
          const result = parseDeadline(raw, year);
          const valid = month >= 1 && month <= 12 && (unit !== '日' || (day >= 1 && day <= daysInMonth(year, month)));
          expect(result.ok).toBe(valid);
          if (!result.ok) return;
          const last = daysInMonth(year, month);
          expect(result.value).toBe(`${year}-${String(month).padStart(2, '0')}-${String(unit === '日' ? day : last).padStart(2, '0')}`);
          // Never taken for a period: the period cell says it is a 完成时限 when the phrase ends in 前.
          const period = parsePeriod(raw, year);
          if (before !== '') expect(period).toMatchObject({ ok: false, message: expect.stringContaining('是完成时限') });
        },
      ),
    );
  });
});

describe('抽查检查模式', () => {
  it('reads the mode, who draws, who inspects and the initiator text', () => {
    expect(value(parseModeCell('【市抽县查】市市场监管局发起，各县市场监管局实施检查。'))).toEqual({
      modes: [{ code: '市抽县查', drawLevel: 'city', inspectLevel: 'county' }],
      initiatorText: '市市场监管局发起，各县市场监管局实施检查。',
    });
    expect(value(parseModeCell('【县抽县查】 高平市市场监管局发起并实施检查')).initiatorText).toBe('高平市市场监管局发起并实施检查');
    expect(value(parseModeCell('县抽县查'))).toEqual({
      modes: [{ code: '县抽县查', drawLevel: 'county', inspectLevel: 'county' }],
      initiatorText: null,
    });
    expect(value(parseModeCell('【省抽县查】')).modes[0]).toEqual({ code: '省抽县查', drawLevel: 'province', inspectLevel: 'county' });
    expect(value(parseModeCell('【市抽市查】 【县抽县查】 市县两级部门分别组织实施抽查')).modes.map((m) => m.code)).toEqual([
      '市抽市查',
      '县抽县查',
    ]);
  });
  it('rejects a cell without a mode', () => {
    expect(parseModeCell('市局组织实施').ok).toBe(false);
    expect(parseModeCell('').ok).toBe(false);
  });
});

describe('抽查事项', () => {
  it('splits numbered lists in every style the seeds use', () => {
    expect(value(parseItemList('1.登记事项检查；2.公示信息检查；3.商标使用行为的检查')).items).toEqual([
      '登记事项检查',
      '公示信息检查',
      '商标使用行为的检查',
    ]);
    expect(value(parseItemList('1.登记事项检查，2.公示信息检查')).items).toEqual(['登记事项检查', '公示信息检查']);
    expect(value(parseItemList('1、排污许可证执行情况; 2、污染物排放情况')).items).toEqual(['排污许可证执行情况', '污染物排放情况']);
    // Numbering must start at 1 and run in order; otherwise the numbers are part of the text.
    expect(value(parseItemList('(4) 检验设备的检查(5) 生产范围的检查')).items).toEqual(['(4) 检验设备的检查(5) 生产范围的检查']);
    expect(value(parseItemList('(1) 甲的检查；(2) 乙的检查(3) 丙的检查。')).items).toEqual(['甲的检查', '乙的检查', '丙的检查']);
    expect(value(parseItemList('食品生产监督检查：1. 企业资质保持情况；2. 采购进货查验管理情况'))).toEqual({
      heading: '食品生产监督检查',
      items: ['企业资质保持情况', '采购进货查验管理情况'],
    });
  });
  it('splits 、 lists but keeps "A、B的检查" as one item', () => {
    expect(value(parseItemList('证照、会议和培训、经营场所等')).items).toEqual(['证照', '会议和培训', '经营场所']);
    expect(value(parseItemList('质量管理体系认证活动、有机产品认证活动')).items).toHaveLength(2);
    expect(value(parseItemList('农药、肥料、种子、兽药、饲料的检查')).items).toEqual(['农药、肥料、种子、兽药、饲料的检查']);
    expect(value(parseItemList('装备产品(含教学仪器、校服等)')).items).toEqual(['装备产品(含教学仪器、校服等)']);
  });
  it('keeps the items but warns about a number with nothing after it (seed 002 task 6)', () => {
    const result = parseItemList('1.甲的检查；2.乙的检查；3.');
    expect(result.ok && result.value.items).toEqual(['甲的检查', '乙的检查']);
    expect(result.ok && result.warning).toContain('第3项');
  });
});

describe('信用风险分类管理', () => {
  it('reads 递加比例 with the classes named', () => {
    expect(value(parseRiskPolicy('对低风险、一般风险、较高风险、高风险企业分别递加比例抽查。'))).toMatchObject({
      kind: 'escalating',
      classes: ['A', 'B', 'C', 'D'],
    });
    expect(value(parseRiskPolicy('对低风险、一般风险、高风险企业分别递增抽查比例和频次。'))).toMatchObject({ classes: ['A', 'B', 'D'] });
  });
  it('reads per-class ratios, "not used" and empty cells', () => {
    expect(value(parseRiskPolicy('A类1%，B类3%，C类5%，D类10%'))).toMatchObject({
      kind: 'perClass',
      basisPoints: { A: 100, B: 300, C: 500, D: 1000 },
    });
    expect(value(parseRiskPolicy('不使用：社会组织无信用风险分类'))).toEqual({ kind: 'notUsed', reason: '不使用：社会组织无信用风险分类' });
    expect(value(parseRiskPolicy(''))).toEqual({ kind: 'notStated' });
  });
  it('keeps vague text but warns', () => {
    const result = parseRiskPolicy('按照《特种设备安全监督检查办法》规定, 结合信用风险管理要求');
    expect(result.ok && result.value.kind).toBe('described');
    expect(result.ok && result.warning).toMatch(/未写明用法/);
  });
});

describe('发起 and 配合 departments', () => {
  it('splits 发起主体/指导单位', () => {
    expect(value(parseInitiatorCell('市局组织发起/食品生产科指导'))).toEqual({ initiator: '市局组织发起', guide: '食品生产科指导' });
    expect(value(parseInitiatorCell('市局组织发起'))).toEqual({ initiator: '市局组织发起', guide: null });
  });
  it('reads joint-plan departments', () => {
    expect(value(parseInitiatingDepartment('原平市统计局'))).toBe('原平市统计局');
    expect(parseInitiatingDepartment('原平市公安局、原平市统计局').ok).toBe(false);
    expect(value(parseCooperatingDepartments('原平市市场监督管理局、原平市教育科技局'))).toEqual([
      '原平市市场监督管理局',
      '原平市教育科技局',
    ]);
    expect(value(parseCooperatingDepartments(''))).toEqual([]);
  });
});
