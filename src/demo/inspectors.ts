// Synthetic 执法检查人员名录库 rows (inspector) for a county bureau: ~85% 执法人员 with a
// 执法证 (a few expired or not yet issued), ~15% 专业技术人员 without one; spread over the
// 股室 that inspect and the 市场监管所; mostly 在岗, a few 调离/退休 (seed 002: the
// directory follows 执法资格证, 调动 and 退休). People are invented.
import type { Insertable } from 'kysely';
import { SUGGESTED_SPECIALTIES } from '../core/inspectors/specialties.ts';
import type { InspectorTable } from '../db/schema.ts';
import type { DemoOrgUnit } from './orgTree.ts';
import { personName, type Gender } from './people.ts';
import type { Random } from './random.ts';

/** 业务专长 vocabulary: the ones the console suggests, and two back-office lines. */
export const INSPECTOR_SPECIALTIES = [...SUGGESTED_SPECIALTIES, '法制审核', '财务审计'] as const;
export type Specialty = (typeof INSPECTOR_SPECIALTIES)[number];

export type DemoInspector = Insertable<InspectorTable> & {
  id: string;
  unit_code: string;
  category: 'enforcement' | 'expert';
  specialties: string[];
  qualifications: string[];
  status: '在岗' | '调离' | '退休';
};

/** Someone who must appear in the directory (e.g. the demo inspector account). */
export interface NamedInspector {
  name: string;
  unitCode: string;
  gender: Gender;
}

// What each 股室 (by slug) inspects; 股室 not listed here (办公室, 人事教育) have no inspectors.
const OFFICE_SPECIALTIES: Readonly<Record<string, readonly Specialty[]>> = {
  xyjg: ['信用监管', '登记注册'],
  fg: ['法制审核'],
  djzc: ['登记注册'],
  spsc: ['食品安全'],
  splt: ['食品安全'],
  cyfw: ['食品安全'],
  spjy: ['食品安全'],
  tzsb: ['特种设备'],
  zl: ['产品质量'],
  jl: ['计量'],
  rzrk: ['认证认可', '标准化'],
  gg: ['广告'],
  wljy: ['网络交易'],
  jg: ['价格'],
  zscq: ['知识产权'],
  ypqx: ['药品医疗器械'],
  xbwq: ['消费者权益保护'],
  zhzf: ['食品安全', '价格', '广告', '产品质量'],
};
// A 所 does a bit of everything, food first.
const STATION_EXTRAS: readonly Specialty[] = [
  '登记注册',
  '网络交易',
  '广告',
  '价格',
  '计量',
  '特种设备',
  '产品质量',
  '消费者权益保护',
  '药品医疗器械',
];

const QUALIFICATION_BY_SPECIALTY: Partial<Record<Specialty, string>> = {
  特种设备: '特种设备安全监察员',
  食品安全: '食品安全检查员',
  计量: '计量监督员',
  药品医疗器械: '药品检查员',
  认证认可: '认证执法检查员',
};
// 专业技术人员: their field and certificate.
const EXPERT_FIELDS: ReadonlyArray<readonly [Specialty, string, string]> = [
  ['特种设备', '特种设备检验员', '工程师'],
  ['计量', '计量检定员', '工程师'],
  ['食品安全', '食品检验员', '检验员'],
  ['产品质量', '产品质量检验员', '高级工程师'],
  ['财务审计', '注册会计师', '会计师'],
];

/**
 * count inspectors for the county bureau `countyCode`, spread over its offices and
 * stations (each 所 gets at least two, each inspecting 股室 at least one).
 */
