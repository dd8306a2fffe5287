// 抽查结果公告 (public, no login; 一公开): published, not stopped results — 企业名称 and
// 统一社会信用代码 (or a 产品、项目、行为、标准's name, kind and own code), 检查机关, 任务编号, 检查日期,
// 检查结果 — searched by name or code; a 部门联合抽查 part is tagged.
import { Card, Empty, Flex, Input, Pagination, Table, Tag, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import type { PublicResult } from '../results/resultApi.ts';
import { useEndpoint } from '../../useApiData.ts';
import { objectCodeText } from '../../labels.ts';

const PAGE_SIZE = 20; // the server pages by 20

export const publicResultColumns = [
  { title: '企业（检查对象）名称', dataIndex: 'entityName', width: 240 },
  {
    title: '统一社会信用代码 / 对象编码',
    dataIndex: 'uscc',
    width: 210,
    render: (code: string, r: PublicResult) => objectCodeText(r.objectKindLabel, code),
  },
  {
    title: '检查机关',
    dataIndex: 'authority',
    width: 200,
    render: (v: string, r: { joint: boolean }) =>
      r.joint ? (
        <Flex vertical gap={2}>
          <span>{v}</span>
          <Tag color="cyan" style={{ width: 'fit-content' }}>
            部门联合抽查
          </Tag>
        </Flex>
      ) : (
        v
      ),
  },
  { title: '任务编号', dataIndex: 'taskCode', width: 150 },
  { title: '检查日期', dataIndex: 'checkedOn', width: 110, render: (v: string | null) => v ?? '—' },
  { title: '检查结果', dataIndex: 'result', width: 260, render: (v: string | null) => v ?? '—' },
  { title: '公示日期', dataIndex: 'publishedOn', width: 110, render: (v: string | null) => v ?? '—' },
];

export default function ResultsNoticePage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const list = useEndpoint('GET /api/public/results', { query: { q: q || undefined, page: page > 1 ? page : undefined } });
  const items = list.data?.items ?? [];
  const update = (next: { q?: string; page?: number }) => {
    const p = new URLSearchParams(params);
    if (next.q !== undefined) {
      if (next.q) p.set('q', next.q);
      else p.delete('q');
      p.delete('page');
    }
    if (next.page !== undefined) {
      if (next.page > 1) p.set('page', String(next.page));
      else p.delete('page');
    }
    setParams(p, { replace: true });
  };
  return (
    <Card title="抽查结果公告" data-testid="portal-results">
      <Flex vertical gap={12}>
        <Input.Search
          defaultValue={q}
          allowClear
          enterButton="查询"
          placeholder="输入企业名称、统一社会信用代码或产品等检查对象的编码"
          onSearch={(v) => update({ q: v.trim() })}
          style={{ maxWidth: 460 }}
          data-testid="portal-results-search"
        />
        <Typography.Text type="secondary">
          公示随机抽查检查结果；也可在国家企业信用信息公示系统查询。点击名称查看该企业（检查对象）的全部已公示抽查结果。
        </Typography.Text>
        {list.error && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
        <Table<PublicResult>
          data-testid="portal-results-table"
          rowKey="id"
          loading={list.loading}
          dataSource={items}
          pagination={false}
          scroll={{ x: 1200 }}
          locale={{ emptyText: <Empty description={q ? `没有与“${q}”相符的已公示抽查结果` : '暂无已公示的抽查结果'} /> }}
          columns={publicResultColumns.map((c) =>
            c.dataIndex === 'entityName'
              ? {
                  ...c,
                  render: (name: string, r: PublicResult) => (
                    <Link
                      to={`/gs/entities/${encodeURIComponent(r.uscc)}${r.objectKind ? `?kind=${r.objectKind}` : ''}`}
                      data-testid={`portal-entity-${r.uscc}`}
                    >
                      {name}
                    </Link>
                  ),
                }
              : c,
          )}
        />
        {(page > 1 || items.length === PAGE_SIZE) && (
          <Pagination
            current={page}
            pageSize={PAGE_SIZE}
            total={items.length === PAGE_SIZE ? page * PAGE_SIZE + 1 : (page - 1) * PAGE_SIZE + items.length}
            showSizeChanger={false}
            onChange={(p) => update({ page: p })}
            simple
          />
        )}
      </Flex>
    </Card>
  );
}
