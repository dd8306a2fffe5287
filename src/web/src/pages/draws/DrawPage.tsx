// /console/draws/:id — one draw of record: the commit and its declared source with N and n per
// class; when committed, the way into the full-screen ceremony; when drawn, the sample and
// reserves (with company names), the visits with their inspecting unit and people (and the
// people released before, with why), matching and swaps (docs/draw-spec.md §5–§8), the bundles
// (§10), publishing the result once the visits are done (§9), and voiding. A draw whose visits
// have results is no longer voided or re-matched.
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
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
  type ButtonProps,
  type TableColumnsType,
} from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { canWrite } from '../../../../core/access/policy.ts';
import type { UnstaffableVisit } from '../../../../core/assignment/index.ts';
import { ApiError, call, endpointUrl, type ApiOutput } from '../../api.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { formatDateTime, objectCodeText } from '../../labels.ts';
import { useSession } from '../../session.tsx';
import { refuse } from '../../useAction.ts';
import { toApiError, useEndpoint } from '../../useApiData.ts';
import { riskClassificationLabel } from '../../../../core/entities/riskClassifications.ts';
import {
  DrawStatusTag,
  HashText,
  PlannedTable,
  ReserveTable,
  SampleTable,
  declaredSourceText,
  sourceKindLabel,
  stratumName,
  type DrawDetail,
} from './drawFormat.tsx';

type VisitRow = DrawDetail['visits'][number];

export default function DrawPage() {
  const { id = '' } = useParams();
  const draw = useEndpoint('GET /api/draws/:id', { params: { id } });
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
          {data.mergedTasks ? (
            <Flex gap={12} wrap data-testid="draw-merged-tasks">
              合并抽取（进一次门、查多项事）的任务：
              {data.mergedTasks.map((code) => (
                <Link key={code} to={`/console/tasks/${encodeURIComponent(code)}`}>
                  任务 {code}
                </Link>
              ))}
            </Flex>
          ) : (
            <Link to={`/console/tasks/${encodeURIComponent(data.taskCode)}`}>← 任务 {data.taskCode}</Link>
          )}
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
          {data.status === 'committed' && <CommittedActions draw={data} mayWrite={mayWrite && data.mayAct} onChanged={draw.reload} />}
          {data.status === 'drawn' && <DrawnView draw={data} mayWrite={mayWrite && data.mayAct} onChanged={draw.reload} />}
        </>
      )}
    </Space>
  );
}

