// 执法检查人员名录库: server-paged list with filters (可抽取/不可抽取, 类别, 状态, 专长), a red
// 不可抽取 marker with the reason, a detail drawer with 回避 declarations, create/edit forms,
// import and export.
import { Button, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { canWrite } from '../../../../core/access/policy.ts';
import { inspectorCategoryLabel } from '../../../../core/glossary.ts';
import { SUGGESTED_SPECIALTIES } from '../../../../core/inspectors/specialties.ts';
import { FilteredList } from '../../components/ListControls.tsx';
import { TagList } from '../../components/TagList.tsx';
import { inspectorCategoryName } from '../../labels.ts';
import { useSession } from '../../session.tsx';
import { useEndpoint } from '../../useApiData.ts';
import { usePagedQuery } from '../../usePagedQuery.ts';
import { DrawableMarker } from './inspectors/DrawableMarker.tsx';
import { ImportExportButtons } from './inspectors/ImportExport.tsx';
import { InspectorDrawer } from './inspectors/InspectorDrawer.tsx';
import { InspectorForm } from './inspectors/InspectorForm.tsx';
import type { InspectorView } from './inspectors/types.ts';

const statusColors: Record<string, string> = { 在岗: 'green', 调离: 'default', 退休: 'default' };

const columns: TableColumnsType<InspectorView> = [
  { title: '姓名', dataIndex: 'name', width: 100 },
  { title: '单位', dataIndex: 'unitName', width: 200 },
  { title: '类别', dataIndex: 'category', width: 110, render: (v: string) => inspectorCategoryName(v) },
  { title: '执法证号', dataIndex: 'certNo', width: 150, render: (v: string | null) => v || '—' },
  { title: '有效期至', dataIndex: 'certExpiresOn', width: 110, render: (v: string | null) => v || '—' },
  { title: '可否抽取', key: 'drawable', width: 260, render: (_: unknown, i: InspectorView) => <DrawableMarker inspector={i} /> },
  { title: '业务专长', dataIndex: 'specialties', render: (v: string[]) => <TagList values={v} /> },
  {
    title: '状态',
    dataIndex: 'status',
    width: 110,
    render: (v: string, i: InspectorView) => (
      <Tag color={statusColors[v]}>{i.statusSince && v !== '在岗' ? `${v} ${i.statusSince}` : v}</Tag>
    ),
  },
];

type InspectorFilters = { q?: string; category?: string; status?: string; drawable?: string; specialty?: string };

const categoryOptions = Object.entries(inspectorCategoryLabel).map(([value, label]) => ({ value, label }));
const statusOptions = Object.keys(statusColors).map((value) => ({ value, label: value }));
const drawableOptions = [
  { value: 'yes', label: '可抽取' },
  { value: 'no', label: '不可抽取' },
];
const specialtyOptions = SUGGESTED_SPECIALTIES.map((value) => ({ value, label: value }));

export function InspectorsTab() {
  const list = usePagedQuery<'GET /api/inspectors', InspectorFilters>('GET /api/inspectors', {});
  const units = useEndpoint('GET /api/orgs', {});
  const { role } = useSession();
  const mayWrite = role !== null && canWrite(role, 'directories');
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ inspector: InspectorView | null } | null>(null);
  const [drawerKey, setDrawerKey] = useState(0);
  const unitItems = units.data?.items ?? [];

  return (
    <>
      <FilteredList<InspectorView, InspectorFilters>
        list={list}
        filters={[
          { search: 'q', testId: 'inspector-search', placeholder: '姓名或执法证号', maxLength: 40, style: { maxWidth: 300 } },
          { select: 'drawable', testId: 'inspector-drawable', placeholder: '可否抽取', width: 130, options: drawableOptions },
          { select: 'category', testId: 'inspector-category', placeholder: '类别', width: 140, options: categoryOptions },
          { select: 'status', testId: 'inspector-status', placeholder: '状态', width: 100, options: statusOptions },
          {
            select: 'specialty',
            testId: 'inspector-specialty',
            placeholder: '专长/资质',
            width: 150,
            showSearch: true,
            options: specialtyOptions,
          },
        ]}
        actions={
          <>
            {mayWrite && (
              <Button type="primary" onClick={() => setEditing({ inspector: null })} data-testid="inspector-create">
                登记人员
              </Button>
            )}
            <ImportExportButtons mayWrite={mayWrite} onImported={list.reload} />
          </>
        }
        testId="inspector-table"
        rowKey={(i) => `${i.unitCode}:${i.id}`}
        columns={columns}
        scroll={{ x: 1200 }}
        onRow={(i) => ({ onClick: () => setSelected(i.id), style: { cursor: 'pointer' } })}
        emptyText={{ unmatched: '没有符合条件的执法检查人员', none: '名录库中暂无执法检查人员' }}
      />
      <InspectorDrawer
        key={drawerKey}
        id={selected}
        units={unitItems}
        mayWrite={mayWrite}
        onClose={() => setSelected(null)}
        onEdit={(d) => setEditing({ inspector: d })}
        onChanged={list.reload}
      />
      <InspectorForm
        open={editing !== null}
        inspector={editing?.inspector ?? null}
        units={unitItems}
        onClose={() => setEditing(null)}
        onSaved={(id) => {
          setEditing(null);
          list.reload();
          setSelected(id);
          setDrawerKey((k) => k + 1);
        }}
      />
    </>
  );
}
