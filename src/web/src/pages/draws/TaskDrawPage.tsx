// /console/tasks/:code — one task's draw (docs/draw-spec.md §2–§4, §7, §9): the eligible objects
// N per 信用风险分类 after the exclusions (each with its reason) and the n each class will give,
// the 承诺 form (frame frozen, public source declared, commit published on the portal before any
// seed; confirmed first; a reason when it is a re-draw or the task period has ended), and every
// draw of the task, voided ones included. A joint task (部门联合) shows its 检查方案 above the
// commit, which waits until every 配合部门 has confirmed it; only its 发起部门 draws.
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
  Typography,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { canWrite } from '../../../../core/access/policy.ts';
import { call, type ApiOutput } from '../../api.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { TextField } from '../../components/FormFields.tsx';
import { formatDateTime } from '../../labels.ts';
import { useSession } from '../../session.tsx';
import { toApiError, useEndpoint } from '../../useApiData.ts';
import { JointSchemePanel, type JointScheme } from './JointSchemePanel.tsx';
import {
  DrawStatusTag,
  HashText,
  PlannedTable,
  declaredSourceText,
  plannedRows,
  plannedText,
  publicSourceKinds,
  shortHash,
  sourceKindLabel,
  stratumName,
  totalOf,
  type PublicSourceKind,
} from './drawFormat.tsx';

type DrawPreview = ApiOutput<'GET /api/tasks/:code/draw-preview'>;
type CommitView = DrawPreview['draws'][number];
type CommitResponse = ApiOutput<'POST /api/tasks/:code/draws'>;
type MergedResponse = ApiOutput<'POST /api/draws/merged'>;
/** What the page shows of a commit just made: one task's, or a merged draw's (合并抽取). */
type Committed = { id: string; drawCode: string; commit: string; text: string };

function committedOfTask(r: CommitResponse): Committed {
  return {
    id: r.id,
    drawCode: r.drawCode,
    commit: r.commit,
    text: `可抽取 ${totalOf(r.counts).toLocaleString('en-US')} 户，将抽取（n/N）：${plannedText([r.planned])}；${r.allocation}`,
  };
}

function committedOfMerge(r: MergedResponse): Committed {
  return {
    id: r.id,
    drawCode: r.drawCode,
    commit: r.commit,
    text: `合并抽取 ${r.groups.length} 个任务：${r.groups.map((g) => `任务 ${g.code} 将抽取（n/N）${plannedText([g.planned])}`).join('；')}。同一主体被多个任务抽中的，只检查一次。`,
  };
}

const relationLabel = { own: '本单位计划的任务', upper: '上级计划中由本级实施的任务', joint: '本部门参与的联合抽查任务' } as const;

const sourcePlaceholder: Record<PublicSourceKind, string> = {
  dice: '如：2025-04-20 公开摇号现场骰子（纪检监察员见证）',
  lottery: '如：中国福利彩票双色球 2025年第45期开奖号码',
  beacon: '如：国家授时中心随机信标 2025-04-20 10:00 轮次',
};

export default function TaskDrawPage() {
  const { code = '' } = useParams();
  const [manualCount, setManualCount] = useState<number | null>(null);
  const preview = useEndpoint('GET /api/tasks/:code/draw-preview', { params: { code }, query: { manualCount: manualCount ?? undefined } });
  const { data, error } = preview;
  const joint = (data?.task.participants.length ?? 0) > 0;
  const scheme = useEndpoint('GET /api/tasks/:code/joint-scheme', joint ? { params: { code } } : null);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="task-draw-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        抽查任务 {code}
        {data ? `　${data.task.name}` : ''}
      </Typography.Title>
      <Link to="/console/tasks">← 返回抽查任务</Link>
      {error && <ApiErrorAlert error={error} onRetry={preview.reload} />}
      {data && (
        <>
          <TaskSummary preview={data} />
          <PopulationCard preview={data} />
          {joint && scheme.error && <ApiErrorAlert error={scheme.error} onRetry={scheme.reload} />}
          {joint && scheme.data && <JointSchemePanel code={code} view={scheme.data} onChanged={scheme.reload} />}
          <CommitCard
            preview={data}
            scheme={joint ? (scheme.data ?? null) : null}
            manualCount={manualCount}
            onManualCount={setManualCount}
            onCommitted={preview.reload}
          />
          <DrawList draws={data.draws} />
        </>
      )}
      {!data && !error && <Card loading />}
    </Space>
  );
}

