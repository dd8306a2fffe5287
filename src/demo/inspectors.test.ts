import { describe, expect, it } from 'vitest';
import { generateInspectors, INSPECTOR_SPECIALTIES } from './inspectors.ts';
import { buildOrgTree } from './orgTree.ts';
import { createRandom } from './random.ts';

const units = buildOrgTree();
const named = [{ name: '焦志强', unitCode: '140581-mishan', gender: '男' as const }];
const inspectors = generateInspectors('140581', units, 160, createRandom(3), named);
const share = (p: (i: (typeof inspectors)[number]) => boolean) => inspectors.filter(p).length / inspectors.length;

describe('generateInspectors', () => {
  it('is deterministic for a seed', () => {
    expect(generateInspectors('140581', units, 160, createRandom(3), named)).toEqual(inspectors);
    expect(generateInspectors('140581', units, 160, createRandom(4), named)).not.toEqual(inspectors);
  });

  it('spreads people over the 高平 股室 that inspect and every 市场监管所', () => {
    expect(inspectors).toHaveLength(160);
    const gaoping = new Map(units.filter((u) => u.parent_code === '140581').map((u) => [u.code, u]));
    for (const p of inspectors) {
      expect(['office', 'station']).toContain(gaoping.get(p.unit_code)?.kind);
      expect(p.region_code).toBe('140581');
    }
    const stations = [...gaoping.values()].filter((u) => u.kind === 'station');
    for (const s of stations) expect(inspectors.filter((p) => p.unit_code === s.code).length).toBeGreaterThanOrEqual(2);
    expect(inspectors.some((p) => p.unit_code === '140581-tzsb')).toBe(true);
    expect(inspectors.some((p) => p.unit_code === '140581-rsjy')).toBe(false);
  });

  it('has ~85% 执法人员 with unique 执法证 numbers, a few expired or missing, and ~15% 专业技术人员 without', () => {
    expect(share((p) => p.category === 'enforcement')).toBeGreaterThan(0.75);
    expect(share((p) => p.category === 'expert')).toBeGreaterThan(0.07);
    const certs = inspectors.filter((p) => p.cert_no).map((p) => p.cert_no!);
    expect(new Set(certs).size).toBe(certs.length);
    for (const p of inspectors) {
      if (p.category === 'expert') expect(p.cert_no).toBeNull();
      if (p.cert_no) {
        expect(p.cert_no).toMatch(/^14058120\d{4}$/);
        expect(p.cert_expires_on).toMatch(/^20(2[4-9]|3[01])-/);
        expect(p.qualifications).toContain('行政执法证');
      }
    }
    const enforcement = inspectors.filter((p) => p.category === 'enforcement');
    expect(enforcement.some((p) => p.cert_expires_on && p.cert_expires_on < '2026-11-01')).toBe(true);
    expect(enforcement.some((p) => p.cert_no === null)).toBe(true);
  });

  it('gives specialties from the vocabulary, matching the 股室', () => {
    for (const p of inspectors) {
      expect(p.specialties.length).toBeGreaterThan(0);
      for (const s of p.specialties) expect(INSPECTOR_SPECIALTIES).toContain(s);
      if (p.unit_code === '140581-tzsb' && p.category === 'enforcement') expect(p.specialties).toContain('特种设备');
      if (p.unit_code.endsWith('-mishan') && p.category === 'enforcement') expect(p.specialties).toContain('食品安全');
    }
  });

  it('has mostly 在岗 staff and dates for those who left', () => {
    expect(share((p) => p.status === '在岗')).toBeGreaterThan(0.85);
    for (const p of inspectors) {
      if (p.status === '在岗') expect(p.status_since).toBeNull();
      else expect(p.status_since).toMatch(/^20(24|25|26)-/);
    }
  });

  it('includes the named demo inspector, on duty in their 所', () => {
    expect(inspectors[0]).toMatchObject({ name: '焦志强', unit_code: '140581-mishan', status: '在岗', category: 'enforcement' });
  });

  it('works for a small county bureau', () => {
    const zezhou = generateInspectors('140525', units, 12, createRandom(1));
    expect(zezhou).toHaveLength(12);
    expect(zezhou.every((p) => p.unit_code.startsWith('140525-'))).toBe(true);
  });
});
