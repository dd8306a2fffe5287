// 指标目标设置 (docs/indicators.md): the targets that apply to a unit and who set them; the unit's
// 系统管理员 and 信用监管科/股 — or those of a unit above — set the unit's own target (it then applies
// to every unit below that sets none) or clear it back to the one above, and report the year's
// 其他日常检查户次. Everybody else reads the same table.
import { App, Button, Drawer, Flex, InputNumber, Space, Table, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { canWrite } from '../../../../core/access/policy.ts';
import { call, type ApiOutput } from '../../api.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useSession } from '../../session.tsx';
import { toApiError, useEndpoint } from '../../useApiData.ts';
import { percent } from './statsFormat.ts';

type TargetRow = ApiOutput<'GET /api/indicators/targets'>['targets'][number];

export function TargetsDrawer({
  unitCode,
  year,
  onClose,
  onChanged,
}: {
  unitCode: string;
  year: number;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { role } = useSession();
  const mayWrite = role !== null && canWrite(role, 'stats');
  const targets = useEndpoint('GET /api/indicators/targets', { query: { unitCode, year } });
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);

  async function act(key: string, work: () => Promise<string>) {
    setBusy(key);
    try {
      message.success(await work());
      targets.reload();
      onChanged();
    } catch (e) {
      message.error(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  }

  const unitName = targets.data?.unit.name ?? '';
  return (
    <Drawer open width={920} onClose={onClose} title={`指标目标设置 · ${unitName}`} data-testid="stats-targets-drawer">
      {targets.error && <ApiErrorAlert error={targets.error} onRetry={targets.reload} />}
      <Typography.Paragraph type="secondary">
        本单位设定的目标适用于本单位及未自设目标的下级单位；未设定的，适用最近一级上级单位设定的目标，上级也未设定的适用默认目标。
        {mayWrite ? '' : '目标由本单位或上级单位的系统管理员、信用监管科/股设置。'}
      </Typography.Paragraph>
      <Table<TargetRow>
        size="small"
        rowKey="key"
        pagination={false}
        loading={targets.loading}
        dataSource={targets.data?.targets ?? []}
        data-testid="stats-targets"
        columns={[
          { title: '指标', dataIndex: 'name' },
          { title: '默认目标', dataIndex: 'defaultTarget', width: 90, render: (v: number | null) => percent(v) },
          {
            title: '适用目标',
            width: 200,
            render: (_, r) => (
              <span data-testid={`target-${r.key}-applied`}>
                {percent(r.target)}
                <Typography.Text type="secondary">{r.setBy ? `（${r.setBy.name}设定）` : '（默认）'}</Typography.Text>
              </span>
            ),
          },
          {
            title: '本单位目标',
            width: 300,
            render: (_, r) =>
              mayWrite ? (
                <OwnTarget
                  key={`${r.key}/${r.own ?? ''}`}
                  row={r}
                  busy={busy === r.key}
                  onSave={(target) => act(r.key, () => saveTarget(unitCode, r, target))}
                />
              ) : (
                percent(r.own)
              ),
          },
        ]}
      />
      <Flex vertical gap={8} style={{ marginTop: 24 }}>
        <Typography.Text strong>其他日常检查户次（{year}年，非双随机，用于抽查户次占比）</Typography.Text>
        {targets.data && (
          <OtherInspections
            key={`${unitCode}/${year}/${targets.data.otherInspections ?? ''}`}
            value={targets.data.otherInspections}
            mayWrite={mayWrite}
            busy={busy === 'other'}
            onSave={(count) =>
              act('other', async () => {
                await call('PUT /api/indicators/other-inspections', { body: { unitCode, year, count } });
                return `已填报${year}年其他日常检查 ${count} 户次`;
              })
            }
          />
        )}
      </Flex>
    </Drawer>
  );
}

async function saveTarget(unitCode: string, row: TargetRow, target: number | null): Promise<string> {
  await call('PUT /api/indicators/targets', { body: { unitCode, key: row.key, target } });
  return target === null ? `已恢复「${row.name}」的上级或默认目标` : `已将「${row.name}」的目标设为 ${percent(target)}`;
}

/** The target in percent (0–100, two decimals), saved as a share. */
function OwnTarget({ row, busy, onSave }: { row: TargetRow; busy: boolean; onSave: (target: number | null) => void }) {
  return (
    <NumberSave
      initial={row.own === null ? null : Math.round(row.own * 10000) / 100}
      max={100}
      precision={2}
      placeholder="未设定"
      suffix="%"
      width={120}
      testId={`target-${row.key}`}
      busy={busy}
      onSave={(value) => onSave(value / 100)}
    >
      {row.own !== null && (
        <Button loading={busy} onClick={() => onSave(null)} data-testid={`target-${row.key}-clear`}>
          恢复上级/默认
        </Button>
      )}
    </NumberSave>
  );
}

function OtherInspections({
  value,
  mayWrite,
  busy,
  onSave,
}: {
  value: number | null;
  mayWrite: boolean;
  busy: boolean;
  onSave: (count: number) => void;
}) {
  if (!mayWrite) return <span>{value === null ? '未填报' : `${value} 户次`}</span>;
  return (
    <NumberSave
      initial={value}
      max={10_000_000}
      precision={0}
      placeholder="未填报"
      suffix="户次"
      width={160}
      testId="other-inspections"
      busy={busy}
      onSave={onSave}
    />
  );
}

/** A number typed from 0 up to max and its 保存 button (enabled once a number is there); the
 *  test ids are testId-input and testId-save. Further buttons come as children. */
function NumberSave({
  initial,
  max,
  precision,
  placeholder,
  suffix,
  width,
  testId,
  busy,
  onSave,
  children,
}: {
  initial: number | null;
  max: number;
  precision: number;
  placeholder: string;
  suffix: string;
  width: number;
  testId: string;
  busy: boolean;
  onSave: (value: number) => void;
  children?: ReactNode;
}) {
  const [value, setValue] = useState<number | null>(initial);
  return (
    <Space.Compact>
      <InputNumber
        min={0}
        max={max}
        precision={precision}
        value={value}
        onChange={setValue}
        placeholder={placeholder}
        suffix={suffix}
        style={{ width }}
        data-testid={`${testId}-input`}
      />
      <Button
        type="primary"
        loading={busy}
        disabled={value === null}
        onClick={() => value !== null && onSave(value)}
        data-testid={`${testId}-save`}
      >
        保存
      </Button>
      {children}
    </Space.Compact>
  );
}
