// The draw parameters P (docs/draw-spec.md §2): validated strictly, hashed as jcs(P).
// Unknown members are refused, not ignored: whatever is hashed must mean something the
// verifier checks, or a hostile reader could hide meaning in it.
import { canonicalJson } from '../canonical/index.ts';
import { hashHex, type HashAlgorithm } from '../hash/index.ts';
import { DRAW_SPEC, isLowerHex } from './encoding.ts';
import { DrawError } from './errors.ts';
import { isRiskClass, type RiskClass } from './frame.ts';
import { parseRate } from './rate.ts';

export type ClassMap<T> = Partial<Record<RiskClass, T>>;

export type AllocationSpec =
  | { mode: 'rates'; rates: ClassMap<string> }
  | {
      mode: 'total';
      ratio?: string;
      count?: number;
      weights?: ClassMap<number>;
      min?: ClassMap<number>;
      max?: ClassMap<number>;
    }
  | { mode: 'none'; ratio?: string; count?: number };

export interface GroupParams {
  code: string;
  items: string[];
  allocation: AllocationSpec;
  reserve: number;
  /**
   * The risk classification the frame's class column is (docs/draw-spec.md §11 §2): absent for the
   * general 信用风险分类, else the 专业领域 classification's name, e.g. "食品生产经营风险分级".
   */
  classification?: string;
}

export type SourceKind = 'dice' | 'lottery' | 'beacon' | 'operator';
export const SOURCE_KINDS: readonly SourceKind[] = ['dice', 'lottery', 'beacon', 'operator'];

export interface SourceParams {
  kind: SourceKind;
  name: string;
  commitment?: string;
}

export interface DrawParams {
  spec: typeof DRAW_SPEC;
  hash: HashAlgorithm;
  task: string;
  year: number;
  groups: GroupParams[];
  sources: SourceParams[];
}

/** params_hash = HASH(jcs(P)) (docs/draw-spec.md §2). */
export function paramsHash(params: DrawParams): string {
  return hashHex(params.hash, canonicalJson(params));
}

/**
 * Checks that `value` is a well-formed P (docs/draw-spec.md §2) and returns it typed. Throws
 * DRAW_BAD_PARAMS with `details.path` naming the offending member.
 */
export function validateParams(value: unknown): DrawParams {
  const p = record(value, 'params', ['spec', 'hash', 'task', 'year', 'groups', 'sources']);
  if (p.spec !== DRAW_SPEC) bad('params.spec', `应为 "${DRAW_SPEC}"`);
  if (p.hash !== 'sm3' && p.hash !== 'sha256') bad('params.hash', '应为 "sm3" 或 "sha256"');
  text(p.task, 'params.task');
  if (!Number.isInteger(p.year) || (p.year as number) < 1000 || (p.year as number) > 9999) bad('params.year', '应为四位整数年份');
  if (!Array.isArray(p.groups) || p.groups.length === 0) bad('params.groups', '至少要有一个抽查组');
  const codes = new Set<string>();
  p.groups.forEach((g: unknown, i: number) => {
    const path = `params.groups[${i}]`;
    const group = record(g, path, ['code', 'items', 'allocation', 'reserve', 'classification'], ['code', 'items', 'allocation', 'reserve']);
    text(group.code, `${path}.code`);
    if (codes.has(group.code as string)) bad(`${path}.code`, `抽查组代码 ${String(group.code)} 重复`);
    codes.add(group.code as string);
    if (!Array.isArray(group.items) || group.items.length === 0) bad(`${path}.items`, '至少要有一个抽查事项');
    group.items.forEach((item: unknown, j: number) => text(item, `${path}.items[${j}]`));
    if (new Set(group.items).size !== group.items.length) bad(`${path}.items`, '抽查事项重复');
    allocation(group.allocation, `${path}.allocation`);
    count(group.reserve, `${path}.reserve`);
    if (group.classification !== undefined) text(group.classification, `${path}.classification`);
  });
  if (!Array.isArray(p.sources) || p.sources.length === 0) bad('params.sources', '至少要声明一个随机种子来源');
  p.sources.forEach((s: unknown, i: number) => source(s, `params.sources[${i}]`));
  return value as DrawParams;
}

