// The demo org tree: 山西省局 → 晋城/忻州/长治 市局 → county bureaus, each with its 股室
// (offices) and 市场监管所 (one station per 街道/镇/乡), plus the 原平 joint-inspection
// member departments (seed 004). Codes: bureaus use their GB/T 2260 region code, sub-units
// `${bureauCode}-${slug}`; path = ancestor codes joined by '.'.
//
// Real names: the bureaus, the 高平 股室 named in seed 002 (信用监管股, 法规股, 人事教育股),
// the 晋城 科室 named in seed 000, the 原平 departments of seed 004, and the 街道/镇/乡 of
// 高平市 (3 街道, 9 镇, 4 乡). Other 股室, the 原平/泽州/定襄 townships chosen, village and
// street names are plausible but not checked against an official list.
import type { Insertable } from 'kysely';
import type { OrgUnitTable } from '../db/schema.ts';

export type DemoOrgUnit = Insertable<OrgUnitTable> & {
  parent_code: string | null;
  path: string;
  dept_type: string | null;
  sort_order: number;
};

export interface Township {
  /** e.g. '米山镇', '北城街道' */
  name: string;
  /** Name part used in the 所's name, e.g. '米山' */
  short: string;
  slug: string;
  /** Relative share of the county's market entities. */
  weight: number;
  /** Villages (镇/乡) or streets (街道) for addresses. */
  places: readonly string[];
}

export interface DemoCounty {
  code: string;
  name: string;
  /** '山西省晋城市高平市': prefix of addresses */
  addressPrefix: string;
  bureauName: string;
  townships: readonly Township[];
}

interface Office {
  slug: string;
  name: string;
  short?: string;
}

interface Department {
  slug: string;
  name: string;
  short: string;
  deptType: string;
}

interface BureauSpec {
  code: string;
  name: string;
  short: string;
  kind: 'province' | 'city' | 'county';
  offices: readonly Office[];
  townships?: readonly Township[];
  departments?: readonly Department[];
  children?: readonly BureauSpec[];
}

// Generic village names for the places whose real villages are not listed here.
const GENERIC_VILLAGES = ['东庄村', '西庄村', '南庄村', '北庄村', '河东村', '王家庄村', '李家庄村', '张家庄村', '后沟村', '前街村'];

function township(name: string, slug: string, weight: number, places: readonly string[] = []): Township {
  const short = name.replace(/(街道|镇|乡)$/, '');
  if (name.endsWith('街道') || places.length >= 4) return { name, short, slug, weight, places };
  // A 镇/乡 is usually named after the village it sits in.
  const seat = places.length > 0 ? places : [short.endsWith('村') ? short : `${short}村`];
  return { name, short, slug, weight, places: [...seat, ...GENERIC_VILLAGES.slice(0, 6)] };
}

// 高平市: 3 街道, 9 镇, 4 乡. Weights: the town centre (街道) holds most businesses.
const GAOPING_TOWNSHIPS: readonly Township[] = [
  township('北城街道', 'beicheng', 14, ['长平西街', '泫氏街', '建设北路', '北环路', '府底街', '神农路']),
  township('东城街道', 'dongcheng', 12, ['长平东街', '康乐街', '东环路', '丹河路', '友谊街']),
  township('南城街道', 'nancheng', 10, ['建设南路', '南环路', '和平街', '永安街', '新华街']),
  township('米山镇', 'mishan', 7, ['米西村', '米东村', '南朱庄村', '董寨村', '祁寨村', '郭村', '孝义村', '三王村', '石桥口村']),
  township('三甲镇', 'sanjia', 5),
  township('神农镇', 'shennong', 5, ['团池村']),
  township('陈区镇', 'chenqu', 6),
  township('北诗镇', 'beishi', 4, ['北诗午村']),
  township('河西镇', 'hexi', 5),
  township('马村镇', 'macun', 5, ['马村']),
  township('野川镇', 'yechuan', 4),
  township('寺庄镇', 'sizhuang', 5),
  township('建宁乡', 'jianning', 2),
  township('石末乡', 'shimo', 3),
  township('原村乡', 'yuancun', 3, ['原村']),
  township('永录乡', 'yonglu', 2),
];

const YUANPING_TOWNSHIPS: readonly Township[] = [
  township('北城街道', 'beicheng', 12, ['前进西街', '京原路', '永康路', '平安大街']),
  township('南城街道', 'nancheng', 10, ['青年街', '和谐路', '建设街', '教育路', '体育路']),
  township('吉祥街道', 'jixiang', 5, ['沙河桥路', '吉祥路']),
  township('新原街道', 'xinyuan', 7, ['京原南路', '新华街', '解放街', '太平街']),
  township('崞阳镇', 'guoyang', 5),
  township('轩岗镇', 'xuangang', 4),
  township('苏龙口镇', 'sulongkou', 2, ['苏龙口村', '郭家庄村', '下长乐村']),
  township('大牛店镇', 'daniudian', 3),
  township('闫庄镇', 'yanzhuang', 3),
  township('东社镇', 'dongshe', 2),
  township('长梁沟镇', 'changlianggou', 2),
  township('子干乡', 'zigan', 2),
];

