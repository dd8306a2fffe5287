// 检查对象名录库：市场主体查询（按单位范围过滤）、详情、个性化标注与风险分类人工校正。
// Issue 3: "server-side search, filter and paging that stays fast at 1,000,000 entities".
// Pages are bounded (offset ≤ 10,000; narrow the filters or export beyond that) and counts are
// capped at 10,000 so a broad filter never costs a full count; the indexes are in migration
// 20261123_0005_sub_libraries.sql.
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { normalizeRule } from '../../core/subLibraries/rule.ts';
import type { UnitScope } from '../access/scope.ts';
import { outOfReach } from '../access/reach.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { AppError } from '../http/errors.ts';
import { defineRoute, moduleRead, moduleWrite, requireCaller } from '../http/route.ts';
import { pagingQuery } from '../http/paging.ts';
import { escapeLike } from '../http/sqlText.ts';
import { recordEntityChanges } from '../imports/entityHistory.ts';
import { compileRule, loadSubLibrary } from '../subLibraries/compileRule.ts';

/** Rows a list may page through, and the cap of its count. */
export const ENTITY_LIST_WINDOW = 10_000;

const allEntities = normalizeRule({});

const marketEntity = z.object({
  uscc: z.string(),
  name: z.string(),
  subjectType: z.string(),
  enterpriseType: z.string().nullable(),
  regStatus: z.string(),
  establishedOn: z.string().nullable(),
  address: z.string().nullable(),
  legalRep: z.string().nullable(),
  regionCode: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  tags: z.array(z.string()).nullable(),
  riskClass: z.string().nullable(),
  riskClassSince: z.string().nullable(),
});

export const listEntities = defineRoute({
  method: 'get',
  path: '/api/entities',
  summary: '检查对象名录库：市场主体列表（本单位及下级单位管辖范围；户数超过 10,000 时显示为 10,000+）',
  tag: '一单两库',
  auth: moduleRead('directories'),
  query: z.object({
    ...pagingQuery,
    q: z.string().trim().max(60).optional().describe('名称或统一社会信用代码'),
    subjectType: z.enum(['enterprise', 'individual', 'cooperative', 'other']).optional().describe('主体类别'),
    riskClass: z.enum(['A', 'B', 'C', 'D', 'none']).optional().describe('信用风险分类'),
    regStatus: z.string().max(10).optional().describe('登记状态'),
    unitCode: z.string().max(64).optional().describe('管辖单位'),
    tag: z.string().trim().max(40).optional().describe('标签'),
    subLibraryId: z.uuid('名录分库编号不正确，请从列表中重新打开').optional().describe('名录分库'),
  }),
  response: z.object({
    items: z.array(marketEntity),
    total: z.number(),
    totalCapped: z.boolean(),
    page: z.number(),
    pageSize: z.number(),
  }),
  async handler({ app, caller, query }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    if (query.unitCode && !who.scope.unitCodes.includes(query.unitCode)) {
      throw new AppError('FORBIDDEN_UNIT', `您当前所在单位（${who.scope.unitName}）无权查看单位 ${query.unitCode} 管辖的市场主体。`, {
        unitCode: query.unitCode,
      });
    }
    if (query.page * query.pageSize > ENTITY_LIST_WINDOW) {
      throw new AppError(
        'VALIDATION_FAILED',
        `列表最多翻到第 ${ENTITY_LIST_WINDOW.toLocaleString('en-US')} 条（当前请求第 ${query.page} 页、每页 ${query.pageSize} 条）。请增加查询条件缩小范围，或导出名录。`,
        { issues: [{ field: 'page', message: `页码过大：最多 ${Math.floor(ENTITY_LIST_WINDOW / query.pageSize)} 页` }] },
      );
    }
    const units = query.unitCode ? [query.unitCode] : who.scope.unitCodes;
    const rule = query.subLibraryId ? (await loadSubLibrary(db, who.scope, query.subLibraryId)).rule : allEntities;
    let base = compileRule(db, rule, units);
    if (query.q) {
      const q = query.q.toUpperCase();
      base = /^[0-9A-Z]{2,18}$/.test(q)
        ? base.where('e.uscc', 'like', `${escapeLike(q)}%`)
        : base.where('e.name', 'like', `%${escapeLike(query.q)}%`);
    }
    if (query.subjectType) base = base.where('e.subject_type', '=', query.subjectType);
    if (query.riskClass)
      base = query.riskClass === 'none' ? base.where('e.risk_class', 'is', null) : base.where('e.risk_class', '=', query.riskClass);
    if (query.regStatus) base = base.where('e.reg_status', '=', query.regStatus);
    if (query.tag) base = base.where((eb) => eb(eb.val(query.tag), '=', eb.fn.any('e.tags')));
    // Count at most WINDOW + 1 rows: "10,000+" instead of a full count over a million.
    const counted = await db
      .selectFrom(
        base
          .select('e.uscc')
          .limit(ENTITY_LIST_WINDOW + 1)
          .as('w'),
      )
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const total = Number(counted.n);
    const rows = await base
      .innerJoin('org_unit as o', 'o.code', 'e.unit_code')
      .leftJoin('ref_industry as i', 'i.code', 'e.industry_code')
      .select([
        'e.uscc',
        'e.name',
        'e.subject_type',
        'e.enterprise_type',
        'e.reg_status',
        'e.established_on',
        'e.address',
        'e.legal_rep',
        'e.region_code',
        'e.unit_code',
        'o.name as unit_name',
        'e.industry_code',
        'i.name as industry_name',
        'e.tags',
        'e.risk_class',
        'e.risk_class_since',
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
        enterpriseType: r.enterprise_type,
        regStatus: r.reg_status,
        establishedOn: r.established_on,
        address: r.address,
        legalRep: r.legal_rep,
        regionCode: r.region_code,
        unitCode: r.unit_code,
        unitName: r.unit_name,
        industryCode: r.industry_code,
        industryName: r.industry_name,
        tags: r.tags,
        riskClass: r.risk_class,
        riskClassSince: r.risk_class_since,
      })),
      total: Math.min(total, ENTITY_LIST_WINDOW),
      /** true when more than `total` entities match (shown as 10,000+). */
      totalCapped: total > ENTITY_LIST_WINDOW,
      page: query.page,
      pageSize: query.pageSize,
    };
  },
});

