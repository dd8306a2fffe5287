// 审计日志: GET /api/audit (server-paged) and the hash-chain check GET /api/audit/verify.
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { api, type ApiError } from '../../api.ts';
import type { AuditRow, AuditVerification, OrgUnit } from '../../apiTypes.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { auditActionName, formatDateTime } from '../../labels.ts';
import { useLoginRedirect } from '../../session.tsx';
import { toApiError, useApiData } from '../../useApiData.ts';
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
      setResult(await api.get<AuditVerification>('/api/audit/verify'));
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

export function AuditTab() {
  const list = usePagedQuery<AuditRow, Record<string, never>>('/api/audit', {});
  // unit names for the 单位 column; the audit rows carry only the code
  const orgs = useApiData<{ items: OrgUnit[] }>('/api/orgs');
  const names: UnitNames = useMemo(() => new Map((orgs.data?.items ?? []).map((u) => [u.code, u.shortName || u.name])), [orgs.data]);
  const unitName = (code: string) => names.get(code) ?? code;
  const columns = useMemo(() => columnsFor((code) => names.get(code) ?? code), [names]);

  return (
    <>
      <AuditVerifier unitName={unitName} />
      {list.error && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      <Table<AuditRow>
        data-testid="audit-table"
        rowKey={(r) => `${r.unitCode}:${r.seq}`}
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        pagination={list.pagination}
        scroll={{ x: 920 }}
        locale={{ emptyText: '暂无审计记录' }}
      />
    </>
  );
}
