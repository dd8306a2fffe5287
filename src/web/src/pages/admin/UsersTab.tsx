// 用户: GET /api/users, server-paged.
import { Space, Tag, type TableColumnsType } from 'antd';
import type { Assignment, UserRow } from '../../apiTypes.ts';
import { FilterSearch, ListTable, ListToolbar } from '../../components/ListControls.tsx';
import { roleName, userStatusName } from '../../labels.ts';
import { usePagedQuery } from '../../usePagedQuery.ts';
import { useSession } from '../../session.tsx';
import { canWrite } from '../../../../core/access/policy.ts';
import { CreateUserButton } from './CreateUserButton.tsx';
import { UserStatusButton } from './UserStatusButton.tsx';
import { InspectorLinkButton } from './InspectorLinkButton.tsx';
import { InspectorAccountsButton } from './InspectorAccountsButton.tsx';

const baseColumns: TableColumnsType<UserRow> = [
  { title: '用户名', dataIndex: 'username', width: 140 },
  { title: '姓名', dataIndex: 'displayName', width: 120 },
  { title: '所属单位', dataIndex: 'homeUnitName', width: 200 },
  {
    title: '角色',
    dataIndex: 'roles',
    render: (roles: Assignment[]) =>
      roles.length === 0 ? (
        '—'
      ) : (
        <Space size={[0, 4]} wrap>
          {roles.map((r) => (
            <Tag key={`${r.unitCode}|${r.role}`} color="blue">
              {r.unitName} · {roleName(r.role)}
            </Tag>
          ))}
        </Space>
      ),
  },
  {
    title: '执法检查人员',
    dataIndex: 'inspector',
    width: 130,
    render: (p: UserRow['inspector']) =>
      p ? (
        <Tag color={p.status === '在岗' ? 'geekblue' : 'default'}>
          {p.name}
          {p.status === '在岗' ? '' : `（${p.status}）`}
        </Tag>
      ) : (
        '—'
      ),
  },
  {
    title: '状态',
    dataIndex: 'status',
    width: 90,
    render: (v: string) => <Tag color={v === 'active' ? 'green' : 'red'}>{userStatusName(v)}</Tag>,
  },
];

export function UsersTab() {
  const list = usePagedQuery<'GET /api/users', { q?: string }>('GET /api/users', {});
  const { role, me } = useSession();
  const mayManage = role !== null && canWrite(role, 'admin');
  const columns: TableColumnsType<UserRow> = mayManage
    ? [
        ...baseColumns,
        {
          title: '操作',
          key: 'actions',
          width: 170,
          render: (_: unknown, user: UserRow) =>
            user.id === me.user.id ? null : (
              <Space size={4}>
                <UserStatusButton user={user} onChanged={list.reload} />
                <InspectorLinkButton user={user} onChanged={list.reload} />
              </Space>
            ),
        },
      ]
    : baseColumns;
  return (
    <>
      <ListToolbar>
        <FilterSearch list={list} name="q" testId="user-search" placeholder="用户名或姓名" maxLength={40} style={{ maxWidth: 360 }} />
        {mayManage && <CreateUserButton onCreated={list.reload} />}
        {mayManage && <InspectorAccountsButton onCreated={list.reload} />}
      </ListToolbar>
      <ListTable<UserRow>
        list={list}
        testId="user-table"
        rowKey="id"
        columns={columns}
        scroll={{ x: 800 }}
        locale={{ emptyText: list.filters.q ? '没有符合条件的用户' : '暂无用户' }}
      />
    </>
  );
}
