// 退出登录: POST /api/auth/logout → /login.
import { LogoutOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { logout } from '../api.ts';
import { toApiError } from '../useApiData.ts';

export function LogoutButton({ iconOnly = false }: { iconOnly?: boolean }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  async function onClick() {
    setBusy(true);
    try {
      await logout();
      navigate('/login', { replace: true });
    } catch (e) {
      const err = toApiError(e);
      // 401: the session is already gone, which is what the user wanted
      if (err.status === 401) navigate('/login', { replace: true });
      else message.error(err.message);
    } finally {
      setBusy(false);
    }
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
