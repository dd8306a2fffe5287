// 检查对象名录库：市场主体查询，按单位范围过滤。
import { z } from 'zod';
import { AppError } from '../http/errors.ts';
import { defineRoute, moduleRead, requireCaller, type AnyRoute } from '../http/route.ts';
import { pagingQuery } from '../http/paging.ts';

import { escapeLike } from '../http/sqlText.ts';

export const listEntities = defineRoute({
  method: 'get',
  path: '/api/entities',
  summary: '检查对象名录库：市场主体列表（本单位及下级单位管辖范围）',
  tag: '一单两库',
  auth: moduleRead('directories'),
  query: z.object({
    ...pagingQuery,
    q: z.string().trim().max(60).optional(),
    subjectType: z.enum(['enterprise', 'individual', 'cooperative', 'other']).optional(),
    riskClass: z.enum(['A', 'B', 'C', 'D', 'none']).optional(),
    regStatus: z.string().max(10).optional(),
    unitCode: z.string().max(64).optional(),
  }),
  async handler({ app, caller, query }) {
    const who = requireCaller(caller);
    if (query.unitCode && !who.scope.unitCodes.includes(query.unitCode)) {
      throw new AppError('FORBIDDEN_UNIT', `您当前所在单位（${who.scope.unitName}）无权查看单位 ${query.unitCode} 管辖的市场主体。`, { unitCode: query.unitCode });
    }
    let base = app.database.db
      .selectFrom('market_entity as e')
      .where('e.unit_code', 'in', query.unitCode ? [query.unitCode] : who.scope.unitCodes);
    if (query.q) {
      const q = query.q.toUpperCase();
      base = /^[0-9A-Z]{2,18}$/.test(q)
        ? base.where('e.uscc', 'like', `${escapeLike(q)}%`)
        : base.where('e.name', 'like', `%${escapeLike(query.q)}%`);
    }
    if (query.subjectType) base = base.where('e.subject_type', '=', query.subjectType);
    if (query.riskClass) base = query.riskClass === 'none' ? base.where('e.risk_class', 'is', null) : base.where('e.risk_class', '=', query.riskClass);
    if (query.regStatus) base = base.where('e.reg_status', '=', query.regStatus);
    const total = Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .innerJoin('org_unit as o', 'o.code', 'e.unit_code')
      .leftJoin('ref_industry as i', 'i.code', 'e.industry_code')
      .select([
        'e.uscc', 'e.name', 'e.subject_type', 'e.enterprise_type', 'e.reg_status', 'e.established_on', 'e.address', 'e.legal_rep',
        'e.region_code', 'e.unit_code', 'o.name as unit_name', 'e.industry_code', 'i.name as industry_name', 'e.tags', 'e.risk_class', 'e.risk_class_since',
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
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  },
});

export const getEntity = defineRoute({
  method: 'get',
  path: '/api/entities/:uscc',
  summary: '市场主体详情（按统一社会信用代码）',
  tag: '一单两库',
  auth: moduleRead('directories'),
  params: z.object({ uscc: z.string().length(18, '统一社会信用代码应为 18 位') }),
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    const rows = await app.database.db.selectFrom('market_entity').selectAll().where('uscc', '=', params.uscc.toUpperCase()).execute();
    if (rows.length === 0) throw new AppError('NOT_FOUND', `名录库中没有统一社会信用代码为 ${params.uscc} 的市场主体。`);
    const visible = rows.find((r) => who.scope.unitCodes.includes(r.unit_code));
    if (!visible) {
      throw new AppError('FORBIDDEN_UNIT', `统一社会信用代码为 ${params.uscc} 的市场主体不在您当前所在单位（${who.scope.unitName}）的管辖范围内，无权查看。`, {
        uscc: params.uscc,
      });
    }
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
      unitCode: visible.unit_code,
      industryCode: visible.industry_code,
      tags: visible.tags,
      riskClass: visible.risk_class,
      riskClassSince: visible.risk_class_since,
    };
  },
});

export const entityRoutes: AnyRoute[] = [listEntities, getEntity];
