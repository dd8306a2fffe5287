// 系统管理: 组织机构, 用户, 审计日志.
import { UrlTabsCard } from '../components/TabsCard.tsx';
import { AuditTab } from './admin/AuditTab.tsx';
import { OrgTreeTab } from './admin/OrgTreeTab.tsx';
import { UsersTab } from './admin/UsersTab.tsx';

export default function AdminPage() {
  return (
    <UrlTabsCard
      title="系统管理"
      testId="page-admin"
      items={[
        { key: 'orgs', label: '组织机构', children: <OrgTreeTab /> },
        { key: 'users', label: '用户', children: <UsersTab /> },
        { key: 'audit', label: '审计日志', children: <AuditTab /> },
      ]}
    />
  );
}
