// Plain values for what the result/follow-up rules decide (errors are typed
// values with a code; the HTTP layer maps the code to a status — INVALID_STATE → 409,
// VALIDATION_FAILED → 400). Core never throws on user input here: it returns an Outcome.
import { toDayNumber } from '../calendar/calendar-date.ts';

export type DomainErrorCode = 'VALIDATION_FAILED' | 'INVALID_STATE';

export interface DomainError {
  code: DomainErrorCode;
  /** Chinese: what is wrong, where, and how to fix it. */
  message: string;
  details: Record<string, unknown>;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: DomainError };

export function succeeded<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function invalidState<T>(message: string, details: Record<string, unknown>): Outcome<T> {
  return { ok: false, error: { code: 'INVALID_STATE', message, details } };
}

export function invalidInput<T>(message: string, details: Record<string, unknown>): Outcome<T> {
  return { ok: false, error: { code: 'VALIDATION_FAILED', message, details } };
}

/** The day number of a 'YYYY-MM-DD' date, or null when it is not a real date. */
export function dayOf(date: unknown): number | null {
  if (typeof date !== 'string') return null;
  try {
    return toDayNumber(date);
  } catch {
    return null;
  }
}

/** Non-empty after trimming. */
export function hasText(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}
