// 抽查计划公告 (public, no login): the published annual plans, by year and keyword.
import { Card, Empty, Flex, Input, Select, Table } from 'antd';
import { useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { formatDateTime } from '../../labels.ts';
import type { PublicPlanListItem } from '../plans/planTypes.ts';
import { useEndpoint } from '../../useApiData.ts';
import { planKindText, yearOptions } from '../plans/planFormat.ts';
import { planTitleColumn } from '../plans/planTitleColumn.tsx';

export default function PlansNoticePage() {
  const [params, setParams] = useSearchParams();
  const year = params.get('year') ?? '';
  const q = params.get('q') ?? '';
  const list = useEndpoint('GET /api/public/plans', { query: { ...(year ? { year: Number(year) } : {}), ...(q ? { q } : {}) } });
  const update = (key: 'year' | 'q', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <Card title="抽查计划公告" data-testid="portal-plans">
      <Flex vertical gap={12}>
        <Flex gap={12} wrap>
          <Select
            value={year ? Number(year) : ''}
            onChange={(v: number | '') => update('year', v === '' ? '' : String(v))}
            options={[{ value: '', label: '全部年度' }, ...yearOptions()]}
            style={{ width: 140 }}
            data-testid="portal-plans-year"
            aria-label="年度"
          />
          <Input.Search
            defaultValue={q}
            allowClear
            placeholder="按单位、计划名称或文号搜索"
            onSearch={(v) => update('q', v.trim())}
            style={{ width: 320 }}
            data-testid="portal-plans-search"
          />
        </Flex>
        {list.error && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
        <Table<PublicPlanListItem>
          data-testid="portal-plans-table"
          rowKey="id"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description="暂无已发布的抽查计划" /> }}
          columns={[
            planTitleColumn<PublicPlanListItem>(
              (p) => `/gs/plans/${p.id}`,
              (p) => `portal-plan-${p.id}`,
            ),
            { title: '发布单位', dataIndex: 'unitName', width: 200 },
            { title: '年度', dataIndex: 'year', width: 70 },
            { title: '类型', dataIndex: 'kind', width: 150, render: (k: PublicPlanListItem['kind']) => planKindText[k] },
            { title: '任务数', dataIndex: 'taskCount', width: 80 },
            { title: '版本', dataIndex: 'versionNo', width: 70, render: (v: number) => `第${v}版` },
            { title: '发布时间', dataIndex: 'publishedAt', width: 170, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          ]}
        />
      </Flex>
    </Card>
  );
}
