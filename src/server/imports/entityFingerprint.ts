// The fingerprint an import uses to recognise a row equal to the stored entity without staging
// it: PostgreSQL's own 64-bit text hash (`hashtextextended(…, 0)`, Bob Jenkins' lookup3 over the
// text's UTF-8 bytes) of its text output of the row of the fields the file sets,
// `ROW(name, subject_type, …)::text` — `(v1,"v 2",,…)`, NULL as nothing, a value with a quote,
// backslash, parenthesis, comma or white space quoted, an empty string as "" — so no two value
// lists give the same text. The database computes it from the stored row (`fingerprintSql`), the
// reader from the parsed row (`recordFingerprint`, the same hash in hashBytesExtended). The
// database's hash costs a fifth of an MD5 of the same text there, which was most of the reading
// of a million stored fingerprints. Where the two texts of equal values could differ (a date
// style other than ISO, say), or the two hashes (a big-endian server reads the bytes otherwise),
// the row merely counts as changed and takes the staged path, whose comparison is exact: a
// fingerprint only ever lets the import skip a row whose values are equal (up to a collision of
// 64-bit hashes of the same code's rows; the importer writes the file, so nobody gains by one).
import type { EntityRecord } from './entityRows.ts';
import { CodeTable, CODE_LENGTH, type CodeTableParts } from './codeTable.ts';

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

/**
 * The fingerprint of a parsed row over `fields` (16 hex digits); its high and low 32 bits into
 * `words` too when given (to compare with a stored one without reading the digits back).
 */
export function recordFingerprint(record: EntityRecord, fields: readonly FingerprintField[], words?: Uint32Array): string {
  const hex = textHashHex(rowText(fields.length, (i) => FINGERPRINT_VALUES[fields[i]!](record)));
  words?.set(hashed);
  return hex;
}

/** The same fingerprint of a stored market_entity row, as an SQL expression over `alias`. */
export function fingerprintSql(alias: string, fields: readonly FingerprintField[]): string {
  return `lpad(to_hex(hashtextextended(ROW(${fields.map((f) => `${alias}.${f}`).join(', ')})::text, 0)), 16, '0')`;
}

const encoder = new TextEncoder();
let utf8 = new Uint8Array(1024);
/** The same bytes as little-endian 32-bit words (hashBytesExtended reads whole words at multiples of 4). */
let utf8Words = new Int32Array(utf8.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** hashtextextended(text, 0) of PostgreSQL (on a little-endian server) in 16 hex digits, as lpad(to_hex(…), 16, '0'). */
export function textHashHex(text: string): string {
  // At most 3 bytes a UTF-16 unit.
  if (utf8.length < 3 * text.length) {
    utf8 = new Uint8Array(4 * text.length);
    utf8Words = new Int32Array(utf8.buffer);
  }
  const length = encoder.encodeInto(text, utf8).written;
  hashBytesExtended(length);
  return hex16(hashed[0]!, hashed[1]!);
}

const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));
/** A plain array, not a typed one: spread into String.fromCharCode it is some four times quicker. */
const hexChars: number[] = new Array<number>(16).fill(0);
/** The 16 hexadecimal digits of high:low, as lpad(to_hex(…), 16, '0') prints them (a sixth of the time of toString(16) and padStart). */
function hex16(high: number, low: number): string {
  for (let k = 0; k < 8; k += 1) {
    hexChars[k] = HEX_DIGITS[(high >>> (28 - 4 * k)) & 15]!;
    hexChars[8 + k] = HEX_DIGITS[(low >>> (28 - 4 * k)) & 15]!;
  }
  return String.fromCharCode(...hexChars);
}
/** The high and low 32 bits of the last hashBytesExtended. */
const hashed = new Uint32Array(2);

/** The little-endian word of utf8 at byte `at` (a multiple of 4). */
function wordAt(at: number): number {
  return LITTLE_ENDIAN ? utf8Words[at >> 2]! : utf8[at]! | (utf8[at + 1]! << 8) | (utf8[at + 2]! << 16) | (utf8[at + 3]! << 24);
}

/**
 * PostgreSQL's hash_bytes_extended with seed 0 (src/common/hashfn.c: lookup3's hashlittle, its
 * 64-bit result b:c) over utf8[0, length), read as little-endian words; into `hashed`.
 */
