// How a draw used the credit-risk classes (信用风险分类结果应用率, 信用风险差异化监管率;
// docs/indicators.md), read from its parameters and the eligible counts recorded at the commit.
import type { AllocationSpec, ClassMap } from '../draw/params.ts';
import { DEFAULT_WEIGHTS } from '../draw/allocation.ts';
import { parseRate } from '../draw/rate.ts';

const CLASSIFIED = ['A', 'B', 'C', 'D'] as const;

export interface DrawRiskUse {
  classified: boolean;
  usesClasses: boolean;
  differentiated: boolean;
}

/** Different rates (a missing rate is 0) or weights (a missing weight is the default) across A–D. */
export function allocationDifferentiates(spec: AllocationSpec): boolean {
  if (spec.mode === 'none') return false;
  const values =
    spec.mode === 'rates'
      ? CLASSIFIED.map((h) => {
          const rate = parseRate((spec.rates as ClassMap<string>)[h] ?? '0');
          return `${rate.num}/${rate.den}`;
        })
      : CLASSIFIED.map((h) => String(spec.weights?.[h] ?? DEFAULT_WEIGHTS[h]));
  return new Set(values).size > 1;
}

export function drawRiskUse(
  groups: readonly { allocation: AllocationSpec }[],
  counts: readonly { counts: Partial<Record<string, number>> }[],
): DrawRiskUse {
  return {
    classified: counts.some((g) => CLASSIFIED.some((h) => (g.counts[h] ?? 0) > 0)),
    usesClasses: groups.some((g) => g.allocation.mode !== 'none'),
    differentiated: groups.some((g) => allocationDifferentiates(g.allocation)),
  };
}