export function generateInspectors(
  countyCode: string,
  units: readonly DemoOrgUnit[],
  count: number,
  random: Random,
  named: readonly NamedInspector[] = [],
): DemoInspector[] {
  const own = units.filter((u) => u.parent_code === countyCode);
  const stations = own.filter((u) => u.kind === 'station');
  const offices = own.filter((u) => u.kind === 'office' && OFFICE_SPECIALTIES[slugOf(u)] !== undefined);
  if (stations.length + offices.length === 0) throw new Error(`${countyCode} 没有可以安排检查人员的股室或市场监管所`);

  // Minimums first, then the rest weighted toward the 所 (most routine inspections happen there).
  const homes: DemoOrgUnit[] = [...stations, ...stations, ...offices];
  const weights = [...stations.map((u) => [u, 4] as const), ...offices.map((u) => [u, 1.6] as const)];
  const total = Math.max(count, named.length);
  while (homes.length < total) homes.push(random.weighted(weights));
  homes.length = total;

  const certBase = random.int(1000, 3000);
  const leaders = new Set<string>();
  return homes.map((unit, index): DemoInspector => {
    const person = named[index];
    const home = person ? (units.find((u) => u.code === person.unitCode) ?? unit) : unit;
    const gender: Gender = person?.gender ?? (random.chance(0.62) ? '男' : '女');
    const name = person?.name ?? personName(random, gender);
    const isExpert = !person && random.chance(0.15);
    const status = person ? '在岗' : random.weighted(STATUSES);
    const statusSince =
      status === '调离' ? random.date('2025-03-01', '2026-10-30') : status === '退休' ? random.date('2024-01-01', '2026-10-30') : null;

    if (isExpert) {
      const [field, certificate, title] = random.pick(EXPERT_FIELDS);
      return row(random, {
        home,
        name,
        gender,
        category: 'expert',
        position: title,
        specialties: [field],
        qualifications: [certificate],
        status,
        statusSince,
      });
    }

    const specialties =
      home.kind === 'station'
        ? ['食品安全', ...random.sample(STATION_EXTRAS, random.int(1, 2))]
        : [...random.sample(OFFICE_SPECIALTIES[slugOf(home)] ?? ['食品安全'], 2)];
    const qualifications = ['行政执法证', ...specialties.flatMap((s) => QUALIFICATION_BY_SPECIALTY[s as Specialty] ?? [])];
    // A few 执法证 have lapsed or are not issued yet (the directory must notice: seed 002).
    const certState = person ? 'valid' : random.weighted(CERT_STATES);
    const certNo = `${countyCode}20${String(certBase + index).padStart(4, '0')}`;
    // The first regular person of a unit leads it.
    const leads = !person && !leaders.has(home.code);
    if (leads) leaders.add(home.code);
    return row(random, {
      home,
      name,
      gender,
      category: 'enforcement',
      position: leads ? (home.kind === 'station' ? '所长' : '股长') : random.weighted(RANKS),
      specialties,
      qualifications: certState === 'missing' ? qualifications.filter((q) => q !== '行政执法证') : qualifications,
      certNo: certState === 'missing' ? null : certNo,
      certExpiresOn: certExpiry(random, certState),
      status,
      statusSince,
    });
  });
}

type CertState = 'valid' | 'expired' | 'missing';
// prettier-ignore
const CERT_STATES: ReadonlyArray<readonly [CertState, number]> = [['valid', 92], ['expired', 5], ['missing', 3]];
// prettier-ignore
const RANKS: ReadonlyArray<readonly [string, number]> = [['一级科员', 3], ['四级主任科员', 3], ['三级主任科员', 2], ['执法队员', 2]];
// prettier-ignore
const STATUSES: ReadonlyArray<readonly [DemoInspector['status'], number]> = [['在岗', 94], ['调离', 4], ['退休', 2]];

function certExpiry(random: Random, state: CertState): string | null {
  if (state === 'missing') return null;
  return state === 'expired' ? random.date('2024-06-01', '2026-10-31') : random.date('2026-12-01', '2031-06-30');
}

function slugOf(unit: DemoOrgUnit): string {
  return unit.code.slice(unit.code.indexOf('-') + 1);
}

interface RowInput {
  home: DemoOrgUnit;
  name: string;
  gender: Gender;
  category: 'enforcement' | 'expert';
  position: string;
  specialties: string[];
  qualifications: string[];
  certNo?: string | null;
  certExpiresOn?: string | null;
  status: DemoInspector['status'];
  statusSince: string | null;
}

function row(random: Random, input: RowInput): DemoInspector {
  return {
    unit_code: input.home.code,
    id: random.uuid(),
    name: input.name,
    gender: input.gender,
    category: input.category,
    cert_no: input.certNo ?? null,
    cert_expires_on: input.certExpiresOn ?? null,
    position: input.position,
    specialties: input.specialties,
    qualifications: input.qualifications,
    region_code: input.home.region_code,
    status: input.status,
    status_since: input.statusSince,
  };
}
