// 与上一版差异: added / removed / changed fields per item code.
import { Alert, Empty, Modal, Table, Tabs, Typography, type TableColumnType } from 'antd';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert.tsx';
import { useEndpoint } from '../../../useApiData.ts';
import type { VersionDiff } from './types.ts';

/** One tab's items: code and name, and for changed items what changed. */
function ItemTable<T extends { itemCode: string; name: string }>({
  rows,
  nameWidth,
  extra,
}: {
  rows: T[];
  nameWidth?: number;
  extra?: TableColumnType<T>;
}) {
  return (
    <Table<T>
      size="small"
      rowKey="itemCode"
      pagination={false}
      dataSource={rows}
      columns={[
        { title: '事项编码', dataIndex: 'itemCode', width: 110 },
        { title: '抽查事项', dataIndex: 'name', width: nameWidth },
        ...(extra ? [extra] : []),
      ]}
    />
  );
}

export function DiffModal({ versionId, onClose }: { versionId: string | null; onClose: () => void }) {
  const { data, error, loading, reload } = useEndpoint(
    'GET /api/check-items/versions/:id/diff',
    versionId ? { params: { id: versionId } } : null,
  );
  const diff = data?.diff;
  return (
    <Modal open={versionId !== null} title="与上一版的差异" width={900} footer={null} onCancel={onClose} data-testid="check-items-diff">
      {error && <ApiErrorAlert error={error} onRetry={reload} />}
      {!loading && data && !diff && <Empty description="这是该清单的第一个版本，没有可比对的上一版。" />}
      {diff && data?.against && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="check-items-diff-summary"
            title={`对比「${data.against.title}」：新增 ${diff.added.length} 项，删除 ${diff.removed.length} 项，变更 ${diff.changed.length} 项，未变 ${diff.unchanged} 项。`}
          />
          <Tabs
            items={[
              {
                key: 'changed',
                label: `变更（${diff.changed.length}）`,
                children: (
                  <ItemTable
                    rows={diff.changed}
                    nameWidth={200}
                    extra={{
                      title: '变更内容',
                      render: (_: unknown, row: VersionDiff['changed'][number]) =>
                        row.changes.map((c) => (
                          <div key={c.field}>
                            <Typography.Text strong>{c.label}</Typography.Text>：
                            <Typography.Text delete type="secondary">
                              {c.before || '（空）'}
                            </Typography.Text>{' '}
                            → {c.after || '（空）'}
                          </div>
                        )),
                    }}
                  />
                ),
              },
              { key: 'added', label: `新增（${diff.added.length}）`, children: <ItemTable rows={diff.added} /> },
              { key: 'removed', label: `删除（${diff.removed.length}）`, children: <ItemTable rows={diff.removed} /> },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
