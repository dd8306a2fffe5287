// 计划列表 of a year: the plans of the active unit and its subordinates (any state) and the
// published plans of the units above it, with 新建计划 for planners.
import { Button, Empty, Flex, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { canWrite } from '../../../../core/access/policy.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import type { PlanListItem } from './planTypes.ts';
import { useSession } from '../../session.tsx';
import { useEndpoint } from '../../useApiData.ts';
import { NewPlanModal } from './NewPlanModal.tsx';
import { YearSelect } from '../../components/YearSelect.tsx';
import { planKindText } from './planFormat.ts';
import { PlanStatusTags } from './PlanStatusTags.tsx';
import { planTitleColumn } from './planTitleColumn.tsx';

export function PlanList({ year, onYearChange }: { year: number; onYearChange: (year: number) => void }) {
  const { role } = useSession();
  const mayWrite = role !== null && canWrite(role, 'plans');
  const list = useEndpoint('GET /api/plans', { query: { year } });
  const [creating, setCreating] = useState(false);

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap align="center">
        <YearSelect value={year} onChange={onYearChange} testId="plans-year" />
        {mayWrite && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="plans-new">
            新建计划
          </Button>
        )}
        <Typography.Text type="secondary">本单位及下级单位的计划（含草稿），以及上级单位已发布的计划。</Typography.Text>
      </Flex>
      {list.error && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<PlanListItem>
        size="middle"
        data-testid="plans-table"
        rowKey="id"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={`${year}年度暂无计划${mayWrite ? '，可点击“新建计划”导入或粘贴计划表' : ''}`} /> }}
        columns={[
          planTitleColumn<PlanListItem>(
            (p) => `/console/plans/${p.id}`,
            (p) => `plan-open-${p.id}`,
          ),
          { title: '单位', dataIndex: 'unitName', width: 200 },
          {
            title: '来源',
            key: 'own',
            width: 110,
            render: (_, p) => (p.own ? <Tag>本单位/下级</Tag> : <Tag color="purple">上级部署</Tag>),
          },
          { title: '类型', dataIndex: 'kind', width: 150, render: (k: PlanListItem['kind']) => planKindText[k] },
          {
            title: '状态',
            key: 'status',
            width: 200,
            render: (_, p) => (
              <PlanStatusTags
                status={p.status}
                publishedVersion={p.publishedVersion}
                draftVersion={p.draftVersion}
                filedVersion={p.filedVersion}
                testId={`plan-status-${p.id}`}
              />
            ),
          },
          { title: '版本', dataIndex: 'versionNo', width: 70, render: (v: number) => `第${v}版` },
          { title: '任务数', dataIndex: 'taskCount', width: 80 },
          { title: '完成时限', dataIndex: 'deadline', width: 110, render: (v: string | null) => v ?? '—' },
        ]}
      />
      {creating && <NewPlanModal defaultYear={year} onClose={() => setCreating(false)} />}
    </Flex>
  );
}
