// 修改密码: POST /api/auth/password {currentPassword, newPassword} → 204. Also the forced change
// after an administrator set the password (RequireSession shows it before anything else).
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { changePassword, type ApiError } from '../api.ts';
import { passwordProblem, passwordRuleText } from '../../../core/accounts/passwordRule.ts';
import { toApiError } from '../useApiData.ts';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export function ChangePasswordButton({ block = false, username }: { block?: boolean; username?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button data-testid="change-password" block={block} onClick={() => setOpen(true)}>
        修改密码
      </Button>
      {open && <ChangePasswordModal username={username} onClose={() => setOpen(false)} />}
    </>
  );
}

/** `forced`: the password was set by an administrator; no way out but changing it (or 退出). */
export function ChangePasswordModal({ onClose, username, forced = false }: { onClose: () => void; username?: string | undefined; forced?: boolean }) {
  const [form] = Form.useForm<PasswordForm>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function submit(values: PasswordForm) {
    setSaving(true);
    setError(undefined);
    try {
      await changePassword(values.currentPassword, values.newPassword);
      message.success(forced ? '密码已修改，可以开始使用了。' : '密码已修改，下次登录请使用新密码。');
      onClose();
    } catch (e) {
      // shown verbatim, also for 401: here it may mean "current password wrong"
      setError(toApiError(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={forced ? '请先修改密码' : '修改密码'}
      okText="确认修改"
      cancelText="取消"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      closable={!forced}
      maskClosable={!forced}
      keyboard={!forced}
      cancelButtonProps={forced ? { style: { display: 'none' } } : undefined}
      destroyOnHidden
    >
      {forced && (
        <Alert
          type="warning"
          showIcon
          title="您的密码由系统管理员设置。为保证只有您本人知道密码，请先设置新密码，之后才能使用平台。"
          style={{ marginBottom: 16 }}
          data-testid="forced-password-change"
        />
      )}
      {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} data-testid="change-password-error" />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} autoComplete="off">
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password data-testid="current-password" autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={`${passwordRuleText}。`}
          rules={[
            { required: true, message: '请输入新密码' },
            {
              validator: (_, value: string | undefined) => {
                const problem = value ? passwordProblem(value, username) : null;
                return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
              },
            },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                value && value === getFieldValue('currentPassword')
                  ? Promise.reject(new Error('新密码不能与当前密码相同'))
                  : Promise.resolve(),
            }),
          ]}
        >
          <Input.Password data-testid="new-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致')),
            }),
          ]}
        >
          <Input.Password data-testid="confirm-password" autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
