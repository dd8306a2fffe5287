import { type CellResult, failed, foldCell, parsed, quote, tidyCell } from './cell.ts';

/**
 * 抽查比例/数量. Ratios are integers in basis points (万分之一: 3% = 300, 0.1% = 10):
 * ratios are kept out of floats.
 */
export type Quota =
  /** `note`: a count written beside the ratio ("约20户"), kept for the planner; the ratio is the rule. */
  | { kind: 'ratio'; basisPoints: number; minimum: boolean; note?: string }
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

// Minimum and maximum words as bureaus write them around a number: "不低于5%", "抽查比例之和≥20%",
// "不少于5家", "20户以上"; a word counts for the nearest number after it within the same clause.
const MINIMUM_BEFORE = /(不低于|不少于|不得低于|不得少于|至少|最少|最低|≥|>=|大于等于|大于或等于)[^\d,;。]{0,12}$/;
const MINIMUM_AFTER = /^(以上|及以上|或以上|\)?以上)/;
const MAXIMUM_BEFORE = /(不超过|不高于|不多于|不得超过|最多|至多|≤|<=|小于等于)[^\d,;。]{0,12}$/;
const MAXIMUM_AFTER = /^(以下|以内|及以下)/;
const RATIO = /(\d+(?:\.\d+)?)%/g;
const COUNT = /(约|近|共)?(\d+(?:\.\d+)?)(户|家|个(?!体))/g;

interface QuotaNumber {
  text: string;
  value: string;
  minimum: boolean;
  maximum: boolean;
}

/** The numbers `pattern` finds; its group `group` is the number. */
function numbersIn(text: string, pattern: RegExp, group: number): QuotaNumber[] {
  return [...text.matchAll(pattern)].map((m) => {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 16), start);
    const after = text.slice(end, end + 4);
    const minimumAfter = MINIMUM_AFTER.exec(after)?.[0] ?? '';
    return {
      text: m[0] + minimumAfter.replace(/^\)/, ''),
      value: m[group] ?? '',
      minimum: MINIMUM_BEFORE.test(before) || minimumAfter !== '',
      maximum: MAXIMUM_BEFORE.test(before) || MAXIMUM_AFTER.test(after),
    };
  });
}

/** The distinct values in order of first appearance. */
function distinct(numbers: readonly QuotaNumber[], key: (n: QuotaNumber) => string): string[] {
  return [...new Set(numbers.map(key))];
}

/**
 * The ratio or count of a 抽查比例/数量 cell, also inside a sentence: "5%", "不低于3%", "5%以上",
 * "20户", "每年对辖区内……抽查比例之和≥20%", "抽查比例不低于5%（约20户）", "10% (20户)", "不少于5家",
 * "按3%比例抽取", "抽取20户以上". One ratio is the rule; a count beside it is kept as its note; with no
 * ratio, one count is. Two different ratios (or counts), an upper limit, or no number at all are not
 * guessed: the message says what was found and how to write it.
 */
export function parseQuota(raw: string): CellResult<Quota> {
  return readQuota(raw, raw);
}

