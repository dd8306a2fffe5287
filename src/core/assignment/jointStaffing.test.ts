import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareUtf8 } from '../draw/encoding.ts';
import { assignmentCost } from './cost.ts';
import { matchJointInspectors, type JointMatchingInput } from './jointStaffing.ts';
import type { MatchingInspector, MatchingVisit } from './matchInspectors.ts';

const SEED = '5c'.repeat(32);
const U1 = '91140981000000001A';
const U2 = '91140981000000002B';
const U3 = '91140981000000003C';
const BUREAU = '140981';
const ZJ = '140981-zj';
const TJ = '140981-tj';

function person(code: string, unit: string, over: Partial<MatchingInspector> = {}): MatchingInspector {
  return { code, unit, category: 'enforcement', drawable: true, qualifications: [], recusals: [], ...over };
}
function visit(id: string, over: Partial<MatchingVisit> = {}): MatchingVisit {
  return { id, items: ['I1'], inspectingUnit: BUREAU, ...over };
}
function input(over: Partial<JointMatchingInput>): JointMatchingInput {
  return { hash: 'sm3', seed: SEED, visits: [], inspectors: [], departments: [], capPerInspector: null, ...over };
}
const cost = (o: string, i: string) => assignmentCost('sm3', SEED, o, i);
/** The two cheapest of `people` for object `o` (all enforcement, no caps): §8's minimum on one visit. */
const cheapest2 = (o: string, people: string[]) =>
  [...people]
    .sort((a, b) => (cost(o, a) < cost(o, b) ? -1 : cost(o, a) > cost(o, b) ? 1 : 0))
    .slice(0, 2)
    .sort(compareUtf8);

describe('matchJointInspectors (docs/draw-spec.md §11, joint tasks)', () => {
  it('sends one team from the inspecting unit and one from each department to every visit, each the §8 minimum on its own pool', () => {
    const bureau = ['S-1', 'S-2', 'S-3'];
    const zj = ['Z-1', 'Z-2', 'Z-3'];
    const tj = ['T-1', 'T-2'];
    const result = matchJointInspectors(
      input({
        visits: [visit(U2), visit(U1)],
        inspectors: [...bureau.map((c) => person(c, BUREAU)), ...zj.map((c) => person(c, ZJ)), ...tj.map((c) => person(c, TJ))],
        departments: [
          { code: TJ, name: '统计局' },
          { code: ZJ, name: '住建局' },
        ],
      }),
    );
    if (!('assignments' in result)) throw new Error(JSON.stringify(result));
    const expectedTeams = [U1, U2].flatMap((o) => [
      { visit: o, unit: BUREAU, inspectors: cheapest2(o, bureau) },
      { visit: o, unit: TJ, inspectors: cheapest2(o, tj) },
      { visit: o, unit: ZJ, inspectors: cheapest2(o, zj) },
    ]);
    expect(result.teams).toEqual(expectedTeams);
    expect(result.assignments).toEqual(
      [U1, U2].map((o) => ({
        id: o,
        inspectors: expectedTeams
          .filter((t) => t.visit === o)
          .flatMap((t) => t.inspectors)
          .sort(compareUtf8),
      })),
    );
    const total = expectedTeams.reduce((s, t) => s + t.inspectors.reduce((x, i) => x + cost(t.visit, i), 0n), 0n);
    expect(result.totalCost).toBe(total);
  });

  it('never takes a department’s people for the bureau’s team, nor the bureau’s for a department', () => {
    // The bureau's pool alone cannot staff a visit: a department's people do not make up for it.
    const result = matchJointInspectors(
      input({
        visits: [visit(U1)],
        inspectors: [person('S-1', BUREAU), person('Z-1', ZJ), person('Z-2', ZJ)],
        departments: [{ code: ZJ, name: '住建局' }],
      }),
    );
    expect(result).toMatchObject({ infeasible: [{ visitId: U1, code: 'too_few' }] });
    if (!('infeasible' in result)) throw new Error('expected infeasible');
    expect(result.infeasible[0]!.reason).not.toMatch(/^住建局/);
  });

  it('names the department whose pool cannot staff a visit, and applies its people’s 回避', () => {
    const withRegion = matchJointInspectors(
      input({
        visits: [visit(U1, { regionCode: '140981' }), visit(U2, { regionCode: '140981' })],
        inspectors: [
          person('S-1', BUREAU),
          person('S-2', BUREAU),
          person('Z-1', ZJ),
          person('Z-2', ZJ, { recusals: [{ regionCode: '140981', reason: '回避（本人网格/辖区：区划 140981）' }] }),
          person('Z-3', ZJ),
        ],
        departments: [{ code: ZJ, name: '住建局' }],
      }),
    );
    if (!('assignments' in withRegion)) throw new Error(JSON.stringify(withRegion));
    expect(withRegion.teams.filter((t) => t.unit === ZJ).map((t) => t.inspectors)).toEqual([
      ['Z-1', 'Z-3'],
      ['Z-1', 'Z-3'],
    ]);
    expect(withRegion.recused.filter((r) => r.inspector === 'Z-2').map((r) => r.visitId)).toEqual([U1, U2]);
    const empty = matchJointInspectors(
      input({
        visits: [visit(U3)],
        inspectors: [person('S-1', BUREAU), person('S-2', BUREAU)],
        departments: [{ code: TJ, name: '统计局' }],
      }),
    );
    if (!('infeasible' in empty)) throw new Error('expected infeasible');
    expect(empty.infeasible).toEqual([
      { visitId: U3, code: 'no_enforcement_in_pool', reason: expect.stringMatching(/^统计局：检查单位（统计局）的人员库/) },
    ]);
  });

  it('property: every team is the two cheapest of its own pool, and the visit’s people are exactly the teams’', () => {
    const codes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.integer({ min: 2, max: 5 }), { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 2, max: 5 }),
        (visitCount, departmentSizes, bureauSize) => {
          const ids = Array.from({ length: visitCount }, (_, i) => `9114098100000000${i}X`);
          const departments = departmentSizes.map((_, d) => ({ code: `140981-d${d}`, name: `部门${d}` }));
          const pools = new Map<string, string[]>([[BUREAU, codes('S', bureauSize)]]);
          departments.forEach((d, k) => pools.set(d.code, codes(`D${k}`, departmentSizes[k]!)));
          const result = matchJointInspectors(
            input({
              visits: ids.map((id) => visit(id)),
              inspectors: [...pools].flatMap(([unit, people]) => people.map((c) => person(c, unit))),
              departments,
            }),
          );
          if (!('assignments' in result)) return false;
          for (const id of ids) {
            const teams = result.teams.filter((t) => t.visit === id);
            if (teams.length !== pools.size) return false;
            for (const t of teams) if (JSON.stringify(t.inspectors) !== JSON.stringify(cheapest2(id, pools.get(t.unit)!))) return false;
            const union = teams.flatMap((t) => t.inspectors).sort(compareUtf8);
            if (JSON.stringify(result.assignments.find((a) => a.id === id)!.inspectors) !== JSON.stringify(union)) return false;
          }
          return true;
        },
      ),
    );
  });
});
