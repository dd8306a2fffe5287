// Properties of the whole draw (docs/draw-spec.md §2–§6, §10) over generated inputs.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawGroups, runDraw, toPublicBundle, type DrawInput } from './bundle.ts';
import { eligibleEntries, formatExclusions, formatFrame, parseExclusions, parseFrame, RISK_CLASSES, type RiskClass } from './frame.ts';
import type { AllocationSpec, DrawParams } from './params.ts';
import { verifyBundle } from './verify.ts';

const arbId = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'), minLength: 1, maxLength: 18 });
const arbClass = fc.constantFrom<RiskClass>(...RISK_CLASSES);
const arbRate = fc.nat(100).map((k) => `${k}%`);
const arbAllocation: fc.Arbitrary<AllocationSpec> = fc.oneof(
  fc.record({
    mode: fc.constant('rates' as const),
    rates: fc.record({ A: arbRate, B: arbRate, C: arbRate, D: arbRate, U: arbRate }, { requiredKeys: [] }),
  }),
  fc.record({
    mode: fc.constant('total' as const),
    count: fc.nat(40),
    min: fc.record({ A: fc.nat(3) }, { requiredKeys: [] }),
    max: fc.record({ D: fc.integer({ min: 3, max: 9 }) }, { requiredKeys: [] }),
  }),
  fc.record({ mode: fc.constant('none' as const), ratio: arbRate }),
);

/** A random but well-formed draw: one or two groups over random frames with exclusions. */
const arbInput: fc.Arbitrary<DrawInput> = fc
  .record({
    entities: fc.uniqueArray(fc.record({ id: arbId, class: arbClass }), { selector: (e) => e.id, maxLength: 60 }),
    excluded: fc.uniqueArray(fc.nat(80), { maxLength: 10 }),
    outsider: fc.option(arbId.map((id) => `Z${id}`)),
    allocations: fc.tuple(arbAllocation, arbAllocation),
    reserve: fc.nat(3),
    twoGroups: fc.boolean(),
    split: fc.nat(60),
    dice: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 20, maxLength: 30 }),
    hash: fc.constantFrom('sm3' as const, 'sha256' as const),
  })
  .map((r) => {
    const excludedIds = r.excluded.filter((i) => i < r.entities.length).map((i) => r.entities[i]!.id);
    if (r.outsider) excludedIds.push(r.outsider);
    const exclusions = formatExclusions([...new Set(excludedIds)].map((id) => ({ id, reason: '本年度已抽查', source: '2026-SJ-000' })));
    const groupCount = r.twoGroups ? 2 : 1;
    const params: DrawParams = {
      spec: 'ssj-draw/1',
      hash: r.hash,
      task: 'T-1',
      year: 2026,
      groups: Array.from({ length: groupCount }, (_, g) => ({
        code: `G${g}`,
        items: [`I${g}`, 'COMMON'],
        allocation: r.allocations[g]!,
        reserve: r.reserve,
      })),
      sources: [{ kind: 'dice', name: '骰子' }],
    };
    return {
      params,
      groups: params.groups.map((g, i) => ({
        code: g.code,
        frame: formatFrame(i === 0 ? r.entities : r.entities.slice(0, r.split)),
        exclusions: i === 0 ? exclusions : '',
      })),
      committedAt: '2026-03-10T09:00:00Z',
      sources: [{ kind: 'dice', name: '骰子', value: r.dice }],
    } satisfies DrawInput;
  });

