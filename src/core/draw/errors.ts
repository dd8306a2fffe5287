// Typed domain errors for the draw engine (engineering.md: errors are values with a
// code). Messages are Chinese and say how to fix the input; `details` carries the data.

export type DrawErrorCode =
  | 'DRAW_BAD_FRAME'
  | 'DRAW_BAD_EXCLUSIONS'
  | 'DRAW_BAD_PARAMS'
  | 'DRAW_BAD_RATE'
  | 'DRAW_BAD_SOURCE'
  | 'DRAW_BAD_INPUT'
  | 'DRAW_COMMIT_CHANGED';

export class DrawError extends Error {
  readonly code: DrawErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: DrawErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DrawError';
    this.code = code;
    this.details = details;
  }
}
