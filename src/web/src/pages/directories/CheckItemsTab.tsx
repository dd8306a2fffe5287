// 随机抽查事项清单 (seed 003 一(一)): pick a version, filter its items, read the 抽查指引,
// claim items for the active unit, import/issue versions (province/city), compare versions,
// and review the claims a new version put in question.
import { App, Alert, Badge, Button, Empty, Input, Popconfirm, Select, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { canWrite } from '../../../../core/access/policy.ts';
import { call } from '../../api.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { FilterSelect } from '../../components/ListControls.tsx';
import { useSession } from '../../session.tsx';
import { useAction } from '../../useAction.ts';
import { useEndpoint } from '../../useApiData.ts';
import { usePagedQuery } from '../../usePagedQuery.ts';
import { ClaimTag } from './checkItems/ClaimTag.tsx';
import { DiffModal } from './checkItems/DiffModal.tsx';
import { ImportVersionModal } from './checkItems/ImportVersionModal.tsx';
import { ItemDrawer } from './checkItems/ItemDrawer.tsx';
import { ReviewList } from './checkItems/ReviewList.tsx';
import { CHECK_METHODS, type CheckItem, type VersionDetail } from './checkItems/types.ts';

export function CheckItemsTab() {
  const { me, role } = useSession();
  const mayWrite = role !== null && canWrite(role, 'directories');
  const { message } = App.useApp();
  const issuing = useAction();
  const versions = useEndpoint('GET /api/check-items/versions', {});
  // Lists are issued by the province and the cities; counties claim (seed 003 一(一)).
  const activeUnit = useEndpoint('GET /api/orgs/:code', { params: { code: me.active.unitCode } });
  const mayIssue = mayWrite && (activeUnit.data?.kind === 'province' || activeUnit.data?.kind === 'city');
  const review = useEndpoint('GET /api/check-items/claims/review', {});
  const [versionId, setVersionId] = useState<string | null>(null);
  const [view, setView] = useState<'items' | 'review'>('items');
  const [importOpen, setImportOpen] = useState(false);
  const [diffFor, setDiffFor] = useState<string | null>(null);

  // Default: the newest issued version (lists sorted by issuing unit, then newest first).
  useEffect(() => {
    const list = versions.data?.items ?? [];
    // Only when nothing is chosen yet: a just-imported draft is chosen before the list reloads.
    if (list.length === 0 || versionId) return;
    setVersionId((list.find((v) => v.status === 'issued') ?? list[0]!).id);
  }, [versions.data, versionId]);

  const detail = useEndpoint('GET /api/check-items/versions/:id', versionId ? { params: { id: versionId } } : null);
  const reviewCount = review.data?.items.length ?? 0;

  const reloadAll = () => {
    versions.reload();
    detail.reload();
    review.reload();
  };

  const issue = () =>
    versionId &&
    issuing.run(async () => {
      const result = await call('POST /api/check-items/versions/:id/issue', { params: { id: versionId }, body: {} });
      reloadAll();
      return result.diff
        ? `已发布：新增 ${result.diff.added.length} 项、删除 ${result.diff.removed.length} 项、变更 ${result.diff.changed.length} 项；${result.claimsForReview} 条认领待下级复核。`
        : '已发布。';
    });

  if (versions.error) return <ApiErrorAlert error={versions.error} onRetry={versions.reload} />;
  const list = versions.data?.items ?? [];
  const version = detail.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Select
          style={{ minWidth: 460 }}
          placeholder="选择清单版本"
          value={versionId ?? undefined}
          onChange={(v) => setVersionId(v)}
          loading={versions.loading}
          data-testid="check-items-version"
          options={list.map((v) => ({
            value: v.id,
            label: `${v.title}（${v.issuingUnitName ?? v.issuingUnitCode}，${v.status === 'issued' ? `${v.issuedOn} 发布` : '草稿'}）`,
          }))}
        />
        {version && (
          <Tag color={version.status === 'issued' ? 'green' : 'default'} data-testid="check-items-status">
            {version.status === 'issued' ? '已发布' : '草稿'}
          </Tag>
        )}
        {mayIssue && (
          <Button onClick={() => setImportOpen(true)} data-testid="check-items-import">
            导入新版本
          </Button>
        )}
        {mayIssue && version?.status === 'draft' && (
          <Popconfirm
            title="发布后下级单位即可认领，已认领但被修改或删除的事项将标为待复核。确认发布？"
            onConfirm={issue}
            okText="发布"
            cancelText="取消"
          >
            <Button type="primary" data-testid="check-items-issue">
              发布
            </Button>
          </Popconfirm>
        )}
        {version && (
          <Button onClick={() => setDiffFor(version.id)} data-testid="check-items-diff-open">
            与上一版差异
          </Button>
        )}
        {version && (
          <Button href={`/api/check-items/versions/${version.id}/export`} data-testid="check-items-export">
            导出 .xlsx
          </Button>
        )}
      </Space>

      <Segmented
        value={view}
        onChange={(v) => setView(v as 'items' | 'review')}
        data-testid="check-items-view"
        options={[
          { value: 'items', label: '事项' },
          {
            value: 'review',
            label: (
              <Badge count={reviewCount} size="small" offset={[8, -2]}>
                待复核认领
              </Badge>
            ),
          },
        ]}
      />

      {view === 'review' ? (
        review.error ? (
          <ApiErrorAlert error={review.error} onRetry={review.reload} />
        ) : (
          <ReviewList items={review.data?.items ?? []} myUnitCode={me.active.unitCode} mayWrite={mayWrite} onChanged={reloadAll} />
        )
      ) : list.length === 0 && !versions.loading ? (
        <Empty description="尚无可见的随机抽查事项清单。省局或市局导入并发布清单后，下级单位即可认领。" data-testid="check-items-empty" />
      ) : (
        <>
          {reviewCount > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="check-items-review-alert"
              title={`新版本清单修改或删除了 ${reviewCount} 项已认领事项，请在「待复核认领」中逐项保留或放弃。`}
            />
          )}
          {detail.error && <ApiErrorAlert error={detail.error} onRetry={detail.reload} />}
          {version && <ItemsTable key={version.id} version={version} mayClaim={mayWrite && version.canClaim} onClaimsChanged={reloadAll} />}
        </>
      )}

      <ImportVersionModal
        open={importOpen}
        onClose={() => setImportOpen(false)}
        onImported={(id) => {
          setImportOpen(false);
          message.success('已导入为草稿版本，请核对差异后发布。');
          setVersionId(id);
          versions.reload();
        }}
      />
      <DiffModal versionId={diffFor} onClose={() => setDiffFor(null)} />
    </Space>
  );
}

