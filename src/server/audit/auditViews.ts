// 审计日志 read views: the chains of the caller's unit and the units below it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { countRows, type Paged, onePage, pagedAnswer } from '../http/paging.ts';
import { checkAnchor, describeAnchorBreak } from '../../core/audit/anchor.ts';
import { chainHeads, latestAnchors, verifyWithAnchors, type AnchoredVerification } from './auditAnchor.ts';

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
    .$call(onePage(query))
    .execute();
  return pagedAnswer(
    rows.map((r) => ({
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
    query,
  );
}

/** The chains in reach verified, and checked against their latest anchors kept in the database. */
export async function verifyChainsInReach(db: Kysely<DB>, caller: Caller): Promise<AnchoredVerification> {
  return verifyWithAnchors(db, await latestAnchors(db, caller.scope.unitCodes), { unitCodes: caller.scope.unitCodes });
}

export interface ChainHeadView {
  unitCode: string;
  unitName: string;
  seq: number;
  rowHash: string;
  anchor: { seq: number; rowHash: string; anchoredAt: Date; problem: string | null } | null;
}

/**
 * The head of every chain in reach with its latest anchor: what the 纪检/审计 role writes down or
 * compares with the heads kept with the backups, so a chain cut at its end is noticed.
 */
export async function chainHeadsInReach(db: Kysely<DB>, caller: Caller): Promise<{ items: ChainHeadView[] }> {
  const heads = await chainHeads(db, caller.scope.unitCodes);
  const anchors = new Map((await latestAnchors(db, caller.scope.unitCodes)).map((a) => [a.unitCode, a]));
  const names = new Map(
    (await db.selectFrom('org_unit').select(['code', 'name']).where('code', 'in', caller.scope.unitCodes).execute()).map((u) => [u.code, u.name]),
  );
  const units = [...new Set([...heads.map((h) => h.unitCode), ...anchors.keys()])].sort();
  const items: ChainHeadView[] = [];
  for (const unitCode of units) {
    const head = heads.find((h) => h.unitCode === unitCode) ?? { unitCode, seq: 0, rowHash: '' };
    const anchor = anchors.get(unitCode);
    let problem: string | null = null;
    if (anchor) {
      const row = await db.selectFrom('audit_log').select('row_hash').where('unit_code', '=', unitCode).where('seq', '=', String(anchor.seq)).executeTakeFirst();
      const broken = checkAnchor(anchor, row?.row_hash, head.seq);
      problem = broken ? describeAnchorBreak(broken) : null;
    }
    items.push({
      unitCode,
      unitName: names.get(unitCode) ?? unitCode,
      seq: head.seq,
      rowHash: head.rowHash,
      anchor: anchor ? { seq: anchor.seq, rowHash: anchor.rowHash, anchoredAt: anchor.anchoredAt, problem } : null,
    });
  }
  return { items };
}
