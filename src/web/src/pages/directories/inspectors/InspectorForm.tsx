// Create / edit an inspector (POST /api/inspectors, PATCH /api/inspectors/:id).
import { Form, Input, Select } from 'antd';
import { call } from '../../../api.ts';
import type { OrgUnit } from '../../../apiTypes.ts';
import { FormModal } from '../../../components/FormModal.tsx';
import type { InspectorView } from './types.ts';
import { TagsField, TextField, UnitSelectField } from '../../../components/FormFields.tsx';

export const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A date typed as text must read YYYY-MM-DD. */
export const dateRule = { pattern: DATE, message: '日期格式应为 YYYY-MM-DD' };

interface FormValues {
  name: string;
  gender?: '男' | '女';
  unitCode: string;
  category: 'enforcement' | 'expert';
  certNo?: string;
  certExpiresOn?: string;
  position?: string;
  specialties: string[];
  qualifications: string[];
}

export function InspectorForm({
  open,
  inspector,
  units,
  onClose,
  onSaved,
}: {
  open: boolean;
  inspector: InspectorView | null;
  units: OrgUnit[];
  onClose: () => void;
  onSaved: (id: string) => void;
}) {
  const [form] = Form.useForm<FormValues>();

  const initial: Partial<FormValues> = inspector
    ? {
        name: inspector.name,
        gender: inspector.gender ?? undefined,
        unitCode: inspector.unitCode,
        category: inspector.category,
        certNo: inspector.certNo ?? undefined,
        certExpiresOn: inspector.certExpiresOn ?? undefined,
        position: inspector.position ?? undefined,
        specialties: inspector.specialties,
        qualifications: inspector.qualifications,
      }
    : { category: 'enforcement', specialties: [], qualifications: [] };

  async function submit(v: FormValues) {
    const body = {
      name: v.name,
      gender: v.gender ?? null,
      unitCode: v.unitCode,
      category: v.category,
      certNo: v.certNo?.trim() || null,
      certExpiresOn: v.certExpiresOn?.trim() || null,
      position: v.position?.trim() || null,
      specialties: v.specialties ?? [],
      qualifications: v.qualifications ?? [],
    };
    const result = inspector
      ? await call('PATCH /api/inspectors/:id', { params: { id: inspector.id }, body })
      : await call('POST /api/inspectors', { body });
    onSaved(result.id);
    return inspector ? '已保存修改' : '已登记';
  }

  return (
    <FormModal
      open={open}
      title={inspector ? `修改人员信息：${inspector.name}` : '登记执法检查人员'}
      form={form}
      initialValues={initial}
      onCancel={onClose}
      onSubmit={submit}
      okTestId="inspector-form-submit"
      formTestId="inspector-form"
    >
      <TextField name="name" label="姓名" required="请填写姓名" rules={[{ max: 20 }]} testId="inspector-form-name" />
      <UnitSelectField name="unitCode" label="单位（局/股室/所）" required="请选择所在单位" units={units} />
      <Form.Item name="gender" label="性别">
        <Select
          allowClear
          options={[
            { value: '男', label: '男' },
            { value: '女', label: '女' },
          ]}
        />
      </Form.Item>
      <Form.Item name="category" label="类别" rules={[{ required: true }]}>
        <Select
          options={[
            { value: 'enforcement', label: '执法人员' },
            { value: 'expert', label: '专业技术人员' },
          ]}
        />
      </Form.Item>
      <Form.Item name="certNo" label="执法证号" extra="执法人员须登记有效的执法证号和有效期，否则不可抽取。">
        <Input maxLength={30} />
      </Form.Item>
      <Form.Item
        name="certExpiresOn"
        label="执法证有效期至"
        rules={[{ pattern: DATE, message: '日期格式应为 YYYY-MM-DD，例如 2027-06-30' }]}
      >
        <Input placeholder="YYYY-MM-DD" maxLength={10} data-testid="inspector-form-expires" />
      </Form.Item>
      <Form.Item name="position" label="岗位/层级">
        <Input maxLength={30} />
      </Form.Item>
      <TagsField name="specialties" label="业务专长" />
      <TagsField name="qualifications" label="执法资质" />
    </FormModal>
  );
}
