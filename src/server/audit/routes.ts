// 审计日志：查看本单位及下级单位的审计记录，校验哈希链。
import { z } from 'zod';
import { defineRoute, moduleRead, requireCaller } from '../http/route.ts';
import { countRows, pagingQuery } from '../http/paging.ts';
import { verifyAuditChain } from './verifyAuditChain.ts';

export const listAudit = defineRoute({
  method: 'get',
  path: '/api/audit',
  summary: '审计日志（新的在前）',
  tag: '审计',
  auth: moduleRead('admin'),
  query: z.object({ ...pagingQuery, action: z.string().max(60).optional(), objectId: z.string().max(100).optional() }),
  async handler({ app, caller, query }) {
    const who = requireCaller(caller);
    let base = app.database.db.selectFrom('audit_log').where('unit_code', 'in', who.scope.unitCodes);
    if (query.action) base = base.where('action', '=', query.action);
    if (query.objectId) base = base.where('object_id', '=', query.objectId);
    const total = await countRows(base);
    const rows = await base
      .select(['unit_code', 'seq', 'at', 'actor_name', 'action', 'object_type', 'object_id', 'summary', 'row_hash'])
      .orderBy('at', 'desc')
      .orderBy('seq', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return {
      items: rows.map((r) => ({
        unitCode: r.unit_code,
        seq: Number(r.seq),
        at: r.at.toISOString(),
        actorName: r.actor_name,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        summary: r.summary,
        rowHash: r.row_hash.trim(),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  },
});

export const verifyAudit = defineRoute({
  method: 'get',
  path: '/api/audit/verify',
  summary: '校验审计日志哈希链（本单位及下级单位的链）',
  tag: '审计',
  auth: moduleRead('admin'),
  async handler({ app, caller }) {
    const who = requireCaller(caller);
    return verifyAuditChain(app.database.db, { unitCodes: who.scope.unitCodes });
  },
});

export const auditRoutes = [listAudit, verifyAudit] as const;
