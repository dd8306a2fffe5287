// Validation of a 统一社会信用代码 (GB 32100-2015). Pure and strict: it never repairs
// input (lower case, spaces, full-width characters fail, with a message that says how
// to fix them); callers that want repair call normalizeUscc first, explicitly.
import { computeOrgCodeCheckChar, computeUsccCheckChar, usccCharValue } from './check-chars.ts';
import { REGISTRATION_AUTHORITIES } from './registration-authorities.ts';

/**
 * Why a code failed. 'check_char_mismatch' is usually a typo, but a few legitimately issued
 * pilot-era codes (e.g. 91350100M0001TGQXM) fail the mod-31 check: when importing registered
 * data, callers should flag such rows for review rather than drop them; forms should still refuse.
 */
export type UsccErrorCode =
  | 'empty'
  | 'whitespace'
  | 'length'
  | 'lowercase'
  | 'fullwidth'
  | 'illegal_char'
  | 'division_not_digits'
  | 'unknown_authority'
  | 'authority_type_mismatch'
  | 'check_char_mismatch';

/**
 * Positions 9–17 are a 组织机构代码 whose own check digit (GB 11714) does not hold.
 * A warning, not a failure: the mod-31 check over the whole code already passed, and
 * legitimately issued codes are known to break a check rule — warn, don't hard-reject
 * registered data.
 */
export interface UsccOrgCodeWarning {
  message: string;
  expectedCheckChar: string;
}

export interface UsccValid {
  ok: true;
  code: string;
  /** Position 1, GB 32100 表2, e.g. '9' */
  registrationAuthority: string;
  /** e.g. '工商' */
  registrationAuthorityName: string;
  /** Position 2, GB 32100 表3, e.g. '1' */
  entityType: string;
  /** e.g. '企业' */
  entityTypeName: string;
  /** Positions 3–8: the registering organ's GB/T 2260 division code (not checked against the list) */
  divisionCode: string;
  /** Positions 9–17: 主体标识码 (组织机构代码, GB 11714) */
  orgCode: string;
  orgCodeWarning?: UsccOrgCodeWarning;
}

export interface UsccInvalid {
  ok: false;
  reason: UsccErrorCode;
  /** Chinese: what is wrong and how to fix it, fit to show to the person who typed it. */
  message: string;
  /** 1-based position (第n位) of the offending character, when there is one. */
  position?: number;
  /** For check_char_mismatch: the check character positions 1–17 imply. */
  expectedCheckChar?: string;
}

export type UsccResult = UsccValid | UsccInvalid;

const USCC_LENGTH = 18;
// Whitespace plus the zero-width characters that come along with pasted text.
const INVISIBLE = /[\s\u200b-\u200d\ufeff]/u;
const FIX_HINT = '请核对营业执照上的统一社会信用代码';
// Characters that look like the excluded letters, to suggest what was meant.
const EXCLUDED_LETTER_HINTS: Readonly<Record<string, string>> = {
  I: "可能是数字'1'",
  O: "可能是数字'0'",
  Z: "可能是数字'2'",
  S: "可能是数字'5'",
  V: "可能是字母'U'或'Y'",
};

/**
 * Checks a 统一社会信用代码 against GB 32100-2015: length, charset (§4), the
 * authority/type pair (表2/表3), the division field (positions 3–8 digits) and the
 * mod-31 check character (附录B). The embedded 组织机构代码 check (GB 11714) only warns.
 * Reports the first problem, in the order a person would fix them.
 */
export function validateUscc(code: string): UsccResult {
  if (code.length === 0) {
    return invalid('empty', '统一社会信用代码为空；请填写营业执照上的18位统一社会信用代码');
  }

  // Code points, not UTF-16 units: positions and lengths as a person counts them.
  // The common case, 18 characters of the code's character set, has none of the problems below.
  if (!PLAIN_CODE.test(code)) {
    const problem = shapeProblem(code);
    if (problem) return problem;
  }
  return validateContent(code);
}

/** 18 characters of the code's character set (USCC_CHARSET). */
const PLAIN_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** Blanks, length and characters: the first problem, or null. */
function shapeProblem(code: string): UsccInvalid | null {
  const chars = [...code];
  const space = chars.findIndex((c) => INVISIBLE.test(c));
  if (space >= 0) {
    return invalid('whitespace', `第${space + 1}位是空格或不可见字符；统一社会信用代码中不能有空格，请删除多余的空格、换行`, {
      position: space + 1,
    });
  }

  if (chars.length !== USCC_LENGTH) {
    const oldRegistrationNumber = /^\d{15}$/.test(code) ? '；15位数字可能是旧的工商注册号，不是统一社会信用代码' : '';
    return invalid('length', `统一社会信用代码应为18位，实为${chars.length}位${oldRegistrationNumber}；${FIX_HINT}，检查是否多输或漏输`);
  }

  for (let i = 0; i < USCC_LENGTH; i++) {
    const problem = charProblem(code, chars[i]!, i + 1);
    if (problem) return problem;
  }
  return null;
}

