// Synthetic 检查对象名录库 rows (market_entity) for a county: 企业 ~25%, 个体工商户 ~72%,
// 农民专业合作社 ~3%, each with a valid 统一社会信用代码 (GB 32100-2015), a name, address,
// GB/T 4754 小类 and tags that fit its trade, a 登记状态 and a credit-risk class.
//
// Risk classes: 企业信用风险分类 covers 企业 (and 农民专业合作社); most 个体工商户 are not
// classified, so they mostly have none ("objects without a class are excepted" from the
// 应用率 indicator). Entities that are no longer 存续 have no class either.
import type { Insertable } from 'kysely';
import type { MarketEntityTable } from '../db/schema.ts';
import { makeUscc, USCC_CHARSET } from '../core/uscc/index.ts';
import type { DemoCounty, Township } from './orgTree.ts';
import { stationCode } from './orgTree.ts';
import { personName } from './people.ts';
import type { Random } from './random.ts';
import { LICENCE_TAGS, RISK_WARNING_TAGS } from '../core/subLibraries/tags.ts';

/** Tags on 检查对象 (objects carry tags so an item maps to its objects): the product's
 *  许可/资质 tags and the 个性化标注 risk-warning marks, one vocabulary (src/core/subLibraries/tags.ts). */
export const ENTITY_TAGS = [...LICENCE_TAGS, ...RISK_WARNING_TAGS] as const;
export type EntityTag = (typeof ENTITY_TAGS)[number];

export type SubjectType = 'enterprise' | 'individual' | 'cooperative';

export type DemoEntity = Insertable<MarketEntityTable> & {
  subject_type: SubjectType;
  unit_code: string;
  tags: string[];
  established_on: string;
  address: string;
  legal_rep: string;
  industry_code: string;
};

type TagRule = readonly [EntityTag, number] | readonly [EntityTag, number, SubjectType];

interface Trade {
  /** GB/T 4754-2017 小类 codes (one is picked). */
  industries: readonly string[];
  /** Relative weights for [企业, 个体工商户, 农民专业合作社]. */
  weights: readonly [number, number, number];
  /** Endings of 个体工商户 names, e.g. '便利店'. */
  shop?: readonly string[];
  /** 行业 words of company names, e.g. '商贸'. */
  company?: readonly string[];
  /** Endings of 个人独资企业/集体 names, e.g. '铸造厂'; default: company word + 商行/经销部. */
  sole?: readonly string[];
  /** Products of 农民专业合作社, e.g. '黄梨种植'. */
  coop?: readonly string[];
  tags?: readonly TagRule[];
  /** Earliest plausible 成立 year (网店 and 快递 did not exist in 1995). */
  since?: number;
}

const FOOD_SHOP: readonly TagRule[] = [
  ['食品经营许可', 0.6, 'individual'],
  ['食品小经营店', 0.35, 'individual'],
  ['食品经营许可', 0.95, 'enterprise'],
];
const CATERING: readonly TagRule[] = [['餐饮服务', 1], ...FOOD_SHOP];
const SCALES = (p: number): TagRule => ['计量器具使用', p];

