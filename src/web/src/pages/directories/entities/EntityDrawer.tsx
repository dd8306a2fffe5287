// 市场主体详情: every field, tags, the risk class with its history; for writers the
// 个性化标注 editor and the manual risk-class correction (both need a reason, both audited); each
// 专业领域风险分级 (领域, 等级, 日期, 来源).
import {
  Button,
  Descriptions,
  Divider,
  Drawer,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
  Timeline,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { call, type ApiInput, type ApiOutput } from '../../../api.ts';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert.tsx';
import { ListTable } from '../../../components/ListControls.tsx';
import { FormModal } from '../../../components/FormModal.tsx';
import { PageLoading } from '../../../components/PageLoading.tsx';
import { RiskClassTag } from '../../../components/RiskClassTag.tsx';
import { TagList } from '../../../components/TagList.tsx';
import { riskClassOptions, subjectTypeName } from '../../../labels.ts';
import { useEndpoint } from '../../../useApiData.ts';
import { RISK_WARNING_TAGS, SUGGESTED_TAGS } from '../../../../../core/subLibraries/tags.ts';
import { enterpriseTypeLabel } from '../../../../../core/entities/enterpriseTypes.ts';
import type { EntityDetail, EntityHistoryEntry } from './types.ts';
import { DateField } from '../../../components/DateField.tsx';

const sourceLabel: Record<EntityHistoryEntry['source'], string> = { import: '名录导入', risk_push: '风险分类推送', manual: '人工修改' };
const fieldLabel: Record<string, string> = {
  name: '名称',
  tags: '标签',
  risk_class: '风险分类',
  risk_class_since: '分类生效日期',
  reg_status: '登记状态',
  address: '住所',
  legal_rep: '法定代表人',
  unit_code: '管辖单位',
  industry_code: '行业',
  reason: '原因',
};

const show = (value: unknown) =>
  value === null || value === undefined || value === '' ? '（空）' : Array.isArray(value) ? value.join('、') || '（无）' : String(value);

function HistoryList({ history, testId }: { history: EntityHistoryEntry[]; testId: string }) {
  if (history.length === 0) return <Empty description="暂无变更记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid={testId}
      items={history.map((h) => ({
        key: h.id,
        children: (
          <>
            <Typography.Text strong>{new Date(h.changedAt).toLocaleString('zh-CN')}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {sourceLabel[h.source] ?? h.source} · {h.actorName}
            </Typography.Text>
            {Object.entries(h.changes).map(([field, [before, after]]) => (
              <div key={field}>
                {fieldLabel[field] ?? field}：{field === 'reason' ? show(after) : `${show(before)} → ${show(after)}`}
              </div>
            ))}
          </>
        ),
      }))}
    />
  );
}