const usccParams = z.object({ uscc: z.string().length(18, '统一社会信用代码应为 18 位') });

/** The entity with this code in the caller's units (a code may recur across regions). */
async function loadVisibleEntity(db: Kysely<DB>, scope: UnitScope, uscc: string) {
  // Out of reach answers exactly as a code that does not exist: no unit's name, no hint.
  const visible = await db
    .selectFrom('market_entity')
    .selectAll()
    .where('uscc', '=', uscc.toUpperCase())
    .where('unit_code', 'in', scope.unitCodes)
    .executeTakeFirst();
  if (!visible) throw outOfReach('市场主体');
  return visible;
}

export const getEntity = defineRoute({
  method: 'get',
  path: '/api/entities/:uscc',
  summary: '市场主体详情（按统一社会信用代码），含变更历史与风险分类历史',
  tag: '一单两库',
  auth: moduleRead('directories'),
  params: usccParams,
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const visible = await loadVisibleEntity(db, who.scope, params.uscc);
    const unit = await db.selectFrom('org_unit').select('name').where('code', '=', visible.unit_code).executeTakeFirst();
    const region = await db.selectFrom('ref_division').select('name').where('code', '=', visible.region_code).executeTakeFirst();
    const industry = visible.industry_code
      ? await db.selectFrom('ref_industry').select('name').where('code', '=', visible.industry_code).executeTakeFirst()
      : undefined;
    const history = await db
      .selectFrom('market_entity_history')
      .select(['id', 'changed_at', 'source', 'actor_name', 'changes'])
      .where('region_code', '=', visible.region_code)
      .where('uscc', '=', visible.uscc)
      .orderBy('id', 'desc')
      .limit(100)
      .execute();
    return {
      uscc: visible.uscc,
      name: visible.name,
      subjectType: visible.subject_type,
      enterpriseType: visible.enterprise_type,
      regStatus: visible.reg_status,
      establishedOn: visible.established_on,
      address: visible.address,
      legalRep: visible.legal_rep,
      regAuthority: visible.reg_authority,
      regionCode: visible.region_code,
      regionName: region?.name ?? null,
      unitCode: visible.unit_code,
      unitName: unit?.name ?? null,
      industryCode: visible.industry_code,
      industryName: industry?.name ?? null,
      tags: visible.tags,
      riskClass: visible.risk_class,
      riskClassSince: visible.risk_class_since,
      updatedAt: visible.updated_at,
      history: history.map((h) => ({
        id: String(h.id),
        changedAt: h.changed_at,
        source: h.source,
        actorName: h.actor_name,
        changes: h.changes,
      })),
    };
  },
});

