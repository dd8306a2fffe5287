// Detail drawer: the person, whether they can be drawn today and why not, their 回避
// declarations (active and ended), and — for those who may write — forms to add a
// declaration, end one, change status and edit.
import { Button, Descriptions, Divider, Drawer, Empty, Form, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../../api.ts';
import type { OrgUnit } from '../../../apiTypes.ts';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert.tsx';
import { FormModal } from '../../../components/FormModal.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { TagList } from '../../../components/TagList.tsx';
import { inspectorCategoryName } from '../../../labels.ts';
import { useEndpoint } from '../../../useApiData.ts';
import { DrawableMarker } from './DrawableMarker.tsx';
import { dateRule } from './InspectorForm.tsx';
import { RecusalForm } from './RecusalForm.tsx';
import type { InspectorDetail, RecusalView } from './types.ts';

export function InspectorDrawer({
  id,
  units,
  mayWrite,
  onClose,
  onEdit,
  onChanged,
}: {
  id: string | null;
  units: OrgUnit[];
  mayWrite: boolean;
  onClose: () => void;
  onEdit: (detail: InspectorDetail) => void;
  onChanged: () => void;
}) {
  const detail = useEndpoint('GET /api/inspectors/:id', id ? { params: { id } } : null);
  const d = detail.data && detail.data.id === id ? detail.data : undefined;
  const changed = () => {
    detail.reload();
    onChanged();
  };

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size="large"
      title={d ? `${d.name} · ${d.unitName}` : '人员详情'}
      data-testid="inspector-drawer"
      destroyOnHidden
    >
      {detail.error && <ApiErrorAlert error={detail.error} onRetry={detail.reload} />}
      {!d && !detail.error && <PageLoading />}
      {d && (
        <>
          <Space style={{ marginBottom: 12 }} wrap>
            <DrawableMarker inspector={d} />
            <Typography.Text type="secondary">（按 {d.today} 判断）</Typography.Text>
            {mayWrite && (
              <>
                <Button size="small" onClick={() => onEdit(d)} data-testid="inspector-edit">
                  修改信息
                </Button>
                <StatusButton inspector={d} onSaved={changed} />
              </>
            )}
          </Space>
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="姓名">{d.name}</Descriptions.Item>
            <Descriptions.Item label="性别">{d.gender ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="单位">{d.unitName}</Descriptions.Item>
            <Descriptions.Item label="类别">{inspectorCategoryName(d.category)}</Descriptions.Item>
            <Descriptions.Item label="执法证号">{d.certNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="有效期至">{d.certExpiresOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="岗位/层级">{d.position ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="区划">{d.regionCode}</Descriptions.Item>
            <Descriptions.Item label="状态">
              {d.status}
              {d.statusSince ? `（${d.statusSince} 起）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="业务专长">
              <TagList values={d.specialties} />
            </Descriptions.Item>
            <Descriptions.Item label="执法资质" span={2}>
              <TagList values={d.qualifications} />
            </Descriptions.Item>
          </Descriptions>

          <Divider titlePlacement="start">回避声明</Divider>
          {d.recusals.length === 0 ? (
            <Empty description="尚无回避声明" />
          ) : (
            <List
              data-testid="recusal-list"
              size="small"
              dataSource={d.recusals}
              renderItem={(r) => <RecusalItem recusal={r} today={d.today} mayWrite={mayWrite} onEnded={changed} />}
            />
          )}
          {mayWrite && (
            <>
              <Divider titlePlacement="start">登记回避声明</Divider>
              <RecusalForm inspectorId={d.id} today={d.today} units={units} onSaved={changed} />
            </>
          )}
        </>
      )}
    </Drawer>
  );
}

function RecusalItem({
  recusal: r,
  today,
  mayWrite,
  onEnded,
}: {
  recusal: RecusalView;
  today: string;
  mayWrite: boolean;
  onEnded: () => void;
}) {
  const [ending, setEnding] = useState(false);
  const target = r.kind === 'own_grid' ? (r.relatedUnitCode ?? r.relatedRegionCode) : `${r.relatedName ?? ''} ${r.uscc ?? ''}`.trim();
  return (
    <List.Item
      data-testid="recusal-item"
      actions={
        mayWrite && !r.endedOn
          ? [
              <a key="end" onClick={() => setEnding(true)}>
                结束
              </a>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={
          <Space wrap>
            <Tag color={r.active ? 'orange' : 'default'}>{r.kindLabel}</Tag>
            <span>{target}</span>
            {!r.active && <Tag>{r.endedOn ? `已于 ${r.endedOn} 结束` : '未生效或已过有效期'}</Tag>}
          </Space>
        }
        description={`事由：${r.reason}；声明日期 ${r.declaredOn}${r.validUntil ? `，有效期至 ${r.validUntil}` : ''}；登记人 ${r.recordedBy}${r.endReason ? `；结束原因：${r.endReason}` : ''}`}
      />
      <EndRecusalModal open={ending} recusal={r} today={today} onClose={() => setEnding(false)} onEnded={onEnded} />
    </List.Item>
  );
}

function EndRecusalModal({
  open,
  recusal,
  today,
  onClose,
  onEnded,
}: {
  open: boolean;
  recusal: RecusalView;
  today: string;
  onClose: () => void;
  onEnded: () => void;
}) {
  const [form] = Form.useForm<{ endedOn: string; endReason: string }>();
  async function submit(v: { endedOn: string; endReason: string }) {
    await call('POST /api/inspectors/recusals/:id/end', { params: { id: recusal.id }, body: v });
    onClose();
    onEnded();
    return '回避声明已结束（记录保留）';
  }
  return (
    <FormModal
      open={open}
      title="结束回避声明"
      okText="结束"
      form={form}
      initialValues={{ endedOn: today }}
      onCancel={onClose}
      onSubmit={submit}
    >
      <Form.Item name="endedOn" label="结束日期" rules={[{ required: true }, dateRule]}>
        <Input maxLength={10} />
      </Form.Item>
      <Form.Item name="endReason" label="结束原因" rules={[{ required: true, message: '请填写结束原因，例如 亲属已不再经营该企业' }]}>
        <Input.TextArea rows={2} maxLength={300} />
      </Form.Item>
    </FormModal>
  );
}

type StatusValues = { status: string; since: string; note?: string };

function StatusButton({ inspector, onSaved }: { inspector: InspectorDetail; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<StatusValues>();
  async function submit(v: StatusValues) {
    const changed = await call('POST /api/inspectors/:id/status', {
      params: { id: inspector.id },
      body: { status: v.status as '在岗' | '调离' | '退休', since: v.since, ...(v.note ? { note: v.note } : {}) },
    });
    setOpen(false);
    onSaved();
    return changed.loginClosed
      ? `状态已变更为「${v.status}」；其登录账号已取消检查人员角色${changed.loginClosed.disabled ? '并停用' : ''}`
      : `状态已变更为「${v.status}」`;
  }
  const options = ['在岗', '调离', '退休'].filter((s) => s !== inspector.status).map((s) => ({ value: s, label: s }));
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="inspector-status">
        变更状态
      </Button>
      <FormModal
        open={open}
        title={`变更状态（当前：${inspector.status}）`}
        form={form}
        initialValues={{ since: inspector.today }}
        onCancel={() => setOpen(false)}
        onSubmit={submit}
      >
        <Form.Item name="status" label="新状态" rules={[{ required: true, message: '请选择新状态' }]}>
          <Select options={options} />
        </Form.Item>
        <Form.Item name="since" label="日期" rules={[{ required: true }, dateRule]}>
          <Input maxLength={10} />
        </Form.Item>
        <Form.Item name="note" label="说明（可选）">
          <Input maxLength={200} placeholder="例如 调往泽州县市场监管局" />
        </Form.Item>
      </FormModal>
    </>
  );
}
