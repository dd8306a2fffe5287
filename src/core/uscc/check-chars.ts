// The two check characters inside a 统一社会信用代码:
// - position 18, GB 32100-2015 §5 / 附录B: GB/T 17710 (ISO 7064) hybrid, modulus 31;
// - position 17, the 组织机构代码 check digit over positions 9–16, GB 11714-1997 §5.

/** GB 32100-2015 §4 代码字符集: digits and upper-case letters except I, O, Z, S, V. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// w_i = 3^(i-1) mod 31 (GB 32100-2015 附录B).
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Value of a charset character (its index in USCC_CHARSET), or -1 if not in it. */
export function usccCharValue(char: string): number {
  return char.length === 1 ? charCodeValue(char.charCodeAt(0)) : -1;
}

/** Value of each ASCII character code in USCC_CHARSET, -1 for the others. */
const CHARSET_VALUES = Int8Array.from({ length: 128 }, (_, code) => USCC_CHARSET.indexOf(String.fromCharCode(code)));

function charCodeValue(code: number): number {
  return code < 128 ? CHARSET_VALUES[code]! : -1;
}

/**
 * Position 18 of a 统一社会信用代码 from positions 1–17 (GB 32100-2015 附录B):
 * c18 = charset[(31 − Σ value(c_i)·w_i mod 31) mod 31]. The outer "mod 31" matters:
 * a sum ≡ 0 gives check character '0', which some validators get wrong.
 */
export function computeUsccCheckChar(first17: string): string {
  if (first17.length !== 17) {
    throw new Error(`computeUsccCheckChar: expected 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = charCodeValue(first17.charCodeAt(i));
    if (value < 0) {
      throw new Error(`computeUsccCheckChar: ${JSON.stringify(first17[i])} at position ${i + 1} is not in the charset ${USCC_CHARSET}`);
    }
    sum += value * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

// GB 11714-1997 §5: weights for the 8 body characters of a 组织机构代码.
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/**
 * The 9th character of a 组织机构代码 (GB 11714-1997 §5) from its 8-character body:
 * C9 = 11 − Σ value(c_i)·w_i mod 11, with 10 → 'X' and 11 → '0'. Digits count as
 * their value and letters as A=10 … Z=35 (the standard's own table, not the USCC charset).
 */
export function computeOrgCodeCheckChar(body8: string): string {
  let sum = body8.length === 8 ? 0 : -1;
  for (let i = 0; i < 8 && sum >= 0; i++) {
    const code = body8.charCodeAt(i);
    // 0-9, then A=10 … Z=35.
    const value = code >= 48 && code <= 57 ? code - 48 : code >= 65 && code <= 90 ? code - 55 : -1;
    sum = value < 0 ? -1 : sum + value * ORG_CODE_WEIGHTS[i]!;
  }
  if (sum < 0) throw new Error(`computeOrgCodeCheckChar: expected 8 digits or upper-case letters, got ${JSON.stringify(body8)}`);
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}
