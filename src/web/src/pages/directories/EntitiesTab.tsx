// 检查对象名录库: GET /api/entities, server-paged (counts capped at 10,000 → “10,000+”),
// filtered by name/USCC, 主体类别, 风险分类, 标签 and 名录分库; a row opens the detail drawer.
import { Flex, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { canWrite } from '../../../../core/access/policy.ts';
import { riskClassLabel, subjectTypeLabel } from '../../../../core/glossary.ts';
import { SUGGESTED_TAGS } from '../../../../core/subLibraries/tags.ts';
import type { MarketEntity } from '../../apiTypes.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { RiskClassTag } from '../../components/RiskClassTag.tsx';
import { TagList } from '../../components/TagList.tsx';
import { subjectTypeName } from '../../labels.ts';
import { useSession } from '../../session.tsx';
import { useEndpoint } from '../../useApiData.ts';
import { usePagedQuery } from '../../usePagedQuery.ts';
import { EntityDrawer } from './entities/EntityDrawer.tsx';
import { EntityImportButton } from './EntityImport.tsx';

const subjectTypeOptions = Object.entries(subjectTypeLabel).map(([value, label]) => ({ value, label }));
const riskClassOptions = [
  ...Object.entries(riskClassLabel).map(([value, label]) => ({ value, label: `${value} ${label}` })),
  { value: 'none', label: '未分类' },
];
const tagOptions = SUGGESTED_TAGS.map((t) => ({ value: t, label: t }));

type EntityFilters = { q?: string; subjectType?: string; riskClass?: string; tag?: string; subLibraryId?: string };

export function EntitiesTab() {
  const { role } = useSession();
  const mayWrite = role !== null && canWrite(role, 'directories');
  const list = usePagedQuery<'GET /api/entities', EntityFilters>('GET /api/entities', {});
  const subLibraries = useEndpoint('GET /api/sub-libraries', {});
  const [openUscc, setOpenUscc] = useState<string | null>(null);
  const capped = list.data?.totalCapped === true;

  // Fixed layout that fits a 1440 px screen beside the menu: long names, industries and units
  // are cut with an ellipsis (the full text in the cell's title and in the drawer).
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
    {
      title: '名称',
      dataIndex: 'name',
      ellipsis: true,
      render: (v: string, e: MarketEntity) => (
        <Typography.Link data-testid="entity-open" title={v} onClick={() => setOpenUscc(e.uscc)}>
          {v}
        </Typography.Link>
      ),
    },
    { title: '主体类别', dataIndex: 'subjectType', width: 96, ellipsis: true, render: (v: string) => subjectTypeName(v) },
    { title: '登记状态', dataIndex: 'regStatus', width: 84 },
    {
      title: '行业',
      dataIndex: 'industryName',
      width: 140,
      ellipsis: true,
      render: (_: unknown, e: MarketEntity) => e.industryName ?? e.industryCode ?? '—',
    },
    { title: '管辖单位', dataIndex: 'unitName', width: 150, ellipsis: true },
    {
      title: '风险分类',
      dataIndex: 'riskClass',
      width: 96,
      render: (v: string | null) => <RiskClassTag riskClass={v} />,
    },
    { title: '标签', dataIndex: 'tags', width: 150, ellipsis: true, render: (v: string[]) => <TagList values={v} /> },
  ];

  const filtered = Boolean(
    list.filters.q || list.filters.subjectType || list.filters.riskClass || list.filters.tag || list.filters.subLibraryId,
  );
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
        <Select
          data-testid="entity-tag"
          placeholder="标签"
          allowClear
          showSearch
          style={{ width: 180 }}
          options={tagOptions}
          value={list.filters.tag}
          onChange={(v?: string) => list.setFilter('tag', v)}
        />
        <Select
          data-testid="entity-sub-library"
          placeholder="名录分库"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          options={subLibraries.data?.items.map((s) => ({ value: s.id, label: s.name }))}
          value={list.filters.subLibraryId}
          onChange={(v?: string) => list.setFilter('subLibraryId', v)}
        />
        <EntityImportButton onImported={list.reload} />
      </Flex>
      {list.error && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<MarketEntity>
        data-testid="entity-table"
        rowKey={(e) => `${e.regionCode}:${e.uscc}`}
        size="middle"
        tableLayout="fixed"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        pagination={{
          ...list.pagination,
          showTotal: (total: number) => (capped ? `超过 ${total.toLocaleString('en-US')} 条（10,000+），请增加查询条件` : `共 ${total} 条`),
        }}
        // Scrolls sideways only below about 1,300 px of screen (a 1440 px screen fits it).
        scroll={{ x: 1060 }}
        locale={{ emptyText: filtered ? '没有符合条件的市场主体' : '名录库中暂无市场主体' }}
      />
      <EntityDrawer uscc={openUscc} mayWrite={mayWrite} onClose={() => setOpenUscc(null)} onChanged={list.reload} />
    </>
  );
}
