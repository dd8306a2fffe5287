// 检查对象名录库导入 and 信用风险分类推送. Rows stream from the file and are validated
// (a large file's on worker threads, validationPool.ts), and valid rows go in batches into
// entity_import_staging; the directory itself
// changes only in one final transaction (history rows + upsert + audit row), so a file is
// applied whole or not at all and the directory is never half-written. A file with errors is
// rejected unless the caller chose validOnly; dryRun reports what would change.
import fs from 'node:fs';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { databaseOf } from '../../db/database.ts';
import { copyText } from '../../db/copyText.ts';
import { AppError } from '../http/errors.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import {
  detectSpreadsheetFormat,
  matchHeader,
  readHead,
  readXlsxRowBatches,
  readSpreadsheetRows,
  writeXlsx,
  type HeaderMatch,
  type SheetReadProgress,
} from '../files/spreadsheet.ts';
import { finishJob, reportJobProgress, yieldToEventLoop } from '../jobs/jobs.ts';
import { IMPORT_READ_PHASE, IMPORT_WRITE_PHASE } from '../../core/entities/importPhases.ts';
import { declaredFileRows, ProgressTotal } from '../files/rowTotal.ts';
import { classificationImportColumns } from '../directories/classificationImport.ts';
import type { StoredFingerprints } from './entityFingerprint.ts';
import { CodeTable } from './codeTable.ts';
import { readStoredFingerprints, storedFingerprintsToRead } from './storedFingerprints.ts';
import { parseCsvPiece, readCsvPieces, type CsvPiece, type SheetRow } from '../files/csvPieces.ts';
import {
  ENTITY_FIELDS,
  STAGING_COLUMNS,
  isStoredUnchanged,
  keyAt,
  rowLine,
  rowUscc,
  shiftRowNumbers,
  validateCsvPiece,
  validateSheetRows,
  type RowValidationSetup,
  type StoredComparison,
  type ValidatedRows,
} from './validatedRows.ts';
import { RowValidationPool, validationThreads, WorkerValidationFailed, type ValidationWork } from './validationPool.ts';
import {
  ENTITY_COLUMNS,
  RISK_CLASS_COLUMNS,
  type EntityColumnKey,
  type EntityRowContext,
  type RowIssue,
  type UnitRef,
} from './entityRows.ts';

const changeCounts = z.object({ inserted: z.number(), updated: z.number(), unchanged: z.number() });

/** What an import did (or, for a dry run, would do): stored with its job, answered by GET /api/jobs/:id. */
export const importSummary = z.object({
  kind: z.enum(['entity_import', 'risk_class_import', 'classification_import']),
  fileName: z.string(),
  rows: z.number(),
  valid: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errorRows: z.number(),
  warningRows: z.number(),
  errors: z.number(),
  warnings: z.number(),
  /** Issues kept for the error report (capped, see MAX_STORED_ISSUES). */
  issuesStored: z.number(),
  unknownColumns: z.array(z.string()),
  dryRun: z.boolean(),
  validOnly: z.boolean(),
  /** True when the directory was changed. */
  applied: z.boolean(),
  /** True when errors stopped the import (no validOnly): inserted/updated/unchanged are then 0. */
  rejected: z.boolean(),
  /** When rejected: what importing only the correct rows would do. */
  ifValidOnly: changeCounts.optional(),
});
export type ImportSummary = z.output<typeof importSummary>;
export type ImportKind = ImportSummary['kind'];

export interface ImportOptions {
  dryRun: boolean;
  validOnly: boolean;
}

export interface ImportJobInput {
  jobId: string;
  kind: ImportKind;
  filePath: string;
  fileName: string;
  /** The importing unit (owner of the job, default 管辖单位). */
  unitCode: string;
  /** Units the importer may write to. */
  scopeUnitCodes: string[];
  actor: { userId: string | null; name: string };
  options: ImportOptions;
  /** Today as YYYY-MM-DD (default date of a pushed risk class). */
  today: string;
  onProgress?: (progress: { phase: string; done: number; total: number | null }) => void;
  /** When given, milliseconds spent in each phase are added to it (the bench prints the split). */
  timings?: ImportTimings;
  /** Data rows from which the rows are validated on worker threads (default PARALLEL_VALIDATION_ROWS). */
  parallelFromRows?: number;
  /**
   * Tests: the stored fingerprints taken as coming after the rows are validated, as they may for
   * the first rows of a large file: no row waits for them, none is compared where it is
   * validated, and every row is compared in the import's thread.
   */
  fingerprintsLate?: boolean;
  /** Tests: staged rows a stretch of the write holds, about (default WRITE_STRETCH_ROWS). */
  writeStretchRows?: number;
}

/** Milliseconds per phase of one import, which the import bench prints (docs/scale-out.md, "The entity import's time"). */
export type ImportTimings = Partial<Record<ImportPhase, number>>;
export type ImportPhase =
  | 'fingerprints'
  | 'parse'
  | 'validate'
  | 'stage'
  | 'issues'
  | 'progress'
  | 'directoryCheck'
  | 'count'
  | 'dropUnchanged'
  | 'diff'
  | 'history'
  | 'upsert'
  | 'insert'
  | 'audit'
  | 'finish'
  | 'cleanup';

/** Runs `work` and adds its time to the phase, when the caller asked for timings. */
async function timed<T>(timings: ImportTimings | undefined, phase: ImportPhase, work: () => Promise<T>): Promise<T> {
  if (!timings) return work();
  const start = performance.now();
  try {
    return await work();
  } finally {
    timings[phase] = (timings[phase] ?? 0) + performance.now() - start;
  }
}

const BATCH_ROWS = 5000;
/**
 * The most valid rows held back while the stored fingerprints are still being read (a few
 * hundred bytes each); beyond them the reader waits for the fingerprints.
 */
const HOLD_ROWS = 300_000;
/** A file of at most so many rows waits for the stored fingerprints before its first row is validated (their read is short). */
const WAIT_FOR_FINGERPRINTS_ROWS = 4 * BATCH_ROWS;
const MAX_STORED_ISSUES = 100_000;
/** Milliseconds between two progress reports of one phase. */
const PROGRESS_MS = 250;

const columnsOf = (kind: ImportKind) =>
  kind === 'entity_import' ? ENTITY_COLUMNS : kind === 'risk_class_import' ? RISK_CLASS_COLUMNS : classificationImportColumns;

/**
 * Checks the file type and header before a job starts, so a wrong file is refused at once
 * with a clear message and nothing is recorded. Returns the unknown (ignored) columns.
 */
