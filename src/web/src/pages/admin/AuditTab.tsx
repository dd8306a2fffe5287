// 审计日志: GET /api/audit (server-paged), the hash-chain check GET /api/audit/verify, and the
// chains' heads with their latest anchors GET /api/audit/heads (for 纪检/审计 to write down and compare).
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { call, type ApiError } from '../../api.ts';
import type { AuditChainHead, AuditRow, AuditVerification } from '../../apiTypes.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { ListTable } from '../../components/ListControls.tsx';
import { formatDateTime } from '../../labels.ts';
import { auditChangeText } from '../../../../core/audit/auditText.ts';
import { useLoginRedirect } from '../../session.tsx';
import { toApiError, useEndpoint } from '../../useApiData.ts';
import { usePagedQuery } from '../../usePagedQuery.ts';

/** What changed, one field a line, then the note; the raw record is one click away (展开). */
function ChangeList({ row }: { row: AuditRow }) {
  const lines = row.changes.map(auditChangeText);
  if (row.note) lines.push(`说明：${row.note}`);
  if (row.unlabelled > 0) lines.push(`另有 ${row.unlabelled} 项见原始记录`);
  if (lines.length === 0) return <>—</>;
  return (
    <div data-testid="audit-changes">
      {lines.map((line, i) => (
        <Typography.Paragraph key={i} ellipsis={{ rows: 2, tooltip: line }} style={{ marginBottom: 0 }}>
          {line}
        </Typography.Paragraph>
      ))}
    </div>
  );
}

const columns: TableColumnsType<AuditRow> = [
  { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
  {
    title: '操作人',
    key: 'actor',
    width: 190,
    render: (_: unknown, r: AuditRow) => (
      <span data-testid="audit-actor">
        {r.actorName}
        <Typography.Text type="secondary">（{r.unitName}）</Typography.Text>
      </span>
    ),
  },
  { title: '操作', dataIndex: 'actionName', width: 130 },
  {
    title: '对象',
    dataIndex: 'objectText',
    width: 200,
    render: (v: string) => (
      <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 180 }}>
        {v}
      </Typography.Text>
    ),
  },
  { title: '变更内容', key: 'changes', render: (_: unknown, r: AuditRow) => <ChangeList row={r} /> },
];

/** The row as stored (and hashed): for auditors who compare it with a backup or recompute the hash. */
function RawRecord({ row }: { row: AuditRow }) {
  return (
    <div data-testid="audit-raw">
      <Typography.Text strong>原始记录</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        单位代码 {row.unitCode} · 第 {row.seq} 条 · 记录哈希 <Typography.Text code>{row.rowHash}</Typography.Text>
      </Typography.Paragraph>
      <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all', margin: 0, fontSize: 12 }}>
        {JSON.stringify({ action: row.action, objectType: row.objectType, objectId: row.objectId, summary: row.summary }, null, 2)}
      </pre>
    </div>
  );
}

// Fallback wording if the server sends only the reason code (core/audit/chain.ts ChainBreak).
const breakReason: Record<string, string> = {
  seq_gap: '序号不连续：记录被删除或插入',
  prev_hash_mismatch: '前序哈希与上一条不符：上一条记录被改动或链被截接',
  row_hash_mismatch: '记录内容与其哈希不符：该记录在写入后被改动',
};

function VerifyResult({ result, unitName }: { result: AuditVerification; unitName: (code: string) => string }) {
  if (result.ok) {
    return (
      <Alert
        data-testid="audit-verify-result"
        type="success"
        showIcon
        title={`审计链完整（${result.checked} 条）`}
        description={`共 ${result.chains} 条单位哈希链，逐条重算的哈希值与记录一致。`}
      />
    );
  }
  const anchor = result.anchorBroken;
  if (!result.firstBroken && anchor) {
    return (
      <Alert
        data-testid="audit-verify-result"
        type="error"
        showIcon
        title={`审计链与锚定不符：${unitName(anchor.unitCode)}`}
        description={`${anchor.message}。请保留现场，用备份中保存的锚定文件（ssj audit verify --anchor）核对并报告。`}
      />
    );
  }
  const broken = result.firstBroken;
  return (
    <Alert
      data-testid="audit-verify-result"
      type="error"
      showIcon
      title={broken ? `审计链校验未通过：${unitName(broken.unitCode)} 第 ${broken.seq} 条记录异常` : '审计链校验未通过'}
      description={
        broken
          ? `${broken.message ?? breakReason[broken.reason] ?? broken.reason}。已校验 ${result.checked} 条记录；请保留现场并报告系统管理员核查。`
          : `已校验 ${result.checked} 条记录，服务器未指明首个异常记录。`
      }
    />
  );
}

