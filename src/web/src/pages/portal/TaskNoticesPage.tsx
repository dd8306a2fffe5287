// 抽查任务公告 (/gs/tasks, no login; docs/draw-spec.md §3.1, §9): every draw's commit with its
// per-class counts N and the sizes n the commit fixes, published before any seed exists; the
// reasons of late commits, voids and re-draws stay visible. The sample itself, who inspects and
// the public bundle appear only once the drawing unit has published the result (after every visit
// has a submitted result, or after the task period); until then a drawn row says only that.
import { Card, Empty, Flex, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { endpointUrl, type ApiOutput } from '../../api.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { formatDateTime } from '../../labels.ts';
import { useEndpoint } from '../../useApiData.ts';
import { DrawStatusTag, commitCounts, declaredSourceText, plannedRows, plannedText, totalOf } from '../draws/drawFormat.tsx';

type PublicDrawNotice = ApiOutput<'GET /api/public/draws'>['items'][number];

const thisYear = new Date().getFullYear();

export default function TaskNoticesPage() {
  const [year, setYear] = useState<number | undefined>(undefined);
  const [taskCode, setTaskCode] = useState('');
  const notices = useEndpoint('GET /api/public/draws', { query: { year, taskCode: taskCode.trim() || undefined } });

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
      title: '可抽取 N / 将抽取 n（按风险分类）',
      key: 'counts',
      width: 190,
      render: (_: unknown, d) => {
        const groups = d.planned.map((g) => g.classes);
        return (
          <span data-testid="notice-counts">
            可抽取 {totalOf(commitCounts(d.counts)).toLocaleString('en-US')} 户，将抽取 {plannedRows(groups).reduce((a, r) => a + r.n, 0)}{' '}
            户
            <br />
            <Typography.Text type="secondary">{plannedText(groups)}</Typography.Text>
          </span>
        );
      },
    },
    {
      title: '随机来源 / 状态',
      key: 'status',
      width: 230,
      render: (_: unknown, d) => (
        <Space direction="vertical" size={2}>
          <span>{declaredSourceText(d.publicSource)}</span>
          <DrawStatusTag status={d.status} />
          <Typography.Text type="secondary">承诺 {formatDateTime(d.committedAt)}</Typography.Text>
          {d.drawnAt && <Typography.Text type="secondary">摇号 {formatDateTime(d.drawnAt)}</Typography.Text>}
          {d.commitReason && <Typography.Text data-testid="notice-commit-reason">承诺原因：{d.commitReason}</Typography.Text>}
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
            {d.resultPublicAt && <Typography.Text type="secondary">公开于 {formatDateTime(d.resultPublicAt)}</Typography.Text>}
            <a
              href={endpointUrl('GET /api/public/draws/:id/bundle', { params: { id: d.id } })}
              download={`${d.drawCode}-public.bundle.json`}
              data-testid="notice-bundle"
            >
              下载公开结果包
            </a>
            <Link to="/gs/verify">在线验证</Link>
          </Space>
        ) : (
          <Typography.Text type="secondary" data-testid="notice-result-pending">
            {d.status === 'drawn' ? '检查完成或抽查期间结束后公开（不预先告知检查对象）' : '—'}
          </Typography.Text>
        ),
    },
  ];

  return (
    <Card title="任务公告" data-testid="portal-tasks">
      <Typography.Paragraph>
        每次随机抽取在摇号之前公示其承诺值（commit）、按信用风险分类的可抽取户数 N 和将抽取户数
        n：抽查名录、排除名单和抽取参数在承诺时已冻结，
        摇号时的公开随机数（骰子、彩票开奖号等）在此之后才产生，因此任何人都无法事先选定或事后更换抽取结果。作废和重抽的记录同样公示。
        为不预先告知检查对象，抽中名单、检查人员和结果包在检查完成或抽查期间结束、由抽取单位公开后才提供，可下载后在“
        <Link to="/gs/verify">摇号验证</Link>”页面核对。
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
        scroll={{ x: 1170 }}
      />
    </Card>
  );
}
