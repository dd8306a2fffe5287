// 名录分库 on both engines: the compiled SQL agrees with the pure oracle on random rules over
// the demo directory; counts stay within the caller's units; CRUD is audited; 事项 → 对象 links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { Hono } from 'hono';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { loginAs, startDemoApp } from '../../testing/demoApp.ts';
import { ENTITY_TAGS } from '../../demo/entities.ts';
import { DEMO_SUB_LIBRARIES, loadDemoSubLibraries } from '../../demo/subLibraries.ts';
import {
  matchesRule,
  normalizeRule,
  REG_STATUSES,
  RULE_RISK_CLASSES,
  type RuleSubject,
  type SubLibraryRule,
  type SubLibraryRuleInput,
} from '../../core/subLibraries/rule.ts';
import { loadScope, type UnitScope } from '../access/scope.ts';
import { compileRule, subLibraryFrame } from './compileRule.ts';

const databases = await openTestDatabases();

describe.each(databases.map((d) => [d.name, d] as const))('名录分库 on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;
  let entities: Array<RuleSubject & { key: string }>;
  let unitPaths: Map<string, string>;
  let gaoping: UnitScope;
  let jincheng: UnitScope;

  beforeAll(async () => {
    app = await startDemoApp(testDb);
    const db = testDb.database.db;
    const rows = await db.selectFrom('market_entity').selectAll().execute();
    entities = rows.map((r) => ({
      key: `${r.region_code}:${r.uscc}`,
      subjectType: r.subject_type,
      regStatus: r.reg_status,
      regionCode: r.region_code,
      unitCode: r.unit_code,
      industryCode: r.industry_code,
      tags: r.tags,
      riskClass: r.risk_class,
      establishedOn: r.established_on,
    }));
    unitPaths = new Map((await db.selectFrom('org_unit').select(['code', 'path']).execute()).map((u) => [u.code, u.path]));
    gaoping = await loadScope(db, '140581');
    jincheng = await loadScope(db, '140500');
  });

  afterAll(async () => {
    await testDb.dispose();
  });

  const as = (username: string) => loginAs(app, username);

  // Sub-library audit rows only (logins write their own).
  const auditCount = () => countRows(testDb.database, 'audit_log', { object_type: 'sub_library' });

  const oracleCount = (rule: SubLibraryRule, scope: UnitScope) =>
    entities.filter((e) => scope.unitCodes.includes(e.unitCode) && matchesRule(e, rule, unitPaths)).length;

  const sqlCount = async (rule: SubLibraryRule, scope: UnitScope) =>
    Number(
      (
        await compileRule(testDb.database.db, rule, scope.unitCodes)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('the SQL selects exactly what the pure rule matches, on random rules and scopes', async () => {
    const industryCodes = [...new Set(entities.map((e) => e.industryCode).filter((c): c is string => c !== null))].sort();
    const prefixes = [...new Set(industryCodes.flatMap((c) => [c.slice(0, 2), c.slice(0, 3), c]))];
    const regions = [...new Set(entities.map((e) => e.regionCode))].sort();
    const units = [...unitPaths.keys()].filter((c) => c.startsWith('1405')).sort();
    // Each condition is present in about one rule in three, so many rules still select someone.
    const sometimes = <T>(arb: fc.Arbitrary<T[]>) =>
      fc.oneof({ arbitrary: fc.constant([] as T[]), weight: 2 }, { arbitrary: arb, weight: 1 });
    const ruleArb = fc
      .record({
        tags: fc.record({
          anyOf: sometimes(fc.subarray([...ENTITY_TAGS], { minLength: 1, maxLength: 4 })),
          allOf: sometimes(fc.subarray([...ENTITY_TAGS], { minLength: 1, maxLength: 1 })),
          noneOf: sometimes(fc.subarray([...ENTITY_TAGS], { minLength: 1, maxLength: 3 })),
        }),
        subjectTypes: sometimes(fc.subarray(['enterprise', 'individual', 'cooperative', 'other'] as const, { minLength: 1, maxLength: 2 })),
        regStatuses: sometimes(fc.subarray([...REG_STATUSES], { minLength: 1, maxLength: 3 })),
        regionCodes: sometimes(fc.subarray(regions, { minLength: 1, maxLength: 2 })),
        unitCodes: sometimes(fc.subarray(units, { minLength: 1, maxLength: 3 })),
        industryPrefixes: sometimes(fc.subarray(prefixes, { minLength: 1, maxLength: 6 })),
        riskClasses: sometimes(fc.subarray([...RULE_RISK_CLASSES], { minLength: 1, maxLength: 3 })),
        establishedFrom: fc.option(fc.constantFrom('1995-01-01', '2010-06-30', '2018-01-01'), { nil: null, freq: 2 }),
        establishedTo: fc.option(fc.constantFrom('2019-12-31', '2024-06-30'), { nil: null, freq: 2 }),
      })
      .map((r) => normalizeRule(r));
    let nonEmpty = 0;
    await fc.assert(
      fc.asyncProperty(ruleArb, fc.constantFrom('gaoping', 'jincheng'), async (rule, which) => {
        const scope = which === 'gaoping' ? gaoping : jincheng;
        const expected = entities.filter((e) => scope.unitCodes.includes(e.unitCode) && matchesRule(e, rule, unitPaths)).map((e) => e.key);
        if (expected.length > 0) nonEmpty++;
        const rows = await compileRule(testDb.database.db, rule, scope.unitCodes).select(['e.region_code', 'e.uscc']).execute();
        expect(rows.map((r) => `${r.region_code}:${r.uscc}`).sort()).toEqual(expected.sort());
        expect(await sqlCount(rule, scope)).toBe(expected.length);
      }),
      { numRuns: 100, seed: 20261123 },
    );
    // The check means something only if many random rules select someone.
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it('the demo sub-libraries load, and their counts follow the directory', async () => {
    const db = testDb.database.db;
    // The demo loader may already have run (when loadDemo calls it); load it here otherwise.
    const present = await db.selectFrom('sub_library').select('id').where('unit_code', '=', '140581').execute();
    if (present.length === 0) expect(await db.transaction().execute((trx) => loadDemoSubLibraries(trx))).toBe(DEMO_SUB_LIBRARIES.length);
    const libraries = await db.selectFrom('sub_library').select(['id', 'name']).where('unit_code', '=', '140581').execute();
    expect(libraries.map((l) => l.name).sort()).toEqual(DEMO_SUB_LIBRARIES.map((l) => l.name).sort());
    let total = 0;
    for (const lib of libraries) {
      const frame = await subLibraryFrame(db, gaoping, lib.id);
      const members = await frame.query.select(['e.uscc', 'e.subject_type', 'e.unit_code']).execute();
      expect(members.length, lib.name).toBe(oracleCount(frame.subLibrary.rule, gaoping));
      for (const m of members) expect(gaoping.unitCodes).toContain(m.unit_code);
      if (lib.name === '全市个体工商户') {
        expect(members.length).toBeGreaterThan(0);
        expect(new Set(members.map((m) => m.subject_type))).toEqual(new Set(['individual']));
      }
      total += members.length;
    }
    expect(total).toBeGreaterThan(0);
  });

  it('creates, previews, updates and deletes a sub-library, each change audited; bad input writes nothing', async () => {
    const planner = await as('gp.planner');
    const rule: SubLibraryRuleInput = { tags: { anyOf: ['眼镜制配'] }, regStatuses: ['存续', '在业'] };
    const preview = await planner.post('/api/sub-libraries/preview', { rule });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.count).toBe(oracleCount(normalizeRule(rule), gaoping));
    expect(Object.values(preview.body.byRiskClass as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(preview.body.count);
    expect(preview.body.ruleText).toContain('眼镜制配');

    let audits = await auditCount();
    const badRule = await planner.post('/api/sub-libraries', { name: '测试分库', rule: { industryPrefixes: ['X1'] } });
    expect(badRule.status).toBe(400);
    expect(badRule.body.message).toContain('行业代码前缀');
    expect(badRule.body.details.issues.map((i: { path: string }) => i.path)).toContain('rule.industryPrefixes.0');
    const outsideUnit = await planner.post('/api/sub-libraries', { name: '测试分库', rule: { unitCodes: ['140525'] } });
    expect(outsideUnit.status).toBe(400);
    expect(outsideUnit.body.message).toContain('140525');
    expect(await auditCount()).toBe(audits);

    const created = await planner.post('/api/sub-libraries', { name: '测试眼镜店', description: '测试', rule });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(await auditCount()).toBe(++audits);
    const id = created.body.id as string;
    const duplicate = await planner.post('/api/sub-libraries', { name: '测试眼镜店', rule });
    expect(duplicate.status).toBe(409);

    const detail = await planner.get(`/api/sub-libraries/${id}`);
    expect(detail.body.count).toBe(preview.body.count);
    const page = await planner.get(`/api/sub-libraries/${id}/entities?pageSize=5`);
    expect(page.body.total).toBe(preview.body.count);
    expect(page.body.items.length).toBe(Math.min(5, preview.body.count));

    const updated = await planner.request('PATCH', `/api/sub-libraries/${id}`, {
      rule: { ...rule, subjectTypes: ['individual' as const] },
    });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(await auditCount()).toBe(++audits);
    const after = await planner.get(`/api/sub-libraries/${id}`);
    expect(after.body.count).toBe(oracleCount(normalizeRule({ ...rule, subjectTypes: ['individual' as const] }), gaoping));

    // A sibling county neither sees nor changes it; the city sees it and counts over the city.
    const zezhou = await as('zz.planner');
    const sibling = await zezhou.get(`/api/sub-libraries/${id}`);
    expect(sibling.status).toBe(404);
    // The same answer as for an id that names nothing, naming no unit.
    expect(sibling.body).toEqual((await zezhou.get('/api/sub-libraries/00000000-0000-4000-8000-000000000000')).body);
    expect(sibling.body.message).not.toContain('泽州');
    expect(sibling.body.message).not.toContain('高平');
    expect((await zezhou.request('DELETE', `/api/sub-libraries/${id}`)).status).toBe(404);
    const list = await zezhou.get('/api/sub-libraries');
    expect((list.body.items as Array<{ id: string }>).some((s) => s.id === id)).toBe(false);
    const city = await as('jc.leader');
    const cityView = await city.get(`/api/sub-libraries/${id}`);
    expect(cityView.status).toBe(200);
    expect(cityView.body.count).toBe(oracleCount(normalizeRule({ ...rule, subjectTypes: ['individual' as const] }), jincheng));

    // A sub-library the city defined is used by its counties, not changed by them.
    const cityPlanner = await as('jc.planner');
    const cityLib = await cityPlanner.post('/api/sub-libraries', { name: '测试全市眼镜店', rule });
    expect(cityLib.status, JSON.stringify(cityLib.body)).toBe(200);
    expect((await planner.get(`/api/sub-libraries/${cityLib.body.id}`)).body.editable).toBe(false);
    const refused = await planner.request('PATCH', `/api/sub-libraries/${cityLib.body.id}`, { name: '县里改名' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('不能修改或删除');
    expect((await planner.request('DELETE', `/api/sub-libraries/${cityLib.body.id}`)).status).toBe(403);
    expect((await cityPlanner.request('DELETE', `/api/sub-libraries/${cityLib.body.id}`)).status).toBe(200);
    audits += 2;

    // Read-only roles may look but not write.
    const staff = await as('gp.staff');
    expect((await staff.get(`/api/sub-libraries/${id}`)).status).toBe(200);
    expect((await staff.request('DELETE', `/api/sub-libraries/${id}`)).status).toBe(403);

    const removed = await planner.request('DELETE', `/api/sub-libraries/${id}`);
    expect(removed.status).toBe(200);
    expect(await auditCount()).toBe(++audits);
    expect((await planner.get(`/api/sub-libraries/${id}`)).status).toBe(404);
    const actions = await testDb.database.db.selectFrom('audit_log').select('action').where('object_id', '=', id).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['sub_library.create', 'sub_library.update', 'sub_library.delete']);
  });

  it('the same new name sent many times at once creates one sub-library; the others answer 409, none 500', async () => {
    const planner = await as('gp.planner');
    const audits = await auditCount();
    const rule: SubLibraryRuleInput = { regStatuses: ['存续'] };
    const answers = await Promise.all(Array.from({ length: 8 }, () => planner.post('/api/sub-libraries', { name: '并发同名分库', rule })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.message).toContain('已有名为“并发同名分库”');
    expect(await auditCount()).toBe(audits + 1);
    const other = await planner.post('/api/sub-libraries', { name: '并发改名分库', rule });
    const renames = await Promise.all(
      [answers.find((a) => a.status === 200)!.body.id, other.body.id].map((id) =>
        planner.request('PATCH', `/api/sub-libraries/${id}`, { name: '并发新名称' }),
      ),
    );
    expect(renames.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('links check items to a sub-library and lists the links from both ends', async () => {
    const db = testDb.database.db;
    const version = await db
      .insertInto('check_item_version')
      .values({ issuing_unit_code: '140500', title: '晋城市随机抽查事项清单（测试）', version_no: 99, created_by_name: '测试' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('check_item')
      .values({
        version_id: version.id,
        item_code: 'T-001',
        seq: 1,
        category: '产品质量检查',
        name: '加油机计量检查',
        methods: ['实地核查'],
        subject_level: '县级',
      })
      .execute();
    const planner = await as('gp.planner');
    const created = await planner.post('/api/sub-libraries', { name: '测试加油站', rule: { tags: { anyOf: ['加油站'] } } });
    const id = created.body.id as string;
    let audits = await auditCount();

    const missing = await planner.post(`/api/sub-libraries/${id}/items`, { issuingUnitCode: '140500', itemCode: 'NOPE' });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('NOPE');
    expect(await auditCount()).toBe(audits);

    const linked = await planner.post(`/api/sub-libraries/${id}/items`, { issuingUnitCode: '140500', itemCode: 'T-001' });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(await auditCount()).toBe(++audits);
    expect((await planner.post(`/api/sub-libraries/${id}/items`, { issuingUnitCode: '140500', itemCode: 'T-001' })).status).toBe(409);

    const byLibrary = await planner.get(`/api/sub-libraries/${id}/items`);
    expect(byLibrary.body.items).toMatchObject([{ itemCode: 'T-001', itemName: '加油机计量检查', subLibraryName: '测试加油站' }]);
    const byItem = await planner.get('/api/sub-library-links?issuingUnitCode=140500&itemCode=T-001');
    expect(byItem.body.items.map((l: { subLibraryId: string }) => l.subLibraryId)).toEqual([id]);
    const zezhou = await as('zz.planner');
    expect((await zezhou.get('/api/sub-library-links?issuingUnitCode=140500&itemCode=T-001')).body.items).toEqual([]);

    const unlinked = await planner.request('DELETE', `/api/sub-libraries/${id}/items?issuingUnitCode=140500&itemCode=T-001`);
    expect(unlinked.status).toBe(200);
    expect(await auditCount()).toBe(++audits);
    expect((await planner.get(`/api/sub-libraries/${id}/items`)).body.items).toEqual([]);
    expect((await planner.request('DELETE', `/api/sub-libraries/${id}/items?issuingUnitCode=140500&itemCode=T-001`)).status).toBe(404);

    // Deleting a sub-library takes its links with it.
    await planner.post(`/api/sub-libraries/${id}/items`, { issuingUnitCode: '140500', itemCode: 'T-001' });
    const removed = await planner.request('DELETE', `/api/sub-libraries/${id}`);
    expect(removed.body.linksRemoved).toBe(1);
    expect(await db.selectFrom('check_item_sub_library').selectAll().where('sub_library_id', '=', id).execute()).toEqual([]);
  });
  it('检查对象名录库: filters by tag and sub-library, bounds paging, and counts within the caller’s units', async () => {
    const staff = await as('gp.staff');
    const all = await staff.get('/api/entities?pageSize=1');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(entities.filter((e) => gaoping.unitCodes.includes(e.unitCode)).length);
    expect(all.body.totalCapped).toBe(false);
    const tagged = await staff.get(`/api/entities?pageSize=200&tag=${encodeURIComponent('食品经营许可')}`);
    expect(tagged.body.total).toBe(
      entities.filter((e) => gaoping.unitCodes.includes(e.unitCode) && e.tags.includes('食品经营许可')).length,
    );
    for (const e of tagged.body.items as Array<{ tags: string[] }>) expect(e.tags).toContain('食品经营许可');
    const individuals = await testDb.database.db
      .selectFrom('sub_library')
      .select('id')
      .where('name', '=', '全市个体工商户')
      .executeTakeFirstOrThrow();
    const inLibrary = await staff.get(`/api/entities?pageSize=1&subLibraryId=${individuals.id}`);
    expect(inLibrary.body.total).toBe((await staff.get(`/api/sub-libraries/${individuals.id}`)).body.count);
    const tooFar = await staff.get('/api/entities?page=51&pageSize=200');
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.message).toContain('缩小范围');
  });

  it('个性化标注 and risk-class correction: audited, written to the entity history, reason required', async () => {
    const db = testDb.database.db;
    const entity = await db
      .selectFrom('market_entity')
      .select(['uscc', 'region_code', 'tags', 'risk_class'])
      .where('unit_code', 'in', gaoping.unitCodes)
      .where(sql<boolean>`NOT ('一址多照' = ANY (tags))`)
      .orderBy('uscc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const planner = await as('gp.planner');
    const entityAudits = () => countRows(testDb.database, 'audit_log', { object_type: 'market_entity' });
    const audits = await entityAudits();

    const noReason = await planner.request('PUT', `/api/entities/${entity.uscc}/tags`, { tags: [...entity.tags, '一址多照'] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.issues.map((i: { path: string }) => i.path)).toContain('reason');
    const sibling = await as('zz.planner');
    expect((await sibling.request('PUT', `/api/entities/${entity.uscc}/tags`, { tags: ['一址多照'], reason: '核查发现' })).status).toBe(
      404,
    );
    expect(await entityAudits()).toBe(audits);

    const newTags = [...entity.tags, '一址多照'];
    const tagged = await planner.request('PUT', `/api/entities/${entity.uscc}/tags`, {
      tags: newTags,
      reason: '实地核查发现同一住所登记 3 户',
    });
    expect(tagged.status, JSON.stringify(tagged.body)).toBe(200);
    const risk = entity.risk_class === 'D' ? 'C' : 'D';
    const corrected = await planner.request('PUT', `/api/entities/${entity.uscc}/risk-class`, {
      riskClass: risk,
      effectiveOn: '2026-11-01',
      reason: '存在严重违法失信记录',
    });
    expect(corrected.status, JSON.stringify(corrected.body)).toBe(200);
    expect(await entityAudits()).toBe(audits + 2);
    const same = await planner.request('PUT', `/api/entities/${entity.uscc}/risk-class`, { riskClass: risk, reason: '重复提交' });
    expect(same.status).toBe(409);

    const detail = await planner.get(`/api/entities/${entity.uscc}`);
    expect(detail.body.tags).toEqual(newTags);
    expect(detail.body.riskClass).toBe(risk);
    expect(detail.body.riskClassSince).toBe('2026-11-01');
    const [riskChange, tagChange] = detail.body.history as Array<{ source: string; changes: Record<string, [unknown, unknown]> }>;
    expect(riskChange?.source).toBe('manual');
    expect(riskChange?.changes.risk_class).toEqual([entity.risk_class, risk]);
    expect(riskChange?.changes.reason?.[1]).toBe('存在严重违法失信记录');
    expect(tagChange?.changes.tags?.[1]).toContain('一址多照');
  });
});
