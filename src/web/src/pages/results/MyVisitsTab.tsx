// 我的任务: the visits assigned to the signed-in inspector, as cards that fit a phone
// (390 px): the object, the task and its window, the items, the fellow inspectors, the state.
import { Alert, Button, Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useEndpoint } from '../../useApiData.ts';
import { ResultStatusTag, windowText } from './resultFormat.tsx';
import { objectCodeText, visitObjectName } from '../../labels.ts';

export function MyVisitsTab() {
  const list = useEndpoint('GET /api/my-visits', {});
  const data = list.data;
  return (
    <Flex vertical gap={12} data-testid="my-visits">
      {list.error && <ApiErrorAlert error={list.error} onRetry={list.reload} />}
      {data?.message && <Alert type="warning" showIcon title={data.message} data-testid="my-visits-message" />}
      {data?.inspector && (
        <Typography.Text type="secondary">
          执法检查人员：{data.inspector.name}；共 {data.items.length} 户待检查或已检查。
        </Typography.Text>
      )}
      {list.loading && !data && <Card loading />}
      {data && data.items.length === 0 && !data.message && <Empty description="目前没有分配给您的检查户" />}
      {data?.items.map((v) => (
        <Card
          key={`${v.drawId}-${v.uscc}`}
          size="small"
          data-testid={`visit-card-${v.uscc}`}
          title={
            <Typography.Text strong ellipsis style={{ maxWidth: '100%' }}>
              {visitObjectName(v)}
            </Typography.Text>
          }
          extra={<ResultStatusTag status={v.result?.status ?? null} testId={`visit-card-status-${v.uscc}`} />}
        >
          <Flex vertical gap={6}>
            <Typography.Text copyable={{ text: v.uscc }} style={{ wordBreak: 'break-all' }}>
              {v.object ? objectCodeText(v.object.kindLabel, v.uscc) : v.uscc}
            </Typography.Text>
            {v.entity?.address && <Typography.Text type="secondary">{v.entity.address}</Typography.Text>}
            <Typography.Text>
              {v.taskCode} {v.taskName}
            </Typography.Text>
            <Typography.Text type="secondary">检查时间：{windowText(v.window)}</Typography.Text>
            <Space size={[4, 4]} wrap>
              {v.items.map((i) => (
                <Tag key={i} color="blue" style={{ whiteSpace: 'normal' }}>
                  {i}
                </Tag>
              ))}
            </Space>
            <Typography.Text type="secondary">检查人员：{v.inspectors.map((p) => p.name).join('、') || '—'}</Typography.Text>
            <Link to={`/console/visits/${v.drawId}/${encodeURIComponent(v.uscc)}`} data-testid={`visit-open-${v.uscc}`}>
              <Button type="primary" block>
                {v.result ? '查看 / 录入检查结果' : '开始检查'}
              </Button>
            </Link>
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
