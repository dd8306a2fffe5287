import { UserOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { roleName } from '../labels.ts';
import { useSession } from '../session.tsx';

/** Who is signed in, in which unit, with which role. */
export function CurrentUser({ vertical = false }: { vertical?: boolean }) {
  const { me } = useSession();
  return (
    <Space data-testid="current-user" orientation={vertical ? 'vertical' : 'horizontal'} size={4} wrap>
      <Typography.Text strong>
        <UserOutlined /> {me.user.displayName}
      </Typography.Text>
      <Typography.Text type="secondary">{me.active.unitName}</Typography.Text>
      <Tag color="blue" data-testid="current-role">
        {roleName(me.active.role)}
      </Tag>
    </Space>
  );
}
