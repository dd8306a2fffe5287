// 统计分析 API: HTTP only — the schemas, one use case per route (indicatorViews.ts,
// indicatorCommands.ts, indicatorReport.ts).
import { z } from 'zod';
import { INDICATOR_KEYS } from '../../core/indicators/index.ts';
import { xlsxDownload } from '../files/spreadsheet.ts';
import { yearField } from '../http/fields.ts';
import { type AppContext, type Caller, defineRoute, moduleRead, moduleWrite, routeGroup } from '../http/route.ts';
import { setIndicatorTarget, setOtherInspections } from './indicatorCommands.ts';
import { unitAnnualSummary } from './annualSummaryViews.ts';
import { executionNotice, indicatorReport } from './indicatorReport.ts';
import { indicatorTargets } from './indicatorTargetViews.ts';
import { executionWatch, indicatorList, indicatorTrend, unitIndicators } from './indicatorViews.ts';
import { unitFields } from '../http/wire.ts';

const TAG = '统计分析';
const route = routeGroup(TAG);
const unitField = z.string().trim().min(1, '请选择单位').max(60, '单位代码过长').describe('单位');
const unitYear = z.object({ unitCode: unitField, year: yearField.describe('年度') });
const keyField = z.enum(INDICATOR_KEYS, { message: '请选择统计指标' }).describe('指标');

const unitRef = z.object({ code: z.string(), name: z.string(), kind: z.string() });
const unitNamed = z.object({ code: z.string(), name: z.string() });
type Db = AppContext['database']['db'];
type UnitYear = z.output<typeof unitYear>;

/** A read of one unit and year (query unitCode, year) whose answer names the unit and the year, then `fields`. */
function unitYearRead<const K extends `GET /api/indicators/${string}`, const F extends z.ZodRawShape>(
  key: K,
  summary: string,
  fields: F,
  read: (db: Db, caller: Caller, input: UnitYear) => Promise<z.input<z.ZodObject<{ unit: typeof unitNamed; year: z.ZodNumber } & F>>>,
) {
  return route(moduleRead('stats'), key, {
    summary,
    query: unitYear,
    response: z.object({ unit: unitNamed, year: z.number(), ...fields }),
    handler: ({ app, caller, query }) => read(app.database.db, caller, query),
  });
}
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

export const unitIndicatorsRoute = route(moduleRead('stats'), 'GET /api/indicators', {
  summary: '统计指标：本单位及每个直属下级单位的全部考核指标（分子、分母、数值、目标、是否达标），合计按行计算',
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

const partCount = z.object({ numerator: z.number(), denominator: z.number() });

export const indicatorTrendRoute = route(moduleRead('stats'), 'GET /api/indicators/trend', {
  summary:
    '月度趋势：一项指标每月计入分子和分母的记录数（按检查、公示、抽取、备案、完结等事实发生的月份）及截至当月的数值；无日期或早于本年度的记录从1月起计入，晚于本年度的只计入全年合计',
  query: unitYear.extend({ key: keyField }),
  response: z.object({
    unit: unitNamed,
    year: z.number(),
    key: z.enum(INDICATOR_KEYS),
    name: z.string(),
    months: z.array(partCount.extend({ month: z.number(), valueToDate: z.number().nullable() })),
    carried: partCount,
    later: partCount,
    figure: partCount.extend({
      value: z.number().nullable(),
      target: z.number().nullable(),
      light: z.enum(['green', 'amber', 'red', 'none']),
    }),
  }),
  handler: ({ app, caller, query }) => indicatorTrend(app.database.db, caller, query),
});

export const indicatorListRoute = route(moduleRead('stats'), 'GET /api/indicators/list', {
  summary: '指标明细：一个数字背后的记录（分子或分母计入的检查结果、企业、抽取、任务、事项、计划或台账事项）',
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

export const executionWatchRoute = unitYearRead(
  'GET /api/indicators/watch',
  '执行情况监测：下级单位每项任务的承诺、抽取、检查、公示与逾期情况，标出只计划不执行、公示逾期、完成时限临近',
  {
    today: z.string(),
    items: z.array(
      z.object({
        ...unitFields,
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
  },
  executionWatch,
);

export const annualSummaryRoute = unitYearRead(
  'GET /api/indicators/annual-summary',
  '年度工作总结（数据）：计划、抽取、检查、发现问题与处置、公示及覆盖情况的文字说明和主要数据，及全部考核指标',
  {
    today: z.string(),
    title: z.string(),
    paragraphs: z.array(z.string()),
    facts: z.array(z.object({ label: z.string(), value: z.string() })),
    indicators: z.array(figure),
  },
  unitAnnualSummary,
);

/** A route answering the .xlsx a use case builds for a unit and year (the stats module's exports). */
function workbookRoute<const Path extends string>(
  path: Path,
  summary: string,
  build: (db: Db, caller: Caller, input: UnitYear) => Promise<{ buffer: Buffer; fileName: string }>,
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
      return xlsxDownload(c, buffer, fileName);
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

export const indicatorTargetsRoute = unitYearRead(
  'GET /api/indicators/targets',
  '指标目标设置：有固定目标的指标的默认目标、本单位自设目标、适用目标及其设定单位，以及本单位填报的其他日常检查户次',
  {
    targets: z.array(
      z.object({
        key: z.enum(INDICATOR_KEYS),
        name: z.string(),
        direction: z.string(),
        defaultTarget: z.number().nullable(),
        own: z.number().nullable(),
        target: z.number().nullable(),
        setBy: z.object({ code: z.string(), name: z.string() }).nullable(),
      }),
    ),
    otherInspections: z.number().nullable(),
  },
  indicatorTargets,
);

export const setIndicatorTargetRoute = route(moduleWrite('stats'), 'PUT /api/indicators/targets', {
  summary: '设置考核目标（本单位系统管理员、信用监管科/股或上级单位）：本单位及未自设目标的下级单位适用；目标为空则恢复上级或默认目标',
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

export const setOtherInspectionsRoute = route(moduleWrite('stats'), 'PUT /api/indicators/other-inspections', {
  summary: '填报其他日常检查户次（非双随机），用于抽查户次占比',
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
  annualSummaryRoute,
  indicatorReportRoute,
  executionNoticeRoute,
  indicatorTargetsRoute,
  setIndicatorTargetRoute,
  setOtherInspectionsRoute,
] as const;
