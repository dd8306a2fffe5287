// 名录分库：按标签/区划/类型/状态定义的规则与实时户数；事项与分库的对应。
// Issue 3 (检查对象名录库 → 名录分库, 事项 → 对象 mapping). Counts and previews are always
// computed live over the directory and limited to the caller's units.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { describeRule, normalizeRule, subLibraryRuleSchema, type SubLibraryRule } from '../../core/subLibraries/rule.ts';
import type { UnitScope } from '../access/scope.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { AppError } from '../http/errors.ts';
import { countRows, pagingQuery } from '../http/paging.ts';
import { defineRoute, moduleRead, moduleWrite, requireCaller } from '../http/route.ts';
import { compileRule, loadSubLibrary, ruleCounts, visibleOwnerCodes } from './compileRule.ts';

const idParams = z.object({ id: z.uuid('名录分库编号不正确，请从列表中重新打开') });
const nameField = z.string().trim().min(1, '请填写分库名称').max(60, '分库名称最多 60 个字');
const descriptionField = z.string().trim().max(500, '说明最多 500 个字');

/** Unit and region names for describeRule, looked up once per request. */
async function ruleNames(db: Kysely<DB>, rules: SubLibraryRule[]) {
  const unitCodes = [...new Set(rules.flatMap((r) => r.unitCodes))];
  const regionCodes = [...new Set(rules.flatMap((r) => r.regionCodes))];
  const units =
    unitCodes.length > 0 ? await db.selectFrom('org_unit').select(['code', 'name']).where('code', 'in', unitCodes).execute() : [];
  const regions =
    regionCodes.length > 0 ? await db.selectFrom('ref_division').select(['code', 'name']).where('code', 'in', regionCodes).execute() : [];
  const unitName = new Map(units.map((u) => [u.code, u.name]));
  const regionName = new Map(regions.map((r) => [r.code, r.name]));
  return { unitName: (c: string) => unitName.get(c), regionName: (c: string) => regionName.get(c) };
}

/** Fails with the rule's own problems named field by field (AppError VALIDATION_FAILED). */
function checkRuleUnits(rule: SubLibraryRule, scope: UnitScope) {
  const outside = rule.unitCodes.filter((c) => !scope.unitCodes.includes(c));
  if (outside.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `规则的“管辖单位”条件中 ${outside.join('、')} 不是您当前所在单位（${scope.unitName}）或其下级单位，请删除后重试。`,
      {
        issues: [{ field: 'rule.unitCodes', message: `不在本单位范围内：${outside.join('、')}` }],
      },
    );
  }
}

async function assertNameFree(db: Kysely<DB>, unitCode: string, name: string, exceptId?: string) {
  let query = db.selectFrom('sub_library').select('id').where('unit_code', '=', unitCode).where('name', '=', name);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) {
    throw new AppError('CONFLICT', `本单位已有名为“${name}”的名录分库，请换一个名称，或编辑已有的分库。`, { name });
  }
}

/**
 * Two requests with the same new name can both pass assertNameFree before either commits; the
 * table's unique (unit, name) key then refuses the second, which is answered like the first check.
 */
async function nameConflictAsConflict<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') {
      throw new AppError('CONFLICT', `本单位已有名为“${name}”的名录分库，请换一个名称，或编辑已有的分库。`, { name });
    }
    throw error;
  }
}

