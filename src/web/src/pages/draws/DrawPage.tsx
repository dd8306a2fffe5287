// /console/draws/:id — one draw of record (issue 5): the commit and its declared source; when
// committed, the way into the full-screen ceremony; when drawn, the sample, reserves, visits and
// inspector matching (draw-spec §5–§8), the bundles (§10), publishing the result (§9) and voiding.
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { canWrite } from '../../../../core/access/policy.ts';
import { ApiError } from '../../api.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import type { DrawDetail, UnstaffableVisit, Visit } from '../../drawsApiTypes.ts';
import { formatDateTime } from '../../labels.ts';
import { useSession } from '../../session.tsx';
import { toApiError, useApiData } from '../../useApiData.ts';
import {
  ClassCountsTable,
  commitCounts,
  DrawStatusTag,
  HashText,
  ReserveTable,
  SampleTable,
  drawCommand,
  sourceKindLabel,
  stratumName,
  totalOf,
} from './drawFormat.tsx';

export default function DrawPage() {
  const { id = '' } = useParams();
  const draw = useApiData<DrawDetail>(`/api/draws/${encodeURIComponent(id)}`);
  const { role } = useSession();
  const mayWrite = role !== null && canWrite(role, 'tasks');
  const { data, error } = draw;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="draw-page">
      {error && <ApiErrorAlert error={error} onRetry={draw.reload} />}
      {!data && !error && <Card loading />}
      {data && (
        <>
          <Flex align="center" gap={12} wrap>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="draw-code">
              抽取记录 {data.drawCode}
            </Typography.Title>
            <DrawStatusTag status={data.status} />
            {data.resultPublicAt && <Tag color="cyan">结果已公开</Tag>}
          </Flex>
          <Link to={`/console/tasks/${encodeURIComponent(data.taskCode)}`}>← 任务 {data.taskCode}</Link>
          <CommitFacts draw={data} />
          {data.status === 'voided' && (
            <Alert
              type="warning"
              showIcon
              data-testid="draw-voided"
              title={`本抽取记录已于 ${data.voidedAt ? formatDateTime(data.voidedAt) : ''} 由 ${data.voidedByName ?? ''} 作废`}
              description={`作废原因：${data.voidReason ?? ''}。作废的记录仍然保留并在任务公告公示；重抽须在任务页面以新的承诺重新公示。`}
            />
          )}
          {data.status === 'committed' && <CommittedActions draw={data} mayWrite={mayWrite && data.own} onChanged={draw.reload} />}
          {data.status === 'drawn' && <DrawnView draw={data} mayWrite={mayWrite} onChanged={draw.reload} />}
        </>
      )}
    </Space>
  );
}

