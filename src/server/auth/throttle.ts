// Login throttling: after too many failures for one account or one client address within
// the window, further attempts are refused until the lock expires (429 with the wait time).
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const throttleRules = {
  user: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
  address: { maxFailures: 30, windowMinutes: 15, lockMinutes: 15 },
} as const;

export type ThrottleKind = keyof typeof throttleRules;

export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${value.toLowerCase()}`;
}

/** Minutes left on a lock, or 0 when the key may try. */
export async function lockedMinutes(db: Kysely<DB> | Transaction<DB>, key: string, now: Date): Promise<number> {
  const row = await db.selectFrom('login_throttle').select('locked_until').where('throttle_key', '=', key).executeTakeFirst();
  if (!row?.locked_until || row.locked_until <= now) return 0;
  return Math.ceil((row.locked_until.getTime() - now.getTime()) / 60_000);
}

/** Records a failure; returns true when this failure triggered a lock. */
export async function recordFailure(db: Kysely<DB> | Transaction<DB>, kind: ThrottleKind, key: string, now: Date): Promise<boolean> {
  const rule = throttleRules[kind];
  const row = await db.selectFrom('login_throttle').selectAll().where('throttle_key', '=', key).executeTakeFirst();
  const windowOpen = row && now.getTime() - row.window_start.getTime() < rule.windowMinutes * 60_000;
  const failures = windowOpen ? row.failures + 1 : 1;
  const lock = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMinutes * 60_000) : null;
  await db
    .insertInto('login_throttle')
    .values({ throttle_key: key, failures: lock ? 0 : failures, window_start: windowOpen ? row.window_start : now, locked_until: lock })
    .onConflict((oc) =>
      oc.column('throttle_key').doUpdateSet({
        failures: lock ? 0 : failures,
        window_start: windowOpen ? row.window_start : now,
        locked_until: lock,
      }),
    )
    .execute();
  return lock !== null;
}

export async function clearFailures(db: Kysely<DB> | Transaction<DB>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('throttle_key', '=', key).execute();
}
