// A dialog that asks why before a step that needs a reason (作废, 退回, 同意/驳回, 停用…): what
// the step means above, the reason below. The reason goes to onSubmit trimmed; onSubmit sends
// the step and resolves to the sentence shown on success. The reason is cleared only after
// success — a refused step keeps what was typed.
import { Input, Modal, type ButtonProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { useAction } from '../useAction.ts';

export function ReasonModal({
  open,
  title,
  okText,
  danger,
  minLength = 0,
  placeholder,
  maxLength = 500,
  okTestId,
  reasonTestId,
  onCancel,
  onSubmit,
  children,
}: {
  open: boolean;
  title: ReactNode;
  okText: string;
  danger?: boolean;
  /** Below this many characters the confirm button stays disabled (0: the server decides). */
  minLength?: number;
  placeholder: string;
  maxLength?: number;
  okTestId?: string;
  reasonTestId?: string;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<string | void>;
  children?: ReactNode;
}) {
  const [reason, setReason] = useState('');
  const { busy, run } = useAction();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onCancel}
      okButtonProps={{ danger, disabled: reason.trim().length < minLength, 'data-testid': okTestId } as ButtonProps}
      onOk={async () => {
        if (await run(() => onSubmit(reason.trim()))) setReason('');
      }}
      destroyOnHidden
    >
      {children}
      <Input.TextArea
        rows={3}
        maxLength={maxLength}
        placeholder={placeholder}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid={reasonTestId}
      />
    </Modal>
  );
}
