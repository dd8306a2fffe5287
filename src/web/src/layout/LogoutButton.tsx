// 退出登录: POST /api/auth/logout → /login.
import { LogoutOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { logout } from '../api.ts';
import { unlessSignedOut, useAction } from '../useAction.ts';

export function LogoutButton({ iconOnly = false }: { iconOnly?: boolean }) {
  const navigate = useNavigate();
  const { busy, run } = useAction();

  function onClick() {
    void run(async () => {
      // 401: the session is already gone, which is what the user wanted
      await unlessSignedOut(logout, () => undefined);
      navigate('/login', { replace: true });
    });
  }

  return (
    <Button
      data-testid="logout"
      icon={<LogoutOutlined />}
      loading={busy}
      onClick={onClick}
      aria-label="退出登录"
      title={iconOnly ? '退出登录' : undefined}
    >
      {iconOnly ? null : '退出登录'}
    </Button>
  );
}
