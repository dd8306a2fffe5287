// Passwords: stored as argon2id hashes (@node-rs/argon2, prebuilt, no install script), checked
// against the password rule, generated once for a first login, and new logins that must change theirs.
import { randomInt } from 'node:crypto';
import type { Transaction } from 'kysely';
import { hash, verify } from '@node-rs/argon2';
import type { DB } from '../../db/schema.ts';
import { passwordProblem } from '../../core/accounts/passwordRule.ts';
import { AppError } from '../http/errors.ts';

// argon2id, OWASP's second recommended profile (19 MiB, t=2, p=1).
const ARGON2ID = 2;
const options = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

export { passwordProblem };

/** Refuses (WEAK_PASSWORD, on `field`) a password that breaks the rule for `username`; `what` names it: 初始密码, 新密码. */
export function assertPasswordAcceptable(password: string, username: string, what: string, field: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError('WEAK_PASSWORD', `${what}不符合要求：${problem}。`, { field });
}

const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/**
 * A password shown once to the person who sets up an account and replaced at its first login:
 * four groups of four characters (no 0/O, 1/l/I), 1.9 × 10^27 possibilities, always meeting the
 * password rule.
 */
export function oneTimePassword(username: string): string {
  for (;;) {
    const groups = Array.from({ length: 4 }, () =>
      Array.from({ length: 4 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join(''),
    );
    const password = groups.join('-');
    if (/[A-Z]/.test(password) && /[a-z]/.test(password) && /\d/.test(password) && !passwordProblem(password, username)) return password;
  }
}

/**
 * A new login whose password someone else chose, so it must be changed at the first login. The
 * same username submitted twice at once gets 409 (on `field`) for the second, not a server error.
 */
export async function insertNewLogin(
  trx: Transaction<DB>,
  login: { username: string; displayName: string; homeUnitCode: string; passwordHash: string },
  field: string,
): Promise<{ id: string }> {
  const user = await trx
    .insertInto('app_user')
    .values({
      username: login.username,
      display_name: login.displayName,
      home_unit_code: login.homeUnitCode,
      password_hash: login.passwordHash,
      must_change_password: true,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning(['id'])
    .executeTakeFirst();
  if (!user) throw new AppError('CONFLICT', `用户名 ${login.username} 已存在，请换一个。`, { field });
  return user;
}
