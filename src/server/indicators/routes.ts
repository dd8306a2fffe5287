// 统计分析 API: HTTP only — the schemas, one use case per route (indicatorViews.ts,
// indicatorCommands.ts, indicatorReport.ts).
import { z } from 'zod';
import { INDICATOR_KEYS } from '../../core/indicators/index.ts';
import { contentDisposition, XLSX_CONTENT_TYPE } from '../files/spreadsheet.ts';
import { yearField } from '../http/fields.ts';
import { defineRoute, moduleRead, moduleWrite, type AppContext, type Caller } from '../http/route.ts';
import { setIndicatorTarget, setOtherInspections } from './indicatorCommands.ts';
import { executionNotice, indicatorReport } from './indicatorReport.ts';
import { executionWatch, indicatorList, indicatorTrend, unitIndicators } from './indicatorViews.ts';

const TAG = '统计分析';
const unitField = z.string().trim().min(1, '请选择单位').max(60, '单位代码过长').describe('单位');
const unitYear = z.object({ unitCode: unitField, year: yearField.describe('年度') });
const keyField = z.enum(INDICATOR_KEYS, { message: '请选择统计指标' }).describe('指标');

const unitRef = z.object({ code: z.string(), name: z.string(), kind: z.string() });
const figure = z.object({
  key: z.enum(INDICATOR_KEYS),
  name: z.string(),
  group: z.string(),
  numeratorLabel: z.string(),
  denominatorLabel: z.string(),
  direction: z.string(),
  numerator: z.number(),
  denominator: z.number(),
  value: z.number().nullable(),
  target: z.number().nullable(),
  met: z.boolean().nullable(),
  light: z.enum(['green', 'amber', 'red', 'none']),
});
const definition = z.object({
  key: z.enum(INDICATOR_KEYS),
  name: z.string(),
  group: z.string(),
  numeratorLabel: z.string(),
  denominatorLabel: z.string(),
  formula: z.string(),
  counts: z.string(),
  source: z.string(),
  defaultTarget: z.number().nullable(),
  direction: z.string(),
});

export const unitIndicatorsRoute = defineRoute({
  method: 'get',
  path: '/api/indicators',
  summary: '统计指标：本单位及每个直属下级单位的全部考核指标（分子、分母、数值、目标、是否达标），合计按行计算',
  tag: TAG,
  auth: moduleRead('stats'),
  query: unitYear,
  response: z.object({
    unit: unitRef,
    year: z.number(),
    indicators: z.array(figure),
    children: z.array(z.object({ unit: unitRef, year: z.number(), indicators: z.array(figure) })),
    definitions: z.array(definition),
  }),
  handler: ({ app, caller, query }) => unitIndicators(app.database.db, caller, query),
});

export const indicatorTrendRoute = defineRoute({
  method: 'get',
  path: '/api/indicators/trend',
  summary: '月度趋势：每月完成检查、公示结果、发现问题、完成抽取的数量及截至当月的公示率',
  tag: TAG,
  auth: moduleRead('stats'),
  query: unitYear,
  response: z.object({
    unit: z.object({ code: z.string(), name: z.string() }),
    year: z.number(),
    months: z.array(
      z.object({
        month: z.number(),
        finished: z.number(),
        published: z.number(),
        problems: z.number(),
        draws: z.number(),
        publicationRateToDate: z.number().nullable(),
      }),
    ),
  }),
  handler: ({ app, caller, query }) => indicatorTrend(app.database.db, caller, query),
});

export const indicatorListRoute = defineRoute({
  method: 'get',
  path: '/api/indicators/list',
  summary: '指标明细：一个数字背后的记录（分子或分母计入的检查结果、企业、抽取、任务、事项、计划或台账事项）',
  tag: TAG,
  auth: moduleRead('stats'),
  query: unitYear.extend({
    key: keyField,
    part: z.enum(['numerator', 'denominator'], { message: '请选择分子或分母' }).describe('分子或分母'),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0).describe('起始行'),
    limit: z.coerce.number().int().min(1).max(500).default(50).describe('每页行数'),
  }),
  response: z.object({
    total: z.number(),
    rows: z.array(z.object({ unitName: z.string(), code: z.string(), name: z.string(), date: z.string().nullable(), note: z.string() })),
  }),
  handler: ({ app, caller, query }) => indicatorList(app.database.db, caller, query),
});

