// Appends one row to the acting unit's audit chain, inside the caller's transaction so the
// state change and its audit row commit or roll back together.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { auditRowHash, GENESIS_HASH, type AuditRowContent } from '../../core/audit/chain.ts';

/** The acting person of an audit row, as every capability names the caller in the log. */
export interface Actor {
  actorUserId: string | null;
  actorName: string;
}

/** The caller as the actor of an audit row. */
export function actorOf(caller: { userId: string; displayName: string }): Actor {
  return { actorUserId: caller.userId, actorName: caller.displayName };
}

export interface AuditEntry {
  unitCode: string;
  actorUserId: string | null;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string;
  before?: unknown;
  after?: unknown;
  note?: string;
  /** When the change happened (the caller's clock, clock.ts nowOf); the wall clock when left out. */
  at?: Date | undefined;
}

export async function recordAudit(trx: Transaction<DB> | Kysely<DB>, entry: AuditEntry): Promise<void> {
  const now = entry.at ?? new Date();
  // Serialise writers of one chain (per unit, so chains stay independent for Citus).
  await sql`SELECT pg_advisory_xact_lock(hashtext(${'audit:' + entry.unitCode}))`.execute(trx);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'row_hash'])
    .where('unit_code', '=', entry.unitCode)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const prevHash = last ? last.row_hash.trim() : GENESIS_HASH;
  const seq = last ? Number(last.seq) + 1 : 1;
  const summary: Record<string, unknown> = {};
  if (entry.before !== undefined) summary.before = entry.before;
  if (entry.after !== undefined) summary.after = entry.after;
  if (entry.note !== undefined) summary.note = entry.note;
  // Round-trip through JSON so the hashed value equals what jsonb gives back.
  const normalisedSummary = JSON.parse(JSON.stringify(summary)) as unknown;
  const content: AuditRowContent = {
    unitCode: entry.unitCode,
    seq,
    at: now.toISOString(),
    actorUserId: entry.actorUserId,
    actorName: entry.actorName,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    summary: normalisedSummary,
  };
  await trx
    .insertInto('audit_log')
    .values({
      unit_code: content.unitCode,
      seq,
      at: now,
      actor_user_id: content.actorUserId,
      actor_name: content.actorName,
      action: content.action,
      object_type: content.objectType,
      object_id: content.objectId,
      summary: JSON.stringify(normalisedSummary),
      prev_hash: prevHash,
      row_hash: auditRowHash(prevHash, content),
    })
    .execute();
  // The facts version (the indicators' cache key): raised in the same transaction, under the
  // chain's lock, so it commits with the change and every commit raises the sum over the units.
  await sql`INSERT INTO facts_version (unit_code, n) VALUES (${entry.unitCode}, 1)
            ON CONFLICT (unit_code) DO UPDATE SET n = facts_version.n + 1`.execute(trx);
}

/** What the signed-in caller did, on the chain of the unit it acts in. */
export function recordCallerAudit(
  trx: Transaction<DB> | Kysely<DB>,
  caller: { userId: string; displayName: string; scope: { unitCode: string } },
  entry: Omit<AuditEntry, 'unitCode' | 'actorUserId' | 'actorName'>,
): Promise<void> {
  return recordAudit(trx, { unitCode: caller.scope.unitCode, ...actorOf(caller), ...entry });
}