export const listSubLibraries = defineRoute({
  method: 'get',
  path: '/api/sub-libraries',
  summary: '名录分库列表（本单位、下级单位及上级单位定义的分库），含本单位范围内的实时户数',
  tag: '一单两库',
  auth: moduleRead('directories'),
  async handler({ app, caller }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const rows = await db
      .selectFrom('sub_library as s')
      .innerJoin('org_unit as o', 'o.code', 's.unit_code')
      .select(['s.id', 's.unit_code', 'o.name as unit_name', 's.name', 's.description', 's.rule', 's.created_by_name', 's.updated_at'])
      .where('s.unit_code', 'in', visibleOwnerCodes(who.scope))
      .orderBy('o.path')
      .orderBy('s.name')
      .execute();
    const rules = rows.map((r) => normalizeRule(r.rule as SubLibraryRule));
    const names = await ruleNames(db, rules);
    const items = [];
    for (const [i, r] of rows.entries()) {
      const rule = rules[i]!;
      const counts = await ruleCounts(db, rule, who.scope);
      items.push({
        id: r.id,
        unitCode: r.unit_code,
        unitName: r.unit_name,
        name: r.name,
        description: r.description,
        rule,
        ruleText: describeRule(rule, names),
        editable: who.scope.unitCodes.includes(r.unit_code),
        count: counts.count,
        byRiskClass: counts.byRiskClass,
        updatedAt: r.updated_at,
      });
    }
    return { items, total: items.length };
  },
});

export const previewSubLibraryRule = defineRoute({
  method: 'post',
  path: '/api/sub-libraries/preview',
  summary: '试算规则：本单位范围内的实时户数、分风险等级户数与规则说明（不保存）',
  tag: '一单两库',
  auth: moduleRead('directories'),
  body: z.object({ rule: subLibraryRuleSchema }),
  async handler({ app, caller, body }) {
    const who = requireCaller(caller);
    const rule = normalizeRule(body.rule);
    checkRuleUnits(rule, who.scope);
    const counts = await ruleCounts(app.database.db, rule, who.scope);
    return { ...counts, ruleText: describeRule(rule, await ruleNames(app.database.db, [rule])) };
  },
});

export const getSubLibrary = defineRoute({
  method: 'get',
  path: '/api/sub-libraries/:id',
  summary: '名录分库详情：规则、实时户数与分风险等级户数',
  tag: '一单两库',
  auth: moduleRead('directories'),
  params: idParams,
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    const lib = await loadSubLibrary(app.database.db, who.scope, params.id);
    const counts = await ruleCounts(app.database.db, lib.rule, who.scope);
    return {
      ...lib,
      ruleText: describeRule(lib.rule, await ruleNames(app.database.db, [lib.rule])),
      editable: who.scope.unitCodes.includes(lib.unitCode),
      ...counts,
    };
  },
});

