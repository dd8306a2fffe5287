// Anchoring the audit chains' heads (src/core/audit/anchor.ts): writing them down, reading the
// latest ones, and checking a chain still reaches them.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { checkAnchor, describeAnchorBreak, type AnchorBreak, type ChainHead } from '../../core/audit/anchor.ts';
import { verifyAuditChain, type AuditVerification } from './verifyAuditChain.ts';

/** The last row of each chain (of the given units, or of all). */
export async function chainHeads(db: Kysely<DB>, unitCodes?: readonly string[]): Promise<ChainHead[]> {
  let q = db.selectFrom('audit_log as a').select(['a.unit_code', 'a.seq', 'a.row_hash']);
  if (unitCodes) q = q.where('a.unit_code', 'in', unitCodes.length ? [...unitCodes] : ['']);
  const rows = await q
    .where(({ eb, selectFrom }) =>
      eb(
        'a.seq',
        '=',
        selectFrom('audit_log as b')
          .select((b) => b.fn.max('b.seq').as('m'))
          .whereRef('b.unit_code', '=', 'a.unit_code'),
      ),
    )
    .orderBy('a.unit_code')
    .execute();
  return rows.map((r) => ({ unitCode: r.unit_code, seq: Number(r.seq), rowHash: r.row_hash.trim() }));
}

/** Writes the current head of every chain to audit_anchor; the same heads are printed for keeping elsewhere. */
export async function anchorAuditChains(db: Kysely<DB>, now = new Date()): Promise<{ anchoredAt: string; heads: ChainHead[] }> {
  return db.transaction().execute(async (trx) => {
    const heads = await chainHeads(trx);
    if (heads.length) {
      await trx
        .insertInto('audit_anchor')
        .values(heads.map((h) => ({ anchored_at: now, unit_code: h.unitCode, seq: h.seq, row_hash: h.rowHash })))
        .execute();
    }
    return { anchoredAt: now.toISOString(), heads };
  });
}

/** The latest anchor of each chain kept in the database (of the given units, or of all). */
export async function latestAnchors(db: Kysely<DB>, unitCodes?: readonly string[]): Promise<(ChainHead & { anchoredAt: Date })[]> {
  let q = db.selectFrom('audit_anchor').select(['unit_code', 'seq', 'row_hash', 'anchored_at']).distinctOn('unit_code');
  if (unitCodes) q = q.where('unit_code', 'in', unitCodes.length ? [...unitCodes] : ['']);
  const rows = await q.orderBy('unit_code').orderBy('anchored_at', 'desc').orderBy('id', 'desc').execute();
  return rows.map((r) => ({ unitCode: r.unit_code, seq: Number(r.seq), rowHash: r.row_hash.trim(), anchoredAt: r.anchored_at }));
}

/** The first anchor the chains no longer reach, or null. */
export async function checkAnchors(db: Kysely<DB>, anchors: readonly ChainHead[]): Promise<(AnchorBreak & { message: string }) | null> {
  if (anchors.length === 0) return null;
  const heads = new Map((await chainHeads(db, [...new Set(anchors.map((a) => a.unitCode))])).map((h) => [h.unitCode, h.seq]));
  for (const anchor of anchors) {
    const row = await db
      .selectFrom('audit_log')
      .select('row_hash')
      .where('unit_code', '=', anchor.unitCode)
      .where('seq', '=', String(anchor.seq))
      .executeTakeFirst();
    const found = checkAnchor(anchor, row?.row_hash, heads.get(anchor.unitCode) ?? 0);
    if (found) return { ...found, message: describeAnchorBreak(found) };
  }
  return null;
}

export type AnchoredVerification = AuditVerification & { anchorBroken: (AnchorBreak & { message: string }) | null; anchorsChecked: number };

/** The chains verified, then checked against the anchors. */
export async function verifyWithAnchors(
  db: Kysely<DB>,
  anchors: readonly ChainHead[],
  options: { unitCodes?: string[]; onProgress?: (checked: number) => void } = {},
): Promise<AnchoredVerification> {
  const chains = await verifyAuditChain(db, options);
  const anchorBroken = await checkAnchors(db, anchors);
  return { ...chains, ok: chains.ok && anchorBroken === null, anchorBroken, anchorsChecked: anchors.length };
}