function TaskSummary({ preview }: { preview: DrawPreview }) {
  const { task } = preview;
  return (
    <Card title="任务概况" size="small">
      <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="task-summary">
        <Descriptions.Item label="任务编号">{task.code}</Descriptions.Item>
        <Descriptions.Item label="任务名称">{task.name}</Descriptions.Item>
        <Descriptions.Item label="所属计划">
          {task.planTitle}（{task.planUnitName}）
        </Descriptions.Item>
        <Descriptions.Item label="与本单位的关系">{relationLabel[task.reach.relation]}</Descriptions.Item>
        <Descriptions.Item label="抽查事项">{task.items.join('、') || '—'}</Descriptions.Item>
        <Descriptions.Item label="抽查对象范围">{task.population}</Descriptions.Item>
        <Descriptions.Item label="抽查期间">{task.period ? `${task.period.start} 至 ${task.period.end}` : '—'}</Descriptions.Item>
        <Descriptions.Item label="每年批次">{task.batchesPerYear}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

function PopulationCard({ preview }: { preview: DrawPreview }) {
  const excludedTotal = preview.excluded.reduce((a, e) => a + e.count, 0);
  return (
    <Card title="抽查名录（按当前名录库实时生成，承诺时冻结）" size="small" data-testid="draw-preview">
      <Flex gap={24} wrap>
        <div style={{ flex: '1 1 320px' }}>
          <Typography.Paragraph data-testid="preview-basis">
            检查对象：<b>{preview.objectKindLabel}</b>
            {preview.objectKindLabel === '市场主体' ? '（按统一社会信用代码抽取）' : '（按对象编码抽取，不分风险等级）'}；风险分类依据：
            <b data-testid="preview-classification">{preview.classificationLabel}</b>
          </Typography.Paragraph>
          <Typography.Paragraph>
            名录分库在本单位范围内共 <b data-testid="preview-entries">{preview.entries.toLocaleString('en-US')}</b> 户，排除{' '}
            <b>{excludedTotal.toLocaleString('en-US')}</b> 户后可抽取{' '}
            <b data-testid="preview-eligible">{totalOf(preview.counts).toLocaleString('en-US')}</b> 户：
          </Typography.Paragraph>
          <PlannedTable groups={preview.planned ? [preview.planned] : null} counts={preview.counts} testId="preview-counts" />
        </div>
        <div style={{ flex: '1 1 320px' }}>
          <Typography.Paragraph strong>排除名单（抽取规范第7条，每条注明来源）</Typography.Paragraph>
          {preview.excluded.length === 0 ? (
            <Typography.Text type="secondary">无排除对象。</Typography.Text>
          ) : (
            <Table
              data-testid="preview-excluded"
              size="small"
              pagination={false}
              rowKey="reason"
              dataSource={preview.excluded}
              columns={[
                { title: '排除原因', dataIndex: 'reason' },
                { title: '户数', dataIndex: 'count', align: 'right' },
              ]}
            />
          )}
          <Typography.Paragraph strong style={{ marginTop: 16 }}>
            抽取数量分配
          </Typography.Paragraph>
          {preview.allocation.ok ? (
            <Alert
              type="info"
              showIcon
              title={preview.allocation.note}
              description={
                preview.planned
                  ? `本批将抽取 ${totalOf(Object.fromEntries(plannedRows([preview.planned]).map((r) => [r.stratum, r.n]))).toLocaleString('en-US')} 户，各风险分类的可抽取户数 N 和将抽取户数 n 见左表。`
                  : undefined
              }
              data-testid="preview-allocation"
            />
          ) : (
            <Alert type="warning" showIcon title={preview.allocation.message} data-testid="preview-allocation" />
          )}
        </div>
      </Flex>
    </Card>
  );
}

interface CommitForm {
  batch: number;
  kind: PublicSourceKind;
  name: string;
  reserve: number;
  reason?: string;
  /** 合并抽取: the other tasks drawn with this one under the same commit. */
  mergeWith?: string[];
}

function CommitCard({
  preview,
  scheme,
  manualCount,
  onManualCount,
  onCommitted,
}: {
  preview: DrawPreview;
  /** A joint task's 检查方案 (null for any other task). */
  scheme: JointScheme | null;
  manualCount: number | null;
  onManualCount: (n: number | null) => void;
  onCommitted: () => void;
}) {
  const { message, modal } = App.useApp();
  const { role } = useSession();
  const [form] = Form.useForm<CommitForm>();
  const [saving, setSaving] = useState(false);
  const [committed, setCommitted] = useState<Committed | null>(null);
  const mergeWith = Form.useWatch('mergeWith', form) ?? [];
  const batch = Form.useWatch('batch', form) ?? 1;
  const kind = Form.useWatch('kind', form) ?? 'dice';
  const { task } = preview;
  const manual = task.quota?.kind === 'manual';
  const batchDraws = preview.draws.filter((d) => d.batch === batch);
  const active = batchDraws.find((d) => d.status !== 'voided');
  const redraw = !active && batchDraws.length > 0;
  const late = preview.periodEndedOn;
  const waitingForScheme = task.participants.length > 0 && !scheme?.readyToDraw;

  if (!task.reach.canDraw) {
    return (
      <Card title="承诺" size="small">
        <Alert
          type="info"
          showIcon
          data-testid="commit-not-drawer"
          title={
            task.participants.length > 0
              ? `本任务为部门联合抽查，由发起部门${scheme ? `（${scheme.initiatingUnitName}）` : ''}抽取，本单位为配合部门：请在上方确认检查方案；抽取后，可在下方抽取记录中查看抽取结果和本单位派出的检查人员。`
              : '本任务由上级单位抽取，本单位负责检查：抽取结果出来后，可在下方抽取记录中查看本单位负责的检查户及检查人员。'
          }
        />
      </Card>
    );
  }
  if (!role || !canWrite(role, 'tasks')) {
    return (
      <Card title="承诺" size="small">
        <Typography.Text type="secondary">当前角色只能查看抽取记录。</Typography.Text>
      </Card>
    );
  }

  const commit = async (values: CommitForm) => {
    setSaving(true);
    try {
      const common = {
        batch: values.batch,
        publicSource: { kind: values.kind, name: values.name.trim() },
        reserve: values.reserve,
        ...(values.reason?.trim() ? { reason: values.reason.trim() } : {}),
      };
      const result = values.mergeWith?.length
        ? committedOfMerge(await call('POST /api/draws/merged', { body: { ...common, taskCodes: [task.code, ...values.mergeWith] } }))
        : committedOfTask(
            await call('POST /api/tasks/:code/draws', {
              params: { code: task.code },
              body: { ...common, ...(manual && manualCount !== null ? { manualCount } : {}) },
            }),
          );
      setCommitted(result);
      message.success(`已承诺 ${result.drawCode}，承诺值已在公示网站公示`);
      form.resetFields(['reason']);
      onCommitted();
    } catch (e) {
      message.error(toApiError(e).message);
    } finally {
      setSaving(false);
    }
  };

  // 承诺并公示 cannot be undone (a re-draw is a new, visible commit): say what happens, then ask.
  const confirm = (values: CommitForm) => {
    const rows = preview.planned ? plannedRows([preview.planned]) : [];
    const merged = values.mergeWith ?? [];
    modal.confirm({
      title: merged.length
        ? `确认合并抽取 ${[task.code, ...merged].join('、')} 第 ${values.batch} 批并公示承诺？`
        : `确认承诺并公示 ${task.code} 第 ${values.batch} 批？`,
      width: 640,
      okText: '承诺并公示',
      cancelText: '再检查一下',
      okButtonProps: { 'data-testid': 'commit-confirm-ok' } as ButtonProps,
      content: (
        <Space direction="vertical" size={8} style={{ width: '100%' }} data-testid="commit-confirm">
          <Typography.Text>
            承诺后抽查名录和排除名单即被冻结，承诺值立即在公示网站“任务公告”公示，不能撤回；同一承诺只能摇号一次，重抽须作废并重新承诺（作废记录同样公示）。
          </Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey="stratum"
            dataSource={rows}
            columns={[
              { title: '信用风险分类', dataIndex: 'stratum', render: (c: string) => stratumName(c) },
              { title: '可抽取 N', dataIndex: 'N', align: 'right' },
              { title: '将抽取 n', dataIndex: 'n', align: 'right' },
            ]}
          />
          {merged.length > 0 && (
            <Alert
              type="info"
              showIcon
              title={`合并抽取：本任务与 ${merged.join('、')} 共用一个承诺和种子，各任务按各自的名录、排除名单和比例分别抽取（上表为本任务），同一主体被多个任务抽中的只检查一次，检查时一并检查各任务的事项。`}
            />
          )}
          <Typography.Text>
            {merged.length ? '本任务' : '共'}抽取 {rows.reduce((a, r) => a + r.n, 0)} 户；每个风险分类备选 {values.reserve}{' '}
            户；公开随机来源：
            {sourceKindLabel[values.kind]}（{values.name.trim()}）。
          </Typography.Text>
          {late && (
            <Alert type="warning" showIcon title={`任务抽查期间已于 ${late} 结束，原因将随任务公告公示：${values.reason?.trim() ?? ''}`} />
          )}
        </Space>
      ),
      onOk: () => commit(values),
    });
  };

  const reasonLabel = late
    ? `抽取原因（任务抽查期间已于 ${late} 结束${redraw ? '，且本批已有作废的抽取记录' : ''}；原因随任务公告公示）`
    : '重抽原因（本批已有作废的抽取记录，原因随任务公告公示）';

  return (
    <Card title="承诺（冻结名录、声明随机来源、公示承诺值）" size="small" data-testid="commit-card">
      <Typography.Paragraph type="secondary">
        承诺时冻结上面的抽查名录和排除名单，连同抽取参数和声明的公开随机来源计算承诺值（commit），并立即在公示网站“任务公告”公示。此时还没有种子：
        摇号时由见证人录入公开随机来源的取值（骰子数字、彩票开奖号或信标取值），平台事先承诺的随机数同时揭示，二者共同决定种子。
        同一承诺只能抽取一次；重抽须先作废并以新的承诺重新公示。
      </Typography.Paragraph>
      {late && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="commit-late"
          title={`本任务的抽查期间已于 ${late} 结束`}
          description="期间结束后仍要抽取的（如补录、整改后补抽），须在下方写明原因；原因随承诺值一起在任务公告公示。"
        />
      )}
      {committed && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="commit-result"
          title={`已承诺：${committed.drawCode}`}
          description={
            <Space direction="vertical" size={4}>
              <span>
                承诺值（commit）：
                <HashText value={committed.commit} testId="commit-hash" />
              </span>
              <span data-testid="commit-planned">{committed.text}</span>
              <span>
                已在公示网站{' '}
                <Link to="/gs/tasks" target="_blank">
                  任务公告
                </Link>{' '}
                公示。
                <Link to={`/console/draws/${committed.id}`} data-testid="commit-open-draw">
                  查看抽取记录、进入摇号 →
                </Link>
              </span>
            </Space>
          }
        />
      )}
      <Form<CommitForm>
        form={form}
        layout="vertical"
        initialValues={{ batch: 1, kind: 'dice', reserve: 2 }}
        onFinish={confirm}
        style={{ maxWidth: 720 }}
        data-testid="commit-form"
      >
        <Flex gap={16} wrap>
          <Form.Item name="batch" label="批次" style={{ minWidth: 140 }}>
            <Select
              data-testid="commit-batch"
              options={Array.from({ length: task.batchesPerYear }, (_, i) => ({ value: i + 1, label: `第 ${i + 1} 批` }))}
            />
          </Form.Item>
          <Form.Item
            name="reserve"
            label="每个风险分类的备选数"
            rules={[{ required: true, message: '请填写备选数（0—50）' }]}
            tooltip="抽中对象检查前已注销等无法检查时，按备选顺序依次替补（须写明原因）"
          >
            <InputNumber min={0} max={50} precision={0} data-testid="commit-reserve" />
          </Form.Item>
          {manual && (
            <Form.Item label="本批抽取户数" required tooltip="任务的抽查数量需人工确定，填写后上方分配随之更新">
              <InputNumber
                min={1}
                max={100000}
                precision={0}
                value={manualCount}
                onChange={(v) => onManualCount(typeof v === 'number' ? v : null)}
                data-testid="commit-manual-count"
              />
            </Form.Item>
          )}
        </Flex>
        <Form.Item name="kind" label="公开随机来源">
          <Radio.Group data-testid="commit-source-kind" options={publicSourceKinds.map((k) => ({ value: k, label: sourceKindLabel[k] }))} />
        </Form.Item>
        <TextField
          name="name"
          label="来源说明（何时、何地、由谁见证；彩票写明期号，信标写明轮次）"
          required="请写明随机来源"
          rules={[{ min: 6, message: '来源说明至少 6 个字，如“2026-03-12 公开摇号现场骰子（纪检监察员见证）”' }]}
          maxLength={120}
          placeholder={sourcePlaceholder[kind]}
          testId="commit-source-name"
        />
        {preview.mergeCandidates.length > 0 && (
          <Form.Item
            name="mergeWith"
            label="与本计划的其他任务合并抽取（进一次门、查多项事，可不选）"
            tooltip="合并抽取的任务共用一个承诺和种子，各任务仍按各自的名录、排除名单和比例抽取；同一主体被几个任务抽中，只检查一次，检查各任务的事项。"
          >
            <Select
              mode="multiple"
              allowClear
              data-testid="commit-merge"
              placeholder="选择要一起抽取的任务"
              options={preview.mergeCandidates.map((c) => ({
                value: c.code,
                label: `${c.code} ${c.name}${c.samePopulation ? '（对象范围相同）' : ''}`,
              }))}
            />
          </Form.Item>
        )}
        {preview.mergeCandidates.some((c) => c.samePopulation) && mergeWith.length === 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="merge-offer"
            title={`任务 ${preview.mergeCandidates
              .filter((c) => c.samePopulation)
              .map((c) => c.code)
              .join('、')} 与本任务的抽查对象范围相同、抽查期间相交：分别抽取时同一企业可能被检查两次，建议在上方选择“合并抽取”。`}
          />
        )}
        {(redraw || late) && (
          <Form.Item name="reason" label={reasonLabel} rules={[{ required: true, min: 4, message: '请填写原因（至少 4 个字）' }]}>
            <Input.TextArea rows={2} maxLength={500} data-testid="commit-reason" />
          </Form.Item>
        )}
        {active ? (
          <Alert
            type="warning"
            showIcon
            title={`第 ${batch} 批已有抽取记录 ${active.drawCode}（${active.status === 'drawn' ? '已抽取' : '已承诺、待摇号'}）。同一批不能再承诺；确需重抽，请先在抽取记录中作废并写明原因。`}
          />
        ) : (
          <Space direction="vertical">
            {waitingForScheme && (
              <Alert
                type="warning"
                showIcon
                data-testid="commit-waits-scheme"
                title={
                  scheme?.scheme
                    ? `部门联合抽查须待各配合部门确认检查方案后才能抽取：尚待 ${scheme.pendingDepartments.join('、')} 确认第 ${scheme.scheme.version} 版方案。`
                    : '部门联合抽查须先制定检查方案（上方“制定检查方案”），经各配合部门确认后才能抽取。'
                }
              />
            )}
            <Button
              type="primary"
              htmlType="submit"
              loading={saving}
              disabled={!preview.allocation.ok || waitingForScheme}
              data-testid="commit-submit"
            >
              承诺并公示…
            </Button>
          </Space>
        )}
      </Form>
    </Card>
  );
}

