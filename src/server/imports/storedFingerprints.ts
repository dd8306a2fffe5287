// The stored side of an import's fingerprints (entityFingerprint.ts): uscc → fingerprint and
// 所属区划 of every stored entity the importer may change, read in one COPY; none for a code stored
// more than once or also out of reach, so that such a row takes the staged path and its checks.
// Read outside the write's transaction: a row found equal is left alone, as if the import had run
// before a change made after this read (the staged rows are compared again in the write itself).
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { databaseOf } from '../../db/database.ts';
import { fingerprintSql, StoredFingerprints, type FingerprintField } from './entityFingerprint.ts';

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * The most stored entities read (about 50 bytes of memory each); and a file of `fileRows` rows
 * reads them only when they are at most twice as many (or 10,000), since a small file among many
 * stored entities is staged faster than the whole reach is read. Otherwise none is read and
 * every row takes the staged path.
 */
export const MAX_STORED_FINGERPRINTS = 1_500_000;

/**
 * The stored entities an import of `fileRows` rows reads the fingerprints of: those in its reach,
 * or 0 when it reads none (see MAX_STORED_FINGERPRINTS).
 */
export async function storedFingerprintsToRead(db: Kysely<DB>, scopeUnitCodes: readonly string[], fileRows: number): Promise<number> {
  if (!databaseOf(db) || scopeUnitCodes.length === 0) return 0;
  const inReach = await db
    .selectFrom('market_entity')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('unit_code', 'in', [...scopeUnitCodes])
    .executeTakeFirstOrThrow();
  const n = Number(inReach.n);
  return n > 0 && n <= MAX_STORED_FINGERPRINTS && n <= Math.max(10_000, 2 * fileRows) ? n : 0;
}

/**
 * The stored fingerprints of every entity in reach, in one COPY; `shared`: on SharedArrayBuffers,
 * for the validation threads to compare rows with (validationPool.ts); `expected`: how many there
 * are (storedFingerprintsToRead), so that the table is made to size.
 */
export async function readStoredFingerprints(
  db: Kysely<DB>,
  scopeUnitCodes: readonly string[],
  fields: readonly FingerprintField[],
  options: { shared?: boolean; expected?: number } = {},
): Promise<StoredFingerprints> {
  const database = databaseOf(db);
  if (!database || scopeUnitCodes.length === 0) return new StoredFingerprints();
  const scope = `ARRAY[${scopeUnitCodes.map(literal).join(', ')}]::text[]`;
  const stored = new StoredFingerprints(Math.max(1024, options.expected ?? 65_536), { shared: options.shared });
  // The entities in reach, in one COPY; beside it, on a connection of its own, the codes of these
  // that are stored out of reach too (few or none, found from whichever side the planner finds
  // smaller): such a row must take the staged path, which reports it.
  const alsoOutOfReach = sql<{ uscc: string }>`
    SELECT DISTINCT o.uscc FROM market_entity o
    WHERE NOT (o.unit_code = ANY(${[...scopeUnitCodes]}::text[]))
      AND o.uscc IN (SELECT i.uscc FROM market_entity i WHERE i.unit_code = ANY(${[...scopeUnitCodes]}::text[]))`.execute(db);
  alsoOutOfReach.catch(() => undefined);
  const query = `SELECT m.uscc, ${fingerprintSql('m', fields)} || m.region_code
    FROM market_entity m WHERE m.unit_code = ANY(${scope})`;
  // Lines of ASCII, taken from the bytes as they come (a line may span two pieces).
  let rest: Uint8Array = new Uint8Array(0);
  for await (const piece of database.copyOut(query)) {
    const bytes = rest.length === 0 ? piece : Buffer.concat([rest, piece]);
    let start = 0;
    for (let end = bytes.indexOf(0x0a); end >= 0; start = end + 1, end = bytes.indexOf(0x0a, start)) stored.addLine(bytes, start, end);
    rest = bytes.subarray(start);
  }
  for (const { uscc } of (await alsoOutOfReach).rows) stored.exclude(uscc);
  return stored;
}
