// /console/stats (统计分析, docs/indicators.md): the unit's indicators as cards against their targets
// (green met, amber close, red missed), the list behind every number, the monthly trend, the units
// below ranked side by side (click one to open it), the execution watch, the definitions, and the
// 统计报表 .xlsx. The charts (ECharts, pages/stats/StatsCharts.tsx) show one chosen indicator.
import {
  Button,
  Card,
  Col,
  Collapse,
  Drawer,
  Empty,
  Flex,
  InputNumber,
  Progress,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { endpointUrl, type ApiOutput } from '../api.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { useSession } from '../session.tsx';
import { useEndpoint } from '../useApiData.ts';
import { RankingChart, rankedChildren, TrendChart } from './stats/StatsCharts.tsx';
import { TargetsDrawer } from './stats/TargetsDrawer.tsx';
import { lightColors, lightTagColor as lightColor, lightText, percent, type Figure, type Indicators } from './stats/statsFormat.ts';

type WatchItem = ApiOutput<'GET /api/indicators/watch'>['items'][number];
type Part = 'numerator' | 'denominator';

export default function StatsPage() {
  const { me } = useSession();
  const [params, setParams] = useSearchParams();
  const unitCode = params.get('unit') ?? me.active.unitCode;
  const year = Number(params.get('year') ?? '') || new Date().getFullYear() - (new Date().getMonth() < 3 ? 1 : 0);
  const query = { unitCode, year };
  const view = useEndpoint('GET /api/indicators', { query });
  const watch = useEndpoint('GET /api/indicators/watch', { query });
  const [drill, setDrill] = useState<{ figure: Figure; part: Part } | null>(null);
  const [targetsOpen, setTargetsOpen] = useState(false);
  // One chosen indicator for both charts (its trend and the units below ranked on it).
  const [chartKey, setChartKey] = useState<Figure['key']>('resultPublication');
  const trend = useEndpoint('GET /api/indicators/trend', { query: { ...query, key: chartKey } });
  const chartFigure = view.data?.indicators.find((f) => f.key === chartKey);
  const indicatorSelect = (testId: string) => (
    <Select
      style={{ minWidth: 260 }}
      value={chartKey}
      onChange={setChartKey}
      options={(view.data?.indicators ?? []).map((f) => ({ value: f.key, label: f.name }))}
      data-testid={testId}
    />
  );
  const set = (next: Record<string, string>) => setParams({ unit: unitCode, year: String(year), ...next }, { replace: true });

  return (
    <Card
      title={view.data ? `统计分析 · ${view.data.unit.name} · ${year} 年度` : '统计分析'}
      data-testid="page-stats"
      extra={
        <Space wrap>
          {unitCode !== me.active.unitCode && <Button onClick={() => set({ unit: me.active.unitCode })}>返回本单位</Button>}
          <span>年度</span>
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && set({ year: String(v) })} data-testid="stats-year" />
          <Button type="primary" href={endpointUrl('GET /api/indicators/report', { query })} data-testid="stats-report">
            导出统计报表
          </Button>
          <Button href={endpointUrl('GET /api/indicators/notice', { query })} data-testid="stats-notice">
            导出通报清单
          </Button>
          <Link to={`/console/stats/annual?unit=${encodeURIComponent(unitCode)}&year=${year}`} data-testid="stats-annual">
            <Button>打印年度工作总结</Button>
          </Link>
          <Button onClick={() => setTargetsOpen(true)} data-testid="stats-targets-open">
            指标目标设置
          </Button>
        </Space>
      }
    >
      {view.error && <ApiErrorAlert error={view.error} onRetry={view.reload} />}
      {view.data && (
        <Flex vertical gap={16}>
          <Row gutter={[12, 12]} data-testid="stats-cards">
            {view.data.indicators.map((f) => (
              <Col key={f.key} xs={24} sm={12} lg={8} xl={6}>
                <IndicatorCard figure={f} onDrill={(part) => setDrill({ figure: f, part })} />
              </Col>
            ))}
          </Row>
          <Card size="small" title="月度趋势" extra={indicatorSelect('stats-trend-key')}>
            {trend.error && <ApiErrorAlert error={trend.error} onRetry={trend.reload} />}
            {trend.data && chartFigure && trend.data.key === chartKey && <TrendChart trend={trend.data} figure={chartFigure} />}
          </Card>
          {view.data.children.length > 0 && (
            <Card size="small" title="下级单位排名" extra={indicatorSelect('stats-rank-key')}>
              <RankingChart data={view.data} indicator={chartKey} />
              <Ranking data={view.data} indicator={chartKey} onOpen={(code) => set({ unit: code })} />
            </Card>
          )}
          <Card size="small" title="执行情况监测（只计划不执行、公示逾期、完成时限临近）">
            {watch.error && <ApiErrorAlert error={watch.error} onRetry={watch.reload} />}
            <Watch items={watch.data?.items ?? []} />
          </Card>
          <Collapse
            items={[
              {
                key: 'definitions',
                label: '指标定义（计算方法、计入范围、来源）',
                children: (
                  <Table
                    size="small"
                    rowKey="key"
                    pagination={false}
                    dataSource={view.data.definitions}
                    columns={[
                      { title: '指标', dataIndex: 'name', width: 200 },
                      { title: '计算方法', dataIndex: 'formula' },
                      { title: '计入范围', dataIndex: 'counts' },
                      { title: '来源', dataIndex: 'source', width: 200 },
                      { title: '默认目标', dataIndex: 'defaultTarget', width: 90, render: (v: number | null) => percent(v) },
                    ]}
                  />
                ),
              },
            ]}
          />
        </Flex>
      )}
      {targetsOpen && (
        <TargetsDrawer
          unitCode={unitCode}
          year={year}
          onClose={() => setTargetsOpen(false)}
          onChanged={() => {
            view.reload();
            trend.reload();
          }}
        />
      )}
      {drill && <DrillDrawer unitCode={unitCode} year={year} figure={drill.figure} part={drill.part} onClose={() => setDrill(null)} />}
    </Card>
  );
}

