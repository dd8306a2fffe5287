// 数据导入的命令：检查对象名录库导入、风险分类推送与专业领域风险分级导入，作为后台任务运行。
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayInChina } from '../clock.ts';
import type { Caller, UploadedFile } from '../http/route.ts';
import { takeImportSlot } from '../files/importSlots.ts';
import { makeTempDir, removeTempDir } from '../files/tempDirs.ts';
import { createJob, runInBackground } from '../jobs/jobs.ts';
import { AppError } from '../http/errors.ts';
import { runClassificationImportJob } from './classificationImportJob.ts';
import { checkImportFile, runImportJob, type ImportKind } from './entityImport.ts';

export interface StartImportInput {
  upload: UploadedFile;
  kind: ImportKind;
  options: { dryRun: boolean; validOnly: boolean };
}

/**
 * Checks the file's type and header at once (a wrong file is refused with nothing recorded),
 * then records a job and runs the import in the background; answers the job's id.
 */
export async function startImport(db: Kysely<DB>, who: Caller, input: StartImportInput) {
  const { upload, kind, options } = input;
  if (kind === 'classification_import' && options.validOnly) {
    throw new AppError('BAD_REQUEST', '专业领域风险分级导入全部行正确才写入，不能只导入正确的行；请修正错误行后重新导入。');
  }
  // The job holds its own import slot until it ends (the upload's slot ends with the answer).
  const freeSlot = takeImportSlot();
  let jobDir: string | null = null;
  let started = false;
  try {
    const { unknownColumns } = await checkImportFile(upload.path, upload.fileName, kind);
    // The pipeline deletes the upload when the handler returns; the job keeps its own copy.
    jobDir = makeTempDir('job');
    const filePath = path.join(jobDir, 'source');
    try {
      fs.renameSync(upload.path, filePath);
    } catch {
      fs.copyFileSync(upload.path, filePath);
    }
    const jobId = await createJob(db, {
      unitCode: who.scope.unitCode,
      kind,
      fileName: upload.fileName,
      fileBytes: upload.bytes,
      options,
      createdBy: who.userId,
      createdByName: who.displayName,
    });
    const dir = jobDir;
    runInBackground(db, jobId, async () => {
      try {
        if (kind === 'classification_import') {
          await runClassificationImportJob(db, {
            jobId,
            filePath,
            fileName: upload.fileName,
            actor: { userId: who.userId, name: who.displayName, unitCode: who.scope.unitCode },
            dryRun: options.dryRun,
            unknownColumns,
          });
          return;
        }
        await runImportJob(db, {
          jobId,
          kind,
          filePath,
          fileName: upload.fileName,
          unitCode: who.scope.unitCode,
          scopeUnitCodes: who.scope.unitCodes,
          actor: { userId: who.userId, name: who.displayName },
          options,
          today: todayInChina(),
        });
      } finally {
        removeTempDir(dir);
        freeSlot();
      }
    });
    started = true;
    return { jobId, unknownColumns };
  } finally {
    if (!started) {
      if (jobDir) removeTempDir(jobDir);
      freeSlot();
    }
  }
}
