// Public portal sections: empty until the plan, task and result modules publish.
// No API call yet: nothing is published.
import { Card, Empty, Typography } from 'antd';
import { portalSections, type PortalSection } from '../../layout/PortalLayout.tsx';

const explanation: Record<PortalSection, string> = {
  items: '随机抽查事项清单公布后将在此公示。',
  plans: '年度抽查计划及其调整公布后将在此公示。',
  tasks: '抽查任务（抽取结果、检查时间安排）公布后将在此公示。',
  results: '抽查检查结果公布后将在此公示，也可在国家企业信用信息公示系统查询。',
};

export default function PortalPendingPage({ section }: { section: PortalSection }) {
  return (
    <Card title={portalSections[section]} data-testid={`portal-${section}`}>
      <Empty
        description={
          <>
            <Typography.Text strong>暂无公示信息</Typography.Text>
            <br />
            <Typography.Text type="secondary">{explanation[section]}</Typography.Text>
          </>
        }
      />
    </Card>
  );
}
