// 可抽取 / 不可抽取 marker: red with the reason (e.g. 不可抽取：执法证已过期（2025-03-01）).
import { Tag } from 'antd';
import type { InspectorView } from './types.ts';

export function DrawableMarker({ inspector }: { inspector: Pick<InspectorView, 'drawable' | 'notDrawableReason'> }) {
  if (inspector.drawable) {
    return (
      <Tag color="green" data-testid="drawable-marker">
        可抽取
      </Tag>
    );
  }
  return (
    <Tag color="red" data-testid="drawable-marker">
      {inspector.notDrawableReason}
    </Tag>
  );
}
