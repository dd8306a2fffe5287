// 停用/启用用户: POST /api/users/:id/status with a reason (audited; disabling ends the user's sessions).
import { Button } from 'antd';
import { useState } from 'react';
import { call } from '../../api.ts';
import type { UserRow } from '../../apiTypes.ts';
import { ReasonModal } from '../../components/ReasonModal.tsx';

export function UserStatusButton({ user, onChanged }: { user: UserRow; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const next = user.status === 'active' ? 'disabled' : 'active';
  const verb = next === 'disabled' ? '停用' : '启用';
  return (
    <>
      <Button size="small" danger={next === 'disabled'} onClick={() => setOpen(true)}>
        {verb}
      </Button>
      <ReasonModal
        title={`${verb}用户 ${user.displayName}（${user.username}）`}
        open={open}
        onCancel={() => setOpen(false)}
        okText={verb}
        minLength={2}
        maxLength={200}
        placeholder="原因（必填，记入审计日志）"
        onSubmit={async (reason) => {
          await call('POST /api/users/:id/status', { params: { id: user.id }, body: { status: next, reason } });
          setOpen(false);
          onChanged();
          return `已${verb}用户 ${user.username}`;
        }}
      >
        <p>{next === 'disabled' ? '停用后该用户无法登录，已登录的会话立即失效。' : '启用后该用户可重新登录。'}</p>
      </ReasonModal>
    </>
  );
}
