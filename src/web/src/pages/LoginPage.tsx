// 登录: POST /api/auth/login; the server's Chinese error message is shown verbatim.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { login, type ApiError } from '../api.ts';
import { toApiError } from '../useApiData.ts';

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError>();

  useEffect(() => {
    document.title = '登录 - 双随机、一公开监管平台';
  }, []);

  async function submit({ username, password }: LoginForm) {
    setSubmitting(true);
    setError(undefined);
    try {
      await login(username.trim(), password);
      navigate('/console', { replace: true });
    } catch (e) {
      setError(toApiError(e));
      setSubmitting(false);
    }
  }

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', padding: 16 }}>
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          双随机、一公开监管平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          监管端登录
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error.message} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<LoginForm> layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
          <Form.Item name="username" label="用户名" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input
              data-testid="login-username"
              prefix={<UserOutlined />}
              autoComplete="username"
              autoCapitalize="none"
              autoFocus
              size="large"
            />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password data-testid="login-password" prefix={<LockOutlined />} autoComplete="current-password" size="large" />
          </Form.Item>
          <Button data-testid="login-submit" type="primary" htmlType="submit" block size="large" loading={submitting}>
            登录
          </Button>
        </Form>
        <Typography.Paragraph style={{ textAlign: 'center', marginTop: 16, marginBottom: 0 }}>
          <Link to="/gs">查看公示信息（无需登录）</Link>
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
