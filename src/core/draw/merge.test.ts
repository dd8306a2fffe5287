// 合并抽取 (docs/draw-spec.md §2, §6): a merged draw equals the union of its tasks' own samples
// under the same seed, and its code never collides with a single task's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateByRiskClass } from './allocation.ts';
import { runDraw } from './bundle.ts';
import { countByClass, eligibleEntries, formatFrame, parseExclusions, parseFrame, RISK_CLASSES, type RiskClass } from './frame.ts';
import { drawCodeOf, mergeSelectionProblem, mergedGroups } from './merge.ts';
import type { AllocationSpec, DrawParams } from './params.ts';
import { selectGroup } from './selection.ts';
import { makeTicketer } from './tickets.ts';
import { verifyBundle } from './verify.ts';

const arbId = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'), minLength: 2, maxLength: 18 });
const arbClass = fc.constantFrom<RiskClass>(...RISK_CLASSES);
const arbAllocation: fc.Arbitrary<AllocationSpec> = fc.oneof(
  fc.record({ mode: fc.constant('total' as const), ratio: fc.integer({ min: 1, max: 60 }).map((k) => `${k}%`) }),
  fc.record({ mode: fc.constant('none' as const), count: fc.nat(15) }),
);
const arbTaskCode = fc.integer({ min: 1, max: 999 }).map((n) => `140581-2026-${String(n).padStart(3, '0')}`);

/** Two or three tasks over overlapping random populations, drawn merged with one seed. */
const arbMerge = fc.record({
  entities: fc.uniqueArray(fc.record({ id: arbId, class: arbClass }), { selector: (e) => e.id, minLength: 1, maxLength: 50 }),
  tasks: fc.uniqueArray(
    fc.record({
      code: arbTaskCode,
      allocation: arbAllocation,
      from: fc.nat(40),
      to: fc.nat(50),
      items: fc.uniqueArray(fc.constantFrom('甲', '乙', '丙', '丁'), { minLength: 1 }),
    }),
    { selector: (t) => t.code, minLength: 2, maxLength: 3 },
  ),
  reserve: fc.nat(2),
  dice: fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 20, maxLength: 24 }),
});

describe('合并抽取 (property)', () => {
  it('equals the union of the per-task samples under the same seed; each visit lists the items of the tasks that drew it', () => {
    fc.assert(
      fc.property(arbMerge, (m) => {
        const population = new Map(
          m.tasks.map((t) => {
            const lo = Math.min(t.from, t.to) % m.entities.length;
            return [t.code, m.entities.slice(lo, Math.max(t.from, t.to) + 1)];
          }),
        );
        const groups = mergedGroups(
          m.tasks.map((t) => ({ code: t.code, items: t.items, allocation: t.allocation })),
          m.reserve,
        );
        const params: DrawParams = {
          spec: 'ssj-draw/1',
          hash: 'sm3',
          task: drawCodeOf(
            groups.map((g) => g.code),
            1,
            1,
          ),
          year: 2026,
          groups,
          sources: [{ kind: 'dice', name: '骰子' }],
        };
        const bundle = runDraw({
          params,
          groups: groups.map((g) => ({ code: g.code, frame: formatFrame(population.get(g.code)!), exclusions: '' })),
          committedAt: '2026-03-10T09:00:00Z',
          sources: [{ kind: 'dice', name: '骰子', value: m.dice }],
        });
        expect(verifyBundle(JSON.parse(JSON.stringify(bundle)))).toEqual({ status: 'VALID', scope: 'auditor' });

        // Each task's own sample, as a draw of that task alone with the merged draw's seed would take it.
        const ticketOf = makeTicketer('sm3', bundle.seed);
        const union = new Map<string, Set<string>>();
        for (const g of groups) {
          const eligible = eligibleEntries(parseFrame(formatFrame(population.get(g.code)!)), parseExclusions(''));
          const alone = selectGroup(g.code, eligible, allocateByRiskClass(g.allocation, countByClass(eligible)), g.reserve, ticketOf);
          expect(bundle.sample.filter((e) => e.group === g.code)).toEqual(alone.sample);
          expect(bundle.reserves.filter((e) => e.group === g.code)).toEqual(alone.reserves);
          for (const e of alone.sample) {
            const items = union.get(e.id) ?? new Set<string>();
            for (const item of g.items) items.add(item);
            union.set(e.id, items);
          }
        }
        // One visit per business, however many tasks drew it.
        expect(bundle.visits.map((v) => v.id).sort()).toEqual([...union.keys()].sort());
        for (const v of bundle.visits) expect(v.items.sort()).toEqual([...union.get(v.id)!].sort());
      }),
      { numRuns: 60 },
    );
  });

  it('names a merged draw by its task codes in byte order, never as a single task is named', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbTaskCode, { minLength: 2, maxLength: 4 }),
        arbTaskCode,
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 4 }),
        (codes, single, batch, attempt) => {
          const merged = drawCodeOf(codes, batch, attempt);
          expect(merged).toBe(drawCodeOf([...codes].reverse(), batch, attempt));
          expect(merged.split('+')).toHaveLength(codes.length);
          for (let b = 1; b <= 12; b++) for (let a = 1; a <= 4; a++) expect(drawCodeOf([single], b, a)).not.toBe(merged);
        },
      ),
    );
    expect(drawCodeOf(['140581-2026-002', '140581-2026-001'], 1, 1)).toBe('140581-2026-001+140581-2026-002-1');
    expect(drawCodeOf(['140581-2026-001'], 2, 3)).toBe('140581-2026-001-2-R2');
  });

  it('refuses a selection of fewer than two tasks or a task twice', () => {
    expect(mergeSelectionProblem(['A'])).toMatch(/至少要选择 2 个任务/);
    expect(mergeSelectionProblem(['A', 'A'])).toMatch(/选择了两次/);
    expect(mergeSelectionProblem(['A', 'B'])).toBeNull();
  });
});
