// 计划编辑 (/console/plans/:id): header, state and actions (发布, 调整, 放弃调整, 备案, 导出,
// 打印, 删除草稿), a version selector, the task table with its edit drawer, 检查提示, 版本对比
// and 调整记录. Only a draft version is editable; published versions stay as they were.
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tabs,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { canWrite } from '../../../../core/access/policy.ts';
import type { PlanField } from '../../../../core/plan/columns.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { formatDateTime } from '../../labels.ts';
import { undrawableWhyText } from '../../../../core/plan/publishDecision.ts';
import type { PlanDetail, PlanSummary, TaskView, UndrawableTask, VersionView } from './planTypes.ts';
import { useSession } from '../../session.tsx';
import { useAction, useFormAction } from '../../useAction.ts';
import { useEndpoint } from '../../useApiData.ts';
import { ChecksPanel } from './ChecksPanel.tsx';
import { DiffView } from './DiffView.tsx';
import { planCommand } from './planApi.ts';
import { planKindText, versionStateText } from './planFormat.ts';
import { PlanStatusTags } from './PlanStatusTags.tsx';
import { PrintView } from './PrintView.tsx';
import { TaskDrawer } from './TaskDrawer.tsx';
import { TaskTable } from './TaskTable.tsx';
import { DateField } from '../../components/DateField.tsx';

const tabKeys = ['tasks', 'checks', 'diff', 'history'] as const;
type TabKey = (typeof tabKeys)[number];

export default function PlanEditorPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const versionParam = params.get('version');
  const tab: TabKey = tabKeys.find((k) => k === params.get('tab')) ?? 'tasks';
  const detail = useEndpoint('GET /api/plans/:id', { params: { id }, query: versionParam ? { version: Number(versionParam) } : {} });
  const checksCount = useEndpoint(
    'GET /api/plans/:id/checks',
    detail.data ? { params: { id }, query: { version: detail.data.version.versionNo } } : null,
  );

  const setParam = (key: 'tab' | 'version', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value === null) next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
  };
  /** After a state change: show the plan's default version again and refresh everything. */
  const refresh = (keepVersion = false) => {
    if (!keepVersion && versionParam) setParam('version', null);
    detail.reload();
    checksCount.reload();
  };

  if (detail.error) {
    return (
      <Card title="年度抽查计划">
        <ApiErrorAlert error={detail.error} onRetry={detail.reload} />
        <Link to="/console/plans">返回计划列表</Link>
      </Card>
    );
  }
  if (!detail.data) return <PageLoading />;
  const data = detail.data;
  const { plan, version } = data;
  const warningCount = checksCount.data?.warnings.length ?? 0;

  return (
    <Card
      data-testid="page-plan-editor"
      title={
        <Flex gap={8} align="center">
          <Link to={`/console/plans?year=${plan.year}`} aria-label="返回计划列表">
            <ArrowLeftOutlined />
          </Link>
          <span data-testid="plan-title">{version.title}</span>
        </Flex>
      }
      extra={
        <Select
          value={version.versionNo}
          onChange={(v: number) => setParam('version', String(v))}
          style={{ width: 240 }}
          data-testid="plan-version"
          aria-label="版本"
          options={data.versions.map((v) => ({
            value: v.versionNo,
            label: `第${v.versionNo}版（${versionStateText[v.state]}${v.publishedAt ? ` ${formatDateTime(v.publishedAt).slice(0, 10)}` : ''}）`,
          }))}
        />
      }
    >
      <Flex vertical gap={16}>
        <PlanHeader data={data} onChanged={() => refresh(true)} />
        <PlanActions data={data} onChanged={refresh} />
        <Tabs
          activeKey={tab}
          onChange={(k) => setParam('tab', k)}
          destroyOnHidden
          items={[
            { key: 'tasks', label: `任务（${data.tasks.length}）`, children: <TasksTab data={data} onChanged={() => refresh(true)} /> },
            {
              key: 'checks',
              label: (
                <Badge count={warningCount} size="small" offset={[8, -2]} color="orange">
                  检查提示
                </Badge>
              ),
              children: <ChecksPanel planId={plan.id} versionNo={version.versionNo} />,
            },
            {
              key: 'diff',
              label: '版本对比',
              children: <DiffView key={version.versionNo} planId={plan.id} versions={data.versions} current={version.versionNo} />,
            },
            { key: 'history', label: '调整记录', children: <VersionHistory versions={data.versions} /> },
          ]}
        />
      </Flex>
      <PrintView plan={plan} version={version} tasks={data.tasks} />
    </Card>
  );
}