export async function checkImportFile(filePath: string, fileName: string, kind: ImportKind): Promise<{ unknownColumns: string[] }> {
  detectSpreadsheetFormat(fileName, readHead(filePath));
  const rows = readSpreadsheetRows(filePath, { fileName });
  try {
    const header = await rows.next();
    if (header.done)
      throw new AppError('BAD_FILE', `文件「${fileName}」没有任何内容；第1行应为表头（如 统一社会信用代码、名称……），其下每行一个主体。`);
    const match = checkHeader(fileName, header.value.cells, kind);
    const first = await rows.next();
    if (first.done) throw new AppError('BAD_FILE', `文件「${fileName}」只有表头，没有数据行；请从第2行起填写要导入的主体。`);
    return { unknownColumns: match.unknown };
  } finally {
    await rows.return(undefined);
  }
}

function checkHeader(fileName: string, header: string[], kind: ImportKind): HeaderMatch<string> {
  const columns = columnsOf(kind) as Record<string, { label: string; aliases?: string[]; required: boolean }>;
  const match = matchHeader(header, columns);
  if (match.missing.length > 0) {
    const unknown = match.unknown.length > 0 ? `；文件中无法识别的列：${match.unknown.join('、')}` : '';
    throw new AppError(
      'BAD_FILE',
      `文件「${fileName}」第1行表头缺少必需的列：${match.missing.join('、')}${unknown}。请确认第1行是表头，并按模板列名填写（${Object.values(
        columns,
      )
        .filter((c) => c.required)
        .map((c) => c.label)
        .join('、')}为必需列）。`,
      { missing: match.missing, unknown: match.unknown },
    );
  }
  return match;
}

interface Counters {
  rows: number;
  /** Valid rows equal to their stored entity, recognised by fingerprint and never staged. */
  skipped: number;
  warningRows: number;
  errors: number;
  warnings: number;
  issuesStored: number;
}

/** Runs an import job to its end and records the outcome on the job row. */
export async function runImportJob(db: Kysely<DB>, input: ImportJobInput): Promise<ImportSummary> {
  const { jobId, kind } = input;
  // The total is what the file declares (a .csv's lines, an .xlsx's dimension), else found from
  // the bytes of the sheet read (rowTotal.ts); it becomes the rows read once they all are.
  const declaredRows = await declaredFileRows(input.filePath, input.fileName);
  const bytes: SheetReadProgress = { bytesRead: 0, bytesTotal: null };
  const rowTotal = new ProgressTotal(declaredRows, bytes);
  const { timings } = input;
  // A phase's first and last report are always written, and waited for (so none lands after the
  // job has finished); in between at most one every PROGRESS_MS, written while the rows go on.
  let reported = { phase: '', at: 0 };
  let progressWrites: Promise<void> = Promise.resolve();
  const progress = async (phase: string, done: number, final = false, phaseTotal?: number | null) => {
    const now = performance.now();
    const waits = final || phase !== reported.phase;
    if (!waits && now - reported.at < PROGRESS_MS) return;
    reported = { phase, at: now };
    const total = phaseTotal === undefined ? rowTotal.at(done) : phaseTotal;
    const write = progressWrites.then(() => reportJobProgress(db, jobId, { phase, done, total }));
    // A report between a phase's first and last is only news: one that fails leaves the job
    // going, and the next report is written as usual.
    progressWrites = waits ? write : write.catch(() => undefined);
    if (waits) await timed(timings, 'progress', () => progressWrites);
    input.onProgress?.({ phase, done, total });
  };
  await progress(IMPORT_READ_PHASE, 0);
  try {
    const counters: Counters = { rows: 0, skipped: 0, warningRows: 0, errors: 0, warnings: 0, issuesStored: 0 };
    // Data rows of the file, to size the read of stored fingerprints: as declared, else guessed
    // from the file's size (about 40 bytes a row in an .xlsx).
    const fileRows = declaredRows ?? Math.ceil(fs.statSync(input.filePath).size / 40);
    const { present, unknownColumns } = await stageRows({ db, input, counters, progress, fileRows, bytes, rowTotal });
    const checkIssues = await timed(timings, 'directoryCheck', () => checkAgainstDirectory(db, input, present));
    await timed(timings, 'issues', () => storeIssues(db, jobId, checkIssues, counters));
    const valid = await timed(
      timings,
      'count',
      async () =>
        counters.skipped +
        Number(
          (
            await db
              .selectFrom('entity_import_staging')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .where('job_id', '=', jobId)
              .executeTakeFirstOrThrow()
          ).n,
        ),
    );
    const errorRows = counters.rows - valid;
    const base = {
      kind,
      fileName: input.fileName,
      rows: counters.rows,
      valid,
      errorRows,
      warningRows: counters.warningRows,
      errors: counters.errors,
      warnings: counters.warnings,
      issuesStored: counters.issuesStored,
      unknownColumns,
      dryRun: input.options.dryRun,
      validOnly: input.options.validOnly,
    };
    const fields = fieldsToApply(kind, present);
    // Rows equal to the stored entity leave the staging table here: the diff, the history and
    // the write then see only new and changed rows, and an unchanged entity is not touched.
    const unchanged = counters.skipped + (await timed(timings, 'dropUnchanged', () => dropUnchanged(db, jobId, fields)));
    if (errorRows > 0 && !input.options.validOnly) {
      const preview = await timed(timings, 'diff', () => diffCounts(db, jobId, unchanged));
      // Nothing was written: the counts say so; the preview is reported apart.
      const summary: ImportSummary = {
        ...base,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        ifValidOnly: preview,
        applied: false,
        rejected: true,
      };
      await timed(timings, 'finish', () =>
        finishJob(db, jobId, {
          status: 'failed',
          summary,
          errorMessage: `文件中有 ${errorRows} 行错误，按“全部正确才导入”的规则未导入任何数据。请下载错误报告，修正后重新导入；或选择“只导入正确的行”。`,
        }),
      );
      return summary;
    }
    if (input.options.dryRun) {
      const preview = await timed(timings, 'diff', () => diffCounts(db, jobId, unchanged));
      const summary: ImportSummary = { ...base, ...preview, applied: false, rejected: false };
      await timed(timings, 'finish', () => finishJob(db, jobId, { status: 'succeeded', summary }));
      return summary;
    }
    // The write's progress counts the entities it has written. It is written to the job between
    // its stretches where another connection can read it meanwhile (a PostgreSQL server). On
    // PGlite, with one connection, a reader waits for the write's end anyway, and a report
    // written inside the write would wait for it too: the job says only that the write is under
    // way (no total), the caller hears each stretch (the command line), and the job is told the
    // write's end once it is over.
    const toWrite = valid - unchanged;
    const reportsSeen = databaseOf(db)?.engine === 'postgres';
    const reportWritten = (written: number) =>
      reportsSeen
        ? progress(IMPORT_WRITE_PHASE, written, true, toWrite)
        : Promise.resolve(input.onProgress?.({ phase: IMPORT_WRITE_PHASE, done: written, total: toWrite }));
    await progress(IMPORT_WRITE_PHASE, 0, true, reportsSeen ? toWrite : null);
    const summary = await applyStaged(db, input, fields, base, toWrite, reportWritten);
    if (!reportsSeen) {
      progressWrites = progressWrites.then(() =>
        reportJobProgress(db, jobId, { phase: IMPORT_WRITE_PHASE, done: toWrite, total: toWrite }),
      );
      await timed(timings, 'progress', () => progressWrites);
    }
    await timed(timings, 'finish', () => finishJob(db, jobId, { status: 'succeeded', summary }));
    return summary;
  } finally {
    // A report still being written must not land after the job's outcome (the caller records a failure).
    await progressWrites.catch(() => undefined);
    await timed(timings, 'cleanup', () => db.deleteFrom('entity_import_staging').where('job_id', '=', jobId).execute());
  }
}

