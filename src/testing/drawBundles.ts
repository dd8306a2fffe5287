// The worked example's bundle as tests of the verifier edit it: a fresh copy each time, and the
// first mismatch the verifier reports once a test has changed one field.
import { runDraw } from '../core/draw/bundle.ts';
import { verifyBundle } from '../core/draw/verify.ts';
import { workedExampleInput } from '../core/draw/worked-example.ts';

/** A deep copy of the worked example's bundle (auditor scope), free to edit. */
export function workedExampleBundle(): any {
  return JSON.parse(JSON.stringify(runDraw(workedExampleInput())));
}

/** What the verifier reports for `bundle` after `edit` changed it; throws unless it is a mismatch. */
export function mismatchAfter(bundle: any, edit: (b: any) => void): { field: string; expected: string; found: string } {
  edit(bundle);
  const result = verifyBundle(bundle);
  if (result.status !== 'MISMATCH') throw new Error('expected a mismatch');
  return result;
}
