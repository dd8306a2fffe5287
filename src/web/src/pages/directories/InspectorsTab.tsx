// 执法检查人员名录库: GET /api/inspectors, server-paged, searchable.
import { Flex, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { inspectorCategoryLabel } from '../../../../core/glossary.ts';
import type { Inspector } from '../../apiTypes.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { TagList } from '../../components/TagList.tsx';
import { inspectorCategoryName, localDate } from '../../labels.ts';
import { usePagedQuery } from '../../usePagedQuery.ts';

const statusColors: Record<string, string> = { 在岗: 'green', 调离: 'default', 退休: 'default' };

/**
 * 证件有效期: red 无证 when an 执法人员 has no certificate (a 专业技术人员 needs none,
 * so theirs is grey), red 已过期 when the expiry date is before today.
 */
function CertValidity({ inspector, today }: { inspector: Inspector; today: string }) {
  if (!inspector.certNo) {
    return <Tag color={inspector.category === 'expert' ? 'default' : 'red'}>无证</Tag>;
  }
  if (!inspector.certExpiresOn) return <>—</>;
  const expired = inspector.certExpiresOn < today;
  return (
    <Space size={4}>
      <span>{inspector.certExpiresOn}</span>
      {expired && <Tag color="red">已过期</Tag>}
    </Space>
  );
}

function columnsFor(today: string): TableColumnsType<Inspector> {
  return [
    { title: '姓名', dataIndex: 'name', width: 100 },
    { title: '单位', dataIndex: 'unitName', width: 200 },
    { title: '类别', dataIndex: 'category', width: 120, render: (v: string) => inspectorCategoryName(v) },
    { title: '执法证号', dataIndex: 'certNo', width: 160, render: (v: string | null) => v || '—' },
    {
      title: '证件有效期',
      dataIndex: 'certExpiresOn',
      width: 170,
      render: (_: unknown, i: Inspector) => <CertValidity inspector={i} today={today} />,
    },
    { title: '专长', dataIndex: 'specialties', render: (v: Inspector['specialties']) => <TagList values={v} /> },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      render: (v: string) => <Tag color={statusColors[v]}>{v}</Tag>,
    },
  ];
}

type InspectorFilters = { q?: string; category?: string; status?: string };

const categoryOptions = Object.entries(inspectorCategoryLabel).map(([value, label]) => ({ value, label }));
const statusOptions = Object.keys(statusColors).map((value) => ({ value, label: value }));

export function InspectorsTab() {
  const list = usePagedQuery<Inspector, InspectorFilters>('/api/inspectors', {});
  const today = localDate(new Date());

  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          data-testid="inspector-search"
          placeholder="姓名或执法证号"
          maxLength={40}
          allowClear
          enterButton="查询"
          style={{ maxWidth: 360 }}
          onSearch={(value) => list.setFilter('q', value.trim() || undefined)}
        />
        <Select
          data-testid="inspector-category"
          placeholder="类别"
          allowClear
          style={{ width: 160 }}
          options={categoryOptions}
          value={list.filters.category}
          onChange={(v?: string) => list.setFilter('category', v)}
        />
        <Select
          data-testid="inspector-status"
          placeholder="状态"
          allowClear
          style={{ width: 120 }}
          options={statusOptions}
          value={list.filters.status}
          onChange={(v?: string) => list.setFilter('status', v)}
        />
      </Flex>
      {list.error && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<Inspector>
        data-testid="inspector-table"
        rowKey={(i) => `${i.unitCode}:${i.id}`}
        size="middle"
        columns={columnsFor(today)}
        dataSource={list.data?.items}
        loading={list.loading}
        pagination={list.pagination}
        scroll={{ x: 1100 }}
        locale={{
          emptyText:
            list.filters.q || list.filters.category || list.filters.status ? '没有符合条件的执法检查人员' : '名录库中暂无执法检查人员',
        }}
      />
    </>
  );
}
