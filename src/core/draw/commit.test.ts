import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitDraw, commitDrawFromBytes } from './bundle.ts';
import { DrawError } from './errors.ts';
import { RISK_CLASSES, formatExclusions, formatFrame, type FrameEntry } from './frame.ts';
import { computeCommit, hashGroupFiles } from './commit.ts';
import { paramsHash } from './params.ts';
import { checkSourceValues, deriveSeed, operatorCommitment } from './seed.ts';
import { workedExampleInput } from './worked-example.ts';

// docs/draw-spec.md §1 on node:crypto, written out once more by hand for these checks.
function referenceH(tag: string, parts: string[]): string {
  const chunks = [Buffer.from(tag), Buffer.from([0])];
  for (const p of parts) {
    const b = Buffer.from(p, 'utf8');
    chunks.push(Buffer.from([b.length >>> 24, (b.length >>> 16) & 255, (b.length >>> 8) & 255, b.length & 255]), b);
  }
  return createHash('sm3').update(Buffer.concat(chunks)).digest('hex');
}
const sm3 = (text: string) => createHash('sm3').update(text, 'utf8').digest('hex');

describe('commit (docs/draw-spec.md §3.1)', () => {
  it('is H(commit tag, task, params_hash, frame_hash_1, exclusions_hash_1, …) in P order', () => {
    const { params, groups } = workedExampleInput();
    const expected = referenceH('ssj-draw/1/commit', [
      params.task,
      paramsHash(params),
      sm3(groups[0]!.frame),
      sm3(groups[0]!.exclusions),
      sm3(groups[1]!.frame),
      sm3(''),
    ]);
    expect(computeCommit(params, hashGroupFiles(params, groups))).toBe(expected);
    expect(commitDraw(params, groups).commit).toBe(expected);
  });

  it('publishes N_h per class with the commit', () => {
    const { params, groups } = workedExampleInput();
    expect(commitDraw(params, groups).groups.map((g) => g.counts)).toEqual([
      { A: 3, B: 6, C: 3, D: 2, U: 0 },
      { A: 3, B: 5, C: 3, D: 1, U: 0 },
    ]);
  });

  it('changes when any byte of a frame, an exclusion list or P changes (property)', () => {
    const { params, groups } = workedExampleInput();
    const base = commitDraw(params, groups).commit;
    const frame = groups[0]!.frame;
    fc.assert(
      fc.property(fc.nat(frame.length - 1), fc.integer({ min: 1, max: 127 }), (at, delta) => {
        const code = (frame.charCodeAt(at) + delta) % 128;
        const changed = frame.slice(0, at) + String.fromCharCode(code) + frame.slice(at + 1);
        const hashes = hashGroupFiles(params, [{ ...groups[0]!, frame: changed }, groups[1]!]);
        expect(computeCommit(params, hashes)).not.toBe(base);
      }),
    );
    const excl = hashGroupFiles(params, [groups[0]!, { ...groups[1]!, exclusions: 'X\ty\tz\n' }]);
    expect(computeCommit(params, excl)).not.toBe(base);
    const p2 = structuredClone(params);
    p2.groups[0]!.reserve = 2;
    expect(computeCommit(p2, hashGroupFiles(p2, groups))).not.toBe(base);
  });
});

describe('commitDrawFromBytes: the commit of large frames, without an object per line', () => {
  const codeOf = (f: () => unknown) => {
    try {
      f();
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(DrawError);
      return (error as DrawError).code;
    }
  };

  it('gives commitDraw’s record for the worked example', () => {
    const { params, groups } = workedExampleInput();
    expect(commitDrawFromBytes(params, groups)).toEqual(commitDraw(params, groups));
  });

  it('gives commitDraw’s record for any frame and exclusions, in either hash (property)', () => {
    const idArb = fc.oneof(fc.stringMatching(/^[0-9A-HJ-NP-RTUW-Y]{1,18}$/), fc.constantFrom('检查项目甲', 'XM-2025-Ω'));
    const entriesArb = fc.uniqueArray(fc.record({ id: idArb, class: fc.constantFrom(...RISK_CLASSES) }), {
      selector: (e) => e.id,
      maxLength: 150,
    });
    fc.assert(
      fc.property(
        entriesArb,
        fc.array(fc.boolean(), { maxLength: 150 }),
        fc.uniqueArray(idArb, { maxLength: 5 }),
        fc.constantFrom('sm3' as const, 'sha256' as const),
        (entries, excludeFlags, strangers, hash) => {
          const { params } = workedExampleInput();
          const p = { ...structuredClone(params), hash, groups: [params.groups[0]!] };
          const inFrame = new Set(entries.map((e) => e.id));
          const excludedIds = [
            ...entries.filter((_, i) => excludeFlags[i]).map((e) => e.id),
            ...strangers.filter((id) => !inFrame.has(id)),
          ];
          const files = [
            {
              code: p.groups[0]!.code,
              frame: formatFrame(entries as FrameEntry[]),
              exclusions: formatExclusions(excludedIds.map((id) => ({ id, reason: '非存续（注销）', source: '登记状态 2025-05-06' }))),
            },
          ];
          expect(commitDrawFromBytes(p, files)).toEqual(commitDraw(p, files));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses what commitDraw refuses, with the same error code', () => {
    const { params, groups } = workedExampleInput();
    const cases = [
      [{ ...groups[0]!, frame: groups[0]!.frame.slice(0, -1) }, groups[1]!], // no final newline
      [{ ...groups[0]!, frame: groups[0]!.frame.split('\n').reverse().join('\n') }, groups[1]!], // not ascending
      [{ ...groups[0]!, frame: groups[0]!.frame.replace(/\tB\n/, '\tE\n') }, groups[1]!], // class E
      [groups[0]!, { ...groups[1]!, exclusions: 'X\t\tz\n' }], // exclusion without a reason
      [groups[1]!, groups[0]!], // groups out of P's order
    ];
    for (const files of cases) {
      const expected = codeOf(() => commitDraw(params, files));
      expect(expected).not.toBeNull();
      expect(codeOf(() => commitDrawFromBytes(params, files))).toBe(expected);
    }
  });
});

describe('seed (docs/draw-spec.md §3.2–3.3)', () => {
  it('is H(seed tag, commit, trimmed values in P order)', () => {
    const input = workedExampleInput();
    const commit = commitDraw(input.params, input.groups).commit;
    expect(deriveSeed('sm3', commit, input.sources)).toBe(
      referenceH('ssj-draw/1/seed', [commit, '62831853071795864769', input.sources[1]!.value]),
    );
  });

  it('operator commitment is H(operator tag, value)', () => {
    expect(operatorCommitment('sm3', 'ab')).toBe(referenceH('ssj-draw/1/operator', ['ab']));
  });

  it('refuses too few dice digits, a wrong operator value, and sources out of order', () => {
    const { params, sources } = workedExampleInput();
    const check = (s: typeof sources) => () => checkSourceValues(params, s);
    expect(check([{ ...sources[0]!, value: '1234567890123456789' }, sources[1]!])).toThrow(/至少 20 位/);
    expect(check([{ ...sources[0]!, value: '12345 67890 12345 67890' }, sources[1]!])).toThrow(/至少 20 位/);
    expect(check([sources[0]!, { ...sources[1]!, value: 'f'.repeat(64) }])).toThrow(/承诺值不符/);
    expect(check([sources[1]!, sources[0]!])).toThrow(/类型应为 dice/);
    expect(check([sources[0]!])).toThrow(/应有 2 个/);
    expect(check(sources)).not.toThrow();
  });
});
