// 专业领域风险分级导入 as a background job: the same all-or-nothing import as the synchronous
// endpoint (importRiskClassifications), its progress on the job row so the console shows a
// percentage, and a refused file's bad rows kept as the job's issues (行号, 列, 值, 原因) for the
// issue list and the error report.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { importRiskClassifications } from '../directories/classificationImport.ts';
import { AppError } from '../http/errors.ts';
import type { ImportActor, ImportRowError } from '../files/rowImport.ts';
import type { SheetReadProgress } from '../files/spreadsheet.ts';
import { finishJob, reportJobProgress } from '../jobs/jobs.ts';
import type { ImportSummary } from './entityImport.ts';
import { declaredFileRows, ProgressTotal } from '../files/rowTotal.ts';

export interface ClassificationJobInput {
  jobId: string;
  filePath: string;
  fileName: string;
  actor: ImportActor;
  dryRun: boolean;
  /** Columns of the file's header the import does not know (ignored). */
  unknownColumns: string[];
  /** Hears each progress report as the job row gets it (the command line prints it). */
  onProgress?: (progress: { phase: string; done: number; total: number | null }) => void;
}

/** Runs the import to its end and records the outcome (summary, or refusal and its rows) on the job. */
export async function runClassificationImportJob(db: Kysely<DB>, input: ClassificationJobInput): Promise<ImportSummary> {
  const { jobId, fileName, dryRun } = input;
  // The total is what the file declares (a .csv's lines, an .xlsx's dimension), else found from
  // the bytes of the sheet read, as for the entity import (rowTotal.ts); no look-ahead parse.
  const bytes: SheetReadProgress = { bytesRead: 0, bytesTotal: null };
  const rowTotal = new ProgressTotal(await declaredFileRows(input.filePath, fileName), bytes);
  const progress = async (phase: string, done: number) => {
    // Every row is read once the import moves past 读取校验: the total is then the rows read.
    if (phase !== '读取校验') rowTotal.finish();
    const total = rowTotal.at(done);
    await reportJobProgress(db, jobId, { phase, done, total });
    input.onProgress?.({ phase, done, total });
  };
  await progress('读取校验', 0);
  const base = {
    kind: 'classification_import' as const,
    fileName,
    warningRows: 0,
    warnings: 0,
    unknownColumns: input.unknownColumns,
    dryRun,
    validOnly: false,
  };
  try {
    const result = await importRiskClassifications(db, input.filePath, fileName, input.actor, {
      dryRun,
      bytes,
      onProgress: ({ phase, done }) => progress(phase, done),
    });
    const summary: ImportSummary = {
      ...base,
      rows: result.total,
      valid: result.total,
      inserted: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      errorRows: 0,
      errors: 0,
      issuesStored: 0,
      applied: !dryRun && result.created + result.updated > 0,
      rejected: false,
    };
    await finishJob(db, jobId, { status: 'succeeded', summary });
    return summary;
  } catch (error) {
    const refusal = rowRefusal(error);
    if (!refusal) throw error;
    await storeRowErrors(db, jobId, refusal.errors);
    const summary: ImportSummary = {
      ...base,
      rows: refusal.total,
      valid: refusal.total - refusal.errorRows,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      errorRows: refusal.errorRows,
      errors: refusal.errors.length,
      issuesStored: refusal.errors.length,
      applied: false,
      rejected: true,
    };
    await finishJob(db, jobId, { status: 'failed', summary, errorMessage: (error as AppError).message });
    return summary;
  }
}

/** The bad rows of a file refused row by row (refuseRowErrors), or null for any other failure. */
function rowRefusal(error: unknown): { errors: ImportRowError[]; errorRows: number; total: number } | null {
  if (!(error instanceof AppError) || error.code !== 'UNPROCESSABLE') return null;
  const details = error.details as { errors?: ImportRowError[]; errorRows?: number; total?: number } | undefined;
  if (!details?.errors || details.errorRows === undefined || details.total === undefined) return null;
  return { errors: details.errors, errorRows: details.errorRows, total: details.total };
}

async function storeRowErrors(db: Kysely<DB>, jobId: string, errors: ImportRowError[]): Promise<void> {
  for (let i = 0; i < errors.length; i += 500) {
    await db
      .insertInto('job_issue')
      .values(
        errors.slice(i, i + 500).map((e, j) => ({
          job_id: jobId,
          seq: i + j + 1,
          row_number: e.row,
          column_label: e.column,
          value: e.value,
          reason: e.message,
          level: 'error' as const,
        })),
      )
      .execute();
  }
}