async function loadRowContext(db: Kysely<DB>, unitCode: string, scopeUnitCodes: string[]): Promise<EntityRowContext> {
  const units = await db.selectFrom('org_unit').select(['code', 'name', 'short_name', 'region_code']).execute();
  const inScope = new Set(scopeUnitCodes);
  const unitsInScope = new Map<string, UnitRef>();
  const allUnits = new Map<string, UnitRef>();
  let defaultUnit: UnitRef | undefined;
  // Files name a 所 by its full name, its short name, or its name without the bureau prefix
  // (高平市市场监督管理局米山市场监管所 → 米山市场监管所). A name shared by two units is ambiguous:
  // such rows must give the unit code.
  const ambiguous = new Set<string>();
  const add = (map: Map<string, UnitRef>, key: string, ref: UnitRef) => {
    const had = map.get(key);
    if (had && had.code !== ref.code && key !== had.code) ambiguous.add(key);
    else map.set(key, ref);
  };
  for (const u of units) {
    const ref = { code: u.code, regionCode: u.region_code };
    const local = u.name.replace(/^.*?市场监督管理局(?=.)/, '');
    for (const key of new Set([u.code, u.name, u.short_name, local])) {
      if (!key) continue;
      add(allUnits, key, ref);
      if (inScope.has(u.code)) add(unitsInScope, key, ref);
    }
    if (u.code === unitCode) defaultUnit = ref;
  }
  for (const key of ambiguous) {
    if (!units.some((u) => u.code === key)) {
      allUnits.delete(key);
      unitsInScope.delete(key);
    }
  }
  if (!defaultUnit) throw new AppError('NOT_FOUND', `单位 ${unitCode} 不存在`);
  const divisions = new Map<string, string>();
  for (const d of await db.selectFrom('ref_division').select(['code', 'name']).execute()) {
    divisions.set(d.code, d.code);
    if (!divisions.has(d.name)) divisions.set(d.name, d.code);
  }
  const industries = new Set((await db.selectFrom('ref_industry').select('code').execute()).map((r) => r.code));
  return { defaultUnit, unitsInScope, allUnits, divisions, industries };
}

/** Valid rows of a validated batch on their way to the staging table: their positions in it. */
interface ToStage {
  batch: ValidatedRows;
  rows: number[];
}

/** A batch of the file in the order read, with its validation under way (on a worker) or to do here. */
interface FileBatch {
  work: ValidationWork;
  pending: Promise<ValidatedRows> | null;
  /** Records the batch stands for when it is not a .csv piece (the first piece's rows, parsed here). */
  records: number;
}

/** What the reading of one file works with. */
interface Reading {
  db: Kysely<DB>;
  input: ImportJobInput;
  counters: Counters;
  progress: (phase: string, done: number, final?: boolean) => Promise<void>;
  /** Data rows of the file, as declared or estimated. */
  fileRows: number;
  bytes: SheetReadProgress;
  rowTotal: ProgressTotal;
}

async function stageRows(reading: Reading): Promise<{ present: Set<EntityColumnKey>; unknownColumns: string[] }> {
  const { db, input, fileRows } = reading;
  // Whether stored fingerprints are worth reading is asked at once; the workers of a large file
  // start loading beside it and beside the units' lookup.
  const comparing = input.kind === 'entity_import' ? storedFingerprintsToRead(db, input.scopeUnitCodes, fileRows) : Promise.resolve(0);
  comparing.catch(() => undefined);
  const threads = validationThreads(fileRows, input.parallelFromRows);
  const pool = threads > 0 ? new RowValidationPool(threads) : null;
  try {
    const context = input.kind === 'entity_import' ? await loadRowContext(db, input.unitCode, input.scopeUnitCodes) : null;
    return await stageValidatedRows(reading, { context, comparing, pool });
  } finally {
    await pool?.close();
  }
}

