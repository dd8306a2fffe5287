import { MenuOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Space, Typography, theme } from 'antd';
import { Link } from 'react-router';
import { ChangePasswordButton } from './ChangePasswordButton.tsx';
import { CurrentUser } from './CurrentUser.tsx';
import { LogoutButton } from './LogoutButton.tsx';
import { UnitSwitcher } from './UnitSwitcher.tsx';

export const platformName = '双随机、一公开监管平台';

/** Desktop: everything in one row. Narrow screens: the user box moves into the menu drawer. */
export function ConsoleHeader({ narrow, onOpenMenu }: { narrow: boolean; onOpenMenu: () => void }) {
  const { token } = theme.useToken();
  return (
    <Layout.Header
      style={{
        background: token.colorBgContainer,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        padding: narrow ? '0 12px' : '0 24px',
        height: 'auto',
        minHeight: 64,
        lineHeight: 'normal',
      }}
    >
      <Flex align="center" justify="space-between" gap={8} style={{ minHeight: 64, paddingBlock: 8 }} wrap>
        <Flex align="center" gap={8} style={{ minWidth: 0 }}>
          {narrow && <Button data-testid="menu-toggle" type="text" icon={<MenuOutlined />} aria-label="打开菜单" onClick={onOpenMenu} />}
          <Link to="/console" data-testid="platform-name">
            <Typography.Title level={narrow ? 5 : 4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
              {platformName}
            </Typography.Title>
          </Link>
        </Flex>
        {narrow ? (
          <LogoutButton iconOnly />
        ) : (
          <Space wrap size={8}>
            <CurrentUser />
            <UnitSwitcher />
            <ChangePasswordButton />
            <LogoutButton />
          </Space>
        )}
      </Flex>
    </Layout.Header>
  );
}
