// Random matching inputs (docs/draw-spec.md §8) for property tests of the matching.
import fc from 'fast-check';
import type { MatchingInput, MatchingInspector } from '../core/assignment/matchInspectors.ts';

export const OBJECTS = Array.from({ length: 14 }, (_, n) => `9114058100000${String(n).padStart(4, '0')}X`);
const CODES = Array.from({ length: 18 }, (_, n) => `P${String(n).padStart(2, '0')}`);

/** Small matching instances of every kind: pools, qualifications, 回避 of each sort, experts, caps tight or fair, 交叉互查. */
export const arbDense = fc
  .record({
    seed: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('')),
    visits: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...OBJECTS),
        items: fc.constantFrom(['I0'], ['I0'], ['I1'], ['I1', 'I2']),
        inspectingUnit: fc.constantFrom('A', 'A', 'A', 'B'),
        grid: fc.constantFrom('G1', 'G2', null),
        regionCode: fc.constantFrom('140581', '141002', null),
        unitPath: fc.constantFrom(['140500', 'S1'], ['140500', 'S2'], null),
      }),
      { selector: (v) => v.id, minLength: 1, maxLength: 12 },
    ),
    inspectors: fc.uniqueArray(
      fc.record({
        code: fc.constantFrom(...CODES),
        unit: fc.constantFrom('A', 'A', 'A', 'B'),
        category: fc.constantFrom<'enforcement' | 'expert'>('enforcement', 'enforcement', 'expert'),
        drawable: fc.constantFrom(true, true, true, true, true, true, false),
        qualifications: fc.constantFrom(['q1', 'q2'], ['q1', 'q2'], ['q1'], []),
        recusals: fc.oneof(
          fc.subarray(OBJECTS, { maxLength: 3 }),
          fc.constantFrom<MatchingInspector['recusals']>(
            [{ regionCode: '140500', reason: '本人辖区' }],
            [{ unitCode: 'S1', reason: '本人网格' }],
            [{ objectId: OBJECTS[0]!, reason: '亲属经营' }],
          ),
        ),
        homeGrid: fc.constantFrom('G1', 'G2', null),
        cap: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null, freq: 3 }),
      }),
      { selector: (p) => p.code, minLength: 6, maxLength: 18 },
    ),
    capPerInspector: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    fairShare: fc.boolean(),
    cross: fc.constantFrom(false, false, true),
    includeOwnUnit: fc.boolean(),
    recuseHomeGrid: fc.boolean(),
    twoEnforcementOfficers: fc.constantFrom(false, false, true),
  })
  .map((r): MatchingInput => ({
    hash: 'sm3',
    seed: r.seed,
    visits: r.visits,
    inspectors: r.inspectors,
    itemQualifications: { I1: ['q1'], I2: ['q2'] },
    capPerInspector: r.capPerInspector,
    fairShare: r.fairShare,
    crossRegion: r.cross ? { units: ['A', 'B'], includeOwnUnit: r.includeOwnUnit } : null,
    recuseHomeGrid: r.recuseHomeGrid,
    twoEnforcementOfficers: r.twoEnforcementOfficers,
  }));