function allocation(value: unknown, path: string): void {
  const mode = (value as { mode?: unknown } | null)?.mode;
  if (mode === 'rates') {
    const a = record(value, path, ['mode', 'rates']);
    classMap(a.rates, `${path}.rates`, (r, at) => rate(r, at));
  } else if (mode === 'total' || mode === 'none') {
    const extra = mode === 'total' ? ['weights', 'min', 'max'] : [];
    const a = record(value, path, ['mode', 'ratio', 'count', ...extra], ['mode']);
    if ((a.ratio === undefined) === (a.count === undefined)) bad(path, 'ratio 与 count 必须且只能给一个');
    if (a.ratio !== undefined) rate(a.ratio, `${path}.ratio`);
    if (a.count !== undefined) count(a.count, `${path}.count`);
    for (const key of extra) if (a[key] !== undefined) classMap(a[key], `${path}.${key}`, count);
    const min = (a.min ?? {}) as ClassMap<number>;
    const max = (a.max ?? {}) as ClassMap<number>;
    for (const h of Object.keys(min) as RiskClass[]) {
      if (max[h] !== undefined && min[h]! > max[h]!) bad(`${path}.min.${h}`, `下限 ${min[h]} 大于上限 ${max[h]}`);
    }
  } else {
    bad(`${path}.mode`, '应为 "rates"、"total" 或 "none"');
  }
}

function source(value: unknown, path: string): void {
  const s = record(value, path, ['kind', 'name', 'commitment'], ['kind', 'name']);
  if (!SOURCE_KINDS.includes(s.kind as SourceKind)) bad(`${path}.kind`, '应为 dice、lottery、beacon 或 operator');
  text(s.name, `${path}.name`);
  // docs/draw-spec.md §3: the operator's value is committed in P (commit-reveal); the other
  // kinds are public events after the commit and carry no commitment.
  if (s.kind === 'operator') {
    if (!isLowerHex(s.commitment, 32)) bad(`${path}.commitment`, 'operator 来源必须给出 64 位小写十六进制承诺值');
  } else if (s.commitment !== undefined) {
    bad(`${path}.commitment`, '只有 operator 来源带承诺值');
  }
}

function classMap(value: unknown, path: string, check: (v: unknown, at: string) => void): void {
  const m = record(value, path, ['A', 'B', 'C', 'D', 'U'], []);
  for (const [k, v] of Object.entries(m)) {
    if (!isRiskClass(k)) bad(`${path}.${k}`, '不是风险分类');
    check(v, `${path}.${k}`);
  }
}

function rate(value: unknown, path: string): void {
  try {
    parseRate(value);
  } catch (e) {
    bad(path, (e as Error).message);
  }
}

function count(value: unknown, path: string): void {
  if (!Number.isSafeInteger(value) || (value as number) < 0) bad(path, '应为非负整数');
}

function text(value: unknown, path: string): void {
  if (typeof value !== 'string' || value === '' || value.trim() !== value) bad(path, '应为非空、首尾无空格的字符串');
}

function record(value: unknown, path: string, allowed: string[], required: string[] = allowed): Record<string, any> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad(path, '应为 JSON 对象');
  for (const key of Object.keys(value)) if (!allowed.includes(key)) bad(`${path}.${key}`, '不是 ssj-draw/1 定义的字段');
  for (const key of required) if ((value as Record<string, unknown>)[key] === undefined) bad(`${path}.${key}`, '缺少此字段');
  return value as Record<string, any>;
}

function bad(path: string, problem: string): never {
  throw new DrawError('DRAW_BAD_PARAMS', `抽取参数 ${path}：${problem}`, { path });
}