async function stageValidatedRows(
  reading: Reading,
  workers: { context: EntityRowContext | null; comparing: Promise<number>; pool: RowValidationPool | null },
): Promise<{ present: Set<EntityColumnKey>; unknownColumns: string[] }> {
  const { db, input, counters, progress, fileRows } = reading;
  const { context, pool } = workers;
  // Each code's row: the first row it came in, negative when that row was left unstaged as unchanged.
  const seen = new CodeTable(Math.min(fileRows, 2_000_000));
  const duplicatesOfFirst = new Map<number, number>(); // first row → a later row with the same code
  let present = new Set<EntityColumnKey>();
  let fields: EntityField[] = [];
  // The stored fingerprints are read on connections of their own while the file is read; once
  // they are in, each row is compared with them where it is validated (on a worker, or here),
  // and a row equal to its stored entity gets no staging line. The rows of a large file validated
  // before they arrive are held back (up to HOLD_ROWS rows, then the reader waits for them) and
  // compared here, so that an unchanged row is never staged; a small file waits for them before
  // its first row (their read is short).
  const waitForFingerprints = !input.fingerprintsLate && fileRows <= WAIT_FOR_FINGERPRINTS_ROWS;
  // `comparison`: what a row is compared with where it is validated, once the fingerprints are in.
  const fingerprints: { map: StoredFingerprints | null; read: Promise<void> | null; comparison: StoredComparison | null } = {
    map: null,
    read: null,
    comparison: null,
  };
  let held: ToStage[] = [];
  let heldRows = 0;
  const skippedFirsts = new Map<number, string>(); // rows left unstaged as unchanged whose code comes again → code
  let unknownColumns: string[] = [];
  let setup: RowValidationSetup | null = null;
  let batch: ToStage[] = [];
  let batchRows = 0;
  let issues: RowIssue[] = [];

  const { timings } = input;
  /** Takes the rows equal to their stored entity out (see entityFingerprint.ts). */
  const dropStoredUnchanged = ({ batch: validated, rows }: ToStage): number[] => {
    const stored = fingerprints.map;
    // A batch compared where it was validated holds only rows found changed.
    if (stored === null || stored.size === 0 || validated.compared) return rows;
    const fileSetsRegion = present.has('regionCode');
    return rows.filter((i) => {
      const rowNumber = validated.rowNumbers[i]!;
      // A row whose code comes again later is staged, to be taken out with its twin's error.
      if (duplicatesOfFirst.has(rowNumber)) return true;
      const at = keyAt(i);
      if (!stored.matches(validated.keys, at, fileSetsRegion)) return true;
      seen.values[seen.find(validated.keys, at)] = -rowNumber;
      counters.skipped += 1;
      return false;
    });
  };
  // The COPY of a batch into the staging table runs while the next batch is read and validated
  // (on PostgreSQL the server and the reader then use both cores), one batch at a time. The time
  // counted as staging is the reader's: building the batch's text and waiting for the one before.
  let staging: Promise<void> | null = null;
  let issueWrites: Promise<void> = Promise.resolve();
  const finishStaging = async () => {
    const pending = staging;
    staging = null;
    if (pending) await timed(timings, 'stage', () => pending);
  };
  const settleStaging = async () => {
    await staging?.catch(() => undefined);
  };
  const stage = async (text: string) => {
    await finishStaging();
    const start = timings ? performance.now() : 0;
    const pending = insertStaging(db, text);
    if (timings) timings.stage = (timings.stage ?? 0) + performance.now() - start;
    // A failure is reported when the next batch (or the end) waits for it.
    pending.catch(() => undefined);
    staging = pending;
  };
  const flush = async (last = false) => {
    if (fingerprints.read && fingerprints.map === null) {
      if (last || waitForFingerprints || heldRows + batchRows > HOLD_ROWS) {
        await timed(timings, 'fingerprints', () => fingerprints.read!);
      } else {
        held.push(...batch);
        heldRows += batchRows;
        batch = [];
        batchRows = 0;
      }
    }
    if (fingerprints.map !== null || !fingerprints.read) {
      const groups = [...held, ...batch];
      held = [];
      heldRows = 0;
      // The changed rows' lines, in COPY text, a staging batch at most BATCH_ROWS rows.
      let text = '';
      let rows = 0;
      for (const group of groups) {
        const changed = await timed(timings, 'validate', async () => dropStoredUnchanged(group));
        for (const i of changed) {
          text += `${input.jobId}\t${group.batch.rowNumbers[i]}\t${rowLine(group.batch, i)}`;
          rows += 1;
        }
        if (rows >= BATCH_ROWS) {
          await stage(text);
          text = '';
          rows = 0;
        }
      }
      if (rows > 0) await stage(text);
    }
    if (last) await finishStaging();
    // The issues are written in order, each batch's while the next is read; the last waits for all.
    const found = issues;
    issueWrites = issueWrites.then(() => storeIssues(db, input.jobId, found, counters));
    issueWrites.catch(() => undefined);
    if (last) await timed(timings, 'issues', () => issueWrites);
    batch = [];
    batchRows = 0;
    issues = [];
    await progress(IMPORT_READ_PHASE, counters.rows, last);
    await yieldToEventLoop();
  };

  /** The header row: the columns, the rows' setup, and the read of the stored fingerprints. */
  const readHeader = async (header: string[]) => {
    const match = checkHeader(input.fileName, header, input.kind);
    unknownColumns = match.unknown;
    present = new Set(Object.keys(match.index).filter((k) => match.index[k] !== undefined) as EntityColumnKey[]);
    fields = fieldsToApply(input.kind, present);
    const storedToRead = await workers.comparing;
    const compare = storedToRead > 0;
    if (compare) {
      // Rows equal to their stored entity are then left unstaged. The workers get them too,
      // shared: from then on they compare the rows themselves.
      fingerprints.read = readStoredFingerprints(db, input.scopeUnitCodes, fields, { shared: pool !== null, expected: storedToRead }).then(
        (map) => {
          fingerprints.map = map;
          if (map.size === 0 || input.fingerprintsLate) return;
          fingerprints.comparison = { fingerprints: map, fileSetsRegion: present.has('regionCode') };
          pool?.compareWith(fingerprints.comparison);
        },
      );
      // A failed read is reported when a batch awaits it; until then it is not unhandled.
      fingerprints.read.catch(() => undefined);
    }
    setup = {
      kind: input.kind === 'entity_import' ? 'entity_import' : 'risk_class_import',
      index: match.index as RowValidationSetup['index'],
      context,
      today: input.today,
      fingerprintFields: compare ? fields : [],
      fileName: input.fileName,
    };
    pool?.setUp(setup);
    if (fingerprints.read && waitForFingerprints) {
      await timed(timings, 'fingerprints', () => fingerprints.read!);
      // Counted as the wait for the fingerprints, not again as parse or validation.
      if (timings) mark = performance.now();
    }
  };

  /** A validated batch, in the file's order: counts, issues, and its valid rows into the batch to stage. */
  const accept = async (result: ValidatedRows) => {
    counters.rows += result.rows;
    counters.warningRows += result.warningRows;
    for (const issue of result.issues) issues.push(issue);
    const rows: number[] = [];
    for (let i = 0; i < result.rowNumbers.length; i += 1) {
      const rowNumber = result.rowNumbers[i]!;
      const slot = seen.add(result.keys, keyAt(i));
      const seenAt = seen.values[slot]!;
      if (seenAt !== 0) {
        // A negative row number: that first row was left unstaged as unchanged (dropStoredUnchanged).
        const uscc = rowUscc(result, i);
        const first = Math.abs(seenAt);
        if (seenAt < 0) skippedFirsts.set(first, uscc);
        issues.push(duplicateIssue(rowNumber, uscc, first));
        if (!duplicatesOfFirst.has(first)) duplicatesOfFirst.set(first, rowNumber);
        continue;
      }
      if (isStoredUnchanged(result, i)) {
        // Found equal to its stored entity where it was validated: left unstaged (as by dropStoredUnchanged).
        seen.values[slot] = -rowNumber;
        counters.skipped += 1;
        continue;
      }
      seen.values[slot] = rowNumber;
      rows.push(i);
    }
    batch.push({ batch: result, rows });
    batchRows += rows.length;
    if (batchRows >= BATCH_ROWS || issues.length >= BATCH_ROWS) {
      lap('validate');
      await flush(); // timed inside
      if (timings) mark = performance.now();
    }
  };

  // Batches go to the workers as they are read, a few ahead, and come back in order; without
  // workers each is validated here when its turn comes. A .csv piece's rows are numbered after the
  // records of the pieces before it, known once those are validated.
  const inOrder: FileBatch[] = [];
  const ahead = pool ? 2 * pool.threads : 0;
  let recordsBefore = 0;
  const validateHere = (work: ValidationWork): ValidatedRows =>
    work.kind === 'csv'
      ? validateCsvPiece(setup!, work.piece, recordsBefore, fingerprints.comparison)
      : validateSheetRows(setup!, work.rows, undefined, fingerprints.comparison);
  const takeNext = async () => {
    const next = inOrder.shift()!;
    let result: ValidatedRows;
    if (next.pending) {
      try {
        result = await next.pending;
        if (next.work.kind === 'csv') shiftRowNumbers(result, recordsBefore);
      } catch (error) {
        // Validated again here, to give the user the message with the true row numbers.
        if (!(error instanceof WorkerValidationFailed)) throw error;
        result = validateHere(next.work);
      }
    } else {
      result = validateHere(next.work);
    }
    recordsBefore += next.work.kind === 'csv' ? result.records : next.records;
    await accept(result);
  };

  let headerSeen = false;
  // Timings: the time between batches is the reader's (parse), the rest up to a flush validates.
  let mark = timings ? performance.now() : 0;
  const lap = (phase: ImportPhase) => {
    if (!timings) return;
    const now = performance.now();
    timings[phase] = (timings[phase] ?? 0) + now - mark;
    mark = now;
  };
  try {
    for await (const read of fileBatches(input.filePath, input.fileName, reading.bytes)) {
      lap('parse');
      let work: ValidationWork = read.piece ? { kind: 'csv', piece: read.piece } : { kind: 'rows', rows: read.rows };
      if (!headerSeen && work.kind === 'rows') {
        if (work.rows.length === 0) {
          recordsBefore += read.records;
          continue;
        }
        await readHeader(work.rows[0]!.cells);
        headerSeen = true;
        work = { kind: 'rows', rows: work.rows.slice(1) };
      }
      const pending = pool ? pool.validate(work) : null;
      pending?.catch(() => undefined);
      inOrder.push({ work, pending, records: read.records });
      while (inOrder.length > ahead) await takeNext();
      lap('validate');
    }
    while (inOrder.length > 0) await takeNext();
    lap('validate');
    if (!headerSeen) throw new AppError('BAD_FILE', `文件「${input.fileName}」没有任何内容；第1行应为表头，其下每行一个主体。`);
    reading.rowTotal.finish();
    await flush(true);
  } finally {
    // An error leaves no COPY running into the staging table the caller then clears.
    await settleStaging();
    await issueWrites.catch(() => undefined);
  }
  if (counters.rows === 0) throw new AppError('BAD_FILE', `文件「${input.fileName}」只有表头，没有数据行；请从第2行起填写要导入的主体。`);

  // The first row of a duplicated code was staged (or skipped as unchanged) before its twin was
  // seen: take it out again.
  if (skippedFirsts.size > 0) {
    counters.skipped -= skippedFirsts.size;
    const firstIssues = [...skippedFirsts].map(([first, uscc]) => duplicateIssue(first, uscc, duplicatesOfFirst.get(first)!));
    await storeIssues(db, input.jobId, firstIssues, counters);
  }
  if (duplicatesOfFirst.size > skippedFirsts.size) {
    const firstRows = [...duplicatesOfFirst.keys()].filter((first) => !skippedFirsts.has(first));
    for (let i = 0; i < firstRows.length; i += 10_000) {
      const chunk = firstRows.slice(i, i + 10_000);
      const removed = await db
        .deleteFrom('entity_import_staging')
        .where('job_id', '=', input.jobId)
        .where('row_number', 'in', chunk)
        .returning(['row_number', 'uscc'])
        .execute();
      await storeIssues(
        db,
        input.jobId,
        removed.map((r) => duplicateIssue(r.row_number, r.uscc, duplicatesOfFirst.get(r.row_number)!)),
        counters,
      );
    }
  }
  return { present, unknownColumns };
}

