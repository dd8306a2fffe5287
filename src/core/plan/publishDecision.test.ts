import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DomainError } from '../errors.ts';
import { MIN_UNDRAWABLE_REASON, undrawableDecision, undrawableTasks, type DrawableFacts } from './publishDecision.ts';

const task = (n: number, over: Partial<DrawableFacts> = {}): DrawableFacts => ({
  code: `140581-2025-${String(n).padStart(3, '0')}`,
  seq: n,
  name: `任务${n}`,
  subLibraryId: 'lib',
  populationCount: 10,
  ...over,
});

describe('publishing with tasks that cannot be drawn', () => {
  it('lists the unlinked and the empty tasks', () => {
    const found = undrawableTasks([task(1), task(2, { subLibraryId: null, populationCount: null }), task(3, { populationCount: 0 })]);
    expect(found).toEqual([
      { code: '140581-2025-002', seq: 2, name: '任务2', why: 'unlinked' },
      { code: '140581-2025-003', seq: 3, name: '任务3', why: 'empty' },
    ]);
  });

  it('refuses without a reason, naming each task, and keeps the trimmed reason', () => {
    const found = undrawableTasks([task(2, { subLibraryId: null, populationCount: null })]);
    let error: unknown;
    try {
      undrawableDecision(found, '  ');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('invalidState');
    expect((error as DomainError).message).toContain('任务2“任务2”（140581-2025-002）未关联名录分库');
    expect((error as DomainError).message).toContain('无法抽取任务的发布说明');
    expect(undrawableDecision(found, '  由住建部门按其名录抽取 ')).toBe('由住建部门按其名录抽取');
    expect(undrawableDecision([], '不需要的说明')).toBeNull();
  });

  it('decides exactly: a reason is needed iff some task cannot be drawn', () => {
    const facts = fc.record({
      linked: fc.boolean(),
      count: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 8 }), fc.string({ maxLength: 8 }), (rows, reason) => {
        const tasks = rows.map((r, i) =>
          task(i + 1, { subLibraryId: r.linked ? 'lib' : null, populationCount: r.linked ? r.count : null }),
        );
        const undrawable = undrawableTasks(tasks);
        expect(undrawable.length).toBe(rows.filter((r) => !r.linked || r.count === 0).length);
        const enough = reason.trim().length >= MIN_UNDRAWABLE_REASON;
        if (undrawable.length === 0) expect(undrawableDecision(undrawable, reason)).toBeNull();
        else if (enough) expect(undrawableDecision(undrawable, reason)).toBe(reason.trim());
        else expect(() => undrawableDecision(undrawable, reason)).toThrow(DomainError);
      }),
    );
  });
});
