// 其他检查对象（产品/项目/行为）的对象编码 ("non-entity objects as directory entries
// with their own code"). An object's code is unique within its owning unit and kind.
//
// Two kinds of code:
// - a code the unit already uses for the object: a 投资项目代码 (2026-140581-47-03-012345),
//   a 生产许可证编号 + 批号, a case or 网店 number … 1–40 characters: letters, digits and
//   - _ . / (first character a letter or digit), stored upper-case;
// - a system code when the unit has none: <prefix>-<区划代码>-<year>-<6-digit serial>, e.g.
//   CP-140581-2026-000123, with the prefix CP (产品), XM (项目), XW (行为) or BZ (标准). Serials count per
//   unit, kind, region and year.
import type { ObjectKind } from '../glossary.ts';

export const OBJECT_CODE_MAX = 40;

export const systemCodePrefix: Record<ObjectKind, string> = { product: 'CP', project: 'XM', behavior: 'XW', standard: 'BZ' };

const CODE_PATTERN = /^[0-9A-Z][0-9A-Z._/-]*$/;
const SYSTEM_CODE = /^(CP|XM|XW|BZ)-(\d{6})-(\d{4})-(\d{6})$/;
const kindByPrefix: Record<string, ObjectKind> = { CP: 'product', XM: 'project', XW: 'behavior', BZ: 'standard' };

/**
 * Repairs what people slip on when typing or pasting a code: surrounding and inner
 * whitespace, full-width letters/digits/punctuation, lower case. Never changes a character
 * into another one; validate the result.
 */
export function normalizeObjectCode(input: string): string {
  return input
    .replace(/[\s\u200b-\u200d\ufeff\u3000]/gu, '')
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

/** Why a (normalized) code is not acceptable, in Chinese, or null when it is fine. */
export function objectCodeProblem(code: string): string | null {
  if (code.length === 0) return '对象编码为空；请填写本单位使用的编码，或留空由系统生成';
  if (code.length > OBJECT_CODE_MAX) return `对象编码最多 ${OBJECT_CODE_MAX} 位，实为 ${code.length} 位；请缩短编码`;
  if (!CODE_PATTERN.test(code)) {
    const bad = [...code].find((c) => !/[0-9A-Z._/-]/.test(c));
    return bad !== undefined
      ? `对象编码含有不允许的字符「${bad}」；只能使用字母、数字和 - _ . /`
      : '对象编码应以字母或数字开头；只能使用字母、数字和 - _ . /';
  }
  return null;
}

export interface SystemObjectCode {
  kind: ObjectKind;
  regionCode: string;
  year: number;
  serial: number;
}

/** CP-140581-2026-000123 for the 123rd product of region 140581 registered in 2026. */
export function formatSystemObjectCode(code: SystemObjectCode): string {
  if (!/^\d{6}$/.test(code.regionCode)) throw new RangeError(`区划代码应为 6 位数字：${code.regionCode}`);
  if (!Number.isInteger(code.year) || code.year < 1000 || code.year > 9999) throw new RangeError(`年份应为 4 位：${code.year}`);
  if (!Number.isInteger(code.serial) || code.serial < 1 || code.serial > 999_999) throw new RangeError(`序号应在 1–999999：${code.serial}`);
  return `${systemCodePrefix[code.kind]}-${code.regionCode}-${code.year}-${String(code.serial).padStart(6, '0')}`;
}

/** The parts of a system code, or null when the code is not one (a unit's own code). */
export function parseSystemObjectCode(code: string): SystemObjectCode | null {
  const m = SYSTEM_CODE.exec(code);
  if (!m) return null;
  const serial = Number(m[4]);
  if (serial < 1) return null;
  return { kind: kindByPrefix[m[1]!]!, regionCode: m[2]!, year: Number(m[3]), serial };
}

/**
 * The next free system code for (kind, region, year), given the codes already used in the
 * same unit and kind: one past the highest serial of that series (gaps are not reused, so
 * a code once given never names another object).
 */
export function nextSystemObjectCode(kind: ObjectKind, regionCode: string, year: number, usedCodes: Iterable<string>): string {
  let highest = 0;
  for (const used of usedCodes) {
    const parsed = parseSystemObjectCode(used);
    if (parsed && parsed.kind === kind && parsed.regionCode === regionCode && parsed.year === year)
      highest = Math.max(highest, parsed.serial);
  }
  if (highest >= 999_999) throw new RangeError(`${regionCode} ${year} 年的系统编码已用尽，请改用本单位自己的编码`);
  return formatSystemObjectCode({ kind, regionCode, year, serial: highest + 1 });
}
