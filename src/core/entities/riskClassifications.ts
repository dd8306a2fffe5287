// 信用风险分类 and the 专业领域 classifications beside it (seed 003 二(五): 食品、工业产品、特种设备等
// 重点领域 keep their own 分级分类 and share it with the platform). A business has the general class
// (market_entity.risk_class) and at most one class per 专业领域 classification; a task's 信用风险分类
// 管理 text names the classification its allocation uses, and the draw's frame carries that class.
import type { RiskClass } from '../glossary.ts';

/** The classifications, general first; the label is what people, the params and the portal read. */
export const riskClassificationLabel = {
  general: '信用风险分类',
  food: '食品生产经营风险分级',
  specialEquipment: '特种设备风险分级',
  industrialProduct: '工业产品质量安全风险分级',
  drugs: '药品医疗器械化妆品风险分级',
} as const;
export type RiskClassification = keyof typeof riskClassificationLabel;
export type DomainRiskClassification = Exclude<RiskClassification, 'general'>;

export const riskClassifications = Object.keys(riskClassificationLabel) as RiskClassification[];
export const domainRiskClassifications = riskClassifications.filter((c) => c !== 'general') as DomainRiskClassification[];

// How a plan's text or an import cell names each 专业领域 classification (its own label included).
const namedBy: Record<DomainRiskClassification, RegExp> = {
  food: /食品(生产|经营|生产经营|安全)?(风险)?(分级|等级)/,
  specialEquipment: /特种设备.{0,6}(风险)?(分级|等级)/,
  industrialProduct: /工业产品.{0,8}(风险)?(分级|等级)/,
  drugs: /(药品|医疗器械|化妆品).{0,10}(风险)?(分级|等级)/,
};

/**
 * The classification a text names: a 专业领域 one when the text names it (“根据食品安全风险分级
 * 结果…”), else the general 信用风险分类. Also reads a code or a label exactly.
 */
export function riskClassificationNamedIn(text: string): RiskClassification {
  const t = text.trim();
  if ((riskClassifications as string[]).includes(t)) return t as RiskClassification;
  const byLabel = riskClassifications.find((c) => riskClassificationLabel[c] === t);
  if (byLabel) return byLabel;
  return domainRiskClassifications.find((c) => namedBy[c].test(t)) ?? 'general';
}

/** A 专业领域 classification named in an import cell, or null when the cell names none. */
export function domainRiskClassificationOf(cell: string): DomainRiskClassification | null {
  const named = riskClassificationNamedIn(cell);
  return named === 'general' ? null : named;
}

/** The class a business has in a classification: U (未分类) when it has none there. */
export function classIn(
  classification: RiskClassification,
  entity: { riskClass: RiskClass | null; domainClasses: Partial<Record<DomainRiskClassification, RiskClass>> },
): RiskClass | 'U' {
  if (classification === 'general') return entity.riskClass ?? 'U';
  return entity.domainClasses[classification] ?? 'U';
}
