// The draw engine's refusals: DomainErrors (src/core/errors.ts) of kind `unprocessable`, with
// a code naming the rule. Messages are Chinese and say how to fix the input; `details` carries the data.
import { DomainError } from '../errors.ts';

export type DrawErrorCode =
  | 'DRAW_BAD_FRAME'
  | 'DRAW_BAD_EXCLUSIONS'
  | 'DRAW_BAD_PARAMS'
  | 'DRAW_BAD_RATE'
  | 'DRAW_BAD_SOURCE'
  | 'DRAW_BAD_INPUT'
  | 'DRAW_COMMIT_CHANGED';

export class DrawError extends DomainError<DrawErrorCode> {
  constructor(code: DrawErrorCode, message: string, details: Record<string, unknown> = {}) {
    super('unprocessable', code, message, details);
    this.name = 'DrawError';
  }
}
