// The one error style of the core: a rule that refuses its input throws a DomainError. Its
// `kind` says what the HTTP layer answers (invalidInput → 400, invalidState → 409,
// unprocessable → 422); its `code` names the rule for tests and logs; its message is Chinese and
// says what is wrong, where, and how to fix it. Core never catches a database error, so a
// DomainError always comes from a rule, never from storage.

export type DomainErrorKind =
  /** The input is malformed or contradicts itself (a date that is not a date, an empty reason). */
  | 'invalidInput'
  /** The step is not allowed from the record's current state (publish a draft twice…). */
  | 'invalidState'
  /** Well-formed input the rule cannot act on (a frame with a bad line, a year without holidays). */
  | 'unprocessable';

export class DomainError<Code extends string = string> extends Error {
  readonly kind: DomainErrorKind;
  readonly code: Code;
  readonly details: Record<string, unknown>;

  constructor(kind: DomainErrorKind, code: Code, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

/** A refusal because the input is wrong (→ 400). */
export function invalidInput(code: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('invalidInput', code, message, details);
}

/** A refusal because of the record's state (→ 409). */
export function invalidState(code: string, message: string, details: Record<string, unknown> = {}): DomainError {
  return new DomainError('invalidState', code, message, details);
}
