import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { modules, type ModuleKey } from '../../../core/access/policy.ts';
import { roleName } from '../labels.ts';
import { useSession } from '../session.tsx';

/** UI mirror of the server's 403: the role may not read this module. */
export function ForbiddenPage({ module }: { module: ModuleKey }) {
  const { me } = useSession();
  const navigate = useNavigate();
  return (
    <Result
      data-testid="forbidden"
      status="403"
      title="无权访问"
      subTitle={`当前角色（${roleName(me.active.role)}）无权访问「${modules[module]}」。如需访问，请联系本单位系统管理员分配角色。`}
      extra={
        <Button type="primary" onClick={() => navigate('/console')}>
          返回工作台
        </Button>
      }
    />
  );
}
