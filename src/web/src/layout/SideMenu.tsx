// The console menu mirrors the role × module policy (core/access/policy.ts);
// the server enforces the same table.
import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { menuFor, modules, type ModuleKey } from '../../../core/access/policy.ts';
import { useSession } from '../session.tsx';
import { moduleIcons } from './moduleIcons.tsx';

type MenuItem = NonNullable<MenuProps['items']>[number];

export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { role } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = pathname.split('/')[2] ?? '';
  const keys: ModuleKey[] = role ? menuFor(role) : [];

  // data-testid lands on the <li> (rc-menu passes unknown item props to the DOM)
  const items = keys.map((key) => ({ key, icon: moduleIcons[key], label: modules[key], 'data-testid': `menu-${key}` }) as MenuItem);

  return (
    <Menu
      data-testid="main-menu"
      mode="inline"
      selectedKeys={[selected]}
      items={items}
      style={{ borderInlineEnd: 0 }}
      onClick={({ key }) => {
        navigate(`/console/${key}`);
        onNavigate?.();
      }}
    />
  );
}
