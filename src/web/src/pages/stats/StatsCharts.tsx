// The dashboard's two charts (docs/indicators.md): an indicator's monthly trend — the rows that
// entered its numerator and denominator each month and the value to date against the target — and
// the units directly below ranked side by side on one indicator, each bar in its light's colour.
import { Collapse, Table, Typography } from 'antd';
import { useMemo } from 'react';
import type { ApiOutput } from '../../api.ts';
import { EChart, type ChartOption } from '../../components/EChart.tsx';
import { lightColors, lowerIsBetter, percent, type Figure, type Indicators } from './statsFormat.ts';

type Trend = ApiOutput<'GET /api/indicators/trend'>;

const asPercent = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 100);

/** The target as a dashed line on the percent axis. */
function targetLine(target: number | null) {
  if (target === null) return undefined;
  return {
    symbol: 'none',
    silent: true,
    lineStyle: { color: '#fa8c16', type: 'dashed' as const },
    label: { formatter: `目标 ${percent(target)}` },
    data: [{ yAxis: asPercent(target)! }],
  };
}

export function TrendChart({ trend, figure }: { trend: Trend; figure: Figure }) {
  const option = useMemo<ChartOption>(() => {
    const target = trend.figure.target;
    return {
      title: { text: `${trend.name} · ${trend.year}年月度趋势`, left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', bottom: 0 },
      grid: { top: 64, left: 56, right: 64, bottom: 48 },
      xAxis: { type: 'category', name: '月份', data: trend.months.map((m) => `${m.month}月`) },
      yAxis: [
        { type: 'value', name: '当月计入数', minInterval: 1 },
        {
          type: 'value',
          name: '截至当月数值（%）',
          min: 0,
          max: (extent: { max: number }) => Math.max(extent.max, asPercent(target) ?? 0) || 1,
          axisLabel: { formatter: '{value}%' },
          splitLine: { show: false },
        },
      ],
      series: [
        { name: `分子：${figure.numeratorLabel}`, type: 'line', data: trend.months.map((m) => m.numerator) },
        {
          name: `分母：${figure.denominatorLabel}`,
          type: 'line',
          data: trend.months.map((m) => m.denominator),
          lineStyle: { type: 'dotted' },
        },
        {
          name: '截至当月数值',
          type: 'line',
          yAxisIndex: 1,
          data: trend.months.map((m) => asPercent(m.valueToDate)),
          lineStyle: { width: 3 },
          markLine: targetLine(target),
        },
      ],
    };
  }, [trend, figure]);
  return (
    <>
      <EChart option={option} height={340} testId="stats-trend-chart" />
      <Typography.Paragraph type="secondary" data-testid="stats-trend-note">
        全年合计 {trend.figure.numerator} / {trend.figure.denominator}，数值 {percent(trend.figure.value)}
        {trend.carried.numerator + trend.carried.denominator > 0 &&
          `；无日期或早于本年度的记录（分子 ${trend.carried.numerator}、分母 ${trend.carried.denominator}）从1月起计入`}
        {trend.later.numerator + trend.later.denominator > 0 &&
          `；晚于本年度的记录（分子 ${trend.later.numerator}、分母 ${trend.later.denominator}）只计入全年合计`}
        。
      </Typography.Paragraph>
      <Collapse
        size="small"
        items={[
          {
            key: 'table',
            label: '月度数据表',
            children: (
              <Table
                size="small"
                rowKey="month"
                pagination={false}
                dataSource={trend.months}
                data-testid="stats-trend"
                columns={[
                  { title: '月份', dataIndex: 'month', render: (m: number) => `${m}月` },
                  { title: `当月分子（${figure.numeratorLabel}）`, dataIndex: 'numerator' },
                  { title: `当月分母（${figure.denominatorLabel}）`, dataIndex: 'denominator' },
                  { title: '截至当月数值', dataIndex: 'valueToDate', render: (v: number | null) => percent(v) },
                ]}
              />
            ),
          },
        ]}
      />
    </>
  );
}

export function RankingChart({ data, indicator }: { data: Indicators; indicator: Figure['key'] }) {
  const option = useMemo<ChartOption>(() => {
    const rows = rankedChildren(data, indicator);
    const name = data.indicators.find((f) => f.key === indicator)!.name;
    const target = rows.find((r) => r.figure.target !== null)?.figure.target ?? null;
    return {
      title: { text: `下级单位排名 · ${name}`, left: 'center', textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { top: 48, left: 16, right: 72, bottom: 32 },
      xAxis: {
        type: 'value',
        name: '数值（%）',
        min: 0,
        max: (extent: { max: number }) => Math.max(extent.max, asPercent(target) ?? 0) || 1,
        axisLabel: { formatter: '{value}%' },
      },
      yAxis: { type: 'category', name: '单位', inverse: true, data: rows.map((r) => r.unit.name) },
      series: [
        {
          name,
          type: 'bar',
          barMaxWidth: 28,
          data: rows.map((r) => ({ value: asPercent(r.figure.value) ?? 0, itemStyle: { color: lightColors[r.figure.light] } })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => {
              const f = rows[p.dataIndex]!.figure;
              return f.value === null ? '无数据' : `${percent(f.value)}（${f.numerator}/${f.denominator}）`;
            },
          },
          markLine: targetLine(target),
        },
      ],
    };
  }, [data, indicator]);
  return <EChart option={option} height={96 + 40 * data.children.length} testId="stats-ranking-chart" />;
}

/** The units directly below, best value first (lowest first where lower is better), no value last. */
export function rankedChildren(data: Indicators, indicator: Figure['key']) {
  const rows = data.children.map((c) => ({ unit: c.unit, figure: c.indicators.find((f) => f.key === indicator)! }));
  const sign = lowerIsBetter(data.indicators.find((f) => f.key === indicator)!) ? -1 : 1;
  const score = (f: Figure) => (f.value === null ? Number.NEGATIVE_INFINITY : sign * f.value);
  return rows.sort((a, b) => (score(a.figure) === score(b.figure) ? 0 : score(b.figure) > score(a.figure) ? 1 : -1));
}
