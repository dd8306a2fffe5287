import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { validateUscc } from '../core/uscc/index.ts';
import { readReferenceData, referenceDir } from '../db/reference-data.ts';
import { ENTITY_TAGS, generateEntities, type DemoEntity } from './entities.ts';
import { buildOrgTree, demoCounty } from './orgTree.ts';
import { createRandom } from './random.ts';

const gaoping = demoCounty('140581');
const entities = generateEntities(gaoping, 30_000, createRandom(11));
/** The first few entities breaking a rule (empty when none do). */
const violations = (broken: (e: DemoEntity) => boolean) => entities.filter(broken).slice(0, 3);
const share = (predicate: (e: DemoEntity) => boolean, rows = entities) => rows.filter(predicate).length / rows.length;

describe('generateEntities', () => {
  it('is deterministic: the same seed gives the same rows, another seed other rows', () => {
    const again = generateEntities(gaoping, 500, createRandom(5));
    expect(generateEntities(gaoping, 500, createRandom(5))).toEqual(again);
    expect(generateEntities(gaoping, 500, createRandom(6))).not.toEqual(again);
  });

  it('gives every entity a valid, unique 统一社会信用代码 of its county and subject type', () => {
    const typeDigit = { enterprise: '1', individual: '2', cooperative: '3' } as const;
    expect(violations((e) => !validateUscc(e.uscc).ok)).toEqual([]);
    expect(violations((e) => e.uscc.slice(0, 8) !== `9${typeDigit[e.subject_type]}140581`)).toEqual([]);
    expect(new Set(entities.map((e) => e.uscc)).size).toBe(entities.length);
  });

  it('has the designed mix of 企业, 个体工商户 and 农民专业合作社', () => {
    expect(entities).toHaveLength(30_000);
    expect(share((e) => e.subject_type === 'enterprise')).toBeCloseTo(0.25, 2);
    expect(share((e) => e.subject_type === 'individual')).toBeCloseTo(0.72, 2);
    expect(share((e) => e.subject_type === 'cooperative')).toBeCloseTo(0.03, 2);
  });

  it('assigns each entity to the 市场监管所 of its own county', () => {
    const stations = new Set(
      buildOrgTree()
        .filter((u) => u.kind === 'station' && u.parent_code === '140581')
        .map((u) => u.code),
    );
    expect(
      violations((e) => !stations.has(e.unit_code) || e.region_code !== '140581' || e.reg_authority !== '高平市市场监督管理局'),
    ).toEqual([]);
    // every 所 has some entities; the town centre the most
    const perStation = new Map<string, number>();
    for (const e of entities) perStation.set(e.unit_code, (perStation.get(e.unit_code) ?? 0) + 1);
    expect(perStation.size).toBe(stations.size);
    expect(perStation.get('140581-beicheng')!).toBeGreaterThan(perStation.get('140581-yonglu')!);
  });

  it('puts the address in the township of its 所', () => {
    const townships = new Map(gaoping.townships.map((t) => [`140581-${t.slug}`, t.name]));
    expect(violations((e) => !e.address.startsWith(`山西省晋城市高平市${townships.get(e.unit_code)}`))).toEqual([]);
  });

  it('uses GB/T 4754 小类 codes and 企业类型 codes from reference/', () => {
    const smallClasses = new Set(
      readReferenceData()
        .industries.filter((i) => i.level === 4)
        .map((i) => i.code),
    );
    const enterpriseCodes = JSON.parse(fs.readFileSync(path.join(referenceDir, 'enterprise-codes.json'), 'utf8')) as {
      企业类型: Array<{ code: string }>;
    };
    const typeCodes = new Set(enterpriseCodes.企业类型.map((t) => t.code));
    expect(violations((e) => !smallClasses.has(e.industry_code))).toEqual([]);
    expect(violations((e) => (e.subject_type === 'individual' ? e.enterprise_type !== null : !typeCodes.has(e.enterprise_type!)))).toEqual(
      [],
    );
    expect(violations((e) => e.subject_type === 'cooperative' && e.enterprise_type !== '9100')).toEqual([]);
  });

  it('names entities by their kind, mostly uniquely', () => {
    expect(violations((e) => e.subject_type === 'cooperative' && !/^高平市.+专业合作社$/.test(e.name))).toEqual([]);
    expect(violations((e) => e.enterprise_type === '1130' && !/有限(责任)?公司$/.test(e.name))).toEqual([]);
    expect(violations((e) => !!e.enterprise_type?.startsWith('21') && !/分公司$/.test(e.name))).toEqual([]);
    expect(violations((e) => e.subject_type === 'individual' && !e.name.startsWith('高平市'))).toEqual([]);
    expect(new Set(entities.map((e) => e.name)).size / entities.length).toBeGreaterThan(0.995);
  });

  it('tags entities from the vocabulary, consistently with their trade', () => {
    const vocabulary: readonly string[] = ENTITY_TAGS;
    expect(violations((e) => e.tags.some((t) => !vocabulary.includes(t)))).toEqual([]);
    const has = (e: DemoEntity, tag: string) => e.tags.includes(tag);
    expect(violations((e) => has(e, '加油站') && e.industry_code !== '5265')).toEqual([]);
    expect(violations((e) => has(e, '眼镜制配') && e.industry_code !== '5236')).toEqual([]);
    expect(violations((e) => has(e, '药品经营') && e.industry_code !== '5251')).toEqual([]);
    expect(violations((e) => has(e, '餐饮服务') && !e.industry_code.startsWith('62'))).toEqual([]);
    // 农副食品加工, 食品制造, 酒饮料
    expect(violations((e) => has(e, '食品生产许可') && !/^1[345]/.test(e.industry_code))).toEqual([]);
    expect(violations((e) => has(e, '年报全0申报') && e.subject_type !== 'enterprise')).toEqual([]);
    for (const tag of [
      '食品经营许可',
      '餐饮服务',
      '特种设备使用单位',
      '加油站',
      '眼镜制配',
      '电子商务经营者',
      '广告经营者',
      '年报全0申报',
      '一址多照',
      '关联企业',
    ]) {
      expect(
        entities.some((e) => e.tags.includes(tag)),
        tag,
      ).toBe(true);
    }
  });

  it('groups 一址多照 enterprises at one address and 关联企业 under one legal representative', () => {
    const byAddress = new Map<string, number>();
    for (const e of entities.filter((x) => x.tags.includes('一址多照'))) byAddress.set(e.address, (byAddress.get(e.address) ?? 0) + 1);
    expect([...byAddress.values()].every((n) => n >= 2)).toBe(true);
    const byRep = new Map<string, number>();
    for (const e of entities.filter((x) => x.tags.includes('关联企业'))) byRep.set(e.legal_rep, (byRep.get(e.legal_rep) ?? 0) + 1);
    expect([...byRep.values()].every((n) => n >= 2)).toBe(true);
  });

  it('has mostly 存续 entities, 成立 1995–2025', () => {
    expect(share((e) => e.reg_status === '存续')).toBeGreaterThan(0.8);
    for (const status of ['注销', '吊销', '迁出']) expect(entities.some((e) => e.reg_status === status)).toBe(true);
    expect(violations((e) => e.established_on < '1995-01-01' || e.established_on > '2025-12-31')).toEqual([]);
    // 农民专业合作社法 took effect on 2007-07-01
    expect(violations((e) => e.subject_type === 'cooperative' && e.established_on < '2007-07-01')).toEqual([]);
  });

  it('classifies most 存续 enterprises (A 40%, B 45%, C 10%, D 3%) and few 个体工商户, with a 2026 date', () => {
    const live = entities.filter((e) => e.reg_status === '存续' && e.subject_type === 'enterprise');
    expect(share((e) => e.risk_class === 'A', live)).toBeGreaterThan(0.3);
    expect(share((e) => e.risk_class === 'B', live)).toBeGreaterThan(0.38);
    expect(share((e) => e.risk_class === 'C', live)).toBeGreaterThan(0.07);
    expect(share((e) => e.risk_class === 'D', live)).toBeGreaterThan(0.02);
    expect(share((e) => e.risk_class === null, live)).toBeLessThan(0.05);
    const individuals = entities.filter((e) => e.reg_status === '存续' && e.subject_type === 'individual');
    expect(share((e) => e.risk_class === null, individuals)).toBeGreaterThan(0.6);
    expect(violations((e) => e.reg_status !== '存续' && e.risk_class !== null)).toEqual([]);
    expect(violations((e) => (e.risk_class ? !e.risk_class_since?.startsWith('2026-') : e.risk_class_since !== null))).toEqual([]);
  });

  it('works for the other demo counties with their own codes and stations', () => {
    const yuanping = generateEntities(demoCounty('140981'), 300, createRandom(2));
    for (const e of yuanping) {
      expect(e.uscc.slice(2, 8)).toBe('140981');
      expect(e.unit_code.startsWith('140981-')).toBe(true);
      expect(e.address.startsWith('山西省忻州市原平市')).toBe(true);
    }
  });
});
