// 新增用户: POST /api/users. Units come from /api/orgs (only units the admin may manage).
import { Button, Form, Input, Select, Space } from 'antd';
import { PlusOutlined, MinusCircleOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { roleLabel, roles } from '../../../../core/glossary.ts';
import { passwordProblem, passwordRuleText } from '../../../../core/accounts/passwordRule.ts';
import { call, type ApiInput } from '../../api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { useEndpoint } from '../../useApiData.ts';

/** The form holds the request body of POST /api/users. */
type FormValues = ApiInput<'POST /api/users'>['body'];

export function CreateUserButton({ onCreated }: { onCreated: () => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const units = useEndpoint('GET /api/orgs', open ? {} : null);
  const unitOptions = (units.data?.items ?? []).map((u) => ({ value: u.code, label: u.name }));

  const submit = async (values: FormValues) => {
    await call('POST /api/users', { body: values });
    setOpen(false);
    onCreated();
    return `已新增用户 ${values.username}`;
  };

  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="create-user">
        新增用户
      </Button>
      <FormModal
        title="新增用户"
        open={open}
        form={form}
        width={640}
        initialValues={{ roles: [{ unitCode: undefined, role: undefined }] }}
        onCancel={() => setOpen(false)}
        onSubmit={submit}
      >
        <Form.Item
          name="username"
          label="用户名"
          rules={[{ required: true, pattern: /^[a-z0-9_.-]{3,40}$/, message: '3–40 位小写字母、数字、点、下划线或连字符' }]}
        >
          <Input placeholder="如 gp.zhangsan" data-testid="new-username" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, min: 2, message: '请填写姓名（至少 2 个字）' }]}>
          <Input data-testid="new-display-name" />
        </Form.Item>
        <Form.Item name="homeUnitCode" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
          <Select showSearch optionFilterProp="label" options={unitOptions} loading={units.loading} data-testid="new-home-unit" />
        </Form.Item>
        <Form.Item
          name="initialPassword"
          label="初始密码"
          extra={`${passwordRuleText}。本人首次登录时须修改此密码；请当面告知本人。`}
          rules={[
            {
              required: true,
              validator: (_r, v: string) =>
                passwordProblem(v ?? '') ? Promise.reject(new Error(passwordProblem(v ?? '')!)) : Promise.resolve(),
            },
          ]}
        >
          <Input.Password data-testid="new-password" autoComplete="new-password" />
        </Form.Item>
        <Form.List name="roles">
          {(fields, { add, remove }) => (
            <Form.Item label="角色（可在多个单位各有角色）" required>
              {fields.map((field) => (
                <Space key={field.key} align="baseline" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'unitCode']} rules={[{ required: true, message: '请选择单位' }]}>
                    <Select showSearch optionFilterProp="label" options={unitOptions} placeholder="单位" style={{ width: 300 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: '请选择角色' }]}>
                    <Select options={roles.map((r) => ({ value: r, label: roleLabel[r] }))} placeholder="角色" style={{ width: 160 }} />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="删除该角色" />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                再加一个角色
              </Button>
            </Form.Item>
          )}
        </Form.List>
      </FormModal>
    </>
  );
}