function AuditVerifier({ unitName }: { unitName: (code: string) => string }) {
  const toLogin = useLoginRedirect();
  const [checking, setChecking] = useState(false);
  const [result, setResult] = useState<AuditVerification>();
  const [error, setError] = useState<ApiError>();

  async function verify() {
    setChecking(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await call('GET /api/audit/verify'));
    } catch (e) {
      const err = toApiError(e);
      if (err.status === 401) toLogin();
      setError(err);
    } finally {
      setChecking(false);
    }
  }

  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }}>
      <div>
        <Button data-testid="audit-verify" icon={<SafetyCertificateOutlined />} loading={checking} onClick={verify}>
          校验哈希链
        </Button>
      </div>
      {error && <ApiErrorAlert error={error} />}
      {result && <VerifyResult result={result} unitName={unitName} />}
    </Flex>
  );
}

const headColumns: TableColumnsType<AuditChainHead> = [
  { title: '单位', dataIndex: 'unitName', width: 220 },
  { title: '链首序号', dataIndex: 'seq', width: 100 },
  {
    title: '链首哈希',
    dataIndex: 'rowHash',
    render: (hash: string) => (
      <Typography.Text code copyable style={{ fontSize: 12 }}>
        {hash}
      </Typography.Text>
    ),
  },
  {
    title: '最近一次锚定',
    key: 'anchor',
    width: 300,
    render: (_: unknown, h: AuditChainHead) =>
      !h.anchor ? (
        <Typography.Text type="secondary">尚未锚定</Typography.Text>
      ) : h.anchor.problem ? (
        <Typography.Text type="danger">{h.anchor.problem}</Typography.Text>
      ) : (
        `${formatDateTime(h.anchor.anchoredAt)} · 第 ${h.anchor.seq} 条 · 链仍到达该位置`
      ),
  },
];

/** Each chain's head: written down by 纪检/审计 and compared later, a chain cut at its end shows. */
function ChainHeads() {
  const heads = useEndpoint('GET /api/audit/heads', {});
  return (
    <Flex vertical gap={8} style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">
        各单位审计链的链首（最后一条记录）。请定期抄录或与备份中保存的锚定文件核对：链尾记录被删除时，链首序号会变小、与锚定不符。
      </Typography.Text>
      <ListTable<AuditChainHead>
        list={heads}
        testId="audit-heads"
        rowKey="unitCode"
        size="small"
        columns={headColumns}
        scroll={{ x: 920 }}
        locale={{ emptyText: '暂无审计链' }}
      />
    </Flex>
  );
}

export function AuditTab() {
  const list = usePagedQuery('GET /api/audit', {});
  // unit names for the chain check's messages, which carry only the code
  const orgs = useEndpoint('GET /api/orgs', {});
  const names = useMemo(() => new Map((orgs.data?.items ?? []).map((u) => [u.code, u.shortName || u.name])), [orgs.data]);
  const unitName = (code: string) => names.get(code) ?? code;

  return (
    <>
      <AuditVerifier unitName={unitName} />
      <ChainHeads />
      <ListTable<AuditRow>
        list={list}
        testId="audit-table"
        rowKey={(r) => `${r.unitCode}:${r.seq}`}
        columns={columns}
        expandable={{ expandedRowRender: (r) => <RawRecord row={r} />, columnTitle: '原始记录', columnWidth: 72 }}
        scroll={{ x: 1000 }}
        locale={{ emptyText: '暂无审计记录' }}
      />
    </>
  );
}
