// 抽查比例/数量 written in prose, as other bureaus write it: one ratio (or one count) is read with
// its minimum; a count beside a ratio is kept as a note; two different ratios, an upper limit or no
// number are never guessed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeQuota, formatPercent, parseQuota, parseQuotaCell } from './quota.ts';

const value = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

describe('抽查比例/数量 in a sentence', () => {
  it('reads the ratio or count bureaus write inside their sentences', () => {
    expect(value(parseQuota('每年对辖区内食品生产企业抽查比例之和≥20%'))).toEqual({ kind: 'ratio', basisPoints: 2000, minimum: true });
    expect(value(parseQuota('抽查比例不低于5%（约20户）'))).toEqual({ kind: 'ratio', basisPoints: 500, minimum: true, note: '约20户' });
    expect(value(parseQuota('10% (20户)'))).toEqual({ kind: 'ratio', basisPoints: 1000, minimum: false, note: '20户' });
    expect(value(parseQuota('不少于5家'))).toEqual({ kind: 'count', count: 5, minimum: true });
    expect(value(parseQuota('按3%比例抽取'))).toEqual({ kind: 'ratio', basisPoints: 300, minimum: false });
    expect(value(parseQuota('抽取20户以上'))).toEqual({ kind: 'count', count: 20, minimum: true });
    expect(value(parseQuota('原则上不低于抽查对象总数的3%'))).toEqual({ kind: 'ratio', basisPoints: 300, minimum: true });
    expect(value(parseQuota('5%，5%'))).toEqual({ kind: 'ratio', basisPoints: 500, minimum: false });
  });
  it('takes a frequency out of the sentence', () => {
    expect(value(parseQuotaCell('按3%比例每年抽查1次'))).toEqual({
      quota: { kind: 'ratio', basisPoints: 300, minimum: false },
      frequency: { times: 1, per: 'year', batchesPerYear: 1 },
    });
    expect(value(parseQuotaCell('抽取20户以上，1次/半年')).frequency?.batchesPerYear).toBe(2);
  });
  it('does not guess: two ratios, two counts, an upper limit, nothing numeric', () => {
    const refusal = (raw: string) => {
      const result = parseQuotaCell(raw);
      expect(result.ok, raw).toBe(false);
      return result.ok ? '' : result.message;
    };
    expect(refusal('高风险企业20%，低风险企业5%')).toMatch(/2个不同的比例（20%、5%）.*请只写一个/);
    expect(refusal('5%-10%')).toContain('不同的比例');
    expect(refusal('抽取10户至20户')).toMatch(/2个不同的数量（10户、20户）/);
    expect(refusal('不超过5%')).toMatch(/上限.*请写成/);
    expect(refusal('适当比例抽查')).toMatch(/没有比例或户数.*请写成/);
    expect(refusal('抽查2类企业')).toMatch(/没有找到比例（如“5%”）或户数/);
    expect(refusal('1次/年')).toMatch(/只写了频次/);
  });
  it('says what it understood', () => {
    expect(describeQuota(value(parseQuota('抽查比例不低于5%（约20户）')))).toBe('不低于5%（另写有约20户）');
    expect(describeQuota(value(parseQuota('不少于5家')))).toBe('不少于5户');
    expect(describeQuota(null)).toBe('—');
  });
});

// Templates of how a ratio is written: [text, is it a minimum]. Noise is prose around it that
// names no number.
const NOISE = ['辖区内', '食品生产企业', '全县范围内存续的', '各类市场主体', '、', '（含分支机构）', ''];
const RATIO_TEMPLATES: ((p: string, n: number, noise: string) => [string, boolean, string | undefined])[] = [
  (p) => [`${p}%`, false, undefined],
  (p) => [`不低于${p}%`, true, undefined],
  (p) => [`${p}%以上`, true, undefined],
  (p, _n, noise) => [`每年对${noise}抽查比例之和≥${p}%`, true, undefined],
  (p, n) => [`抽查比例不低于${p}%（约${n}户）`, true, `约${n}户`],
  (p, n) => [`${p}% (${n}户)`, false, `${n}户`],
  (p, _n, noise) => [`按${p}%比例抽取${noise}`, false, undefined],
  (p, _n, noise) => [`对${noise}按不少于${p}%的比例抽查；1次/年`, true, undefined],
];
const COUNT_TEMPLATES: ((n: number, noise: string) => [string, boolean])[] = [
  (n) => [`${n}户`, false],
  (n) => [`不少于${n}家`, true],
  (n, noise) => [`抽取${noise}${n}户以上`, true],
];

describe('properties', () => {
  const ratio = fc.integer({ min: 0, max: 10000 });
  const count = fc.integer({ min: 1, max: 5000 });
  const noise = fc.constantFrom(...NOISE);

  it('any ratio written in any of the templates reads back as itself, with its minimum and note', () => {
    fc.assert(
      fc.property(ratio, count, noise, fc.nat(RATIO_TEMPLATES.length - 1), (bp, n, words, t) => {
        const [text, minimum, note] = RATIO_TEMPLATES[t]!(formatPercent(bp), n, words);
        const quota = value(parseQuotaCell(text)).quota;
        expect(quota).toEqual(
          note === undefined ? { kind: 'ratio', basisPoints: bp, minimum } : { kind: 'ratio', basisPoints: bp, minimum, note },
        );
      }),
    );
  });
  it('any count written in any of the templates reads back as itself', () => {
    fc.assert(
      fc.property(count, noise, fc.nat(COUNT_TEMPLATES.length - 1), (n, words, t) => {
        const [text, minimum] = COUNT_TEMPLATES[t]!(n, words);
        expect(value(parseQuotaCell(text)).quota).toEqual({ kind: 'count', count: n, minimum });
      }),
    );
  });
  it('text with two different ratios is never accepted, however it is written', () => {
    fc.assert(
      fc.property(
        ratio,
        ratio,
        count,
        noise,
        fc.nat(RATIO_TEMPLATES.length - 1),
        fc.nat(RATIO_TEMPLATES.length - 1),
        fc.constantFrom('，', '；', '', '；其中', '或'),
        (a, b, n, words, ta, tb, joint) => {
          fc.pre(a !== b);
          const [first] = RATIO_TEMPLATES[ta]!(formatPercent(a), n, words);
          const [second] = RATIO_TEMPLATES[tb]!(formatPercent(b), n, words);
          const result = parseQuotaCell(`${first}${joint}${second}`);
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.message).toMatch(/请/);
        },
      ),
    );
  });
});
