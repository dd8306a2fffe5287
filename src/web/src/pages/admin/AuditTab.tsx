// 审计日志: GET /api/audit (server-paged), the hash-chain check GET /api/audit/verify, and the
// chains' heads with their latest anchors GET /api/audit/heads (for 纪检/审计 to write down and compare).
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { call, type ApiError } from '../../api.ts';
import type { AuditChainHead, AuditRow, AuditVerification } from '../../apiTypes.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { ListTable } from '../../components/ListControls.tsx';
import { auditActionName, formatDateTime } from '../../labels.ts';
import { useLoginRedirect } from '../../session.tsx';
import { toApiError, useEndpoint } from '../../useApiData.ts';
import { usePagedQuery } from '../../usePagedQuery.ts';

type UnitNames = Map<string, string>;

function summaryText(summary: unknown): string {
  if (summary === null || summary === undefined) return '';
  return typeof summary === 'string' ? summary : JSON.stringify(summary);
}

function columnsFor(unitName: (code: string) => string): TableColumnsType<AuditRow> {
  return [
    { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => formatDateTime(v) },
    { title: '单位', dataIndex: 'unitCode', width: 140, render: (v: string) => unitName(v) },
    { title: '操作人', dataIndex: 'actorName', width: 100 },
    {
      title: '操作',
      dataIndex: 'action',
      width: 120,
      render: (v: string) => <Tooltip title={v}>{auditActionName(v)}</Tooltip>,
    },
    {
      title: '对象',
      key: 'object',
      width: 180,
      render: (_: unknown, r: AuditRow) => (
        <Typography.Text ellipsis={{ tooltip: `${r.objectType}:${r.objectId}` }} style={{ maxWidth: 160 }}>
          {r.objectType}:{r.objectId}
        </Typography.Text>
      ),
    },
    {
      title: '摘要',
      dataIndex: 'summary',
      render: (v: unknown) => {
        const text = summaryText(v);
        return text ? (
          <Typography.Text code ellipsis={{ tooltip: text }} style={{ maxWidth: 320 }}>
            {text}
          </Typography.Text>
        ) : (
          '—'
        );
      },
    },
  ];
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
      {heads.error && <ApiErrorAlert error={heads.error} onRetry={heads.reload} />}
      <Table<AuditChainHead>
        data-testid="audit-heads"
        rowKey="unitCode"
        size="small"
        columns={headColumns}
        dataSource={heads.data?.items}
        loading={heads.loading}
        pagination={false}
        scroll={{ x: 920 }}
        locale={{ emptyText: '暂无审计链' }}
      />
    </Flex>
  );
}

export function AuditTab() {
  const list = usePagedQuery('GET /api/audit', {});
  // unit names for the 单位 column; the audit rows carry only the code
  const orgs = useEndpoint('GET /api/orgs', {});
  const names: UnitNames = useMemo(() => new Map((orgs.data?.items ?? []).map((u) => [u.code, u.shortName || u.name])), [orgs.data]);
  const unitName = (code: string) => names.get(code) ?? code;
  const columns = useMemo(() => columnsFor((code) => names.get(code) ?? code), [names]);

  return (
    <>
      <AuditVerifier unitName={unitName} />
      <ChainHeads />
      <ListTable<AuditRow>
        list={list}
        testId="audit-table"
        rowKey={(r) => `${r.unitCode}:${r.seq}`}
        columns={columns}
        scroll={{ x: 920 }}
        locale={{ emptyText: '暂无审计记录' }}
      />
    </>
  );
}
