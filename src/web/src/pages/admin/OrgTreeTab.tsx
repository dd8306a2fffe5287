// 组织机构: GET /api/orgs (only the units the caller may see), shown as a tree.
import { Empty, Space, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useMemo } from 'react';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { PageLoading } from '../../components/PageLoading.tsx';
import { unitKindName } from '../../labels.ts';
import { useEndpoint } from '../../useApiData.ts';
import { buildOrgTree, type OrgNode } from './orgTree.ts';
import { CreateUnitButton } from './CreateUnitButton.tsx';
import { useSession } from '../../session.tsx';
import { canWrite } from '../../../../core/access/policy.ts';

function toTreeData(node: OrgNode): TreeDataNode {
  const { unit } = node;
  return {
    key: unit.code,
    title: (
      <Space size={6}>
        <span>{unit.name}</span>
        <Tag>{unitKindName(unit.kind)}</Tag>
        {unit.deptType && <Tag color="purple">{unit.deptType}</Tag>}
      </Space>
    ),
    children: node.children.map(toTreeData),
  };
}

export function OrgTreeTab() {
  const { data, error, loading, reload } = useEndpoint('GET /api/orgs', {});
  const { role } = useSession();
  const mayManage = role !== null && canWrite(role, 'admin');
  const { treeData, expanded } = useMemo(() => {
    const roots = buildOrgTree(data?.items ?? []);
    // open the top two levels; deeper levels (股室, 所) on demand
    const expanded = roots.flatMap((r) => [r.unit.code, ...r.children.map((c) => c.unit.code)]);
    return { treeData: roots.map(toTreeData), expanded };
  }, [data]);

  if (error) return <ApiErrorAlert error={error} onRetry={reload} />;
  if (loading && !data) return <PageLoading />;
  if (treeData.length === 0) return <Empty description="没有可查看的组织机构" />;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">共 {data?.items.length ?? 0} 个单位（仅显示本单位及下级单位）。</Typography.Text>
        {mayManage && <CreateUnitButton units={data?.items ?? []} onCreated={reload} />}
      </Space>
      <Tree data-testid="org-tree" showLine blockNode treeData={treeData} defaultExpandedKeys={expanded} selectable={false} />
    </>
  );
}
