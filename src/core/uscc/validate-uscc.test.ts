import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { USCC_CHARSET } from './check-chars.ts';
import { makeUscc } from './make-uscc.ts';
import { REGISTRATION_AUTHORITIES } from './registration-authorities.ts';
import { normalizeUscc, validateUscc, type UsccErrorCode, type UsccResult } from './validate-uscc.ts';

interface VectorFile {
  spec: { charset: string; weights: number[] };
  valid_real: { code: string; entity: string }[];
  valid_synthetic: { code: string; note: string }[];
  invalid: { code: string; why: string }[];
}

const vectors = JSON.parse(readFileSync(new URL('../../../reference/uscc-test-vectors.json', import.meta.url), 'utf8')) as VectorFile;

function expectInvalid(result: UsccResult, reason: UsccErrorCode) {
  if (result.ok) throw new Error(`expected ${reason}, got a valid result for ${result.code}`);
  expect(result.reason).toBe(reason);
  return result;
}

// The vectors' "why" is prose; this is the reason code each kind of prose means.
function expectedReason(why: string): UsccErrorCode {
  if (why === 'length') return 'length';
  if (/not in charset/.test(why)) return 'illegal_char';
  return 'check_char_mismatch'; // every other invalid vector is a checksum failure
}

describe('validateUscc against reference/uscc-test-vectors.json', () => {
  it('uses the same charset as the vectors file', () => {
    expect(USCC_CHARSET).toBe(vectors.spec.charset);
  });

  it.each([...vectors.valid_real, ...vectors.valid_synthetic].map((v) => [v.code]))('accepts %s', (code) => {
    const result = validateUscc(code);
    expect(result).toMatchObject({ ok: true, code });
  });

  it.each(vectors.invalid.map((v) => [v.code, v.why]))('rejects %s (%s)', (code, why) => {
    const result = expectInvalid(validateUscc(code), expectedReason(why));
    expect(result.message).toMatch(/请/); // always says how to fix it
    const stated = /expected (\w)\)/.exec(why);
    if (stated) expect(result.expectedCheckChar).toBe(stated[1]);
  });

  it('splits a valid code into its GB 32100 fields', () => {
    expect(validateUscc('914403001922038216')).toEqual({
      ok: true,
      code: '914403001922038216',
      registrationAuthority: '9',
      registrationAuthorityName: '工商',
      entityType: '1',
      entityTypeName: '企业',
      divisionCode: '440300',
      orgCode: '192203821',
    });
    expect(validateUscc('N2140581MA00G1234F')).toMatchObject({
      ok: true,
      registrationAuthorityName: '农业',
      entityTypeName: '村级集体经济组织',
      divisionCode: '140581',
      orgCode: 'MA00G1234',
    });
  });

  it("accepts check character '0', the (31 − 0) mod 31 edge case", () => {
    expect(validateUscc('91140581MA00G12340').ok).toBe(true);
  });
});

