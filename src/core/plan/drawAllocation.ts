// A plan task's 抽查比例/数量 and 信用风险分类管理 as the allocation of a draw group (docs/draw-spec.md §4):
// classes used with stated per-class ratios → `rates`; classes used by "分别递加比例" → `total`
// (D'Hondt with the default weights A1 B2 C4 D8, so the ratio rises from A to D); classes not
// used → `none`. A 根据预警 (manual) quota needs the count decided at commit time.
import type { AllocationSpec } from '../draw/params.ts';
import { formatPercent, type Quota } from './quota.ts';
import { allocatesByRiskClass, type RiskPolicy } from './riskPolicy.ts';

export type AllocationChoice = { ok: true; allocation: AllocationSpec; note: string } | { ok: false; message: string };

export function allocationForTask(quota: Quota | null, riskPolicy: RiskPolicy | null, manualCount?: number): AllocationChoice {
  if (quota === null) return { ok: false, message: '任务的“抽查比例/数量”未能识别，不能抽取：请先在计划中修改该任务并发布。' };
  let size: { ratio: string } | { count: number };
  if (quota.kind === 'manual') {
    if (manualCount === undefined || !Number.isInteger(manualCount) || manualCount < 1) {
      return { ok: false, message: `任务的抽查数量需人工确定（“${quota.note}”）：请在承诺前填写本批抽取户数（正整数）。` };
    }
    size = { count: manualCount };
  } else if (quota.kind === 'count') {
    size = { count: quota.count };
  } else {
    size = { ratio: `${formatPercent(quota.basisPoints)}%` };
  }
  const sizeText = 'ratio' in size ? `比例 ${size.ratio}` : `${size.count} 户`;
  if (riskPolicy?.kind === 'perClass' && 'ratio' in size) {
    const base = size.ratio;
    const rates: Record<string, string> = {};
    for (const cls of ['A', 'B', 'C', 'D'] as const) {
      const bp = riskPolicy.basisPoints[cls];
      rates[cls] = bp === undefined ? base : `${formatPercent(bp)}%`;
    }
    rates.U = base;
    return {
      ok: true,
      allocation: { mode: 'rates', rates },
      note: `按风险等级分别比例：${Object.entries(rates)
        .map(([k, v]) => `${k} ${v}`)
        .join('，')}`,
    };
  }
  if (allocatesByRiskClass(riskPolicy)) {
    return { ok: true, allocation: { mode: 'total', ...size }, note: `${sizeText}，按风险等级递加分配（权重 A1 B2 C4 D8，未分类按 2）` };
  }
  return { ok: true, allocation: { mode: 'none', ...size }, note: `${sizeText}，不按风险等级分配` };
}
