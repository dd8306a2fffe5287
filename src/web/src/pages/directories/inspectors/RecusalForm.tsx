// Record a 回避 declaration (POST /api/inspectors/:id/recusals): a specific entity by 统一社会信用代码,
// or a relationship — 原工作单位 / 亲属经营 (the related entity's code) or 本人网格/辖区 (a unit).
import { Button, Form, Input, Select } from 'antd';
import { call } from '../../../api.ts';
import type { OrgUnit } from '../../../apiTypes.ts';
import { useFormAction } from '../../../useAction.ts';
import { dateRule } from './InspectorForm.tsx';
import { recusalKindOptions, type RecusalKind } from './types.ts';
import { TextField, UnitSelectField } from '../../../components/FormFields.tsx';

interface Values {
  kind: RecusalKind;
  uscc?: string;
  relatedName?: string;
  relatedUnitCode?: string;
  reason: string;
  declaredOn: string;
  validUntil?: string;
}

export function RecusalForm({
  inspectorId,
  today,
  units,
  onSaved,
}: {
  inspectorId: string;
  today: string;
  units: OrgUnit[];
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form) ?? 'entity';
  const { busy: saving, error, run } = useFormAction();

  const submit = (v: Values) =>
    run(async () => {
      await call('POST /api/inspectors/:id/recusals', {
        params: { id: inspectorId },
        body: {
          kind: v.kind,
          uscc: v.kind === 'own_grid' ? null : v.uscc?.trim(),
          relatedName: v.relatedName?.trim() || null,
          relatedUnitCode: v.kind === 'own_grid' ? v.relatedUnitCode : null,
          reason: v.reason,
          declaredOn: v.declaredOn,
          validUntil: v.validUntil?.trim() || null,
        },
      });
      form.resetFields();
      onSaved();
      return '回避声明已登记';
    });

  return (
    <Form
      form={form}
      layout="vertical"
      size="small"
      initialValues={{ kind: 'entity', declaredOn: today }}
      onFinish={submit}
      data-testid="recusal-form"
    >
      <Form.Item name="kind" label="回避类型" rules={[{ required: true }]}>
        <Select options={recusalKindOptions} data-testid="recusal-kind" />
      </Form.Item>
      {kind === 'own_grid' ? (
        <UnitSelectField name="relatedUnitCode" label="网格/辖区所属单位" required="请选择本人网格/辖区所属的单位" units={units} />
      ) : (
        <>
          <TextField
            name="uscc"
            label="统一社会信用代码"
            required="请填写关联市场主体的 18 位统一社会信用代码"
            len={18}
            testId="recusal-uscc"
          />
          <TextField name="relatedName" label="关联主体名称（可选）" maxLength={100} />
        </>
      )}
      <Form.Item name="reason" label="回避事由" rules={[{ required: true, message: '请填写回避事由' }]}>
        <Input.TextArea rows={2} maxLength={300} data-testid="recusal-reason" />
      </Form.Item>
      <Form.Item name="declaredOn" label="声明日期" rules={[{ required: true, message: '请填写声明日期' }, dateRule]}>
        <Input maxLength={10} data-testid="recusal-declared-on" />
      </Form.Item>
      <Form.Item name="validUntil" label="有效期至（可选）" rules={[dateRule]}>
        <Input maxLength={10} placeholder="长期有效可不填" />
      </Form.Item>
      {error && (
        <div role="alert" data-testid="recusal-error" style={{ color: '#cf1322', marginBottom: 8 }}>
          {error}
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="recusal-submit">
        登记回避声明
      </Button>
    </Form>
  );
}
