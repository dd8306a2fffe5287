// Authenticated console: Sider menu on wide screens, a Drawer on phones (< 768px).
import { HomeOutlined } from '@ant-design/icons';
import { Divider, Drawer, Flex, Layout, theme } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router';
import { modules, type ModuleKey } from '../../../core/access/policy.ts';
import { PageLoading } from '../components/PageLoading.tsx';
import { useSession } from '../session.tsx';
import { ChangePasswordButton } from './ChangePasswordButton.tsx';
import { ConsoleHeader, platformName } from './ConsoleHeader.tsx';
import { CurrentUser } from './CurrentUser.tsx';
import { RequireSession } from './RequireSession.tsx';
import { SideMenu } from './SideMenu.tsx';
import { UnitSwitcher } from './UnitSwitcher.tsx';
import { useNarrowScreen } from './useNarrowScreen.ts';

export default function ConsoleLayout() {
  return (
    <RequireSession>
      <ConsoleFrame />
    </RequireSession>
  );
}

function HomeLink({ onNavigate }: { onNavigate?: () => void }) {
  const { token } = theme.useToken();
  return (
    <NavLink
      to="/console"
      end
      data-testid="nav-home"
      onClick={onNavigate}
      style={({ isActive }) => ({
        display: 'block',
        padding: '16px 24px',
        fontWeight: 600,
        color: isActive ? token.colorPrimary : token.colorText,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
      })}
    >
      <HomeOutlined /> 工作台
    </NavLink>
  );
}

function usePageTitle() {
  const { pathname } = useLocation();
  useEffect(() => {
    const key = pathname.split('/')[2];
    const name = key && Object.hasOwn(modules, key) ? modules[key as ModuleKey] : '工作台';
    document.title = `${name} - ${platformName}`;
  }, [pathname]);
}

function ConsoleFrame() {
  const { me } = useSession();
  const { token } = theme.useToken();
  const narrow = useNarrowScreen();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const closeDrawer = () => setDrawerOpen(false);
  usePageTitle();

  // Keyed by the active assignment: switching unit/role remounts the page, which refetches.
  const activeKey = `${me.active.unitCode}|${me.active.role}`;

  return (
    <Layout style={{ minHeight: '100vh' }} hasSider={!narrow}>
      {!narrow && (
        <Layout.Sider width={220} theme="light" style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}>
          <HomeLink />
          <SideMenu />
        </Layout.Sider>
      )}
      <Layout>
        <ConsoleHeader narrow={narrow} onOpenMenu={() => setDrawerOpen(true)} />
        <Layout.Content style={{ padding: narrow ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<PageLoading />}>
            <Outlet key={activeKey} />
          </Suspense>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: token.colorTextTertiary, padding: '12px 24px' }}>{platformName}</Layout.Footer>
      </Layout>
      {narrow && (
        <Drawer open={drawerOpen} onClose={closeDrawer} placement="left" size={280} title="菜单" styles={{ body: { padding: 0 } }}>
          <Flex vertical gap={12} style={{ padding: 16 }}>
            <CurrentUser vertical />
            <UnitSwitcher block />
          </Flex>
          <HomeLink onNavigate={closeDrawer} />
          <SideMenu onNavigate={closeDrawer} />
          <Divider style={{ margin: '8px 0' }} />
          <div style={{ padding: 16 }}>
            <ChangePasswordButton block />
          </div>
        </Drawer>
      )}
    </Layout>
  );
}
