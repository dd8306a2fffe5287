// The 检查方案 of a joint task (部门联合抽查) on its draw page: the 发起部门 drafts or edits it
// (检查起止日期; each 配合部门's 检查事项, 联系人 and 联系电话), each 配合部门 reads it and confirms
// the current version, and everyone sees who has confirmed and who not. The commit waits until all
// have confirmed (the server refuses it before; CommitCard says why).
import { Alert, Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call, type ApiOutput } from '../../api.ts';
import { DateField } from '../../components/DateField.tsx';
import { formatDateTime } from '../../labels.ts';
import { useFormAction } from '../../useAction.ts';

export type JointScheme = ApiOutput<'GET /api/tasks/:code/joint-scheme'>;

interface PartForm {
  unitCode: string;
  items: string;
  contactName: string;
  contactPhone: string;
}

interface SchemeForm {
  startOn: string;
  endOn: string;
  parts: PartForm[];
}

/** The form's starting values: the scheme as saved, or the task's 抽查时段 and one empty part per 配合部门. */
function initialForm(view: JointScheme): SchemeForm {
  const saved = new Map((view.scheme?.parts ?? []).map((p) => [p.unitCode, p]));
  return {
    startOn: view.scheme?.startOn ?? view.period?.start ?? '',
    endOn: view.scheme?.endOn ?? view.period?.end ?? '',
    parts: view.departments.map((d) => {
      const p = saved.get(d.code);
      return { unitCode: d.code, items: p?.items.join('\n') ?? '', contactName: p?.contactName ?? '', contactPhone: p?.contactPhone ?? '' };
    }),
  };
}

