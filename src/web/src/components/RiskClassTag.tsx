import { Tag } from 'antd';
import { riskClassName } from '../labels.ts';

const colors: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

/** 信用风险分类 A/B/C/D; entities without a class show 未分类. */
export function RiskClassTag({ riskClass }: { riskClass: string | null }) {
  return <Tag color={riskClass ? colors[riskClass] : undefined}>{riskClassName(riskClass)}</Tag>;
}
