import { Tag, Tooltip } from 'antd';
import type { ItemClaim } from './types.ts';

export function ClaimTag({ claim }: { claim: ItemClaim | null }) {
  if (!claim) return <Tag data-testid="claim-none">未认领</Tag>;
  if (claim.reviewStatus === 'needs_review') {
    const why = claim.reviewReason === 'removed' ? '新版清单已删除该事项' : `新版修改了：${claim.changedFields.join('、')}`;
    return (
      <Tooltip title={why}>
        <Tag color="orange" data-testid="claim-review">
          待复核
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Tag color="green" data-testid="claim-current">
      已认领
    </Tag>
  );
}
