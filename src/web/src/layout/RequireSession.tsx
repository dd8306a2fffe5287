// Loads GET /api/auth/me once for the console; 401 → /login.
import { Button, Result } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Navigate } from 'react-router';
import { ApiError, fetchMe, isAbort } from '../api.ts';
import type { Me } from '../apiTypes.ts';
import { PageLoading } from '../components/PageLoading.tsx';
import { ChangePasswordModal } from './ChangePasswordButton.tsx';
import { asRole } from '../labels.ts';
import { SessionProvider, type Session } from '../session.tsx';
import { toApiError } from '../useApiData.ts';

export function RequireSession({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me>();
  const [error, setError] = useState<ApiError>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(undefined);
    fetchMe(controller.signal).then(setMe, (e: unknown) => {
      if (!isAbort(e)) setError(toApiError(e));
    });
    return () => controller.abort();
  }, [attempt]);

  const session = useMemo<Session | null>(() => (me ? { me, role: asRole(me.active.role), setMe } : null), [me]);

  if (error?.status === 401) return <Navigate to="/login" replace />;
  if (error) {
    return (
      <Result
        status="error"
        title="无法获取登录信息"
        subTitle={error.message}
        extra={
          <Button type="primary" onClick={() => setAttempt((a) => a + 1)}>
            重试
          </Button>
        }
      />
    );
  }
  if (!session) return <PageLoading tip="正在获取登录信息…" />;
  // The server refuses everything else until the password an administrator set is changed.
  if (session.me.user.mustChangePassword) {
    return <ChangePasswordModal forced username={session.me.user.username} onClose={() => setAttempt((a) => a + 1)} />;
  }
  return <SessionProvider value={session}>{children}</SessionProvider>;
}
