// 停止公示申请: the applications businesses made on the portal for results of the unit and the
// units below it. Staff open the scan (授权书/营业执照), take the application up (the business then
// reads 审核中) and decide: 同意 stops the publication at once, 驳回 keeps it, each with a reason.
import { Button, Flex, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call, endpointUrl, type ApiOutput } from '../../api.ts';
import { actionsColumn, ListTable } from '../../components/ListControls.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { useAction } from '../../useAction.ts';
import { useEndpoint } from '../../useApiData.ts';

type RequestView = ApiOutput<'GET /api/publication-requests'>['items'][number];
type Filter = 'open' | 'all' | 'approved' | 'rejected';

const filterOptions: { value: Filter; label: string }[] = [
  { value: 'open', label: '待审核（已提交、审核中）' },
  { value: 'approved', label: '已同意' },
  { value: 'rejected', label: '已驳回' },
  { value: 'all', label: '全部' },
];

const statusColor: Record<RequestView['status'], string> = { submitted: 'blue', reviewing: 'gold', approved: 'green', rejected: 'red' };

const decisionText = {
  approve: {
    title: '同意停止公示',
    ok: '同意',
    hint: '同意后该检查结果立即不再在门户公示，结果不能再更正；理由记入申请记录和操作日志，企业凭回执编号可查看。',
  },
  reject: { title: '驳回申请', ok: '驳回', hint: '驳回后结果继续公示；驳回理由企业凭回执编号可查看，请写明不符合哪项条件、如何补正。' },
} as const;

export function PublicationRequestsTab({ mayDecide }: { mayDecide: boolean }) {
  const [filter, setFilter] = useState<Filter>('open');
  const list = useEndpoint('GET /api/publication-requests', { query: { status: filter === 'all' ? undefined : filter } });
  const [ask, setAsk] = useState<{ kind: 'approve' | 'reject'; request: RequestView } | null>(null);
  const { busy, run } = useAction();

  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        企业在门户自助提交的停止公示（信用修复）申请。请核对扫描件（授权书或营业执照）后受理、审核；同意后该结果立即停止公示。
      </Typography.Text>
      <Select
        value={filter}
        onChange={setFilter}
        options={filterOptions}
        style={{ width: 240 }}
        aria-label="状态"
        data-testid="pubreq-filter"
      />
      <ListTable<RequestView>
        list={list}
        rowKey="id"
        testId="pubreq-table"
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 条` }}
        locale={{ emptyText: filter === 'open' ? '没有待审核的停止公示申请' : '没有停止公示申请' }}
        scroll={{ x: 1500 }}
        columns={[
          { title: '回执编号', dataIndex: 'receiptCode', width: 120 },
          { title: '企业名称', dataIndex: 'entityName', width: 200 },
          { title: '统一社会信用代码', dataIndex: 'uscc', width: 190 },
          { title: '任务编号', dataIndex: 'taskCode', width: 150, render: (v: string | null) => v ?? '—' },
          { title: '检查日期', dataIndex: 'checkedOn', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '申请人', dataIndex: 'applicantName', width: 100 },
          { title: '联系电话', dataIndex: 'contactPhone', width: 130 },
          { title: '申请理由', dataIndex: 'reason', width: 220 },
          { title: '提交日期', dataIndex: 'submittedOn', width: 110 },
          {
            title: '扫描件',
            key: 'scan',
            width: 160,
            render: (_, r) => (
              <a
                href={endpointUrl('GET /api/publication-requests/:id/scan', { params: { id: r.id } })}
                data-testid={`pubreq-scan-${r.uscc}`}
              >
                {r.scan.fileName}
              </a>
            ),
          },
          {
            title: '状态',
            key: 'status',
            width: 200,
            render: (_, r) => (
              <Space direction="vertical" size={0}>
                <Tag color={statusColor[r.status]} data-testid={`pubreq-status-${r.uscc}`}>
                  {r.statusText}
                </Tag>
                {r.decidedOn && (
                  <Typography.Text type="secondary">
                    {r.decidedOn} {r.decidedByName ?? ''}：{r.decisionReason}
                  </Typography.Text>
                )}
                {!r.decidedOn && r.reviewingByName && <Typography.Text type="secondary">受理人：{r.reviewingByName}</Typography.Text>}
              </Space>
            ),
          },
          actionsColumn(220, (r: RequestView) =>
            !mayDecide || (r.status !== 'submitted' && r.status !== 'reviewing') ? (
              '—'
            ) : (
              <Space size={4} wrap>
                {r.status === 'submitted' && (
                  <Button
                    size="small"
                    disabled={busy}
                    onClick={() =>
                      void run(async () => {
                        await call('POST /api/publication-requests/:id/take-up', { params: { id: r.id } });
                        list.reload();
                        return '受理成功';
                      })
                    }
                    data-testid={`pubreq-take-up-${r.uscc}`}
                  >
                    受理
                  </Button>
                )}
                <Button
                  size="small"
                  type="primary"
                  disabled={busy}
                  onClick={() => setAsk({ kind: 'approve', request: r })}
                  data-testid={`pubreq-approve-${r.uscc}`}
                >
                  同意
                </Button>
                <Button
                  size="small"
                  danger
                  disabled={busy}
                  onClick={() => setAsk({ kind: 'reject', request: r })}
                  data-testid={`pubreq-reject-${r.uscc}`}
                >
                  驳回
                </Button>
              </Space>
            ),
          ),
        ]}
      />
      <ReasonModal
        open={ask !== null}
        title={ask ? `${decisionText[ask.kind].title}：${ask.request.entityName}` : ''}
        okText={ask ? decisionText[ask.kind].ok : ''}
        placeholder="请写明理由（至少 4 个字）"
        okTestId="pubreq-reason-ok"
        reasonTestId="pubreq-reason"
        onCancel={() => setAsk(null)}
        onSubmit={async (reason) => {
          if (!ask) return;
          await call('POST /api/publication-requests/:id/decision', {
            params: { id: ask.request.id },
            body: { approve: ask.kind === 'approve', reason },
          });
          setAsk(null);
          list.reload();
          return `${decisionText[ask.kind].title}成功`;
        }}
      >
        <Typography.Paragraph type="secondary">{ask ? decisionText[ask.kind].hint : ''}</Typography.Paragraph>
      </ReasonModal>
    </Flex>
  );
}
