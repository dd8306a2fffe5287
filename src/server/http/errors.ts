// One error shape for the whole API: {code, message, details}. Messages are Chinese and
// say what is wrong and how to fix it. Use cases throw AppError; the core throws DomainError
// (src/core/errors.ts), which the pipeline maps here by its kind.
import type { DomainError, DomainErrorKind } from '../../core/errors.ts';
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_JSON'
  | 'VALIDATION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAUTHENTICATED'
  | 'SESSION_EXPIRED'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_DISABLED'
  | 'TOO_MANY_ATTEMPTS'
  | 'FORBIDDEN_ROLE'
  | 'FORBIDDEN_UNIT'
  | 'FORBIDDEN_ORIGIN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'WEAK_PASSWORD'
  | 'BAD_FILE'
  | 'UNPROCESSABLE'
  | 'INVALID_STATE'
  | 'SERVER_BUSY'
  | 'INTERNAL';

const statusOf: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  VALIDATION_FAILED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_DISABLED: 403,
  TOO_MANY_ATTEMPTS: 429,
  FORBIDDEN_ROLE: 403,
  FORBIDDEN_UNIT: 403,
  FORBIDDEN_ORIGIN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  WEAK_PASSWORD: 400,
  BAD_FILE: 400, // unreadable / wrong-format / wrong-header file
  UNPROCESSABLE: 422, // well-formed but rejected content (e.g. rows with errors, nothing imported)
  INVALID_STATE: 409, // a state transition that is not allowed from the current state
  SERVER_BUSY: 503, // a capacity limit (e.g. concurrent imports): try again shortly
  INTERNAL: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = statusOf[code];
  }
}

export interface ErrorBody {
  code: string;
  message: string;
  details: unknown;
}

export function errorBody(error: AppError): ErrorBody {
  return { code: error.code, message: error.message, details: error.details };
}

const codeOfKind: Record<DomainErrorKind, ErrorCode> = {
  invalidInput: 'VALIDATION_FAILED',
  invalidState: 'INVALID_STATE',
  unprocessable: 'UNPROCESSABLE',
};

/** The HTTP answer to a rule of the core refusing its input; the rule's code goes in details.reason. */
export function fromDomainError(error: DomainError): AppError {
  return new AppError(codeOfKind[error.kind], error.message, { reason: error.code, ...error.details });
}
