// 名录分库: saved rules over the directory with their live counts (within the active unit),
// per-risk-class counts; create/edit/delete for writers; a row opens the detail drawer.
import { App, Button, Flex, Popconfirm, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { canWrite } from '../../../../core/access/policy.ts';
import { call } from '../../api.ts';
import { ListTable } from '../../components/ListControls.tsx';
import { useSession } from '../../session.tsx';
import { toApiError, useEndpoint } from '../../useApiData.ts';
import { SubLibraryDrawer } from './entities/SubLibraryDrawer.tsx';
import { RiskCountTags, SubLibraryForm } from './entities/SubLibraryForm.tsx';
import type { SubLibraryView } from './entities/subLibraryTypes.ts';

export function SubLibrariesTab() {
  const { message } = App.useApp();
  const { role } = useSession();
  const mayWrite = role !== null && canWrite(role, 'directories');
  const list = useEndpoint('GET /api/sub-libraries', {});
  const [editing, setEditing] = useState<SubLibraryView | 'new' | null>(null);
  const [open, setOpen] = useState<SubLibraryView | null>(null);

  const remove = async (lib: SubLibraryView) => {
    try {
      await call('DELETE /api/sub-libraries/:id', { params: { id: lib.id } });
      message.success(`已删除名录分库“${lib.name}”`);
      list.reload();
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };

  const columns: TableColumnsType<SubLibraryView> = [
    {
      title: '分库名称',
      dataIndex: 'name',
      width: 200,
      render: (v: string, lib) => (
        <Typography.Link data-testid="sub-library-open" onClick={() => setOpen(lib)}>
          {v}
        </Typography.Link>
      ),
    },
    {
      title: '实时户数',
      dataIndex: 'count',
      width: 100,
      align: 'right',
      render: (v: number) => <span data-testid="sub-library-row-count">{v.toLocaleString('en-US')}</span>,
    },
    {
      title: '风险分类分布',
      dataIndex: 'byRiskClass',
      width: 300,
      render: (_: unknown, lib) => <RiskCountTags counts={lib.byRiskClass} />,
    },
    { title: '规则', dataIndex: 'ruleText' },
    { title: '定义单位', dataIndex: 'unitName', width: 180 },
    {
      title: '操作',
      width: 130,
      render: (_: unknown, lib) =>
        mayWrite && lib.editable ? (
          <Space>
            <Typography.Link onClick={() => setEditing(lib)}>修改</Typography.Link>
            <Popconfirm
              title={`删除名录分库“${lib.name}”？`}
              description="与抽查事项的对应关系将一并删除。"
              okText="删除"
              cancelText="取消"
              onConfirm={() => remove(lib)}
            >
              <Typography.Link type="danger">删除</Typography.Link>
            </Popconfirm>
          </Space>
        ) : (
          <Typography.Text type="secondary">{lib.editable ? '只读' : '上级单位定义'}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">
          名录分库是对检查对象名录库的筛选规则，户数随名录实时变化，按您当前所在单位及下级单位统计。
        </Typography.Text>
        {mayWrite && (
          <Button type="primary" data-testid="sub-library-new" onClick={() => setEditing('new')}>
            新建名录分库
          </Button>
        )}
      </Flex>
      <ListTable<SubLibraryView>
        list={list}
        testId="sub-library-table"
        rowKey="id"
        columns={columns}
        scroll={{ x: 1200 }}
        locale={{ emptyText: '尚未定义名录分库' }}
      />
      <SubLibraryForm
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <SubLibraryDrawer library={open} mayWrite={mayWrite} onClose={() => setOpen(null)} />
    </>
  );
}