function TagsEditor({ entity, onSaved }: { entity: EntityDetail; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ tags: string[]; reason: string }>();
  const submit = async (values: { tags: string[]; reason: string }) => {
    await call('PUT /api/entities/:uscc/tags', { params: { uscc: entity.uscc }, body: values });
    setOpen(false);
    onSaved();
    return '标签已保存，并记入变更历史';
  };
  return (
    <>
      <Button size="small" data-testid="entity-edit-tags" onClick={() => setOpen(true)}>
        个性化标注
      </Button>
      <FormModal
        open={open}
        title={`个性化标注 · ${entity.name}`}
        form={form}
        initialValues={{ tags: entity.tags, reason: '' }}
        onCancel={() => setOpen(false)}
        onSubmit={submit}
      >
        <Form.Item name="tags" label="标签" extra={`风险预警标注：${RISK_WARNING_TAGS.join('、')}；也可输入其他标签后回车。`}>
          <Select mode="tags" data-testid="entity-tags-select" options={SUGGESTED_TAGS.map((t) => ({ value: t, label: t }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="原因"
          rules={[{ required: true, min: 2, message: '请填写原因（至少 2 个字），例如核查情况或依据文件' }]}
        >
          <Input.TextArea data-testid="entity-tags-reason" rows={2} maxLength={200} />
        </Form.Item>
      </FormModal>
    </>
  );
}

type RiskCorrectionBody = ApiInput<'PUT /api/entities/:uscc/risk-class'>['body'];

function RiskCorrection({ entity, onSaved }: { entity: EntityDetail; onSaved: () => void }) {
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<RiskCorrectionBody>();
  const submit = async (values: RiskCorrectionBody) => {
    await call('PUT /api/entities/:uscc/risk-class', {
      params: { uscc: entity.uscc },
      body: { ...values, effectiveOn: values.effectiveOn || undefined },
    });
    setOpen(false);
    onSaved();
    return '风险分类已校正，并记入风险分类历史';
  };
  return (
    <>
      <Button size="small" data-testid="entity-correct-risk" onClick={() => setOpen(true)}>
        校正风险分类
      </Button>
      <FormModal open={open} title={`校正风险分类 · ${entity.name}`} form={form} onCancel={() => setOpen(false)} onSubmit={submit}>
        <Form.Item name="riskClass" label="风险分类" rules={[{ required: true, message: '请选择风险分类' }]}>
          <Select options={riskClassOptions} />
        </Form.Item>
        <Form.Item name="effectiveOn" label="生效日期" extra="不填则为今天">
          <DateField />
        </Form.Item>
        <Form.Item name="reason" label="校正原因" rules={[{ required: true, min: 2, message: '请填写校正原因（至少 2 个字）' }]}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      </FormModal>
    </>
  );
}

type EntityInspection = ApiOutput<'GET /api/entities/:uscc/inspections'>['items'][number];

const inspectionColumns: TableColumnsType<EntityInspection> = [
  { title: '抽取编号', dataIndex: 'drawCode', width: 150 },
  {
    title: '任务',
    key: 'task',
    ellipsis: true,
    render: (_: unknown, v: EntityInspection) => (v.taskName ? `${v.taskName}（${v.taskCode}）` : v.taskCode),
  },
  {
    title: '检查日期',
    key: 'date',
    width: 110,
    render: (_: unknown, v: EntityInspection) => v.checkedOn ?? (v.periodEnd ? `${v.periodEnd} 前` : '—'),
  },
  { title: '检查单位', dataIndex: 'inspectingUnitName', width: 150, ellipsis: true },
  { title: '状态', dataIndex: 'stateText', width: 80 },
  { title: '检查结果', dataIndex: 'resultText', ellipsis: true, render: (v: string[]) => (v.length > 0 ? v.join('；') : '—') },
  { title: '公示', dataIndex: 'publicationText', width: 150 },
];

/** Every visit of the business the caller's units drew or inspected, newest first. */
function InspectionHistory({ uscc }: { uscc: string }) {
  const inspections = useEndpoint('GET /api/entities/:uscc/inspections', { params: { uscc } });
  if (inspections.error) return <ApiErrorAlert error={inspections.error} onRetry={inspections.reload} />;
  return (
    <ListTable<EntityInspection>
      list={inspections}
      testId="entity-inspections"
      size="small"
      rowKey={(v) => `${v.drawId}:${v.inspectingUnitCode}`}
      columns={inspectionColumns}
      scroll={{ x: 900 }}
      locale={{ emptyText: '本单位及下级单位尚未抽查过该市场主体' }}
    />
  );
}

export function EntityDrawer({
  uscc,
  mayWrite,
  onClose,
  onChanged,
}: {
  uscc: string | null;
  mayWrite: boolean;
  onClose: () => void;
  onChanged: () => void;
}) {
  const detail = useEndpoint('GET /api/entities/:uscc', uscc ? { params: { uscc } } : null);
  const d = detail.data && detail.data.uscc === uscc ? detail.data : undefined;
  const changed = () => {
    detail.reload();
    onChanged();
  };
  const riskHistory = d?.history.filter((h) => 'risk_class' in h.changes) ?? [];
  return (
    <Drawer
      open={uscc !== null}
      onClose={onClose}
      size="large"
      title={d ? d.name : '市场主体详情'}
      data-testid="entity-drawer"
      destroyOnHidden
    >
      {detail.error && <ApiErrorAlert error={detail.error} onRetry={detail.reload} />}
      {!d && !detail.error && <PageLoading />}
      {d && (
        <>
          {mayWrite && (
            <Space style={{ marginBottom: 12 }}>
              <TagsEditor entity={d} onSaved={changed} />
              <RiskCorrection entity={d} onSaved={changed} />
            </Space>
          )}
          <Descriptions bordered size="small" column={2}>
            <Descriptions.Item label="统一社会信用代码" span={2}>
              <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                {d.uscc}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="名称" span={2}>
              {d.name}
            </Descriptions.Item>
            <Descriptions.Item label="主体类别">{subjectTypeName(d.subjectType)}</Descriptions.Item>
            <Descriptions.Item label="企业类型">
              <span data-testid="entity-enterprise-type">{enterpriseTypeLabel(d.enterpriseType)}</span>
            </Descriptions.Item>
            <Descriptions.Item label="登记状态">{d.regStatus}</Descriptions.Item>
            <Descriptions.Item label="成立日期">{d.establishedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="法定代表人/经营者">{d.legalRep ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="登记机关">{d.regAuthority ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="住所" span={2}>
              {d.address ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label="所属区划">{d.regionName ? `${d.regionName}（${d.regionCode}）` : d.regionCode}</Descriptions.Item>
            <Descriptions.Item label="管辖单位">{d.unitName ?? d.unitCode}</Descriptions.Item>
            <Descriptions.Item label="行业" span={2}>
              {d.industryCode ? `${d.industryCode} ${d.industryName ?? ''}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="风险分类" span={2}>
              <span data-testid="entity-risk-class">
                <RiskClassTag riskClass={d.riskClass} />
              </span>
              {d.riskClassSince ? `自 ${d.riskClassSince} 起` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="专业领域风险分级" span={2}>
              {d.classifications.length === 0 ? (
                <span data-testid="entity-classifications">无</span>
              ) : (
                <Table
                  size="small"
                  data-testid="entity-classifications"
                  rowKey="classification"
                  pagination={false}
                  dataSource={d.classifications}
                  columns={[
                    { title: '领域', dataIndex: 'label' },
                    { title: '等级', dataIndex: 'riskClass', width: 110, render: (c: string) => <RiskClassTag riskClass={c} /> },
                    { title: '日期', dataIndex: 'ratedOn', width: 110 },
                    { title: '来源', dataIndex: 'source' },
                  ]}
                />
              )}
            </Descriptions.Item>
            <Descriptions.Item label="标签" span={2}>
              <span data-testid="entity-tags">
                <TagList values={d.tags} />
              </span>
            </Descriptions.Item>
          </Descriptions>
          <Divider titlePlacement="start">检查记录</Divider>
          <InspectionHistory uscc={d.uscc} />
          <Divider titlePlacement="start">风险分类历史</Divider>
          <HistoryList history={riskHistory} testId="entity-risk-history" />
          <Divider titlePlacement="start">全部变更记录</Divider>
          <HistoryList history={d.history} testId="entity-history" />
        </>
      )}
    </Drawer>
  );
}
