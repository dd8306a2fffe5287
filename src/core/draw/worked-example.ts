// The fixed inputs of the worked example bundle (fixtures/worked-example.bundle.json,
// walked through in docs/draw-verification.md). Small enough to check by hand, large
// enough to show two groups, exclusions, D'Hondt, rates, reserves and a 1+X visit.
import { makeUscc } from '../uscc/index.ts';
import type { DrawInput } from './bundle.ts';
import { formatExclusions, formatFrame, type FrameEntry, type RiskClass } from './frame.ts';
import type { DrawParams } from './params.ts';
import { operatorCommitment } from './seed.ts';

const CLASSES: RiskClass[] = ['A', 'B', 'B', 'C', 'A', 'B', 'C', 'D', 'B', 'A', 'C', 'B', 'D', 'A', 'C', 'B'];

/** 16 businesses with valid 统一社会信用代码, classes A×4, B×6, C×4, D×2. */
export const WORKED_EXAMPLE_ENTITIES: FrameEntry[] = CLASSES.map((cls, i) => ({
  id: makeUscc({ authority: '9', type: '1', division: '140581', orgCode8: `MA0WE0${String(i + 1).padStart(2, '0')}` }),
  class: cls,
}));

/** The operator's 32 bytes, fixed here; in production the server's CSPRNG picks them. */
export const WORKED_EXAMPLE_OPERATOR_VALUE = '5d41402abc4b2a76b9719d911017c592ae3e1c2b1c5d0f6a2e8b7c9d0e1f2a3b';

export function workedExampleInput(): DrawInput {
  const ids = WORKED_EXAMPLE_ENTITIES.map((e) => e.id);
  const params: DrawParams = {
    spec: 'ssj-draw/1',
    hash: 'sm3',
    task: '2026-SJ-001',
    year: 2026,
    groups: [
      {
        code: 'FOOD',
        items: ['SJ-FOOD-02', 'SJ-FOOD-01'],
        allocation: { mode: 'total', ratio: '30%' },
        reserve: 1,
      },
      {
        code: 'PRICE',
        items: ['SJ-PRICE-01'],
        allocation: { mode: 'rates', rates: { A: '10%', B: '20%', C: '50%', D: '100%' } },
        reserve: 1,
      },
    ],
    sources: [
      { kind: 'dice', name: '2026-03-12 公开摇号现场骰子（纪检监察员见证）' },
      { kind: 'operator', name: '服务器随机数', commitment: operatorCommitment('sm3', WORKED_EXAMPLE_OPERATOR_VALUE) },
    ],
  };
  return {
    params,
    groups: [
      {
        code: 'FOOD',
        frame: formatFrame(WORKED_EXAMPLE_ENTITIES),
        exclusions: formatExclusions([
          { id: ids[0]!, reason: 'A类主体本年度已被抽查', source: '2026-SJ-000 抽查结果' },
          { id: ids[6]!, reason: '非存续（已注销）', source: '登记状态 2026-03-01' },
        ]),
      },
      // 价格 items apply to the first 12 businesses only; no exclusions (the empty file).
      { code: 'PRICE', frame: formatFrame(WORKED_EXAMPLE_ENTITIES.slice(0, 12)), exclusions: '' },
    ],
    committedAt: '2026-03-10T09:00:00+08:00',
    sources: [
      { kind: 'dice', name: '2026-03-12 公开摇号现场骰子（纪检监察员见证）', value: ' 62831853071795864769 ' },
      { kind: 'operator', name: '服务器随机数', value: WORKED_EXAMPLE_OPERATOR_VALUE },
    ],
  };
}
