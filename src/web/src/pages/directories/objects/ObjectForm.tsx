// Create / edit a 产品/项目/行为/标准 (POST /api/directory-objects, PATCH /api/directory-objects/:id).
// The server checks every field with the same rules as the import (core/directoryObjects).
import { Form, Input, Select } from 'antd';
import { objectKindLabel } from '../../../../../core/glossary.ts';
import { call } from '../../../api.ts';
import type { OrgUnit } from '../../../apiTypes.ts';
import { FormModal } from '../../../components/FormModal.tsx';
import type { DirectoryObjectView } from './types.ts';
import { TagsField, TextField, UnitSelectField } from '../../../components/FormFields.tsx';

interface FormValues {
  kind: string;
  code?: string;
  name: string;
  description?: string;
  uscc?: string;
  unitCode: string;
  regionCode?: string;
  industryCode?: string;
  tags: string[];
}

export const objectKindOptions = Object.entries(objectKindLabel).map(([value, label]) => ({ value, label }));

export function ObjectForm({
  open,
  object,
  units,
  defaultUnitCode,
  onClose,
  onSaved,
}: {
  open: boolean;
  object: DirectoryObjectView | null;
  units: OrgUnit[];
  defaultUnitCode: string | undefined;
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const [form] = Form.useForm<FormValues>();

  const initial: Partial<FormValues> = object
    ? {
        kind: object.kind,
        code: object.code,
        name: object.name,
        description: object.description,
        uscc: object.uscc ?? undefined,
        unitCode: object.unitCode,
        regionCode: object.regionCode,
        industryCode: object.industryCode ?? undefined,
        tags: object.tags,
      }
    : { kind: 'product', unitCode: defaultUnitCode, tags: [] };

  async function submit(v: FormValues) {
    const body = {
      kind: v.kind,
      code: v.code?.trim() || null,
      name: v.name,
      description: v.description?.trim() || null,
      uscc: v.uscc?.trim() || null,
      unitCode: v.unitCode,
      regionCode: v.regionCode?.trim() || null,
      industryCode: v.industryCode?.trim() || null,
      tags: v.tags ?? [],
    };
    const result = object
      ? await call('PATCH /api/directory-objects/:id', { params: { id: object.id }, body })
      : await call('POST /api/directory-objects', { body });
    onSaved(result.id);
    return object ? '已保存修改' : `已登记，对象编码 ${result.code}`;
  }

  return (
    <FormModal
      open={open}
      title={object ? `修改检查对象：${object.name}` : '登记其他检查对象（产品/项目/行为/标准）'}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      okTestId="object-form-submit"
      formTestId="object-form"
    >
      <Form.Item name="kind" label="对象类别" rules={[{ required: true, message: '请选择对象类别' }]}>
        <Select options={objectKindOptions} data-testid="object-form-kind" />
      </Form.Item>
      <TextField name="name" label="名称" required="请填写名称" max={100} testId="object-form-name" />
      <Form.Item
        name="code"
        label="对象编码"
        extra="本单位使用的编码（如投资项目代码、生产许可证编号）；留空则由系统生成，如 CP-140581-2026-000001。"
        rules={[{ pattern: /^[0-9A-Za-z._/\- ]*$/, message: '只能使用字母、数字和 - _ . /' }]}
      >
        <Input maxLength={40} data-testid="object-form-code" />
      </Form.Item>
      <UnitSelectField name="unitCode" label="管辖单位" required="请选择管辖单位" units={units} />
      <TextField
        name="uscc"
        label="关联市场主体（统一社会信用代码）"
        extra="生产者、建设单位或行为人；可不填。"
        maxLength={18}
        testId="object-form-uscc"
      />
      <Form.Item name="description" label="描述">
        <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
      <TextField name="regionCode" label="所属区划" extra="6 位行政区划代码；留空则为管辖单位所在区划。" maxLength={6} />
      <TextField name="industryCode" label="行业代码（GB/T 4754-2017）" maxLength={4} />
      <TagsField name="tags" label="标签" />
    </FormModal>
  );
}
