// Long-running work (imports of up to 1,000,000 rows) run in-process in the background, with
// their progress and outcome in the `job` table so the console and the CLI can follow them
// (long-job UX). A job belongs to the unit that started it.
import { outOfReach } from '../access/reach.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { JobKind, JobStatus } from '../../db/tables/imports.ts';
import { AppError } from '../http/errors.ts';
import { recordAudit } from '../audit/recordAudit.ts';

const jobKindName: Record<JobKind, string> = {
  entity_import: '市场主体名录导入',
  risk_class_import: '风险分类推送导入',
  classification_import: '专业领域风险分级导入',
};

export interface JobView {
  id: string;
  unitCode: string;
  kind: JobKind;
  status: JobStatus;
  phase: string | null;
  progressDone: number;
  progressTotal: number | null;
  fileName: string | null;
  options: unknown;
  summary: unknown;
  errorMessage: string | null;
  createdByName: string;
  createdAt: string;
  finishedAt: string | null;
}

export async function createJob(
  db: Kysely<DB>,
  input: {
    unitCode: string;
    kind: JobKind;
    fileName: string | null;
    fileBytes: number | null;
    options: unknown;
    createdBy: string | null;
    createdByName: string;
  },
): Promise<string> {
  const row = await db
    .insertInto('job')
    .values({
      unit_code: input.unitCode,
      kind: input.kind,
      file_name: input.fileName,
      file_bytes: input.fileBytes,
      options: JSON.stringify(input.options ?? {}),
      created_by: input.createdBy,
      created_by_name: input.createdByName,
      progress_done: 0,
      phase: null,
      summary: null,
      error_message: null,
      started_at: null,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function reportJobProgress(
  db: Kysely<DB>,
  id: string,
  progress: { phase: string; done: number; total?: number | null },
): Promise<void> {
  await db
    .updateTable('job')
    .set({
      status: 'running',
      phase: progress.phase,
      progress_done: progress.done,
      ...(progress.total !== undefined ? { progress_total: progress.total } : {}),
      started_at: (eb) => eb.fn.coalesce('started_at', eb.val(new Date())),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function finishJob(
  db: Kysely<DB>,
  id: string,
  outcome: { status: 'succeeded' | 'failed' | 'cancelled'; summary?: unknown; errorMessage?: string | null },
): Promise<void> {
  await db
    .updateTable('job')
    .set({
      status: outcome.status,
      phase: null,
      summary: outcome.summary === undefined ? null : JSON.stringify(outcome.summary),
      error_message: outcome.errorMessage ?? null,
      finished_at: new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** A job the caller's unit scope covers, or NOT_FOUND (never reveal another unit's jobs). */
/** The job among the given units; NOT_FOUND (no names) for anything else, existing or not. */
export async function getJob(db: Kysely<DB>, id: string, unitCodes: string[]): Promise<JobView> {
  const row = await db.selectFrom('job').selectAll().where('id', '=', id).where('unit_code', 'in', unitCodes).executeTakeFirst();
  if (!row) throw outOfReach('导入任务');
  return {
    id: row.id,
    unitCode: row.unit_code,
    kind: row.kind,
    status: row.status,
    phase: row.phase,
    progressDone: Number(row.progress_done),
    progressTotal: row.progress_total === null ? null : Number(row.progress_total),
    fileName: row.file_name,
    options: row.options,
    summary: row.summary,
    errorMessage: row.error_message,
    createdByName: row.created_by_name,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
  };
}

const running = new Map<string, Promise<void>>();

/**
 * Runs work in the background of this process. Failures end the job as 'failed' with the
 * (Chinese) message of the error; they never crash the server.
 */
export function runInBackground(db: Kysely<DB>, id: string, work: () => Promise<void>): void {
  const promise = (async () => {
    try {
      await work();
    } catch (error) {
      const message =
        error instanceof AppError
          ? error.message
          : `任务意外中止：${(error as Error).message}。数据未作任何修改，请重试；若反复出现请联系管理员。`;
      await finishJob(db, id, { status: 'failed', errorMessage: message }).catch(() => undefined);
    } finally {
      running.delete(id);
    }
  })();
  running.set(id, promise);
}

/** Resolves when a background job of this process has ended (tests, graceful shutdown). */
export async function waitForJob(id: string): Promise<void> {
  await running.get(id);
}

export const isJobFinished = (status: JobStatus): boolean => status === 'succeeded' || status === 'failed' || status === 'cancelled';

/** Lets other requests run between batches of a long job. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * At start-up: jobs that were queued or running when the server stopped can never finish.
 * Mark them failed with a clear message (imports write the directory in one final
 * transaction, so an interrupted import changed nothing) and drop their staging rows.
 */
export async function failInterruptedJobs(db: Kysely<DB>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const stale = await trx
      .selectFrom('job')
      .select(['id', 'unit_code', 'kind', 'file_name'])
      .where('status', 'in', ['queued', 'running'])
      .execute();
    if (stale.length === 0) return 0;
    const ids = stale.map((j) => j.id);
    await trx.deleteFrom('entity_import_staging').where('job_id', 'in', ids).execute();
    await trx
      .updateTable('job')
      .set({
        status: 'failed',
        phase: null,
        error_message: '服务在任务执行过程中重启，任务未完成；名录库未被修改（导入在最后一步一次性写入）。请重新导入该文件。',
        finished_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', 'in', ids)
      .execute();
    for (const job of stale) {
      await recordAudit(trx, {
        unitCode: job.unit_code,
        actorUserId: null,
        actorName: '系统',
        action: 'job.interrupted',
        objectType: 'job',
        objectId: job.id,
        after: { status: 'failed' },
        note: `服务重启，${jobKindName[job.kind]}「${job.file_name ?? ''}」未完成`,
      });
    }
    return stale.length;
  });
}
