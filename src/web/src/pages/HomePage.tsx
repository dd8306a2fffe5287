// 工作台: who I am here, what my role must do next (待办, overdue first, with deadlines), and
// the exact size of the directories within my unit's scope.
import { Alert, Badge, Card, Col, Descriptions, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { glossary } from '../../../core/glossary.ts';
import { menuFor, modules } from '../../../core/access/policy.ts';
import type { ApiOutput } from '../api.ts';
import { roleName } from '../labels.ts';
import { useSession } from '../session.tsx';
import { useEndpoint } from '../useApiData.ts';

type Workbench = ApiOutput<'GET /api/workbench'>;
type TodoItem = Workbench['groups'][number]['items'][number];

const urgencyTag: Record<TodoItem['urgency'], { color: string; text: string } | null> = {
  overdue: { color: 'red', text: '已逾期' },
  dueSoon: { color: 'orange', text: '临期' },
  ok: { color: 'green', text: '进行中' },
  none: null,
};

function ModuleLinks() {
  const { role } = useSession();
  const keys = role ? menuFor(role) : [];
  if (keys.length === 0) return <>无</>;
  return (
    <Space size={[4, 8]} wrap>
      {keys.map((key) => (
        <Link key={key} to={`/console/${key}`}>
          <Tag>{modules[key]}</Tag>
        </Link>
      ))}
    </Space>
  );
}

function TodoRow({ item }: { item: TodoItem }) {
  const tag = urgencyTag[item.urgency];
  return (
    <List.Item>
      <Space orientation="vertical" size={0} style={{ width: '100%' }}>
        <Space wrap>
          <Link to={item.link}>{item.subject}</Link>
          {tag && <Tag color={tag.color}>{tag.text}</Tag>}
          {item.due && <Typography.Text type={item.urgency === 'overdue' ? 'danger' : 'secondary'}>期限 {item.due}</Typography.Text>}
        </Space>
        {item.detail && <Typography.Text type="secondary">{item.detail}</Typography.Text>}
      </Space>
    </List.Item>
  );
}

function Todos({ data }: { data: Workbench }) {
  if (data.notice) return <Alert type="warning" showIcon title={data.notice} />;
  if (data.groups.length === 0) return <Empty description="暂无待办事项" />;
  return (
    <Row gutter={[16, 16]}>
      {data.groups.map((g) => (
        <Col xs={24} lg={12} key={g.kind}>
          <Card
            size="small"
            data-testid={`todo-${g.kind}`}
            title={
              <Space>
                {g.title}
                <Badge count={g.total} showZero color="blue" overflowCount={99999} />
                {g.overdue > 0 && <Tag color="red">逾期 {g.overdue}</Tag>}
              </Space>
            }
          >
            <List size="small" dataSource={g.items} renderItem={(item) => <TodoRow item={item} />} />
            {g.total > g.items.length && (
              <Typography.Text type="secondary">
                另有 {g.total - g.items.length} 项，请到 <Link to={g.items[0]?.link ?? '/console'}>相应页面</Link> 查看全部
              </Typography.Text>
            )}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function CountCard({ title, value, testId, link }: { title: string; value: number | null | undefined; testId: string; link: string }) {
  return (
    <Card>
      <Statistic
        data-testid={testId}
        title={title}
        loading={value === undefined}
        value={value ?? '—'}
        suffix={typeof value === 'number' ? '条' : undefined}
      />
      <Link to={link}>查看名录</Link>
    </Card>
  );
}

export default function HomePage() {
  const { me } = useSession();
  const workbench = useEndpoint('GET /api/workbench', {});
  const data = workbench.data;
  const counts = data?.counts;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card title="工作台" data-testid="welcome">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          您好，{me.user.displayName}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
          size="small"
          items={[
            { key: 'username', label: '用户名', children: me.user.username },
            { key: 'unit', label: '当前单位', children: me.active.unitName },
            { key: 'role', label: '当前角色', children: roleName(me.active.role) },
            { key: 'modules', label: '可用模块', span: 'filled', children: <ModuleLinks /> },
          ]}
        />
      </Card>
      <Card title={data ? `待办事项（${data.today}）` : '待办事项'} data-testid="todos" loading={workbench.loading && !data}>
        {workbench.error ? (
          <Alert type="error" showIcon title={`无法获取待办事项：${workbench.error.message}`} />
        ) : (
          data && <Todos data={data} />
        )}
      </Card>
      {counts && counts.entities !== null && (
        <Row gutter={[16, 16]}>
          <Col xs={24} sm={12}>
            <CountCard
              title={`${glossary.marketEntity}（本单位管辖范围）`}
              value={counts.entities}
              testId="count-entities"
              link="/console/directories?tab=entities"
            />
          </Col>
          <Col xs={24} sm={12}>
            <CountCard
              title="在岗执法检查人员（本单位及下级）"
              value={counts.inspectors}
              testId="count-inspectors"
              link="/console/directories?tab=inspectors"
            />
          </Col>
        </Row>
      )}
    </Space>
  );
}