const ZEZHOU_TOWNSHIPS: readonly Township[] = [
  township('巴公镇', 'bagong', 6),
  township('高都镇', 'gaodu', 4),
  township('南村镇', 'nancun', 4),
  township('大阳镇', 'dayang', 4),
  township('下村镇', 'xiacun', 3),
  township('金村镇', 'jincun', 4),
];

const DINGXIANG_TOWNSHIPS: readonly Township[] = [
  township('晋昌镇', 'jinchang', 5),
  township('河边镇', 'hebian', 3),
  township('宏道镇', 'hongdao', 2),
];

// Seed 002 names 信用监管股, 法规股 and 人事教育股; the other lines follow its plan table
// (food, quality, metrology, special equipment, ads, e-commerce, IP, certification …).
const GAOPING_OFFICES: readonly Office[] = [
  { slug: 'bgs', name: '办公室' },
  { slug: 'xyjg', name: '信用监管股' },
  { slug: 'fg', name: '法规股' },
  { slug: 'rsjy', name: '人事教育股' },
  { slug: 'djzc', name: '登记注册股' },
  { slug: 'spsc', name: '食品生产股' },
  { slug: 'splt', name: '食品流通股' },
  { slug: 'cyfw', name: '餐饮服务股' },
  { slug: 'tzsb', name: '特种设备股' },
  { slug: 'zl', name: '质量股' },
  { slug: 'jl', name: '计量股' },
  { slug: 'rzrk', name: '认证认可与标准化股' },
  { slug: 'gg', name: '广告股' },
  { slug: 'wljy', name: '网络交易股' },
  { slug: 'jg', name: '价格股' },
  { slug: 'zscq', name: '知识产权股' },
  { slug: 'ypqx', name: '药品医疗器械股' },
  { slug: 'xbwq', name: '消费者权益保护股' },
  { slug: 'zhzf', name: '综合行政执法队' },
];

// Seed 004: the 发起部门/配合部门 of 原平's 2024 joint plan, by their names there.
const YUANPING_DEPARTMENTS: readonly Department[] = [
  { slug: 'tj', name: '原平市统计局', short: '统计局', deptType: '统计' },
  { slug: 'zj', name: '原平市住房和城乡建设管理局', short: '住建局', deptType: '住建' },
  { slug: 'jy', name: '原平市教育科技局', short: '教科局', deptType: '教育' },
  { slug: 'sthj', name: '忻州市生态环境局原平分局', short: '生态环境分局', deptType: '生态环境' },
  { slug: 'ga', name: '原平市公安局', short: '公安局', deptType: '公安' },
  { slug: 'wjt', name: '原平市卫生健康和体育局', short: '卫体局', deptType: '卫健' },
  { slug: 'xf', name: '原平市消防救援大队', short: '消防大队', deptType: '消防' },
  { slug: 'qx', name: '山西省原平市气象局', short: '气象局', deptType: '气象' },
  { slug: 'yj', name: '原平市应急管理局', short: '应急局', deptType: '应急' },
  { slug: 'wl', name: '原平市文化和旅游局', short: '文旅局', deptType: '文旅' },
  { slug: 'jt', name: '原平市交通运输局', short: '交通局', deptType: '交通' },
  { slug: 'yc', name: '原平市烟草专卖局', short: '烟草局', deptType: '烟草' },
  { slug: 'ny', name: '原平市农业农村局', short: '农业农村局', deptType: '农业' },
];

