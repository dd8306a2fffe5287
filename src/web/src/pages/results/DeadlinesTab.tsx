// 期限 (seed 004): results must be entered and published within 20 working days of the
// task's end (statutory holidays and 调休 days counted by the server's working calendar).
// A year without calendar data is shown as 无法计算, never as all working days.
import { Alert, App, Button, Flex, Input, Modal, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { resultCommand, type AbnormalStep, type DeadlineRow } from './resultApi.ts';
import { toApiError, useEndpoint } from '../../useApiData.ts';
import { DateField } from '../../components/DateField.tsx';

const stateTag: Record<DeadlineRow['status'], { color: string; text: string }> = {
  overdue: { color: 'red', text: '已逾期' },
  dueSoon: { color: 'orange', text: '临期' },
  ok: { color: 'blue', text: '期限内' },
  unknown: { color: 'default', text: '无法计算' },
  done: { color: 'green', text: '已全部公示' },
};

export function DeadlinesTab({ year, mayList = false }: { year: number; mayList?: boolean }) {
  const list = useEndpoint('GET /api/results/deadlines', { query: { year } });
  const data = list.data;
  const { message } = App.useApp();
  const [listing, setListing] = useState<AbnormalStep | null>(null);
  const [listedOn, setListedOn] = useState('');
  const [decisionNumber, setDecisionNumber] = useState('');
  return (
    <Flex vertical gap={12} data-testid="deadlines">
      {list.error && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      {data && (
        <Alert
          type={data.overdue > 0 ? 'error' : data.dueSoon > 0 ? 'warning' : 'info'}
          showIcon
          data-testid="deadlines-summary"
          title={`今天 ${data.today}：逾期 ${data.overdue} 项，临期 ${data.dueSoon} 项`}
          description="检查结果须在任务结束后 20 个工作日内录入并公示（法定节假日不计，调休上班日计入）；逾期未公示视为任务未完成。"
        />
      )}
      <Table<DeadlineRow>
        size="middle"
        rowKey="drawId"
        data-testid="deadlines-table"
        loading={list.loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: `${year}年度没有已摇号的抽查任务` }}
        scroll={{ x: 1100 }}
        rowClassName={(r) => `deadline-${r.status}`}
        columns={[
          { title: '任务编号', dataIndex: 'taskCode', width: 150 },
          { title: '任务名称', dataIndex: 'taskName', width: 220, render: (v: string | null) => v ?? '—' },
          { title: '抽取编号', dataIndex: 'drawCode', width: 160 },
          { title: '任务结束', dataIndex: 'taskEnd', width: 110 },
          {
            title: '公示期限',
            dataIndex: 'due',
            width: 120,
            render: (v: string | null, r) => v ?? <Tooltip title={r.dueUnknownReason}>无法计算</Tooltip>,
          },
          {
            title: '剩余工作日',
            dataIndex: 'workingDaysLeft',
            width: 110,
            render: (v: number | null, r) =>
              v === null ? '—' : <span data-testid={`deadline-days-${r.drawCode}`}>{v < 0 ? `逾期 ${-v} 个工作日` : `${v} 个工作日`}</span>,
          },
          {
            title: '已公示 / 户次',
            key: 'progress',
            width: 120,
            render: (_, r) => `${r.published} / ${r.visits}`,
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 120,
            render: (s: DeadlineRow['status'], r) => (
              <Tag color={stateTag[s].color} data-testid={`deadline-status-${r.drawCode}`} data-status={s}>
                {stateTag[s].text}
              </Tag>
            ),
          },
        ]}
      />
      {(data?.abnormalSteps.length ?? 0) > 0 && (
        <Table<AbnormalStep>
          size="middle"
          rowKey="resultId"
          title={() => '列入经营异常名录（无法联系、未按规定公示：检查结果作出后 10 个工作日内）'}
          data-testid="abnormal-steps"
          dataSource={data?.abnormalSteps ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: '企业名称', dataIndex: 'entityName' },
            { title: '统一社会信用代码', dataIndex: 'uscc', width: 200 },
            { title: '任务编号', dataIndex: 'taskCode', width: 160 },
            { title: '检查日期', dataIndex: 'resultDate', width: 110 },
            { title: '应列入日期', dataIndex: 'due', width: 110, render: (v: string | null) => v ?? '无法计算' },
            {
              title: '状态',
              dataIndex: 'status',
              width: 180,
              render: (s: AbnormalStep['status'], r) =>
                r.listedOn ? (
                  <Tag color="green">已于 {r.listedOn} 列入</Tag>
                ) : (
                  <Flex gap={4} wrap>
                    <Tag color={stateTag[s].color}>{stateTag[s].text}</Tag>
                    {mayList && (
                      <Button size="small" onClick={() => setListing(r)} data-testid={`abnormal-list-${r.uscc}`}>
                        登记列入
                      </Button>
                    )}
                  </Flex>
                ),
            },
          ]}
        />
      )}
      <Modal
        open={listing !== null}
        title={`登记列入经营异常名录：${listing?.entityName ?? ''}`}
        okText="登记"
        cancelText="取消"
        onCancel={() => setListing(null)}
        onOk={async () => {
          if (!listing) return;
          try {
            await resultCommand.abnormalListing(listing.resultId, listedOn, decisionNumber);
            void message.success('已登记列入经营异常名录');
            setListing(null);
            list.reload();
          } catch (e) {
            void message.error({ content: toApiError(e).message, duration: 8 });
          }
        }}
        destroyOnHidden
      >
        <Flex vertical gap={8}>
          <DateField value={listedOn} onChange={setListedOn} ariaLabel="列入日期" placeholder="列入日期" />
          <Input value={decisionNumber} onChange={(e) => setDecisionNumber(e.target.value)} placeholder="列入决定书文号" />
        </Flex>
      </Modal>
      <Typography.Text type="secondary">
        工作日历按国务院办公厅公布的节假日安排维护（见操作手册“检查实施、结果公示与后续处置”）。
      </Typography.Text>
    </Flex>
  );
}
