import type { RiskClass } from '../glossary.ts';
import { type CellResult, foldCell, parsed, tidyCell } from './cell.ts';
import { percentToBasisPoints } from './quota.ts';

/** 信用风险分类管理: how the A/B/C/D classes shape the draw. */
export type RiskPolicy =
  /** "分别递加比例抽查": ratio rises from A to D; `classes` are the classes the text names. */
  | { kind: 'escalating'; classes: RiskClass[]; text: string }
  /** Ratios per class, when the cell states them ("A类1%，B类3%，C类5%，D类10%"). */
  | { kind: 'perClass'; basisPoints: Partial<Record<RiskClass, number>>; text: string }
  /** "不使用…": classes not used, with the reason as written. */
  | { kind: 'notUsed'; reason: string }
  /** Text that refers to risk but states no rule ("结合信用风险管理要求"). */
  | { kind: 'described'; text: string }
  /** Empty cell. Counting it against the ≥90/95% target is a planner check, not a parse error. */
  | { kind: 'notStated' };

const CLASS_WORDS: [RiskClass, RegExp][] = [
  ['A', /低风险|A类/],
  ['B', /一般风险|B类/],
  ['C', /较高风险|C类/],
  ['D', /(?<!较)高风险|D类/],
];

const PER_CLASS = /(低风险|一般风险|较高风险|高风险|[ABCD])类?(?:企业)?[^\d%]{0,6}?(\d+(?:\.\d+)?)%/g;
const wordClass: Record<string, RiskClass> = { 低风险: 'A', 一般风险: 'B', 较高风险: 'C', 高风险: 'D', A: 'A', B: 'B', C: 'C', D: 'D' };

export function parseRiskPolicy(raw: string): CellResult<RiskPolicy> {
  const text = foldCell(raw);
  const written = tidyCell(raw);
  if (text === '') return parsed({ kind: 'notStated' });
  if (/不(使用|适用|采用|涉及)|未(使用|采用|分类)|无需/.test(text)) return parsed({ kind: 'notUsed', reason: written });
  const basisPoints: Partial<Record<RiskClass, number>> = {};
  for (const m of text.matchAll(PER_CLASS)) {
    const riskClass = wordClass[m[1] ?? ''];
    const bp = percentToBasisPoints(m[2] ?? '');
    if (riskClass !== undefined && bp !== null) basisPoints[riskClass] = bp;
  }
  if (Object.keys(basisPoints).length > 0) return parsed({ kind: 'perClass', basisPoints, text: written });
  if (/递加|递增|加大|提高/.test(text)) {
    const classes = CLASS_WORDS.filter(([, pattern]) => pattern.test(text)).map(([riskClass]) => riskClass);
    return parsed({ kind: 'escalating', classes, text: written });
  }
  return parsed(
    { kind: 'described', text: written },
    '信用风险分类管理未写明用法：请写“对低风险、一般风险、较高风险、高风险企业分别递加比例抽查”、各类比例（如“A类1%，D类10%”）或“不使用：原因”。',
  );
}

/**
 * Whether a task's 信用风险分类管理 makes the draw allocate by risk class (draw-spec §4): only
 * "分别递加比例" and per-class ratios do; otherwise the draw is one group, 全部（不分类）, and the
 * task's 风险分类依据 changes nothing.
 */
export function allocatesByRiskClass(policy: RiskPolicy | null): boolean {
  return policy?.kind === 'escalating' || policy?.kind === 'perClass';
}

/** {@link allocatesByRiskClass} of a 信用风险分类管理 cell as written (an unreadable cell allocates by none). */
export function cellAllocatesByRiskClass(raw: string): boolean {
  const result = parseRiskPolicy(raw);
  return result.ok && allocatesByRiskClass(result.value);
}
