import { Space, Tag } from 'antd';
import type { PlanStatus } from './planTypes.ts';
import { planStatusColor, planStatusText } from './planFormat.ts';

/** 草拟/已发布/已备案, plus 调整中 while a new version is drafted and 待重新备案 after an adjustment. */
export function PlanStatusTags({
  status,
  publishedVersion,
  draftVersion,
  filedVersion,
  testId,
}: {
  status: PlanStatus;
  publishedVersion: number | null;
  draftVersion: number | null;
  filedVersion: number | null;
  testId?: string;
}) {
  const adjusting = draftVersion !== null && publishedVersion !== null;
  const refile = filedVersion !== null && publishedVersion !== null && filedVersion !== publishedVersion;
  return (
    <Space size={[0, 4]} wrap data-testid={testId}>
      <Tag color={planStatusColor[status]}>{planStatusText[status]}</Tag>
      {adjusting && <Tag color="orange">调整中（第{draftVersion}版）</Tag>}
      {refile && <Tag color="gold">第{publishedVersion}版待重新备案</Tag>}
    </Space>
  );
}
