// Demo 名录分库 for 高平市局: the sub-libraries a county 信用监管股 keeps, each a rule
// over the directory (src/core/subLibraries/rule.ts), so their counts follow the demo entities.
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { normalizeRule, type SubLibraryRuleInput } from '../core/subLibraries/rule.ts';
import { createRandom } from './random.ts';

const OWNER = '140581';
const ACTIVE: SubLibraryRuleInput['regStatuses'] = ['存续', '在业'];

export const DEMO_SUB_LIBRARIES: ReadonlyArray<{ name: string; description: string; rule: SubLibraryRuleInput }> = [
  {
    name: '全市加油站',
    description: '成品油零售经营的加油站，计量、特种设备等事项的检查对象',
    rule: { tags: { anyOf: ['加油站'] }, regStatuses: ACTIVE },
  },
  {
    name: '全市获证食品生产企业',
    description: '持有食品生产许可证的生产企业',
    rule: { tags: { anyOf: ['食品生产许可'] }, subjectTypes: ['enterprise'], regStatuses: ACTIVE },
  },
  { name: '眼镜制配场所', description: '眼镜制配及验光场所', rule: { tags: { anyOf: ['眼镜制配'] }, regStatuses: ACTIVE } },
  {
    name: '特种设备使用单位',
    description: '使用锅炉、压力容器、电梯、起重机械等特种设备的单位',
    rule: { tags: { anyOf: ['特种设备使用单位'] }, regStatuses: ACTIVE },
  },
  {
    name: '电子商务经营者',
    description: '通过网络销售商品或提供服务的经营者',
    rule: { tags: { anyOf: ['电子商务经营者'] }, regStatuses: ACTIVE },
  },
  { name: '广告经营者', description: '广告经营者、发布者', rule: { tags: { anyOf: ['广告经营者'] }, regStatuses: ACTIVE } },
  {
    name: '年报全0申报企业',
    description: '年度报告各项数据均为 0 的企业（风险预警标注）',
    rule: { tags: { anyOf: ['年报全0申报'] }, subjectTypes: ['enterprise'] },
  },
  { name: '一址多照企业', description: '同一住所登记多个主体（风险预警标注）', rule: { tags: { anyOf: ['一址多照'] } } },
  { name: '关联企业', description: '存在关联关系、需关联核查的企业（风险预警标注）', rule: { tags: { anyOf: ['关联企业'] } } },
  { name: '全市存续企业', description: '登记状态为存续（在业）的企业', rule: { subjectTypes: ['enterprise'], regStatuses: ACTIVE } },
  {
    name: '全市个体工商户',
    description: '登记状态为存续（在业）的个体工商户',
    rule: { subjectTypes: ['individual'], regStatuses: ACTIVE },
  },
  {
    name: '全市农民专业合作社',
    description: '登记状态为存续（在业）的农民专业合作社',
    rule: { subjectTypes: ['cooperative'], regStatuses: ACTIVE },
  },
];

/** Inserts 高平's demo sub-libraries; returns how many. Ids are deterministic. */
export async function loadDemoSubLibraries(trx: Transaction<DB>): Promise<number> {
  const random = createRandom().fork(`subLibraries:${OWNER}`);
  const rows = DEMO_SUB_LIBRARIES.map((lib) => ({
    unit_code: OWNER,
    id: random.uuid(),
    name: lib.name,
    description: lib.description,
    rule: JSON.stringify(normalizeRule(lib.rule)),
    created_by_name: '演示数据',
  }));
  await trx.insertInto('sub_library').values(rows).execute();
  return rows.length;
}
