// 版本对比: what changed between two versions of a plan — header fields, and tasks matched by
// 任务编号 (added, removed, changed), each changed cell as before → after.
import { Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import type { FieldChange, VersionView } from './planTypes.ts';
import { useEndpoint } from '../../useApiData.ts';
import { versionStateText } from './planFormat.ts';

const kindTag = {
  added: <Tag color="green">新增</Tag>,
  removed: <Tag color="red">删除</Tag>,
  changed: <Tag color="blue">修改</Tag>,
} as const;

function Changes({ changes, testId }: { changes: FieldChange[]; testId?: string }) {
  return (
    <Table<FieldChange>
      size="small"
      data-testid={testId}
      rowKey="field"
      dataSource={changes}
      pagination={false}
      columns={[
        { title: '列', dataIndex: 'label', width: 150 },
        {
          title: '修改前',
          dataIndex: 'before',
          render: (v: string) =>
            v ? (
              <Typography.Text delete type="danger">
                {v}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary">（空）</Typography.Text>
            ),
        },
        { title: '', key: 'arrow', width: 30, render: () => '→' },
        {
          title: '修改后',
          dataIndex: 'after',
          render: (v: string) =>
            v ? <Typography.Text type="success">{v}</Typography.Text> : <Typography.Text type="secondary">（空）</Typography.Text>,
        },
      ]}
    />
  );
}

export function DiffView({ planId, versions, current }: { planId: string; versions: VersionView[]; current: number }) {
  const [to, setTo] = useState(current);
  const [from, setFrom] = useState(() => versions.filter((v) => v.versionNo < current).at(-1)?.versionNo ?? null);
  const diff = useEndpoint(
    'GET /api/plans/:id/diff',
    from !== null && from !== to ? { params: { id: planId }, query: { from, to } } : null,
  );
  if (versions.length < 2) return <Empty description="计划只有一个版本。调整计划并发布新版本后，可在此对比各版本的差异。" />;
  const options = versions.map((v) => ({ value: v.versionNo, label: `第${v.versionNo}版（${versionStateText[v.state]}）` }));
  const d = diff.data;
  return (
    <Flex vertical gap={12} data-testid="plan-diff">
      <Flex gap={8} align="center" wrap>
        <Select
          value={from ?? undefined}
          onChange={setFrom}
          options={options}
          style={{ width: 170 }}
          data-testid="diff-from"
          aria-label="对比版本"
        />
        <span>→</span>
        <Select value={to} onChange={setTo} options={options} style={{ width: 170 }} data-testid="diff-to" aria-label="当前版本" />
      </Flex>
      {diff.error && <ApiErrorAlert error={diff.error} />}
      {d && (
        <>
          <Typography.Text data-testid="diff-summary">
            第{d.from.versionNo}版 → 第{d.to.versionNo}版：新增 {d.tasks.filter((t) => t.kind === 'added').length} 个任务，删除{' '}
            {d.tasks.filter((t) => t.kind === 'removed').length} 个，修改 {d.tasks.filter((t) => t.kind === 'changed').length} 个，未变{' '}
            {d.unchanged} 个。
            {d.to.reason ? `调整原因：${d.to.reason}` : ''}
          </Typography.Text>
          {d.header.length > 0 && (
            <>
              <Typography.Text strong>计划信息</Typography.Text>
              <Changes changes={d.header} testId="diff-header" />
            </>
          )}
          {d.tasks.map((t) => (
            <Flex vertical gap={4} key={`${t.kind}-${t.code}`} data-testid={`diff-task-${t.code}`}>
              <Flex gap={8} align="center">
                {kindTag[t.kind]}
                <Typography.Text code>{t.code}</Typography.Text>
                <Typography.Text strong>{t.name}</Typography.Text>
              </Flex>
              <Changes changes={t.changes} />
            </Flex>
          ))}
          {d.header.length === 0 && d.tasks.length === 0 && <Empty description="两个版本内容相同" />}
        </>
      )}
    </Flex>
  );
}