function IndicatorCard({ figure: f, onDrill }: { figure: Figure; onDrill: (part: Part) => void }) {
  return (
    <Card size="small" data-testid={`indicator-${f.key}`} data-light={f.light}>
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong>{f.name}</Typography.Text>
        <Tag color={lightColor[f.light]}>{lightText[f.light]}</Tag>
      </Flex>
      <Statistic value={percent(f.value)} />
      {f.target !== null && f.value !== null && (
        <Progress
          percent={Math.min(100, Math.round((f.value / Math.max(f.target, 1e-9)) * 1000) / 10)}
          strokeColor={lightColors[f.light]}
          showInfo={false}
          size="small"
        />
      )}
      <Typography.Text type="secondary">
        <a onClick={() => onDrill('numerator')} data-testid={`indicator-${f.key}-numerator`}>
          {f.numerator}
        </a>
        {' / '}
        <a onClick={() => onDrill('denominator')} data-testid={`indicator-${f.key}-denominator`}>
          {f.denominator}
        </a>
        {f.target !== null ? `　目标 ${percent(f.target)}` : ''}
      </Typography.Text>
    </Card>
  );
}

function Ranking({ data, indicator, onOpen }: { data: Indicators; indicator: Figure['key']; onOpen: (code: string) => void }) {
  const rows = useMemo(() => rankedChildren(data, indicator), [data, indicator]);
  return (
    <Table
      size="small"
      rowKey={(r) => r.unit.code}
      pagination={false}
      dataSource={rows}
      data-testid="stats-ranking"
      columns={[
        { title: '排名', render: (_: unknown, __: unknown, i: number) => i + 1, width: 60 },
        { title: '单位', render: (_: unknown, r: (typeof rows)[number]) => <a onClick={() => onOpen(r.unit.code)}>{r.unit.name}</a> },
        { title: '数值', render: (_: unknown, r: (typeof rows)[number]) => percent(r.figure.value) },
        { title: '分子 / 分母', render: (_: unknown, r: (typeof rows)[number]) => `${r.figure.numerator} / ${r.figure.denominator}` },
        {
          title: '结果',
          render: (_: unknown, r: (typeof rows)[number]) => <Tag color={lightColor[r.figure.light]}>{lightText[r.figure.light]}</Tag>,
        },
      ]}
    />
  );
}

function Watch({ items }: { items: WatchItem[] }) {
  if (items.length === 0) return <Empty description="本年度没有已发布计划中的任务" />;
  return (
    <Table<WatchItem>
      size="small"
      rowKey={(r) => `${r.unitCode}/${r.taskCode}`}
      dataSource={items}
      pagination={{ pageSize: 20 }}
      data-testid="stats-watch"
      columns={[
        { title: '单位', dataIndex: 'unitName' },
        { title: '任务', render: (_, r) => `${r.taskCode} ${r.taskName}` },
        { title: '任务期间', render: (_, r) => `${r.periodStart ?? '—'} 至 ${r.periodEnd ?? '—'}` },
        { title: '完成时限', dataIndex: 'deadline' },
        { title: '已承诺', dataIndex: 'committed' },
        { title: '已抽取', dataIndex: 'drawn' },
        { title: '检查户数', dataIndex: 'visits' },
        { title: '已检查', dataIndex: 'finished' },
        { title: '已公示', dataIndex: 'published' },
        { title: '公示逾期', dataIndex: 'overdue' },
        {
          title: '提示',
          render: (_, r) => (
            <Space size={4} wrap>
              {r.flags.notExecuted && <Tag color="error">只计划不执行</Tag>}
              {r.flags.overduePublication && <Tag color="error">公示逾期</Tag>}
              {r.flags.deadlineAtRisk && <Tag color="warning">完成时限临近</Tag>}
              {r.completed && <Tag color="success">已按期完成</Tag>}
            </Space>
          ),
        },
      ]}
    />
  );
}

function DrillDrawer({
  unitCode,
  year,
  figure,
  part,
  onClose,
}: {
  unitCode: string;
  year: number;
  figure: Figure;
  part: Part;
  onClose: () => void;
}) {
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const list = useEndpoint('GET /api/indicators/list', {
    query: { unitCode, year, key: figure.key, part, offset: (page - 1) * pageSize, limit: pageSize },
  });
  const label = part === 'numerator' ? figure.numeratorLabel : figure.denominatorLabel;
  return (
    <Drawer open width={880} onClose={onClose} title={`${figure.name}：${label}`} data-testid="stats-drill">
      {list.error && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      <Typography.Paragraph type="secondary" data-testid="stats-drill-total">
        共 {list.data?.total ?? '…'} 条
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey={(r) => `${r.unitName}/${r.code}/${r.name}/${r.date ?? ''}`}
        loading={list.loading}
        dataSource={list.data?.rows ?? []}
        pagination={{ current: page, pageSize, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        data-testid="stats-drill-table"
        columns={[
          { title: '单位', dataIndex: 'unitName' },
          { title: '编号', dataIndex: 'code' },
          { title: '名称', dataIndex: 'name' },
          { title: '日期', dataIndex: 'date', render: (v: string | null) => v ?? '—' },
          { title: '说明', dataIndex: 'note' },
        ]}
      />
    </Drawer>
  );
}