/** The error of a row whose 统一社会信用代码 another row of the file has too. */
function duplicateIssue(rowNumber: number, uscc: string, otherRow: number): RowIssue {
  return {
    rowNumber,
    column: ENTITY_COLUMNS.uscc.label,
    value: uscc,
    reason: `统一社会信用代码与第 ${otherRow} 行重复；同一文件中每个主体只能出现一次，请合并或删除其中一行（两行都未导入）`,
    level: 'error',
  };
}

/**
 * The file in batches as read: an .xlsx's rows; a .csv's pieces of whole records, the first ones
 * (up to the header) parsed here. `records`: what a batch of rows stands for in the .csv's record
 * count (empty lines included), 0 for an .xlsx.
 */
async function* fileBatches(
  filePath: string,
  fileName: string,
  bytes: SheetReadProgress,
): AsyncGenerator<{ piece: CsvPiece; rows?: undefined; records: 0 } | { piece?: undefined; rows: SheetRow[]; records: number }> {
  if (detectSpreadsheetFormat(fileName, readHead(filePath, 4096)) === 'xlsx') {
    for await (const rows of readXlsxRowBatches(filePath, { fileName, bytes })) yield { rows, records: 0 };
    return;
  }
  let records = 0;
  let rowSeen = false;
  for await (const piece of readCsvPieces(filePath, fileName)) {
    if (rowSeen) {
      yield { piece, records: 0 };
      continue;
    }
    const parsed = parseCsvPiece(piece, records, fileName);
    records += parsed.records;
    rowSeen = parsed.rows.length > 0;
    yield { rows: parsed.rows, records: parsed.records };
  }
}

