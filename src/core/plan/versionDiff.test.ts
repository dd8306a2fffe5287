import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { diffVersions, type VersionSnapshot } from './versionDiff.ts';

const base: VersionSnapshot = {
  title: '2025年度抽查计划',
  docNumber: '高市市监办发〔2025〕9号',
  deadline: '2025-12-15',
  tasks: [
    { code: '140581-2025-001', cells: { seq: '1', name: '对企业的不定向抽查', quota: '3%; 1次/年' }, population: null },
    { code: '140581-2025-002', cells: { seq: '2', name: '对个体户的抽查', quota: '0.1%' }, population: '全市个体户' },
  ],
};

describe('diffVersions', () => {
  it('finds nothing between a version and itself', () => {
    expect(diffVersions(base, base)).toEqual({ header: [], tasks: [], unchanged: 2 });
  });
  it('reports a changed cell, an added and a removed task, and a header change', () => {
    const next: VersionSnapshot = {
      ...base,
      deadline: '2025-12-20',
      tasks: [
        { code: '140581-2025-001', cells: { seq: '1', name: '对企业的不定向抽查', quota: '5%; 1次/年' }, population: null },
        { code: '140581-2025-003', cells: { seq: '3', name: '新增任务' }, population: null },
      ],
    };
    const diff = diffVersions(base, next);
    expect(diff.header).toEqual([{ field: 'deadline', label: '完成时限', before: '2025-12-15', after: '2025-12-20' }]);
    expect(diff.tasks.map((t) => [t.code, t.kind])).toEqual([
      ['140581-2025-001', 'changed'],
      ['140581-2025-003', 'added'],
      ['140581-2025-002', 'removed'],
    ]);
    expect(diff.tasks[0]!.changes).toEqual([{ field: 'quota', label: '抽查比例/数量', before: '3%; 1次/年', after: '5%; 1次/年' }]);
    expect(diff.unchanged).toBe(0);
  });
  it('ignores whitespace-only edits but not a changed sub-library link', () => {
    const next: VersionSnapshot = {
      ...base,
      tasks: [
        { code: '140581-2025-001', cells: { seq: '1', name: ' 对企业的不定向抽查 ', quota: '3%;  1次/年' }, population: null },
        { code: '140581-2025-002', cells: { seq: '2', name: '对个体户的抽查', quota: '0.1%' }, population: '全市个体户（新）' },
      ],
    };
    const diff = diffVersions(base, next);
    expect(diff.tasks).toHaveLength(1);
    expect(diff.tasks[0]!.changes.map((c) => c.field)).toEqual(['subLibrary']);
  });
  it('accounts for every task of both versions exactly once', () => {
    const codes = fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 12 });
    fc.assert(
      fc.property(codes, codes, fc.boolean(), (a, b, edit) => {
        const mk = (ns: number[], e: boolean): VersionSnapshot => ({
          ...base,
          tasks: ns.map((n) => ({
            code: `U-2025-${String(n).padStart(3, '0')}`,
            cells: { name: `任务${n}`, quota: e && n % 2 === 0 ? '5%' : '3%' },
            population: null,
          })),
        });
        const diff = diffVersions(mk(a, false), mk(b, edit));
        const added = diff.tasks.filter((t) => t.kind === 'added').length;
        const removed = diff.tasks.filter((t) => t.kind === 'removed').length;
        const changed = diff.tasks.filter((t) => t.kind === 'changed').length;
        const common = a.filter((n) => b.includes(n)).length;
        expect(added).toBe(b.length - common);
        expect(removed).toBe(a.length - common);
        expect(changed + diff.unchanged).toBe(common);
        expect(changed).toBe(edit ? a.filter((n) => b.includes(n) && n % 2 === 0).length : 0);
      }),
    );
  });
});