function CommitFacts({ draw }: { draw: DrawDetail }) {
  const counts = commitCounts(draw.counts);
  return (
    <Card title="承诺（摇号前已公示）" size="small">
      <Flex gap={24} wrap>
        <Descriptions size="small" column={1} style={{ flex: '2 1 420px' }} bordered>
          <Descriptions.Item label="承诺值（commit）">
            <HashText value={draw.commit} testId="draw-commit" />
          </Descriptions.Item>
          <Descriptions.Item label="承诺时间">
            {formatDateTime(draw.committedAt)}（{draw.createdByName}）
          </Descriptions.Item>
          <Descriptions.Item label="抽取单位">{draw.unitName}</Descriptions.Item>
          <Descriptions.Item label="抽查事项">{draw.params.groups.flatMap((g) => g.items).join('、')}</Descriptions.Item>
          <Descriptions.Item label="声明的随机来源">
            {draw.params.sources.map((s, i) => (
              <div key={i}>
                {sourceKindLabel[s.kind] ?? s.kind}：{s.name}
              </div>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label="排除户数">{draw.excludedCount}</Descriptions.Item>
          {draw.seed && (
            <>
              <Descriptions.Item label="随机来源取值">
                {(draw.sources ?? []).map((s, i) => (
                  <div key={i}>
                    {sourceKindLabel[s.kind] ?? s.kind}：<Typography.Text code>{s.value}</Typography.Text>
                  </div>
                ))}
              </Descriptions.Item>
              <Descriptions.Item label="种子（seed）">
                <HashText value={draw.seed} testId="draw-seed" />
              </Descriptions.Item>
              <Descriptions.Item label="摇号">
                {draw.drawnAt ? formatDateTime(draw.drawnAt) : ''}，操作人 {draw.drawnByName}，见证人 {draw.witnessName}
              </Descriptions.Item>
            </>
          )}
        </Descriptions>
        <div style={{ flex: '1 1 260px' }}>
          <ClassCountsTable counts={counts} />
        </div>
      </Flex>
    </Card>
  );
}

function ReasonModal({
  title,
  open,
  onCancel,
  onSubmit,
  okText,
  danger,
  children,
  testId,
}: {
  title: string;
  open: boolean;
  onCancel: () => void;
  onSubmit: (reason: string) => Promise<void>;
  okText: string;
  danger?: boolean;
  children?: ReactNode;
  testId: string;
}) {
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onCancel}
      okText={okText}
      cancelText="取消"
      okButtonProps={{ danger, disabled: reason.trim().length < 4, 'data-testid': `${testId}-ok` }}
      confirmLoading={saving}
      destroyOnHidden
      onOk={async () => {
        setSaving(true);
        try {
          await onSubmit(reason.trim());
          setReason('');
        } finally {
          setSaving(false);
        }
      }}
    >
      {children}
      <Input.TextArea
        rows={3}
        maxLength={500}
        placeholder="原因（至少 4 个字，记入审计日志并随抽取记录保留）"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid={`${testId}-reason`}
      />
    </Modal>
  );
}

function VoidButton({ draw, onChanged }: { draw: DrawDetail; onChanged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="draw-void">
        作废
      </Button>
      <ReasonModal
        title={`作废抽取记录 ${draw.drawCode}`}
        open={open}
        onCancel={() => setOpen(false)}
        okText="作废"
        danger
        testId="void"
        onSubmit={async (reason) => {
          try {
            await drawCommand.void(draw.id, reason);
            message.success(`已作废 ${draw.drawCode}`);
            setOpen(false);
            onChanged();
          } catch (e) {
            message.error(toApiError(e).message);
          }
        }}
      >
        <Typography.Paragraph>
          作废后本记录仍然保留并在任务公告公示（含作废原因）。{draw.status === 'drawn' ? '已抽取的结果将不再有效。' : ''}
          重抽须在任务页面以新的承诺重新公示，并写明重抽原因。
        </Typography.Paragraph>
      </ReasonModal>
    </>
  );
}

function CommittedActions({ draw, mayWrite, onChanged }: { draw: DrawDetail; mayWrite: boolean; onChanged: () => void }) {
  const navigate = useNavigate();
  return (
    <Card title="摇号" size="small">
      <Typography.Paragraph>
        承诺值已公示，尚无种子。请在公开摇号现场打开摇号页面（全屏），由见证人录入
        {sourceKindLabel[draw.publicSource.kind] ?? draw.publicSource.kind}的取值后开始抽取；平台事先承诺的随机数届时自动揭示。
      </Typography.Paragraph>
      {mayWrite ? (
        <Space wrap>
          <Button
            type="primary"
            size="large"
            onClick={() => navigate(`/console/draws/${draw.id}/ceremony`)}
            data-testid="draw-enter-ceremony"
          >
            进入摇号
          </Button>
          <VoidButton draw={draw} onChanged={onChanged} />
        </Space>
      ) : (
        <Typography.Text type="secondary">摇号由抽取单位的信用监管或业务科室人员进行。</Typography.Text>
      )}
    </Card>
  );
}

function DrawnView({ draw, mayWrite, onChanged }: { draw: DrawDetail; mayWrite: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const result = draw.result!;
  const [publishing, setPublishing] = useState(false);
  const assigned = new Map(draw.assignment.map((a) => [a.id, a.inspectors]));
  const allocationRows = result.allocation.flatMap((g) =>
    Object.entries(g.classes).map(([cls, a]) => ({ key: `${g.group}|${cls}`, group: g.group, cls, N: a?.N ?? 0, n: a?.n ?? 0 })),
  );
  const publish = async () => {
    setPublishing(true);
    try {
      await drawCommand.publishResult(draw.id);
      message.success('抽取结果已公开：公开包可在公示网站“任务公告”下载');
      onChanged();
    } catch (e) {
      message.error(toApiError(e).message);
    } finally {
      setPublishing(false);
    }
  };

  const visitColumns: TableColumnsType<Visit> = [
    { title: '检查户（统一社会信用代码）', dataIndex: 'id' },
    { title: '检查事项', dataIndex: 'items', render: (items: string[]) => items.join('、') },
    {
      title: '检查单位',
      key: 'unit',
      render: (_: unknown, v) => draw.matching?.visitUnits[v.id] ?? '—',
    },
    {
      title: '检查人员',
      key: 'inspectors',
      render: (_: unknown, v) => {
        const codes = assigned.get(v.id);
        if (!codes) return <Typography.Text type="secondary">未匹配</Typography.Text>;
        return (
          <span data-testid="visit-inspectors">
            {codes.map((c) => {
              const p = draw.matching?.inspectors[c];
              return (
                <Tag key={c} color={p?.category === 'enforcement' ? 'blue' : undefined}>
                  {p ? `${p.name}（${p.category === 'enforcement' ? '执法' : '专家'}）` : c}
                </Tag>
              );
            })}
          </span>
        );
      },
    },
  ];

  return (
    <>
      <Card title="操作" size="small">
        <Space wrap>
          <Button href={`/api/draws/${draw.id}/bundle`} download data-testid="draw-download-auditor" disabled={!draw.own}>
            下载审计包
          </Button>
          <Button href={`/api/draws/${draw.id}/bundle?public=true`} download data-testid="draw-download-public">
            下载公开包
          </Button>
          {mayWrite && <MatchButton draw={draw} onChanged={onChanged} />}
          {mayWrite && draw.own && <ReserveButton draw={draw} onChanged={onChanged} />}
          {mayWrite && draw.own && (
            <Button onClick={publish} loading={publishing} disabled={draw.resultPublicAt !== null} data-testid="draw-publish">
              {draw.resultPublicAt ? `已公开（${formatDateTime(draw.resultPublicAt)}）` : '公开抽取结果'}
            </Button>
          )}
          {mayWrite && draw.own && <VoidButton draw={draw} onChanged={onChanged} />}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          审计包含抽查名录和排除名单（内含风险分类，仅供审计）；公开包只含名录的哈希和分类户数。两者都可在公示网站“摇号验证”
          （/gs/verify）或用 <Typography.Text code>ssj verify</Typography.Text> 复核。检查实施后再公开抽取结果（不预先告知检查对象）。
        </Typography.Paragraph>
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'sample',
              label: `抽中名单（${result.sample.length}）`,
              children: <SampleTable sample={result.sample} />,
            },
            {
              key: 'reserves',
              label: `备选（${result.reserves.length}）`,
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <ReserveTable reserves={result.reserves} />
                  {draw.reserveUses.length > 0 && (
                    <Table
                      size="small"
                      pagination={false}
                      rowKey="reserve_id"
                      dataSource={draw.reserveUses}
                      columns={[
                        { title: '被替补对象', dataIndex: 'replaced_id' },
                        { title: '替补（备选）', dataIndex: 'reserve_id' },
                        { title: '原因', dataIndex: 'reason' },
                        { title: '操作人', dataIndex: 'used_by_name' },
                        { title: '时间', dataIndex: 'used_at', render: (t: string) => formatDateTime(t) },
                      ]}
                    />
                  )}
                </Space>
              ),
            },
            {
              key: 'visits',
              label: `检查户次与人员（${result.visits.length}）`,
              children: (
                <Table
                  data-testid="visit-table"
                  size="small"
                  rowKey="id"
                  dataSource={result.visits}
                  columns={visitColumns}
                  pagination={result.visits.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                />
              ),
            },
            {
              key: 'allocation',
              label: '分配',
              children: (
                <Table
                  size="small"
                  pagination={false}
                  dataSource={allocationRows}
                  columns={[
                    { title: '抽查组', dataIndex: 'group' },
                    { title: '风险分类', dataIndex: 'cls', render: (c: string) => stratumName(c) },
                    { title: '可抽取户数 N', dataIndex: 'N', align: 'right' },
                    { title: '抽取户数 n', dataIndex: 'n', align: 'right' },
                  ]}
                />
              ),
            },
          ]}
        />
        {draw.matching && draw.matching.swaps.length > 0 && (
          <Alert
            type="info"
            showIcon
            title="人工调整检查人员记录"
            description={draw.matching.swaps.map((s, i) => (
              <div key={i}>
                {formatDateTime(s.at)} {s.by}：{s.visitId} 由 {s.before.join('、')} 调整为 {s.after.join('、')}（{s.reason}）
              </div>
            ))}
          />
        )}
        <Typography.Text type="secondary">
          共抽中 {result.sample.length} 户，可抽取 {totalOf(commitCounts(draw.counts))} 户。
        </Typography.Text>
      </Card>
    </>
  );
}

