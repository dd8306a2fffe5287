// Rates as integer fractions (docs/draw-spec.md §1: "No floating point anywhere. Rates are
// decimal strings turned into integer fractions: "3%" → 3/100, "0.1%" → 1/1000").
import { DrawError } from './errors.ts';

export interface Fraction {
  num: bigint;
  den: bigint;
}

// Choice (docs/draw-spec.md §1 only shows percentages): a rate is a plain decimal, optionally
// followed by "%"; "0.03" and "3%" are the same 3/100. No sign, exponent, spaces or
// leading zeros ("03%"); at most 100%.
const RATE = /^(0|[1-9][0-9]*)(?:\.([0-9]+))?(%?)$/;

/** Parses a rate string into a reduced fraction in [0, 1] (docs/draw-spec.md §1). */
export function parseRate(text: unknown): Fraction {
  const m = typeof text === 'string' ? RATE.exec(text) : null;
  if (!m) throw new DrawError('DRAW_BAD_RATE', `比例 ${JSON.stringify(text)} 格式不对，应写成 "3%" 或 "0.1%" 这样的十进制字符串`);
  const [, whole, decimals = '', percent] = m as unknown as [string, string, string | undefined, string];
  let num = BigInt(whole + decimals);
  let den = 10n ** BigInt(decimals.length) * (percent === '%' ? 100n : 1n);
  if (num > den) throw new DrawError('DRAW_BAD_RATE', `比例 ${text} 超过 100%`);
  const g = gcd(num, den);
  if (g > 1n) {
    num /= g;
    den /= g;
  }
  return { num, den };
}

/** ceil(count · rate) in integers (docs/draw-spec.md §4). */
export function ceilTimes(count: number, rate: Fraction): number {
  const product = BigInt(count) * rate.num;
  return Number((product + rate.den - 1n) / rate.den);
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}
