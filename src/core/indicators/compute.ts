// From counts to an indicator's figure: value = numerator ÷ denominator, judged against the target
// (docs/indicators.md). A roll-up adds numerators and denominators — never averages rates.
import { hasFixedTarget, indicatorDefinition, INDICATOR_KEYS, type IndicatorKey } from './definitions.ts';

export interface IndicatorCount {
  numerator: number;
  denominator: number;
}

export type IndicatorCounts = Record<IndicatorKey, IndicatorCount>;

/** red/amber/green against target; none when there is no target or nothing to count. */
export type IndicatorLight = 'green' | 'amber' | 'red' | 'none';

export interface IndicatorFigure {
  key: IndicatorKey;
  name: string;
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator; null when the denominator is 0. */
  value: number | null;
  target: number | null;
  /** null when there is no target or no value. */
  met: boolean | null;
  light: IndicatorLight;
}

/** How close to the target still counts as amber rather than red (a share of the target scale). */
export const AMBER_MARGIN = 0.1;

export function zeroCounts(): IndicatorCounts {
  return Object.fromEntries(INDICATOR_KEYS.map((k) => [k, { numerator: 0, denominator: 0 }])) as IndicatorCounts;
}

/** Sums the counts of disjoint sets of rows (units that do not overlap). */
export function addCounts(a: IndicatorCounts, b: IndicatorCounts): IndicatorCounts {
  const out = zeroCounts();
  for (const k of INDICATOR_KEYS) out[k] = { numerator: a[k].numerator + b[k].numerator, denominator: a[k].denominator + b[k].denominator };
  return out;
}

export function indicatorFigure(key: IndicatorKey, count: IndicatorCount, target: number | null): IndicatorFigure {
  const def = indicatorDefinition(key);
  const value = count.denominator === 0 ? null : count.numerator / count.denominator;
  const judged = hasFixedTarget(def);
  const effectiveTarget = judged ? target : null;
  let met: boolean | null = null;
  let light: IndicatorLight = 'none';
  if (value !== null && effectiveTarget !== null) {
    met = def.direction === 'atLeast' ? value >= effectiveTarget - 1e-12 : value <= effectiveTarget + 1e-12;
    // Amber: an at-least target missed by at most AMBER_MARGIN of the target (for 100%: 90% or
    // more). An at-most target has no amber: any low-risk repeat breaks the rule.
    const gap = def.direction === 'atLeast' ? effectiveTarget - value : value - effectiveTarget;
    const allowed = def.direction === 'atLeast' ? effectiveTarget * AMBER_MARGIN : 0;
    light = met ? 'green' : gap <= allowed + 1e-12 ? 'amber' : 'red';
  }
  return { key, name: def.name, numerator: count.numerator, denominator: count.denominator, value, target: effectiveTarget, met, light };
}

export function indicatorFigures(counts: IndicatorCounts, targets: Partial<Record<IndicatorKey, number | null>>): IndicatorFigure[] {
  return INDICATOR_KEYS.map((key) => {
    const target = key in targets ? (targets[key] ?? null) : indicatorDefinition(key).defaultTarget;
    return indicatorFigure(key, counts[key], target);
  });
}