// One line per trade reads as a table.
// prettier-ignore
const TRADES: readonly Trade[] = [
  // food retail
  { industries: ['5213'], weights: [0.6, 8, 0], shop: ['便利店', '便民店', '便利超市'], company: ['便利店'], tags: [...FOOD_SHOP] },
  { industries: ['5212'], weights: [3, 4, 0], shop: ['超市', '购物超市', '平价超市'], company: ['超市', '商贸'], tags: [...FOOD_SHOP, SCALES(0.7), ['特种设备使用单位', 0.15, 'enterprise']] },
  { industries: ['5219'], weights: [0.3, 5, 0], shop: ['商店', '日杂店', '门市部', '小卖部'], tags: [...FOOD_SHOP] },
  { industries: ['5223'], weights: [0.3, 3, 0], shop: ['水果店', '蔬菜店', '果蔬店', '鲜果超市'], company: ['果蔬'], tags: [...FOOD_SHOP, SCALES(0.8)] },
  { industries: ['5224'], weights: [0.3, 2.5, 0], shop: ['鲜肉店', '猪肉店', '冷鲜肉店', '肉铺'], company: ['肉类食品'], tags: [...FOOD_SHOP, SCALES(0.85)] },
  { industries: ['5221'], weights: [0.3, 1.5, 0], shop: ['粮油店', '米面店', '粮油门市部'], company: ['粮油'], tags: [...FOOD_SHOP, SCALES(0.6)] },
  { industries: ['5226', '5227'], weights: [0.5, 3, 0], shop: ['烟酒店', '烟酒商行', '名酒行'], company: ['酒业商贸'], tags: [...FOOD_SHOP] },
  { industries: ['5222'], weights: [0.2, 1.2, 0], shop: ['蛋糕店', '糕点坊', '面包房'], company: ['烘焙'], tags: [...FOOD_SHOP] },
  { industries: ['5225'], weights: [0.3, 0.4, 0], shop: ['保健品店'], company: ['健康科技'], tags: [...FOOD_SHOP] },
  // catering
  { industries: ['6210'], weights: [3, 7, 0], shop: ['饭店', '餐馆', '酒家', '菜馆', '农家乐'], company: ['餐饮管理', '酒店管理', '餐饮服务'], tags: CATERING },
  { industries: ['6220'], weights: [1, 5, 0], shop: ['快餐店', '面馆', '刀削面馆', '饺子馆', '米线店'], company: ['餐饮'], tags: CATERING },
  { industries: ['6291'], weights: [0.2, 5, 0], shop: ['小吃店', '烧豆腐店', '烧饼铺', '麻辣烫店', '凉皮店', '早餐店'], company: ['小吃'], tags: CATERING },
  { industries: ['6299'], since: 2008, weights: [0.2, 1.5, 0], shop: ['奶茶店', '饮品店', '甜品店'], company: ['饮品'], tags: CATERING },
  // personal services
  { industries: ['8040'], weights: [0.3, 6, 0], shop: ['理发店', '美发店', '美容院', '美发工作室', '美甲店'], company: ['美容美发'] },
  { industries: ['8051', '8052'], weights: [0.3, 1, 0], shop: ['洗浴中心', '足浴店', '浴池'], company: ['洗浴'], tags: [['特种设备使用单位', 0.2]] },
  { industries: ['8030'], weights: [0.1, 0.8, 0], shop: ['洗衣店', '干洗店'], company: ['洗涤'] },
  { industries: ['8060'], weights: [0.2, 1, 0], shop: ['照相馆', '摄影工作室'], company: ['摄影'] },
  { industries: ['8111'], weights: [1.5, 3.5, 0], shop: ['汽车修理部', '汽修厂', '汽车美容店', '轮胎店'], company: ['汽车服务', '汽车维修'], tags: [['特种设备使用单位', 0.1]] },
  { industries: ['8131'], weights: [0.1, 1.2, 0], shop: ['家电维修部', '手机维修店'], company: ['电器维修'] },
  { industries: ['6129', '6110'], weights: [1, 1.5, 0], shop: ['宾馆', '旅馆', '快捷酒店', '招待所'], company: ['酒店管理', '宾馆'], tags: [['特种设备使用单位', 0.4], ['食品经营许可', 0.2]] },
  { industries: ['9013'], since: 2002, weights: [0.2, 0.4, 0], shop: ['网吧', '网咖'], company: ['网络文化'] },
  { industries: ['8391', '8393'], weights: [1.2, 0, 0], company: ['教育咨询', '文化艺术培训', '职业技能培训'] },
  { industries: ['8070'], weights: [0.3, 0.6, 0], shop: ['婚庆店', '婚庆礼仪部'], company: ['婚庆服务', '文化传媒'] },
  { industries: ['8053'], weights: [0.2, 1, 0], shop: ['养生馆', '推拿店'], company: ['健康管理'] },
  { industries: ['8223'], since: 2008, weights: [0.05, 0.4, 0], shop: ['宠物店'], company: ['宠物用品'] },
  { industries: ['8930'], since: 2008, weights: [0.3, 0.4, 0], shop: ['健身房', '瑜伽馆'], company: ['健身'] },
  { industries: ['8010'], weights: [0.3, 0.5, 0], shop: ['家政服务部'], company: ['家政服务'] },
  // non-food retail
  { industries: ['5232'], weights: [0.5, 6, 0], shop: ['服装店', '服饰店', '童装店', '女装店'], company: ['服饰'] },
  { industries: ['5233'], weights: [0.1, 1.2, 0], shop: ['鞋店', '鞋业'], company: ['鞋业'] },
  { industries: ['5234'], weights: [0.2, 1, 0], shop: ['化妆品店'], company: ['化妆品'] },
  { industries: ['5281'], weights: [0.8, 3.5, 0], shop: ['五金店', '五金建材店', '水暖店'], company: ['五金机电'], tags: [SCALES(0.1)] },
  { industries: ['5165', '5287'], weights: [2.5, 2.5, 0], shop: ['建材店', '瓷砖店', '装饰材料店'], company: ['建材', '建材贸易'] },
  { industries: ['5283'], weights: [0.3, 1, 0], shop: ['家具店', '家居店'], company: ['家居'] },
  { industries: ['5272'], weights: [0.5, 1.2, 0], shop: ['家电商场', '电器商行'], company: ['电器'] },
  { industries: ['5274'], since: 2000, weights: [0.4, 2, 0], shop: ['手机店', '通讯店', '通讯器材店'], company: ['通讯科技'] },
  { industries: ['5273'], since: 2000, weights: [0.6, 0.6, 0], shop: ['电脑店', '电脑耗材店'], company: ['电子科技', '网络科技'] },
  { industries: ['5251'], weights: [1.5, 0.8, 0], shop: ['药店', '大药房'], company: ['医药连锁', '大药房'], sole: ['大药房'], tags: [['药品经营', 1], ['医疗器械经营', 0.6]] },
  { industries: ['5254'], weights: [0.4, 0.3, 0], shop: ['医疗器械店'], company: ['医疗器械'], tags: [['医疗器械经营', 1]] },
  { industries: ['5236'], weights: [0.2, 0.6, 0], shop: ['眼镜店', '眼镜行', '视光中心'], company: ['眼镜'], tags: [['眼镜制配', 1], SCALES(0.9)] },
  { industries: ['5166', '5167', '5112'], weights: [0.6, 2.5, 0], shop: ['农资门市部', '种子店', '化肥经销部', '农资店'], company: ['农资', '农业科技'] },
  { industries: ['5238', '8114'], weights: [0.1, 1.2, 0], shop: ['电动车行', '电动车维修部'], company: ['电动车'] },
  { industries: ['5265'], weights: [0.6, 0.05, 0], shop: ['加油站'], company: ['石油', '能源', '石化'], sole: ['加油站'], tags: [['加油站', 1], SCALES(1), ['特种设备使用单位', 0.3]] },
  { industries: ['5261'], weights: [0.5, 0, 0], company: ['汽车销售', '汽车贸易'] },
  { industries: ['5292'], since: 2012, weights: [1.5, 2.5, 0], shop: ['网店', '电子商务商行', '网络商行'], company: ['电子商务', '网络科技'], tags: [['电子商务经营者', 1]] },
  // wholesale
  { industries: ['5161'], weights: [3, 0.6, 0], shop: ['煤场', '煤炭经销部'], company: ['煤炭运销', '煤焦', '能源'] },
  { industries: ['5199', '5121', '5127'], weights: [7, 0, 0], company: ['商贸', '贸易', '物资'], tags: [['食品经营许可', 0.2]] },
  { industries: ['5129'], weights: [1.2, 1, 0], shop: ['副食批发部'], company: ['食品贸易', '副食品'], tags: [['食品经营许可', 1]] },
  { industries: ['5191'], weights: [0.4, 1, 0], shop: ['废品收购站'], company: ['再生资源回收'] },
  // construction and real estate
  { industries: ['4710'], weights: [5, 0, 0], company: ['建筑工程', '建设工程', '建筑安装'], tags: [['特种设备使用单位', 0.3]] },
  { industries: ['5012'], weights: [2, 1, 0], shop: ['装修队', '装饰部'], company: ['装饰工程', '装饰设计'] },
  { industries: ['7010'], weights: [1.5, 0, 0], company: ['房地产开发', '置业'], tags: [['特种设备使用单位', 0.5]] },
  { industries: ['7020'], weights: [0.8, 0, 0], company: ['物业管理', '物业服务'], tags: [['特种设备使用单位', 0.6]] },
  { industries: ['7030'], weights: [0.3, 0.5, 0], shop: ['房产中介'], company: ['房产经纪'] },
  // transport
  { industries: ['5431'], weights: [4, 2.5, 0], shop: ['货运部', '运输部'], company: ['物流', '运输', '货物运输'] },
  { industries: ['5435'], weights: [0.2, 0, 0], company: ['危险货物运输'] },
  { industries: ['5920'], weights: [0.5, 0, 0], company: ['仓储物流'], tags: [['特种设备使用单位', 0.5]] },
  { industries: ['6020'], since: 2010, weights: [0.4, 1, 0], shop: ['快递代办点', '快递驿站'], company: ['快递'] },
  // manufacturing, mining, utilities
  { industries: ['0610'], weights: [1.2, 0, 0], company: ['煤业', '煤矿'], tags: [['特种设备使用单位', 0.9]] },
  { industries: ['2529'], weights: [0.6, 0, 0], company: ['洗煤', '煤焦'], sole: ['洗煤厂'], tags: [['特种设备使用单位', 0.7]] },
  { industries: ['3110'], weights: [0.3, 0, 0], company: ['铁业', '钢铁'], sole: ['铁厂'], tags: [['特种设备使用单位', 0.9]] },
  { industries: ['3130'], weights: [0.3, 0, 0], company: ['钢铁', '型钢'], sole: ['轧钢厂'], tags: [['工业产品生产许可证', 0.8], ['特种设备使用单位', 0.9]] },
  { industries: ['3391'], weights: [0.8, 0.1, 0], shop: ['铸造厂'], company: ['铸造', '铸业'], sole: ['铸造厂'], tags: [['特种设备使用单位', 0.8]] },
  { industries: ['3089'], weights: [0.6, 0, 0], company: ['耐火材料'], sole: ['耐火材料厂'], tags: [['特种设备使用单位', 0.6]] },
  { industries: ['3031'], weights: [0.5, 0.2, 0], shop: ['砖厂'], company: ['新型墙材', '建材'], sole: ['砖厂'] },
  { industries: ['3021'], weights: [0.5, 0, 0], company: ['水泥制品', '混凝土'], sole: ['水泥制品厂'], tags: [['特种设备使用单位', 0.4]] },
  { industries: ['3011'], weights: [0.1, 0, 0], company: ['水泥'], sole: ['水泥厂'], tags: [['工业产品生产许可证', 1], ['特种设备使用单位', 0.9]] },
  { industries: ['3312'], weights: [0.3, 1, 0], shop: ['门窗加工部', '铝合金门窗店'], company: ['门窗'], sole: ['门窗厂'] },
  { industries: ['1392'], weights: [0.4, 1, 0], shop: ['豆腐坊'], company: ['食品', '豆制品'], sole: ['豆制品厂'], tags: [['食品生产许可', 0.95, 'enterprise']] },
  { industries: ['1512'], weights: [0.2, 0, 0], company: ['酒业', '酿酒'], sole: ['酒厂'], tags: [['食品生产许可', 1]] },
  { industries: ['1411'], weights: [0.3, 0.3, 0], shop: ['糕点加工坊'], company: ['食品'], sole: ['食品厂'], tags: [['食品生产许可', 0.9, 'enterprise']] },
  { industries: ['1462'], weights: [0.15, 0, 0], company: ['醋业', '调味品'], sole: ['醋厂'], tags: [['食品生产许可', 1]] },
  { industries: ['1353'], weights: [0.2, 0, 0], company: ['肉制品', '食品'], sole: ['肉制品厂'], tags: [['食品生产许可', 1]] },
  { industries: ['1351'], weights: [0.1, 0, 0], company: ['肉联', '屠宰'], sole: ['屠宰场'] },
  { industries: ['1313', '1314'], weights: [0.2, 0.3, 0], shop: ['面粉加工坊', '杂粮加工坊'], company: ['粮油', '面业'], sole: ['面粉厂'], tags: [['食品生产许可', 0.8, 'enterprise']] },
  { industries: ['2319'], weights: [0.4, 0.5, 0], shop: ['印刷部', '图文广告部'], company: ['印刷', '包装'], sole: ['印刷厂'], tags: [['工业产品生产许可证', 0.2], ['广告经营者', 0.3]] },
  { industries: ['1742'], weights: [0.2, 0, 0], company: ['丝绸', '丝织'], sole: ['丝织厂'] },
  { industries: ['3484'], weights: [0.8, 0.5, 0], shop: ['机械加工部'], company: ['机械', '机械制造', '机电设备'], sole: ['机械加工厂'], tags: [['特种设备使用单位', 0.4]] },
  { industries: ['4430'], weights: [0.15, 0, 0], company: ['热力', '供热'], tags: [['特种设备使用单位', 1]] },
  { industries: ['4511'], weights: [0.1, 0, 0], company: ['燃气'], tags: [['特种设备使用单位', 1]] },
  // agriculture
  { industries: ['0151'], weights: [0.4, 0.2, 3], shop: ['果园'], company: ['农业开发', '果业'], coop: ['黄梨种植', '果树种植', '水果种植'], tags: [['有机产品认证', 0.05]] },
  { industries: ['0141'], weights: [0.4, 0.3, 3], shop: ['蔬菜种植园'], company: ['农业科技', '蔬菜'], coop: ['蔬菜种植', '大棚蔬菜种植'], tags: [['有机产品认证', 0.05]] },
  { industries: ['0113', '0119'], weights: [0.2, 0.2, 4], shop: ['种植园'], company: ['农业发展'], coop: ['玉米种植', '谷子种植', '杂粮种植', '粮食种植'], tags: [['有机产品认证', 0.03]] },
  { industries: ['0171'], weights: [0.1, 0, 1.5], company: ['中药材'], coop: ['中药材种植', '连翘种植', '党参种植'] },
  { industries: ['0313'], weights: [0.5, 0.6, 3], shop: ['养猪场'], company: ['养殖', '牧业'], coop: ['生猪养殖'] },
  { industries: ['0311', '0314'], weights: [0.2, 0.4, 2], shop: ['养殖场'], company: ['牧业'], coop: ['肉牛养殖', '养羊', '畜牧养殖'] },
  { industries: ['0321'], weights: [0.1, 0.3, 1.5], shop: ['养鸡场'], company: ['禽业'], coop: ['蛋鸡养殖', '养鸡'] },
  { industries: ['0512'], weights: [0.1, 0.1, 2], shop: ['农机服务部'], company: ['农机服务'], coop: ['农机服务'] },
  { industries: ['0514'], weights: [0.1, 0.1, 0.5], shop: ['农产品加工部'], company: ['农产品'], coop: ['农产品加工'] },
  // business services
  { industries: ['7259'], weights: [1.5, 1.5, 0], shop: ['广告部', '广告牌匾店', '图文广告'], company: ['广告', '文化传媒', '广告传媒'], tags: [['广告经营者', 1]] },
  { industries: ['7251'], since: 2012, weights: [0.2, 0, 0], company: ['网络传媒'], tags: [['广告经营者', 1]] },
  { industries: ['6513', '6560'], since: 2005, weights: [1, 0, 0], company: ['信息技术', '网络科技', '软件'] },
  { industries: ['7241'], weights: [0.6, 0, 0], company: ['财务咨询', '会计服务'] },
  { industries: ['7263', '7269'], weights: [1.2, 0, 0], company: ['劳务', '人力资源'] },
  { industries: ['7520'], weights: [0.15, 0, 0], company: ['知识产权代理', '商标代理'], tags: [['商标代理机构', 1]] },
  { industries: ['7223'], weights: [0.15, 0, 0], company: ['市场管理', '农贸市场'], tags: [['集贸市场', 1], SCALES(1)] },
  { industries: ['7271'], weights: [0.1, 0, 0], company: ['保安服务'] },
  { industries: ['7291'], weights: [0.15, 0, 0], company: ['旅行社'] },
  { industries: ['7111'], weights: [0.4, 0, 0], company: ['汽车租赁', '设备租赁'] },
];

