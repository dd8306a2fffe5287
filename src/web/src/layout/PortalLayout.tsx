// Public portal (/gs): no login, no console code.
import { Flex, Layout, Menu, Typography, theme } from 'antd';
import { Suspense, useEffect } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { PageLoading } from '../components/PageLoading.tsx';

export const portalSections = {
  items: '事项清单',
  plans: '计划公告',
  tasks: '任务公告',
  results: '结果公告',
} as const;
export type PortalSection = keyof typeof portalSections;

/** Public tools beside the four publication sections. */
export const portalTools = { verify: '摇号验证', 'stop-apply': '申请停止公示', 'stop-status': '查询申请进度' } as const;

export default function PortalLayout() {
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const section = pathname.split('/')[2] ?? 'items';

  useEffect(() => {
    const name = (portalTools as Record<string, string>)[section] ?? (portalSections as Record<string, string>)[section] ?? '公示';
    document.title = `${name} - 双随机、一公开 · 公示`;
  }, [section]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: token.colorPrimary,
          padding: '0 16px',
          height: 'auto',
          minHeight: 56,
          lineHeight: 'normal',
        }}
      >
        <Flex align="center" justify="space-between" gap={12} wrap style={{ minHeight: 56, maxWidth: 1200, margin: '0 auto' }}>
          <Typography.Title level={4} style={{ margin: 0, color: '#fff' }} data-testid="portal-title">
            双随机、一公开 · 公示
          </Typography.Title>
          <Link to="/login" style={{ color: '#fff' }} data-testid="portal-login-link">
            登录监管端
          </Link>
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ width: '100%', maxWidth: 1200, margin: '0 auto', padding: 16 }}>
        <Menu
          data-testid="portal-menu"
          mode="horizontal"
          selectedKeys={[section]}
          items={[...Object.entries(portalSections), ...Object.entries(portalTools)].map(([key, label]) => ({ key, label }))}
          onClick={({ key }) => navigate(`/gs/${key}`)}
          style={{ marginBottom: 16 }}
        />
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: token.colorTextTertiary }}>
        抽查事项、抽查计划、抽查任务和抽查结果依法向社会公示。
      </Layout.Footer>
    </Layout>
  );
}
