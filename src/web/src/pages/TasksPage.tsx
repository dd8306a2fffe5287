// 抽查任务 of the active unit for a year (from published plans): its own plans' tasks, tasks of
// plans above it that it inspects (市抽县查: the county inspects but does not draw), and joint
// tasks naming its department (drawn by their 发起部门 only: 联合发起 can draw, 联合配合 cannot).
import { Card, Flex, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { twoLineColumn } from '../components/ListControls.tsx';
import type { UnitTask } from './plans/planTypes.ts';
import { useEndpoint } from '../useApiData.ts';
import { YearSelect } from '../components/YearSelect.tsx';
import { modeText, periodText, quotaText } from './plans/planFormat.ts';
import { useDefaultYear } from '../useDefaultYear.ts';

const relationText = { own: '本单位', upper: '上级部署', joint: '联合配合' } as const;
const relationColor = { own: 'blue', upper: 'purple', joint: 'cyan' } as const;

function YesNo({ value, testId }: { value: boolean; testId: string }) {
  return (
    <Tag color={value ? 'green' : 'default'} data-testid={testId}>
      {value ? '是' : '否'}
    </Tag>
  );
}

export default function TasksPage() {
  const [params, setParams] = useSearchParams();
  const parsedYear = Number(params.get('year'));
  const defaultYear = useDefaultYear();
  const year = Number.isInteger(parsedYear) && parsedYear >= 2000 && parsedYear <= 2100 ? parsedYear : defaultYear;
  const tasks = useEndpoint('GET /api/tasks', { query: { year } });
  return (
    <Card title="抽查任务" data-testid="page-tasks">
      <Flex vertical gap={12}>
        <Flex gap={12} align="center" wrap>
          <YearSelect value={year} onChange={(y) => setParams({ year: String(y) }, { replace: true })} testId="tasks-year" />
          <Typography.Text type="secondary">
            已发布计划中本单位承担的任务：本单位计划、上级计划中由本级检查的任务、本部门参与的联合抽查任务。
          </Typography.Text>
        </Flex>
        {tasks.error && <ApiErrorAlert error={tasks.error} onRetry={tasks.reload} />}
        <Table<UnitTask>
          size="middle"
          data-testid="tasks-table"
          rowKey={(t) => `${t.planId}-${t.code}`}
          loading={tasks.loading}
          dataSource={tasks.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 个任务` }}
          locale={{ emptyText: `${year}年度没有本单位承担的已发布抽查任务` }}
          scroll={{ x: 1300 }}
          columns={[
            {
              title: '任务编号',
              dataIndex: 'code',
              width: 150,
              render: (v: string) => (
                <Link to={`/console/tasks/${encodeURIComponent(v)}`} data-testid={`task-open-${v}`}>
                  <Typography.Text code>{v}</Typography.Text>
                </Link>
              ),
            },
            { title: '任务名称', dataIndex: 'name', width: 240 },
            twoLineColumn<UnitTask>(
              '来源计划',
              'plan',
              260,
              (t) => <Link to={`/console/plans/${t.planId}`}>{t.planTitle}</Link>,
              (t) => t.unitName,
            ),
            {
              title: '关系',
              dataIndex: 'relation',
              width: 100,
              render: (r: UnitTask['relation'], t) => (
                <Tag color={relationColor[r]} data-testid={`task-relation-${t.code}`}>
                  {r === 'joint' && t.canDraw ? '联合发起' : relationText[r]}
                </Tag>
              ),
            },
            {
              title: '发起部门 / 配合部门',
              key: 'departments',
              width: 200,
              render: (_, t) =>
                t.initiatingDepartment || t.cooperatingDepartments.length > 0 ? (
                  <Flex vertical>
                    <Typography.Text>{t.initiatingDepartment ?? '—'}</Typography.Text>
                    <Typography.Text type="secondary">{t.cooperatingDepartments.join('、')}</Typography.Text>
                  </Flex>
                ) : (
                  '—'
                ),
            },
            { title: '模式', dataIndex: 'mode', width: 110, render: modeText },
            { title: '比例/数量', dataIndex: 'quota', width: 110, render: quotaText },
            { title: '起止时间', dataIndex: 'period', width: 130, render: periodText },
            {
              title: '可抽取',
              dataIndex: 'canDraw',
              width: 80,
              render: (v: boolean, t) => <YesNo value={v} testId={`task-can-draw-${t.code}`} />,
            },
            {
              title: '检查',
              dataIndex: 'inspects',
              width: 80,
              render: (v: boolean, t) => <YesNo value={v} testId={`task-inspects-${t.code}`} />,
            },
          ]}
        />
      </Flex>
    </Card>
  );
}
