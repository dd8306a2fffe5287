import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DrawError } from '../draw/errors.ts';
import { encodeTagged } from '../draw/encoding.ts';
import { hashBytes } from '../hash/index.ts';
import { assignmentCost } from './cost.ts';
import { matchInspectors, regionCovers, type MatchingInput, type MatchingInspector, type MatchingVisit } from './matchInspectors.ts';
import { cheapestPairs } from '../../testing/cheapestPairs.ts';

const SEED = 'a3'.repeat(32);
const U1 = '91110000000000001A';
const U2 = '91110000000000002B';
const U3 = '91110000000000003C';

function officer(code: string, over: Partial<MatchingInspector> = {}): MatchingInspector {
  return { code, unit: 'U', category: 'enforcement', drawable: true, qualifications: [], recusals: [], ...over };
}
function visit(id: string, over: Partial<MatchingVisit> = {}): MatchingVisit {
  return { id, items: ['I1'], inspectingUnit: 'U', ...over };
}
function input(over: Partial<MatchingInput>): MatchingInput {
  return { hash: 'sm3', seed: SEED, visits: [], inspectors: [], ...over };
}

describe('assignment cost (docs/draw-spec.md §8)', () => {
  it('is the first 8 bytes of H("ssj-draw/1/assign", seed, o, i), big-endian', () => {
    for (const alg of ['sm3', 'sha256'] as const) {
      const digest = hashBytes(alg, encodeTagged('ssj-draw/1/assign', [SEED, U1, 'P-001']));
      const expected = BigInt('0x' + [...digest.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join(''));
      expect(assignmentCost(alg, SEED, U1, 'P-001')).toBe(expected);
    }
    expect(assignmentCost('sm3', SEED, U1, 'P-001')).not.toBe(assignmentCost('sm3', SEED, U1, 'P-002'));
  });
});

describe('matchInspectors (docs/draw-spec.md §8)', () => {
  it('with exactly two eligible officers per visit, assigns them and reports the summed seed costs', () => {
    const result = matchInspectors(
      input({
        visits: [visit(U2), visit(U1)],
        inspectors: [officer('P-2'), officer('P-1'), officer('P-3', { recusals: [U1] }), officer('P-4', { recusals: [U2] })],
        capPerInspector: null,
      }),
    );
    // U1: P-3 recused, so among P-1, P-2, P-4 the two cheapest; U2: among P-1, P-2, P-3.
    const cost = (o: string, i: string) => assignmentCost('sm3', SEED, o, i);
    const cheapest2 = (o: string, people: string[]) =>
      people
        .sort((a, b) => (cost(o, a) < cost(o, b) ? -1 : 1))
        .slice(0, 2)
        .sort();
    const expected = [
      { id: U1, inspectors: cheapest2(U1, ['P-1', 'P-2', 'P-4']) },
      { id: U2, inspectors: cheapest2(U2, ['P-1', 'P-2', 'P-3']) },
    ];
    const total = expected.reduce((s, a) => s + cost(a.id, a.inspectors[0]!) + cost(a.id, a.inspectors[1]!), 0n);
    expect(result).toEqual({
      assignments: expected,
      totalCost: total,
      recused: [
        { visitId: U1, inspector: 'P-3', reason: '回避声明' },
        { visitId: U2, inspector: 'P-4', reason: '回避声明' },
      ],
    });
  });

  it('puts an expert only beside an enforcement officer, and never with twoEnforcementOfficers', () => {
    const people = [officer('E-1'), officer('X-1', { category: 'expert' }), officer('X-2', { category: 'expert' })];
    const result = matchInspectors(input({ visits: [visit(U1)], inspectors: people }));
    expect('assignments' in result && result.assignments[0]!.inspectors).toContain('E-1');
    const strict = matchInspectors(input({ visits: [visit(U1)], inspectors: people, twoEnforcementOfficers: true }));
    expect(strict).toEqual({
      infeasible: [{ visitId: U1, code: 'too_few', reason: expect.stringContaining('可用检查人员不足2人') }],
      recused: [],
    });
  });

  it('uses the cross-region pool without the own unit, and honours home-grid recusal when asked', () => {
    const people = [
      officer('A-1', { unit: 'A' }),
      officer('A-2', { unit: 'A' }),
      officer('B-1', { unit: 'B', homeGrid: 'G1' }),
      officer('B-2', { unit: 'B' }),
      officer('B-3', { unit: 'B' }),
    ];
    const cross = matchInspectors(
      input({
        visits: [visit(U1, { inspectingUnit: 'A', grid: 'G1' })],
        inspectors: people,
        crossRegion: { units: ['A', 'B'] },
        recuseHomeGrid: true,
      }),
    );
    expect(cross).toEqual({
      assignments: [{ id: U1, inspectors: ['B-2', 'B-3'] }],
      totalCost: expect.any(BigInt),
      recused: expect.any(Array),
    });
  });

  it('names every unstaffable visit with its reason, and returns no partial assignment', () => {
    const result = matchInspectors(
      input({
        visits: [
          visit(U1, { inspectingUnit: 'EMPTY' }),
          visit(U2, { items: ['DRUG'] }),
          visit(U3),
          visit('91110000000000004D', { inspectingUnit: 'V' }), // staffable on its own
        ],
        inspectors: [
          officer('P-1', { recusals: [U3], qualifications: [] }),
          officer('P-2', { recusals: [U3] }),
          officer('P-3', { drawable: false }), // expired 执法证: not in the pool
          officer('V-1', { unit: 'V' }),
          officer('V-2', { unit: 'V' }),
          officer('X-9', { unit: 'EMPTY', category: 'expert' }),
        ],
        itemQualifications: { DRUG: ['药品检查员'] },
      }),
    );
    expect(result).toEqual({
      infeasible: [
        { visitId: U1, code: 'no_enforcement_in_pool', reason: expect.stringContaining('没有在岗且执法证有效的执法人员') },
        { visitId: U2, code: 'missing_qualification', reason: expect.stringContaining('药品检查员') },
        { visitId: U3, code: 'recusal', reason: expect.stringContaining('回避后无可用执法人员') },
      ],
      recused: [
        { visitId: U3, inspector: 'P-1', reason: '回避声明' },
        { visitId: U3, inspector: 'P-2', reason: '回避声明' },
      ],
    });
  });

  it('reports cap exhaustion for the visits competing for the same people', () => {
    const result = matchInspectors(
      input({
        visits: [visit(U1), visit(U2), visit(U3)],
        inspectors: [officer('P-1'), officer('P-2', { cap: 2 }), officer('P-3')],
        capPerInspector: 1,
      }),
    );
    // 3 visits need 6 places; caps give 1 + 2 + 1 = 4.
    const reason =
      '检查人员可派人次已用尽（受每人上限所限）：本对象与另外2个对象争用同一批检查人员，共需6人次，按上限只能派出4人次；请提高上限、增加人员或启用交叉互查';
    expect(result).toEqual({ infeasible: [U1, U2, U3].map((visitId) => ({ visitId, code: 'caps_exhausted', reason })), recused: [] });
  });

  it('keeps a person out of every object of a declared 辖区 (a region and the divisions below it, or a unit and its 所) and says why', () => {
    const inCounty = visit(U1, { regionCode: '140581', unitPath: ['140000', '140500', '140581', '140581-S1'] });
    const otherStation = visit(U2, { regionCode: '140581', unitPath: ['140000', '140500', '140581', '140581-S2'] });
    const otherCity = visit(U3, { regionCode: '141002', unitPath: ['140000', '141000', '141002'] });
    const result = matchInspectors(
      input({
        visits: [inCounty, otherStation, otherCity],
        inspectors: [
          officer('P-1', { recusals: [{ regionCode: '140500', reason: '回避（本人网格/辖区：区划 140500；户籍地）' }] }),
          officer('P-2', { recusals: [{ unitCode: '140581-S1', reason: '回避（本人网格/辖区：第一所；包片网格）' }] }),
          officer('P-3'),
          officer('P-4'),
        ],
      }),
    );
    if (!('assignments' in result)) throw new Error('expected an assignment');
    const sent = (id: string) => result.assignments.find((a) => a.id === id)!.inspectors;
    expect(sent(U1)).toEqual(['P-3', 'P-4']);
    expect(sent(U2)).not.toContain('P-1');
    expect(result.recused).toEqual([
      { visitId: U1, inspector: 'P-1', reason: '回避（本人网格/辖区：区划 140500；户籍地）' },
      { visitId: U1, inspector: 'P-2', reason: '回避（本人网格/辖区：第一所；包片网格）' },
      { visitId: U2, inspector: 'P-1', reason: '回避（本人网格/辖区：区划 140500；户籍地）' },
    ]);
    expect(regionCovers('140500', '140581')).toBe(true);
    expect(regionCovers('140000', '141002')).toBe(true);
    expect(regionCovers('140581', '140522')).toBe(false);
    expect(regionCovers('140500', '141002')).toBe(false);
  });

  it('refuses malformed input instead of guessing', () => {
    expect(() => matchInspectors(input({ seed: 'XYZ' }))).toThrow(DrawError);
    expect(() => matchInspectors(input({ visits: [visit(U1), visit(U1)] }))).toThrow(/检查对象重复/);
    expect(() => matchInspectors(input({ inspectors: [officer('P'), officer('P')] }))).toThrow(/检查人员编号重复/);
    expect(() => matchInspectors(input({ capPerInspector: 1.5 }))).toThrow(/非负整数/);
  });
});

// ---- properties on small random instances -------------------------------------------

const QUALS = ['q1', 'q2'];
const OBJECTS = [U1, U2, U3, '91110000000000004D'];

const arbInstance = fc
  .record({
    seed: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => [...b].map((x) => x.toString(16).padStart(2, '0')).join('')),
    hash: fc.constantFrom<'sm3' | 'sha256'>('sm3', 'sha256'),
    visits: fc.uniqueArray(
      fc.record({
        id: fc.constantFrom(...OBJECTS),
        items: fc.subarray(['I0', 'I1', 'I2']),
        inspectingUnit: fc.constantFrom('A', 'A', 'B'),
        grid: fc.constantFrom('G1', 'G2', null, null),
        regionCode: fc.constantFrom('140581', '140522', '141002', null),
        unitPath: fc.constantFrom(['140000', '140500', '140581', 'S1'], ['140000', '140500', '140581', 'S2'], ['140000', '141000'], null),
      }),
      { selector: (v) => v.id, minLength: 1, maxLength: 3 },
    ),
    inspectors: fc.uniqueArray(
      fc.record({
        code: fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9'),
        unit: fc.constantFrom('A', 'A', 'A', 'B'),
        category: fc.constantFrom<'enforcement' | 'expert'>('enforcement', 'enforcement', 'enforcement', 'expert'),
        drawable: fc.constantFrom(true, true, true, true, true, false),
        qualifications: fc.constantFrom(QUALS, QUALS, QUALS, ['q1'], []),
        recusals: fc.constantFrom<MatchingInspector['recusals'][]>(
          [],
          [],
          [],
          [U1],
          [U2, U3],
          [{ objectId: U2, reason: '亲属经营' }],
          [{ regionCode: '140500', reason: '本人辖区' }],
          [{ regionCode: '140581', reason: '本人辖区' }, U3],
          [{ unitCode: 'S1', reason: '本人网格' }],
          [{ unitCode: '140500', reason: '本人辖区' }],
        ),
        homeGrid: fc.constantFrom('G1', 'G2', null),
        cap: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 3 }),
      }),
      { selector: (p) => p.code, minLength: 4, maxLength: 8 },
    ),
    capPerInspector: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
    cross: fc.constantFrom(false, false, true),
    includeOwnUnit: fc.boolean(),
    recuseHomeGrid: fc.boolean(),
    twoEnforcementOfficers: fc.constantFrom(false, false, true),
  })
  .map((r): MatchingInput => ({
    hash: r.hash,
    seed: r.seed,
    visits: r.visits,
    inspectors: r.inspectors,
    itemQualifications: { I1: ['q1'], I2: ['q2'] },
    capPerInspector: r.capPerInspector,
    crossRegion: r.cross ? { units: ['A', 'B'], includeOwnUnit: r.includeOwnUnit } : null,
    recuseHomeGrid: r.recuseHomeGrid,
    twoEnforcementOfficers: r.twoEnforcementOfficers,
  }));

