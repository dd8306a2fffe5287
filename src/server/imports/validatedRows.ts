// The work an entity import (or a 信用风险分类 push) does on each row of its file, apart from the
// database: parse (a .csv piece), validate (entityRows.ts), fingerprint the valid rows
// (entityFingerprint.ts) and write each valid row's line for the staging table's COPY. It runs in
// the import's own thread or on worker threads (validationPool.ts) and gives the same answer on
// both. What needs the whole file in order — a code that comes twice, the comparison with the
// stored fingerprints, the staging itself — stays with the import (entityImport.ts).
import { copyText, copyTextArray } from '../../db/copyText.ts';
import { parseCsvPiece, type CsvPiece, type SheetRow } from '../files/csvPieces.ts';
import { recordFingerprint, type FingerprintField, type StoredFingerprints } from './entityFingerprint.ts';
import {
  parseEntityRow,
  parseRiskClassRow,
  type EntityColumnKey,
  type EntityRecord,
  type EntityRowContext,
  type RowIssue,
} from './entityRows.ts';

/** What every row of one import is checked against: the same for each batch and each thread. */
export interface RowValidationSetup {
  kind: 'entity_import' | 'risk_class_import';
  /** Column of each field in the file (the header's match). */
  index: Partial<Record<EntityColumnKey, number>>;
  /** Units, divisions and industries of an entity import (null for a risk-class push). */
  context: EntityRowContext | null;
  /** Today as YYYY-MM-DD: the date of a pushed class without one. */
  today: string;
  /** The fields the fingerprint covers; empty when there is nothing stored to compare with. */
  fingerprintFields: FingerprintField[];
  fileName: string;
}

/**
 * The stored entities' fingerprints, once read: a valid row equal to its stored entity then gets
 * no staging line (building it is a good part of a row's work), and the import leaves it unstaged.
 */
export interface StoredComparison {
  fingerprints: StoredFingerprints;
  /** The file has a 所属区划 column: the stored one must be the row's too. */
  fileSetsRegion: boolean;
}

/**
 * A batch of rows validated: counts, issues, and what the import keeps of each valid row, packed
 * in a few strings (cheap to pass between threads; rowKey and rowLine read them).
 */
export interface ValidatedRows {
  /** Records the batch held, empty lines included (a .csv piece's next rows are numbered after them). */
  records: number;
  /** Rows with data. */
  rows: number;
  /** Rows with at least one warning. */
  warningRows: number;
  issues: RowIssue[];
  /** The valid rows' row numbers. */
  rowNumbers: number[];
  /**
   * KEY_CHARS characters a valid row: its code (18), fingerprint (16; blanks when none) and
   * 所属区划 (6; blanks when none).
   */
  keys: string;
  /**
   * The valid rows' values in COPY text after the staging table's job and row-number columns,
   * each ended by a line feed; none for a row found equal to its stored entity (isStoredUnchanged).
   */
  lines: string;
  /** Where each valid row's line ends in `lines` (just after its line feed; where the row before's ends when it has none). */
  lineEnds: number[];
  /** The rows were compared with the stored fingerprints: those with a line are changed. */
  compared: boolean;
}

const KEY_CHARS = 40;
/** The fingerprint of the row being validated, as its two 32-bit words (recordFingerprint). */
const fingerprintWords = new Uint32Array(2);
const NO_FINGERPRINT = ' '.repeat(16);
const NO_REGION = ' '.repeat(6);

/** Where the `i`th valid row's key begins in `keys` (code, then fingerprint, then 所属区划). */
export function keyAt(i: number): number {
  return i * KEY_CHARS;
}

/** A valid row's key: its code, fingerprint ('' when none) and 所属区划 (null when none), in KEY_CHARS characters. */
export function rowKeyText(uscc: string, fingerprint: string, regionCode: string | null): string {
  return uscc + (fingerprint === '' ? NO_FINGERPRINT : fingerprint) + (regionCode ?? NO_REGION);
}

/** The code of the `i`th valid row. */
export function rowUscc(batch: ValidatedRows, i: number): string {
  return batch.keys.slice(i * KEY_CHARS, i * KEY_CHARS + 18);
}

/** The `i`th valid row's fingerprint ('' when none) and 所属区划 (null when none). */
export function rowKey(batch: ValidatedRows, i: number): { uscc: string; fingerprint: string; regionCode: string | null } {
  const at = i * KEY_CHARS;
  const fingerprint = batch.keys.slice(at + 18, at + 34);
  const regionCode = batch.keys.slice(at + 34, at + KEY_CHARS);
  return {
    uscc: batch.keys.slice(at, at + 18),
    fingerprint: fingerprint === NO_FINGERPRINT ? '' : fingerprint,
    regionCode: regionCode === NO_REGION ? null : regionCode,
  };
}

/** The `i`th valid row's staging line (with its line feed). */
export function rowLine(batch: ValidatedRows, i: number): string {
  return batch.lines.slice(i === 0 ? 0 : batch.lineEnds[i - 1], batch.lineEnds[i]);
}

/** Whether the `i`th valid row was found equal to its stored entity (it has no staging line). */
export function isStoredUnchanged(batch: ValidatedRows, i: number): boolean {
  return batch.lineEnds[i] === (i === 0 ? 0 : batch.lineEnds[i - 1]);
}

