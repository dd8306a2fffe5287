// What every all-or-nothing row import of a directory file shares (执法检查人员, 其他检查对象):
// the row error, the result, the importing actor, the refusal that lists the bad rows, and the
// audit entry for the import as a whole (each changed row has its own).
import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { AppError } from '../http/errors.ts';
import { defineRoute, moduleWrite, requireCaller } from '../http/route.ts';

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

/** One audit entry for an import that changed something (not for a dry run). */
export async function auditImportSummary(
  trx: Transaction<DB> | Kysely<DB>,
  actor: ImportActor,
  what: { action: string; objectType: string; fileName: string },
  result: RowImportResult,
): Promise<void> {
  if (result.dryRun || result.created + result.updated === 0) return;
  await recordAudit(trx, {
    unitCode: actor.unitCode,
    actorUserId: actor.userId,
    actorName: actor.name,
    action: what.action,
    objectType: what.objectType,
    objectId: what.fileName,
    after: { total: result.total, created: result.created, updated: result.updated, unchanged: result.unchanged },
  });
}

/**
 * POST route that imports an uploaded .xlsx/.csv into the caller's unit (一单两库 module
 * rights), `?dryRun=true` to check only.
 */
export function rowImportRoute<P extends string>(route: {
  path: P;
  summary: string;
  tag: string;
  run: (db: Kysely<DB>, filePath: string, fileName: string, actor: ImportActor, options: { dryRun: boolean }) => Promise<RowImportResult>;
}) {
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

/** The fields a form or an imported row changes, and their values before and after, for the audit entry. */
export interface FieldChange {
  changed: string[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** Compares two flat records field by field (by value); the audit entry keeps only what changed. */
export function fieldChange<T extends Record<string, unknown>>(before: T, after: T): FieldChange {
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return {
    changed,
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  };
}