export function JointSchemePanel({ code, view, onChanged }: { code: string; view: JointScheme; onChanged: () => void }) {
  const [form] = Form.useForm<SchemeForm>();
  const [editing, setEditing] = useState(false);
  const { busy: saving, error, run } = useFormAction();
  const { scheme } = view;
  const agreedBy = new Map((scheme?.agreements ?? []).map((a) => [a.unitCode, a]));
  const names = new Map(view.departments.map((d) => [d.code, d.name]));

  /** Runs one change of the scheme; the server's refusal stays shown in the panel, verbatim. */
  const change = async (work: () => Promise<unknown>, done: string) => {
    const ok = await run(async () => {
      await work();
      return done;
    });
    if (!ok) return;
    setEditing(false);
    onChanged();
  };

  const save = (values: SchemeForm) =>
    change(
      () =>
        call('PUT /api/tasks/:code/joint-scheme', {
          params: { code },
          body: {
            startOn: values.startOn,
            endOn: values.endOn,
            parts: values.parts.map((p) => ({
              unitCode: p.unitCode,
              items: p.items
                .split(/[\n；;、]/)
                .map((i) => i.trim())
                .filter((i) => i !== ''),
              contactName: p.contactName,
              contactPhone: p.contactPhone,
            })),
          },
        }),
      scheme ? '检查方案已修改，各配合部门须重新确认' : '检查方案已保存，待各配合部门确认',
    );

  const agree = (version: number) =>
    change(() => call('POST /api/tasks/:code/joint-scheme/agreement', { params: { code }, body: { version } }), '已确认检查方案');

  return (
    <Card
      title="检查方案（部门联合抽查）"
      size="small"
      data-testid="joint-scheme"
      extra={
        view.canDraft &&
        !editing && (
          <Button
            data-testid="joint-scheme-edit"
            onClick={() => {
              form.setFieldsValue(initialForm(view));
              setEditing(true);
            }}
          >
            {scheme ? '修改检查方案' : '制定检查方案'}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        检查方案由发起部门（{view.initiatingUnitName}
        ）制定，写明检查起止日期和各配合部门的检查事项、联系人和电话；各配合部门确认当前版本后，发起部门才能抽取。方案修改后，此前的确认失效，须重新确认。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} data-testid="joint-scheme-error" style={{ marginBottom: 12 }} />}
      {editing ? (
        <Form form={form} layout="vertical" onFinish={save} data-testid="joint-scheme-form" initialValues={initialForm(view)}>
          <Space wrap size="large">
            <Form.Item name="startOn" label="检查开始日期" rules={[{ required: true, message: '请选择检查开始日期' }]}>
              <DateField testId="joint-scheme-start" ariaLabel="检查开始日期" />
            </Form.Item>
            <Form.Item name="endOn" label="检查结束日期" rules={[{ required: true, message: '请选择检查结束日期' }]}>
              <DateField testId="joint-scheme-end" ariaLabel="检查结束日期" />
            </Form.Item>
          </Space>
          <Form.List name="parts">
            {(fields) =>
              fields.map((field) => {
                const unitCode = form.getFieldValue(['parts', field.name, 'unitCode']) as string;
                return (
                  <Card
                    key={field.key}
                    size="small"
                    type="inner"
                    title={names.get(unitCode) ?? ''}
                    style={{ marginBottom: 12 }}
                    data-testid="joint-scheme-part"
                  >
                    <Form.Item name={[field.name, 'unitCode']} hidden>
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'items']}
                      label="检查事项（每行一项）"
                      rules={[{ required: true, message: '请至少填写一项检查事项' }]}
                    >
                      <Input.TextArea rows={2} aria-label="检查事项" />
                    </Form.Item>
                    <Space wrap>
                      <Form.Item name={[field.name, 'contactName']} label="联系人" rules={[{ required: true, message: '请填写联系人' }]}>
                        <Input aria-label="联系人" />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'contactPhone']}
                        label="联系电话"
                        rules={[{ required: true, message: '请填写联系电话' }]}
                      >
                        <Input aria-label="联系电话" />
                      </Form.Item>
                    </Space>
                  </Card>
                );
              })
            }
          </Form.List>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="joint-scheme-save">
              保存检查方案
            </Button>
            <Button onClick={() => setEditing(false)}>取消</Button>
          </Space>
        </Form>
      ) : scheme ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label="发起部门">{view.initiatingUnitName}</Descriptions.Item>
            <Descriptions.Item label="检查起止日期">
              {scheme.startOn} 至 {scheme.endOn}
            </Descriptions.Item>
            <Descriptions.Item label="方案版本">
              第 {scheme.version} 版（{scheme.updatedByName} 于 {formatDateTime(scheme.updatedAt)} 保存）
            </Descriptions.Item>
          </Descriptions>
          <Table
            size="small"
            pagination={false}
            rowKey="unitCode"
            data-testid="joint-scheme-parts"
            dataSource={scheme.parts}
            columns={[
              { title: '配合部门', dataIndex: 'unitName' },
              { title: '检查事项', dataIndex: 'items', render: (items: string[]) => items.join('；') },
              { title: '联系人', dataIndex: 'contactName' },
              { title: '联系电话', dataIndex: 'contactPhone' },
              {
                title: '确认情况',
                key: 'agreed',
                render: (_: unknown, p: { unitCode: string }) => {
                  const a = agreedBy.get(p.unitCode);
                  return a ? (
                    <Tag color="green" data-testid="joint-scheme-agreed">
                      已确认（{a.byName}，{formatDateTime(a.at)}）
                    </Tag>
                  ) : (
                    <Tag color="orange" data-testid="joint-scheme-pending">
                      待确认
                    </Tag>
                  );
                },
              },
            ]}
          />
          {view.readyToDraw ? (
            <Alert type="success" showIcon title="各配合部门均已确认当前检查方案，发起部门可以抽取。" data-testid="joint-scheme-ready" />
          ) : (
            <Alert type="warning" showIcon title={`待以下配合部门确认：${view.pendingDepartments.join('、')}。`} />
          )}
          {view.awaitingCaller && (
            <Button type="primary" loading={saving} onClick={() => agree(scheme.version)} data-testid="joint-scheme-agree">
              确认第 {scheme.version} 版检查方案
            </Button>
          )}
        </Space>
      ) : (
        <Alert
          type="info"
          showIcon
          title={
            view.canDraft
              ? '尚未制定检查方案：请先制定，经各配合部门确认后再抽取。'
              : `发起部门（${view.initiatingUnitName}）尚未制定检查方案。`
          }
        />
      )}
    </Card>
  );
}