const reasonField = z.string().trim().min(2, '请填写原因（至少 2 个字），例如依据的文件或核查情况').max(200, '原因最多 200 个字');

export const updateEntityTags = defineRoute({
  method: 'put',
  path: '/api/entities/:uscc/tags',
  summary: '个性化标注：修改市场主体的标签（如 年报全0申报、一址多照、关联企业 等风险预警标注），须填写原因',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  params: usccParams,
  body: z.object({
    tags: z.array(z.string().trim().min(1, '标签不能为空').max(40, '标签最多 40 个字')).max(50, '一个市场主体最多 50 个标签'),
    reason: reasonField,
  }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute(async (trx) => {
      const entity = await loadVisibleEntity(trx, who.scope, params.uscc);
      const tags = [...new Set(body.tags)];
      const before = entity.tags;
      const added = tags.filter((t) => !before.includes(t));
      const removed = before.filter((t) => !tags.includes(t));
      if (added.length === 0 && removed.length === 0) {
        throw new AppError('INVALID_STATE', `市场主体“${entity.name}”的标签没有变化，无需保存。`, { uscc: entity.uscc });
      }
      await trx
        .updateTable('market_entity')
        .set({ tags, updated_at: new Date() })
        .where('region_code', '=', entity.region_code)
        .where('uscc', '=', entity.uscc)
        .execute();
      await recordEntityChanges(trx, [
        {
          regionCode: entity.region_code,
          uscc: entity.uscc,
          source: 'manual',
          actorName: who.displayName,
          changes: { tags: [before, tags], reason: [null, body.reason] },
        },
      ]);
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'entity.tags',
        objectType: 'market_entity',
        objectId: `${entity.region_code}:${entity.uscc}`,
        before: { tags: before },
        after: { tags },
        note: body.reason,
      });
      return { uscc: entity.uscc, tags, added, removed };
    });
  },
});

export const correctEntityRiskClass = defineRoute({
  method: 'put',
  path: '/api/entities/:uscc/risk-class',
  summary: '人工校正市场主体的信用风险分类（须填写原因），记入风险分类历史',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  params: usccParams,
  body: z.object({
    riskClass: z.enum(['A', 'B', 'C', 'D'], { message: '风险分类应为 A、B、C、D 之一' }),
    effectiveOn: z.iso.date('生效日期格式应为 YYYY-MM-DD').optional(),
    reason: reasonField,
  }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute(async (trx) => {
      const entity = await loadVisibleEntity(trx, who.scope, params.uscc);
      if (entity.risk_class === body.riskClass) {
        throw new AppError('INVALID_STATE', `市场主体“${entity.name}”的风险分类已经是 ${body.riskClass} 类，无需校正。`, {
          uscc: entity.uscc,
        });
      }
      const since = body.effectiveOn ?? new Date().toISOString().slice(0, 10);
      await trx
        .updateTable('market_entity')
        .set({ risk_class: body.riskClass, risk_class_since: since, updated_at: new Date() })
        .where('region_code', '=', entity.region_code)
        .where('uscc', '=', entity.uscc)
        .execute();
      await recordEntityChanges(trx, [
        {
          regionCode: entity.region_code,
          uscc: entity.uscc,
          source: 'manual',
          actorName: who.displayName,
          changes: {
            risk_class: [entity.risk_class, body.riskClass],
            risk_class_since: [entity.risk_class_since, since],
            reason: [null, body.reason],
          },
        },
      ]);
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'entity.risk_class',
        objectType: 'market_entity',
        objectId: `${entity.region_code}:${entity.uscc}`,
        before: { riskClass: entity.risk_class, riskClassSince: entity.risk_class_since },
        after: { riskClass: body.riskClass, riskClassSince: since },
        note: body.reason,
      });
      return { uscc: entity.uscc, riskClass: body.riskClass, riskClassSince: since };
    });
  },
});

export const entityRoutes = [listEntities, getEntity, updateEntityTags, correctEntityRiskClass] as const;