/** 企业类型 (reference/enterprise-codes.json) and the name form each implies. */
type Form = 'company' | 'joint' | 'branch' | 'sole' | 'partnership' | 'collective' | 'state';
// prettier-ignore
const ENTERPRISE_TYPES: ReadonlyArray<readonly [readonly [string, Form], number]> = [
  [['1130', 'company'], 30], [['1151', 'company'], 22], [['1150', 'company'], 4], [['1190', 'company'], 2],
  [['1110', 'company'], 0.8], [['1140', 'company'], 0.7], [['1220', 'joint'], 0.8], [['1222', 'joint'], 0.7],
  [['2130', 'branch'], 3], [['2100', 'branch'], 2], [['2150', 'branch'], 1], [['4540', 'sole'], 16],
  [['4531', 'partnership'], 1.5], [['4533', 'partnership'], 1], [['3200', 'collective'], 2], [['3100', 'state'], 0.5],
];
const COOPERATIVE_TYPE = '9100';

const isTrading = (trade: Trade) => /^5[12]/.test(trade.industries[0]!);

/**
 * A 企业类型 whose name form fits the trade: a 个人独资企业 is a 商行/经销部 in trade or
 * carries its shop or works name (an 个人独资 房地产开发经销部 would be odd); a 集体
 * enterprise is an old works or a trading company.
 */