describe('the draw as a function of its inputs (property)', () => {
  it('is deterministic: the same inputs give the same bundle', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        expect(runDraw(structuredClone(input))).toEqual(runDraw(input));
      }),
      { numRuns: 50 },
    );
  });

  it('class sizes equal the allocation; reserves follow the sample in ticket order', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const b = runDraw(input);
        for (const a of b.allocation) {
          for (const [stratum, { n }] of Object.entries(a.classes)) {
            const drawn = b.sample.filter((e) => e.group === a.group && e.class === stratum);
            expect(drawn.length).toBe(n);
            expect(drawn.map((e) => e.rank)).toEqual(drawn.map((_, i) => i + 1));
            const tickets = [...drawn, ...b.reserves.filter((e) => e.group === a.group && e.class === stratum)].map((e) => e.ticket);
            expect(tickets).toEqual([...tickets].sort());
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('never draws an excluded id, in the sample or the reserves', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const b = runDraw(input);
        input.groups.forEach((g) => {
          const excluded = new Set(parseExclusions(g.exclusions).map((x) => x.id));
          for (const e of [...b.sample, ...b.reserves].filter((s) => s.group === g.code)) expect(excluded.has(e.id)).toBe(false);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('increasing n extends the sample (nested), with the same seed', () => {
    fc.assert(
      fc.property(arbInput, fc.nat(30), fc.nat(10), (input, n, more) => {
        const eligible = input.groups.map((g) => eligibleEntries(parseFrame(g.frame), parseExclusions(g.exclusions)));
        const withCount = (count: number, mode: 'total' | 'none'): DrawParams => ({
          ...input.params,
          groups: input.params.groups.map((g) => ({ ...g, allocation: { mode, count } })),
        });
        const seed = 'c'.repeat(64);
        for (const mode of ['total', 'none'] as const) {
          const small = drawGroups(withCount(n, mode), eligible, seed).sample;
          const large = drawGroups(withCount(n + more, mode), eligible, seed).sample;
          const key = (e: { group: string; class: string; id: string }) => `${e.group}/${e.class}/${e.id}`;
          const largeKeys = new Set(large.map(key));
          for (const e of small) expect(largeKeys.has(key(e))).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('draws the same with the batch path (what runDraw uses) as with the reference selectGroup (what the verifier re-runs)', () => {
    fc.assert(
      fc.property(arbInput, fc.stringMatching(/^[0-9a-f]{64}$/), (input, seed) => {
        const eligible = input.groups.map((g) => eligibleEntries(parseFrame(g.frame), parseExclusions(g.exclusions)));
        expect(drawGroups(input.params, eligible, seed, 'batch')).toEqual(drawGroups(input.params, eligible, seed, 'reference'));
      }),
      { numRuns: 100 },
    );
  });

  it('verifyBundle accepts every bundle the engine produces, auditor and public', () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const b = runDraw(input);
        expect(verifyBundle(JSON.parse(JSON.stringify(b)))).toEqual({ status: 'VALID', scope: 'auditor' });
        expect(verifyBundle(JSON.parse(JSON.stringify(toPublicBundle(b))))).toEqual({ status: 'VALID', scope: 'public' });
      }),
      { numRuns: 50 },
    );
  });

  it('verifyBundle reports the first mismatch when a ticket or sample id is altered', () => {
    const withSample = arbInput.filter((input) => runDraw(input).sample.length > 0);
    fc.assert(
      fc.property(withSample, fc.nat(), fc.nat(63), fc.boolean(), (input, pick, at, alterId) => {
        for (const bundle of [runDraw(input), toPublicBundle(runDraw(input))]) {
          const altered = JSON.parse(JSON.stringify(bundle));
          const i = pick % altered.sample.length;
          const entry = altered.sample[i];
          if (alterId) entry.id = `${entry.id}0`;
          else entry.ticket = entry.ticket.slice(0, at) + (entry.ticket[at] === '0' ? '1' : '0') + entry.ticket.slice(at + 1);
          const result = verifyBundle(altered);
          expect(result.status).toBe('MISMATCH');
          if (result.status !== 'MISMATCH') return;
          // The auditor check compares the id with the recomputed sample first; the public
          // check can only recompute the ticket of the id it is given.
          const idFirst = alterId && 'frame' in bundle.groups[0]!;
          expect(result.field).toBe(idFirst ? `sample[${i}].id` : `sample[${i}].ticket`);
          expect(result.found).toBe(idFirst ? entry.id : entry.ticket);
        }
      }),
      { numRuns: 50 },
    );
  });
});
