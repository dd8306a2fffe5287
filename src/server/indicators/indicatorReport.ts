// 统计报表 .xlsx per unit and year (docs/indicators.md): the summary, the units below side by side,
// one sheet per indicator group, the list behind each indicator (its denominator's rows, or for
// 抽查企业覆盖率 the inspected enterprises), the execution watch as a 通报 list, and the 年度工作总结.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { indicatorDefinitions, indicatorGroupLabel, type IndicatorGroup } from '../../core/indicators/index.ts';
import { writeXlsx, writeXlsxStreamed, type SheetSpec, type StreamedSheetSpec } from '../files/spreadsheet.ts';
import type { Caller } from '../http/route.ts';
import { annualSummaryOf } from './annualSummaryViews.ts';
import { executionWatch, listsOfFamilies, unitIndicators, type IndicatorView } from './indicatorViews.ts';
import { loadIndicatorUnitFor } from './policy.ts';

/** Rows per list sheet; the console pages through longer lists. */
export const REPORT_LIST_LIMIT = 20_000;

/** The columns of a 明细 sheet: a drill-down row. */
const listColumns = (
  [
    ['单位', 'unitName', 24],
    ['编号', 'code', 22],
    ['名称', 'name', 36],
    ['日期', 'date', 12],
    ['说明', 'note', 48],
  ] as const
).map(([header, key, width]) => ({ header, key, width }));

/** The 明细 sheets: each indicator's denominator rows, for 抽查企业覆盖率 the inspected enterprises. */
const reportLists = indicatorDefinitions.map((def) => ({
  key: def.key,
  part: def.key === 'entityCoverage' ? ('numerator' as const) : ('denominator' as const),
}));

/** The rows of a sheet that are still being read. */
async function* rowsOf<T>(rows: Promise<readonly T[]>): AsyncGenerator<T> {
  yield* await rows;
}

/** A last row saying how many rows a list cut at REPORT_LIST_LIMIT left out. */
function cutShort(total: number, written: number) {
  if (total <= written) return [];
  return [{ unitName: `（仅列出前 ${written} 行，共 ${total} 行；完整清单请在统计分析页面查看明细）` }];
}

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const lightText = { green: '达标', amber: '接近目标', red: '未达标', none: '—' } as const;

const figureColumns = [
  { header: '指标', key: 'name', width: 36 },
  { header: '分子', key: 'numerator', width: 10 },
  { header: '分母', key: 'denominator', width: 10 },
  { header: '数值', key: 'value', width: 10 },
  { header: '目标', key: 'target', width: 10 },
  { header: '结果', key: 'light', width: 10 },
];
const figureRow = (f: IndicatorView) => ({
  name: f.name,
  numerator: f.numerator,
  denominator: f.denominator,
  value: percent(f.value),
  target: f.target === null ? '—' : percent(f.target),
  light: lightText[f.light],
});

export async function indicatorReport(db: Kysely<DB>, caller: Caller, input: { unitCode: string; year: number }) {
  const unit = await loadIndicatorUnitFor(db, caller, input.unitCode, 'read');
  // The lists: each family of rows read once, every list of the family cut from it.
  const listed = listsOfFamilies(db, unit, input.year, reportLists, REPORT_LIST_LIMIT);
  // Every sheet is placed at once and written as its rows arrive (writeXlsxStreamed concurrent):
  // the lists while the figures are still being computed.
  const read = Promise.all([unitIndicators(db, caller, input), executionWatch(db, caller, input)]);
  const figures = read.then(([view]) => view.indicators);
  const summary = figures.then((indicators) => annualSummaryOf(db, unit, input.year, indicators));
  const sheets: StreamedSheetSpec[] = [
    { name: '指标汇总', columns: figureColumns, rows: rowsOf(figures.then((indicators) => indicators.map(figureRow))) },
    {
      name: '下级单位对比',
      columns: [{ header: '单位', key: 'unit', width: 24 }, ...figureColumns],
      rows: rowsOf(read.then(([view]) => view.children.flatMap((c) => c.indicators.map((f) => ({ unit: c.unit.name, ...figureRow(f) }))))),
    },
  ];
  for (const group of Object.keys(indicatorGroupLabel) as IndicatorGroup[]) {
    sheets.push({
      name: indicatorGroupLabel[group],
      columns: [...figureColumns, { header: '计算方法', key: 'formula', width: 60 }],
      rows: rowsOf(
        figures.then((indicators) =>
          indicators
            .filter((f) => f.group === group)
            .map((f) => ({ ...figureRow(f), formula: indicatorDefinitions.find((d) => d.key === f.key)!.formula })),
        ),
      ),
    });
  }
  for (const [i, { key, part }] of reportLists.entries()) {
    const rows = listed[i]!.then(async (list) => {
      const figure = (await figures).find((f) => f.key === key)!;
      // The list has exactly as many rows as the card's number (indicators.db.test.ts checks it);
      // 抽查户次占比's denominator adds the reported other inspections, which have no rows.
      const total = part === 'numerator' || key === 'randomInspectionShare' ? figure.numerator : figure.denominator;
      return [...list.map((r) => ({ ...r })), ...cutShort(total, list.length)];
    });
    const name = indicatorDefinitions.find((d) => d.key === key)!.name;
    sheets.push({ name: `明细-${name}`.replace(/[\\/?*[\]:]/g, ''), columns: listColumns, rows: rowsOf(rows) });
  }
  sheets.push({ ...watchSheet('执行情况通报', []), rows: rowsOf(read.then(([, watch]) => watchSheet('', watch.items).rows)) });
  sheets.push({
    name: '年度工作总结',
    columns: [
      { header: '项目', key: 'label', width: 36 },
      { header: '数据', key: 'value', width: 110 },
    ],
    rows: rowsOf(
      summary.then((s) => [
        { label: s.title, value: '' },
        ...s.facts.map((f) => ({ ...f })),
        ...s.paragraphs.map((p, i) => ({ label: `文字说明（${'一二三四五六'[i] ?? i + 1}）`, value: p })),
      ]),
    ),
  });
  const buffer = await writeXlsxStreamed(sheets, { concurrent: true });
  const [view] = await read;
  return { buffer, fileName: `${view.unit.name}${input.year}年度双随机抽查统计报表.xlsx` };
}

