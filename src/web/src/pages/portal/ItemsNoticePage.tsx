// 抽查事项清单 (public, no login): the items of every issued list, with their 抽查指引.
import { Card, Empty, Flex, Input, Table, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import type { ApiOutput } from '../../api.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useEndpoint } from '../../useApiData.ts';

// An item as the public list shows it: the console's fields without staffing and claims.
type PublicItem = ApiOutput<'GET /api/public/check-items'>['items'][number];

export default function ItemsNoticePage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const list = useEndpoint('GET /api/public/check-items', { query: { q } });
  const versionOf = new Map((list.data?.versions ?? []).map((v) => [v.id, v]));
  return (
    <Card title="随机抽查事项清单" data-testid="portal-items">
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {(list.data?.versions ?? [])
            .map((v) => `${v.unitName}《${v.title}》（第${v.versionNo}版${v.issuedOn ? `，${v.issuedOn} 发布` : ''}）`)
            .join('；') || '暂无已发布的事项清单'}
        </Typography.Paragraph>
        <Input.Search
          defaultValue={q}
          allowClear
          placeholder="按事项名称、类别、内容或编码搜索"
          onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {}, { replace: true })}
          style={{ maxWidth: 360 }}
          data-testid="portal-items-search"
        />
        {list.error && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
        <Table<PublicItem>
          data-testid="portal-items-table"
          rowKey={(i) => `${i.versionId}/${i.itemCode}`}
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description="暂无公示的抽查事项" /> }}
          expandable={{
            expandedRowRender: (i) => (
              <Flex vertical gap={4}>
                <Typography.Text>
                  <Typography.Text strong>抽查内容：</Typography.Text>
                  {i.content || '—'}
                </Typography.Text>
                <Typography.Text>
                  <Typography.Text strong>抽查指引：</Typography.Text>
                  {i.guide || '—'}
                </Typography.Text>
              </Flex>
            ),
          }}
          columns={[
            { title: '事项编码', dataIndex: 'itemCode', width: 120 },
            { title: '抽查类别', dataIndex: 'category', width: 120 },
            {
              title: '抽查事项',
              dataIndex: 'name',
              render: (name: string, i) => (
                <Flex gap={4} wrap>
                  {name}
                  {i.isKey && <Tag color="red">重点</Tag>}
                </Flex>
              ),
            },
            { title: '检查依据', dataIndex: 'legalBasis', ellipsis: true },
            { title: '检查对象', dataIndex: 'target', width: 140 },
            { title: '检查方式', dataIndex: 'methods', width: 140, render: (m: string[]) => m.join('、') },
            { title: '检查主体', dataIndex: 'subjectLevel', width: 90 },
            { title: '发布单位', key: 'unit', width: 160, render: (_, i) => versionOf.get(i.versionId)?.unitName ?? '' },
          ]}
        />
      </Flex>
    </Card>
  );
}
