// 审计日志 API: HTTP only — the schemas, one read view per route (auditViews.ts).
import { z } from 'zod';
import { moduleRead, routeGroup } from '../http/route.ts';
import { pagingQuery } from '../http/paging.ts';
import { instant, paged, unitFields } from '../http/wire.ts';
import { chainHeadsInReach, listAuditRows, verifyChainsInReach } from './auditViews.ts';

const TAG = '审计';
const route = routeGroup(TAG);

const auditRow = z.object({
  unitCode: z.string(),
  seq: z.number(),
  at: instant,
  actorName: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string(),
  summary: z.unknown().describe('原始记录（变更前后的字段与说明）'),
  rowHash: z.string(),
  actionName: z.string().describe('操作'),
  unitName: z.string().describe('操作单位'),
  objectText: z.string().describe('操作对象'),
  changes: z.array(z.object({ label: z.string(), before: z.string().nullable(), after: z.string().nullable() })).describe('变更的字段'),
  note: z.string().nullable().describe('说明'),
  unlabelled: z.number().describe('仅见于原始记录的字段数'),
});

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number(),
  chains: z.number(),
  firstBroken: z
    .object({
      reason: z.enum(['seq_gap', 'prev_hash_mismatch', 'row_hash_mismatch']),
      unitCode: z.string(),
      seq: z.number(),
      message: z.string(),
    })
    .nullable(),
  anchorsChecked: z.number(),
  anchorBroken: z
    .object({
      reason: z.enum(['truncated', 'anchor_mismatch']),
      unitCode: z.string(),
      seq: z.number(),
      message: z.string(),
    })
    .nullable(),
});

export const listAudit = route(moduleRead('admin'), 'GET /api/audit', {
  summary: '审计日志（新的在前）',
  query: z.object({
    ...pagingQuery,
    action: z.string().max(60).optional().describe('操作'),
    objectId: z.string().max(100).optional().describe('对象编号'),
  }),
  response: paged(auditRow),
  handler: ({ app, caller, query }) => listAuditRows(app.database.db, caller, query),
});

export const verifyAudit = route(moduleRead('admin'), 'GET /api/audit/verify', {
  summary: '校验审计日志哈希链（本单位及下级单位的链），并核对最近一次锚定的链首',
  response: auditVerificationSchema,
  handler: ({ app, caller }) => verifyChainsInReach(app.database.db, caller),
});

export const auditHeads = route(moduleRead('admin'), 'GET /api/audit/heads', {
  summary: '各审计链的链首（最后一条记录的序号与哈希）及最近一次锚定，供纪检/审计人员抄录核对',
  response: z.object({
    items: z.array(
      z.object({
        ...unitFields,
        seq: z.number(),
        rowHash: z.string(),
        anchor: z.object({ seq: z.number(), rowHash: z.string(), anchoredAt: instant, problem: z.string().nullable() }).nullable(),
      }),
    ),
  }),
  handler: ({ app, caller }) => chainHeadsInReach(app.database.db, caller),
});

export const auditRoutes = [listAudit, verifyAudit, auditHeads] as const;