/** An independent reading of §8's eligible pair (test oracle). */
function eligible(inp: MatchingInput, v: MatchingVisit, p: MatchingInspector): boolean {
  const required = v.items.flatMap((item) => inp.itemQualifications?.[item] ?? []);
  const inPool = inp.crossRegion
    ? inp.crossRegion.units.includes(p.unit) && (inp.crossRegion.includeOwnUnit || p.unit !== v.inspectingUnit)
    : p.unit === v.inspectingUnit;
  return (
    p.drawable &&
    inPool &&
    required.every((q) => p.qualifications.includes(q)) &&
    !recusedOracle(p, v) &&
    !(inp.recuseHomeGrid && v.grid && p.homeGrid === v.grid) &&
    (p.category === 'enforcement' || !inp.twoEnforcementOfficers)
  );
}
/** 回避 read independently: an id; a region by its level (province 2, city 4, county 6 digits); a unit on the object's path. */
function recusedOracle(p: MatchingInspector, v: MatchingVisit): boolean {
  return p.recusals.some((r) => {
    if (typeof r === 'string') return r === v.id;
    if (r.objectId === v.id) return true;
    if (r.regionCode && v.regionCode) {
      const level = r.regionCode.endsWith('0000') ? 2 : r.regionCode.endsWith('00') ? 4 : 6;
      if (v.regionCode.slice(0, level) === r.regionCode.slice(0, level)) return true;
    }
    return !!r.unitCode && !!v.unitPath && v.unitPath.includes(r.unitCode);
  });
}
const capOf = (inp: MatchingInput, p: MatchingInspector) => p.cap ?? inp.capPerInspector ?? Infinity;