export const listSubLibraryEntities = defineRoute({
  method: 'get',
  path: '/api/sub-libraries/:id/entities',
  summary: '名录分库预览：符合规则的市场主体（本单位范围内，分页）',
  tag: '一单两库',
  auth: moduleRead('directories'),
  params: idParams,
  query: z.object({ ...pagingQuery }),
  async handler({ app, caller, params, query }) {
    const who = requireCaller(caller);
    const lib = await loadSubLibrary(app.database.db, who.scope, params.id);
    if (query.page * query.pageSize > 10_000) {
      throw new AppError('VALIDATION_FAILED', '预览最多翻到第 10,000 条；请缩小规则条件，或导出完整名单。', { page: query.page });
    }
    const base = compileRule(app.database.db, lib.rule, who.scope.unitCodes);
    const total = await countRows(base);
    const rows = await base
      .innerJoin('org_unit as o', 'o.code', 'e.unit_code')
      .select([
        'e.uscc',
        'e.name',
        'e.subject_type',
        'e.reg_status',
        'e.region_code',
        'e.unit_code',
        'o.name as unit_name',
        'e.industry_code',
        'e.tags',
        'e.risk_class',
      ])
      .orderBy('e.name')
      .orderBy('e.uscc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return {
      items: rows.map((r) => ({
        uscc: r.uscc,
        name: r.name,
        subjectType: r.subject_type,
        regStatus: r.reg_status,
        regionCode: r.region_code,
        unitCode: r.unit_code,
        unitName: r.unit_name,
        industryCode: r.industry_code,
        tags: r.tags,
        riskClass: r.risk_class,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  },
});

export const createSubLibrary = defineRoute({
  method: 'post',
  path: '/api/sub-libraries',
  summary: '新建名录分库（归属当前所在单位）',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  body: z.object({ name: nameField, description: descriptionField.default(''), rule: subLibraryRuleSchema }),
  async handler({ app, caller, body }) {
    const who = requireCaller(caller);
    const rule = normalizeRule(body.rule);
    checkRuleUnits(rule, who.scope);
    return nameConflictAsConflict(body.name, () =>
      app.database.db.transaction().execute(async (trx) => {
        await assertNameFree(trx, who.scope.unitCode, body.name);
        const row = await trx
          .insertInto('sub_library')
          .values({
            unit_code: who.scope.unitCode,
            name: body.name,
            description: body.description,
            rule: JSON.stringify(rule),
            created_by_name: who.displayName,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          unitCode: who.scope.unitCode,
          actorUserId: who.userId,
          actorName: who.displayName,
          action: 'sub_library.create',
          objectType: 'sub_library',
          objectId: row.id,
          after: { name: body.name, description: body.description, rule },
        });
        return { id: row.id, unitCode: who.scope.unitCode, name: body.name, description: body.description, rule };
      }),
    );
  },
});

export const updateSubLibrary = defineRoute({
  method: 'patch',
  path: '/api/sub-libraries/:id',
  summary: '修改名录分库的名称、说明或规则',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  params: idParams,
  body: z.object({ name: nameField.optional(), description: descriptionField.optional(), rule: subLibraryRuleSchema.optional() }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return nameConflictAsConflict(body.name ?? '', () =>
      app.database.db.transaction().execute(async (trx) => {
        const lib = await loadSubLibrary(trx, who.scope, params.id);
        if (!who.scope.unitCodes.includes(lib.unitCode)) {
          throw new AppError(
            'FORBIDDEN_UNIT',
            `名录分库“${lib.name}”由上级单位 ${lib.unitCode} 定义，您当前所在单位（${who.scope.unitName}）只能使用，不能修改。`,
            { id: lib.id },
          );
        }
        const next = {
          name: body.name ?? lib.name,
          description: body.description ?? lib.description,
          rule: body.rule ? normalizeRule(body.rule) : lib.rule,
        };
        checkRuleUnits(next.rule, who.scope);
        if (next.name !== lib.name) await assertNameFree(trx, lib.unitCode, next.name, lib.id);
        await trx
          .updateTable('sub_library')
          .set({ name: next.name, description: next.description, rule: JSON.stringify(next.rule), updated_at: new Date() })
          .where('unit_code', '=', lib.unitCode)
          .where('id', '=', lib.id)
          .execute();
        await recordAudit(trx, {
          unitCode: who.scope.unitCode,
          actorUserId: who.userId,
          actorName: who.displayName,
          action: 'sub_library.update',
          objectType: 'sub_library',
          objectId: lib.id,
          before: { name: lib.name, description: lib.description, rule: lib.rule },
          after: next,
        });
        return { id: lib.id, unitCode: lib.unitCode, ...next };
      }),
    );
  },
});

export const deleteSubLibrary = defineRoute({
  method: 'delete',
  path: '/api/sub-libraries/:id',
  summary: '删除名录分库（同时删除它与抽查事项的对应关系）',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  params: idParams,
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute(async (trx) => {
      const lib = await loadSubLibrary(trx, who.scope, params.id);
      if (!who.scope.unitCodes.includes(lib.unitCode)) {
        throw new AppError(
          'FORBIDDEN_UNIT',
          `名录分库“${lib.name}”由上级单位 ${lib.unitCode} 定义，您当前所在单位（${who.scope.unitName}）不能删除。`,
          { id: lib.id },
        );
      }
      const links = await trx
        .deleteFrom('check_item_sub_library')
        .where('sub_library_id', '=', lib.id)
        .returning(['issuing_unit_code', 'item_code'])
        .execute();
      await trx.deleteFrom('sub_library').where('unit_code', '=', lib.unitCode).where('id', '=', lib.id).execute();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'sub_library.delete',
        objectType: 'sub_library',
        objectId: lib.id,
        before: {
          name: lib.name,
          description: lib.description,
          rule: lib.rule,
          links: links.map((l) => `${l.issuing_unit_code}/${l.item_code}`),
        },
      });
      return { id: lib.id, deleted: true, linksRemoved: links.length };
    });
  },
});

// ------------------------------------------------------------------ 事项 → 对象

const itemRef = z.object({
  issuingUnitCode: z.string().trim().min(1, '请填写清单发布单位代码').max(64),
  itemCode: z.string().trim().min(1, '请填写事项编码').max(64),
});

async function linkRows(db: Kysely<DB>, scope: UnitScope, filter: { subLibraryId?: string; item?: z.infer<typeof itemRef> }) {
  let query = db
    .selectFrom('check_item_sub_library as l')
    .innerJoin('sub_library as s', 's.id', 'l.sub_library_id')
    .innerJoin('org_unit as o', 'o.code', 'l.unit_code')
    .select([
      'l.unit_code',
      'o.name as unit_name',
      'l.issuing_unit_code',
      'l.item_code',
      'l.sub_library_id',
      's.name as sub_library_name',
      'l.created_by_name',
      'l.created_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('check_item as ci')
        .innerJoin('check_item_version as v', 'v.id', 'ci.version_id')
        .select('ci.name')
        .whereRef('v.issuing_unit_code', '=', 'l.issuing_unit_code')
        .whereRef('ci.item_code', '=', 'l.item_code')
        .orderBy('v.version_no', 'desc')
        .limit(1)
        .as('item_name'),
    )
    .where('l.unit_code', 'in', visibleOwnerCodes(scope))
    .where('s.unit_code', 'in', visibleOwnerCodes(scope));
  if (filter.subLibraryId) query = query.where('l.sub_library_id', '=', filter.subLibraryId);
  if (filter.item)
    query = query.where('l.issuing_unit_code', '=', filter.item.issuingUnitCode).where('l.item_code', '=', filter.item.itemCode);
  const rows = await query.orderBy('l.issuing_unit_code').orderBy('l.item_code').orderBy('s.name').execute();
  return rows.map((r) => ({
    unitCode: r.unit_code,
    unitName: r.unit_name,
    issuingUnitCode: r.issuing_unit_code,
    itemCode: r.item_code,
    itemName: r.item_name,
    subLibraryId: r.sub_library_id,
    subLibraryName: r.sub_library_name,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    editable: scope.unitCodes.includes(r.unit_code),
  }));
}

export const listSubLibraryItems = defineRoute({
  method: 'get',
  path: '/api/sub-libraries/:id/items',
  summary: '名录分库对应的抽查事项（事项 → 对象）',
  tag: '一单两库',
  auth: moduleRead('directories'),
  params: idParams,
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    await loadSubLibrary(app.database.db, who.scope, params.id);
    const items = await linkRows(app.database.db, who.scope, { subLibraryId: params.id });
    return { items, total: items.length };
  },
});

export const listItemSubLibraries = defineRoute({
  method: 'get',
  path: '/api/sub-library-links',
  summary: '某一抽查事项对应的名录分库（事项 → 对象）',
  tag: '一单两库',
  auth: moduleRead('directories'),
  query: itemRef,
  async handler({ app, caller, query }) {
    const who = requireCaller(caller);
    const items = await linkRows(app.database.db, who.scope, { item: query });
    return { items, total: items.length };
  },
});

export const linkSubLibraryItem = defineRoute({
  method: 'post',
  path: '/api/sub-libraries/:id/items',
  summary: '把抽查事项对应到名录分库（事项 → 对象）',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  params: idParams,
  body: itemRef,
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute(async (trx) => {
      const lib = await loadSubLibrary(trx, who.scope, params.id);
      // Lists are issued above (province/city) or by the unit itself; both may be used.
      const item = await trx
        .selectFrom('check_item as ci')
        .innerJoin('check_item_version as v', 'v.id', 'ci.version_id')
        .select(['ci.name'])
        .where('v.issuing_unit_code', '=', body.issuingUnitCode)
        .where('v.issuing_unit_code', 'in', visibleOwnerCodes(who.scope))
        .where('ci.item_code', '=', body.itemCode)
        .orderBy('v.version_no', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!item) {
        throw new AppError(
          'NOT_FOUND',
          `单位 ${body.issuingUnitCode} 发布的抽查事项清单中没有事项编码 ${body.itemCode}（或该清单不属于本单位及上级单位）。请在“随机抽查事项清单”中核对事项编码。`,
          body,
        );
      }
      const existing = await trx
        .selectFrom('check_item_sub_library')
        .select('item_code')
        .where('unit_code', '=', who.scope.unitCode)
        .where('issuing_unit_code', '=', body.issuingUnitCode)
        .where('item_code', '=', body.itemCode)
        .where('sub_library_id', '=', lib.id)
        .executeTakeFirst();
      if (existing) {
        throw new AppError('CONFLICT', `事项“${item.name}”（${body.itemCode}）已对应名录分库“${lib.name}”，无需重复添加。`, body);
      }
      await trx
        .insertInto('check_item_sub_library')
        .values({
          unit_code: who.scope.unitCode,
          issuing_unit_code: body.issuingUnitCode,
          item_code: body.itemCode,
          sub_library_id: lib.id,
          created_by_name: who.displayName,
        })
        .execute();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'sub_library.link_item',
        objectType: 'sub_library',
        objectId: lib.id,
        after: { issuingUnitCode: body.issuingUnitCode, itemCode: body.itemCode, itemName: item.name, subLibraryName: lib.name },
      });
      return { subLibraryId: lib.id, ...body, itemName: item.name, linked: true };
    });
  },
});

