// 新增下级单位: POST /api/orgs (市级/县级 bureaus, 股室/所/成员单位 under a unit the admin may manage).
import { Button, Form, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { unitKindLabel } from '../../../../core/glossary.ts';
import { call, type ApiInput } from '../../api.ts';
import type { OrgUnit } from '../../apiTypes.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { TextField, UnitSelectField } from '../../components/FormFields.tsx';

/** The form holds the request body of POST /api/orgs. */
type FormValues = ApiInput<'POST /api/orgs'>['body'];

const kinds: ReadonlyArray<FormValues['kind']> = ['city', 'county', 'office', 'station', 'department'];

export function CreateUnitButton({ units, onCreated }: { units: OrgUnit[]; onCreated: () => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch('kind', form);
  // A 市级/县级 bureau's unit code is its own division code (the server checks it against the parent's).
  const bureau = kind === 'city' || kind === 'county';

  const submit = async (values: FormValues) => {
    await call('POST /api/orgs', { body: values });
    setOpen(false);
    onCreated();
    return `已新增单位 ${values.name}`;
  };

  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="create-unit">
        新增下级单位
      </Button>
      <FormModal title="新增下级单位" open={open} form={form} onCancel={() => setOpen(false)} onSubmit={submit}>
        <UnitSelectField name="parentCode" label="上级单位" required="请选择上级单位" units={units} />
        <Form.Item name="kind" label="单位类型" rules={[{ required: true, message: '请选择单位类型' }]}>
          <Select options={kinds.map((k) => ({ value: k, label: unitKindLabel[k] }))} />
        </Form.Item>
        <TextField
          name="name"
          label="单位名称"
          rules={[{ required: true, min: 2, message: '请填写单位全称' }]}
          placeholder="如 高平市市场监督管理局网络交易监管股"
        />
        <TextField name="shortName" label="简称" placeholder="如 网络交易股" />
        <Form.Item
          name="code"
          label="单位代码"
          extra={
            bureau
              ? '填本单位所在地的 6 位行政区划代码（GB/T 2260），须在上级单位的区划之内，如 140522；创建后不可修改。'
              : '小写字母、数字和连字符，建议以上级代码开头，如 140581-wljy；创建后不可修改。'
          }
          rules={[
            bureau
              ? { required: true, pattern: /^\d{6}$/, message: '市级、县级单位的单位代码须为 6 位行政区划代码' }
              : { required: true, pattern: /^[0-9a-z-]{2,64}$/, message: '2–64 位小写字母、数字或连字符' },
          ]}
        >
          <Input />
        </Form.Item>
        {kind === 'department' && (
          <TextField
            name="deptType"
            label="部门类别"
            required="请填写部门类别，如 住建、教育"
            placeholder="住建 / 教育 / 公安 / 消防 / 应急 / 文旅 / 交通 / 烟草 / 农业 …"
          />
        )}
      </FormModal>
    </>
  );
}