function hashBytesExtended(length: number): void {
  let a = (0x9e3779b9 + length + 3923095) | 0;
  let b = a;
  let c = a;
  let at = 0;
  for (; length - at >= 12; at += 12) {
    a = (a + wordAt(at)) | 0;
    b = (b + wordAt(at + 4)) | 0;
    c = (c + wordAt(at + 8)) | 0;
    // mix(a, b, c)
    a = (a - c) | 0;
    a ^= (c << 4) | (c >>> 28);
    c = (c + b) | 0;
    b = (b - a) | 0;
    b ^= (a << 6) | (a >>> 26);
    a = (a + c) | 0;
    c = (c - b) | 0;
    c ^= (b << 8) | (b >>> 24);
    b = (b + a) | 0;
    a = (a - c) | 0;
    a ^= (c << 16) | (c >>> 16);
    c = (c + b) | 0;
    b = (b - a) | 0;
    b ^= (a << 19) | (a >>> 13);
    a = (a + c) | 0;
    c = (c - b) | 0;
    c ^= (b << 4) | (b >>> 28);
    b = (b + a) | 0;
  }
  // The last 11 bytes at most, little-endian into a, b and c; the lowest byte of c is left for
  // the length (lookup3 adds it to the initial value instead).
  for (let i = 0; at + i < length; i += 1) {
    const byte = utf8[at + i]!;
    if (i < 4) a = (a + (byte << (8 * i))) | 0;
    else if (i < 8) b = (b + (byte << (8 * (i - 4)))) | 0;
    else c = (c + (byte << (8 * (i - 7)))) | 0;
  }
  // final(a, b, c)
  c ^= b;
  c = (c - ((b << 14) | (b >>> 18))) | 0;
  a ^= c;
  a = (a - ((c << 11) | (c >>> 21))) | 0;
  b ^= a;
  b = (b - ((a << 25) | (a >>> 7))) | 0;
  c ^= b;
  c = (c - ((b << 16) | (b >>> 16))) | 0;
  a ^= c;
  a = (a - ((c << 4) | (c >>> 28))) | 0;
  b ^= a;
  b = (b - ((a << 14) | (a >>> 18))) | 0;
  c ^= b;
  c = (c - ((b << 24) | (b >>> 8))) | 0;
  hashed[0] = b;
  hashed[1] = c;
}

/** A hexadecimal digit's value (0-9, a-f), or -1. */
function nibble(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  const lower = code | 32;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/**
 * The fingerprint and 所属区划 of every stored entity an import may change, by 统一社会信用代码
 * (storedFingerprints.ts reads them), in a CodeTable: a million of them take some 50 MB and a
 * lookup a fraction of a microsecond. A code stored more than once, or also out of the importer's
 * reach, matches nothing, so its row takes the staged path and its checks.
 */
export class StoredFingerprints {
  private codes: CodeTable;

  /** `shared`: kept on SharedArrayBuffers, so that the validation threads read them too (parts, over). */
  constructor(expected = 1024, options: { shared?: boolean } = {}) {
    this.codes = new CodeTable(expected, options);
  }

  /** The table's arrays, to hand to another thread (over). */
  parts(): CodeTableParts {
    return this.codes.parts();
  }

  /** The fingerprints of parts() of another thread's table, to look rows up in. */
  static over(parts: CodeTableParts): StoredFingerprints {
    const stored = new StoredFingerprints(16);
    stored.codes = CodeTable.over(parts);
    return stored;
  }

  get size(): number {
    return this.codes.size;
  }

  /**
   * One stored entity from the line `<code>\t<16 hex digits><region>` at bytes[start, end)
   * (ASCII); a code that comes twice matches nothing.
   */
  addLine(bytes: Uint8Array, start: number, end: number): void {
    const { slot, isNew } = this.codes.addBytes(bytes, start);
    const at = start + CODE_LENGTH + 1;
    let region = end - at === 22 && isNew ? 0 : -1;
    for (let k = 16; k < 22 && region >= 0; k += 1) {
      const digit = bytes[at + k]! - 48;
      region = digit >= 0 && digit <= 9 ? region * 10 + digit : -1;
    }
    let high = 0;
    let low = 0;
    for (let k = 0; k < 16 && region >= 0; k += 1) {
      const digit = nibble(bytes[at + k]!);
      if (digit < 0) region = -1;
      else if (k < 8) high = high * 16 + digit;
      else low = low * 16 + digit;
    }
    if (region < 0) {
      this.codes.values[slot] = -1;
      return;
    }
    this.codes.values[slot] = region + 1;
    this.codes.words[2 * slot] = high;
    this.codes.words[2 * slot + 1] = low;
  }

  /** Leaves the code (18 characters) out: a row with it then matches nothing (a code also stored out of reach). */
  exclude(code: string): void {
    const slot = this.codes.find(code, 0);
    if (slot >= 0) this.codes.values[slot] = -1;
  }

  /**
   * True when the entity stored under the code text[at, at + 18) has the fingerprint of 16 hex
   * digits at text[at + 18, at + 34) and, when the file sets it, the 所属区划 at
   * text[at + 34, at + 40): the row equals it in every field the file sets.
   */
  matches(text: string, at: number, fileSetsRegion: boolean): boolean {
    let high = 0;
    let low = 0;
    for (let k = 0; k < 16; k += 1) {
      const digit = nibble(text.charCodeAt(at + 18 + k));
      if (digit < 0) return false;
      if (k < 8) high = high * 16 + digit;
      else low = low * 16 + digit;
    }
    return this.matchesWords(text, at, high, low, fileSetsRegion);
  }

  /**
   * matches() with the fingerprint given as its high and low 32 bits (recordFingerprint's
   * `words`) rather than read from the digits at text[at + 18, at + 34).
   */
  matchesWords(text: string, at: number, high: number, low: number, fileSetsRegion: boolean): boolean {
    const slot = this.codes.find(text, at);
    if (slot < 0) return false;
    const region = this.codes.values[slot]!;
    if (region <= 0) return false;
    if (fileSetsRegion) {
      let n = 0;
      for (let k = 34; k < 40; k += 1) {
        const digit = text.charCodeAt(at + k) - 48;
        if (digit < 0 || digit > 9) return false;
        n = n * 10 + digit;
      }
      if (n !== region - 1) return false;
    }
    return this.codes.words[2 * slot] === high && this.codes.words[2 * slot + 1] === low;
  }
}