function MatchButton({ draw, onChanged }: { draw: DrawDetail; onChanged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [cap, setCap] = useState<number | null>(draw.matching?.options.capPerInspector ?? null);
  const [cross, setCross] = useState<string[]>(draw.matching?.options.crossRegionUnits ?? []);
  const [unstaffable, setUnstaffable] = useState<{ message: string; visits: UnstaffableVisit[] } | null>(null);
  const run = async () => {
    setSaving(true);
    setUnstaffable(null);
    try {
      const res = await drawCommand.match(draw.id, { capPerInspector: cap, crossRegionUnits: cross.length > 0 ? cross : null });
      message.success(`已为 ${res.assignment.length} 户匹配检查人员`);
      setOpen(false);
      onChanged();
    } catch (e) {
      const err = toApiError(e);
      const details = (err instanceof ApiError ? err.details : null) as { unstaffable?: UnstaffableVisit[] } | null;
      if (details?.unstaffable) setUnstaffable({ message: err.message, visits: details.unstaffable });
      else message.error(err.message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="draw-match">
        {draw.assignment.length > 0 ? '重新匹配检查人员' : '匹配检查人员'}
      </Button>
      <Modal
        title="匹配检查人员（抽取规范第8条）"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={run}
        okText="匹配"
        cancelText="关闭"
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'match-ok' }}
        width={720}
      >
        <Typography.Paragraph>
          每户至少 2 名检查人员，其中至少 1 名持有效执法证，专业技术人员只作补充；按检查事项要求的资格、回避声明筛选；
          以种子计算的随机代价求最小代价分配，任何正确的求解程序结果相同。
        </Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label="每人最多检查户数（可不填）">
            <InputNumber min={1} max={1000} precision={0} value={cap} onChange={(v) => setCap(typeof v === 'number' ? v : null)} />
          </Form.Item>
          <Form.Item label="交叉互查：另加人员库所在单位代码（可不填）">
            <Select mode="tags" value={cross} onChange={setCross} tokenSeparators={[',', '，', ' ']} placeholder="如 140525" />
          </Form.Item>
        </Form>
        {unstaffable && (
          <Alert
            type="error"
            showIcon
            data-testid="match-unstaffable"
            title={unstaffable.message}
            description={
              <Table
                size="small"
                pagination={false}
                rowKey="visitId"
                dataSource={unstaffable.visits}
                columns={[
                  { title: '检查户', dataIndex: 'visitId', width: 200 },
                  { title: '无法配齐的原因', dataIndex: 'reason' },
                ]}
              />
            }
          />
        )}
      </Modal>
    </>
  );
}

function ReserveButton({ draw, onChanged }: { draw: DrawDetail; onChanged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [replaced, setReplaced] = useState<string>();
  const result = draw.result!;
  const replacedAlready = new Set(draw.reserveUses.map((u) => u.replaced_id));
  const candidates = [...result.sample, ...result.reserves.filter((r) => r.used)].filter((e) => !replacedAlready.has(e.id));
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="draw-use-reserve">
        启用备选
      </Button>
      <ReasonModal
        title="启用备选"
        open={open}
        onCancel={() => setOpen(false)}
        okText="启用"
        testId="reserve"
        onSubmit={async (reason) => {
          if (!replaced) {
            message.error('请选择被替补的抽中对象');
            return;
          }
          try {
            const res = await drawCommand.useReserve(draw.id, replaced, reason);
            message.success(`已由备选 ${res.reserveId}（${stratumName(res.class)} 第 ${res.rank} 位）替补 ${replaced}；检查人员需重新匹配`);
            setOpen(false);
            setReplaced(undefined);
            onChanged();
          } catch (e) {
            message.error(toApiError(e).message);
          }
        }}
      >
        <Typography.Paragraph>
          仅用于确实无法检查的情形（如检查前已注销）。按同一风险分类的备选顺序依次替补，原因记入审计日志和抽取包；替补后需重新匹配检查人员。
        </Typography.Paragraph>
        <Select
          showSearch
          style={{ width: '100%', marginBottom: 12 }}
          placeholder="被替补的抽中对象"
          value={replaced}
          onChange={setReplaced}
          options={candidates.map((e) => ({ value: e.id, label: `${e.id}（${stratumName(e.class)} 第 ${e.rank} 位）` }))}
          data-testid="reserve-replaced"
        />
      </ReasonModal>
    </>
  );
}
