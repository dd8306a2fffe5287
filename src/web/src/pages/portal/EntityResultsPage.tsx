// /gs/entities/:uscc (public): one business's published, not stopped inspection results.
import { Card, Flex, Table, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import type { PublicResult } from '../results/resultApi.ts';
import { useEndpoint } from '../../useApiData.ts';
import { publicResultColumns } from './ResultsNoticePage.tsx';

export default function EntityResultsPage() {
  const { uscc = '' } = useParams();
  const entity = useEndpoint('GET /api/public/entities/:uscc', { params: { uscc } });
  return (
    <Card title={entity.data ? `${entity.data.entityName} 的抽查检查结果` : '企业抽查检查结果'} data-testid="portal-entity">
      <Flex vertical gap={12}>
        <Link to="/gs/results">← 抽查结果公告</Link>
        <Typography.Text>统一社会信用代码：{uscc}</Typography.Text>
        {entity.error && <ApiErrorAlert error={entity.error} />}
        <Table<PublicResult>
          data-testid="portal-entity-table"
          rowKey="id"
          loading={entity.loading}
          dataSource={entity.data?.results ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
          columns={publicResultColumns.filter((c) => c.dataIndex !== 'entityName' && c.dataIndex !== 'uscc')}
        />
      </Flex>
    </Card>
  );
}
