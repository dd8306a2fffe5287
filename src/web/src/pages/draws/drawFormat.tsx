// How a draw reads on screen: statuses, declared sources, hashes and tickets, the per-class
// counts N and sizes n, and the sample/reserve tables. Shared by the task, draw, ceremony and
// portal pages. Types come from the route table (src/server/draws/routes.ts).
import { Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { GroupAllocation, ReserveEntry, RiskClass, SampleEntry, SourceParams } from '../../../../core/draw/index.ts';
import type { ApiInput, ApiOutput } from '../../api.ts';
import { riskClassName } from '../../labels.ts';

export type DrawDetail = ApiOutput<'GET /api/draws/:id'>;
export type DrawStatus = DrawDetail['status'];
export type PublicSourceKind = ApiInput<'POST /api/tasks/:code/draws'>['body']['publicSource']['kind'];
export type ClassCounts = Record<RiskClass, number>;

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
  operator: '平台随机数',
};

export const publicSourceKinds: PublicSourceKind[] = ['dice', 'lottery', 'beacon'];

/**
 * A declared source as a reader should understand it. The platform's own source is a random
 * value whose hash was fixed in the commit and which is revealed only at the ceremony
 * (docs/draw-spec.md §3.2), so nobody — the platform included — could choose it afterwards.
 */
export function declaredSourceText(s: SourceParams): string {
  if (s.kind === 'operator')
    return `平台随机数：承诺时只公开其哈希${s.commitment ? `（${shortHash(s.commitment, 16)}）` : ''}，摇号时揭示，事后无法更换`;
  return `${sourceKindLabel[s.kind] ?? s.kind}：${s.name}`;
}

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

/** N and n per stratum summed over a commit's groups (docs/draw-spec.md §4), strata in order. */
export function plannedRows(groups: GroupAllocation[]): { stratum: string; N: number; n: number }[] {
  const rows = new Map<string, { stratum: string; N: number; n: number }>();
  for (const g of groups) {
    for (const [stratum, a] of Object.entries(g)) {
      const row = rows.get(stratum) ?? { stratum, N: 0, n: 0 };
      row.N += a?.N ?? 0;
      row.n += a?.n ?? 0;
      rows.set(stratum, row);
    }
  }
  const order = ['A', 'B', 'C', 'D', 'U', '*'];
  return [...rows.values()].sort((a, b) => order.indexOf(a.stratum) - order.indexOf(b.stratum));
}

/** "A 12 · B 340 · …" for one line of counts. */
export function countsText(counts: Partial<ClassCounts>): string {
  return STRATA.filter((c) => (counts[c] ?? 0) > 0)
    .map((c) => `${c === 'U' ? '未分类' : c} ${counts[c]}`)
    .join(' · ');
}

/** "抽 n / N" per stratum, for one line. */
export function plannedText(groups: GroupAllocation[]): string {
  return plannedRows(groups)
    .filter((r) => r.N > 0)
    .map((r) => `${r.stratum === 'U' ? '未分类' : r.stratum === '*' ? '全部' : r.stratum} ${r.n}/${r.N}`)
    .join(' · ');
}

/**
 * Per 信用风险分类: the eligible objects N (frame minus exclusions) and, when the allocation is
 * known, how many will be drawn n (docs/draw-spec.md §4), with the totals.
 */
export function PlannedTable({
  groups,
  counts,
  testId,
}: {
  groups: GroupAllocation[] | null;
  counts?: Partial<ClassCounts>;
  testId?: string;
}) {
  const rows = groups ? plannedRows(groups) : STRATA.map((c) => ({ stratum: c as string, N: counts?.[c] ?? 0, n: null as number | null }));
  const total = { stratum: 'total', N: rows.reduce((a, r) => a + r.N, 0), n: groups ? rows.reduce((a, r) => a + (r.n ?? 0), 0) : null };
  return (
    <Table
      data-testid={testId}
      size="small"
      pagination={false}
      rowKey="stratum"
      dataSource={[...rows, total]}
      columns={[
        { title: '信用风险分类', dataIndex: 'stratum', render: (s: string) => (s === 'total' ? '合计' : stratumName(s)) },
        { title: '可抽取户数 N', dataIndex: 'N', align: 'right', render: (n: number) => n.toLocaleString('en-US') },
        ...(groups
          ? [
              {
                title: '将抽取户数 n',
                dataIndex: 'n',
                align: 'right' as const,
                render: (n: number | null) => <span data-testid="planned-n">{(n ?? 0).toLocaleString('en-US')}</span>,
              },
            ]
          : []),
      ]}
    />
  );
}

type NameOf = (id: string) => string | null | undefined;

function idWithName(id: string, nameOf?: NameOf) {
  const name = nameOf?.(id);
  return (
    <span data-testid="sample-id">
      {name ? (
        <>
          {name}
          <br />
          <Typography.Text type="secondary">{id}</Typography.Text>
        </>
      ) : (
        id
      )}
    </span>
  );
}

/** The columns a sample entry and a reserve entry share: stratum, order, object, ticket. */
function entryColumns<E extends SampleEntry>(orderTitle: string, nameOf?: NameOf): TableColumnsType<E> {
  return [
    { title: '风险分类', dataIndex: 'class', width: 120, render: (c: string) => stratumName(c) },
    { title: orderTitle, dataIndex: 'rank', width: 90, align: 'right' },
    { title: '检查对象（名称 / 统一社会信用代码）', dataIndex: 'id', render: (id: string) => idWithName(id, nameOf) },
    { title: '号签（ticket）', dataIndex: 'ticket', render: (t: string) => <TicketText ticket={t} /> },
  ];
}

function EntryTable<E extends SampleEntry>({ entries, columns, testId }: { entries: E[]; columns: TableColumnsType<E>; testId: string }) {
  return (
    <Table
      data-testid={testId}
      size="small"
      rowKey={(e) => `${e.group}|${e.id}`}
      dataSource={entries}
      columns={columns}
      pagination={entries.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
    />
  );
}

export function SampleTable({ sample, nameOf }: { sample: SampleEntry[]; nameOf?: NameOf }) {
  return (
    <EntryTable
      testId="sample-table"
      entries={sample}
      columns={[...entryColumns<SampleEntry>('名次', nameOf), { title: '抽查组', dataIndex: 'group', width: 80 }]}
    />
  );
}

export function ReserveTable({ reserves, nameOf }: { reserves: ReserveEntry[]; nameOf?: NameOf }) {
  return (
    <EntryTable
      testId="reserve-table"
      entries={reserves}
      columns={[
        ...entryColumns<ReserveEntry>('备选顺序', nameOf),
        {
          title: '启用',
          dataIndex: 'used',
          render: (used: boolean, r) =>
            used ? <Tag color="blue">已启用：{r.reason}</Tag> : <Typography.Text type="secondary">未启用</Typography.Text>,
        },
      ]}
    />
  );
}

/** Dice digits as the server reads them (drawCommands.ts runCeremony): spaces and separators dropped. */
export function diceDigits(value: string): string {
  return value.replace(/[\s,，、-]/g, '');
}

export const MIN_DICE_DIGITS = 20;
