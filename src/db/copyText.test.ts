import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { copyText, copyTextArray } from './copyText.ts';

/** COPY's text-format reading of one field (the server's side), for the round trip. */
function readField(field: string): string | null {
  if (field === '\\N') return null;
  return field.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? c);
}

describe('COPY text format', () => {
  it('writes NULL as \\N and escapes backslash, tab and line breaks', () => {
    expect(copyText(null)).toBe('\\N');
    expect(copyText('高平市')).toBe('高平市');
    expect(copyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
    expect(copyTextArray(null)).toBe('\\N');
    expect(copyTextArray([])).toBe('{}');
    expect(copyTextArray(['带"引号"', 'a\\b'])).toBe('{"带\\\\"引号\\\\"","a\\\\\\\\b"}');
  });

  it('a field never holds a bare tab or line break, and reads back as written', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ unit: fc.constantFrom('a', '\\', '\t', '\n', '\r', 'N', '中') })), (value) => {
        const field = copyText(value);
        expect(field).not.toMatch(/[\t\n\r]/);
        expect(readField(field)).toBe(value);
      }),
    );
  });
});