function enterpriseTypeFor(trade: Trade, random: Random): readonly [string, Form] {
  for (;;) {
    const picked = random.weighted(ENTERPRISE_TYPES);
    const form = picked[1];
    if (form === 'sole' && !(trade.sole || trade.shop || isTrading(trade))) continue;
    if (form === 'collective' && !(trade.sole || isTrading(trade))) continue;
    return picked;
  }
}

// 字号: two characters from these lists, or one of the local words.
const BRAND_FIRST = [...'鑫晋宏瑞兴恒华润昌永嘉博天盛泰中富德聚宝金鸿众仁顺安福广亿凯荣明新康祥同益龙鼎万佳豪丰源达信诚'];
const BRAND_SECOND = [...'源丰达盛通晟泽泰和禾远成鼎顺信运诚昌辉旺腾发利隆安祥宇峰洋林'];
const LOCAL_BRANDS = ['泫氏', '长平', '丹河', '炎帝', '太行', '金泉', '神农', '丹泉', '羊头山', '七佛山', '米山', '高都'];
const SHOP_BRANDS =
  '老王 老李 老张 小刘 小郭 小申 顺心 惠民 好再来 兴隆 福满堂 佳佳 鑫鑫 乐乐 旺旺 家和 百姓 如意 吉祥 平安 诚信 康宁 众鑫 永兴 金鑫 利民 便民 同乐 一品 二宝 三友 四季 五福 六六 七彩 八方 九州 十全 红红 亮亮 东东 强强 美美 甜甜 阳光 好运来 聚福 缘来 有间 小巷 街角 邻家 老地方 晋味 乡村 农家 满堂红 开心 星星'.split(
    ' ',
  );