export const executionWatchRoute = defineRoute({
  method: 'get',
  path: '/api/indicators/watch',
  summary: '执行情况监测：下级单位每项任务的承诺、抽取、检查、公示与逾期情况，标出只计划不执行、公示逾期、完成时限临近',
  tag: TAG,
  auth: moduleRead('stats'),
  query: unitYear,
  response: z.object({
    unit: z.object({ code: z.string(), name: z.string() }),
    year: z.number(),
    today: z.string(),
    items: z.array(
      z.object({
        unitCode: z.string(),
        unitName: z.string(),
        taskCode: z.string(),
        taskName: z.string(),
        periodStart: z.string().nullable(),
        periodEnd: z.string().nullable(),
        deadline: z.string(),
        committed: z.number(),
        drawn: z.number(),
        visits: z.number(),
        finished: z.number(),
        published: z.number(),
        overdue: z.number(),
        completed: z.boolean(),
        flags: z.object({ notExecuted: z.boolean(), overduePublication: z.boolean(), deadlineAtRisk: z.boolean() }),
      }),
    ),
  }),
  handler: ({ app, caller, query }) => executionWatch(app.database.db, caller, query),
});

/** A route answering the .xlsx a use case builds for a unit and year (the stats module's exports). */
function workbookRoute<const Path extends string>(
  path: Path,
  summary: string,
  build: (
    db: AppContext['database']['db'],
    caller: Caller,
    input: z.output<typeof unitYear>,
  ) => Promise<{ buffer: Buffer; fileName: string }>,
) {
  return defineRoute({
    method: 'get',
    path,
    summary,
    tag: TAG,
    auth: moduleRead('stats'),
    query: unitYear,
    async handler({ app, caller, query, c }) {
      const { buffer, fileName } = await build(app.database.db, caller, query);
      return c.body(new Uint8Array(buffer), 200, {
        'content-type': XLSX_CONTENT_TYPE,
        'content-disposition': contentDisposition(fileName),
      });
    },
  });
}

export const indicatorReportRoute = workbookRoute(
  '/api/indicators/report',
  '导出统计报表 .xlsx：指标汇总、下级单位对比、分组指标、每项指标的明细和执行情况通报',
  indicatorReport,
);

export const executionNoticeRoute = workbookRoute(
  '/api/indicators/notice',
  '导出执行情况通报清单 .xlsx：下级单位只计划不执行、公示逾期、完成时限临近的任务，及按单位汇总',
  executionNotice,
);

export const setIndicatorTargetRoute = defineRoute({
  method: 'put',
  path: '/api/indicators/targets',
  summary: '设置考核目标：本单位及下级单位（未自设目标的）适用；目标为空则恢复默认',
  tag: TAG,
  auth: moduleWrite('plans'),
  body: z.object({
    unitCode: unitField,
    key: keyField,
    target: z
      .number({ message: '目标值应为 0 到 1 之间的小数（如 0.95 表示 95%）' })
      .min(0, '目标值不能小于 0')
      .max(1, '目标值不能大于 1（100%）')
      .nullable()
      .describe('目标值'),
  }),
  response: z.object({ unitCode: z.string(), key: z.enum(INDICATOR_KEYS), target: z.number().nullable() }),
  handler: ({ app, caller, body }) => setIndicatorTarget(app.database.db, caller, body),
});

export const setOtherInspectionsRoute = defineRoute({
  method: 'put',
  path: '/api/indicators/other-inspections',
  summary: '填报其他日常检查户次（非双随机），用于抽查户次占比',
  tag: TAG,
  auth: moduleWrite('plans'),
  body: z.object({
    unitCode: unitField,
    year: yearField.describe('年度'),
    count: z
      .number({ message: '请填写户次（整数）' })
      .int('户次应为整数')
      .min(0, '户次不能小于 0')
      .max(10_000_000, '户次过大')
      .describe('其他日常检查户次'),
  }),
  response: z.object({ unitCode: z.string(), year: z.number(), count: z.number() }),
  handler: ({ app, caller, body }) => setOtherInspections(app.database.db, caller, body),
});

export const indicatorRoutes = [
  unitIndicatorsRoute,
  indicatorTrendRoute,
  indicatorListRoute,
  executionWatchRoute,
  indicatorReportRoute,
  executionNoticeRoute,
  setIndicatorTargetRoute,
  setOtherInspectionsRoute,
] as const;