/**
 * Validates rows already read (an .xlsx batch, or the rows of a .csv piece parsed here); with the
 * stored fingerprints, a row equal to its stored entity gets no staging line.
 */
export function validateSheetRows(
  setup: RowValidationSetup,
  rows: readonly SheetRow[],
  records = rows.length,
  stored: StoredComparison | null = null,
): ValidatedRows {
  const out: ValidatedRows = {
    records,
    rows: rows.length,
    warningRows: 0,
    issues: [],
    rowNumbers: [],
    keys: '',
    lines: '',
    lineEnds: [],
    compared: stored !== null,
  };
  const { context, index, fingerprintFields } = setup;
  let keys = '';
  let lines = '';
  for (const row of rows) {
    const parsed =
      context !== null
        ? parseEntityRow(row.rowNumber, row.cells, index as Record<EntityColumnKey, number | undefined>, context)
        : riskClassResult(
            parseRiskClassRow(
              row.rowNumber,
              row.cells,
              index as Record<'uscc' | 'riskClass' | 'riskClassSince' | 'name', number | undefined>,
              setup.today,
            ),
          );
    let warned = false;
    for (const issue of parsed.issues) {
      out.issues.push(issue);
      if (issue.level === 'warning') warned = true;
    }
    if (warned) out.warningRows += 1;
    const record = parsed.record;
    if (!record) continue;
    out.rowNumbers.push(row.rowNumber);
    // A valid code is 18 characters (validateUscc), a 所属区划 6 (a ref_division code).
    if (record.uscc.length !== 18 || (record.regionCode !== null && record.regionCode.length !== 6))
      throw new Error(`validateSheetRows: row ${row.rowNumber} has a code or division of another length`);
    const fingerprint = fingerprintFields.length > 0 ? recordFingerprint(record, fingerprintFields, fingerprintWords) : '';
    const key = rowKeyText(record.uscc, fingerprint, record.regionCode);
    keys += key;
    const unchanged =
      stored !== null &&
      fingerprint !== '' &&
      stored.fingerprints.matchesWords(key, 0, fingerprintWords[0]!, fingerprintWords[1]!, stored.fileSetsRegion);
    if (!unchanged) lines += `${stagingLine(record)}\n`;
    out.lineEnds.push(lines.length);
  }
  out.keys = keys;
  out.lines = lines;
  return out;
}

/**
 * Parses and validates one piece of a .csv (readCsvPieces), its rows numbered after `rowsBefore`
 * records (0 on a worker thread, which does not know the pieces before; the import then shifts
 * the numbers, see shiftRowNumbers).
 */
export function validateCsvPiece(
  setup: RowValidationSetup,
  piece: CsvPiece,
  rowsBefore: number,
  stored: StoredComparison | null = null,
): ValidatedRows {
  const parsed = parseCsvPiece(piece, rowsBefore, setup.fileName);
  return validateSheetRows(setup, parsed.rows, parsed.records, stored);
}

/** Adds `offset` to every row number of a batch validated with its rows numbered from 0. */
export function shiftRowNumbers(batch: ValidatedRows, offset: number): void {
  if (offset === 0) return;
  for (let i = 0; i < batch.rowNumbers.length; i += 1) batch.rowNumbers[i]! += offset;
  for (const issue of batch.issues) issue.rowNumber += offset;
}

/** A risk-class push row as an entity record of the fields it sets. */
function riskClassResult(result: ReturnType<typeof parseRiskClassRow>): { record: EntityRecord | null; issues: RowIssue[] } {
  if (!result.record) return { record: null, issues: result.issues };
  const r = result.record;
  return {
    issues: result.issues,
    record: {
      uscc: r.uscc,
      riskClass: r.riskClass,
      riskClassSince: r.riskClassSince,
      name: null,
      subjectType: null,
      enterpriseType: null,
      regStatus: null,
      establishedOn: null,
      address: null,
      legalRep: null,
      regAuthority: null,
      regionCode: null,
      unitCode: null,
      industryCode: null,
      tags: null,
    },
  };
}

/** The market_entity columns an import can set, in the order of the staging table's columns. */
export const ENTITY_FIELDS = [
  'name',
  'subject_type',
  'enterprise_type',
  'reg_status',
  'established_on',
  'address',
  'legal_rep',
  'reg_authority',
  'unit_code',
  'industry_code',
  'tags',
  'risk_class',
  'risk_class_since',
] as const;

/**
 * The staging table's columns (entity_import_staging) in the order of a COPY line: the job and
 * the row number, then the values stagingLine writes.
 */
export const STAGING_COLUMNS = ['job_id', 'row_number', 'region_code', 'uscc', ...ENTITY_FIELDS] as const;

/** A record's values in COPY text, from region_code on (see STAGING_COLUMNS). */
function stagingLine(r: EntityRecord): string {
  return (
    `${copyText(r.regionCode)}\t${copyText(r.uscc)}\t${copyText(r.name)}\t${copyText(r.subjectType)}\t` +
    `${copyText(r.enterpriseType)}\t${copyText(r.regStatus)}\t${copyText(r.establishedOn)}\t${copyText(r.address)}\t` +
    `${copyText(r.legalRep)}\t${copyText(r.regAuthority)}\t${copyText(r.unitCode)}\t${copyText(r.industryCode)}\t` +
    `${copyTextArray(r.tags)}\t${copyText(r.riskClass)}\t${copyText(r.riskClassSince)}`
  );
}