function PlanHeader({ data, onChanged }: { data: PlanDetail; onChanged: () => void }) {
  const { plan, version, editable } = data;
  const [editing, setEditing] = useState(false);
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} data-testid="plan-header">
        <Descriptions.Item label="单位">{plan.unitName}</Descriptions.Item>
        <Descriptions.Item label="年度">{plan.year}</Descriptions.Item>
        <Descriptions.Item label="类型">{planKindText[plan.kind]}</Descriptions.Item>
        <Descriptions.Item label="文号">
          <span data-testid="plan-doc-number">{version.docNumber || '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="完成时限">
          <span data-testid="plan-deadline">{version.deadline ?? '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <Flex gap={8} align="center" wrap>
            <PlanStatusTags
              status={plan.status}
              publishedVersion={plan.publishedVersion}
              draftVersion={plan.draftVersion}
              filedVersion={plan.filedVersion}
              testId="plan-status"
            />
            {plan.filedAt && (
              <Typography.Text type="secondary">
                第{plan.filedVersion}版于 {formatDateTime(plan.filedAt)} 备案
              </Typography.Text>
            )}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label="当前查看">
          <span data-testid="plan-version-state">
            第{version.versionNo}版 · {versionStateText[version.state]}
          </span>
          {editable && (
            <Button size="small" type="link" onClick={() => setEditing(true)} data-testid="plan-header-edit">
              修改计划名称/文号/时限
            </Button>
          )}
        </Descriptions.Item>
        {version.reason && (
          <Descriptions.Item label="调整原因" span={2}>
            {version.reason}
          </Descriptions.Item>
        )}
        {version.undrawableReason && (
          <Descriptions.Item label="无法抽取任务的发布说明" span={3}>
            <span data-testid="plan-undrawable-reason">{version.undrawableReason}</span>
            <Typography.Text type="secondary">
              （发布时 {version.undrawableTasks.length} 个任务无法抽取：
              {version.undrawableTasks.map((t) => `任务${t.seq ?? ''}（${t.code}）${undrawableWhyText[t.why]}`).join('；')}）
            </Typography.Text>
          </Descriptions.Item>
        )}
      </Descriptions>
      {editing && <HeaderModal plan={plan} version={version} onClose={() => setEditing(false)} onSaved={onChanged} />}
    </>
  );
}