/** Brute force over every choice of pairs: the minimum total cost, or null when none is feasible. */
function bruteForce(inp: MatchingInput): bigint | null {
  const memo = new Map<string, bigint>();
  const cost = (o: string, i: string) => {
    const key = `${o}\t${i}`;
    if (!memo.has(key)) memo.set(key, assignmentCost(inp.hash, inp.seed, o, i));
    return memo.get(key)!;
  };
  return cheapestPairs(inp.visits, {
    candidates: (v) => inp.inspectors.filter((p) => eligible(inp, v, p)),
    key: (p) => p.code,
    cap: (p) => capOf(inp, p),
    enforcement: (p) => p.category === 'enforcement',
    cost: (v, p) => cost(v.id, p.code),
  });
}

describe('matchInspectors properties (docs/draw-spec.md §8)', () => {
  it('staffs every visit with ≥2 distinct eligible people incl. an enforcement officer, within caps', () => {
    fc.assert(
      fc.property(arbInstance, (inp) => {
        const result = matchInspectors(inp);
        if (!('assignments' in result)) return;
        expect(result.assignments.map((a) => a.id).sort()).toEqual(inp.visits.map((v) => v.id).sort());
        const load = new Map<string, number>();
        for (const a of result.assignments) {
          const v = inp.visits.find((x) => x.id === a.id)!;
          const people = a.inspectors.map((code) => inp.inspectors.find((p) => p.code === code)!);
          expect(new Set(a.inspectors).size).toBeGreaterThanOrEqual(2);
          expect(people.some((p) => p.category === 'enforcement' && p.drawable)).toBe(true);
          for (const p of people) {
            expect(eligible(inp, v, p)).toBe(true); // pool, qualifications, 回避
            load.set(p.code, (load.get(p.code) ?? 0) + 1);
          }
        }
        for (const p of inp.inspectors) expect(load.get(p.code) ?? 0).toBeLessThanOrEqual(capOf(inp, p));
      }),
      { numRuns: 300 },
    );
  });

  it("reports exactly the people of a visit's pool who hold what it needs but must recuse themselves", () => {
    fc.assert(
      fc.property(arbInstance, (inp) => {
        const result = matchInspectors(inp);
        const notRecusing = (p: MatchingInspector): MatchingInspector => ({ ...p, recusals: [] });
        const plain = { ...inp, recuseHomeGrid: false };
        const expected = inp.visits
          // a visit with no qualified officer in its pool fails before 回避 is looked at
          .filter((v) => inp.inspectors.some((p) => p.category === 'enforcement' && eligible(plain, v, notRecusing(p))))
          .flatMap((v) =>
            inp.inspectors.filter((p) => eligible(plain, v, notRecusing(p)) && !eligible(inp, v, p)).map((p) => `${v.id}/${p.code}`),
          )
          .sort();
        expect(result.recused.map((r) => `${r.visitId}/${r.inspector}`).sort()).toEqual(expected);
        for (const r of result.recused) expect(r.reason).not.toBe('');
      }),
      { numRuns: 300 },
    );
  });

  it('is a deterministic function of the seed and inputs, whatever their order', () => {
    fc.assert(
      fc.property(arbInstance, (inp) => {
        const reordered = { ...inp, visits: [...inp.visits].reverse(), inspectors: [...inp.inspectors].reverse() };
        expect(matchInspectors(reordered)).toEqual(matchInspectors(inp));
      }),
      { numRuns: 200 },
    );
  });

  it('reaches the brute-force minimum total cost, and is infeasible exactly when brute force finds nothing', () => {
    fc.assert(
      fc.property(arbInstance, (inp) => {
        const best = bruteForce(inp);
        const result = matchInspectors(inp);
        if (best === null) {
          expect('infeasible' in result).toBe(true);
          if ('infeasible' in result) expect(result.infeasible.length).toBeGreaterThan(0);
        } else {
          expect(result).toEqual({ assignments: expect.any(Array), totalCost: best, recused: expect.any(Array) });
        }
      }),
      { numRuns: 600 },
    );
  });

  it('names only visits that are unstaffable for the reason given', () => {
    fc.assert(
      fc.property(arbInstance, (inp) => {
        const result = matchInspectors(inp);
        if (!('infeasible' in result)) return;
        const uncapped = { ...inp, capPerInspector: null, inspectors: inp.inspectors.map((p) => ({ ...p, cap: null })) };
        const capped = result.infeasible.filter((x) => x.code === 'caps_exhausted').map((x) => x.visitId);
        for (const x of result.infeasible) {
          const alone = inp.visits.filter((v) => v.id === x.visitId);
          // local reasons: not even staffable alone without caps; caps: staffable once caps are lifted
          expect(bruteForce({ ...uncapped, visits: alone }) === null).toBe(x.code !== 'caps_exhausted');
        }
        if (capped.length > 0) {
          expect(bruteForce({ ...inp, visits: inp.visits.filter((v) => capped.includes(v.id)) })).toBeNull();
          expect(bruteForce({ ...uncapped, visits: inp.visits.filter((v) => capped.includes(v.id)) })).not.toBeNull();
        }
      }),
      { numRuns: 400 },
    );
  });
});
