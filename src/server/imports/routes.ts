// 数据导入：检查对象名录库导入、风险分类推送、导入任务进度与错误报告 (一单两库,
// long-job UX). The upload routes check the file type and header at once (a wrong file is
// refused with nothing recorded), then run the import as a background job that the console polls.
import { z } from 'zod';
import { flagField } from '../http/fields.ts';
import { defineRoute, moduleRead, moduleWrite, requireCaller, routeGroup } from '../http/route.ts';
import { xlsxDownload } from '../files/spreadsheet.ts';
import { importSummary, type ImportKind } from './entityImport.ts';
import { startImport } from './importCommands.ts';
import { entitiesWorkbook, jobDetail, jobErrorReport } from './importViews.ts';

const route = routeGroup('一单两库');

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

const importQuery = z.object({ dryRun: flagField.describe('只检查不写入'), validOnly: flagField.describe('只导入正确的行') });

const importStarted = z.object({ jobId: z.string(), unknownColumns: z.array(z.string()) });

const jobView = z.object({
  id: z.string(),
  unitCode: z.string(),
  kind: z.enum(['entity_import', 'risk_class_import', 'classification_import']),
  status: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  phase: z.string().nullable(),
  progressDone: z.number(),
  progressTotal: z.number().nullable(),
  fileName: z.string().nullable(),
  options: z.object({ dryRun: z.boolean(), validOnly: z.boolean() }),
  summary: importSummary.nullable(),
  errorMessage: z.string().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

const rowIssue = z.object({
  rowNumber: z.number(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
  level: z.enum(['error', 'warning']),
});

/** POST route that checks an uploaded file at once and runs its import as a background job. */
function importJobRoute<const P extends string>(path: P, summary: string, kind: ImportKind) {
  return defineRoute({
    method: 'post',
    path,
    summary,
    tag: '一单两库',
    auth: moduleWrite('directories'),
    query: importQuery,
    upload: { maxBytes: MAX_IMPORT_BYTES },
    response: importStarted,
    async handler({ app, caller, query, upload }) {
      return startImport(app.database.db, requireCaller(caller), { upload: upload!, kind, options: query });
    },
  });
}

export const importEntitiesRoute = importJobRoute(
  '/api/imports/entities',
  '检查对象名录库导入（.xlsx/.csv，按统一社会信用代码新增或更新；后台任务）',
  'entity_import',
);

export const importRiskClassesRoute = importJobRoute(
  '/api/imports/risk-classes',
  '信用风险分类推送（统一社会信用代码 → 风险分类，只更新风险分类；后台任务）',
  'risk_class_import',
);

export const importClassificationsRoute = importJobRoute(
  '/api/imports/classifications',
  '专业领域风险分级导入（食品生产经营风险分级、特种设备风险分级等；全部行正确才写入，有错误行则不写入并列出各行问题；后台任务）',
  'classification_import',
);

const jobParams = z.object({ id: z.uuid({ message: '任务编号格式不对' }).describe('导入任务编号') });

export const getJobRoute = route(moduleRead('directories'), 'GET /api/jobs/:id', {
  summary: '导入任务的进度、结果摘要与前 50 条问题',
  params: jobParams,
  response: z.object({ job: jobView, issues: z.array(rowIssue) }),
  handler: ({ app, caller, params }) => jobDetail(app.database.db, caller, params.id),
});

export const jobErrorReportRoute = route(moduleRead('directories'), 'GET /api/jobs/:id/error-report', {
  summary: '导入任务的错误报告（.xlsx：行号、列、值、原因、级别）',
  params: jobParams,
  async handler({ app, c, caller, params }) {
    const { buffer, fileName } = await jobErrorReport(app.database.db, caller, params.id);
    return xlsxDownload(c, buffer, fileName);
  },
});

export const exportEntitiesRoute = route(moduleRead('directories'), 'GET /api/exports/entities', {
  summary: '导出检查对象名录库（.xlsx，本单位及下级单位管辖的市场主体，列与导入模板一致）',
  async handler({ app, c, caller }) {
    const { buffer, fileName } = await entitiesWorkbook(app.database.db, caller);
    return xlsxDownload(c, buffer, fileName);
  },
});

export const importRoutes = [importEntitiesRoute, importRiskClassesRoute, importClassificationsRoute, getJobRoute, jobErrorReportRoute, exportEntitiesRoute] as const;