const SHANXI: BureauSpec = {
  code: '140000',
  name: '山西省市场监督管理局',
  short: '山西省局',
  kind: 'province',
  offices: [
    { slug: 'xyjg', name: '信用监督管理处' },
    { slug: 'spjy', name: '食品经营安全监督管理处' },
  ],
  children: [
    {
      code: '140500',
      name: '晋城市市场监督管理局',
      short: '晋城市局',
      kind: 'city',
      // The 科室 named in seed 000 (信用科, 食品生产科, 食品流通科, 餐饮监管科, 计量科, 认证科, 标准管理科, 双反科).
      offices: [
        { slug: 'xyjg', name: '信用监管科' },
        { slug: 'spsc', name: '食品生产科' },
        { slug: 'splt', name: '食品流通科' },
        { slug: 'cyjg', name: '餐饮监管科' },
        { slug: 'zljg', name: '质量监管科' },
        { slug: 'jl', name: '计量科' },
        { slug: 'rz', name: '认证认可科' },
        { slug: 'bz', name: '标准化管理科' },
        { slug: 'sf', name: '反垄断与反不正当竞争科' },
      ],
      children: [
        {
          code: '140581',
          name: '高平市市场监督管理局',
          short: '高平市局',
          kind: 'county',
          offices: GAOPING_OFFICES,
          townships: GAOPING_TOWNSHIPS,
        },
        {
          code: '140525',
          name: '泽州县市场监督管理局',
          short: '泽州县局',
          kind: 'county',
          offices: [
            { slug: 'xyjg', name: '信用监管股' },
            { slug: 'splt', name: '食品流通股' },
            { slug: 'tzsb', name: '特种设备股' },
          ],
          townships: ZEZHOU_TOWNSHIPS,
        },
      ],
    },
    {
      code: '140900',
      name: '忻州市市场监督管理局',
      short: '忻州市局',
      kind: 'city',
      offices: [
        { slug: 'xyjg', name: '信用监管科' },
        { slug: 'spjy', name: '食品经营监管科' },
      ],
      children: [
        {
          code: '140981',
          name: '原平市市场监督管理局',
          short: '原平市局',
          kind: 'county',
          offices: [
            { slug: 'bgs', name: '办公室' },
            { slug: 'xyjg', name: '信用监管股' },
            { slug: 'fg', name: '法规股' },
            { slug: 'spjy', name: '食品经营股' },
            { slug: 'tzsb', name: '特种设备股' },
            { slug: 'jl', name: '计量股' },
          ],
          townships: YUANPING_TOWNSHIPS,
          departments: YUANPING_DEPARTMENTS,
        },
        {
          code: '140921',
          name: '定襄县市场监督管理局',
          short: '定襄县局',
          kind: 'county',
          offices: [{ slug: 'xyjg', name: '信用监管股' }],
          townships: DINGXIANG_TOWNSHIPS,
        },
      ],
    },
    {
      code: '140400',
      name: '长治市市场监督管理局',
      short: '长治市局',
      kind: 'city',
      offices: [{ slug: 'xyjg', name: '信用监管科' }],
      children: [
        {
          code: '140403',
          name: '长治市潞州区市场监督管理局',
          short: '潞州区局',
          kind: 'county',
          offices: [{ slug: 'xyjg', name: '信用监管股' }],
        },
      ],
    },
  ],
};

/** Code of the 市场监管所 for a township of a county. */
export function stationCode(countyCode: string, township: Township): string {
  return `${countyCode}-${township.slug}`;
}

function stationName(bureauName: string, township: Township): string {
  return `${bureauName}${township.short}市场监管所`;
}

/** All org units, parents before children. */
export function buildOrgTree(): DemoOrgUnit[] {
  const units: DemoOrgUnit[] = [];
  const visit = (spec: BureauSpec, parent: DemoOrgUnit | null, sortOrder: number) => {
    const bureau: DemoOrgUnit = {
      code: spec.code,
      name: spec.name,
      short_name: spec.short,
      kind: spec.kind,
      parent_code: parent?.code ?? null,
      path: parent ? `${parent.path}.${spec.code}` : spec.code,
      region_code: spec.code,
      dept_type: null,
      sort_order: sortOrder,
    };
    units.push(bureau);
    let order = 0;
    const child = (slug: string, name: string, short: string, kind: DemoOrgUnit['kind'], deptType: string | null = null) => {
      const code = `${spec.code}-${slug}`;
      units.push({
        code,
        name,
        short_name: short,
        kind,
        parent_code: spec.code,
        path: `${bureau.path}.${code}`,
        region_code: spec.code,
        dept_type: deptType,
        sort_order: order++,
      });
    };
    for (const office of spec.offices) child(office.slug, `${spec.name}${office.name}`, office.short ?? office.name, 'office');
    for (const t of spec.townships ?? []) child(t.slug, stationName(spec.name, t), `${t.short}所`, 'station');
    for (const d of spec.departments ?? []) child(d.slug, d.name, d.short, 'department', d.deptType);
    for (const c of spec.children ?? []) visit(c, bureau, order++);
  };
  visit(SHANXI, null, 0);
  return units;
}

function findBureau(spec: BureauSpec, code: string): BureauSpec | undefined {
  if (spec.code === code) return spec;
  for (const c of spec.children ?? []) {
    const found = findBureau(c, code);
    if (found) return found;
  }
  return undefined;
}

/** The county profile (townships, address prefix) for entity and inspector generation. */
export function demoCounty(code: string): DemoCounty {
  const spec = findBureau(SHANXI, code);
  if (!spec || spec.kind !== 'county' || !spec.townships) throw new Error(`演示数据中没有县级单位 ${code}`);
  const city = SHANXI.children?.find((c) => c.children?.some((k) => k.code === code));
  const countyName = spec.name.replace(/市场监督管理局$/, '').replace(/^长治市/, '');
  const cityName = city!.name.replace(/市场监督管理局$/, '');
  return {
    code,
    name: countyName,
    addressPrefix: `山西省${cityName}${countyName}`,
    bureauName: spec.name,
    townships: spec.townships,
  };
}

/** Counties that get market entities and inspectors in the demo. */
export const DEMO_COUNTY_CODES = {
  gaoping: '140581',
  yuanping: '140981',
  zezhou: '140525',
} as const;
