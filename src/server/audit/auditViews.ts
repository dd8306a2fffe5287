// 审计日志 read views: the chains of the caller's unit and the units below it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { countRows, type Paged } from '../http/paging.ts';
import { verifyAuditChain, type AuditVerification } from './verifyAuditChain.ts';

export interface AuditRowView {
  unitCode: string;
  seq: number;
  at: Date;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string;
  summary: unknown;
  rowHash: string;
}

export interface AuditQuery {
  page: number;
  pageSize: number;
  action?: string | undefined;
  objectId?: string | undefined;
}

export async function listAuditRows(db: Kysely<DB>, caller: Caller, query: AuditQuery): Promise<Paged<AuditRowView>> {
  let base = db.selectFrom('audit_log').where('unit_code', 'in', caller.scope.unitCodes);
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
      at: r.at,
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
}

export function verifyChainsInReach(db: Kysely<DB>, caller: Caller): Promise<AuditVerification> {
  return verifyAuditChain(db, { unitCodes: caller.scope.unitCodes });
}
