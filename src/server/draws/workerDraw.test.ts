import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commitDraw, runDraw, type DrawInput } from '../../core/draw/bundle.ts';
import { DrawError } from '../../core/draw/errors.ts';
import { formatExclusions, formatFrame, RISK_CLASSES, type FrameEntry } from '../../core/draw/frame.ts';
import type { AllocationSpec, DrawParams } from '../../core/draw/params.ts';
import { operatorCommitment } from '../../core/draw/seed.ts';
import { verifyBundle } from '../../core/draw/verify.ts';
import { workedExampleInput } from '../../core/draw/worked-example.ts';
import { drawsOnWorkers, runDrawOnWorkers } from './workerDraw.ts';

const OPERATOR = '7f'.repeat(32);

function inputOf(
  frame: FrameEntry[],
  excluded: FrameEntry[],
  allocation: AllocationSpec,
  reserve: number,
  hash: 'sm3' | 'sha256' = 'sm3',
): DrawInput {
  const params: DrawParams = {
    spec: 'ssj-draw/1',
    hash,
    task: '2026-WD-001',
    year: 2026,
    groups: [{ code: 'G1', items: ['SJ-01'], allocation, reserve }],
    sources: [
      { kind: 'dice', name: '现场骰子' },
      { kind: 'operator', name: '平台服务器随机数', commitment: operatorCommitment(hash, OPERATOR) },
    ],
  };
  return {
    params,
    groups: [
      {
        code: 'G1',
        frame: formatFrame(frame),
        exclusions: formatExclusions(excluded.map((e) => ({ id: e.id, reason: '非存续（注销）', source: '登记状态 2026-01-05' }))),
      },
    ],
    committedAt: '2026-01-05T02:00:00.000Z',
    sources: [
      { kind: 'dice', name: '现场骰子', value: '31415926535897932384' },
      { kind: 'operator', name: '平台服务器随机数', value: OPERATOR },
    ],
  };
}

// USCC-shaped ids, classes A 30 %, B 50 %, C 15 %, D 5 %.
const frame: FrameEntry[] = Array.from({ length: 20_000 }, (_, i) => ({
  id: `91140581${String(i * 11 + 5).padStart(9, '0')}${'0123456789ABCDEFGHJKLMNPQRTUWXY'[i % 31]}`,
  class: RISK_CLASSES[[0, 0, 0, 1, 1, 1, 1, 1, 2, 3][i % 10]!]!,
}));

