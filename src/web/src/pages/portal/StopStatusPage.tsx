// /gs/stop-status (public, no login): the progress of a 停止公示申请 by its 回执编号 — the state of
// each result applied for, the decision and its date; nothing else.
import { Card, Descriptions, Flex, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ApiError } from '../../api.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { toApiError } from '../../useApiData.ts';
import { readStopProgress, type StopProgress } from './stopRequestApi.ts';

const statusColor: Record<StopProgress['items'][number]['status'], string> = {
  submitted: 'blue',
  reviewing: 'gold',
  approved: 'green',
  rejected: 'red',
};

export default function StopStatusPage() {
  const [progress, setProgress] = useState<StopProgress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const look = async (receipt: string) => {
    if (!receipt.trim()) {
      setProgress(null);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setProgress(await readStopProgress(receipt));
    } catch (e) {
      setProgress(null);
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="查询停止公示申请进度" data-testid="stop-status">
      <Flex vertical gap={16}>
        <Typography.Text type="secondary">
          请输入提交申请时得到的回执编号（以 SQ 开头）。还没有申请？<Link to="/gs/stop-apply">申请停止公示</Link>
        </Typography.Text>
        <Input.Search
          enterButton="查询"
          placeholder="回执编号，如 SQ7K3M9QPA-4F7XQ2HMWR8T6YKB"
          maxLength={60}
          loading={busy}
          onSearch={(v) => void look(v)}
          style={{ maxWidth: 520 }}
          data-testid="stop-status-receipt"
        />
        {error && <ApiErrorAlert error={error} />}
        {progress && (
          <Flex vertical gap={12} data-testid="stop-status-answer">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label="回执编号">{progress.receiptCode}</Descriptions.Item>
              <Descriptions.Item label="企业名称">{progress.entityName}</Descriptions.Item>
              <Descriptions.Item label="统一社会信用代码">{progress.uscc}</Descriptions.Item>
              <Descriptions.Item label="提交日期">{progress.submittedOn}</Descriptions.Item>
            </Descriptions>
            <Table
              rowKey={(r) => `${r.taskCode}-${r.checkedOn ?? ''}`}
              size="small"
              pagination={false}
              dataSource={progress.items}
              data-testid="stop-status-table"
              columns={[
                { title: '任务编号', dataIndex: 'taskCode', width: 150 },
                { title: '检查日期', dataIndex: 'checkedOn', width: 110, render: (v: string | null) => v ?? '—' },
                {
                  title: '状态',
                  dataIndex: 'statusText',
                  width: 100,
                  render: (text: string, r) => (
                    <Tag color={statusColor[r.status]} data-testid="stop-status-tag">
                      {text}
                    </Tag>
                  ),
                },
                { title: '审核意见', dataIndex: 'decisionReason', render: (v: string | null) => v ?? '—' },
                { title: '审核日期', dataIndex: 'decidedOn', width: 110, render: (v: string | null) => v ?? '—' },
              ]}
            />
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