/**
 * 执行情况通报清单 .xlsx: the tasks of the units below that need the upper level's attention
 * (只计划不执行, 公示逾期, 完成时限临近), one row each, and per unit how many of its tasks carry each
 * problem — what a 市局 or 省局 attaches to its 通报. A unit with no flagged task is listed in the
 * summary with zeros, so the 通报 also says who is on track.
 */
export async function executionNotice(db: Kysely<DB>, caller: Caller, input: { unitCode: string; year: number }) {
  const watch = await executionWatch(db, caller, input);
  const flagged = watch.items.filter((i) => i.flags.notExecuted || i.flags.overduePublication || i.flags.deadlineAtRisk);
  const perUnit = new Map<
    string,
    { unitName: string; tasks: number; notExecuted: number; overduePublication: number; deadlineAtRisk: number; overdueResults: number }
  >();
  for (const i of watch.items) {
    const u = perUnit.get(i.unitCode) ?? {
      unitName: i.unitName,
      tasks: 0,
      notExecuted: 0,
      overduePublication: 0,
      deadlineAtRisk: 0,
      overdueResults: 0,
    };
    u.tasks += 1;
    if (i.flags.notExecuted) u.notExecuted += 1;
    if (i.flags.overduePublication) u.overduePublication += 1;
    if (i.flags.deadlineAtRisk) u.deadlineAtRisk += 1;
    u.overdueResults += i.overdue;
    perUnit.set(i.unitCode, u);
  }
  const summary = [...perUnit.values()].sort(
    (a, b) => b.notExecuted + b.overduePublication + b.deadlineAtRisk - (a.notExecuted + a.overduePublication + a.deadlineAtRisk),
  );
  const buffer = await writeXlsx([
    watchSheet('通报清单', flagged),
    {
      name: '按单位汇总',
      columns: [
        { header: '单位', key: 'unitName', width: 24 },
        { header: '任务数', key: 'tasks' },
        { header: '只计划不执行', key: 'notExecuted', width: 14 },
        { header: '公示逾期任务', key: 'overduePublication', width: 14 },
        { header: '完成时限临近', key: 'deadlineAtRisk', width: 14 },
        { header: '公示逾期户数', key: 'overdueResults', width: 14 },
      ],
      rows: summary,
    },
  ]);
  return {
    buffer,
    fileName: `${watch.unit.name}${input.year}年度双随机抽查执行情况通报清单（截至${watch.today}）.xlsx`,
    flagged: flagged.length,
  };
}

type WatchItem = Awaited<ReturnType<typeof executionWatch>>['items'][number];

/** One row per task of the execution watch, as the 统计报表 and the 通报清单 both list them. */
function watchSheet(name: string, items: readonly WatchItem[]): SheetSpec {
  return {
    name,
    columns: [
      { header: '单位', key: 'unitName', width: 24 },
      { header: '任务编号', key: 'taskCode', width: 18 },
      { header: '任务名称', key: 'taskName', width: 30 },
      { header: '任务期间', key: 'period', width: 24 },
      { header: '完成时限', key: 'deadline', width: 12 },
      { header: '已承诺', key: 'committed' },
      { header: '已抽取', key: 'drawn' },
      { header: '检查户数', key: 'visits' },
      { header: '已检查', key: 'finished' },
      { header: '已公示', key: 'published' },
      { header: '公示逾期户数', key: 'overdue', width: 14 },
      { header: '已按期完成', key: 'completed', width: 12 },
      { header: '问题', key: 'flags', width: 36 },
    ],
    rows: items.map((i) => ({
      unitName: i.unitName,
      taskCode: i.taskCode,
      taskName: i.taskName,
      period: `${i.periodStart ?? '—'} 至 ${i.periodEnd ?? '—'}`,
      deadline: i.deadline,
      committed: i.committed,
      drawn: i.drawn,
      visits: i.visits,
      finished: i.finished,
      published: i.published,
      overdue: i.overdue,
      completed: i.completed ? '是' : '否',
      flags: watchFlagsText(i.flags),
    })),
  };
}

export function watchFlagsText(flags: { notExecuted: boolean; overduePublication: boolean; deadlineAtRisk: boolean }): string {
  return [
    flags.notExecuted ? '只计划不执行' : null,
    flags.overduePublication ? '公示逾期' : null,
    flags.deadlineAtRisk ? '完成时限临近' : null,
  ]
    .filter(Boolean)
    .join('、');
}
