// Login throttling (等保 2.0 第三级 "登录失败处理").
//
// Per account: at most `maxChecks` password checks in a window. A check is *reserved* before the
// password is verified, by one atomic upsert (the row is locked while it is updated), so parallel
// requests cannot all pass a "fewer than N failures so far" test: the N+1-th reservation in a
// window is refused and locks the account. A lock is only ever set or extended, never cleared
// early: a successful login resets the count only when no lock is running.
//
// Per client address: failures are counted for the address the request came from (the real
// client behind a trusted reverse proxy, see SSJ_TRUSTED_PROXIES). The limit is well above what
// one office makes by mistyping, so an office behind one address is not locked out by one
// person, while a password-spraying client is stopped.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const throttleRules = {
  user: { maxChecks: 5, windowMinutes: 15, lockMinutes: 15 },
  address: { maxChecks: 100, windowMinutes: 15, lockMinutes: 15 },
  // The portal's 停止公示 applications (every submission counts) and the 回执编号 look-ups
  // (failures count) per client address: a business applies a few times a year.
  publicationRequest: { maxChecks: 10, windowMinutes: 60, lockMinutes: 60 },
  receiptLookup: { maxChecks: 30, windowMinutes: 15, lockMinutes: 15 },
} as const;

export type ThrottleKind = keyof typeof throttleRules;
type Db = Kysely<DB> | Transaction<DB>;

export function throttleKey(kind: ThrottleKind, value: string): string {
  return `${kind}:${value.toLowerCase()}`;
}

function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}

export type Reservation = { allowed: true; attempt: number } | { allowed: false; lockedMinutes: number; lockedNow: boolean };

/**
 * Reserves one check for the key: counts it and answers whether it may go ahead. Atomic on both
 * engines (INSERT … ON CONFLICT DO UPDATE locks the row; concurrent reservations queue on it and
 * each sees the count the one before it wrote).
 */
export async function reserveCheck(db: Db, kind: ThrottleKind, key: string, now: Date): Promise<Reservation> {
  const rule = throttleRules[kind];
  const windowStart = new Date(now.getTime() - rule.windowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + rule.lockMinutes * 60_000);
  // A running lock keeps every column. An expired lock or window starts a new window.
  const fresh = sql<boolean>`(login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until <= ${now}) OR login_throttle.window_start <= ${windowStart}`;
  const locked = sql<boolean>`(login_throttle.locked_until IS NOT NULL AND login_throttle.locked_until > ${now})`;
  const row = await db
    .insertInto('login_throttle')
    .values({ throttle_key: key, failures: 1, window_start: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('throttle_key').doUpdateSet({
        failures: sql`CASE WHEN ${locked} THEN login_throttle.failures WHEN ${fresh} THEN 1 ELSE login_throttle.failures + 1 END`,
        window_start: sql`CASE WHEN ${locked} THEN login_throttle.window_start WHEN ${fresh} THEN ${now}::timestamptz ELSE login_throttle.window_start END`,
        locked_until: sql`CASE WHEN ${locked} THEN login_throttle.locked_until WHEN ${fresh} THEN NULL WHEN login_throttle.failures + 1 > ${rule.maxChecks} THEN ${lockUntil}::timestamptz ELSE NULL END`,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  if (row.locked_until && row.locked_until > now) {
    return {
      allowed: false,
      lockedMinutes: minutesUntil(row.locked_until, now),
      lockedNow: row.locked_until.getTime() === lockUntil.getTime(),
    };
  }
  return { allowed: true, attempt: row.failures };
}

/**
 * After a failed check: locks the key when this was the last check the window allows. Returns
 * true when this failure set the lock. Never shortens a running lock.
 */
export async function lockIfExhausted(db: Db, kind: ThrottleKind, key: string, attempt: number, now: Date): Promise<boolean> {
  const rule = throttleRules[kind];
  if (attempt < rule.maxChecks) return false;
  const result = await db
    .updateTable('login_throttle')
    .set({ locked_until: new Date(now.getTime() + rule.lockMinutes * 60_000) })
    .where('throttle_key', '=', key)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Minutes left on a lock of the key, or 0 when it may try (a read, for the per-address limit). */
export async function lockedMinutes(db: Db, key: string, now: Date): Promise<number> {
  const row = await db.selectFrom('login_throttle').select('locked_until').where('throttle_key', '=', key).executeTakeFirst();
  if (!row?.locked_until || row.locked_until <= now) return 0;
  return minutesUntil(row.locked_until, now);
}

/** Counts one failure of the key (the per-address limit counts failures only), locking it at the limit. */
export async function countFailure(db: Db, kind: ThrottleKind, key: string, now: Date): Promise<void> {
  const reservation = await reserveCheck(db, kind, key, now);
  if (reservation.allowed) await lockIfExhausted(db, kind, key, reservation.attempt, now);
}

/** After a successful check: the count starts again — unless a lock is running, which stays. */
export async function resetCount(db: Db, key: string, now: Date): Promise<void> {
  await db
    .updateTable('login_throttle')
    .set({ failures: 0 })
    .where('throttle_key', '=', key)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .execute();
}
