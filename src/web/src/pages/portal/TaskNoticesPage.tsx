// 抽查任务公告 (/gs/tasks, no login; draw-spec §3.1, §9): every draw's commit with its
// per-class counts, published before any seed exists; void reasons and re-draws stay visible;
// once a result is made public (after the inspections), its public bundle can be downloaded and
// checked on /gs/verify.
import { Card, Empty, Flex, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { withQuery } from '../../api.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import type { PublicDrawNotice } from '../../drawsApiTypes.ts';
import { formatDateTime } from '../../labels.ts';
import { useApiData } from '../../useApiData.ts';
import { DrawStatusTag, commitCounts, countsText, sourceKindLabel, totalOf } from '../draws/drawFormat.tsx';

const thisYear = new Date().getFullYear();

export default function TaskNoticesPage() {
  const [year, setYear] = useState<number | undefined>(undefined);
  const [taskCode, setTaskCode] = useState('');
  const notices = useApiData<{ items: PublicDrawNotice[] }>(withQuery('/api/public/draws', { year, taskCode: taskCode.trim() }));

  const columns: TableColumnsType<PublicDrawNotice> = [
    {
      title: '抽取编号 / 任务编号',
      dataIndex: 'drawCode',
      width: 170,
      render: (v: string, d) => (
        <>
          <span data-testid="notice-draw-code">{v}</span>
          <br />
          <Typography.Text type="secondary">
            任务 {d.taskCode} · 第 {d.batch} 批
          </Typography.Text>
        </>
      ),
    },
    { title: '抽取单位', dataIndex: 'unitName', width: 120 },
    {
      title: '承诺值（commit）',
      dataIndex: 'commit',
      width: 280,
      render: (c: string) => (
        <Typography.Text
          copyable={{ text: c }}
          style={{ fontFamily: 'monospace', wordBreak: 'break-all', fontSize: 12 }}
          data-testid="notice-commit"
        >
          {c}
        </Typography.Text>
      ),
    },
    {
      title: '可抽取户数（按风险分类）',
      key: 'counts',
      width: 150,
      render: (_: unknown, d) => {
        const counts = commitCounts(d.counts);
        return (
          <>
            {totalOf(counts).toLocaleString('en-US')} 户
            <br />
            <Typography.Text type="secondary">{countsText(counts)}</Typography.Text>
          </>
        );
      },
    },
    {
      title: '随机来源 / 状态',
      key: 'status',
      width: 230,
      render: (_: unknown, d) => (
        <Space direction="vertical" size={2}>
          <span>
            {sourceKindLabel[d.publicSource.kind] ?? d.publicSource.kind}：{d.publicSource.name}
          </span>
          <DrawStatusTag status={d.status} />
          <Typography.Text type="secondary">承诺 {formatDateTime(d.committedAt)}</Typography.Text>
          {d.drawnAt && <Typography.Text type="secondary">摇号 {formatDateTime(d.drawnAt)}</Typography.Text>}
          {d.voidReason && (
            <Typography.Text type="danger" data-testid="notice-void-reason">
              作废原因：{d.voidReason}
            </Typography.Text>
          )}
          {d.attempt > 1 && <Tag>第 {d.attempt} 次承诺（重抽）</Tag>}
        </Space>
      ),
    },
    {
      title: '抽取结果',
      key: 'result',
      width: 130,
      render: (_: unknown, d) =>
        d.resultPublic ? (
          <Space direction="vertical" size={2}>
            <span>抽中 {d.sampleSize ?? '—'} 户</span>
            <a href={`/api/public/draws/${d.id}/bundle`} download={`${d.drawCode}-public.bundle.json`} data-testid="notice-bundle">
              下载公开结果包
            </a>
            <Link to="/gs/verify">在线验证</Link>
          </Space>
        ) : (
          <Typography.Text type="secondary">{d.status === 'drawn' ? '检查实施后公开' : '—'}</Typography.Text>
        ),
    },
  ];

  return (
    <Card title="任务公告" data-testid="portal-tasks">
      <Typography.Paragraph>
        每次随机抽取在摇号之前公示其承诺值（commit）和按信用风险分类的可抽取户数：抽查名录、排除名单和抽取参数在承诺时已冻结，
        摇号时的公开随机数（骰子、彩票开奖号等）在此之后才产生，因此任何人都无法事先选定或事后更换抽取结果。作废和重抽的记录同样公示。
        检查实施后公开的抽取结果可下载结果包，在“<Link to="/gs/verify">摇号验证</Link>”页面核对。
      </Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Select<number | undefined>
          allowClear
          placeholder="全部年度"
          style={{ width: 140 }}
          value={year}
          onChange={setYear}
          options={[thisYear + 1, thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y} 年` }))}
        />
        <Input.Search allowClear placeholder="任务编号" style={{ width: 240 }} onSearch={setTaskCode} data-testid="notice-task-search" />
      </Flex>
      {notices.error && <ApiErrorAlert error={notices.error} onRetry={notices.reload} />}
      <Table
        data-testid="notice-table"
        rowKey="id"
        size="small"
        loading={notices.loading}
        dataSource={notices.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: <Empty description="暂无抽查任务公告" /> }}
        expandable={{
          expandedRowRender: (d) => (
            <Typography.Text type="secondary">
              抽查事项 {d.params.groups.flatMap((g) => g.items).join('、')} · 排除 {d.excludedCount} 户 · 哈希算法{' '}
              {d.params.hash.toUpperCase()}
            </Typography.Text>
          ),
        }}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 1130 }}
      />
    </Card>
  );
}
