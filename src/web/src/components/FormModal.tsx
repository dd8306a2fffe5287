// A dialog around one form (登记/修改/校正…): 取消 and the confirm button (保存 unless told),
// busy while it sends, Enter submits. The values reach onSubmit only once every field rule
// passes; onSubmit sends them and resolves to the sentence shown on success. On failure the
// server's message is shown and the dialog stays open with everything typed.
import { Form, Modal, type ButtonProps, type FormInstance, type FormProps } from 'antd';
import type { ReactNode } from 'react';
import { useAction } from '../useAction.ts';

export function FormModal<V extends object>({
  open,
  title,
  form,
  initialValues,
  okText = '保存',
  okTestId,
  formTestId,
  danger,
  width,
  size,
  onCancel,
  onSubmit,
  children,
}: {
  open: boolean;
  title: ReactNode;
  form: FormInstance<V>;
  initialValues?: FormProps<V>['initialValues'];
  okText?: string;
  okTestId?: string;
  formTestId?: string;
  danger?: boolean;
  width?: number;
  size?: 'small';
  onCancel: () => void;
  onSubmit: (values: V) => Promise<string>;
  children: ReactNode;
}) {
  const { busy, run } = useAction();
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      okText={okText}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
      okButtonProps={{ danger, 'data-testid': okTestId } as ButtonProps}
    >
      <Form<V>
        form={form}
        layout="vertical"
        size={size}
        initialValues={initialValues}
        preserve={false}
        onFinish={(values) => void run(() => onSubmit(values))}
        data-testid={formTestId}
      >
        {children}
      </Form>
    </Modal>
  );
}
