// 数据导入的读取：任务进度与问题、错误报告、名录库导出。
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { makeTempDir, removeTempDir } from '../files/tempDirs.ts';
import { getJob } from '../jobs/jobs.ts';
import { buildErrorReport, listIssues, type ImportOptions, type ImportSummary } from './entityImport.ts';
import { exportEntitiesXlsx } from './entityExport.ts';

/** The job (NOT_FOUND, no names, outside the caller's units) with its first issues. */
export async function jobDetail(db: Kysely<DB>, who: Caller, id: string) {
  const job = await getJob(db, id, who.scope.unitCodes);
  // The job table keeps any job's options and summary as JSON; an import job's are the import's
  // (startImport, runImportJob), checked again against the route's response schema.
  const importJob = { ...job, options: job.options as ImportOptions, summary: job.summary as ImportSummary | null };
  return { job: importJob, issues: await listIssues(db, job.id, 50) };
}

/** The job's error report as an .xlsx workbook, with the file name to offer. */
export async function jobErrorReport(db: Kysely<DB>, who: Caller, id: string) {
  const job = await getJob(db, id, who.scope.unitCodes);
  const buffer = await buildErrorReport(db, job.id);
  const base = (job.fileName ?? '导入文件').replace(/\.[^.]+$/, '');
  return { buffer, fileName: `${base}-错误报告.xlsx` };
}

/** The caller's units' market entities as an .xlsx workbook, with the file name to offer. */
export async function entitiesWorkbook(db: Kysely<DB>, who: Caller) {
  const jobDir = makeTempDir('export');
  try {
    const file = path.join(jobDir, 'entities.xlsx');
    await exportEntitiesXlsx(db, who.scope.unitCodes, file);
    return { buffer: fs.readFileSync(file), fileName: `检查对象名录库-${who.scope.unitName}.xlsx` };
  } finally {
    removeTempDir(jobDir);
  }
}
