import { type CellResult, failed, foldCell, parsed, quote, tidyCell } from './cell.ts';

/**
 * 抽查比例/数量. Ratios are integers in basis points (万分之一: 3% = 300, 0.1% = 10):
 * ratios are kept out of floats.
 */
export type Quota =
  | { kind: 'ratio'; basisPoints: number; minimum: boolean }
  | { kind: 'count'; count: number; minimum: boolean }
  /** "根据预警设定监测情况比例": the number is decided by hand when drawing; the note says how. */
  | { kind: 'manual'; note: string };

/** 频次: `times` per `per`; a plan-wide "抽查1次" is once in the plan year. */
export interface Frequency {
  times: number;
  per: 'year' | 'halfYear' | 'quarter' | 'month';
  /** Draw batches the task yields in a year (1次/季度 → 4). */
  batchesPerYear: number;
}

const periodsPerYear: Record<Frequency['per'], number> = { year: 1, halfYear: 2, quarter: 4, month: 12 };
const perUnit: Record<string, Frequency['per']> = { 年: 'year', 半年: 'halfYear', 季度: 'quarter', 季: 'quarter', 月: 'month' };

const HOW_QUOTA = '请写成“5%”“不低于3%”“5%以上”“20户”，或以“根据……”说明人工确定的数量';
const HOW_FREQUENCY = '请写成“1次/年”“1次/季度”“2次/半年”或“抽查1次”';

/** "5", "0.1", "12.5" → basis points; null when more than two decimals or over 100%. */
export function percentToBasisPoints(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10000 ? bp : null;
}

/** Basis points → "5", "0.1", "12.5" (inverse of percentToBasisPoints). */
export function formatPercent(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 100);
  const frac = String(basisPoints % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return frac === '' ? String(whole) : `${whole}.${frac}`;
}

/** The ratio/count part alone: "5%", "不低于3%", "抽查比例不低于20%", "5%以上", "20户". */
export function parseQuota(raw: string): CellResult<Quota> {
  const text = foldCell(raw);
  if (text === '') return failed(`抽查比例/数量未填写：${HOW_QUOTA}。`);
  const body = text.replace(/^抽查(比例|数量)?|^比例/, '').replace(/\s/g, '');
  const minimumBefore = /^(不低于|不少于|至少|≥)/.exec(body);
  const rest = minimumBefore ? body.slice(minimumBefore[0].length) : body;
  const m = /^(\d+(?:\.\d+)?)(%|户|家|个)(以上|及以上)?$/.exec(rest);
  if (m) {
    const minimum = minimumBefore !== null || m[3] !== undefined;
    if (m[2] === '%') {
      const basisPoints = percentToBasisPoints(m[1] ?? '');
      if (basisPoints === null) {
        return failed(`抽查比例 ${quote(raw)} 不在 0%–100% 之间或小数超过两位：${HOW_QUOTA}。`);
      }
      return parsed({ kind: 'ratio', basisPoints, minimum });
    }
    if (!/^\d+$/.test(m[1] ?? '')) return failed(`抽查数量 ${quote(raw)} 应为整数：${HOW_QUOTA}。`);
    return parsed({ kind: 'count', count: Number(m[1]), minimum });
  }
  if (!/\d/.test(text) && /^(根据|按照|按|视|依据)/.test(text)) return parsed({ kind: 'manual', note: tidyCell(raw) });
  return failed(`抽查比例/数量 ${quote(raw)} 无法识别：${HOW_QUOTA}。`);
}

/** 频次 alone: "1次/年", "1次/季度", "1/年" (次 left out), "每季度1次", "抽查1次". */
export function parseFrequency(raw: string): CellResult<Frequency> {
  const text = foldCell(raw).replace(/\s/g, '');
  if (text === '') return failed(`频次未填写：${HOW_FREQUENCY}。`);
  const make = (times: number, per: Frequency['per']): CellResult<Frequency> =>
    times > 0
      ? parsed({ times, per, batchesPerYear: times * periodsPerYear[per] })
      : failed(`频次 ${quote(raw)} 的次数必须大于 0：${HOW_FREQUENCY}。`);
  let m = /^(?:抽查)?(\d+)次?\/(年|半年|季度|季|月)$/.exec(text);
  if (m) return make(Number(m[1]), perUnit[m[2] ?? ''] ?? 'year');
  m = /^每(年|半年|季度|季|月)(?:抽查)?(\d+)次$/.exec(text);
  if (m) return make(Number(m[2]), perUnit[m[1] ?? ''] ?? 'year');
  m = /^(?:抽查)?(\d+)次$/.exec(text);
  if (m) return make(Number(m[1]), 'year');
  return failed(`频次 ${quote(raw)} 无法识别：${HOW_FREQUENCY}。`);
}

export interface QuotaAndFrequency {
  quota: Quota;
  /** null when the cell states no frequency (seed 000's column has none). */
  frequency: Frequency | null;
}

/** The combined cell "5%以上; 1次/年", "35%; 1次/季度", or a quota alone ("20户"). */
export function parseQuotaCell(raw: string): CellResult<QuotaAndFrequency> {
  const text = foldCell(raw);
  const parts = text.split(/\s*[;,]\s*/).filter((part) => part !== '');
  if (parts.length > 2) {
    return failed(`抽查比例/频次 ${quote(raw)} 分号后内容过多：请只写“比例; 频次”，如“5%以上; 1次/年”。`);
  }
  const quota = parseQuota(parts[0] ?? '');
  if (!quota.ok) return quota;
  if (parts.length < 2) return parsed({ quota: quota.value, frequency: null });
  const frequency = parseFrequency(parts[1] ?? '');
  if (!frequency.ok) return frequency;
  return parsed({ quota: quota.value, frequency: frequency.value });
}