const SHOP_GIVEN = '建平 红霞 丽丽 晓燕 秀英 红梅 志刚 建军 国庆 海燕 文娟 小军 二明 三平 玉兰 春花 卫东 爱萍 俊峰 晓东'.split(' ');
const SURNAME_SHOPS = [...'王李张赵郭刘陈杨牛申秦毕常焦贾崔冯段郝武'];

function companyBrand(random: Random): string {
  if (random.chance(0.08)) return random.pick(LOCAL_BRANDS);
  const first = random.pick(BRAND_FIRST);
  let second = random.pick(BRAND_SECOND);
  while (second === first) second = random.pick(BRAND_SECOND);
  return first + second;
}

function shopBrand(random: Random): string {
  const r = random.next();
  if (r < 0.5) return random.pick(SHOP_BRANDS);
  if (r < 0.75) return random.pick(SHOP_GIVEN);
  if (r < 0.9) return `${random.pick(SURNAME_SHOPS)}记`;
  return companyBrand(random);
}

/** Year weights for 成立日期: few before 2005, most after 2014 (商事制度改革). */
function establishedOn(random: Random, subject: SubjectType, since = 1995): string {
  const first = Math.max(since, 1995);
  const year = random.weighted(
    Array.from({ length: 2025 - first + 1 }, (_, i) => {
      const y = first + i;
      const base = y < 2005 ? 1 : y < 2014 ? 3 : 6;
      const individualBoost = subject === 'individual' && y >= 2014 ? 1.6 : 1;
      const cooperativeShape = subject === 'cooperative' && y < 2007 ? 0 : 1; // 农民专业合作社法 took effect 2007-07-01
      return [y, base * individualBoost * cooperativeShape] as const;
    }),
  );
  return random.date(year === 2007 && subject === 'cooperative' ? '2007-07-01' : `${year}-01-01`, `${year}-12-31`);
}

