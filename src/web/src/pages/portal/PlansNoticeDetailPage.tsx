// 抽查计划公告 detail (public): the task table of a published version, earlier published
// versions selectable, and the 调整记录 (each version's reason).
import { Card, Descriptions, Flex, Select, Table, Typography } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { formatDateTime } from '../../labels.ts';
import type { PublicTask, PublicVersion } from '../plans/planTypes.ts';
import { useEndpoint } from '../../useApiData.ts';
import { modeText, periodText, planKindText, taskTypeText } from '../plans/planFormat.ts';

export default function PlansNoticeDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const version = params.get('version');
  const detail = useEndpoint('GET /api/public/plans/:id', { params: { id }, query: version ? { version: Number(version) } : {} });
  if (detail.error) {
    return (
      <Card title="抽查计划公告">
        <ApiErrorAlert error={detail.error} onRetry={detail.reload} />
        <Link to="/gs/plans">返回计划公告</Link>
      </Card>
    );
  }
  if (!detail.data) return <PageLoading />;
  const d = detail.data;
  return (
    <Card
      title={<span data-testid="portal-plan-title">{d.version.title}</span>}
      data-testid="portal-plan-detail"
      extra={
        <Select
          value={d.version.versionNo}
          onChange={(v: number) => setParams({ version: String(v) }, { replace: true })}
          style={{ width: 200 }}
          data-testid="portal-plan-version"
          aria-label="版本"
          options={d.versions.map((v) => ({ value: v.versionNo, label: `第${v.versionNo}版${v.current ? '（现行）' : '（已替代）'}` }))}
        />
      }
    >
      <Flex vertical gap={16}>
        <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label="发布单位">{d.unitName}</Descriptions.Item>
          <Descriptions.Item label="年度">{d.year}</Descriptions.Item>
          <Descriptions.Item label="类型">{planKindText[d.kind]}</Descriptions.Item>
          <Descriptions.Item label="文号">{d.version.docNumber || '—'}</Descriptions.Item>
          <Descriptions.Item label="完成时限">{d.version.deadline ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="发布时间">{d.version.publishedAt ? formatDateTime(d.version.publishedAt) : '—'}</Descriptions.Item>
        </Descriptions>
        <Table<PublicTask>
          size="small"
          bordered
          data-testid="portal-plan-tasks"
          rowKey="code"
          dataSource={d.tasks}
          pagination={false}
          scroll={{ x: 1300 }}
          columns={[
            { title: '序号', dataIndex: 'seq', width: 56, render: (v: number | null) => v ?? '' },
            { title: '任务编号', dataIndex: 'code', width: 140 },
            { title: '任务名称', dataIndex: 'name', width: 220 },
            { title: '类型', dataIndex: 'taskType', width: 70, render: taskTypeText },
            {
              title: '抽查事项',
              dataIndex: 'items',
              width: 260,
              render: (items: string[]) => items.map((item, i) => <div key={item}>{`${i + 1}. ${item}`}</div>),
            },
            { title: '抽查对象范围', dataIndex: 'population', width: 180 },
            { title: '抽查比例/数量', key: 'quota', width: 130, render: (_, t) => t.cells.quota ?? '—' },
            { title: '起止时间', dataIndex: 'period', width: 120, render: periodText },
            { title: '模式', dataIndex: 'mode', width: 100, render: modeText },
            {
              title: '发起/配合部门',
              key: 'departments',
              width: 200,
              render: (_, t) =>
                [
                  t.initiatingDepartment ? `发起：${t.initiatingDepartment}` : '',
                  t.cooperatingDepartments.length ? `配合：${t.cooperatingDepartments.join('、')}` : '',
                ]
                  .filter(Boolean)
                  .join('；') || '—',
            },
          ]}
        />
        <Typography.Title level={5} style={{ margin: 0 }}>
          调整记录
        </Typography.Title>
        <Table<PublicVersion>
          size="small"
          data-testid="portal-plan-history"
          rowKey="versionNo"
          dataSource={[...d.versions].reverse()}
          pagination={false}
          columns={[
            { title: '版本', dataIndex: 'versionNo', width: 80, render: (v: number) => `第${v}版` },
            { title: '发布时间', dataIndex: 'publishedAt', width: 180, render: (v: string | null) => (v ? formatDateTime(v) : '—') },
            { title: '调整原因', dataIndex: 'reason', render: (r: string | null, v) => r ?? (v.versionNo === 1 ? '首次发布' : '—') },
          ]}
        />
        <Link to="/gs/plans">返回计划公告</Link>
      </Flex>
    </Card>
  );
}