function CommitFacts({ draw }: { draw: DrawDetail }) {
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
          {draw.commitReason && <Descriptions.Item label="承诺原因">{draw.commitReason}</Descriptions.Item>}
          <Descriptions.Item label="抽取单位">{draw.unitName}</Descriptions.Item>
          <Descriptions.Item label="抽查事项">{draw.params.groups.flatMap((g) => g.items).join('、')}</Descriptions.Item>
          <Descriptions.Item label="风险分类依据">
            <span data-testid="draw-classification">{draw.params.groups[0]?.classification ?? riskClassificationLabel.general}</span>
          </Descriptions.Item>
          <Descriptions.Item label="声明的随机来源">
            {draw.params.sources.map((s, i) => (
              <div key={i} data-testid="draw-declared-source">
                {declaredSourceText(s)}
              </div>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label="排除户数">{draw.excludedCount}</Descriptions.Item>
          {draw.seed && (
            <>
              <Descriptions.Item label="随机来源取值">
                {(draw.sources ?? []).map((s, i) => (
                  <div key={i}>
                    {sourceKindLabel[s.kind] ?? s.kind}
                    {s.kind === 'operator' ? '（摇号时揭示）' : ''}：<Typography.Text code>{s.value}</Typography.Text>
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
        <div style={{ flex: '1 1 300px' }}>
          <PlannedTable groups={draw.planned.map((g) => g.classes)} testId="draw-planned" />
        </div>
      </Flex>
    </Card>
  );
}

/** The reason field of a draw's steps: at least 4 characters, kept with the draw record. */
function drawReason(testId: string) {
  return {
    minLength: 4,
    placeholder: '原因（至少 4 个字，记入审计日志并随抽取记录保留）',
    okTestId: `${testId}-ok`,
    reasonTestId: `${testId}-reason`,
  };
}

/** A button that cannot be used now, with why on hover. */
function Refused({ why, children, testId }: { why: string; children: ReactNode; testId: string }) {
  return (
    <Tooltip title={why}>
      <Button disabled data-testid={testId}>
        {children}
      </Button>
    </Tooltip>
  );
}

const hasResultsWhy = '已有检查户录入了检查结果：抽取记录不能再作废，检查人员不能再重新匹配（结果中的确认人是按现有安排派出的人员）。';

function VoidButton({ draw, onChanged }: { draw: DrawDetail; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  if (draw.hasResults)
    return (
      <Refused why={hasResultsWhy} testId="draw-void">
        作废
      </Refused>
    );
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
        {...drawReason('void')}
        onSubmit={async (reason) => {
          await call('POST /api/draws/:id/void', { params: { id: draw.id }, body: { reason } });
          setOpen(false);
          onChanged();
          return `已作废 ${draw.drawCode}`;
        }}
      >
        <Typography.Paragraph>
          作废后本记录仍然保留并在任务公告公示（含作废原因）。{draw.status === 'drawn' ? '已抽取的结果和已安排的检查人员将不再有效。' : ''}
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

function PublishButton({ draw, onChanged }: { draw: DrawDetail; onChanged: () => void }) {
  const { message, modal } = App.useApp();
  const publication = draw.publication;
  if (draw.resultPublicAt)
    return (
      <Button disabled data-testid="draw-publish">
        已公开（{formatDateTime(draw.resultPublicAt)}）
      </Button>
    );
  if (!publication?.ready) {
    const why = publication
      ? `检查户 ${publication.visits} 户中已提交检查结果 ${publication.done} 户${publication.periodEnd ? `，抽查期间至 ${publication.periodEnd}` : ''}。为不预先透露检查对象，全部检查户提交检查结果后或抽查期间结束后才能公开。`
      : '尚无抽取结果。';
    return (
      <Refused why={why} testId="draw-publish">
        公开抽取结果
      </Refused>
    );
  }
  const publish = () =>
    modal.confirm({
      title: `公开 ${draw.drawCode} 的抽取结果？`,
      width: 620,
      okText: '确认公开',
      cancelText: '取消',
      okButtonProps: { 'data-testid': 'publish-confirm-ok' } as ButtonProps,
      content: (
        <Space direction="vertical" size={6} data-testid="publish-confirm">
          <Typography.Text>公开后任何人都可以在公示网站“任务公告”看到并下载，不能撤回：</Typography.Text>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            <li>抽中名单：{draw.result?.sample.length ?? 0} 户检查对象的统一社会信用代码（据此可查到企业名称）、风险分类、号签和名次；</li>
            <li>备选名单及启用备选的原因；</li>
            <li>每户的检查人员编号（执法证号），即由谁检查；</li>
            <li>公开抽取包：随机来源取值、种子、各风险分类的分配（名录和排除名单只公开哈希和户数），任何人可在“摇号验证”复核。</li>
          </ul>
          <Typography.Text type="secondary">
            {publication.periodEnded
              ? `抽查期间已于 ${publication.periodEnd} 结束${publication.done < publication.visits ? `（仍有 ${publication.visits - publication.done} 户未提交检查结果）` : ''}。`
              : `全部 ${publication.visits} 户已提交检查结果。`}
          </Typography.Text>
        </Space>
      ),
      onOk: async () => {
        try {
          await call('POST /api/draws/:id/publish-result', { params: { id: draw.id } });
          message.success('抽取结果已公开：公开包可在公示网站“任务公告”下载');
          onChanged();
        } catch (e) {
          message.error(toApiError(e).message);
        }
      },
    });
  return (
    <Button onClick={publish} data-testid="draw-publish">
      公开抽取结果…
    </Button>
  );
}

function InspectorTags({ people }: { people: VisitRow['inspectors'] }) {
  return (
    <span data-testid="visit-inspectors">
      {people.map((p) => (
        <Tag key={p.code} color={p.category === 'enforcement' ? 'blue' : undefined}>
          {p.department ? `${p.department} ` : ''}
          {p.name}（{p.category === 'enforcement' ? '执法' : '专家'}）
        </Tag>
      ))}
    </span>
  );
}

type RecusedPerson = NonNullable<NonNullable<DrawDetail['matching']>['recused']>[number];

/** Who of the visit's pool was left out by a 回避 declaration, and why. */
function RecusedNote({ people }: { people: RecusedPerson[] | undefined }) {
  if (!people || people.length === 0) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="visit-recused">
      回避未派：
      {people.map((p) => `${p.name}${p.reason}`).join('；')}
    </Typography.Text>
  );
}

/** Each person's load: the visits they are currently sent to, beside the fair-share cap of the last matching. */
function LoadTable({ draw }: { draw: DrawDetail }) {
  const load = new Map<string, { code: string; name: string; category: string; unitCode: string; visits: number }>();
  for (const v of draw.visits) {
    if (v.replacedBy) continue;
    for (const p of v.inspectors) {
      const row = load.get(p.code) ?? { code: p.code, name: p.name, category: p.category, unitCode: p.unitCode, visits: 0 };
      row.visits++;
      load.set(p.code, row);
    }
  }
  const rows = [...load.values()].sort((a, b) => b.visits - a.visits || a.code.localeCompare(b.code));
  const fair = draw.matching?.fairShare ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {fair.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="load-fair-share">
          上次匹配按公平份额：
          {fair.map((p) => `${p.poolName} ${p.visits} 户、可派 ${p.people} 人，每人上限 ${p.cap} 户`).join('；')}。
        </Typography.Paragraph>
      )}
      {draw.matching && !draw.matching.options.fairShare && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          上次匹配
          {draw.matching.options.capPerInspector === null ? '未限制每人户数' : `每人上限 ${draw.matching.options.capPerInspector} 户`}。
        </Typography.Paragraph>
      )}
      <Table
        data-testid="load-table"
        size="small"
        rowKey="code"
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        columns={[
          { title: '检查人员', dataIndex: 'name' },
          { title: '执法证号/编号', dataIndex: 'code' },
          { title: '类别', dataIndex: 'category', render: (c: string) => (c === 'enforcement' ? '执法人员' : '专业技术人员') },
          { title: '派出户数', dataIndex: 'visits', align: 'right' },
        ]}
      />
    </Space>
  );
}

function DrawnView({ draw, mayWrite, onChanged }: { draw: DrawDetail; mayWrite: boolean; onChanged: () => void }) {
  const result = draw.result!;
  const nameOf = (id: string) => draw.names[id];
  const allocationRows = result.allocation.flatMap((g) =>
    Object.entries(g.classes).map(([cls, a]) => ({ key: `${g.group}|${cls}`, group: g.group, cls, N: a?.N ?? 0, n: a?.n ?? 0 })),
  );

  const recusedOn = new Map<string, RecusedPerson[]>();
  for (const r of draw.matching?.recused ?? []) recusedOn.set(r.visitId, [...(recusedOn.get(r.visitId) ?? []), r]);

  const visitColumns: TableColumnsType<VisitRow> = [
    {
      title: '检查户',
      key: 'entity',
      render: (_: unknown, v) => (
        <Flex vertical>
          <span data-testid="visit-name">{v.name ?? v.id}</span>
          <Typography.Text type="secondary">{objectCodeText(v.objectKindLabel, v.id)}</Typography.Text>
          {v.replacedBy && (
            <Tag color="orange">
              由备选 {nameOf(v.replacedBy) ?? v.replacedBy} 替补：{v.replacedReason}
            </Tag>
          )}
          {v.reserveFor && <Tag color="blue">替补 {nameOf(v.reserveFor) ?? v.reserveFor}</Tag>}
        </Flex>
      ),
    },
    ...(draw.mergedTasks
      ? [
          {
            title: '抽中的任务',
            dataIndex: 'tasks',
            render: (tasks: string[]) => <span data-testid="visit-tasks">{tasks.join('、')}</span>,
          },
        ]
      : []),
    { title: '检查事项', dataIndex: 'items', render: (items: string[]) => <span data-testid="visit-items">{items.join('、')}</span> },
    { title: '检查单位', dataIndex: 'inspectingUnitName', render: (name: string) => <span data-testid="visit-unit">{name}</span> },
    {
      title: '检查人员',
      key: 'inspectors',
      render: (_: unknown, v) =>
        v.replacedBy ? (
          <Typography.Text type="secondary">不再检查</Typography.Text>
        ) : v.inspectors.length === 0 ? (
          <Typography.Text type="secondary">未匹配</Typography.Text>
        ) : (
          <Flex vertical gap={4}>
            <InspectorTags people={v.inspectors} />
            <RecusedNote people={recusedOn.get(v.id)} />
          </Flex>
        ),
    },
    { title: '检查结果', dataIndex: 'hasResult', width: 100, render: (has: boolean) => (has ? <Tag color="green">已录入</Tag> : '—') },
  ];

  return (
    <>
      <Card title="操作" size="small">
        <Space wrap>
          <Button
            href={endpointUrl('GET /api/draws/:id/bundle', { params: { id: draw.id } })}
            download
            data-testid="draw-download-auditor"
            disabled={!draw.own}
          >
            下载审计包
          </Button>
          <Button
            href={endpointUrl('GET /api/draws/:id/bundle', { params: { id: draw.id }, query: { public: 'true' } })}
            download
            data-testid="draw-download-public"
          >
            下载公开包
          </Button>
          <Link to={`/console/draws/${draw.id}/record`}>
            <Button data-testid="draw-print-record">打印摇号记录</Button>
          </Link>
          {mayWrite && <MatchButton draw={draw} onChanged={onChanged} />}
          {mayWrite && <ReserveButton draw={draw} onChanged={onChanged} />}
          {mayWrite && <PublishButton draw={draw} onChanged={onChanged} />}
          {mayWrite && <VoidButton draw={draw} onChanged={onChanged} />}
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          审计包含抽查名录和排除名单（内含风险分类，仅供审计）；公开包只含名录的哈希和分类户数。两者都可在公示网站“摇号验证”
          （/gs/verify）或用 <Typography.Text code>ssj verify</Typography.Text>{' '}
          复核。抽取结果在全部检查户提交检查结果后或抽查期间结束后才能公开（不预先告知检查对象）。
        </Typography.Paragraph>
        {draw.publication && !draw.resultPublicAt && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }} data-testid="draw-publication">
            已提交检查结果 {draw.publication.done} / {draw.publication.visits} 户
            {draw.publication.periodEnd
              ? `；抽查期间至 ${draw.publication.periodEnd}${draw.publication.periodEnded ? '（已结束）' : ''}`
              : ''}
            。
          </Typography.Paragraph>
        )}
      </Card>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'sample',
              label: `抽中名单（${result.sample.length}）`,
              children: <SampleTable sample={result.sample} nameOf={nameOf} />,
            },
            {
              key: 'reserves',
              label: `备选（${result.reserves.length}）`,
              children: (
                <Space direction="vertical" style={{ width: '100%' }}>
                  <ReserveTable reserves={result.reserves} nameOf={nameOf} />
                  {draw.reserveUses.length > 0 && (
                    <Table
                      size="small"
                      pagination={false}
                      rowKey="reserveId"
                      dataSource={draw.reserveUses}
                      columns={[
                        { title: '被替补对象', dataIndex: 'replacedId', render: (id: string) => nameOf(id) ?? id },
                        { title: '替补（备选）', dataIndex: 'reserveId', render: (id: string) => nameOf(id) ?? id },
                        { title: '原因', dataIndex: 'reason' },
                        { title: '操作人', dataIndex: 'usedByName' },
                        { title: '时间', dataIndex: 'usedAt', render: (t: string) => formatDateTime(t) },
                      ]}
                    />
                  )}
                </Space>
              ),
            },
            {
              key: 'visits',
              label: `检查户次与人员（${draw.visits.length}）`,
              children: (
                <Table
                  data-testid="visit-table"
                  size="small"
                  rowKey="id"
                  dataSource={draw.visits}
                  columns={visitColumns}
                  pagination={draw.visits.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
                />
              ),
            },
            {
              key: 'loads',
              label: '人员工作量',
              children: <LoadTable draw={draw} />,
            },
            {
              key: 'history',
              label: `人员调整记录（${draw.released.length}）`,
              children: <ReleasedTable draw={draw} />,
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
      </Card>
    </>
  );
}

/** The people sent before and released, grouped by visit, with when and why (a re-match, a swap, a reserve, the void). */
function ReleasedTable({ draw }: { draw: DrawDetail }) {
  const visitName = new Map(draw.visits.map((v) => [v.id, v.name ?? v.id]));
  if (draw.released.length === 0) return <Typography.Text type="secondary">没有调整过检查人员。</Typography.Text>;
  return (
    <Table
      data-testid="released-table"
      size="small"
      rowKey={(r) => `${r.visitId}|${r.code}|${r.assignedAt}`}
      dataSource={draw.released}
      pagination={draw.released.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      columns={[
        { title: '检查户', dataIndex: 'visitId', render: (id: string) => visitName.get(id) ?? id },
        { title: '原安排人员', dataIndex: 'name' },
        { title: '安排时间', dataIndex: 'assignedAt', render: (t: string) => formatDateTime(t) },
        { title: '撤下时间', dataIndex: 'releasedAt', render: (t: string) => formatDateTime(t) },
        { title: '原因', dataIndex: 'reason' },
      ]}
    />
  );
}

function MatchButton({ draw, onChanged }: { draw: DrawDetail; onChanged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const previous = draw.matching?.options;
  const [capMode, setCapMode] = useState<'fair' | 'set' | 'none'>(
    previous && previous.fairShare === false ? (previous.capPerInspector === null ? 'none' : 'set') : 'fair',
  );
  const [cap, setCap] = useState<number | null>(previous?.capPerInspector ?? null);
  const [preview, setPreview] = useState<ApiOutput<'GET /api/draws/:id/match-preview'> | null>(null);
  const [cross, setCross] = useState<string[]>(draw.matching?.options.crossRegionUnits ?? []);
  const [reason, setReason] = useState('');
  const [unstaffable, setUnstaffable] = useState<{ message: string; visits: (UnstaffableVisit & { name?: string | null })[] } | null>(null);
  const toStaff = draw.visits.filter((v) => !v.replacedBy && v.inspectors.length === 0);
  const anyStaffed = draw.visits.some((v) => v.inspectors.length > 0);
  // With people already sent and nobody left to staff, 匹配 means replacing the assignment.
  const rematch = anyStaffed && toStaff.length === 0;
  const capProblem = capMode === 'set' && (cap === null || cap < 1) ? '请填写每人最多检查户数（至少为 1）。' : null;
  const crossKey = cross.join(',');
  useEffect(() => {
    if (!open) return;
    let live = true;
    setPreview(null);
    call('GET /api/draws/:id/match-preview', { params: { id: draw.id }, query: crossKey ? { crossRegionUnits: crossKey } : {} })
      .then((p) => live && setPreview(p))
      .catch(() => live && setPreview(null));
    return () => {
      live = false;
    };
  }, [open, draw.id, crossKey]);
  if (rematch && draw.hasResults)
    return (
      <Refused why={hasResultsWhy} testId="draw-match">
        重新匹配检查人员
      </Refused>
    );
  const run = async () => {
    if (capProblem) return;
    setSaving(true);
    setUnstaffable(null);
    try {
      const res = await call('POST /api/draws/:id/match', {
        params: { id: draw.id },
        body: {
          ...(capMode === 'fair' ? {} : { capPerInspector: capMode === 'none' ? null : cap }),
          crossRegionUnits: cross.length > 0 ? cross : null,
          ...(rematch ? { reason: reason.trim() } : {}),
        },
      });
      message.success(`已为 ${res.assignment.length} 户匹配检查人员`);
      setOpen(false);
      setReason('');
      onChanged();
    } catch (e) {
      const err = toApiError(e);
      const details = (err instanceof ApiError ? err.details : null) as {
        unstaffable?: (UnstaffableVisit & { name?: string | null })[];
      } | null;
      if (details?.unstaffable) setUnstaffable({ message: err.message, visits: details.unstaffable });
      else message.error(err.message);
    } finally {
      setSaving(false);
    }
  };
  const label = rematch ? '重新匹配检查人员' : anyStaffed ? `为新增的 ${toStaff.length} 户匹配检查人员` : '匹配检查人员';
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="draw-match">
        {label}
      </Button>
      <Modal
        title={`${label}（抽取规范第8条）`}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={run}
        okText={rematch ? '重新匹配' : '匹配'}
        cancelText="关闭"
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'match-ok', disabled: capProblem !== null || (rematch && reason.trim().length < 4) } as ButtonProps}
        width={720}
      >
        <Typography.Paragraph>
          每户至少 2 名检查人员，其中至少 1 名持有效执法证，专业技术人员只作补充；按检查事项要求的资格、回避声明筛选；
          以种子计算的随机代价求最小代价分配，任何正确的求解程序结果相同。
          {anyStaffed && !rematch ? ' 已安排人员的检查户保持不变。' : ''}
        </Typography.Paragraph>
        {rematch && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="全部检查户都已安排检查人员：重新匹配会撤下现有安排（保留在“人员调整记录”中），须写明原因。"
          />
        )}
        <Form layout="vertical">
          <Form.Item label="每人最多检查户数" validateStatus={capProblem ? 'error' : undefined} help={capProblem ?? undefined}>
            <Radio.Group
              value={capMode}
              onChange={(e) => setCapMode(e.target.value as 'fair' | 'set' | 'none')}
              data-testid="match-cap-mode"
            >
              <Radio value="fair">公平分配（默认）</Radio>
              <Radio value="set">指定上限</Radio>
              <Radio value="none">不限制</Radio>
            </Radio.Group>
            {capMode === 'set' && (
              <InputNumber
                precision={0}
                min={1}
                max={1000}
                value={cap}
                onChange={(v) => setCap(typeof v === 'number' ? v : null)}
                addonAfter="户"
                data-testid="match-cap"
              />
            )}
          </Form.Item>
          {capMode === 'fair' && (
            <Typography.Paragraph type="secondary" data-testid="match-fair-share">
              每个人员库的上限 = 2 × 待匹配户数 ÷ 可派人数（向上取整）再加五分之一余量（至少 1 户）；资格或回避使人手集中时，
              自动提高到刚好能配齐的户数。
              {preview === null
                ? ' 正在计算……'
                : preview.pools.length === 0
                  ? ' 没有待匹配的检查户。'
                  : ` 本次：${preview.pools
                      .map((p) => `${p.poolName} 待匹配 ${p.visits} 户、可派 ${p.people} 人，平均每人 ${p.share} 户，上限 ${p.cap} 户`)
                      .join('；')}${preview.unstaffable > 0 ? `；另有 ${preview.unstaffable} 户无法配齐（匹配时列出原因）` : ''}。`}
            </Typography.Paragraph>
          )}
          <Form.Item label="交叉互查：另加人员库所在单位代码（可不填）">
            <Select mode="tags" value={cross} onChange={setCross} tokenSeparators={[',', '，', ' ']} placeholder="如 140525" />
          </Form.Item>
          {rematch && (
            <Form.Item label="重新匹配的原因（至少 4 个字，记入审计日志）" required>
              <Input.TextArea
                rows={2}
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                data-testid="match-reason"
              />
            </Form.Item>
          )}
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
                  { title: '检查户', dataIndex: 'visitId', width: 240, render: (id: string, u) => u.name ?? draw.names[id] ?? id },
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
  const [open, setOpen] = useState(false);
  const [replaced, setReplaced] = useState<string>();
  const result = draw.result!;
  const replacedAlready = new Set(draw.reserveUses.map((u) => u.replacedId));
  const inspected = new Set(draw.visits.filter((v) => v.hasResult).map((v) => v.id));
  const candidates = [...result.sample, ...result.reserves.filter((r) => r.used)].filter(
    (e) => !replacedAlready.has(e.id) && !inspected.has(e.id),
  );
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
        {...drawReason('reserve')}
        onSubmit={async (reason) => {
          if (!replaced) refuse('请选择被替补的抽中对象');
          const res = await call('POST /api/draws/:id/reserves', { params: { id: draw.id }, body: { replacedId: replaced, reason } });
          setOpen(false);
          setReplaced(undefined);
          onChanged();
          return `已由备选 ${draw.names[res.reserveId] ?? res.reserveId}（${stratumName(res.class)} 第 ${res.rank} 位）替补；请为其匹配检查人员`;
        }}
      >
        <Typography.Paragraph>
          仅用于确实无法检查的情形（如检查前已注销）；已录入检查结果的对象不能替补。按同一风险分类的备选顺序依次替补，原因记入审计日志和抽取包；
          被替补对象的检查人员随即撤下，替补对象须再匹配检查人员（其他检查户的人员不变）。
        </Typography.Paragraph>
        <Select
          showSearch
          optionFilterProp="label"
          style={{ width: '100%', marginBottom: 12 }}
          placeholder="被替补的抽中对象"
          value={replaced}
          onChange={setReplaced}
          options={candidates.map((e) => ({
            value: e.id,
            label: `${draw.names[e.id] ?? ''} ${e.id}（${stratumName(e.class)} 第 ${e.rank} 位）`,
          }))}
          data-testid="reserve-replaced"
        />
      </ReasonModal>
    </>
  );
}
