// /console/draws/:id/ceremony — the public 摇号 screen (docs/draw-spec.md §3): shown full-screen
// to the room. The commit published before any seed, per class the eligible count N and the
// number n that will be drawn, and the declared public source are on screen; the witness's value (dice ≥ 20 digits) is entered, the
// platform's committed random value is revealed by the server, and the draw runs once. Then the
// seed, the sample by class with tickets and ranks, and the reserves are shown.
import { Alert, App as AntApp, Button, ConfigProvider, Flex, Input, Space, Table, Tag, Typography, theme } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { RequireModule } from '../../layout/RequireModule.tsx';
import { RequireSession } from '../../layout/RequireSession.tsx';
import type { ReserveEntry, SampleEntry } from '../../../../core/draw/index.ts';
import { call } from '../../api.ts';
import { formatDateTime } from '../../labels.ts';
import { toApiError, useEndpoint } from '../../useApiData.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { MIN_DICE_DIGITS, diceDigits, plannedRows, shortHash, sourceKindLabel, stratumName, type DrawDetail } from './drawFormat.tsx';

export default function CeremonyPage() {
  return (
    <RequireSession>
      <RequireModule module="tasks">
        <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorPrimary: '#f59e0b', fontSize: 16 } }}>
          <AntApp>
            <Ceremony />
          </AntApp>
        </ConfigProvider>
      </RequireModule>
    </RequireSession>
  );
}

const mono = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;

/** Why the entered value cannot be used, before asking the server (which checks again). */
function problemOf(kind: string, raw: string): string | null {
  if (kind !== 'dice') return raw.trim() === '' ? '请录入随机来源的取值。' : null;
  const digits = diceDigits(raw);
  const wrong = digits.match(/[^0-9]/);
  if (wrong) return `骰子数字中有非数字字符“${wrong[0]}”：只能录入 0—9 的数字（空格会自动去掉）。`;
  if (digits.length < MIN_DICE_DIGITS)
    return `骰子数字至少 ${MIN_DICE_DIGITS} 位，当前只录入了 ${digits.length} 位：请再掷骰子补足 ${MIN_DICE_DIGITS - digits.length} 位后开始抽取。`;
  return null;
}

function Ceremony() {
  const { id = '' } = useParams();
  const { message } = AntApp.useApp();
  const draw = useEndpoint('GET /api/draws/:id', { params: { id } });
  const [value, setValue] = useState('');
  const [witness, setWitness] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const { token } = theme.useToken();
  const d = draw.data;

  const start = async () => {
    if (!d) return;
    const local = problemOf(d.publicSource.kind, value) ?? (witness.trim().length < 2 ? '请填写见证人姓名（至少 2 个字）。' : null);
    setProblem(local);
    if (local) return;
    setRunning(true);
    try {
      await call('POST /api/draws/:id/ceremony', { params: { id: d.id }, body: { value, witnessName: witness.trim() } });
      message.success('抽取完成，结果已锁定');
      draw.reload();
    } catch (e) {
      setProblem(toApiError(e).message);
    } finally {
      setRunning(false);
    }
  };

  const digits = d?.publicSource.kind === 'dice' ? diceDigits(value) : null;
  const planned = d ? plannedRows(d.planned.map((g) => g.classes)) : [];

  return (
    <div
      data-testid="ceremony-page"
      style={{ position: 'fixed', inset: 0, overflow: 'auto', background: '#0b1a3a', color: token.colorText, padding: '24px 32px' }}
    >
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          双随机抽查 · 公开摇号{d ? `　${d.drawCode}` : ''}
        </Typography.Title>
        <Space>
          <Button onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>全屏</Button>
          <Link to={`/console/draws/${id}`}>
            <Button data-testid="ceremony-exit">返回抽取记录</Button>
          </Link>
        </Space>
      </Flex>
      {draw.error && <ApiErrorAlert error={draw.error} onRetry={draw.reload} />}
      {d && (
        <Space direction="vertical" size="large" style={{ width: '100%', marginTop: 24 }}>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 18 }}>
              承诺值（commit，{formatDateTime(d.committedAt)} 已在公示网站公示）
            </Typography.Text>
            <div data-testid="ceremony-commit" style={{ ...mono, fontSize: 34, lineHeight: 1.3, color: '#fde68a' }}>
              {d.commit}
            </div>
          </div>
          <Flex gap={16} wrap data-testid="ceremony-counts">
            {[...planned, { stratum: 'total', N: planned.reduce((a, r) => a + r.N, 0), n: planned.reduce((a, r) => a + r.n, 0) }].map(
              (r) => (
                <div
                  key={r.stratum}
                  data-testid={`ceremony-class-${r.stratum}`}
                  style={{ border: `1px solid ${token.colorBorder}`, borderRadius: 8, padding: '8px 20px', minWidth: 130 }}
                >
                  <div style={{ fontSize: 16 }}>{r.stratum === 'total' ? '合计' : stratumName(r.stratum)}</div>
                  <div style={{ fontSize: 30, fontWeight: 600 }}>
                    抽 {r.n.toLocaleString('en-US')}
                    <span style={{ fontSize: 18, fontWeight: 400 }}> / {r.N.toLocaleString('en-US')}</span>
                  </div>
                </div>
              ),
            )}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 16 }}>
            每类“抽 n / N”：可抽取 N 户中按承诺时公示的分配抽取 n 户，取号签最小者。
          </Typography.Text>
          <div style={{ fontSize: 20 }} data-testid="ceremony-source">
            公开随机来源：{sourceKindLabel[d.publicSource.kind] ?? d.publicSource.kind} — {d.publicSource.name}
            <br />
            <Typography.Text type="secondary">
              另有平台随机数：承诺时只公开了它的哈希，开始抽取时才揭示，事后无法更换；两者共同决定种子。
            </Typography.Text>
          </div>
          {d.status === 'committed' && (
            <div style={{ maxWidth: 900 }}>
              <Typography.Title level={4}>
                {d.publicSource.kind === 'dice' ? '见证人录入骰子数字（至少 20 位，空格自动去掉）' : '见证人录入开奖号 / 信标取值'}
              </Typography.Title>
              <Input
                size="large"
                value={value}
                onChange={(e) => {
                  setValue(e.target.value);
                  setProblem(null);
                }}
                placeholder={d.publicSource.kind === 'dice' ? '例：31415 92653 58979 32384 6' : '按公开结果原样录入'}
                style={{ ...mono, fontSize: 30 }}
                data-testid="ceremony-value"
                autoComplete="off"
              />
              {digits !== null && (
                <div style={{ fontSize: 20, marginTop: 8 }} data-testid="ceremony-digit-count">
                  已录入 <b>{digits.replace(/[^0-9]/g, '').length}</b> 位数字
                  {digits.length < MIN_DICE_DIGITS ? (
                    <Tag color="orange" style={{ marginLeft: 12, fontSize: 16 }}>
                      还差 {MIN_DICE_DIGITS - digits.length} 位
                    </Tag>
                  ) : (
                    <Tag color="green" style={{ marginLeft: 12, fontSize: 16 }}>
                      已满 {MIN_DICE_DIGITS} 位
                    </Tag>
                  )}
                  <div style={{ ...mono, color: '#fde68a' }}>{digits.replace(/(.{5})/g, '$1 ').trim()}</div>
                </div>
              )}
              <Flex gap={16} wrap align="center" style={{ marginTop: 16 }}>
                <Input
                  size="large"
                  value={witness}
                  onChange={(e) => setWitness(e.target.value)}
                  placeholder="见证人姓名（如纪检监察员）"
                  style={{ maxWidth: 320 }}
                  maxLength={40}
                  data-testid="ceremony-witness"
                />
                <Button
                  type="primary"
                  size="large"
                  loading={running}
                  onClick={start}
                  data-testid="ceremony-start"
                  style={{ height: 52, fontSize: 22 }}
                >
                  开始抽取
                </Button>
              </Flex>
              {problem && (
                <Alert type="error" showIcon title={problem} style={{ marginTop: 16, fontSize: 18 }} data-testid="ceremony-error" />
              )}
            </div>
          )}
          {d.status === 'voided' && <Alert type="warning" showIcon title={`本抽取记录已作废：${d.voidReason ?? ''}`} />}
          {d.status === 'drawn' && d.result && <CeremonyResult draw={d} />}
        </Space>
      )}
    </div>
  );
}

