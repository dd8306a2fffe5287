// What every all-or-nothing row import of a directory file shares (执法检查人员, 其他检查对象):
// reading the rows under a matched header, the row errors, the refusal that lists the bad rows,
// writing the planned rows (each created or changed row with its audit row, a dry run only
// counting), the audit entry for the import as a whole, and the export in the import's layout.
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { fieldChange, insertAudited, updateAudited, type AuditAuthor, type UnitKeyedTable } from '../audit/auditedRows.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { AppError } from '../http/errors.ts';
import { defineRoute, moduleWrite, requireCaller } from '../http/route.ts';
import {
  detectSpreadsheetFormat,
  matchHeader,
  readHead,
  readSpreadsheetRows,
  type ColumnSpec,
  type SheetReadProgress,
  type SheetSpec,
} from './spreadsheet.ts';

/** Rows a file may hold, and row errors one refusal lists at the most. */
export const MAX_IMPORT_ROWS = 20_000;
const MAX_ERRORS = 1_000;

export interface ImportRowError {
  row: number;
  column: string;
  value: string;
  message: string;
}

/** What a row import answers: checked only (dryRun) or written, and how many rows did what. */
export const rowImportResult = z.object({
  dryRun: z.boolean(),
  total: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});

export type RowImportResult = z.output<typeof rowImportResult>;

export interface ImportActor {
  userId: string | null;
  name: string;
  /** The importing unit: rows belong to it or to a unit below it. */
  unitCode: string;
}

/** The refusal of a file with bad rows: nothing was imported; every error is in the details. */
export function refuseRowErrors(errors: ImportRowError[], total: number): AppError {
  const rows = new Set(errors.map((e) => e.row)).size;
  const first = errors[0]!;
  return new AppError(
    'UNPROCESSABLE',
    `文件中有 ${rows} 行存在错误（共 ${total} 行数据），未导入任何数据。第一处：第 ${first.row} 行「${first.column}」${first.value ? `（${first.value}）` : ''}：${first.message}。请修正后重新导入。`,
    { errors, errorRows: rows, total },
  );
}

/** The importing actor as the author of the audit rows, in the importing unit's chain. */
function importAuthor(actor: ImportActor): AuditAuthor {
  return { unitCode: actor.unitCode, actorUserId: actor.userId, actorName: actor.name };
}

/** The row errors of one file, kept up to the most one refusal lists. */
export function rowErrors() {
  const errors: ImportRowError[] = [];
  return {
    errors,
    fail(row: number, column: string, value: string, message: string) {
      if (errors.length < MAX_ERRORS) errors.push({ row, column, value, message });
    },
  };
}

/** One data row of an uploaded file: its row number and its cells by column key. */
export interface ImportRow<K extends string> {
  rowNumber: number;
  cell: (key: K) => string;
}

/**
 * Checks every data row of a file: `check` reports a row's problems (through the `fail` of
 * `errors`) and gives what the row holds, or nothing; a row with a problem is left out. Gives the
 * rows that passed and how many data rows the file has. `onProgress`, when given, hears how many
 * data rows are checked every {@link PROGRESS_ROWS} rows and once at the end (a job's progress bar).
 */
export async function checkImportRows<K extends string, P>(
  rows: AsyncIterable<ImportRow<K>>,
  errors: readonly ImportRowError[],
  check: (row: ImportRow<K>) => P | undefined,
  onProgress?: ImportProgress,
): Promise<{ parsed: P[]; dataRows: number }> {
  const parsed: P[] = [];
  let dataRows = 0;
  for await (const row of rows) {
    dataRows++;
    const before = errors.length;
    const checked = check(row);
    if (checked !== undefined && errors.length === before) parsed.push(checked);
    if (onProgress && dataRows % PROGRESS_ROWS === 0) await onProgress({ phase: '读取校验', done: dataRows });
  }
  await onProgress?.({ phase: '读取校验', done: dataRows });
  return { parsed, dataRows };
}

/** Rows checked between two progress reports of a row import run as a job. */
export const PROGRESS_ROWS = 500;

/** Where a row import run as a job stands: the phase (in Chinese, shown as is) and the data rows done. */
export type ImportProgress = (progress: { phase: string; done: number }) => Promise<void> | void;

/** What a file holds, in the refusals of a file that holds none of it. */
export interface ImportedThing {
  /** The rows, as in 「第 2 行起为检查对象数据」. */
  rows: string;
  /** The required columns, as in 「必填列为 对象类别、名称」. */
  required: string;
  /** Where a correct file can be had; an export of the same registry when left out. */
  template?: string;
}

/**
 * The data rows of an uploaded file (empty lines skipped), each with its cells by column key.
 * The file is refused before anything is read when it is not a spreadsheet, and as a whole when
 * its first row lacks a required column, when it has no data row, or more than the rows allowed.
 * `bytes`, when given, counts the bytes of an .xlsx sheet read (for a progress total, rowTotal.ts).
 */
