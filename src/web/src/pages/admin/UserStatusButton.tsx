// 停用/启用用户: POST /api/users/:id/status with a reason (audited; disabling ends the user's sessions).
import { Button, Input, Modal, message } from 'antd';
import { useState } from 'react';
import { call, ApiError } from '../../api.ts';
import type { UserRow } from '../../apiTypes.ts';

export function UserStatusButton({ user, onChanged }: { user: UserRow; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const next = user.status === 'active' ? 'disabled' : 'active';
  const verb = next === 'disabled' ? '停用' : '启用';
  const save = async () => {
    setSaving(true);
    try {
      await call('POST /api/users/:id/status', { params: { id: user.id }, body: { status: next, reason } });
      message.success(`已${verb}用户 ${user.username}`);
      setOpen(false);
      onChanged();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button size="small" danger={next === 'disabled'} onClick={() => setOpen(true)}>
        {verb}
      </Button>
      <Modal
        title={`${verb}用户 ${user.displayName}（${user.username}）`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={save}
        okText={verb}
        confirmLoading={saving}
        okButtonProps={{ disabled: reason.trim().length < 2 }}
      >
        <p>{next === 'disabled' ? '停用后该用户无法登录，已登录的会话立即失效。' : '启用后该用户可重新登录。'}</p>
        <Input.TextArea
          rows={3}
          maxLength={200}
          placeholder="原因（必填，记入审计日志）"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}