describe('validateUscc messages say what is wrong and how to fix it', () => {
  it('check character: names position 18, the expected and the actual character', () => {
    const result = expectInvalid(validateUscc('914403001922038217'), 'check_char_mismatch');
    expect(result.position).toBe(18);
    expect(result.expectedCheckChar).toBe('6');
    expect(result.message).toMatch(/^第18位校验码应为6，实为7；/);
    expect(result.message).toContain('请核对营业执照上的统一社会信用代码');
  });

  it('empty input', () => {
    expect(expectInvalid(validateUscc(''), 'empty').message).toContain('为空');
  });

  it('wrong length, with a hint for the old 15-digit registration number', () => {
    expect(expectInvalid(validateUscc('12345678'), 'length').message).toMatch(/应为18位，实为8位/);
    expect(expectInvalid(validateUscc('440301103097413'), 'length').message).toContain('旧的工商注册号');
    expect(expectInvalid(validateUscc('9144030019220382160'), 'length').message).toContain('实为19位');
  });

  it('spaces, including full-width and zero-width ones, before length', () => {
    expect(expectInvalid(validateUscc(' 914403001922038216'), 'whitespace').position).toBe(1);
    expect(expectInvalid(validateUscc('9144 03001922038216'), 'whitespace').position).toBe(5);
    expect(expectInvalid(validateUscc('914403001922038216\u3000'), 'whitespace').position).toBe(19);
    expect(expectInvalid(validateUscc('\ufeff914403001922038216'), 'whitespace').position).toBe(1);
  });

  it('lower case: says so, does not accept it, and shows the upper-case code', () => {
    const result = expectInvalid(validateUscc('91440300708461136t'), 'lowercase');
    expect(result.position).toBe(18);
    expect(result.message).toContain("第18位't'是小写字母");
    expect(result.message).toContain('91440300708461136T');
  });

  it('excluded letters I, O, Z, S, V: names the position and the likely look-alike', () => {
    const letterO = expectInvalid(validateUscc('91110000600O37341L'), 'illegal_char');
    expect(letterO.position).toBe(12);
    expect(letterO.message).toContain('不使用字母I、O、Z、S、V');
    expect(letterO.message).toContain("可能是数字'0'");
    for (const letter of ['I', 'O', 'Z', 'S', 'V', 'i', 'o']) {
      const r = expectInvalid(validateUscc(`91110000600037341${letter}`), 'illegal_char');
      expect(r.position).toBe(18);
    }
  });

  it('other characters outside the charset', () => {
    const r = expectInvalid(validateUscc('91110000-60003734L'), 'illegal_char');
    expect(r.position).toBe(9);
    expect(r.message).toContain("第9位'-'不是数字或大写字母");
    // One code point, one position, even outside the BMP.
    expect(expectInvalid(validateUscc('9111000060003734😀L'), 'illegal_char').position).toBe(17);
  });

  it.each([
    ['full-width characters: tells the user to switch input method', '９14403001922038216', 'fullwidth', 1, "应为半角的'9'"],
    ['positions 3–8 must be digits (登记管理机关行政区划码)', '9144A3001922038216', 'division_not_digits', 5, '行政区划码'],
    [
      'position 1 must be a registration authority from GB 32100 表2',
      'B14403001922038216',
      'unknown_authority',
      1,
      "第1位登记管理部门代码'B'不存在",
    ],
  ] as const)('%s', (_title, code, reason, position, says) => {
    const r = expectInvalid(validateUscc(code), reason);
    expect(r.position).toBe(position);
    expect(r.message).toContain(says);
  });

  it('position 2 must be an entity type of that authority (表3)', () => {
    const r = expectInvalid(validateUscc('94440300192203821X'), 'authority_type_mismatch');
    expect(r.position).toBe(2);
    expect(r.message).toContain("第2位机构类别代码'4'与第1位登记管理部门'9'（工商）不匹配");
    expect(r.message).toContain('1（企业）、2（个体工商户）、3（农民专业合作社）');
    expect(expectInvalid(validateUscc('Y2440300192203821X'), 'authority_type_mismatch').position).toBe(2);
  });
});

describe('embedded 组织机构代码 check digit (GB 11714)', () => {
  it('warns, but still accepts, when positions 9–17 break GB 11714 and mod 31 holds', () => {
    // 19220382 → GB 11714 check digit 1; put 5 there and recompute position 18.
    const first17 = '91440300192203825';
    const valid = makeUscc({ authority: '9', type: '1', division: '440300', orgCode8: '19220382' });
    expect(valid.slice(0, 17)).toBe('91440300192203821');
    const code = first17 + computeCheck(first17);
    const result = validateUscc(code);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.orgCodeWarning?.expectedCheckChar).toBe('1');
    expect(result.orgCodeWarning?.message).toContain('第17位');
  });

  it('gives no warning on the real vectors', () => {
    for (const { code } of vectors.valid_real) {
      expect(validateUscc(code)).not.toHaveProperty('orgCodeWarning');
    }
  });
});

