// 检查对象名录库: GET /api/entities, server-paged (counts capped at 10,000 → “10,000+”),
// filtered by name/USCC, 主体类别, 风险分类, 标签 and 名录分库; a row opens the detail drawer.
import { Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { canWrite } from '../../../../core/access/policy.ts';
import { riskClassLabel, subjectTypeLabel } from '../../../../core/glossary.ts';
import { SUGGESTED_TAGS } from '../../../../core/subLibraries/tags.ts';
import { enterpriseTypeLabel, enterpriseTypeName } from '../../../../core/entities/enterpriseTypes.ts';
import type { MarketEntity } from '../../apiTypes.ts';
import { FilteredList } from '../../components/ListControls.tsx';
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
    { title: '主体类别', dataIndex: 'subjectType', width: 88, ellipsis: true, render: (v: string) => subjectTypeName(v) },
    {
      title: '企业类型',
      dataIndex: 'enterpriseType',
      width: 130,
      ellipsis: true,
      render: (v: string | null) => {
        const label = enterpriseTypeLabel(v);
        return <span title={label}>{v ? (enterpriseTypeName(v) ?? label) : label}</span>;
      },
    },
    { title: '登记状态', dataIndex: 'regStatus', width: 76 },
    {
      title: '行业',
      dataIndex: 'industryName',
      width: 120,
      ellipsis: true,
      render: (_: unknown, e: MarketEntity) => e.industryName ?? e.industryCode ?? '—',
    },
    { title: '管辖单位', dataIndex: 'unitName', width: 120, ellipsis: true },
    {
      title: '风险分类',
      dataIndex: 'riskClass',
      width: 88,
      render: (v: string | null) => <RiskClassTag riskClass={v} />,
    },
    { title: '标签', dataIndex: 'tags', width: 110, ellipsis: true, render: (v: string[]) => <TagList values={v} /> },
  ];

  return (
    <>
      <FilteredList<MarketEntity, EntityFilters>
        list={list}
        filters={[
          { search: 'q', testId: 'entity-search', placeholder: '名称或统一社会信用代码', maxLength: 60, style: { maxWidth: 360 } },
          { select: 'subjectType', testId: 'entity-subject-type', placeholder: '主体类别', width: 160, options: subjectTypeOptions },
          { select: 'riskClass', testId: 'entity-risk-class', placeholder: '风险分类', width: 160, options: riskClassOptions },
          { select: 'tag', testId: 'entity-tag', placeholder: '标签', width: 180, showSearch: true, options: tagOptions },
          {
            select: 'subLibraryId',
            testId: 'entity-sub-library',
            placeholder: '名录分库',
            width: 200,
            showSearch: { optionFilterProp: 'label' },
            options: subLibraries.data?.items.map((s) => ({ value: s.id, label: s.name })),
          },
        ]}
        toolbarExtra={<EntityImportButton onImported={list.reload} />}
        testId="entity-table"
        rowKey={(e) => `${e.regionCode}:${e.uscc}`}
        tableLayout="fixed"
        columns={columns}
        pagination={{
          ...list.pagination,
          showTotal: (total: number) => (capped ? `超过 ${total.toLocaleString('en-US')} 条（10,000+），请增加查询条件` : `共 ${total} 条`),
        }}
        // Scrolls sideways only below about 1,350 px of screen (a 1440 px screen fits it).
        scroll={{ x: 1100 }}
        emptyText={{ unmatched: '没有符合条件的市场主体', none: '名录库中暂无市场主体' }}
      />
      <EntityDrawer uscc={openUscc} mayWrite={mayWrite} onClose={() => setOpenUscc(null)} onChanged={list.reload} />
    </>
  );
}