function CeremonyResult({ draw }: { draw: DrawDetail }) {
  const result = draw.result!;
  const strata = [...new Set(result.sample.map((s) => s.class))];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="ceremony-result">
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 18 }}>
          随机来源取值（见证人 {draw.witnessName}，{draw.drawnAt ? formatDateTime(draw.drawnAt) : ''}）
        </Typography.Text>
        {(draw.sources ?? []).map((s, i) => (
          <div key={i} style={{ fontSize: 18 }}>
            {sourceKindLabel[s.kind] ?? s.kind}
            {s.kind === 'operator' ? '（揭示）' : ''}：<span style={mono}>{s.value}</span>
          </div>
        ))}
      </div>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 18 }}>
          种子（seed）
        </Typography.Text>
        <div data-testid="ceremony-seed" style={{ ...mono, fontSize: 30, color: '#86efac' }}>
          {draw.seed}
        </div>
      </div>
      <Typography.Title level={3} style={{ margin: 0 }}>
        抽中 {result.sample.length} 户（每类取号签最小者）
      </Typography.Title>
      <Flex gap={24} wrap align="flex-start">
        {strata.map((c) => (
          <div key={c} style={{ flex: '1 1 420px' }} data-testid={`ceremony-sample-${c}`}>
            <Typography.Title level={4}>
              {stratumName(c)}（{result.sample.filter((s) => s.class === c).length} 户）
            </Typography.Title>
            <EntryTable entries={result.sample.filter((s) => s.class === c)} />
          </div>
        ))}
      </Flex>
      {result.reserves.length > 0 && (
        <div data-testid="ceremony-reserves">
          <Typography.Title level={4}>备选（按顺序替补，须写明原因）</Typography.Title>
          <EntryTable entries={result.reserves} showClass />
        </div>
      )}
      <Link to={`/console/draws/${draw.id}`}>
        <Button type="primary" size="large" data-testid="ceremony-done">
          完成，查看抽取记录并匹配检查人员
        </Button>
      </Link>
    </Space>
  );
}

function EntryTable({ entries, showClass }: { entries: (SampleEntry | ReserveEntry)[]; showClass?: boolean }) {
  return (
    <Table
      size="small"
      rowKey={(e) => `${e.group}|${e.class}|${e.id}`}
      dataSource={entries}
      pagination={entries.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
      columns={[
        { title: '名次', dataIndex: 'rank', width: 70, align: 'right' },
        ...(showClass ? [{ title: '风险分类', dataIndex: 'class', render: (c: string) => stratumName(c) }] : []),
        { title: '统一社会信用代码', dataIndex: 'id', render: (v: string) => <span style={{ ...mono, fontSize: 18 }}>{v}</span> },
        {
          title: '号签',
          dataIndex: 'ticket',
          render: (t: string) => (
            <span style={mono} title={t}>
              {shortHash(t, 16)}
            </span>
          ),
        },
      ]}
    />
  );
}
