// Server-side sessions: the cookie carries a random token; the table stores only its
// SHA-256, with idle and absolute expiry.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Role } from '../../core/glossary.ts';

export const SESSION_COOKIE = 'ssj_session';

export function newSessionToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SessionRow {
  tokenHash: string;
  userId: string;
  username: string;
  displayName: string;
  unitCode: string;
  role: Role;
  status: string;
  /** An administrator set the password: nothing but changing it (and reading who one is) is allowed. */
  mustChangePassword: boolean;
}

export type SessionLookup = { state: 'none' } | { state: 'expired' } | { state: 'valid'; session: SessionRow };

export async function findSession(db: Kysely<DB>, token: string, now: Date, idleMinutes: number): Promise<SessionLookup> {
  const tokenHash = hashToken(token);
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.token_hash', 's.user_id', 's.unit_code', 's.role', 's.expires_at', 's.last_seen_at', 'u.username', 'u.display_name', 'u.status', 'u.must_change_password'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return { state: 'none' };
  const idleDeadline = new Date(row.last_seen_at.getTime() + idleMinutes * 60_000);
  if (row.expires_at <= now || idleDeadline <= now || row.status !== 'active') {
    await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
    return { state: 'expired' };
  }
  // Touch at most once a minute to keep writes low.
  if (now.getTime() - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('user_session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  }
  return {
    state: 'valid',
    session: {
      tokenHash,
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      unitCode: row.unit_code,
      role: row.role as Role,
      status: row.status,
      mustChangePassword: row.must_change_password,
    },
  };
}