// prettier-ignore
const REG_STATUS: Record<SubjectType, ReadonlyArray<readonly [string, number]>> = {
  enterprise: [['存续', 86], ['注销', 7], ['吊销', 5], ['迁出', 1.5], ['撤销', 0.5]],
  individual: [['存续', 88], ['注销', 9], ['吊销', 3]],
  cooperative: [['存续', 85], ['注销', 9], ['吊销', 6]],
};

// prettier-ignore
const RISK: Record<SubjectType | 'warned', ReadonlyArray<readonly [DemoEntity['risk_class'], number]>> = {
  enterprise: [['A', 40], ['B', 45], ['C', 10], ['D', 3], [null, 2]],
  cooperative: [['A', 40], ['B', 45], ['C', 10], ['D', 3], [null, 2]],
  individual: [[null, 70], ['A', 13], ['B', 13], ['C', 3], ['D', 1]],
  // 年报全0申报 / 一址多照 / 关联企业: risk-warning signals (seed 000 tasks 20–22)
  warned: [['A', 5], ['B', 40], ['C', 38], ['D', 17]],
};

function orgCode8(random: Random, legacy: boolean): string {
  // Codes issued before the 2015 reform reuse the old all-digit 组织机构代码; new ones are 'MA…'.
  if (legacy) return Array.from({ length: 8 }, () => random.int(0, 9)).join('');
  return `MA0${Array.from({ length: 5 }, () => random.pick(USCC_CHARS)).join('')}`;
}

