// 检查对象名录库 — 市场主体 as its readers see it: the list of the caller's units (search, filters,
// a 名录分库, paging) and one entity with its change history. Pages are bounded (offset ≤ 10,000;
// narrow the filters or export beyond that) and counts are capped at 10,000 so a broad filter
// never costs a full count over a million rows; the indexes are in migration
// 20261123_0005_sub_libraries.sql.
import type { Kysely } from 'kysely';
import { camelRow } from '../http/wire.ts';
import type { DB } from '../../db/schema.ts';
import { normalizeRule } from '../../core/subLibraries/rule.ts';
import { AppError } from '../http/errors.ts';
import { onePage } from '../http/paging.ts';
import type { Caller } from '../http/route.ts';
import { escapeLike } from '../http/sqlText.ts';
import { compileRule, loadSubLibrary } from '../subLibraries/compileRule.ts';
import {
  domainRiskClassifications,
  riskClassificationLabel,
  type DomainRiskClassification,
} from '../../core/entities/riskClassifications.ts';
import { loadEntityFor } from './policy.ts';

/** Rows a list may page through, and the cap of its count. */
export const ENTITY_LIST_WINDOW = 10_000;

const allEntities = normalizeRule({});

export interface EntityListQuery {
  page: number;
  pageSize: number;
  q?: string;
  subjectType?: 'enterprise' | 'individual' | 'cooperative' | 'other';
  riskClass?: 'A' | 'B' | 'C' | 'D' | 'none';
  regStatus?: string;
  unitCode?: string;
  tag?: string;
  subLibraryId?: string;
}

/** A page of the entities in the caller's units (or one of them), filtered; `total` is capped at the window. */
export async function listEntityPage(db: Kysely<DB>, caller: Caller, query: EntityListQuery) {
  if (query.unitCode && !caller.scope.unitCodes.includes(query.unitCode)) {
    throw new AppError('FORBIDDEN_UNIT', `您当前所在单位（${caller.scope.unitName}）无权查看单位 ${query.unitCode} 管辖的市场主体。`, {
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
  const units = query.unitCode ? [query.unitCode] : caller.scope.unitCodes;
  const rule = query.subLibraryId ? (await loadSubLibrary(db, caller.scope, query.subLibraryId)).rule : allEntities;
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
    .$call(onePage(query))
    .execute();
  return {
    items: rows.map(camelRow),
    total: Math.min(total, ENTITY_LIST_WINDOW),
    /** true when more than `total` entities match (shown as 10,000+). */
    totalCapped: total > ENTITY_LIST_WINDOW,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One entity of the caller's units with its 区划, unit, industry and the latest 100 changes. */
export async function entityDetail(db: Kysely<DB>, caller: Caller, input: { uscc: string }) {
  const entity = await loadEntityFor(db, caller, input.uscc, 'read');
  const unit = await db.selectFrom('org_unit').select('name').where('code', '=', entity.unit_code).executeTakeFirst();
  const region = await db.selectFrom('ref_division').select('name').where('code', '=', entity.region_code).executeTakeFirst();
  const industry = entity.industry_code
    ? await db.selectFrom('ref_industry').select('name').where('code', '=', entity.industry_code).executeTakeFirst()
    : undefined;
  const history = await db
    .selectFrom('market_entity_history')
    .select(['id', 'changed_at', 'source', 'actor_name', 'changes'])
    .where('region_code', '=', entity.region_code)
    .where('uscc', '=', entity.uscc)
    .orderBy('id', 'desc')
    .limit(100)
    .execute();
  const classifications = await db
    .selectFrom('entity_risk_classification')
    .select(['classification', 'risk_class', 'rated_on', 'source'])
    .where('region_code', '=', entity.region_code)
    .where('uscc', '=', entity.uscc)
    .execute();
  const order = (c: string) => domainRiskClassifications.indexOf(c as DomainRiskClassification);
  return {
    uscc: entity.uscc,
    name: entity.name,
    subjectType: entity.subject_type,
    enterpriseType: entity.enterprise_type,
    regStatus: entity.reg_status,
    establishedOn: entity.established_on,
    address: entity.address,
    legalRep: entity.legal_rep,
    regAuthority: entity.reg_authority,
    regionCode: entity.region_code,
    regionName: region?.name ?? null,
    unitCode: entity.unit_code,
    unitName: unit?.name ?? null,
    industryCode: entity.industry_code,
    industryName: industry?.name ?? null,
    tags: entity.tags,
    riskClass: entity.risk_class,
    riskClassSince: entity.risk_class_since,
    updatedAt: entity.updated_at,
    classifications: classifications
      .sort((a, b) => order(a.classification) - order(b.classification))
      .map((c) => ({
        classification: c.classification,
        label: riskClassificationLabel[c.classification as DomainRiskClassification] ?? c.classification,
        riskClass: c.risk_class,
        ratedOn: c.rated_on,
        source: c.source,
      })),
    history: history.map((h) => ({
      id: String(h.id),
      changedAt: h.changed_at,
      source: h.source,
      actorName: h.actor_name,
      changes: h.changes as Record<string, [unknown, unknown]>,
    })),
  };
}

/**
 * The 专业领域 classifications held by the businesses of the caller's units, with how many hold
 * each (what a task's allocation can use besides the general 信用风险分类), in the list's order.
 */
export async function classificationsInUse(db: Kysely<DB>, caller: Caller) {
  const rows = await db
    .selectFrom('entity_risk_classification as c')
    .innerJoin('market_entity as e', (j) => j.onRef('e.region_code', '=', 'c.region_code').onRef('e.uscc', '=', 'c.uscc'))
    .select(['c.classification', (eb) => eb.fn.countAll<string>().as('n')])
    .where('e.unit_code', 'in', caller.scope.unitCodes)
    .groupBy('c.classification')
    .execute();
  const held = new Map(rows.map((r) => [r.classification, Number(r.n)]));
  return {
    items: domainRiskClassifications
      .filter((c) => held.has(c))
      .map((c) => ({ classification: c, label: riskClassificationLabel[c], entities: held.get(c)! })),
  };
}
