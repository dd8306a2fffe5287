// 数据导入：检查对象名录库导入、风险分类推送、导入任务进度与错误报告 (issue 3: 一单两库,
// long-job UX). The upload routes check the file type and header at once (a wrong file is
// refused with nothing recorded), then run the import as a background job that the console polls.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { flagField } from '../http/fields.ts';
import { todayInChina } from '../clock.ts';
import { defineRoute, moduleRead, moduleWrite, requireCaller, type Caller, type UploadedFile } from '../http/route.ts';
import type { Database } from '../../db/database.ts';
import { XLSX_CONTENT_TYPE, contentDisposition } from '../files/spreadsheet.ts';
import { takeImportSlot } from '../files/importSlots.ts';
import { makeTempDir, removeTempDir } from '../files/tempDirs.ts';
import { createJob, getJob, runInBackground } from '../jobs/jobs.ts';
import { buildErrorReport, checkImportFile, listIssues, runImportJob, type ImportKind } from './entityImport.ts';
import { exportEntitiesXlsx } from './entityExport.ts';

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

const importQuery = z.object({ dryRun: flagField, validOnly: flagField });

async function startImport(
  database: Database,
  who: Caller,
  upload: UploadedFile,
  kind: ImportKind,
  options: { dryRun: boolean; validOnly: boolean },
) {
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
    const db = database.db;
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

export const importEntitiesRoute = defineRoute({
  method: 'post',
  path: '/api/imports/entities',
  summary: '检查对象名录库导入（.xlsx/.csv，按统一社会信用代码新增或更新；后台任务）',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  query: importQuery,
  upload: { maxBytes: MAX_IMPORT_BYTES },
  async handler({ app, caller, query, upload }) {
    return startImport(app.database, requireCaller(caller), upload!, 'entity_import', query);
  },
});

export const importRiskClassesRoute = defineRoute({
  method: 'post',
  path: '/api/imports/risk-classes',
  summary: '信用风险分类推送（统一社会信用代码 → 风险分类，只更新风险分类；后台任务）',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  query: importQuery,
  upload: { maxBytes: MAX_IMPORT_BYTES },
  async handler({ app, caller, query, upload }) {
    return startImport(app.database, requireCaller(caller), upload!, 'risk_class_import', query);
  },
});

const jobParams = z.object({ id: z.uuid({ message: '任务编号格式不对' }) });

export const getJobRoute = defineRoute({
  method: 'get',
  path: '/api/jobs/:id',
  summary: '导入任务的进度、结果摘要与前 50 条问题',
  tag: '一单两库',
  auth: moduleRead('directories'),
  params: jobParams,
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    const job = await getJob(app.database.db, params.id, who.scope.unitCodes);
    return { job, issues: await listIssues(app.database.db, job.id, 50) };
  },
});

export const jobErrorReportRoute = defineRoute({
  method: 'get',
  path: '/api/jobs/:id/error-report',
  summary: '导入任务的错误报告（.xlsx：行号、列、值、原因、级别）',
  tag: '一单两库',
  auth: moduleRead('directories'),
  params: jobParams,
  async handler({ app, c, caller, params }) {
    const who = requireCaller(caller);
    const job = await getJob(app.database.db, params.id, who.scope.unitCodes);
    const buffer = await buildErrorReport(app.database.db, job.id);
    const base = (job.fileName ?? '导入文件').replace(/\.[^.]+$/, '');
    return c.body(new Uint8Array(buffer), 200, {
      'content-type': XLSX_CONTENT_TYPE,
      'content-disposition': contentDisposition(`${base}-错误报告.xlsx`),
    });
  },
});

export const exportEntitiesRoute = defineRoute({
  method: 'get',
  path: '/api/exports/entities',
  summary: '导出检查对象名录库（.xlsx，本单位及下级单位管辖的市场主体，列与导入模板一致）',
  tag: '一单两库',
  auth: moduleRead('directories'),
  async handler({ app, c, caller }) {
    const who = requireCaller(caller);
    const jobDir = makeTempDir('export');
    try {
      const file = path.join(jobDir, 'entities.xlsx');
      await exportEntitiesXlsx(app.database.db, who.scope.unitCodes, file);
      const buffer = fs.readFileSync(file);
      return c.body(new Uint8Array(buffer), 200, {
        'content-type': XLSX_CONTENT_TYPE,
        'content-disposition': contentDisposition(`检查对象名录库-${who.scope.unitName}.xlsx`),
      });
    } finally {
      removeTempDir(jobDir);
    }
  },
});

export const importRoutes = [importEntitiesRoute, importRiskClassesRoute, getJobRoute, jobErrorReportRoute, exportEntitiesRoute] as const;