function HeaderModal({
  plan,
  version,
  onClose,
  onSaved,
}: {
  plan: PlanSummary;
  version: VersionView;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [title, setTitle] = useState(version.title);
  const [docNumber, setDocNumber] = useState(version.docNumber);
  const [deadline, setDeadline] = useState(version.deadline ?? '');
  const { busy, error, run } = useFormAction();
  const save = () =>
    run(async () => {
      await planCommand.patch(plan.id, { title, docNumber, deadline: deadline || null });
      onSaved();
      onClose();
      return '已保存计划信息';
    });
  return (
    <Modal
      open
      title="修改计划信息（草稿）"
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      cancelText="取消"
      confirmLoading={busy}
    >
      <Form layout="vertical" component="div">
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
        <Form.Item label="计划名称">
          <Input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} data-testid="plan-header-title" />
        </Form.Item>
        <Form.Item label="文号">
          <Input value={docNumber} onChange={(e) => setDocNumber(e.target.value)} maxLength={60} data-testid="plan-header-doc-number" />
        </Form.Item>
        <Form.Item label="完成时限">
          <DateField value={deadline} onChange={setDeadline} testId="plan-header-deadline" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PlanActions({ data, onChanged }: { data: PlanDetail; onChanged: () => void }) {
  const { role } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [publishing, setPublishing] = useState(false);
  const { busy, run } = useAction();
  const { plan, own, version } = data;
  const mayWrite = own && role !== null && canWrite(role, 'plans');

  const act = (work: () => Promise<string>) =>
    run(async () => {
      const done = await work();
      onChanged();
      return done;
    });

  const confirm = (title: string, label: string, testId: string, work: () => Promise<string>, danger = false) => (
    <Popconfirm title={title} okText={label} cancelText="取消" okButtonProps={{ danger }} onConfirm={() => act(work)}>
      <Button loading={busy} danger={danger} data-testid={testId}>
        {label}
      </Button>
    </Popconfirm>
  );

  return (
    <Flex gap={8} wrap data-testid="plan-actions">
      {mayWrite && plan.draftVersion !== null && (
        <Button type="primary" onClick={() => setPublishing(true)} data-testid="plan-publish">
          发布第{plan.draftVersion}版
        </Button>
      )}
      {mayWrite &&
        plan.publishedVersion !== null &&
        plan.draftVersion === null &&
        confirm('以当前发布版本为底稿生成新版本草稿？已发布的版本保持不变。', '调整计划', 'plan-adjust', async () => {
          const r = await planCommand.adjust(plan.id);
          return `已生成第${r.version}版调整草稿，修改后发布`;
        })}
      {mayWrite &&
        plan.draftVersion !== null &&
        plan.publishedVersion !== null &&
        confirm(
          `放弃第${plan.draftVersion}版调整草稿？已发布的第${plan.publishedVersion}版不受影响。`,
          '放弃调整',
          'plan-discard',
          async () => {
            await planCommand.discard(plan.id);
            return '已放弃调整草稿';
          },
        )}
      {mayWrite &&
        plan.publishedVersion !== null &&
        plan.filedVersion !== plan.publishedVersion &&
        confirm(`将已发布的第${plan.publishedVersion}版报上级单位备案？`, '报上级备案', 'plan-file', async () => {
          const r = await planCommand.file(plan.id);
          return `第${r.version}版已报上级备案`;
        })}
      <Button icon={<DownloadOutlined />} href={`/api/plans/${plan.id}/export?version=${version.versionNo}`} data-testid="plan-export">
        导出 Excel
      </Button>
      <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="plan-print-button">
        打印
      </Button>
      {mayWrite && plan.publishedVersion === null && (
        <Popconfirm
          title="删除这份从未发布的计划草稿及其全部任务？"
          okText="删除"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={() =>
            run(async () => {
              await planCommand.remove(plan.id);
              navigate(`/console/plans?year=${plan.year}`);
              return '已删除计划草稿';
            })
          }
        >
          <Button danger data-testid="plan-delete">
            删除草稿
          </Button>
        </Popconfirm>
      )}
      {publishing && (
        <PublishModal
          plan={plan}
          undrawable={data.undrawable}
          onClose={() => setPublishing(false)}
          onPublished={(versionNo) => {
            message.success(`第${versionNo}版已发布，已在门户“计划公告”公示`);
            setPublishing(false);
            onChanged();
          }}
        />
      )}
    </Flex>
  );
}

function PublishModal({
  plan,
  undrawable,
  onClose,
  onPublished,
}: {
  plan: PlanSummary;
  /** Tasks of the draft with no drawable population: publishing them needs a stated reason. */
  undrawable: UndrawableTask[];
  onClose: () => void;
  onPublished: (versionNo: number) => void;
}) {
  const adjustment = plan.publishedVersion !== null;
  const [reason, setReason] = useState('');
  const [undrawableReason, setUndrawableReason] = useState('');
  const { busy, error, run } = useFormAction();
  const publish = () =>
    run(async () => {
      const r = await planCommand.publish(plan.id, {
        reason: reason.trim() || undefined,
        undrawableReason: undrawable.length > 0 ? undrawableReason.trim() || undefined : undefined,
      });
      onPublished(r.version);
    });
  return (
    <Modal
      open
      title={adjustment ? `发布第${plan.draftVersion}版（计划调整）` : `发布第${plan.draftVersion}版`}
      onCancel={onClose}
      okText="发布"
      cancelText="取消"
      onOk={() => void publish()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'plan-publish-confirm' } as ButtonProps}
    >
      <Flex vertical gap={8}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          {adjustment
            ? `发布后第${plan.draftVersion}版取代第${plan.publishedVersion}版在门户公示，旧版本仍可查阅；调整后需重新报上级备案。`
            : '发布后计划在门户“计划公告”向社会公示，任务进入“抽查任务”。仍有无法识别的单元格时不能发布。'}
        </Typography.Paragraph>
        {adjustment && (
          <ReasonField label="调整原因（将随新版本公示，至少 4 个字）" value={reason} onChange={setReason} testId="plan-publish-reason" />
        )}
        {undrawable.length > 0 && (
          <Alert
            type="warning"
            showIcon
            data-testid="plan-publish-undrawable"
            title={`有 ${undrawable.length} 个任务没有可抽取的对象，发布后这些任务不能抽取`}
            description={
              <ul style={{ margin: 0, paddingLeft: 18, maxHeight: 160, overflowY: 'auto' }}>
                {undrawable.map((t) => (
                  <li key={t.code}>
                    任务{t.seq ?? ''}“{t.name}”（{t.code}）：{undrawableWhyText[t.why]}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {undrawable.length > 0 && (
          <ReasonField
            label="无法抽取任务的发布说明（为什么照此发布；随版本记录并写入审计日志，至少 4 个字）"
            value={undrawableReason}
            onChange={setUndrawableReason}
            testId="plan-publish-undrawable-reason"
          />
        )}
        {error && (
          <Typography.Text type="danger" data-testid="plan-publish-error">
            {error}
          </Typography.Text>
        )}
      </Flex>
    </Modal>
  );
}

function TasksTab({ data, onChanged }: { data: PlanDetail; onChanged: () => void }) {
  const { run } = useAction();
  const [editing, setEditing] = useState<TaskView | 'new' | null>(null);
  const presentFields = [...new Set(data.tasks.flatMap((t) => Object.keys(t.cells) as PlanField[]))];
  const errorCells = data.tasks.reduce((n, t) => n + t.problems.filter((p) => p.severity === 'error').length, 0);

  const remove = (task: TaskView) =>
    run(async () => {
      await planCommand.deleteTask(data.plan.id, task.code);
      onChanged();
      return `已删除任务 ${task.code}`;
    });

  return (
    <Flex vertical gap={8}>
      <Flex gap={12} align="center" wrap>
        {data.editable && (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="task-add">
            新增任务
          </Button>
        )}
        {errorCells > 0 && (
          <Typography.Text type="danger" data-testid="plan-error-cells">
            有 {errorCells} 个单元格无法识别（红框），请点“修改”逐一改正后再发布；橙框为需核对的提示。
          </Typography.Text>
        )}
        {!data.editable && data.own && data.version.state !== 'draft' && (
          <Typography.Text type="secondary">已发布的版本不能直接修改；如需变更，请点“调整计划”生成新版本草稿。</Typography.Text>
        )}
      </Flex>
      {data.tasks.length === 0 ? (
        <Empty description="本版本没有任务" />
      ) : (
        <TaskTable tasks={data.tasks} editable={data.editable} onEdit={(t) => setEditing(t)} onDelete={(t) => void remove(t)} />
      )}
      {editing !== null && (
        <TaskDrawer
          key={editing === 'new' ? 'new' : editing.code}
          planId={data.plan.id}
          task={editing === 'new' ? null : editing}
          presentFields={presentFields}
          onClose={() => setEditing(null)}
          onSaved={onChanged}
        />
      )}
    </Flex>
  );
}

function VersionHistory({ versions }: { versions: VersionView[] }) {
  return (
    <Table<VersionView>
      size="small"
      data-testid="plan-history"
      rowKey="versionNo"
      dataSource={[...versions].reverse()}
      pagination={false}
      columns={[
        { title: '版本', dataIndex: 'versionNo', width: 80, render: (v: number) => `第${v}版` },
        { title: '状态', dataIndex: 'state', width: 90, render: (s: VersionView['state']) => versionStateText[s] },
        { title: '计划名称', dataIndex: 'title' },
        { title: '调整原因', dataIndex: 'reason', render: (r: string | null, v) => r ?? (v.versionNo === 1 ? '首次发布' : '—') },
        {
          title: '无法抽取任务的发布说明',
          dataIndex: 'undrawableReason',
          render: (r: string | null, v) => (r ? `${r}（${v.undrawableTasks.length} 个任务）` : '—'),
        },
        {
          title: '发布',
          key: 'published',
          width: 220,
          render: (_, v) => (v.publishedAt ? `${formatDateTime(v.publishedAt)} ${v.publishedByName ?? ''}` : '未发布'),
        },
        { title: '来源文件', dataIndex: 'sourceFileName', width: 160, render: (f: string | null) => f ?? '—' },
      ]}
    />
  );
}

/** A required reason (up to 500 characters) typed in the publish dialog. */
function ReasonField({
  label,
  value,
  onChange,
  testId,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  testId: string;
}) {
  return (
    <Form layout="vertical" component="div">
      <Form.Item label={label} required style={{ marginBottom: 0 }}>
        <Input.TextArea rows={3} value={value} onChange={(e) => onChange(e.target.value)} maxLength={500} data-testid={testId} />
      </Form.Item>
    </Form>
  );
}