const USCC_CHARS = [...USCC_CHARSET];
const USCC_TYPE: Record<SubjectType, string> = { enterprise: '1', individual: '2', cooperative: '3' };

export interface EntityMix {
  enterprise: number;
  individual: number;
  cooperative: number;
}

/** 企业 25%, 个体工商户 72%, 农民专业合作社 3% (shares of the county's entities). */
export const ENTITY_MIX: EntityMix = { enterprise: 0.25, individual: 0.72, cooperative: 0.03 };

/**
 * count market entities registered in county, deterministic for a given random stream.
 * Every entity's unit_code is the 市场监管所 of its township.
 */
export function generateEntities(county: DemoCounty, count: number, random: Random): DemoEntity[] {
  const cooperatives = Math.round(count * ENTITY_MIX.cooperative);
  const enterprises = Math.round(count * ENTITY_MIX.enterprise);
  const subjects: SubjectType[] = [
    ...Array<SubjectType>(enterprises).fill('enterprise'),
    ...Array<SubjectType>(count - enterprises - cooperatives).fill('individual'),
    ...Array<SubjectType>(cooperatives).fill('cooperative'),
  ];
  const order = random.sample(subjects, subjects.length);
  const countyShort = county.name.replace(/[市县区]$/, '');
  const cityShort = county.addressPrefix.replace(/^山西省/, '').replace(county.name, '');
  const townshipChoices = county.townships.map((t) => [t, t.weight] as const);
  // Farms and cooperatives sit in the 镇/乡, not in the town centre's 街道.
  const ruralChoices = townshipChoices.filter(([t]) => !t.name.endsWith('街道'));
  const usedCodes = new Set<string>();
  const usedNames = new Set<string>();

  const entities = order.map((subject): DemoEntity => {
    const trade = random.weighted(
      TRADES.map((t) => [t, t.weights[subject === 'enterprise' ? 0 : subject === 'individual' ? 1 : 2]] as const),
    );
    const farming = subject === 'cooperative' || trade.industries[0]!.startsWith('0');
    const township = random.weighted(farming && ruralChoices.length > 0 ? ruralChoices : townshipChoices);
    const established = establishedOn(random, subject, trade.since);
    const [enterpriseType, form]: readonly [string | null, Form | null] =
      subject === 'enterprise' ? enterpriseTypeFor(trade, random) : [subject === 'cooperative' ? COOPERATIVE_TYPE : null, null];
    const place = random.pick(township.places);

    let name = '';
    for (let attempt = 0; attempt < 40 && (name === '' || usedNames.has(name)); attempt++) {
      name = entityName({ random, subject, form, trade, county, countyShort, cityShort, township, place, fallback: attempt > 20 });
    }
    usedNames.add(name);

    let uscc = '';
    while (uscc === '' || usedCodes.has(uscc)) {
      const legacy = subject !== 'individual' && established < '2015-10-01';
      uscc = makeUscc({ authority: '9', type: USCC_TYPE[subject], division: county.code, orgCode8: orgCode8(random, legacy) });
    }
    usedCodes.add(uscc);

    const regStatus = random.weighted(REG_STATUS[subject]);
    const tags = new Set<string>();
    for (const [tag, p, only] of trade.tags ?? []) {
      if ((!only || only === subject) && random.chance(p)) tags.add(tag);
    }
    if (subject === 'enterprise' && trade.weights[1] > 0 && random.chance(0.04)) tags.add('电子商务经营者');
    if (subject === 'enterprise' && /^(1|2|3|0)/.test(trade.industries[0]!) && random.chance(0.12)) tags.add('自愿性认证');
    if (subject === 'enterprise' && regStatus === '存续' && random.chance(0.025)) tags.add('年报全0申报');

    return {
      region_code: county.code,
      uscc,
      name,
      subject_type: subject,
      enterprise_type: enterpriseType,
      reg_status: regStatus,
      established_on: established,
      address: address(random, county, township, place),
      legal_rep: personName(random),
      reg_authority: county.bureauName,
      unit_code: stationCode(county.code, township),
      industry_code: random.pick(trade.industries),
      tags: [...tags],
      risk_class: null,
      risk_class_since: null,
    };
  });

  markClusters(entities, random);
  for (const entity of entities) {
    if (entity.reg_status !== '存续') continue;
    const warned = entity.tags.some((t) => t === '年报全0申报' || t === '一址多照' || t === '关联企业');
    entity.risk_class = random.weighted(RISK[warned ? 'warned' : entity.subject_type]);
    entity.risk_class_since = entity.risk_class ? random.date('2026-01-05', '2026-10-30') : null;
  }
  // Tags in the vocabulary's order, so rows read the same way everywhere.
  for (const entity of entities) entity.tags.sort((a, b) => ENTITY_TAGS.indexOf(a as EntityTag) - ENTITY_TAGS.indexOf(b as EntityTag));
  return entities;
}

