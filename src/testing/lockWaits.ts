// Concurrency tests on a server database hold a lock open until the statements under test wait on
// it: this watches pg_stat_activity for them.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/**
 * Polls until `count` sessions wait on a lock while running a statement that matches
 * `queryPattern` (ILIKE), for at most a minute; returns how many were waiting at the end.
 */
export async function waitForLockWaiters(db: Kysely<DB>, queryPattern: string, count: number): Promise<number> {
  let waiting = 0;
  for (let i = 0; i < 1200 && waiting < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE wait_event_type = 'Lock' AND query ILIKE ${queryPattern}`.execute(db);
    waiting = rows[0]!.n;
  }
  return waiting;
}
