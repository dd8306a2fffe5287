import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_CHARSET } from './check-chars.ts';
import { makeUscc } from './make-uscc.ts';
import { REGISTRATION_AUTHORITIES } from './registration-authorities.ts';
import { validateUscc } from './validate-uscc.ts';

/** n written in base 31 with the code's own charset, left-padded to `width`. */
function inCharsetBase31(n: number, width: number): string {
  let out = '';
  for (let rest = n; out.length < width; rest = Math.floor(rest / 31)) {
    out = USCC_CHARSET[rest % 31]! + out;
  }
  return out;
}

describe('makeUscc', () => {
  it('rebuilds real codes from their parts, both check characters included', () => {
    expect(makeUscc({ authority: '9', type: '1', division: '440300', orgCode8: '19220382' })).toBe('914403001922038216');
    expect(makeUscc({ authority: '9', type: '1', division: '440300', orgCode8: '70846113' })).toBe('91440300708461136T');
    expect(makeUscc({ authority: '1', type: '1', division: '500241', orgCode8: 'MB162480' })).toBe('11500241MB1624800Q');
  });

  it('produces ≥ 30,000 distinct valid codes for demo data without warnings', () => {
    const divisions = ['140581', '140100', '140107', '140200', '140522'];
    const codes = new Set<string>();
    for (let i = 0; i < 30_000; i++) {
      const code = makeUscc({
        authority: '9',
        type: i % 10 === 0 ? '2' : '1',
        division: divisions[i % divisions.length]!,
        orgCode8: `MA0${inCharsetBase31(i, 5)}`,
      });
      const result = validateUscc(code);
      if (!result.ok || result.orgCodeWarning) throw new Error(`${code}: ${JSON.stringify(result)}`);
      codes.add(code);
    }
    expect(codes.size).toBe(30_000);
  });

  it('rejects parts that cannot appear in a code, saying which', () => {
    const good = { authority: '9', type: '1', division: '140581', orgCode8: 'MA0G1234' };
    expect(() => makeUscc({ ...good, authority: 'B' })).toThrow(/unknown registration authority "B"/);
    expect(() => makeUscc({ ...good, type: '9' })).toThrow(/entity type "9" is not defined for authority 9/);
    expect(() => makeUscc({ ...good, division: '14058' })).toThrow(/division must be 6 digits/);
    expect(() => makeUscc({ ...good, orgCode8: 'MA0O1234' })).toThrow(/orgCode8 must be 8 characters/);
    expect(() => makeUscc({ ...good, orgCode8: 'ma0g1234' })).toThrow(/orgCode8/);
    expect(() => makeUscc({ ...good, orgCode8: 'MA0G123' })).toThrow(/orgCode8/);
  });

  it('always builds a code that validates, with the parts it was given (property)', () => {
    const pairs = Object.entries(REGISTRATION_AUTHORITIES).flatMap(([authority, entry]) =>
      Object.keys(entry.entityTypes).map((type) => ({ authority, type })),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...pairs),
        fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }),
        fc.string({ unit: fc.constantFrom(...USCC_CHARSET), minLength: 8, maxLength: 8 }),
        ({ authority, type }, division, orgCode8) => {
          const code = makeUscc({ authority, type, division, orgCode8 });
          const result = validateUscc(code);
          expect(result).toMatchObject({
            ok: true,
            code,
            registrationAuthority: authority,
            entityType: type,
            divisionCode: division,
          });
          expect(result).not.toHaveProperty('orgCodeWarning');
          if (result.ok) expect(result.orgCode.slice(0, 8)).toBe(orgCode8);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