/** parseQuota of `written`, quoting `raw` (the whole cell) in its messages. */
function readQuota(written: string, raw: string): CellResult<Quota> {
  const text = foldCell(written).replace(/\s/g, '').replace(/，/g, ',').replace(/；/g, ';');
  if (text === '') return failed(`抽查比例/数量未填写：${HOW_QUOTA}。`);
  const ratios = numbersIn(text, RATIO, 1);
  const counts = numbersIn(text, COUNT, 2);
  const upper = [...ratios, ...counts].find((n) => n.maximum);
  if (upper) {
    return failed(`抽查比例/数量 ${quote(raw)} 写的是上限（${upper.text}）：抽取按比例或下限进行，${HOW_QUOTA}。`);
  }
  const ratioValues = distinct(ratios, (n) => n.value);
  if (ratioValues.length > 1) {
    return failed(
      `抽查比例/数量 ${quote(raw)} 中有${ratioValues.length}个不同的比例（${ratioValues.map((v) => `${v}%`).join('、')}）：无法确定按哪一个抽取，请只写一个，如“不低于${ratioValues[0]}%”；按风险等级不同的比例请写在“信用风险分类管理”列。`,
    );
  }
  const countValues = distinct(counts, (n) => n.value);
  if (ratios.length > 0) {
    const basisPoints = percentToBasisPoints(ratioValues[0] ?? '');
    if (basisPoints === null) {
      return failed(`抽查比例 ${quote(raw)} 不在 0%–100% 之间或小数超过两位：${HOW_QUOTA}。`);
    }
    const minimum = ratios.some((n) => n.minimum);
    if (counts.length === 0) return parsed({ kind: 'ratio', basisPoints, minimum });
    return parsed({ kind: 'ratio', basisPoints, minimum, note: distinct(counts, (n) => n.text).join('、') });
  }
  if (countValues.length > 1) {
    return failed(
      `抽查比例/数量 ${quote(raw)} 中有${countValues.length}个不同的数量（${distinct(counts, (n) => n.text).join('、')}）：无法确定抽取多少户，请只写一个，如“不少于${countValues[0]}户”。`,
    );
  }
  const count = counts[0];
  if (count) {
    if (!/^\d+$/.test(count.value)) return failed(`抽查数量 ${quote(raw)} 应为整数：${HOW_QUOTA}。`);
    return parsed({ kind: 'count', count: Number(count.value), minimum: counts.some((n) => n.minimum) });
  }
  if (!/\d/.test(text) && /^(根据|按照|按|视|依据)/.test(text)) return parsed({ kind: 'manual', note: tidyCell(written) });
  return failed(
    /\d/.test(text)
      ? `抽查比例/数量 ${quote(raw)} 中没有找到比例（如“5%”）或户数（如“20户”）：${HOW_QUOTA}。`
      : `抽查比例/数量 ${quote(raw)} 中没有比例或户数：${HOW_QUOTA}。`,
  );
}

/** How a quota reads to a planner: "5%", "不低于20%", "不少于5户", "10%（另写有20户）", "人工确定：…". */
export function describeQuota(quota: Quota | null): string {
  if (!quota) return '—';
  if (quota.kind === 'ratio') {
    const ratio = `${quota.minimum ? '不低于' : ''}${formatPercent(quota.basisPoints)}%`;
    return quota.note ? `${ratio}（另写有${quota.note}）` : ratio;
  }
  if (quota.kind === 'count') return quota.minimum ? `不少于${quota.count}户` : `${quota.count}户`;
  return `人工确定：${quota.note}`;
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

// A frequency written inside a sentence: "1次/年", "每季度抽查1次" (see parseFrequency for a cell alone).
const FREQUENCY_IN_TEXT = /\d+次\/(?:年|半年|季度|季|月)|每(?:年|半年|季度|季|月)(?:抽查|检查)?\d+次/g;
const FREQUENCY_WORDS = /\d+次|每(周|日|天|旬)|频次/;

/**
 * The combined cell "5%以上; 1次/年", "35%; 1次/季度", a quota alone ("20户"), or a sentence that
 * carries both ("按3%比例每年抽查1次"): the frequency is taken out, the rest read by parseQuota.
 */
export function parseQuotaCell(raw: string): CellResult<QuotaAndFrequency> {
  const text = foldCell(raw);
  const frequencies: Frequency[] = [];
  const rest: string[] = [];
  for (const part of text.split(/\s*[;,，；。]\s*/).filter((p) => p !== '')) {
    const whole = parseFrequency(part);
    if (whole.ok) {
      frequencies.push(whole.value);
      continue;
    }
    const compact = part.replace(/\s/g, '');
    for (const m of compact.matchAll(FREQUENCY_IN_TEXT)) {
      const found = parseFrequency(m[0]);
      if (found.ok) frequencies.push(found.value);
    }
    const left = compact.replace(FREQUENCY_IN_TEXT, '');
    if (FREQUENCY_WORDS.test(left)) return failed(`抽查比例/频次 ${quote(raw)} 中的频次无法识别：${HOW_FREQUENCY}。`);
    if (left !== '') rest.push(left);
  }
  const distinctFrequencies = [...new Map(frequencies.map((f) => [`${f.times}/${f.per}`, f])).values()];
  if (distinctFrequencies.length > 1) {
    return failed(`抽查比例/频次 ${quote(raw)} 中有${distinctFrequencies.length}个不同的频次：请只写一个，如“5%以上; 1次/年”。`);
  }
  if (rest.length === 0) return failed(`抽查比例/数量 ${quote(raw)} 只写了频次：${HOW_QUOTA}。`);
  const quota = readQuota(rest.join(','), raw);
  if (!quota.ok) return quota;
  return parsed({ quota: quota.value, frequency: distinctFrequencies[0] ?? null });
}
