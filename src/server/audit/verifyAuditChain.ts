// Re-computes every chain of the audit log and reports the first broken row.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { checkChainPage, describeBreak, GENESIS_HASH, type ChainBreak, type ChainedAuditRow } from '../../core/audit/chain.ts';

export interface AuditVerification {
  ok: boolean;
  checked: number;
  chains: number;
  firstBroken: (ChainBreak & { message: string }) | null;
}

const PAGE = 2000;

export async function verifyAuditChain(
  db: Kysely<DB>,
  options: { unitCodes?: string[]; onProgress?: (checked: number) => void } = {},
): Promise<AuditVerification> {
  let query = db.selectFrom('audit_log').select('unit_code').distinct();
  if (options.unitCodes) query = query.where('unit_code', 'in', options.unitCodes.length ? options.unitCodes : ['']);
  const units = (await query.orderBy('unit_code').execute()).map((r) => r.unit_code);
  let checked = 0;
  for (const unitCode of units) {
    let state = { lastHash: GENESIS_HASH, lastSeq: 0, checked: 0 };
    for (;;) {
      const rows = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('unit_code', '=', unitCode)
        .where('seq', '>', String(state.lastSeq))
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      if (rows.length === 0) break;
      const result = checkChainPage(state, rows.map(toChainedRow));
      checked += result.checked - state.checked;
      options.onProgress?.(checked);
      if (result.firstBreak) {
        return {
          ok: false,
          checked,
          chains: units.length,
          firstBroken: { ...result.firstBreak, message: describeBreak(result.firstBreak) },
        };
      }
      state = result;
      if (rows.length < PAGE) break;
    }
  }
  return { ok: true, checked, chains: units.length, firstBroken: null };
}

function toChainedRow(row: {
  unit_code: string;
  seq: string;
  at: Date;
  actor_user_id: string | null;
  actor_name: string;
  action: string;
  object_type: string;
  object_id: string;
  summary: unknown;
  prev_hash: string;
  row_hash: string;
}): ChainedAuditRow {
  return {
    unitCode: row.unit_code,
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actorUserId: row.actor_user_id,
    actorName: row.actor_name,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    summary: row.summary,
    prevHash: row.prev_hash.trim(),
    rowHash: row.row_hash.trim(),
  };
}
