import { describe, expect, it } from 'vitest';
import { demoAccountSpecs } from './accounts.ts';
import { buildDemoData, demoEntityCounts } from './demoData.ts';

const hashes = new Map(demoAccountSpecs.map((a) => [a.username, 'x']));

describe('buildDemoData', () => {
  it('is the same data set for the same seed', () => {
    const a = buildDemoData({ passwordHashes: hashes, entitiesPerCounty: 600 });
    expect(buildDemoData({ passwordHashes: hashes, entitiesPerCounty: 600 })).toEqual(a);
    expect(buildDemoData({ passwordHashes: hashes, entitiesPerCounty: 600, seed: 99 }).entities).not.toEqual(a.entities);
  });

  it('scales 原平 and 泽州 from the 高平 count', () => {
    expect(demoEntityCounts()).toEqual({ 140581: 30_000, 140981: 2000, 140525: 500 });
    expect(demoEntityCounts(300)).toEqual({ 140581: 300, 140981: 20, 140525: 20 });
    expect(() => demoEntityCounts(0)).toThrow();
  });

  it('has entities and inspectors in 高平, 原平 and 泽州, each pointing at a unit of the tree', () => {
    const data = buildDemoData({ passwordHashes: hashes, entitiesPerCounty: 600 });
    const codes = new Set(data.units.map((u) => u.code));
    const regions = new Set(data.entities.map((e) => e.region_code));
    expect(regions).toEqual(new Set(['140581', '140981', '140525']));
    for (const row of [...data.entities, ...data.inspectors]) expect(codes.has(row.unit_code)).toBe(true);
    for (const role of data.roles) expect(codes.has(role.unit_code)).toBe(true);
    expect(new Set(data.inspectors.map((p) => p.region_code))).toEqual(regions);
    expect(data.inspectors.filter((p) => p.region_code === '140581').length).toBeGreaterThanOrEqual(150);
    expect(data.inspectors.some((p) => p.name === '焦志强' && p.unit_code === '140581-mishan')).toBe(true);
  });
});
