// The fingerprint an import uses to recognise a row equal to the stored entity without staging
// it: 64 bits of MD5 over PostgreSQL's text output of the row of the fields the file sets,
// `ROW(name, subject_type, …)::text` — `(v1,"v 2",,…)`, NULL as nothing, a value with a quote,
// backslash, parenthesis, comma or white space quoted, an empty string as "" — so no two value
// lists give the same text. The database computes it from the stored row (`fingerprintSql`), the
// reader from the parsed row (`recordFingerprint`). Where the two texts of equal values could
// differ (a date style other than ISO, say) the row merely counts as changed and takes the staged
// path, whose comparison is exact: a fingerprint only ever lets the import skip a row whose values
// are equal (up to an MD5 collision in 64 bits).
import { hash } from 'node:crypto';
import type { EntityRecord } from './entityRows.ts';
import { CodeTable, CODE_LENGTH } from './codeTable.ts';

/** The market_entity columns an import can set, with the parsed row's value of each. */
export const FINGERPRINT_VALUES = {
  name: (r) => r.name,
  subject_type: (r) => r.subjectType,
  enterprise_type: (r) => r.enterpriseType,
  reg_status: (r) => r.regStatus,
  established_on: (r) => r.establishedOn,
  address: (r) => r.address,
  legal_rep: (r) => r.legalRep,
  reg_authority: (r) => r.regAuthority,
  unit_code: (r) => r.unitCode,
  industry_code: (r) => r.industryCode,
  tags: (r) => (r.tags === null ? null : arrayText(r.tags)),
  risk_class: (r) => r.riskClass,
  risk_class_since: (r) => r.riskClassSince,
} satisfies Record<string, (r: EntityRecord) => string | null>;
export type FingerprintField = keyof typeof FINGERPRINT_VALUES;

// array_out quotes an empty element, NULL, and one with a quote, backslash, brace, comma or
// ASCII white space; record_out quotes an empty value and one with a quote, backslash,
// parenthesis, comma or ASCII white space.
const ARRAY_QUOTE = /^$|^null$|["\\{}, \t\n\r\v\f]/i;
const RECORD_QUOTE = /^$|["\\(), \t\n\r\v\f]/;

/** PostgreSQL's text output of a text[] (array_out): {a,"b c","d\"e"}. */
export function arrayText(values: readonly string[]): string {
  const items = values.map((v) => (ARRAY_QUOTE.test(v) ? `"${v.replace(/["\\]/g, '\\$&')}"` : v));
  return `{${items.join(',')}}`;
}

/** PostgreSQL's text output of a row of these values (record_out). */
export function recordText(values: ReadonlyArray<string | null>): string {
  return rowText(values.length, (i) => values[i]!);
}

/** record_out of `count` values given by position, built without an array (runs for every row of a re-import). */
function rowText(count: number, valueAt: (i: number) => string | null): string {
  let text = '(';
  for (let i = 0; i < count; i += 1) {
    if (i > 0) text += ',';
    const v = valueAt(i);
    if (v !== null) text += RECORD_QUOTE.test(v) ? `"${v.replace(/["\\]/g, '$&$&')}"` : v;
  }
  return `${text})`;
}

/** The fingerprint of a parsed row over `fields` (16 hex digits). */
export function recordFingerprint(record: EntityRecord, fields: readonly FingerprintField[]): string {
  return hash(
    'md5',
    rowText(fields.length, (i) => FINGERPRINT_VALUES[fields[i]!](record)),
    'hex',
  ).slice(0, 16);
}

/** The same fingerprint of a stored market_entity row, as an SQL expression over `alias`. */
export function fingerprintSql(alias: string, fields: readonly FingerprintField[]): string {
  return `left(md5(ROW(${fields.map((f) => `${alias}.${f}`).join(', ')})::text), 16)`;
}

/** A hexadecimal digit's value (the digits of an MD5 in hex: 0-9, a-f), or -1. */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** A 6-digit 所属区划 as a number, or -1. */
function regionNumber(read: (k: number) => number): number {
  let n = 0;
  for (let k = 0; k < 6; k += 1) {
    const digit = read(k) - 48;
    if (digit < 0 || digit > 9) return -1;
    n = n * 10 + digit;
  }
  return n;
}

/**
 * The fingerprint and 所属区划 of every stored entity an import may change, by 统一社会信用代码
 * (storedFingerprints.ts reads them), in a CodeTable: a million of them take some 50 MB and a
 * lookup a fraction of a microsecond. A code stored more than once, or also out of the importer's
 * reach, matches nothing, so its row takes the staged path and its checks.
 */
export class StoredFingerprints {
  private readonly codes: CodeTable;

  constructor(expected = 1024) {
    this.codes = new CodeTable(expected);
  }

  get size(): number {
    return this.codes.size;
  }

  /**
   * One stored entity from the line `<code>\t<t|f: in reach>\t<16 hex digits><region>` at
   * bytes[start, end) (ASCII).
   */
  addLine(bytes: Uint8Array, start: number, end: number): void {
    const { slot, isNew } = this.codes.addBytes(bytes, start);
    const at = start + CODE_LENGTH + 3;
    const region = end - at === 22 ? regionNumber((k) => bytes[at + 16 + k]!) : -1;
    let high = 0;
    let low = 0;
    for (let k = 0; k < 16 && region >= 0; k += 1) {
      const digit = nibble(bytes[at + k]!);
      if (digit < 0) return void (this.codes.values[slot] = -1);
      if (k < 8) high = high * 16 + digit;
      else low = low * 16 + digit;
    }
    if (!isNew || bytes[start + CODE_LENGTH + 1] !== 0x74 || region < 0) {
      this.codes.values[slot] = -1;
      return;
    }
    this.codes.values[slot] = region + 1;
    this.codes.words[2 * slot] = high;
    this.codes.words[2 * slot + 1] = low;
  }

  /**
   * True when the entity stored under the code text[at, at + 18) has the fingerprint of 16 hex
   * digits at text[at + 18, at + 34) and, when the file sets it, the 所属区划 at
   * text[at + 34, at + 40): the row equals it in every field the file sets.
   */
  matches(text: string, at: number, fileSetsRegion: boolean): boolean {
    const slot = this.codes.find(text, at);
    if (slot < 0) return false;
    const region = this.codes.values[slot]!;
    if (region <= 0) return false;
    if (fileSetsRegion && regionNumber((k) => text.charCodeAt(at + 34 + k)) !== region - 1) return false;
    let high = 0;
    let low = 0;
    for (let k = 0; k < 16; k += 1) {
      const digit = nibble(text.charCodeAt(at + 18 + k));
      if (digit < 0) return false;
      if (k < 8) high = high * 16 + digit;
      else low = low * 16 + digit;
    }
    return this.codes.words[2 * slot] === high && this.codes.words[2 * slot + 1] === low;
  }
}
