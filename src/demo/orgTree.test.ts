import { describe, expect, it } from 'vitest';
import { readReferenceData } from '../db/reference-data.ts';
import { buildOrgTree, DEMO_COUNTY_CODES, demoCounty, stationCode } from './orgTree.ts';

const units = buildOrgTree();
const byCode = new Map(units.map((u) => [u.code, u]));

describe('buildOrgTree', () => {
  it('has unique codes of the documented shape, parents listed before their children', () => {
    expect(byCode.size).toBe(units.length);
    const seen = new Set<string>();
    for (const unit of units) {
      expect(unit.code).toMatch(/^\d{6}(-[a-z0-9]+)?$/);
      if (unit.parent_code) expect(seen.has(unit.parent_code)).toBe(true);
      seen.add(unit.code);
    }
  });

  it('keeps every path equal to the parent path plus the own code, and only the province without a parent', () => {
    for (const unit of units) {
      const parent = unit.parent_code ? byCode.get(unit.parent_code) : undefined;
      expect(unit.path).toBe(parent ? `${parent.path}.${unit.code}` : unit.code);
      expect(unit.kind === 'province').toBe(unit.parent_code === null);
    }
    expect(byCode.get('140581-xyjg')?.path).toBe('140000.140500.140581.140581-xyjg');
  });

  it('gives bureaus their own region and sub-units the region of their bureau, all real divisions', () => {
    const divisions = new Set(readReferenceData().divisions.map((d) => d.code));
    for (const unit of units) {
      expect(divisions.has(unit.region_code)).toBe(true);
      if (['province', 'city', 'county'].includes(unit.kind)) expect(unit.region_code).toBe(unit.code);
      else expect(unit.region_code).toBe(unit.parent_code);
    }
  });

  it('nests bureaus province → city → county and sub-units under a bureau', () => {
    const parentKind = { province: null, city: 'province', county: 'city' } as const;
    for (const unit of units) {
      const parent = unit.parent_code ? byCode.get(unit.parent_code)! : null;
      if (unit.kind in parentKind) expect(parent?.kind ?? null).toBe(parentKind[unit.kind as keyof typeof parentKind]);
      else expect(['province', 'city', 'county']).toContain(parent!.kind);
    }
  });

  it('has the 高平 股室 of seed 002 and one 市场监管所 per 街道/镇/乡', () => {
    const gaoping = units.filter((u) => u.parent_code === '140581');
    const offices = gaoping.filter((u) => u.kind === 'office').map((u) => u.short_name);
    expect(offices).toEqual(expect.arrayContaining(['信用监管股', '法规股', '人事教育股', '食品流通股', '特种设备股', '计量股']));
    const stations = gaoping.filter((u) => u.kind === 'station');
    expect(stations).toHaveLength(16);
    expect(byCode.get('140581-mishan')).toMatchObject({ name: '高平市市场监督管理局米山市场监管所', kind: 'station' });
    expect(demoCounty('140581').townships.map((t) => t.name)).toEqual([
      '北城街道',
      '东城街道',
      '南城街道',
      '米山镇',
      '三甲镇',
      '神农镇',
      '陈区镇',
      '北诗镇',
      '河西镇',
      '马村镇',
      '野川镇',
      '寺庄镇',
      '建宁乡',
      '石末乡',
      '原村乡',
      '永录乡',
    ]);
  });

  it('puts the 原平 joint-inspection member departments of seed 004 under the 原平 bureau', () => {
    const departments = units.filter((u) => u.kind === 'department');
    expect(departments.every((d) => d.parent_code === '140981' && d.dept_type)).toBe(true);
    expect(departments.map((d) => d.name)).toEqual(
      expect.arrayContaining(['原平市住房和城乡建设管理局', '原平市教育科技局', '原平市公安局', '原平市消防救援大队', '原平市烟草专卖局']),
    );
    expect(byCode.get('140981-zj')).toMatchObject({ dept_type: '住建', short_name: '住建局' });
  });

  it('has siblings at every level, so scoping can be tested', () => {
    expect(units.filter((u) => u.kind === 'city').map((u) => u.code)).toEqual(['140500', '140900', '140400']);
    expect(units.filter((u) => u.parent_code === '140500' && u.kind === 'county').map((u) => u.code)).toEqual(['140581', '140525']);
    expect(units.filter((u) => u.parent_code === '140900' && u.kind === 'county').map((u) => u.code)).toEqual(['140981', '140921']);
  });

  it('gives each demo county stations for all its townships', () => {
    for (const code of Object.values(DEMO_COUNTY_CODES)) {
      const county = demoCounty(code);
      expect(county.addressPrefix).toMatch(/^山西省..市..[市县]$/);
      for (const t of county.townships) expect(byCode.get(stationCode(code, t))?.kind).toBe('station');
    }
    expect(() => demoCounty('140500')).toThrow();
  });
});
