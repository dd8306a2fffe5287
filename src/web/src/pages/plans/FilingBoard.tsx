// 备案情况 for a unit with subordinate bureaus (city, province): the filing deadline it sets
// for a year (e.g. 4月15日) and, per bureau, whether its plan was published and filed in time.
import { App, Button, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { canWrite } from '../../../../core/access/policy.ts';
import { call } from '../../api.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { formatDateTime } from '../../labels.ts';
import type { FilingRow, FilingStatus } from './planTypes.ts';
import { useSession } from '../../session.tsx';
import { useEndpoint } from '../../useApiData.ts';
import { errorOf } from './planApi.ts';
import { YearSelect } from '../../components/YearSelect.tsx';
import { DateField } from '../../components/DateField.tsx';

const statusColor: Record<FilingStatus, string> = {
  filedOnTime: 'green',
  filedLate: 'orange',
  adjustedNotFiled: 'gold',
  notFiledOverdue: 'red',
  notFiled: 'default',
  noPlan: 'default',
};

export function FilingBoard({ year, onYearChange }: { year: number; onYearChange: (year: number) => void }) {
  const { role } = useSession();
  const { message } = App.useApp();
  const mayWrite = role !== null && canWrite(role, 'plans');
  const board = useEndpoint('GET /api/plan-filing', { query: { year } });
  const [dueOn, setDueOn] = useState('');
  const [saving, setSaving] = useState(false);

  useEffect(() => setDueOn(board.data?.ownDeadline ?? ''), [board.data]);

  async function saveDeadline() {
    setSaving(true);
    try {
      await call('PUT /api/plan-filing/deadline', { body: { year, dueOn } });
      message.success(`已将${year}年度计划的备案截止日期设为 ${dueOn}`);
      board.reload();
    } catch (e) {
      message.error(errorOf(e).message);
    } finally {
      setSaving(false);
    }
  }

  const data = board.data;
  return (
    <Flex vertical gap={12} data-testid="filing-board">
      <Flex gap={12} wrap align="center">
        <YearSelect value={year} onChange={onYearChange} testId="filing-year" />
        {mayWrite && (
          <>
            <Typography.Text>下级单位备案截止日期</Typography.Text>
            <DateField value={dueOn} onChange={setDueOn} testId="filing-deadline-input" />
            <Button onClick={() => void saveDeadline()} disabled={!dueOn} loading={saving} data-testid="filing-deadline-save">
              保存截止日期
            </Button>
          </>
        )}
      </Flex>
      {board.error && <ApiErrorAlert error={board.error} onRetry={board.reload} />}
      {data && (
        <Descriptions size="small" bordered column={3}>
          <Descriptions.Item label="备案截止日期">
            <span data-testid="filing-due-on">{data.dueOn ?? '未设置'}</span>
            {data.dueSetBy && data.ownDeadline === null ? <Typography.Text type="secondary">（上级单位设置）</Typography.Text> : null}
          </Descriptions.Item>
          <Descriptions.Item label="今天">{data.today}</Descriptions.Item>
          <Descriptions.Item label="统计">
            {(Object.keys(statusColor) as FilingStatus[])
              .filter((s) => (data.counts[s] ?? 0) > 0)
              .map((s) => (
                <Tag key={s} color={statusColor[s]}>
                  {data.rows.find((r) => r.status === s)?.statusText} {data.counts[s]}
                </Tag>
              ))}
          </Descriptions.Item>
        </Descriptions>
      )}
      <Table<FilingRow>
        size="middle"
        data-testid="filing-table"
        rowKey="unitCode"
        loading={board.loading}
        dataSource={data?.rows ?? []}
        pagination={false}
        locale={{ emptyText: '本单位没有下级市场监管局，无需查看备案情况。' }}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 220 },
          {
            title: '备案状态',
            dataIndex: 'status',
            width: 160,
            render: (s: FilingStatus, r) => (
              <Tag color={statusColor[s]} data-testid={`filing-status-${r.unitCode}`}>
                {r.statusText}
              </Tag>
            ),
          },
          {
            title: '计划',
            dataIndex: 'planTitle',
            render: (t: string | null, r) =>
              r.planId ? (
                <Link to={`/console/plans/${r.planId}`}>{t ?? '（未发布的草稿）'}</Link>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          { title: '已发布版本', dataIndex: 'publishedVersion', width: 100, render: (v: number | null) => (v ? `第${v}版` : '未发布') },
          { title: '发布时间', dataIndex: 'publishedAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          { title: '备案版本', dataIndex: 'filedVersion', width: 90, render: (v: number | null) => (v ? `第${v}版` : '—') },
          { title: '备案日期', dataIndex: 'filedOn', width: 110, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Flex>
  );
}
