import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mismatchAfter, workedExampleBundle as fresh } from '../../testing/drawBundles.ts';
import { runDraw, toPublicBundle } from './bundle.ts';
import { describeVerifyResult, verifyBundle } from './verify.ts';
import { workedExampleInput } from './worked-example.ts';

const mismatchOf = (edit: (b: any) => void, base = fresh()) => mismatchAfter(base, edit);

describe('verifyBundle (docs/draw-spec.md §10): the first mismatch, which field, expected vs found', () => {
  it('VALID for the engine’s bundle, auditor and public', () => {
    expect(describeVerifyResult(verifyBundle(fresh()))).toBe('VALID');
    expect(verifyBundle(JSON.parse(JSON.stringify(toPublicBundle(runDraw(workedExampleInput())))))).toEqual({
      status: 'VALID',
      scope: 'public',
    });
  });

  it('a flipped byte in a frame breaks the commit', () => {
    const m = mismatchOf((b) => (b.groups[0].frame = b.groups[0].frame.replace('\tD\n', '\tC\n')));
    expect(m.field).toBe('commit');
    expect(m.found).toBe(fresh().commit);
  });

  it('a frame edited out of order is named by line', () => {
    const m = mismatchOf((b) => (b.groups[1].frame = b.groups[1].frame.split('\n').reverse().join('\n')));
    expect(m.field).toBe('groups[1].frame');
  });

  it('changed parameters, source values and seed are caught in draw order', () => {
    expect(mismatchOf((b) => (b.params.groups[0].reserve = 2)).field).toBe('commit');
    expect(mismatchOf((b) => (b.params.hash = 'md5')).field).toBe('params.hash');
    expect(mismatchOf((b) => (b.sources[0].value = '1234567890')).field).toBe('sources[0].value');
    expect(mismatchOf((b) => (b.sources[1].value = 'f'.repeat(64))).field).toBe('sources[1].value');
    expect(mismatchOf((b) => (b.sources[0].value = '12345678901234567890')).field).toBe('seed');
    expect(mismatchOf((b) => (b.committed_at = '2026-03-10 09:00')).field).toBe('committed_at');
  });

  it('allocation, sample order, reserves and visits', () => {
    expect(mismatchOf((b) => (b.allocation[0].classes.B.n = 3))).toMatchObject({
      field: 'allocation[0].classes.B.n',
      expected: '2',
      found: '3',
    });
    expect(mismatchOf((b) => ([b.sample[0], b.sample[1]] = [b.sample[1], b.sample[0]])).field).toBe('sample[0].rank');
    expect(mismatchOf((b) => b.sample.pop()).field).toBe('sample.length');
    expect(mismatchOf((b) => (b.reserves[0].id = b.reserves[1].id)).field).toBe('reserves[0].id');
    expect(mismatchOf((b) => b.visits.pop()).field).toBe('visits.length');
    expect(mismatchOf((b) => (b.visits[1].items = ['SJ-FOOD-01'])).field).toBe('visits[1].items');
  });

  it('reserves are used strictly in order and only with a reason (docs/draw-spec.md §5)', () => {
    expect(mismatchOf((b) => (b.reserves[0].used = true)).field).toBe('reserves[0].reason');
    const used = fresh();
    used.reserves[0].used = true;
    used.reserves[0].reason = '已注销（抽取后、检查前）';
    // the used reserve is visited with its group's items
    const m = mismatchOf(() => undefined, used);
    expect(m.field).toBe('visits.length');
    expect(m.expected).toBe(String(fresh().visits.length + 1));
  });

  it('assignment entries name a visit and at least two inspectors (docs/draw-spec.md §8, structure only)', () => {
    const ok = fresh();
    ok.assignment = [{ id: ok.visits[0].id, inspectors: ['ZF-001', 'ZF-002'] }];
    expect(verifyBundle(ok).status).toBe('VALID');
    expect(mismatchOf((b) => (b.assignment = [{ id: b.visits[0].id, inspectors: ['ZF-001'] }])).field).toBe('assignment[0].inspectors');
    expect(mismatchOf((b) => (b.assignment = [{ id: 'NOT-A-VISIT', inspectors: ['ZF-001', 'ZF-002'] }])).field).toBe('assignment[0].id');
  });

  it('a public bundle is checked against its published counts and tickets', () => {
    const pub = () => JSON.parse(JSON.stringify(toPublicBundle(runDraw(workedExampleInput()))));
    expect(mismatchOf((b) => (b.groups[0].counts.B = 7), pub()).field).toBe('allocation[0].classes.B.N');
    expect(mismatchOf((b) => (b.groups[0].frame_hash = 'f'.repeat(64)), pub()).field).toBe('commit');
    expect(mismatchOf((b) => ([b.sample[0], b.sample[1]] = [b.sample[1], b.sample[0]]), pub()).field).toBe('sample[0].rank');
    // re-ranked to hide the swap, the ticket order gives it away
    const swapped = mismatchOf((b) => {
      [b.sample[0], b.sample[1]] = [b.sample[1], b.sample[0]];
      [b.sample[0].rank, b.sample[1].rank] = [1, 2];
    }, pub());
    expect(swapped.field).toBe('sample[1].ticket');
  });

  it('an empty population draws nothing and still verifies', () => {
    const input = workedExampleInput();
    input.groups = input.groups.map((g) => ({ ...g, frame: '', exclusions: '' }));
    const b = runDraw(input);
    expect(b.sample).toEqual([]);
    expect(b.visits).toEqual([]);
    expect(verifyBundle(JSON.parse(JSON.stringify(b))).status).toBe('VALID');
  });

  it('runDraw refuses inputs that no longer match the recorded commit', () => {
    const input = workedExampleInput();
    const recordedCommit = runDraw(input).commit;
    expect(runDraw({ ...input, recordedCommit }).commit).toBe(recordedCommit);
    input.groups[1]!.exclusions = '91140581MA0WE0029L\t已注销\t登记状态\n';
    expect(() => runDraw({ ...input, recordedCommit })).toThrow(expect.objectContaining({ code: 'DRAW_COMMIT_CHANGED' }));
  });

  it('garbage is a mismatch, not a crash', () => {
    expect(verifyBundle(null)).toMatchObject({ status: 'MISMATCH', field: '(bundle)' });
    expect(verifyBundle({ spec: 'ssj-draw/1' })).toMatchObject({ status: 'MISMATCH', field: 'params' });
  });
});

describe('verifyBundle on arbitrary edits (property)', () => {
  // Every path to a value inside the bundle, e.g. ['sample', 3, 'ticket'].
  function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (value === null || typeof value !== 'object') return [prefix];
    const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
    return [prefix, ...keys.flatMap((k) => paths((value as any)[k], [...prefix, k]))];
  }
  const allPaths = paths(fresh()).filter((p) => p.length > 0);

  it('never throws, and any change to a value is VALID only if it is the same value', () => {
    fc.assert(
      fc.property(fc.nat(allPaths.length - 1), fc.jsonValue(), (which, replacement) => {
        const b = fresh();
        const path = allPaths[which]!;
        let node = b;
        for (const k of path.slice(0, -1)) node = node[k];
        const before = JSON.stringify(node[path[path.length - 1]!]);
        node[path[path.length - 1]!] = replacement;
        const result = verifyBundle(b);
        if (result.status === 'VALID') expect(JSON.stringify(replacement) === before || path.includes('assignment')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