/** The checks of an 18-character code of the character set: division, authority, type, check characters. */
function validateContent(code: string): UsccResult {
  const divisionCode = code.slice(2, 8);
  const nonDigit = divisionCode.search(/\D/);
  if (nonDigit >= 0) {
    const position = 3 + nonDigit;
    return invalid(
      'division_not_digits',
      `第${position}位'${code[position - 1]}'应为数字：第3–8位是登记管理机关行政区划码（6位数字）；${FIX_HINT}`,
      { position },
    );
  }

  const authorityCode = code[0]!;
  const authority = REGISTRATION_AUTHORITIES[authorityCode];
  if (!authority) {
    return invalid(
      'unknown_authority',
      `第1位登记管理部门代码'${authorityCode}'不存在，应为${Object.keys(REGISTRATION_AUTHORITIES).join('、')}之一；${FIX_HINT}`,
      { position: 1 },
    );
  }
  const typeCode = code[1]!;
  const typeName = authority.entityTypes[typeCode];
  if (typeName === undefined) {
    const allowed = Object.entries(authority.entityTypes)
      .map(([c, name]) => `${c}（${name}）`)
      .join('、');
    return invalid(
      'authority_type_mismatch',
      `第2位机构类别代码'${typeCode}'与第1位登记管理部门'${authorityCode}'（${authority.name}）不匹配，${authority.name}登记的机构类别只有${allowed}；${FIX_HINT}`,
      { position: 2 },
    );
  }

  const expectedCheckChar = computeUsccCheckChar(code.slice(0, 17));
  const actualCheckChar = code[17]!;
  if (actualCheckChar !== expectedCheckChar) {
    return invalid(
      'check_char_mismatch',
      `第18位校验码应为${expectedCheckChar}，实为${actualCheckChar}；${FIX_HINT}并逐位比对（任何一位抄错都会导致校验不通过）；若与执照完全一致，可能是早期试点赋码，请向登记机关核实`,
      { position: 18, expectedCheckChar },
    );
  }

  const orgCode = code.slice(8, 17);
  const result: UsccValid = {
    ok: true,
    code,
    registrationAuthority: authorityCode,
    registrationAuthorityName: authority.name,
    entityType: typeCode,
    entityTypeName: typeName,
    divisionCode,
    orgCode,
  };
  const orgCodeWarning = checkOrgCode(orgCode);
  if (orgCodeWarning) result.orgCodeWarning = orgCodeWarning;
  return result;
}

// GB 32100-2015 §4 charset, checked per character so the message can name the position
// and the likely slip (lower case, full-width input method, a look-alike letter).
function charProblem(code: string, char: string, position: number): UsccInvalid | null {
  if (usccCharValue(char) >= 0) return null;
  const c = char.charCodeAt(0);

  if (c >= 0xff01 && c <= 0xff5e) {
    const halfWidth = String.fromCharCode(c - 0xfee0);
    return invalid(
      'fullwidth',
      `第${position}位'${char}'是全角字符，应为半角的'${halfWidth.toUpperCase()}'；请切换到英文输入法重新输入，或先做规范化（去空格、全角转半角、转大写）`,
      { position },
    );
  }

  const upper = char >= 'a' && char <= 'z' ? char.toUpperCase() : char;
  if (upper !== char && usccCharValue(upper) >= 0) {
    return invalid(
      'lowercase',
      `第${position}位'${char}'是小写字母；统一社会信用代码只用大写字母，请改为'${upper}'（应为：${asciiUpper(code)}）`,
      { position },
    );
  }

  const hint = EXCLUDED_LETTER_HINTS[upper];
  if (hint) {
    return invalid(
      'illegal_char',
      `第${position}位'${char}'不在代码字符集中：统一社会信用代码不使用字母I、O、Z、S、V，${hint}；${FIX_HINT}`,
      { position },
    );
  }
  return invalid(
    'illegal_char',
    `第${position}位'${char}'不是数字或大写字母；统一社会信用代码只由数字和大写字母（不含I、O、Z、S、V）组成，${FIX_HINT}`,
    { position },
  );
}

// GB 11714-1997 §5 check on the embedded 组织机构代码 (positions 9–17). Positions 9–16
// are already known to be charset characters, which GB 11714 also accepts.
function checkOrgCode(orgCode: string): UsccOrgCodeWarning | undefined {
  const expectedCheckChar = computeOrgCodeCheckChar(orgCode.slice(0, 8));
  const actual = orgCode[8]!;
  if (actual === expectedCheckChar) return undefined;
  return {
    expectedCheckChar,
    message: `第17位（组织机构代码${orgCode}的校验码）按GB 11714应为${expectedCheckChar}，实为${actual}；统一社会信用代码整体校验通过，可能是早期赋码，可照常使用，如有疑问请向登记机关核实`,
  };
}

function invalid(reason: UsccErrorCode, message: string, extra: { position?: number; expectedCheckChar?: string } = {}): UsccInvalid {
  return { ok: false, reason, message, ...extra };
}

function asciiUpper(text: string): string {
  return text.replace(/[a-z]/g, (c) => c.toUpperCase());
}

/**
 * Repairs the slips people make when typing or pasting a code: removes whitespace
 * (including full-width and zero-width spaces), turns full-width letters and digits
 * into half-width, and upper-cases ASCII letters. It never guesses a character
 * (an 'O' stays an 'O'), so validate the result; show the user what changed.
 */
export function normalizeUscc(input: string): string {
  if (PLAIN_CODE.test(input)) return input;
  return asciiUpper(
    input.replace(new RegExp(INVISIBLE.source, 'gu'), '').replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)),
  );
}
