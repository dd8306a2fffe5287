// 待审核 / 全部结果: the results of the unit and the units below it, with the review
// steps — 退回 (with reason), 审核通过并公示, and 更正 of a published result (with reason).
import { Button, Flex, Popconfirm, Select, Space, Table, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { resultCommand, type ResultView } from './resultApi.ts';
import { useAction } from '../../useAction.ts';
import { useEndpoint } from '../../useApiData.ts';
import { entryText, ResultStatusTag } from './resultFormat.tsx';
import { actionsColumn } from '../../components/ListControls.tsx';
import { objectCodeText } from '../../labels.ts';

type StatusFilter = '' | 'draft' | 'pendingReview' | 'returned' | 'published';

const statusOptions: { value: StatusFilter; label: string }[] = [
  { value: '', label: '全部状态' },
  { value: 'draft', label: '草稿' },
  { value: 'pendingReview', label: '待审核' },
  { value: 'returned', label: '退回' },
  { value: 'published', label: '已公示' },
];

type AskKind = 'return' | 'correct' | 'stopRequest' | 'stopApprove' | 'stopReject';

interface ReasonAsk {
  kind: AskKind;
  result: ResultView;
}

/** Each step that needs a reason: the row's button (its text, test id result-<testId>-<uscc>,
 *  red or not) and the dialog's title, confirm button and explanation. */
const askText: Record<AskKind, { button: string; testId: string; danger?: boolean; title: string; ok: string; hint: string }> = {
  return: {
    button: '退回',
    testId: 'return',
    danger: true,
    title: '退回',
    ok: '退回',
    hint: '退回后检查人员可修改结果，修改后须重新确认并提交审核。',
  },
  correct: {
    button: '更正',
    testId: 'correct',
    title: '更正',
    ok: '开始更正',
    hint: '更正将生成新版本（草稿），审核公示前门户继续显示原版本；更正原因记入版本记录和操作日志。',
  },
  stopRequest: {
    button: '停止公示申请',
    testId: 'stop-request',
    title: '登记停止公示申请',
    ok: '登记申请',
    hint: '企业在公示期满后可申请停止公示（信用修复）；请写明企业的申请理由。公示期未满的申请会被拒绝并说明可申请的日期。',
  },
  stopApprove: {
    button: '同意停止公示',
    testId: 'stop-approve',
    title: '同意停止公示',
    ok: '同意',
    hint: '同意后门户不再显示该结果，结果不能再更正；理由记入操作日志。',
  },
  stopReject: {
    button: '驳回申请',
    testId: 'stop-reject',
    danger: true,
    title: '驳回停止公示申请',
    ok: '驳回',
    hint: '驳回后结果继续公示；驳回理由记入申请记录和操作日志。',
  },
};

function runAsk(kind: AskKind, id: string, reason: string) {
  switch (kind) {
    case 'return':
      return resultCommand.return(id, reason);
    case 'correct':
      return resultCommand.correct(id, reason);
    case 'stopRequest':
      return resultCommand.requestStop(id, reason);
    case 'stopApprove':
      return resultCommand.decideStop(id, true, reason);
    case 'stopReject':
      return resultCommand.decideStop(id, false, reason);
  }
}

export function ResultsTab({ year, fixedStatus, mayReview }: { year: number; fixedStatus?: StatusFilter; mayReview: boolean }) {
  const [status, setStatus] = useState<StatusFilter>('');
  const effective = fixedStatus ?? status;
  const list = useEndpoint('GET /api/results', { query: { year, status: effective || undefined } });
  const [ask, setAsk] = useState<ReasonAsk | null>(null);
  const { busy, run } = useAction();

  const testPrefix = fixedStatus === 'pendingReview' ? 'review' : 'results';
  const askButton = (kind: AskKind, r: ResultView) => (
    <Button
      size="small"
      danger={askText[kind].danger}
      disabled={busy}
      onClick={() => setAsk({ kind, result: r })}
      data-testid={`result-${askText[kind].testId}-${r.uscc}`}
    >
      {askText[kind].button}
    </Button>
  );
  return (
    <Flex vertical gap={12}>
      {!fixedStatus && (
        <Select
          value={status}
          onChange={setStatus}
          options={statusOptions}
          style={{ width: 160 }}
          aria-label="状态"
          data-testid="results-status-filter"
        />
      )}
      {list.error && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<ResultView>
        size="middle"
        rowKey="id"
        data-testid={`${testPrefix}-table`}
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 条` }}
        locale={{ emptyText: fixedStatus === 'pendingReview' ? '没有待审核的检查结果' : `${year}年度没有检查结果` }}
        scroll={{ x: 1200 }}
        columns={[
          {
            title: '检查对象',
            dataIndex: 'entityName',
            width: 220,
            render: (name: string, r) => (
              <Link to={`/console/visits/${r.drawId}/${encodeURIComponent(r.uscc)}`} data-testid={`result-open-${r.uscc}`}>
                {name}
              </Link>
            ),
          },
          {
            title: '统一社会信用代码 / 对象编码',
            dataIndex: 'uscc',
            width: 200,
            render: (code: string, r) => objectCodeText(r.objectKindLabel, code),
          },
          { title: '任务编号', dataIndex: 'taskCode', width: 150 },
          { title: '检查日期', dataIndex: 'checkedOn', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: '检查结果',
            key: 'text',
            width: 240,
            render: (_, r) => (r.status === 'published' && r.publicText ? r.publicText : entryText(r.content?.input)),
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 130,
            render: (s: ResultView['status'], r) => (
              <Space size={4} wrap>
                <ResultStatusTag status={s} testId={`result-status-${r.uscc}`} />
                {r.record.version > 1 && <Typography.Text type="secondary">第{r.record.version}版</Typography.Text>}
                {r.stoppedOn && <Typography.Text type="secondary">已停止公示</Typography.Text>}
              </Space>
            ),
          },
          { title: '公示日期', dataIndex: 'publishedOn', width: 110, render: (v: string | null) => v ?? '—' },
          actionsColumn(240, (r: ResultView) =>
            !mayReview ? (
              '—'
            ) : (
              <Space size={4} wrap>
                {r.status === 'pendingReview' && (
                  <>
                    {askButton('return', r)}
                    <Popconfirm
                      title="审核通过并公示？"
                      description="公示后企业名称、统一社会信用代码、检查机关、任务编号、检查日期和检查结果将在门户公开。"
                      okText="公示"
                      cancelText="取消"
                      onConfirm={() =>
                        run(async () => {
                          await resultCommand.publish(r.id);
                          list.reload();
                          return '审核通过并公示成功';
                        })
                      }
                      okButtonProps={{ 'data-testid': 'result-publish-ok' } as ButtonProps}
                    >
                      <Button size="small" type="primary" disabled={busy} data-testid={`result-publish-${r.uscc}`}>
                        审核通过并公示
                      </Button>
                    </Popconfirm>
                  </>
                )}
                {r.status === 'published' && !r.stoppedOn && askButton('correct', r)}
                {r.publishedOn && !r.stoppedOn && r.record.stopRequests.at(-1)?.status !== 'requested' && askButton('stopRequest', r)}
                {r.record.stopRequests.at(-1)?.status === 'requested' && (
                  <>
                    {askButton('stopApprove', r)}
                    {askButton('stopReject', r)}
                  </>
                )}
              </Space>
            ),
          ),
        ]}
      />
      <ReasonModal
        open={ask !== null}
        title={ask ? `${askText[ask.kind].title}：${ask.result.entityName}` : ''}
        okText={ask ? askText[ask.kind].ok : ''}
        placeholder="请写明原因（至少 4 个字）"
        okTestId="reason-ok"
        reasonTestId="reason-input"
        onCancel={() => setAsk(null)}
        onSubmit={async (reason) => {
          if (!ask) return;
          await runAsk(ask.kind, ask.result.id, reason);
          setAsk(null);
          list.reload();
          return `${askText[ask.kind].title}成功`;
        }}
      >
        <Typography.Paragraph type="secondary">{ask ? askText[ask.kind].hint : ''}</Typography.Paragraph>
      </ReasonModal>
    </Flex>
  );
}
