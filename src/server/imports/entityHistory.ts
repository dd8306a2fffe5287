// 检查对象名录库变更历史 ("an updated file updates, with history"; risk-class
// history). Callers pass their transaction so the change and its history commit together.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface EntityChange {
  regionCode: string;
  uscc: string;
  source: 'import' | 'risk_push' | 'manual';
  jobId?: string | null;
  actorName: string;
  /** {field: [before, after]}, field names as in market_entity (e.g. risk_class, tags). */
  changes: Record<string, [unknown, unknown]>;
}

/** Appends history rows; changes with no fields are skipped (nothing changed, nothing recorded). */
export async function recordEntityChanges(trx: Transaction<DB> | Kysely<DB>, changes: EntityChange[]): Promise<void> {
  const rows = changes
    .filter((c) => Object.keys(c.changes).length > 0)
    .map((c) => ({
      region_code: c.regionCode,
      uscc: c.uscc,
      source: c.source,
      job_id: c.jobId ?? null,
      actor_name: c.actorName,
      changes: JSON.stringify(c.changes),
    }));
  for (let i = 0; i < rows.length; i += 1000) {
    await trx
      .insertInto('market_entity_history')
      .values(rows.slice(i, i + 1000))
      .execute();
  }
}
