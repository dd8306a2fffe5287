// 待复核认领: claims whose item the new version removed or changed; the claiming unit keeps
// (confirms against the new version) or drops them. Units above see their subordinates' list.
import { App, Button, Empty, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { call } from '../../../api.ts';
import { toApiError } from '../../../useApiData.ts';
import type { ReviewClaim } from './types.ts';

export function ReviewList({
  items,
  myUnitCode,
  mayWrite,
  onChanged,
}: {
  items: ReviewClaim[];
  myUnitCode: string;
  mayWrite: boolean;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);

  async function resolve(row: ReviewClaim, decision: 'keep' | 'drop') {
    setBusy(`${row.itemCode}:${decision}`);
    try {
      await call('POST /api/check-items/claims/review', {
        body: { issuingUnitCode: row.issuingUnitCode, itemCodes: [row.itemCode], decision },
      });
      message.success(decision === 'keep' ? `已按新版保留「${row.name}」的认领` : `已放弃「${row.name}」的认领`);
      onChanged();
    } catch (e) {
      message.error(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  }

  if (items.length === 0) return <Empty description="没有待复核的认领。" data-testid="check-items-review-empty" />;
  return (
    <Table<ReviewClaim>
      size="small"
      rowKey={(r) => `${r.unitCode}:${r.issuingUnitCode}:${r.itemCode}`}
      dataSource={items}
      pagination={false}
      data-testid="check-items-review"
      columns={[
        { title: '认领单位', dataIndex: 'unitName', width: 160 },
        { title: '事项编码', dataIndex: 'itemCode', width: 110 },
        { title: '抽查事项', dataIndex: 'name' },
        {
          title: '原因',
          width: 260,
          render: (_: unknown, r) =>
            r.reason === 'removed' ? (
              <Tag color="red">新版已删除该事项</Tag>
            ) : (
              <Tag color="orange">新版修改了：{r.changedFields.join('、')}</Tag>
            ),
        },
        { title: '新版本', dataIndex: 'newVersionTitle', width: 220, ellipsis: true },
        {
          title: '复核',
          width: 180,
          render: (_: unknown, r) =>
            mayWrite && r.unitCode === myUnitCode ? (
              <Space>
                {r.reason !== 'removed' && (
                  <Button
                    size="small"
                    type="primary"
                    loading={busy === `${r.itemCode}:keep`}
                    onClick={() => resolve(r, 'keep')}
                    data-testid={`review-keep-${r.itemCode}`}
                  >
                    保留
                  </Button>
                )}
                <Button
                  size="small"
                  danger
                  loading={busy === `${r.itemCode}:drop`}
                  onClick={() => resolve(r, 'drop')}
                  data-testid={`review-drop-${r.itemCode}`}
                >
                  放弃认领
                </Button>
              </Space>
            ) : (
              '由认领单位复核'
            ),
        },
      ]}
    />
  );
}
