// 系统管理: 组织机构, 用户, 审计日志.
import { Card, Tabs } from 'antd';
import { useTabParam } from '../useTabParam.ts';
import { AuditTab } from './admin/AuditTab.tsx';
import { OrgTreeTab } from './admin/OrgTreeTab.tsx';
import { UsersTab } from './admin/UsersTab.tsx';

const tabKeys = ['orgs', 'users', 'audit'] as const;

export default function AdminPage() {
  const [tab, setTab] = useTabParam(tabKeys, 'orgs');
  return (
    <Card title="系统管理" data-testid="page-admin">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'orgs', label: '组织机构', children: <OrgTreeTab /> },
          { key: 'users', label: '用户', children: <UsersTab /> },
          { key: 'audit', label: '审计日志', children: <AuditTab /> },
        ]}
      />
    </Card>
  );
}
