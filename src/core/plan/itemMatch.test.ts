import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchTaskItems, type ListItem } from './itemMatch.ts';
import { parsePlanTable } from './parsePlanTable.ts';

// A county's claimed items in the province list's layout (抽查类别, 抽查事项), as 高平 claims them.
const list: ListItem[] = [
  ['SX-DJ-01', '登记事项检查', '营业执照（登记证）规范使用情况的检查'],
  ['SX-DJ-02', '登记事项检查', '名称规范使用情况的检查'],
  ['SX-DJ-04', '登记事项检查', '住所（经营场所）的检查'],
  ['SX-GS-01', '公示信息检查', '年度报告公示信息的检查'],
  ['SX-GS-02', '公示信息检查', '即时公示信息的检查'],
  ['SX-SB-01', '商标使用行为检查', '商标使用行为的检查'],
  ['SX-SB-02', '商标使用行为检查', '商标印制行为的检查'],
  ['SX-GG-01', '广告行为检查', '广告发布行为的检查'],
  ['SX-GG-02', '广告行为检查', '广告经营者、发布者管理制度的检查'],
  ['SX-CP-01', '产品质量监督检查', '生产领域产品质量的监督抽查'],
  ['SX-CP-03', '产品质量监督检查', '工业产品生产许可证获证企业的检查'],
  ['SX-SP-01', '食品安全监督检查', '食品生产者的监督检查'],
  ['SX-SP-02', '食品安全监督检查', '食品经营者的监督检查'],
  ['SX-SP-03', '食品安全监督检查', '餐饮服务提供者的监督检查'],
  ['SX-TS-01', '特种设备安全监督检查', '特种设备使用单位的监督检查'],
  ['SX-JL-01', '计量监督检查', '计量器具使用的检查'],
  ['SX-JL-04', '计量监督检查', '眼镜制配计量的检查'],
  ['SX-WJ-01', '网络交易监督检查', '电子商务平台经营者的监督检查'],
  ['SX-RZ-02', '认证活动检查', '有机产品认证的检查'],
].map(([code, category, name]) => ({ code: code!, category: category!, name: name! }));

const codes = (task: { name: string; items: string[] }) => matchTaskItems(task, list).map((m) => [m.kind, m.items.map((i) => i.code)]);

describe('matching a plan task’s 抽查事项 to the claimed list', () => {
  it('takes a category name as every item of the category, in the plan’s wordings', () => {
    expect(codes({ name: '对企业的不定向双随机抽查', items: ['登记事项检查', '公示信息的监督检查'] })).toEqual([
      ['category', ['SX-DJ-01', 'SX-DJ-02', 'SX-DJ-04']],
      ['category', ['SX-GS-01', 'SX-GS-02']],
    ]);
  });

  it('matches an item by its name, a near name, or several listed with 、', () => {
    expect(codes({ name: '对企业的抽查', items: ['商标使用行为的检查', '电子商务平台监督检查', '在用计量器具的检查'] })).toEqual([
      ['name', ['SX-SB-01']],
      ['similar', ['SX-WJ-01']],
      ['similar', ['SX-JL-01']],
    ]);
    expect(codes({ name: '对食品小经营店、小摊店的监督检查', items: ['食品销售、餐饮服务监督检查'] })).toEqual([
      ['similar', ['SX-SP-02', 'SX-SP-03']],
    ]);
  });

  it('reads aspects of one item through the task’s name', () => {
    expect(
      codes({ name: '对工业产品生产许可证获证企业的双随机抽查', items: ['生产设备、生产工艺的检查', '检验设备及检验情况的检查'] }),
    ).toEqual([
      ['taskName', ['SX-CP-03']],
      ['taskName', ['SX-CP-03']],
    ]);
  });

  it('leaves what the list does not hold unmatched', () => {
    expect(codes({ name: '对商标代理机构的双随机抽查', items: ['商标代理行为的检查'] })).toEqual([[null, []]]);
    expect(codes({ name: '对自愿性认证企业的双随机抽查', items: ['质量管理体系认证活动'] })).toEqual([[null, []]]);
  });

  it('finds every item of the seed 002 plan (高平 2025) except the two the list lacks', () => {
    const table = parsePlanTable(fs.readFileSync(path.join(import.meta.dirname, 'fixtures/seed002.tsv'), 'utf8'), { year: 2025 });
    const unmatched = table.tasks.flatMap((t) =>
      matchTaskItems({ name: t.name ?? '', items: t.items?.items ?? [] }, list)
        .filter((m) => m.kind === null)
        .map((m) => `${t.seq} ${m.text}`),
    );
    expect(unmatched).toEqual(['14 质量管理体系认证活动', '15 商标代理行为的检查']);
  });
});