/** One batch into the staging table by COPY: its lines as one string, no row objects in SQL. */
async function insertStaging(db: Kysely<DB>, text: string): Promise<void> {
  const database = databaseOf(db);
  if (!database) throw new Error('insertStaging: the import needs a database opened by openDatabase (COPY)');
  await database.copyIn('entity_import_staging', STAGING_COLUMNS, text);
}

/** The columns of a job's issues in the order of storeIssues' COPY lines. */
const ISSUE_COLUMNS = ['job_id', 'seq', 'row_number', 'column_label', 'value', 'reason', 'level'] as const;

/** Counts the issues and keeps the first MAX_STORED_ISSUES of the job's for its report, by COPY. */
async function storeIssues(db: Kysely<DB>, jobId: string, issues: RowIssue[], counters: Counters): Promise<void> {
  for (const issue of issues) {
    if (issue.level === 'error') counters.errors += 1;
    else counters.warnings += 1;
  }
  const room = MAX_STORED_ISSUES - counters.issuesStored;
  const kept = issues.length <= room ? issues : issues.slice(0, Math.max(0, room));
  if (kept.length === 0) return;
  const start = counters.issuesStored;
  counters.issuesStored += kept.length;
  const database = databaseOf(db);
  if (!database) throw new Error('storeIssues: the import needs a database opened by openDatabase (COPY)');
  let text = '';
  kept.forEach((issue, i) => {
    text += `${jobId}\t${start + i + 1}\t${issue.rowNumber}\t${copyText(issue.column)}\t${copyText(issue.value)}\t${copyText(issue.reason)}\t${issue.level}\n`;
  });
  await database.copyIn('job_issue', ISSUE_COLUMNS, text);
}

/**
 * Gives the planner the staged rows' statistics before the set-based statements that join them
 * with the directory. Rows loaded by COPY have none until autovacuum comes by: the planner
 * then takes a million staged rows for a few thousand and sorts or probes every one of them,
 * even against an empty directory. A sample of 3,000 rows (statistics target 10) is enough to
 * see how many rows a job has and costs some tens of milliseconds for a million; SKIP_LOCKED
 * lets an import go on without waiting when another ANALYZE of the table is under way.
 */
