// 工作台: who I am here, and how big the directories are within my unit's scope.
import { Card, Col, Descriptions, Row, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { glossary } from '../../../core/glossary.ts';
import { menuFor, modules } from '../../../core/access/policy.ts';
import type { Page } from '../apiTypes.ts';
import { roleName } from '../labels.ts';
import { useSession } from '../session.tsx';
import { useApiData } from '../useApiData.ts';

/** Count only: one row is enough, the server returns the total. */
function useTotal(path: string) {
  const { data, error, loading } = useApiData<Page<unknown>>(`${path}?page=1&pageSize=1`);
  return { total: data?.total, error, loading };
}

function CountCard({ title, path, testId, link }: { title: string; path: string; testId: string; link: string }) {
  const { total, error, loading } = useTotal(path);
  return (
    <Card>
      <Statistic
        data-testid={testId}
        title={title}
        loading={loading}
        value={total ?? '—'}
        suffix={total === undefined ? undefined : '条'}
      />
      {error ? (
        <Tooltip title={error.message}>
          <Typography.Text type="danger">无法获取：{error.message}</Typography.Text>
        </Tooltip>
      ) : (
        <Link to={link}>查看名录</Link>
      )}
    </Card>
  );
}

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

export default function HomePage() {
  const { me, role } = useSession();
  const canSeeDirectories = role ? menuFor(role).includes('directories') : false;

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
      {canSeeDirectories && (
        <Row gutter={[16, 16]}>
          <Col xs={24} sm={12}>
            <CountCard
              title={`${glossary.marketEntity}（本单位管辖范围）`}
              path="/api/entities"
              testId="count-entities"
              link="/console/directories?tab=entities"
            />
          </Col>
          <Col xs={24} sm={12}>
            <CountCard
              title="执法检查人员（本单位及下级）"
              path="/api/inspectors"
              testId="count-inspectors"
              link="/console/directories?tab=inspectors"
            />
          </Col>
        </Row>
      )}
    </Space>
  );
}