interface NameContext {
  random: Random;
  subject: SubjectType;
  form: Form | null;
  trade: Trade;
  county: DemoCounty;
  countyShort: string;
  cityShort: string;
  township: Township;
  /** The street or village of the address. */
  place: string;
  /** After many collisions: add the township to make the name unique. */
  fallback: boolean;
}

function entityName(ctx: NameContext): string {
  const { random, subject, form, trade, county, countyShort, township } = ctx;
  const extra = ctx.fallback ? township.short : ''; // makes a colliding name unique
  if (subject === 'cooperative') {
    const where = ctx.place.endsWith('村') && random.chance(0.5) ? ctx.place : companyBrand(random);
    return `${county.name}${extra}${where}${random.pick(trade.coop ?? ['种植'])}专业合作社`;
  }
  if (subject === 'individual') {
    const label = ctx.fallback || random.chance(0.35) ? (township.name.endsWith('街道') ? township.short : township.name) : '';
    return `${county.name}${label}${shopBrand(random)}${random.pick(trade.shop ?? ['经营部'])}`;
  }
  const word = random.pick(trade.company ?? trade.shop ?? ['商贸']);
  const brand = companyBrand(random);
  const prefix = random.weighted([
    [county.name, 88],
    ['山西', 8],
    [ctx.cityShort, 4],
  ] as const);
  switch (form) {
    case 'joint':
      return `${prefix}${extra}${brand}${word}股份有限公司`;
    case 'branch':
      return `山西${brand}${word}有限公司${countyShort}${extra || (random.chance(0.3) ? township.short : '')}分公司`;
    case 'sole': {
      const ending = trade.sole
        ? random.pick(trade.sole)
        : isTrading(trade)
          ? word + random.pick(['商行', '经销部', '门市部'])
          : random.pick(trade.shop ?? [word]);
      return `${county.name}${extra}${brand}${ending}`;
    }
    case 'partnership':
      return `${county.name}${extra}${brand}${word}中心（${random.chance(0.6) ? '普通' : '有限'}合伙）`;
    case 'collective':
      // 集体所有制: the old township works (米山铸造厂) and trading companies.
      return `${county.name}${township.short}${ctx.fallback ? brand : ''}${trade.sole ? random.pick(trade.sole) : `${word}公司`}`;
    case 'state':
      return `${county.name}${ctx.fallback ? brand : ''}${word}公司`;
    default:
      return `${prefix}${extra}${brand}${word}${random.chance(0.2) ? '有限责任公司' : '有限公司'}`;
  }
}

function address(random: Random, county: DemoCounty, township: Township, place: string): string {
  const street = township.name.endsWith('街道');
  const number = street || random.chance(0.5) ? `${random.int(1, street ? 360 : 120)}号` : '';
  return `${county.addressPrefix}${township.name}${place}${number}`;
}

/**
 * Risk-warning clusters (seed 000 tasks 21–22): 一址多照 — several enterprises registered
 * at one address; 关联企业 — several enterprises with one 法定代表人.
 */
function markClusters(entities: DemoEntity[], random: Random): void {
  const candidates = entities.filter((e) => e.subject_type === 'enterprise' && e.reg_status === '存续');
  const pool = random.sample(candidates, candidates.length);
  let next = 0;
  const take = (share: number, tag: EntityTag, field: 'address' | 'legal_rep') => {
    let remaining = Math.round(candidates.length * share);
    while (remaining >= 2 && next + 2 <= pool.length) {
      const size = Math.min(random.int(2, 4), remaining, pool.length - next);
      const cluster = pool.slice(next, next + size);
      next += size;
      remaining -= size;
      const anchor = cluster[0]!;
      for (const e of cluster) {
        e[field] = anchor[field];
        e.tags.push(tag);
        if (field === 'address') e.unit_code = anchor.unit_code; // same place, same 所
      }
    }
  };
  take(0.015, '一址多照', 'address');
  take(0.01, '关联企业', 'legal_rep');
}