export const unlinkSubLibraryItem = defineRoute({
  method: 'delete',
  path: '/api/sub-libraries/:id/items',
  summary: '取消抽查事项与名录分库的对应',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  params: idParams,
  query: itemRef,
  async handler({ app, caller, params, query }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute(async (trx) => {
      const lib = await loadSubLibrary(trx, who.scope, params.id);
      const removed = await trx
        .deleteFrom('check_item_sub_library')
        .where('unit_code', '=', who.scope.unitCode)
        .where('issuing_unit_code', '=', query.issuingUnitCode)
        .where('item_code', '=', query.itemCode)
        .where('sub_library_id', '=', lib.id)
        .returning('item_code')
        .execute();
      if (removed.length === 0) {
        throw new AppError(
          'NOT_FOUND',
          `本单位没有把事项 ${query.itemCode}（${query.issuingUnitCode} 发布）对应到名录分库“${lib.name}”，无需取消。`,
          query,
        );
      }
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'sub_library.unlink_item',
        objectType: 'sub_library',
        objectId: lib.id,
        before: { issuingUnitCode: query.issuingUnitCode, itemCode: query.itemCode, subLibraryName: lib.name },
      });
      return { subLibraryId: lib.id, ...query, linked: false };
    });
  },
});

// preview is declared before /:id so the literal path wins.
export const subLibraryRoutes = [
  listSubLibraries,
  previewSubLibraryRule,
  createSubLibrary,
  getSubLibrary,
  listSubLibraryEntities,
  updateSubLibrary,
  deleteSubLibrary,
  listSubLibraryItems,
  linkSubLibraryItem,
  unlinkSubLibraryItem,
  listItemSubLibraries,
] as const;