export function readImportRows<K extends string>(
  filePath: string,
  fileName: string,
  columns: Record<K, ColumnSpec>,
  thing: ImportedThing,
  bytes?: SheetReadProgress,
): AsyncGenerator<ImportRow<K>> {
  detectSpreadsheetFormat(fileName, readHead(filePath));
  return (async function* () {
    let index: Record<K, number | undefined> | null = null;
    let dataRows = 0;
    for await (const { rowNumber, cells } of readSpreadsheetRows(filePath, { fileName, bytes })) {
      if (!index) {
        const header = matchHeader(cells, columns);
        if (header.missing.length > 0) {
          throw new AppError(
            'BAD_FILE',
            `表头缺少必填列：${header.missing.join('、')}。第 1 行应为列名，必填列为 ${thing.required}；${thing.template ?? '可用「导出」得到的文件作为模板'}。` +
              (header.unknown.length ? `（无法识别的列：${header.unknown.join('、')}）` : ''),
            { missing: header.missing, unknown: header.unknown },
          );
        }
        index = header.index;
        continue;
      }
      if (cells.every((c) => c === '')) continue;
      if (++dataRows > MAX_IMPORT_ROWS) throw new AppError('BAD_FILE', `文件超过 ${MAX_IMPORT_ROWS} 行${thing.rows}，请拆分后分批导入。`);
      const at = index;
      const cell = (key: K) => {
        const i = at[key];
        return i === undefined ? '' : (cells[i] ?? '');
      };
      yield { rowNumber, cell };
    }
    if (!index) throw new AppError('BAD_FILE', `文件「${fileName}」没有任何内容，请确认第 1 行为表头、第 2 行起为${thing.rows}。`);
    if (dataRows === 0) throw new AppError('BAD_FILE', `文件「${fileName}」只有表头，没有${thing.rows}。`);
  })();
}

/** One planned row of an import: its values, and the record it updates (with its values as compared) or none. */
export interface ImportPlan<V extends Record<string, unknown>> {
  row: number;
  next: V;
  current: { unit_code: string; id: string; values: V } | null;
}

/**
 * Writes the planned rows in one transaction: a new record is inserted, a changed one updated
 * with only what changed in its audit row, each audit row noting the file and the row; a dry run
 * only counts. Ends with the audit entry for the import as a whole.
 */
export async function writeImportPlans<T extends UnitKeyedTable, V extends Record<string, unknown>>(
  trx: Transaction<DB>,
  actor: ImportActor,
  input: {
    table: T;
    fileName: string;
    dryRun: boolean;
    plans: Array<ImportPlan<V>>;
    /** The values of a new record (a code allocated, a status date set). */
    insertValues?: (next: V) => Promise<Insertable<DB[T]>>;
    /** The values an update sets beyond the row's (a status date). */
    updateExtras?: (next: V, current: V) => Updateable<DB[T]>;
  },
): Promise<RowImportResult> {
  const { table, fileName, dryRun, plans } = input;
  const author = importAuthor(actor);
  const result: RowImportResult = { dryRun, total: plans.length, created: 0, updated: 0, unchanged: 0 };
  for (const { row, next, current } of plans) {
    const note = `导入 ${fileName} 第 ${row} 行`;
    if (!current) {
      result.created++;
      if (dryRun) continue;
      const values = input.insertValues ? await input.insertValues(next) : (next as unknown as Insertable<DB[T]>);
      await insertAudited(trx, author, { table, values, action: `${table}.create`, note });
      continue;
    }
    const change = fieldChange(current.values, next);
    if (change.changed.length === 0) {
      result.unchanged++;
      continue;
    }
    result.updated++;
    if (dryRun) continue;
    const set = { ...next, ...input.updateExtras?.(next, current.values), updated_at: new Date() } as unknown as Updateable<DB[T]>;
    await updateAudited(trx, author, { table, row: current, set, action: `${table}.update`, change, note });
  }
  await auditImportSummary(trx, actor, { action: `${table}.import`, objectType: `${table}_import`, fileName }, result);
  return result;
}

/** The export's columns in the import's layout (the import's labels, in its order), so an export is also the template. */
export function importLayoutColumns<K extends string>(columns: Record<K, ColumnSpec>, widths: Record<K, number>): SheetSpec['columns'] {
  return (Object.keys(widths) as K[]).map((key) => ({ header: columns[key].label, key, width: widths[key] }));
}

/** One audit entry for an import that changed something (not for a dry run). */
async function auditImportSummary(
  trx: Transaction<DB> | Kysely<DB>,
  actor: ImportActor,
  what: { action: string; objectType: string; fileName: string },
  result: RowImportResult,
): Promise<void> {
  if (result.dryRun || result.created + result.updated === 0) return;
  await recordAudit(trx, {
    ...importAuthor(actor),
    action: what.action,
    objectType: what.objectType,
    objectId: what.fileName,
    after: { total: result.total, created: result.created, updated: result.updated, unchanged: result.unchanged },
  });
}

/** A directory's row import of a file: every row checked, then all written or none (dryRun: none). */
export type RowImport = (
  db: Kysely<DB>,
  filePath: string,
  fileName: string,
  actor: ImportActor,
  options: {
    dryRun: boolean;
    onProgress?: ImportProgress;
    /** Counts the bytes of an .xlsx sheet read, for a progress total (rowTotal.ts). */
    bytes?: SheetReadProgress;
  },
) => Promise<RowImportResult>;

/**
 * POST route that imports an uploaded .xlsx/.csv into the caller's unit (一单两库 module
 * rights), `?dryRun=true` to check only.
 */
export function rowImportRoute<P extends string>(route: { path: P; summary: string; tag: string; run: RowImport }) {
  return defineRoute({
    method: 'post',
    path: route.path,
    summary: route.summary,
    tag: route.tag,
    auth: moduleWrite('directories'),
    query: z.object({ dryRun: z.enum(['true', 'false']).default('false').describe('只检查不写入') }),
    upload: { maxBytes: 20 * 1024 * 1024 },
    response: rowImportResult,
    async handler({ app, caller, query, upload }) {
      const who = requireCaller(caller);
      if (!upload) throw new AppError('BAD_REQUEST', '请上传 .xlsx 或 .csv 文件。');
      const actor = { userId: who.userId, name: who.displayName, unitCode: who.scope.unitCode };
      return route.run(app.database.db, upload.path, upload.fileName, actor, { dryRun: query.dryRun === 'true' });
    },
  });
}
