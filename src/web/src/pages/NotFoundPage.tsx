import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

export default function NotFoundPage({ home = '/console' }: { home?: string }) {
  const navigate = useNavigate();
  return (
    <Result
      data-testid="not-found"
      status="404"
      title="页面不存在"
      subTitle="您访问的地址不存在或已被移除，请检查链接是否正确。"
      extra={
        <Button type="primary" onClick={() => navigate(home)}>
          返回首页
        </Button>
      }
    />
  );
}
