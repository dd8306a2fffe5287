// /console/followup ("谁监管、谁负责"): the problem ledger of the unit and the units
// below it — 未完结/已完结, deadlines with an overdue tag, paged by the server in the ledger's
// fixed order — and the drawer with the steps.
import { Button, Card, Flex, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { canWrite } from '../../../core/access/policy.ts';
import { followUpMeasureLabel } from '../../../core/glossary.ts';
import { localDate, objectCodeText } from '../labels.ts';
import { actionsColumn, ListTable, twoLineColumn } from '../components/ListControls.tsx';
import { useSession } from '../session.tsx';
import { usePagedQuery } from '../usePagedQuery.ts';
import { FollowupDrawer, type FollowupItem } from './followup/FollowupDrawer.tsx';

type Filter = 'open' | 'closed' | 'all';

const statusOf = (filter: Filter) => (filter === 'all' ? undefined : filter);

export default function FollowupPage() {
  const { role } = useSession();
  const mayWrite = role !== null && canWrite(role, 'followup');
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const filter: Filter = raw === 'closed' || raw === 'all' ? raw : 'open';
  const list = usePagedQuery<'GET /api/followups', { status?: 'open' | 'closed' }>('GET /api/followups', { status: statusOf(filter) });
  const [selected, setSelected] = useState<FollowupItem | null>(null);
  const showFilter = (next: Filter) => {
    setParams({ status: next }, { replace: true });
    list.setFilter('status', statusOf(next));
  };

  return (
    <Card title="后续处置" data-testid="page-followup">
      <Flex vertical gap={12}>
        <Flex gap={12} align="center" wrap>
          <Segmented<Filter>
            value={filter}
            onChange={showFilter}
            options={[
              { value: 'open', label: '未完结' },
              { value: 'closed', label: '已完结' },
              { value: 'all', label: '全部' },
            ]}
            data-testid="followup-filter"
          />
          {list.data && (
            <Typography.Text type="secondary" data-testid="followup-summary">
              共 {list.data.total} 项{list.data.overdue > 0 ? `，其中逾期 ${list.data.overdue} 项` : ''}（今天 {list.data.today}）
            </Typography.Text>
          )}
        </Flex>
        <ListTable<FollowupItem>
          list={list}
          rowKey="id"
          testId="followup-table"
          pagination={{ ...list.pagination, showTotal: (n) => `共 ${n} 项` }}
          locale={{ emptyText: filter === 'open' ? '没有未完结的问题' : '没有记录' }}
          scroll={{ x: 1300 }}
          onRow={(r) => ({ 'data-testid': `followup-row-${r.uscc}` }) as object}
          columns={[
            { title: '任务编号', dataIndex: 'taskCode', width: 150 },
            twoLineColumn<FollowupItem>(
              '检查对象',
              'entity',
              240,
              (r) => <span>{r.entityName}</span>,
              (r) => objectCodeText(r.objectKindLabel, r.uscc),
            ),
            { title: '检查事项', dataIndex: 'itemName', width: 200 },
            { title: '检查结果', dataIndex: 'categoryText', width: 200 },
            {
              title: '处置措施',
              key: 'measure',
              width: 170,
              render: (_, r) =>
                r.measureText ?? (
                  <Typography.Text type="secondary">
                    待定（建议：{r.suggestedMeasure ? followUpMeasureLabel[r.suggestedMeasure] : '—'}）
                  </Typography.Text>
                ),
            },
            {
              title: '期限',
              dataIndex: 'dueOn',
              width: 150,
              render: (v: string | null, r) => (
                <Flex gap={4} align="center">
                  {v ?? '—'}
                  {r.overdue && (
                    <Tag color="red" data-testid={`followup-overdue-${r.uscc}`}>
                      逾期
                    </Tag>
                  )}
                </Flex>
              ),
            },
            {
              title: '状态',
              dataIndex: 'status',
              width: 100,
              render: (s: FollowupItem['status'], r) => (
                <Tag color={s === 'open' ? 'orange' : 'green'} data-testid={`followup-status-${r.id}`} data-status={s}>
                  {r.statusText}
                </Tag>
              ),
            },
            { title: '立项日期', dataIndex: 'openedOn', width: 110 },
            actionsColumn(90, (r: FollowupItem) => (
              <Button size="small" onClick={() => setSelected(r)} data-testid={`followup-open-${r.id}`}>
                {mayWrite && r.status === 'open' ? '处置' : '查看'}
              </Button>
            )),
          ]}
        />
      </Flex>
      <FollowupDrawer
        key={selected?.id ?? 'none'}
        item={selected}
        today={list.data?.today ?? localDate(new Date())}
        mayWrite={mayWrite}
        onClose={() => setSelected(null)}
        onChanged={(next) => {
          setSelected(next);
          list.reload();
        }}
      />
    </Card>
  );
}
