// Passwords are stored as argon2id hashes (@node-rs/argon2, prebuilt, no install script).
import { hash, verify } from '@node-rs/argon2';
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
