import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { allocateByRiskClass } from '../draw/allocation.ts';
import { validateParams } from '../draw/params.ts';
import { allocationForTask } from './drawAllocation.ts';
import { cellAllocatesByRiskClass, parseRiskPolicy, type RiskPolicy } from './riskPolicy.ts';

describe('allocationForTask', () => {
  it('maps the seed wordings to draw allocations', () => {
    const escalating: RiskPolicy = { kind: 'escalating', classes: ['A', 'B', 'C', 'D'], text: '' };
    expect(allocationForTask({ kind: 'ratio', basisPoints: 300, minimum: false }, escalating)).toMatchObject({
      ok: true,
      allocation: { mode: 'total', ratio: '3%' },
    });
    expect(allocationForTask({ kind: 'count', count: 20, minimum: false }, { kind: 'notUsed', reason: '不使用' })).toMatchObject({
      ok: true,
      allocation: { mode: 'none', count: 20 },
    });
    expect(
      allocationForTask(
        { kind: 'ratio', basisPoints: 500, minimum: true },
        { kind: 'perClass', basisPoints: { A: 100, D: 1000 }, text: '' },
      ),
    ).toMatchObject({
      ok: true,
      allocation: { mode: 'rates', rates: { A: '1%', B: '5%', C: '5%', D: '10%', U: '5%' } },
    });
    expect(allocationForTask({ kind: 'ratio', basisPoints: 10, minimum: false }, null)).toMatchObject({
      ok: true,
      allocation: { mode: 'none', ratio: '0.1%' },
    });
  });
  it('asks for the count of a manual quota and refuses an unreadable one', () => {
    const manual = { kind: 'manual', note: '根据预警设定监测情况比例' } as const;
    expect(allocationForTask(manual, null)).toMatchObject({ ok: false });
    expect(allocationForTask(manual, null, 12)).toMatchObject({ ok: true, allocation: { mode: 'none', count: 12 } });
    expect(allocationForTask(null, null)).toMatchObject({ ok: false });
  });
  it('always yields parameters the engine accepts, and escalating ratios never favour A over D', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10000 }), fc.nat(2000), fc.nat(2000), (bp, nA, nD) => {
        const choice = allocationForTask({ kind: 'ratio', basisPoints: bp, minimum: false }, { kind: 'escalating', classes: [], text: '' });
        expect(choice.ok).toBe(true);
        if (!choice.ok) return;
        validateParams({
          spec: 'ssj-draw/1',
          hash: 'sm3',
          task: 'T',
          year: 2026,
          groups: [{ code: 'G1', items: ['x'], allocation: choice.allocation, reserve: 2 }],
          sources: [{ kind: 'dice', name: 'd' }],
        });
        const n = allocateByRiskClass(choice.allocation, { A: nA, B: 0, C: 0, D: nD, U: 0 });
        // The rate for D is at least the rate for A, up to one seat of rounding.
        if (nA > 0 && nD > 0) expect((n.D!.n + 1) * nA).toBeGreaterThanOrEqual(n.A!.n * nD);
      }),
    );
  });

  it('allocates by risk class exactly when the 信用风险分类管理 text says so (the task drawer warns otherwise)', () => {
    expect(cellAllocatesByRiskClass('对低风险、一般风险、较高风险、高风险企业分别递加比例抽查')).toBe(true);
    expect(cellAllocatesByRiskClass('A类1%，D类10%')).toBe(true);
    expect(cellAllocatesByRiskClass('不使用：社会组织无信用风险分类')).toBe(false);
    expect(cellAllocatesByRiskClass('结合信用风险管理要求')).toBe(false);
    expect(cellAllocatesByRiskClass('')).toBe(false);
    const wording = fc.array(
      fc.constantFrom('对', '低风险', '一般风险', '较高风险', '高风险', 'A类', 'D类', '3%', '10%', '分别', '递加', '比例', '抽查', '不使用', '：', '，', '结合', '要求', ' '),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(wording, fc.integer({ min: 1, max: 10000 }), (words, bp) => {
        const text = words.join('');
        const policy = parseRiskPolicy(text);
        const choice = allocationForTask({ kind: 'ratio', basisPoints: bp, minimum: false }, policy.ok ? policy.value : null);
        expect(choice.ok).toBe(true);
        if (!choice.ok) return;
        expect(cellAllocatesByRiskClass(text)).toBe(choice.allocation.mode !== 'none');
      }),
    );
  });
});
