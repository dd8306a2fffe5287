// Demo 其他检查对象（产品/项目/行为/标准）(seed 003 一(一)): the products (工业产品 batches,
// 特种设备, 计量器具), projects (建设/改造工程) and behaviours (广告发布, 网络交易, 明码标价 …)
// a county keeps next to its market entities, for 高平, 泽州, 原平 and the 晋城 city bureau.
// Many are linked to a demo entity of the right trade (加油站, 广告经营者 …). Deterministic:
// the same rows on every run (src/demo/random.ts).
import type { Insertable, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ObjectKind } from '../core/glossary.ts';
import { formatSystemObjectCode } from '../core/directoryObjects/objectCode.ts';
import { createRandom, DEMO_SEED } from './random.ts';

interface ObjectTemplate {
  kind: ObjectKind;
  name: string;
  description: string;
  industryCode: string | null;
  tags: string[];
  /** Link to an entity carrying this tag (in the owner's region), when there is one. */
  entityTag?: string;
  /** The kind of code the unit already uses, else a system code. */
  ownCode?: 'licence' | 'investment';
}

const TEMPLATES: readonly ObjectTemplate[] = [
  {
    kind: 'product',
    name: '钢丝绳',
    description: '生产许可证管理的工业产品，按批次抽查',
    industryCode: '3340',
    tags: ['工业产品', '生产许可证管理产品'],
    ownCode: 'licence',
  },
  {
    kind: 'product',
    name: '电线电缆',
    description: '生产许可证管理的工业产品，按批次抽查',
    industryCode: '3831',
    tags: ['工业产品', '生产许可证管理产品'],
    ownCode: 'licence',
  },
  {
    kind: 'product',
    name: '水泥',
    description: '生产许可证管理的工业产品',
    industryCode: '3011',
    tags: ['工业产品', '生产许可证管理产品'],
    ownCode: 'licence',
  },
  {
    kind: 'product',
    name: '家用燃气灶具',
    description: '强制性产品认证（CCC）目录内产品，流通领域抽查',
    industryCode: '3861',
    tags: ['工业产品', 'CCC认证产品'],
  },
  { kind: 'product', name: '塑料购物袋', description: '流通领域商品质量抽查', industryCode: '2921', tags: ['工业产品', '塑料污染治理'] },
  {
    kind: 'product',
    name: '乘客电梯',
    description: '在用特种设备（电梯）',
    industryCode: '3435',
    tags: ['特种设备', '电梯'],
    entityTag: '特种设备使用单位',
  },
  {
    kind: 'product',
    name: '储气罐（压力容器）',
    description: '在用特种设备（固定式压力容器）',
    industryCode: null,
    tags: ['特种设备', '压力容器'],
    entityTag: '特种设备使用单位',
  },
  {
    kind: 'product',
    name: '燃油加油机',
    description: '强制检定的计量器具',
    industryCode: '5265',
    tags: ['计量器具', '强制检定'],
    entityTag: '加油站',
  },
  {
    kind: 'project',
    name: '农贸市场提质改造项目',
    description: '集贸市场改造，涉及计量、食品安全',
    industryCode: '4790',
    tags: ['建设项目', '集贸市场'],
    ownCode: 'investment',
  },
  {
    kind: 'project',
    name: '加油站改扩建工程',
    description: '涉及压力管道、计量器具安装',
    industryCode: '4999',
    tags: ['建设项目', '特种设备安装改造修理'],
    entityTag: '加油站',
    ownCode: 'investment',
  },
  {
    kind: 'project',
    name: '住宅小区电梯安装工程',
    description: '特种设备安装告知及监督检验',
    industryCode: '4920',
    tags: ['特种设备安装改造修理', '电梯'],
    entityTag: '特种设备使用单位',
  },
  {
    kind: 'project',
    name: '城区燃气管道改造工程',
    description: '压力管道安装',
    industryCode: '4852',
    tags: ['建设项目', '压力管道'],
    ownCode: 'investment',
  },
  {
    kind: 'project',
    name: '老旧小区改造工程',
    description: '政府投资建设项目',
    industryCode: '4790',
    tags: ['建设项目'],
    ownCode: 'investment',
  },
  { kind: 'project', name: '学校食堂明厨亮灶项目', description: '校园食品安全', industryCode: null, tags: ['食品安全', '校园'] },
  { kind: 'project', name: '燃煤锅炉节能改造项目', description: '特种设备（锅炉）改造', industryCode: '4920', tags: ['特种设备', '节能'] },
  {
    kind: 'behavior',
    name: '户外广告发布行为',
    description: '户外广告内容及发布登记',
    industryCode: '7259',
    tags: ['广告发布'],
    entityTag: '广告经营者',
  },
  {
    kind: 'behavior',
    name: '互联网广告发布行为',
    description: '互联网广告可识别性、内容合规',
    industryCode: '7251',
    tags: ['广告发布', '互联网广告'],
    entityTag: '广告经营者',
  },
  {
    kind: 'behavior',
    name: '网络交易行为',
    description: '网店亮照亮证、商品信息披露',
    industryCode: '5292',
    tags: ['网络交易'],
    entityTag: '电子商务经营者',
  },
  {
    kind: 'behavior',
    name: '网络直播营销行为',
    description: '直播带货中的商品质量与广告宣传',
    industryCode: '5292',
    tags: ['网络交易', '直播带货'],
    entityTag: '电子商务经营者',
  },
  {
    kind: 'behavior',
    name: '计量器具使用行为',
    description: '加油机强制检定、计量作弊',
    industryCode: '5265',
    tags: ['计量'],
    entityTag: '加油站',
  },
  { kind: 'behavior', name: '明码标价行为', description: '商品和服务价格公示', industryCode: null, tags: ['价格'] },
  { kind: 'behavior', name: '商品条码使用行为', description: '商品条码注册与使用', industryCode: null, tags: ['标准化', '商品条码'] },
];

