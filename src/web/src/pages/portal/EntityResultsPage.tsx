// /gs/entities/:uscc (public): one business's published, not stopped inspection results, with the
// way to apply for 停止公示 (信用修复) of them. A 部门联合抽查 is also shown as one inspection with
// each department's part (各部门检查结果), which every department recognises (互认).
// /gs/entities/:code?kind=product (or project, behavior, standard): a 其他检查对象's results, by its
// own code (no 停止公示 application: that is a business's).
import { Alert, Button, Card, Flex, Table, Typography } from 'antd';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import type { PublicResult } from '../results/resultApi.ts';
import { useEndpoint } from '../../useApiData.ts';
import { publicResultColumns } from './ResultsNoticePage.tsx';
import { objectKindLabel } from '../../../../core/glossary.ts';
import { objectKinds } from '../../../../core/directoryObjects/objectFields.ts';

export default function EntityResultsPage() {
  const { uscc = '' } = useParams();
  const kindParam = useSearchParams()[0].get('kind');
  const kind = objectKinds.find((k) => k === kindParam);
  const navigate = useNavigate();
  const entity = useEndpoint('GET /api/public/entities/:uscc', { params: { uscc }, query: { kind } });
  const business = kind === undefined;
  return (
    <Card title={entity.data ? `${entity.data.entityName} 的抽查检查结果` : '企业抽查检查结果'} data-testid="portal-entity">
      <Flex vertical gap={12}>
        <Link to="/gs/results">← 抽查结果公告</Link>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Typography.Text data-testid="portal-entity-code">
            {business ? `统一社会信用代码：${uscc}` : `${objectKindLabel[kind]} · 对象编码：${uscc}`}
          </Typography.Text>
          {business && (
            <Flex gap={8}>
              <Button onClick={() => navigate(`/gs/stop-apply?uscc=${encodeURIComponent(uscc)}`)} data-testid="portal-stop-apply">
                本企业申请停止公示
              </Button>
              <Button onClick={() => navigate('/gs/stop-status')}>查询申请进度</Button>
            </Flex>
          )}
        </Flex>
        {entity.error && <ApiErrorAlert error={entity.error} />}
        {(entity.data?.jointInspections ?? []).map((j) => (
          <Card
            key={j.parts[0]!.id}
            size="small"
            type="inner"
            title={`部门联合抽查　任务 ${j.taskCode}`}
            data-testid="portal-joint-inspection"
          >
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 8 }}
              title="各部门联合一次上门检查，各自公示本部门的检查结果；各部门检查结果互认，不再就同一事项重复检查。"
            />
            <Table<PublicResult>
              data-testid="portal-joint-parts"
              dataSource={j.parts}
              rowKey="id"
              size="small"
              pagination={false}
              columns={[
                { title: '检查部门', dataIndex: 'authority' },
                { title: '检查日期', dataIndex: 'checkedOn', render: (v: string | null) => v ?? '—' },
                { title: '各部门检查结果', dataIndex: 'result', render: (v: string | null) => v ?? '—' },
                { title: '公示日期', dataIndex: 'publishedOn', render: (v: string | null) => v ?? '—' },
              ]}
            />
          </Card>
        ))}
        <Table<PublicResult>
          data-testid="portal-entity-table"
          rowKey="id"
          loading={entity.loading}
          dataSource={entity.data?.results ?? []}
          pagination={false}
          scroll={{ x: 1100 }}
          columns={[
            ...publicResultColumns.filter((c) => c.dataIndex !== 'entityName' && c.dataIndex !== 'uscc'),
            ...(business ? [stopColumn(uscc)] : []),
          ]}
        />
      </Flex>
    </Card>
  );
}

/** 停止公示: a business applies for one of its results. */
function stopColumn(uscc: string) {
  return {
    title: '停止公示',
    key: 'stop',
    width: 130,
    render: (_: unknown, r: PublicResult) => (
      <Link
        to={`/gs/stop-apply?uscc=${encodeURIComponent(uscc)}&result=${encodeURIComponent(r.id)}`}
        data-testid={`portal-stop-apply-${r.taskCode}`}
      >
        申请停止公示
      </Link>
    ),
  };
}