function DrawList({ draws }: { draws: CommitView[] }) {
  const sorted = useMemo(() => [...draws].sort((a, b) => a.batch - b.batch || a.attempt - b.attempt), [draws]);
  const columns: TableColumnsType<CommitView> = [
    {
      title: '抽取编号',
      dataIndex: 'drawCode',
      render: (v: string, d) => (
        <Link to={`/console/draws/${d.id}`} data-testid="draw-link">
          {v}
        </Link>
      ),
    },
    { title: '抽取单位', dataIndex: 'unitName' },
    {
      title: '合并抽取',
      dataIndex: 'mergedTasks',
      render: (tasks: string[] | null) => (tasks ? tasks.join('、') : '—'),
    },
    { title: '批次', dataIndex: 'batch', width: 70 },
    { title: '状态', dataIndex: 'status', width: 130, render: (s: CommitView['status']) => <DrawStatusTag status={s} /> },
    {
      title: '承诺值',
      dataIndex: 'commit',
      render: (c: string) => (
        <Typography.Text style={{ fontFamily: 'monospace' }} copyable={{ text: c }}>
          {shortHash(c, 16)}
        </Typography.Text>
      ),
    },
    { title: '承诺时间', dataIndex: 'committedAt', width: 170, render: (t: string) => formatDateTime(t) },
    {
      title: '抽取 n / 可抽取 N',
      key: 'planned',
      render: (_: unknown, d) => plannedText(d.planned.map((g) => g.classes)),
    },
    { title: '随机来源', key: 'source', render: (_: unknown, d) => declaredSourceText(d.publicSource) },
    {
      title: '原因',
      key: 'reason',
      render: (_: unknown, d) => (
        <Space direction="vertical" size={0}>
          {d.commitReason && <span>承诺原因：{d.commitReason}</span>}
          {d.voidReason && <Typography.Text type="danger">作废原因：{d.voidReason}</Typography.Text>}
          {!d.commitReason && !d.voidReason && '—'}
        </Space>
      ),
    },
  ];
  return (
    <Card title="本任务的抽取记录（作废的记录仍然保留并公示）" size="small">
      {sorted.length === 0 ? (
        <Empty description="尚未承诺" />
      ) : (
        <Table data-testid="task-draws" size="small" rowKey="id" dataSource={sorted} columns={columns} pagination={false} />
      )}
    </Card>
  );
}