async function analyzeStaging(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL default_statistics_target = 10`.execute(trx);
    await sql`ANALYZE (SKIP_LOCKED) entity_import_staging`.execute(trx);
  });
}

/**
 * Set-based checks against the stored directory, after all rows are staged: an existing
 * entity must be one the importer may change; a risk push may only touch known entities.
 * Offending rows leave the staging table and become errors.
 */
async function checkAgainstDirectory(db: Kysely<DB>, input: ImportJobInput, present: Set<EntityColumnKey>): Promise<RowIssue[]> {
  const { jobId } = input;
  const scope = input.scopeUnitCodes;
  const issues: RowIssue[] = [];
  await analyzeStaging(db);
  if (input.kind === 'entity_import') {
    if (!present.has('regionCode')) {
      // Without a 所属区划 column an existing entity keeps its division.
      await sql`UPDATE entity_import_staging s SET region_code = m.region_code FROM market_entity m
        WHERE s.job_id = ${jobId} AND m.uscc = s.uscc AND m.region_code <> s.region_code`.execute(db);
    }
    const conflicts = await sql<{ row_number: number; uscc: string; region_code: string; unit_code: string; staged_region: string }>`
      SELECT s.row_number, s.uscc, m.region_code, m.unit_code, s.region_code AS staged_region
      FROM entity_import_staging s JOIN market_entity m ON m.uscc = s.uscc
      WHERE s.job_id = ${jobId} AND (m.region_code <> s.region_code OR NOT (m.unit_code = ANY(${scope}::text[])))
      ORDER BY s.row_number`.execute(db);
    for (const c of conflicts.rows) {
      issues.push(
        c.region_code !== c.staged_region
          ? {
              rowNumber: c.row_number,
              column: ENTITY_COLUMNS.regionCode.label,
              value: c.staged_region,
              reason: `该主体已登记在区划 ${c.region_code}，与文件中的所属区划不一致；迁移区划请走迁入迁出，导入不能改变所属区划`,
              level: 'error',
            }
          : {
              rowNumber: c.row_number,
              column: ENTITY_COLUMNS.uscc.label,
              value: c.uscc,
              reason: `该主体由单位 ${c.unit_code} 管辖，不在您单位的管辖范围内；请交由该单位或共同的上级单位导入`,
              level: 'error',
            },
      );
    }
  } else {
    await sql`UPDATE entity_import_staging s SET region_code = m.region_code, unit_code = m.unit_code FROM market_entity m
      WHERE s.job_id = ${jobId} AND m.uscc = s.uscc`.execute(db);
    const bad = await sql<{ row_number: number; uscc: string; unit_code: string | null }>`
      SELECT row_number, uscc, unit_code FROM entity_import_staging
      WHERE job_id = ${jobId} AND (unit_code IS NULL OR NOT (unit_code = ANY(${scope}::text[])))
      ORDER BY row_number`.execute(db);
    for (const b of bad.rows) {
      issues.push({
        rowNumber: b.row_number,
        column: RISK_CLASS_COLUMNS.uscc.label,
        value: b.uscc,
        reason:
          b.unit_code === null
            ? '检查对象名录库中没有这个统一社会信用代码；请先导入该主体，或核对代码'
            : `该主体由单位 ${b.unit_code} 管辖，不在您单位的管辖范围内；风险分类只能推送给本单位及下级单位管辖的主体`,
        level: 'error',
      });
    }
  }
  const rowNumbers = issues.map((i) => i.rowNumber);
  for (let i = 0; i < rowNumbers.length; i += 10_000) {
    await db
      .deleteFrom('entity_import_staging')
      .where('job_id', '=', jobId)
      .where('row_number', 'in', rowNumbers.slice(i, i + 10_000))
      .execute();
  }
  return issues;
}

/** market_entity columns an import sets: those whose columns the file has (others keep their values). */
type EntityField = (typeof ENTITY_FIELDS)[number];

function fieldsToApply(kind: ImportKind, present: Set<EntityColumnKey>): EntityField[] {
  if (kind === 'risk_class_import') return ['risk_class', 'risk_class_since'];
  const fields: EntityField[] = ['name'];
  const map: Array<[EntityColumnKey, EntityField]> = [
    ['subjectType', 'subject_type'],
    ['enterpriseType', 'enterprise_type'],
    ['regStatus', 'reg_status'],
    ['establishedOn', 'established_on'],
    ['address', 'address'],
    ['legalRep', 'legal_rep'],
    ['regAuthority', 'reg_authority'],
    ['unitCode', 'unit_code'],
    ['industryCode', 'industry_code'],
  ];
  for (const [key, field] of map) if (present.has(key)) fields.push(field);
  if (present.has('tags') || present.has('licences')) fields.push('tags');
  if (present.has('riskClass')) fields.push('risk_class', 'risk_class_since');
  return fields;
}

/** {field: [before, after]} for each staged row that differs from the stored entity. */
function diffQuery(
  jobId: string,
  fields: EntityField[],
  stretch: RawBuilder<unknown>,
): RawBuilder<{ region_code: string; uscc: string; changes: unknown }> {
  const pairs = fields.map(
    (f) =>
      sql`${sql.lit(f)}, CASE WHEN s.${sql.ref(f)} IS DISTINCT FROM m.${sql.ref(f)} THEN jsonb_build_array(m.${sql.ref(f)}, s.${sql.ref(f)}) END`,
  );
  return sql`
    SELECT d.region_code, d.uscc, d.changes FROM (
      SELECT s.region_code, s.uscc, jsonb_strip_nulls(jsonb_build_object(${sql.join(pairs)})) AS changes
      FROM entity_import_staging s JOIN market_entity m ON m.region_code = s.region_code AND m.uscc = s.uscc
      WHERE s.job_id = ${jobId} AND ${stretch}
    ) d WHERE d.changes <> '{}'::jsonb`;
}

/**
 * Deletes the staged rows whose entity is stored with the same value in every field the file
 * sets (the comparison the write's DO UPDATE … WHERE makes); returns how many there were.
 */
async function dropUnchanged(db: Kysely<DB>, jobId: string, fields: EntityField[]): Promise<number> {
  const result = await sql`
    DELETE FROM entity_import_staging s USING market_entity m
    WHERE s.job_id = ${jobId} AND m.region_code = s.region_code AND m.uscc = s.uscc
      AND (${sql.join(fields.map((f) => sql`m.${sql.ref(f)}`))}) IS NOT DISTINCT FROM (${sql.join(fields.map((f) => sql`s.${sql.ref(f)}`))})`.execute(
    db,
  );
  return Number(result.numAffectedRows ?? 0);
}

/** What applying the staged rows would do, once the unchanged ones are dropped: every stored one left differs. */
async function diffCounts(
  db: Kysely<DB>,
  jobId: string,
  unchanged: number,
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  const result = await sql<{ total: string; matched: string }>`
    SELECT (SELECT count(*) FROM entity_import_staging WHERE job_id = ${jobId}) AS total,
           (SELECT count(*) FROM entity_import_staging s JOIN market_entity m ON m.region_code = s.region_code AND m.uscc = s.uscc
             WHERE s.job_id = ${jobId}) AS matched`.execute(db);
  const r = result.rows[0]!;
  const total = Number(r.total);
  const matched = Number(r.matched);
  return { inserted: total - matched, updated: matched, unchanged };
}

/**
 * Staged rows a stretch of the write holds, about: the write reports its progress between
 * stretches (some 0.3-0.7 s of a first import's writing each on our machines).
 */
const WRITE_STRETCH_ROWS = 20_000;

/**
 * The write's stretches: ranges of the file's row numbers, as many as WRITE_STRETCH_ROWS goes
 * into the staged rows left, of equal width (a stretch of a sparse re-import holds fewer rows).
 * Each is a condition on the staging table's key, which it reads in the file's order.
 */
async function stagedStretches(
  db: Kysely<DB>,
  jobId: string,
  staged: number,
  stretchRows = WRITE_STRETCH_ROWS,
): Promise<RawBuilder<unknown>[]> {
  const bounds = await db
    .selectFrom('entity_import_staging')
    .select((eb) => [eb.fn.min('row_number').as('first'), eb.fn.max('row_number').as('last')])
    .where('job_id', '=', jobId)
    .executeTakeFirstOrThrow();
  if (bounds.first === null || bounds.last === null) return [];
  const first = Number(bounds.first);
  const last = Number(bounds.last);
  const count = Math.max(1, Math.ceil(staged / stretchRows));
  const width = Math.ceil((last - first + 1) / count);
  const stretches: RawBuilder<unknown>[] = [];
  for (let from = first; from <= last; from += width) {
    stretches.push(sql`s.row_number BETWEEN ${from} AND ${Math.min(last, from + width - 1)}`);
  }
  return stretches;
}

/** The value a staged row gives a field of market_entity (an absent list of tags is an empty one). */
const stagedValue = (f: EntityField): RawBuilder<unknown> => (f === 'tags' ? sql`COALESCE(s.tags, '{}'::text[])` : sql`s.${sql.ref(f)}`);

/**
 * Applies the staged rows (unchanged ones already dropped) in one transaction: the history rows
 * of the changed entities, then the write, a stretch of the file's rows at a time so that the
 * write reports its progress (on a million new rows it is most of the import's time). When no
 * staged code is stored (a first import, a file of new entities) a stretch is written by a plain
 * INSERT … SELECT, with no speculative insertion: ON CONFLICT cost a 1,000,000-row first import
 * about a seventh more than the plain insert. Otherwise by INSERT … ON CONFLICT DO UPDATE: it
 * updates each stored entity by an index probe in the staged rows' order, where a separate
 * UPDATE … FROM joined a million changed rows by a hash join that spilled to disk and then
 * rewrote the entities in the hash's order (137 s against 47 s). A writer that inserts one of the
 * new codes meanwhile makes the plain insert fail with a unique violation; the stretch is undone
 * to its savepoint and its history and write run again in the ON CONFLICT form, which now finds
 * that entity stored: it gets its history row and is updated.
 */
async function applyStaged(
  db: Kysely<DB>,
  input: ImportJobInput,
  fields: EntityField[],
  base: Omit<ImportSummary, 'inserted' | 'updated' | 'unchanged' | 'applied' | 'rejected'>,
  toWrite: number,
  reportWritten: (written: number) => Promise<void>,
): Promise<ImportSummary> {
  const { jobId } = input;
  return db.transaction().execute(async (trx) => {
    const source = input.kind === 'entity_import' ? 'import' : 'risk_push';
    // The time is a value, not now(): a distributed engine refuses a volatile function in the
    // DO UPDATE SET of an insert into a distributed table.
    const appliedAt = new Date().toISOString();
    const writeHistory = async (stretch: RawBuilder<unknown>) => {
      const history = await timed(input.timings, 'history', () =>
        sql<{ n: string }>`
        WITH h AS (
          INSERT INTO market_entity_history (region_code, uscc, source, job_id, actor_name, changes)
          SELECT c.region_code, c.uscc, ${source}, ${jobId}::uuid, ${input.actor.name}, c.changes FROM (${diffQuery(jobId, fields, stretch)}) c
          RETURNING 1)
        SELECT count(*) AS n FROM h`.execute(trx),
      );
      return Number(history.rows[0]!.n);
    };
    const columns = sql`(region_code, uscc, ${sql.join(ENTITY_FIELDS.map((f) => sql.ref(f)))})`;
    const selectStaged = (stretch: RawBuilder<unknown>) => sql`SELECT s.region_code, s.uscc, ${sql.join(
      ENTITY_FIELDS.map(stagedValue),
    )} FROM entity_import_staging s
      WHERE s.job_id = ${jobId} AND ${stretch}`;
    const upsert = async (stretch: RawBuilder<unknown>) => {
      const result = await timed(input.timings, 'upsert', () =>
        sql<{ inserted: string; written: string }>`
        WITH up AS (
          INSERT INTO market_entity AS market_entity ${columns} ${selectStaged(stretch)}
          ON CONFLICT (region_code, uscc) DO UPDATE SET
            ${sql.join(fields.map((f) => sql`${sql.ref(f)} = EXCLUDED.${sql.ref(f)}`))}, updated_at = ${appliedAt}::timestamptz
          WHERE (${sql.join(fields.map((f) => sql`market_entity.${sql.ref(f)}`))}) IS DISTINCT FROM (${sql.join(fields.map((f) => sql`EXCLUDED.${sql.ref(f)}`))})
          RETURNING (xmax = 0) AS inserted)
        SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) AS written FROM up`.execute(trx),
      );
      return { inserted: Number(result.rows[0]!.inserted), written: Number(result.rows[0]!.written) };
    };
    /** A push only updates, by one join (a stretch each would scan the directory each time). */
    const riskPush = async () => {
      const changedRow = sql`(${sql.join(fields.map((f) => sql`market_entity.${sql.ref(f)}`))}) IS DISTINCT FROM (${sql.join(
        fields.map(stagedValue),
      )})`;
      await timed(input.timings, 'upsert', () =>
        sql`
        UPDATE market_entity SET ${sql.join(fields.map((f) => sql`${sql.ref(f)} = ${stagedValue(f)}`))}, updated_at = ${appliedAt}::timestamptz
        FROM entity_import_staging s
        WHERE s.job_id = ${jobId} AND market_entity.region_code = s.region_code AND market_entity.uscc = s.uscc AND ${changedRow}`.execute(
          trx,
        ),
      );
    };
    /**
     * A stretch none of whose codes was stored when the history was written: a plain insert, or,
     * when another writer has inserted one of its codes meanwhile, its history and the upsert.
     */
    const insertStretch = async (stretch: RawBuilder<unknown>) => {
      await sql`SAVEPOINT entity_import_insert`.execute(trx);
      try {
        const result = await timed(input.timings, 'insert', () =>
          sql`INSERT INTO market_entity ${columns} ${selectStaged(stretch)}`.execute(trx),
        );
        await sql`RELEASE SAVEPOINT entity_import_insert`.execute(trx);
        const rows = Number(result.numAffectedRows ?? 0);
        return { inserted: rows, written: rows, updated: 0 };
      } catch (error) {
        if ((error as { code?: unknown }).code !== '23505') throw error;
        await sql`ROLLBACK TO SAVEPOINT entity_import_insert`.execute(trx);
        const updated = await writeHistory(stretch);
        return { ...(await upsert(stretch)), updated };
      }
    };
    // The history of every changed entity first, by one statement: its join meets the stored
    // entities before the write adds to them (a first import's join then ends at once).
    let updated = await writeHistory(sql`true`);
    let inserted = 0;
    if (input.kind !== 'entity_import') {
      await riskPush();
      await reportWritten(toWrite);
    } else {
      let written = 0;
      for (const stretch of await stagedStretches(trx, jobId, toWrite, input.writeStretchRows)) {
        const done = updated > 0 ? { ...(await upsert(stretch)), updated: 0 } : await insertStretch(stretch);
        inserted += done.inserted;
        updated += done.updated;
        written += done.written;
        await reportWritten(written);
      }
    }
    const summary: ImportSummary = {
      ...base,
      inserted,
      updated,
      unchanged: base.valid - inserted - updated,
      applied: inserted + updated > 0,
      rejected: false,
    };
    await timed(input.timings, 'audit', () =>
      recordAudit(trx, {
        unitCode: input.unitCode,
        actorUserId: input.actor.userId,
        actorName: input.actor.name,
        action: input.kind === 'entity_import' ? 'entity.import' : 'entity.risk_class_push',
        objectType: 'job',
        objectId: jobId,
        after: summary,
      }),
    );
    return summary;
  });
}

/** A job's issues in row order; the first `limit` of them when given. */
function issueRows(db: Kysely<DB>, jobId: string, limit?: number) {
  return db
    .selectFrom('job_issue')
    .select(['row_number', 'column_label', 'value', 'reason', 'level'])
    .where('job_id', '=', jobId)
    .orderBy('row_number')
    .orderBy('seq')
    .$if(limit !== undefined, (q) => q.limit(limit!))
    .execute();
}

/** The row-level error report (行号, 列, 值, 原因, 级别) of a job as .xlsx. */
export async function buildErrorReport(db: Kysely<DB>, jobId: string): Promise<Buffer> {
  const issues = await issueRows(db, jobId);
  return writeXlsx([
    {
      name: '错误报告',
      columns: [
        { header: '行号', key: 'row', width: 8 },
        { header: '列', key: 'column', width: 18 },
        { header: '值', key: 'value', width: 24 },
        { header: '原因', key: 'reason', width: 80 },
        { header: '级别', key: 'level', width: 8 },
      ],
      rows: issues.map((i) => ({
        row: i.row_number,
        column: i.column_label,
        value: i.value,
        reason: i.reason,
        level: i.level === 'error' ? '错误' : '警告',
      })),
    },
  ]);
}

/** The first issues of a job, for the console to show without a download. */
export async function listIssues(db: Kysely<DB>, jobId: string, limit: number): Promise<RowIssue[]> {
  const rows = await issueRows(db, jobId, limit);
  return rows.map((r) => ({ rowNumber: r.row_number ?? 0, column: r.column_label, value: r.value, reason: r.reason, level: r.level }));
}
