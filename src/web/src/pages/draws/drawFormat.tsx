// How a draw reads on screen: statuses, declared sources, hashes and tickets, the per-class
// counts and the sample/reserve tables. Shared by the task, draw, ceremony and portal pages.
import { Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { apiRequest } from '../../api.ts';
import type {
  CeremonyResponse,
  ClassCounts,
  CommitResponse,
  DrawStatus,
  MatchResponse,
  PublicSourceKind,
  ReserveEntry,
  SampleEntry,
} from '../../drawsApiTypes.ts';
import { riskClassName } from '../../labels.ts';

export const STRATA = ['A', 'B', 'C', 'D', 'U'] as const;

export const statusLabel: Record<DrawStatus, string> = { committed: '已承诺、待摇号', drawn: '已抽取', voided: '已作废' };
const statusColor: Record<DrawStatus, string> = { committed: 'gold', drawn: 'green', voided: 'default' };

export function DrawStatusTag({ status }: { status: DrawStatus }) {
  return (
    <Tag color={statusColor[status]} data-testid="draw-status" data-status={status}>
      {statusLabel[status]}
    </Tag>
  );
}

export const sourceKindLabel: Record<string, string> = {
  dice: '现场骰子',
  lottery: '公开彩票开奖号',
  beacon: '公开随机信标',
  operator: '平台服务器随机数（事先承诺）',
};

export const publicSourceKinds: PublicSourceKind[] = ['dice', 'lottery', 'beacon'];

/** A stratum name: A–D with the 信用风险分类 label, U = 未分类, * = 不分类（全部对象）. */
export function stratumName(code: string): string {
  if (code === 'U') return '未分类';
  if (code === '*') return '全部（不分类）';
  return riskClassName(code);
}

export function shortHash(hex: string, length = 12): string {
  return hex.length > length ? `${hex.slice(0, length)}…` : hex;
}

/** A hash shown in full, monospaced and wrapping (a commit must be readable aloud at a ceremony). */
export function HashText({ value, testId, size }: { value: string; testId?: string; size?: number }) {
  return (
    <Typography.Text
      copyable={{ text: value }}
      data-testid={testId}
      style={{ fontFamily: 'monospace', wordBreak: 'break-all', fontSize: size }}
    >
      {value}
    </Typography.Text>
  );
}

export function TicketText({ ticket }: { ticket: string }) {
  return (
    <Tooltip title={ticket}>
      <Typography.Text style={{ fontFamily: 'monospace' }}>{shortHash(ticket)}</Typography.Text>
    </Tooltip>
  );
}

export function totalOf(counts: Partial<ClassCounts>): number {
  return Object.values(counts).reduce((a, n) => a + (n ?? 0), 0);
}

/** Eligible counts of a commit summed over its groups (one group per task today). */
export function commitCounts(groups: { counts: Partial<ClassCounts> }[]): Partial<ClassCounts> {
  const sum: Partial<ClassCounts> = {};
  for (const g of groups) for (const c of STRATA) sum[c] = (sum[c] ?? 0) + (g.counts[c] ?? 0);
  return sum;
}

/** "A 12 · B 340 · …" for one line of counts. */
export function countsText(counts: Partial<ClassCounts>): string {
  return STRATA.filter((c) => (counts[c] ?? 0) > 0)
    .map((c) => `${c === 'U' ? '未分类' : c} ${counts[c]}`)
    .join(' · ');
}

/** Eligible objects per 信用风险分类 (frame minus exclusions, draw-spec §4 N_h). */
export function ClassCountsTable({ counts, testId }: { counts: Partial<ClassCounts>; testId?: string }) {
  const rows = STRATA.map((c) => ({ key: c, name: stratumName(c), count: counts[c] ?? 0 }));
  return (
    <Table
      data-testid={testId}
      size="small"
      pagination={false}
      dataSource={[...rows, { key: 'total', name: '合计', count: totalOf(counts) }]}
      columns={[
        { title: '信用风险分类', dataIndex: 'name' },
        { title: '可抽取户数', dataIndex: 'count', align: 'right', render: (n: number) => n.toLocaleString('en-US') },
      ]}
    />
  );
}

export function SampleTable({ sample, names }: { sample: SampleEntry[]; names?: (id: string) => string | undefined }) {
  const columns: TableColumnsType<SampleEntry> = [
    { title: '风险分类', dataIndex: 'class', width: 120, render: (c: string) => stratumName(c) },
    { title: '名次', dataIndex: 'rank', width: 70, align: 'right' },
    {
      title: '统一社会信用代码',
      dataIndex: 'id',
      render: (id: string) => (
        <span data-testid="sample-id">
          {id}
          {names?.(id) ? <Typography.Text type="secondary">　{names(id)}</Typography.Text> : null}
        </span>
      ),
    },
    { title: '号签（ticket）', dataIndex: 'ticket', render: (t: string) => <TicketText ticket={t} /> },
    { title: '抽查组', dataIndex: 'group', width: 80 },
  ];
  return (
    <Table
      data-testid="sample-table"
      size="small"
      rowKey={(e) => `${e.group}|${e.id}`}
      dataSource={sample}
      columns={columns}
      pagination={sample.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
    />
  );
}

export function ReserveTable({ reserves }: { reserves: ReserveEntry[] }) {
  const columns: TableColumnsType<ReserveEntry> = [
    { title: '风险分类', dataIndex: 'class', width: 120, render: (c: string) => stratumName(c) },
    { title: '备选顺序', dataIndex: 'rank', width: 90, align: 'right' },
    { title: '统一社会信用代码', dataIndex: 'id' },
    { title: '号签（ticket）', dataIndex: 'ticket', render: (t: string) => <TicketText ticket={t} /> },
    {
      title: '启用',
      dataIndex: 'used',
      render: (used: boolean, r) =>
        used ? <Tag color="blue">已启用：{r.reason}</Tag> : <Typography.Text type="secondary">未启用</Typography.Text>,
    },
  ];
  return (
    <Table
      data-testid="reserve-table"
      size="small"
      rowKey={(e) => `${e.group}|${e.id}`}
      dataSource={reserves}
      columns={columns}
      pagination={reserves.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
    />
  );
}

/** The write calls of the draw pages (draw-spec §3–§8 workflow, src/server/draws/routes.ts). */
export const drawCommand = {
  commit: (
    taskCode: string,
    body: {
      batch: number;
      publicSource: { kind: PublicSourceKind; name: string };
      reserve: number;
      manualCount?: number;
      reason?: string;
    },
  ) => apiRequest<CommitResponse>('POST', `/api/tasks/${encodeURIComponent(taskCode)}/draws`, body),
  ceremony: (id: string, body: { value: string; witnessName: string }) =>
    apiRequest<CeremonyResponse>('POST', `/api/draws/${id}/ceremony`, body),
  void: (id: string, reason: string) => apiRequest<{ ok: true }>('POST', `/api/draws/${id}/void`, { reason }),
  useReserve: (id: string, replacedId: string, reason: string) =>
    apiRequest<{ reserveId: string; class: string; rank: number }>('POST', `/api/draws/${id}/reserves`, { replacedId, reason }),
  match: (id: string, body: { capPerInspector: number | null; crossRegionUnits: string[] | null }) =>
    apiRequest<MatchResponse>('POST', `/api/draws/${id}/match`, body),
  publishResult: (id: string) => apiRequest<{ resultPublicAt: string }>('POST', `/api/draws/${id}/publish-result`, {}),
};

/** Dice digits as the server reads them (drawCommands.ts runCeremony): spaces and separators dropped. */
export function diceDigits(value: string): string {
  return value.replace(/[\s,，、-]/g, '');
}

export const MIN_DICE_DIGITS = 20;
