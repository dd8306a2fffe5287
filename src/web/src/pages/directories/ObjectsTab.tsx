// 其他检查对象（产品/项目/行为/标准）: the non-entity objects of the 检查对象名录库 (seed 003
// 一(一)) — server-paged list with filters by 类别/状态/标签 and search, create/edit form, 停用/启用
// with a reason, import and export.
import { Button, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { canWrite } from '../../../../core/access/policy.ts';
import { call } from '../../api.ts';
import { actionsColumn, FilteredList } from '../../components/ListControls.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { TagList } from '../../components/TagList.tsx';
import { useSession } from '../../session.tsx';
import { refuse } from '../../useAction.ts';
import { useEndpoint } from '../../useApiData.ts';
import { usePagedQuery } from '../../usePagedQuery.ts';
import { ObjectForm, objectKindOptions } from './objects/ObjectForm.tsx';
import { ObjectImportExport } from './objects/ObjectImportExport.tsx';
import type { DirectoryObjectView } from './objects/types.ts';

type ObjectFilters = { q?: string; kind?: string; status?: string; tag?: string };

const kindColors: Record<string, string> = { product: 'blue', project: 'purple', behavior: 'orange' };
const statusOptions = [
  { value: 'active', label: '有效' },
  { value: 'inactive', label: '停用' },
];

function StatusChange({ target, onClose, onDone }: { target: DirectoryObjectView | null; onClose: () => void; onDone: () => void }) {
  const next = target?.status === 'active' ? 'inactive' : 'active';
  const verb = next === 'inactive' ? '停用' : '重新启用';
  return (
    <ReasonModal
      open={target !== null}
      title={target ? `${verb}：${target.name}` : ''}
      okText={verb}
      danger={next === 'inactive'}
      placeholder={next === 'inactive' ? '原因，例如 项目已竣工验收、产品已停产' : '原因'}
      maxLength={200}
      okTestId="object-status-submit"
      reasonTestId="object-status-reason"
      onCancel={onClose}
      onSubmit={async (reason) => {
        if (!target) return;
        if (!reason) refuse(`请填写${verb}原因`);
        await call('POST /api/directory-objects/:id/status', { params: { id: target.id }, body: { status: next, reason } });
        onDone();
        return `已${verb}「${target.name}」`;
      }}
    >
      <Typography.Paragraph type="secondary">
        {next === 'inactive' ? '停用后不再作为检查对象，记录保留并可重新启用。' : '重新启用后恢复为有效的检查对象。'}
      </Typography.Paragraph>
    </ReasonModal>
  );
}

export function ObjectsTab() {
  const list = usePagedQuery<'GET /api/directory-objects', ObjectFilters>('GET /api/directory-objects', {});
  const units = useEndpoint('GET /api/orgs', {});
  const { role, me } = useSession();
  const mayWrite = role !== null && canWrite(role, 'directories');
  const [editing, setEditing] = useState<{ object: DirectoryObjectView | null } | null>(null);
  const [statusTarget, setStatusTarget] = useState<DirectoryObjectView | null>(null);

  const columns: TableColumnsType<DirectoryObjectView> = [
    { title: '类别', dataIndex: 'kindLabel', width: 70, render: (v: string, o) => <Tag color={kindColors[o.kind]}>{v}</Tag> },
    { title: '对象编码', dataIndex: 'code', width: 210 },
    { title: '名称', dataIndex: 'name', width: 260 },
    {
      title: '关联市场主体',
      key: 'entity',
      width: 240,
      render: (_: unknown, o) => (o.uscc ? <span title={o.uscc}>{o.entityName ?? o.uscc}</span> : '—'),
    },
    { title: '管辖单位', dataIndex: 'unitName', width: 200 },
    { title: '标签', dataIndex: 'tags', render: (v: string[]) => <TagList values={v} /> },
    {
      title: '状态',
      dataIndex: 'status',
      width: 120,
      render: (v: string, o) => (
        <Tag color={v === 'active' ? 'green' : 'default'}>
          {o.statusSince && v === 'inactive' ? `${o.statusLabel} ${o.statusSince}` : o.statusLabel}
        </Tag>
      ),
    },
    ...(mayWrite
      ? [
          actionsColumn(130, (o: DirectoryObjectView) => (
            <Space size={4}>
              <Button size="small" type="link" onClick={() => setEditing({ object: o })} data-testid="object-edit">
                修改
              </Button>
              <Button
                size="small"
                type="link"
                danger={o.status === 'active'}
                onClick={() => setStatusTarget(o)}
                data-testid="object-status"
              >
                {o.status === 'active' ? '停用' : '启用'}
              </Button>
            </Space>
          )),
        ]
      : []),
  ];

  return (
    <>
      <FilteredList<DirectoryObjectView, ObjectFilters>
        list={list}
        filters={[
          {
            search: 'q',
            testId: 'object-search',
            placeholder: '名称、对象编码或统一社会信用代码',
            maxLength: 60,
            style: { maxWidth: 340 },
          },
          { select: 'kind', testId: 'object-kind', placeholder: '类别（产品/项目/行为/标准）', width: 190, options: objectKindOptions },
          { select: 'status', testId: 'object-status-filter', placeholder: '状态', width: 100, options: statusOptions },
          { search: 'tag', testId: 'object-tag', placeholder: '标签', maxLength: 30, enterButton: false, style: { width: 160 } },
        ]}
        actions={
          <>
            {mayWrite && (
              <Button type="primary" onClick={() => setEditing({ object: null })} data-testid="object-create">
                登记对象
              </Button>
            )}
            <ObjectImportExport mayWrite={mayWrite} kind={list.filters.kind} onImported={list.reload} />
          </>
        }
        testId="object-table"
        rowKey={(o) => `${o.unitCode}:${o.id}`}
        columns={columns}
        scroll={{ x: 1400 }}
        expandable={{
          rowExpandable: (o) => Boolean(o.description || o.industryCode),
          expandedRowRender: (o) => (
            <Typography.Text type="secondary">
              {o.description || '—'}
              {o.industryCode ? `　行业代码 ${o.industryCode}` : ''}　所属区划 {o.regionCode}
            </Typography.Text>
          ),
        }}
        emptyText={{ unmatched: '没有符合条件的检查对象', none: '名录库中暂无产品、项目、行为或标准类检查对象' }}
      />
      <ObjectForm
        open={editing !== null}
        object={editing?.object ?? null}
        units={units.data?.items ?? []}
        defaultUnitCode={me.active.unitCode}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <StatusChange
        target={statusTarget}
        onClose={() => setStatusTarget(null)}
        onDone={() => {
          setStatusTarget(null);
          list.reload();
        }}
      />
    </>
  );
}