describe('normalizeUscc', () => {
  it('trims, removes spaces, converts full-width to half-width and upper-cases', () => {
    expect(normalizeUscc('  91440300708461136t\n')).toBe('91440300708461136T');
    expect(normalizeUscc('9144 0300 7084 6113 6T')).toBe('91440300708461136T');
    expect(normalizeUscc('９１４４０３００７０８４６１１３６ｔ\u3000')).toBe('91440300708461136T');
  });

  it('never guesses a character: a look-alike letter stays and still fails', () => {
    expect(normalizeUscc('91110000600o37341l')).toBe('91110000600O37341L');
    expect(expectInvalid(validateUscc(normalizeUscc('91110000600o37341l')), 'illegal_char').position).toBe(12);
  });

  it('turns the typing slips that validateUscc reports into a valid code', () => {
    const slips = [' 91440300708461136t', '91440300708461136t', '９1440300708461136T'];
    for (const slip of slips) {
      expect(validateUscc(slip).ok).toBe(false);
      expect(validateUscc(normalizeUscc(slip)).ok).toBe(true);
    }
  });
});

// Arbitrary valid codes, built from every authority/type pair in GB 32100 表2/表3.
const pairs = Object.entries(REGISTRATION_AUTHORITIES).flatMap(([authority, entry]) =>
  Object.keys(entry.entityTypes).map((type) => ({ authority, type })),
);
const charsetChar = fc.constantFrom(...USCC_CHARSET);
const validCode = fc
  .record({
    pair: fc.constantFrom(...pairs),
    division: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 6, maxLength: 6 }),
    orgCode8: fc.string({ unit: charsetChar, minLength: 8, maxLength: 8 }),
  })
  .map(({ pair, division, orgCode8 }) => makeUscc({ ...pair, division, orgCode8 }));

describe('validateUscc properties', () => {
  it('changing any single character to another charset character makes a valid code invalid', () => {
    fc.assert(
      fc.property(validCode, fc.nat({ max: 17 }), charsetChar, (code, index, replacement) => {
        fc.pre(code[index] !== replacement);
        const changed = code.slice(0, index) + replacement + code.slice(index + 1);
        expect(validateUscc(changed).ok).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a changed character in positions 9–17 is always caught by the check character', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 8, max: 16 }), charsetChar, (code, index, replacement) => {
        fc.pre(code[index] !== replacement);
        const changed = code.slice(0, index) + replacement + code.slice(index + 1);
        expectInvalid(validateUscc(changed), 'check_char_mismatch');
      }),
    );
  });

  it('swapping two adjacent different characters is detected', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 8, max: 16 }), (code, index) => {
        fc.pre(code[index] !== code[index + 1]);
        const swapped = code.slice(0, index) + code[index + 1] + code[index] + code.slice(index + 2);
        expect(validateUscc(swapped).ok).toBe(false);
      }),
    );
  });

  it('lower-casing any letter of a valid code is reported as lowercase, not accepted', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        const letter = code.search(/[A-Z]/);
        fc.pre(letter >= 0);
        const lowered = code.slice(0, letter) + code[letter]!.toLowerCase() + code.slice(letter + 1);
        expect(expectInvalid(validateUscc(lowered), 'lowercase').position).toBe(letter + 1);
        expect(normalizeUscc(lowered)).toBe(code);
      }),
    );
  });

  it('never throws, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: charsetChar, maxLength: 20 })), (input) => {
        const result = validateUscc(input);
        if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
  });
});

function computeCheck(first17: string): string {
  // Independent re-implementation from the vectors file's formula, so this test does
  // not just repeat the code under test.
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += vectors.spec.charset.indexOf(first17[i]!) * vectors.spec.weights[i]!;
  return vectors.spec.charset[(31 - (sum % 31)) % 31]!;
}