type ItemFilters = { q?: string; category?: string; method?: string; key?: string; claimed?: string };

const keyOptions = [
  { value: 'true', label: '重点' },
  { value: 'false', label: '一般' },
];
const claimedOptions = [
  { value: 'true', label: '已认领' },
  { value: 'false', label: '未认领' },
];

function ItemsTable({ version, mayClaim, onClaimsChanged }: { version: VersionDetail; mayClaim: boolean; onClaimsChanged: () => void }) {
  const items = usePagedQuery<'GET /api/check-items/versions/:id/items', ItemFilters>(
    'GET /api/check-items/versions/:id/items',
    {},
    { params: { id: version.id } },
  );
  const [selected, setSelected] = useState<string[]>([]);
  const [open, setOpen] = useState<CheckItem | null>(null);
  const [office, setOffice] = useState('');
  const { busy, run } = useAction();
  const [search, setSearch] = useState('');

  const selectedRows = useMemo(() => (items.data?.items ?? []).filter((i) => selected.includes(i.itemCode)), [items.data, selected]);

  async function sendClaim(remove: boolean): Promise<string> {
    const body = { versionId: version.id, itemCodes: selected };
    if (remove) {
      const r = await call('POST /api/check-items/claims/remove', { body });
      return `已取消认领 ${r.unclaimed} 项`;
    }
    const r = await call('POST /api/check-items/claims', { body: { ...body, responsibleOffice: office.trim() || undefined } });
    return `已认领 ${r.claimed} 项`;
  }
  const claim = (remove: boolean) =>
    run(async () => {
      const done = await sendClaim(remove);
      setSelected([]);
      items.reload();
      onClaimsChanged();
      return done;
    });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary" data-testid="check-items-summary">
        {version.issuingUnitName} 第 {version.versionNo} 版 · {version.itemCount} 个事项
        {version.sourceFileName ? ` · 来源文件 ${version.sourceFileName}` : ''}
        {!version.canClaim && version.status === 'issued' ? ' · 本单位不在该清单的认领范围' : ''}
      </Typography.Text>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder="搜索事项名称、编码、内容、依据"
          style={{ width: 280 }}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(v) => items.setFilter('q', v.trim() || undefined)}
          data-testid="check-items-search"
        />
        <FilterSelect
          list={items}
          name="category"
          placeholder="抽查类别"
          width={200}
          options={version.categories.map((c) => ({ value: c.category, label: `${c.category}（${c.count}）` }))}
          testId="check-items-filter-category"
        />
        <FilterSelect
          list={items}
          name="method"
          placeholder="检查方式"
          width={140}
          options={CHECK_METHODS.map((m) => ({ value: m, label: m }))}
          testId="check-items-filter-method"
        />
        <FilterSelect list={items} name="key" placeholder="重点/一般" width={120} options={keyOptions} testId="check-items-filter-key" />
        <FilterSelect
          list={items}
          name="claimed"
          placeholder="认领情况"
          width={120}
          options={claimedOptions}
          testId="check-items-filter-claimed"
        />
      </Space>
      {mayClaim && (
        <Space wrap>
          <Input
            placeholder="负责股室（可选）"
            style={{ width: 180 }}
            value={office}
            onChange={(e) => setOffice(e.target.value)}
            data-testid="check-items-office"
          />
          <Button
            type="primary"
            disabled={selected.length === 0}
            loading={busy}
            onClick={() => claim(false)}
            data-testid="check-items-claim"
          >
            认领所选（{selected.length}）
          </Button>
          <Button
            disabled={!selectedRows.some((r) => r.claim)}
            loading={busy}
            onClick={() => claim(true)}
            data-testid="check-items-unclaim"
          >
            取消认领
          </Button>
        </Space>
      )}
      {items.error && <ApiErrorAlert error={items.error} onRetry={items.reload} />}
      <Table<CheckItem>
        size="small"
        rowKey="itemCode"
        loading={items.loading}
        dataSource={items.data?.items ?? []}
        pagination={items.pagination}
        data-testid="check-items-table"
        rowSelection={
          mayClaim
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), preserveSelectedRowKeys: true }
            : undefined
        }
        onRow={(row) => ({ 'data-item-code': row.itemCode }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 60 },
          { title: '事项编码', dataIndex: 'itemCode', width: 110 },
          { title: '抽查类别', dataIndex: 'category', width: 150 },
          {
            title: '抽查事项',
            dataIndex: 'name',
            render: (name: string, row) => (
              <Typography.Link onClick={() => setOpen(row)} data-testid={`check-item-open-${row.itemCode}`}>
                {name}
              </Typography.Link>
            ),
          },
          { title: '检查方式', dataIndex: 'methods', width: 190, render: (m: string[]) => m.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: '检查主体', dataIndex: 'subjectLevel', width: 80 },
          { title: '类别', dataIndex: 'isKey', width: 70, render: (k: boolean) => (k ? <Tag color="red">重点</Tag> : '一般') },
          { title: '本单位认领', key: 'claim', width: 100, render: (_: unknown, row) => <ClaimTag claim={row.claim} /> },
        ]}
      />
      <ItemDrawer item={open} onClose={() => setOpen(null)} />
    </Space>
  );
}
