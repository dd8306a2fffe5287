// Seed sources and the seed (docs/draw-spec.md §3.2–3.3).
import type { HashAlgorithm } from '../hash/index.ts';
import { TAGS, isLowerHex, taggedHashHex } from './encoding.ts';
import { DrawError } from './errors.ts';
import type { DrawParams, SourceKind } from './params.ts';

export interface SourceValue {
  kind: SourceKind;
  name: string;
  value: string;
}

/** commitment = H("ssj-draw/1/operator", value) (docs/draw-spec.md §3.2). */
export function operatorCommitment(alg: HashAlgorithm, value: string): string {
  return taggedHashHex(alg, TAGS.operator, [value]);
}

/**
 * Checks the entered values against the sources declared in P, in order (docs/draw-spec.md §3.2):
 * same kind and name; dice ≥ 20 decimal digits; operator 32 bytes of lower-case hex that
 * hash to the commitment; lottery and beacon non-empty. Throws DRAW_BAD_SOURCE with
 * `details.index` and `details.field`.
 */
export function checkSourceValues(params: DrawParams, values: readonly SourceValue[]): void {
  if (values.length !== params.sources.length) {
    throw new DrawError('DRAW_BAD_SOURCE', `随机种子来源应有 ${params.sources.length} 个，实际 ${values.length} 个`, {
      field: 'sources',
      expected: params.sources.length,
      found: values.length,
    });
  }
  params.sources.forEach((declared, i) => {
    const entered = values[i]!;
    const fail = (field: string, problem: string): never => {
      throw new DrawError('DRAW_BAD_SOURCE', `第 ${i + 1} 个随机种子来源（${declared.name}）：${problem}`, { index: i, field });
    };
    if (entered.kind !== declared.kind) fail('kind', `类型应为 ${declared.kind}`);
    if (entered.name !== declared.name) fail('name', `名称应为 ${declared.name}`);
    if (typeof entered.value !== 'string') fail('value', '缺少取值');
    const value = entered.value.trim();
    if (value === '') fail('value', '取值为空');
    // Choice (docs/draw-spec.md §3.2 "≥20 decimal digits"): the trimmed value is digits only;
    // the entry screen strips separators before recording it.
    if (declared.kind === 'dice' && !/^[0-9]{20,}$/.test(value)) fail('value', '骰子取值应为至少 20 位十进制数字，不含其他字符');
    if (declared.kind === 'operator') {
      if (!isLowerHex(value, 32)) fail('value', 'operator 取值应为 32 字节的小写十六进制（64 位）');
      if (operatorCommitment(params.hash, value) !== declared.commitment) fail('value', '取值与事先公布的承诺值不符');
    }
  });
}

/**
 * seed = H("ssj-draw/1/seed", commit, value_1, …, value_k), values trimmed, in the order
 * named in P (docs/draw-spec.md §3.3). Call checkSourceValues first.
 */
export function deriveSeed(alg: HashAlgorithm, commit: string, values: readonly SourceValue[]): string {
  return taggedHashHex(alg, TAGS.seed, [commit, ...values.map((v) => v.value.trim())]);
}
