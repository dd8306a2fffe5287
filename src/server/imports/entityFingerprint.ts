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
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { databaseOf } from '../../db/database.ts';
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
 * uscc → fingerprint and 所属区划 (`<16 hex digits><region>`) of every stored entity the importer
 * may change, read in one COPY; '' for a code stored more than once or also out of reach, so that
 * such a row takes the staged path and its checks. Read outside the write's transaction: a row
 * found equal is left alone, as if the import had run before a change made after this read
 * (the staged rows are compared again in the write itself).
 */
export type StoredFingerprints = Map<string, string>;

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * The most stored entities read (about 100 bytes of memory each); and a file of `fileRows` rows
 * reads them only when they are at most twice as many (or 10,000), since a small file among many
 * stored entities is staged faster than the whole reach is read. Otherwise the map is empty and
 * every row takes the staged path.
 */
export const MAX_STORED_FINGERPRINTS = 1_500_000;

export async function loadStoredFingerprints(
  db: Kysely<DB>,
  scopeUnitCodes: readonly string[],
  fields: readonly FingerprintField[],
  fileRows: number,
): Promise<StoredFingerprints> {
  const database = databaseOf(db);
  const stored: StoredFingerprints = new Map();
  if (!database || scopeUnitCodes.length === 0) return stored;
  const inReach = await db
    .selectFrom('market_entity')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('unit_code', 'in', [...scopeUnitCodes])
    .executeTakeFirstOrThrow();
  const n = Number(inReach.n);
  if (n === 0 || n > MAX_STORED_FINGERPRINTS || n > Math.max(10_000, 2 * fileRows)) return stored;
  const scope = `ARRAY[${scopeUnitCodes.map(literal).join(', ')}]::text[]`;
  const query = `SELECT m.uscc, m.unit_code = ANY(${scope}), ${fingerprintSql('m', fields)} || m.region_code
    FROM market_entity m
    WHERE m.uscc IN (SELECT uscc FROM market_entity WHERE unit_code = ANY(${scope}))`;
  const decoder = new TextDecoder();
  for await (const piece of database.copyOut(query)) {
    const text = decoder.decode(piece);
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
      const tab = text.indexOf('\t', start);
      const uscc = text.slice(start, tab);
      const reachable = text.charCodeAt(tab + 1) === 0x74; // 't'
      stored.set(uscc, reachable && !stored.has(uscc) ? text.slice(tab + 3, end) : '');
    }
  }
  return stored;
}

/** True when the parsed row equals its stored entity in every field the file sets. */
export function isStoredUnchanged(
  stored: StoredFingerprints,
  record: EntityRecord,
  fields: readonly FingerprintField[],
  fileSetsRegion: boolean,
): boolean {
  const value = stored.get(record.uscc);
  if (!value) return false;
  if (fileSetsRegion && value.slice(16) !== record.regionCode) return false;
  return value.startsWith(recordFingerprint(record, fields));
}
