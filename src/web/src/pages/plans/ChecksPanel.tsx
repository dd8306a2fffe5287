// 检查提示: warnings that help the planner, each with the rule behind it.
// They never block publishing; the planner decides (tasks that cannot be drawn need a stated
// reason when publishing).
import { Alert, Empty, Flex, List, Tag, Typography } from 'antd';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import type { PlanWarning } from './planTypes.ts';
import { useEndpoint } from '../../useApiData.ts';

export const warningKindText: Record<string, string> = {
  duplicateUpper: '与上级任务重复',
  duplicateJoint: '与联合抽查任务重复',
  itemCoverage: '事项覆盖率',
  unknownItems: '不在认领清单中的事项',
  secondHalf: '下半年任务集中',
  riskUnused: '未使用信用风险分类',
  riskUseRate: '风险分类应用率',
  lowRiskRepeat: '低风险企业重复检查',
  emptyPopulation: '对象范围内没有对象',
  unlinkedPopulation: '未关联名录分库',
  scopeContradiction: '名录分库与对象范围不符',
};

export function ChecksPanel({ planId, versionNo }: { planId: string; versionNo: number }) {
  const checks = useEndpoint('GET /api/plans/:id/checks', { params: { id: planId }, query: { version: versionNo } });
  if (checks.error) return <ApiErrorAlert error={checks.error} onRetry={checks.reload} />;
  const warnings = checks.data?.warnings ?? [];
  return (
    <Flex vertical gap={8} data-testid="plan-checks">
      <Alert
        type="info"
        showIcon
        title="检查提示帮助编制计划，不阻止发布：请逐条核对，确需保留的可不修改。未关联名录分库或分库为 0 户的任务，发布时须填写说明。"
      />
      <List<PlanWarning>
        loading={checks.loading}
        dataSource={warnings}
        locale={{ emptyText: <Empty description="未发现需要提示的问题" /> }}
        renderItem={(w) => (
          <List.Item data-testid={`plan-check-${w.kind}`}>
            <List.Item.Meta
              title={
                <Flex gap={8} align="center" wrap>
                  <Tag color="orange">{warningKindText[w.kind] ?? w.kind}</Tag>
                  {w.taskCode && <Typography.Text code>{w.taskCode}</Typography.Text>}
                </Flex>
              }
              description={
                <Flex vertical gap={4}>
                  <Typography.Text>{w.message}</Typography.Text>
                  <Typography.Text type="secondary">依据：{w.reason}</Typography.Text>
                </Flex>
              }
            />
          </List.Item>
        )}
      />
    </Flex>
  );
}