describe("the ceremony draw on worker threads (large frames) gives runDraw's bundle", () => {
  it("the worked example: two groups, exclusions, D'Hondt and rates, reserves, a 1+X visit", async () => {
    const input = workedExampleInput();
    const bundle = await runDrawOnWorkers(input, 2);
    expect(bundle).toEqual(runDraw(input));
    expect(verifyBundle(bundle)).toEqual({ status: 'VALID', scope: 'auditor' });
  }, 60_000);

  it('a 20,000-object frame with a tenth excluded, each allocation mode, both hashes, 1 and 2 threads', async () => {
    const excluded = frame.filter((_, i) => i % 10 === 3 || i % 97 === 0);
    const cases: [AllocationSpec, number, 'sm3' | 'sha256', number][] = [
      [{ mode: 'total', ratio: '0.03' }, 5, 'sm3', 2],
      [{ mode: 'rates', rates: { A: '0.05', B: '0.02', C: '0.1', D: '1' } }, 3, 'sha256', 1],
      [{ mode: 'none', count: 40 }, 2, 'sm3', 2],
    ];
    for (const [allocation, reserve, hash, threads] of cases) {
      const input = inputOf(frame, excluded, allocation, reserve, hash);
      const expected = runDraw(input);
      const bundle = await runDrawOnWorkers(input, threads);
      expect(bundle).toEqual(expected);
      const drawn = new Set([...bundle.sample, ...bundle.reserves].map((e) => e.id));
      expect(excluded.some((e) => drawn.has(e.id))).toBe(false);
      // As the ceremony calls it: with the commit and counts recorded, the tickets are hashed
      // while the frame is read (seed from the recorded commit). Counts recorded wrongly (far too
      // low) only cost a second hashing, never a different sample.
      const { commit, groups } = commitDraw(input.params, input.groups);
      const recorded = { ...input, recordedCommit: commit };
      expect(await runDrawOnWorkers(recorded, threads, [groups[0]!.counts])).toEqual(expected);
      expect(await runDrawOnWorkers(recorded, threads, [{ A: 10, B: 10, C: 10, D: 10, U: 0 }])).toEqual(expected);
    }
  }, 120_000);

  it('random small frames and exclusions (property)', async () => {
    const frameArb = fc.uniqueArray(
      fc.record({ id: fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{4,18}$/), class: fc.constantFrom(...RISK_CLASSES) }),
      { selector: (e) => e.id, maxLength: 300 },
    );
    await fc.assert(
      fc.asyncProperty(
        frameArb,
        fc.array(fc.boolean(), { maxLength: 300 }),
        fc.constantFrom<AllocationSpec>({ mode: 'total', ratio: '0.1' }, { mode: 'total', count: 7 }, { mode: 'none', count: 9 }),
        fc.nat(3),
        async (entries, pick, allocation, reserve) => {
          const input = inputOf(
            entries,
            entries.filter((_, i) => pick[i]),
            allocation,
            reserve,
          );
          const expected = runDraw(input);
          expect(await runDrawOnWorkers(input, 1)).toEqual(expected);
          const { commit, groups } = commitDraw(input.params, input.groups);
          expect(await runDrawOnWorkers({ ...input, recordedCommit: commit }, 1, [groups[0]!.counts])).toEqual(expected);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  it('refuses what runDraw refuses: a frame changed after the commit, a malformed frame', async () => {
    const input = inputOf(frame.slice(0, 2_000), [], { mode: 'total', ratio: '0.03' }, 1);
    const recordedCommit = runDraw(input).commit;
    const changed = { ...input, recordedCommit, groups: [{ ...input.groups[0]!, frame: formatFrame(frame.slice(1, 2_000)) }] };
    await expect(runDrawOnWorkers(changed, 1)).rejects.toMatchObject({ code: 'DRAW_COMMIT_CHANGED' });
    // Also when the tickets were already being hashed from the recorded commit.
    const counts = commitDraw(input.params, input.groups).groups[0]!.counts;
    await expect(runDrawOnWorkers(changed, 1, [counts])).rejects.toMatchObject({ code: 'DRAW_COMMIT_CHANGED' });
    // An operator value that does not match its commitment, frame unchanged: refused as runDraw refuses it.
    const wrongValue = { ...input, recordedCommit, sources: [input.sources[0]!, { ...input.sources[1]!, value: '00'.repeat(32) }] };
    expect(() => runDraw(wrongValue)).toThrow(/承诺值不符/);
    await expect(runDrawOnWorkers(wrongValue, 1, [counts])).rejects.toMatchObject({
      code: 'DRAW_BAD_SOURCE',
    });
    const malformed = { ...input, groups: [{ ...input.groups[0]!, frame: input.groups[0]!.frame.replace('\tB\n', '\tQ\n') }] };
    const refused = await runDrawOnWorkers(malformed, 1).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DrawError);
    expect((refused as DrawError).message).toMatch(/^抽查名录第 \d+ 行：风险分类 "Q" 不是/);
  }, 60_000);

  it('is chosen for frames from about 100,000 objects', () => {
    const small = inputOf(frame, [], { mode: 'total', ratio: '0.03' }, 1).groups;
    expect(small[0]!.frame.length).toBe(20_000 * 21);
    expect(drawsOnWorkers(Buffer.byteLength(small[0]!.frame))).toBe(false);
    expect(drawsOnWorkers(Buffer.byteLength(small[0]!.frame), 400_000)).toBe(true);
  });
});
