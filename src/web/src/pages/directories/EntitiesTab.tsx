// 检查对象名录库: GET /api/entities, server-paged, filtered by name/USCC, 主体类别, 风险分类.
import { Flex, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { riskClassLabel, subjectTypeLabel } from '../../../../core/glossary.ts';
import type { MarketEntity } from '../../apiTypes.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { RiskClassTag } from '../../components/RiskClassTag.tsx';
import { TagList } from '../../components/TagList.tsx';
import { subjectTypeName } from '../../labels.ts';
import { usePagedQuery } from '../../usePagedQuery.ts';

const columns: TableColumnsType<MarketEntity> = [
  {
    title: '统一社会信用代码',
    dataIndex: 'uscc',
    width: 190,
    render: (v: string) => (
      <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
        {v}
      </Typography.Text>
    ),
  },
  { title: '名称', dataIndex: 'name', width: 240 },
  { title: '主体类别', dataIndex: 'subjectType', width: 110, render: (v: string) => subjectTypeName(v) },
  { title: '登记状态', dataIndex: 'regStatus', width: 90 },
  {
    title: '行业',
    dataIndex: 'industryName',
    width: 180,
    render: (_: unknown, e: MarketEntity) => e.industryName ?? e.industryCode ?? '—',
  },
  { title: '管辖单位', dataIndex: 'unitName', width: 180 },
  {
    title: '风险分类',
    dataIndex: 'riskClass',
    width: 110,
    render: (v: string | null) => <RiskClassTag riskClass={v} />,
  },
  { title: '标签', dataIndex: 'tags', render: (v: string[]) => <TagList values={v} /> },
];

const subjectTypeOptions = Object.entries(subjectTypeLabel).map(([value, label]) => ({ value, label }));
const riskClassOptions = [
  ...Object.entries(riskClassLabel).map(([value, label]) => ({ value, label: `${value} ${label}` })),
  { value: 'none', label: '未分类' },
];

type EntityFilters = { q?: string; subjectType?: string; riskClass?: string };

export function EntitiesTab() {
  const list = usePagedQuery<MarketEntity, EntityFilters>('/api/entities', {});

  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          data-testid="entity-search"
          placeholder="名称或统一社会信用代码"
          maxLength={60}
          allowClear
          enterButton="查询"
          style={{ maxWidth: 360 }}
          onSearch={(value) => list.setFilter('q', value.trim() || undefined)}
        />
        <Select
          data-testid="entity-subject-type"
          placeholder="主体类别"
          allowClear
          style={{ width: 160 }}
          options={subjectTypeOptions}
          value={list.filters.subjectType}
          onChange={(v?: string) => list.setFilter('subjectType', v)}
        />
        <Select
          data-testid="entity-risk-class"
          placeholder="风险分类"
          allowClear
          style={{ width: 160 }}
          options={riskClassOptions}
          value={list.filters.riskClass}
          onChange={(v?: string) => list.setFilter('riskClass', v)}
        />
      </Flex>
      {list.error && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<MarketEntity>
        data-testid="entity-table"
        rowKey={(e) => `${e.regionCode}:${e.uscc}`}
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        pagination={list.pagination}
        scroll={{ x: 1300 }}
        locale={{
          emptyText:
            list.filters.q || list.filters.subjectType || list.filters.riskClass ? '没有符合条件的市场主体' : '名录库中暂无市场主体',
        }}
      />
    </>
  );
}
