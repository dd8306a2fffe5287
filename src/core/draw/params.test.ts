import { describe, expect, it } from 'vitest';
import { DrawError } from './errors.ts';
import { paramsHash, validateParams, type DrawParams } from './params.ts';
import { hashHex } from '../hash/index.ts';

const valid = (): DrawParams => ({
  spec: 'ssj-draw/1',
  hash: 'sm3',
  task: '2026-SJ-001',
  year: 2026,
  groups: [{ code: 'G', items: ['I1'], allocation: { mode: 'total', ratio: '3%' }, reserve: 2 }],
  sources: [{ kind: 'dice', name: '骰子' }],
});

function pathOf(p: unknown): string {
  try {
    validateParams(p);
    return '(valid)';
  } catch (e) {
    return String((e as DrawError).details.path);
  }
}

describe('parameters P (docs/draw-spec.md §2)', () => {
  it('params_hash is HASH of the JCS form (members sorted, no spaces)', () => {
    const p = valid();
    const jcs =
      '{"groups":[{"allocation":{"mode":"total","ratio":"3%"},"code":"G","items":["I1"],"reserve":2}],"hash":"sm3","sources":[{"kind":"dice","name":"骰子"}],"spec":"ssj-draw/1","task":"2026-SJ-001","year":2026}';
    expect(paramsHash(p)).toBe(hashHex('sm3', jcs));
  });

  it('names the offending member', () => {
    const cases: [(p: any) => void, string][] = [
      [(p) => (p.spec = 'ssj-draw/2'), 'params.spec'],
      [(p) => (p.hash = 'md5'), 'params.hash'],
      [(p) => (p.extra = 1), 'params.extra'],
      [(p) => (p.groups[0].allocation = { mode: 'total', ratio: '3%', count: 3 }), 'params.groups[0].allocation'],
      [(p) => (p.groups[0].allocation = { mode: 'rates', rates: { E: '1%' } }), 'params.groups[0].allocation.rates.E'],
      [(p) => (p.groups[0].allocation = { mode: 'total', count: 3, min: { A: 3 }, max: { A: 2 } }), 'params.groups[0].allocation.min.A'],
      [(p) => (p.groups[0].reserve = -1), 'params.groups[0].reserve'],
      [(p) => p.groups.push({ ...p.groups[0] }), 'params.groups[1].code'],
      [(p) => (p.sources = [{ kind: 'operator', name: 'srv' }]), 'params.sources[0].commitment'],
      [(p) => (p.sources = []), 'params.sources'],
    ];
    for (const [mutate, path] of cases) {
      const p = valid();
      mutate(p);
      expect(pathOf(p), path).toBe(path);
    }
    expect(pathOf(valid())).toBe('(valid)');
  });
});