/** The owners and how many of the templates each keeps (高平 all of them, the others a few). */
const OWNERS: ReadonlyArray<{ unitCode: string; take: number }> = [
  { unitCode: '140581', take: TEMPLATES.length },
  { unitCode: '140525', take: 7 },
  { unitCode: '140981', take: 6 },
  { unitCode: '140500', take: 5 },
];

const DEMO_YEAR = 2026;

/** Writes the demo objects; returns how many. Needs the demo org tree and entities. */
export async function loadDemoDirectoryObjects(trx: Transaction<DB>): Promise<number> {
  const random = createRandom(DEMO_SEED).fork('directoryObjects');
  const rows: Array<Insertable<DB['directory_object']>> = [];
  for (const owner of OWNERS) {
    const unit = await trx.selectFrom('org_unit').select(['code', 'region_code']).where('code', '=', owner.unitCode).executeTakeFirst();
    if (!unit) continue;
    const stations = await trx
      .selectFrom('org_unit')
      .select('code')
      .where('parent_code', '=', owner.unitCode)
      .where('kind', '=', 'station')
      .orderBy('code')
      .execute();
    // A city bureau's entities are its counties'; a county's are its own region's.
    const entities = await trx
      .selectFrom('market_entity')
      .select(['uscc', 'name', 'tags', 'region_code'])
      .where(
        'region_code',
        'like',
        unit.region_code.trim().endsWith('00') ? `${unit.region_code.trim().slice(0, 4)}%` : unit.region_code.trim(),
      )
      .where('reg_status', 'in', ['存续', '在业'])
      .orderBy('uscc')
      .limit(3000)
      .execute();
    const serials = new Map<string, number>();
    const templates = random.fork(owner.unitCode).sample(TEMPLATES, owner.take);
    for (const t of templates) {
      const r = random.fork(`${owner.unitCode}:${t.kind}:${t.name}`);
      const candidates = t.entityTag ? entities.filter((e) => e.tags.includes(t.entityTag!)) : [];
      const entity = candidates.length ? r.pick(candidates) : null;
      const unitCode = stations.length && r.chance(0.5) ? r.pick(stations).code : owner.unitCode;
      const regionCode = entity ? entity.region_code.trim() : unit.region_code.trim();
      let code: string;
      if (t.ownCode === 'licence') code = `XK${r.pick(['06', '13', '16'])}-${r.int(100, 999)}-${String(r.int(1, 99999)).padStart(5, '0')}`;
      else if (t.ownCode === 'investment')
        code = `${DEMO_YEAR - r.int(0, 2)}-${regionCode}-${r.pick(['47', '48', '49'])}-${r.pick(['01', '02', '03'])}-${String(r.int(1, 999999)).padStart(6, '0')}`;
      else {
        const series = `${t.kind}:${regionCode}`;
        const serial = (serials.get(series) ?? 0) + 1;
        serials.set(series, serial);
        code = formatSystemObjectCode({ kind: t.kind, regionCode, year: DEMO_YEAR, serial });
      }
      // A finished project stays in the directory, 停用 (kept for the records, not drawn).
      const inactive = t.name === '老旧小区改造工程';
      rows.push({
        unit_code: unitCode,
        id: r.uuid(),
        object_kind: t.kind,
        object_code: code,
        name: entity ? `${t.name}（${entity.name}）`.slice(0, 100) : t.kind === 'product' ? `${t.name}（${DEMO_YEAR}年抽查批次）` : t.name,
        description: t.description,
        uscc: entity?.uscc ?? null,
        region_code: regionCode,
        industry_code: t.industryCode,
        tags: t.tags,
        status: inactive ? 'inactive' : 'active',
        status_since: inactive ? `${DEMO_YEAR}-06-30` : null,
      });
    }
  }
  if (rows.length) await trx.insertInto('directory_object').values(rows).execute();
  return rows.length;
}
