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

/**
 * uscc → fingerprint and 所属区划 (`<16 hex digits><region>`) of the stored entities an import
 * may change (storedFingerprints.ts reads them); '' for a code that takes the staged path.
 */
export type StoredFingerprints = Map<string, string>;

/**
 * True when the stored entity of `uscc` has this fingerprint (and, when the file sets it, this
 * 所属区划): the row equals it in every field the file sets. An empty fingerprint matches nothing.
 */
export function storedMatches(
  stored: StoredFingerprints,
  uscc: string,
  regionCode: string | null,
  fingerprint: string,
  fileSetsRegion: boolean,
): boolean {
  const value = stored.get(uscc);
  if (!value || fingerprint === '') return false;
  if (fileSetsRegion && value.slice(16) !== regionCode) return false;
  return value.startsWith(fingerprint);
}

/** True when the parsed row equals its stored entity in every field the file sets. */
export function isStoredUnchanged(
  stored: StoredFingerprints,
  record: EntityRecord,
  fields: readonly FingerprintField[],
  fileSetsRegion: boolean,
): boolean {
  return storedMatches(stored, record.uscc, record.regionCode, recordFingerprint(record, fields), fileSetsRegion);
}
