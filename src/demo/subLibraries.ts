// Demo 名录分库 for 高平市局: the sub-libraries a county 信用监管股 keeps, each a rule
// over the directory (src/core/subLibraries/rule.ts), so their counts follow the demo entities.
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { normalizeRule, type SubLibraryRuleInput } from '../core/subLibraries/rule.ts';
import { createRandom } from './random.ts';

const OWNER = '140581';
const ACTIVE: SubLibraryRuleInput['regStatuses'] = ['存续', '在业'];

export interface DemoSubLibrary {
  name: string;
  description: string;
  rule: SubLibraryRuleInput;
}

export const DEMO_SUB_LIBRARIES: readonly DemoSubLibrary[] = [
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
  // The populations the county's own plan table names (its 抽查对象范围 column).
  {
    name: '工业产品生产许可证获证企业',
    description: '持有工业产品生产许可证的企业',
    rule: { tags: { anyOf: ['工业产品生产许可证'] }, subjectTypes: ['enterprise'], regStatuses: ACTIVE },
  },
  { name: '集贸市场', description: '集贸市场开办者及场内经营者', rule: { tags: { anyOf: ['集贸市场'] }, regStatuses: ACTIVE } },
  { name: '有机产品认证企业', description: '获得有机产品认证的企业', rule: { tags: { anyOf: ['有机产品认证'] }, regStatuses: ACTIVE } },
  { name: '食品经营单位', description: '持有食品经营许可证的经营者', rule: { tags: { anyOf: ['食品经营许可'] }, regStatuses: ACTIVE } },
  { name: '餐饮服务单位', description: '提供餐饮服务的经营者', rule: { tags: { anyOf: ['餐饮服务'] }, regStatuses: ACTIVE } },
  { name: '自愿性认证企业', description: '获得自愿性认证的企业', rule: { tags: { anyOf: ['自愿性认证'] }, regStatuses: ACTIVE } },
  { name: '商标代理机构', description: '从事商标代理业务的机构', rule: { tags: { anyOf: ['商标代理机构'] }, regStatuses: ACTIVE } },
  { name: '食品小经营店', description: '登记的食品小经营店、小摊点', rule: { tags: { anyOf: ['食品小经营店'] }, regStatuses: ACTIVE } },
  { name: '计量器具使用单位', description: '使用强制检定计量器具的单位', rule: { tags: { anyOf: ['计量器具使用'] }, regStatuses: ACTIVE } },
];

/**
 * 原平市局's 名录分库 for the 部门联合 plan: the populations of its joint tasks that the market
 * directory holds (by 行业, GB/T 4754), named as the plan table names them. The joint tasks over
 * schools, 防雷 or 排污 units have no counterpart in the directory and stay unlinked.
 */
export const DEMO_JOINT_SUB_LIBRARIES: readonly DemoSubLibrary[] = [
  {
    name: '房地产从业企业',
    description: '房地产开发、物业管理、房地产中介企业',
    rule: { industryPrefixes: ['70'], subjectTypes: ['enterprise'], regStatuses: ACTIVE },
  },
  {
    name: '煤矿企业',
    description: '煤炭开采和洗选企业',
    rule: { industryPrefixes: ['06'], subjectTypes: ['enterprise'], regStatuses: ACTIVE },
  },
  {
    name: '冶金工贸企业',
    description: '黑色金属冶炼和压延加工企业',
    rule: { industryPrefixes: ['31'], subjectTypes: ['enterprise'], regStatuses: ACTIVE },
  },
  { name: '互联网上网营业场所', description: '网吧', rule: { industryPrefixes: ['9013'], regStatuses: ACTIVE } },
  {
    name: '道路危险货物运输企业',
    description: '危险货物道路运输企业',
    rule: { industryPrefixes: ['5435'], subjectTypes: ['enterprise'], regStatuses: ACTIVE },
  },
  {
    name: '各类物流、寄递企业',
    description: '道路货运、仓储物流和快递企业',
    rule: { industryPrefixes: ['5431', '5920', '6020'], regStatuses: ACTIVE },
  },
];
const JOINT_OWNER = '140981';

/** Inserts 原平's joint-plan sub-libraries when the demo has that unit; returns how many. */
export async function loadDemoJointSubLibraries(trx: Transaction<DB>): Promise<number> {
  const unit = await trx.selectFrom('org_unit').select('code').where('code', '=', JOINT_OWNER).executeTakeFirst();
  if (!unit) return 0;
  return insertDemoSubLibraries(trx, JOINT_OWNER, DEMO_JOINT_SUB_LIBRARIES);
}

/** Inserts 高平's demo sub-libraries; returns how many. Ids are deterministic. */
export async function loadDemoSubLibraries(trx: Transaction<DB>): Promise<number> {
  return insertDemoSubLibraries(trx, OWNER, DEMO_SUB_LIBRARIES);
}

/** Inserts a unit's demo sub-libraries (once per unit) with ids drawn from the unit's own random stream; returns how many. */
export async function insertDemoSubLibraries(trx: Transaction<DB>, owner: string, libraries: readonly DemoSubLibrary[]): Promise<number> {
  const random = createRandom().fork(`subLibraries:${owner}`);
  const rows = libraries.map((lib) => ({
    unit_code: owner,
    id: random.uuid(),
    name: lib.name,
    description: lib.description,
    rule: JSON.stringify(normalizeRule(lib.rule)),
    created_by_name: '演示数据',
  }));
  await trx.insertInto('sub_library').values(rows).execute();
  return rows.length;
}
