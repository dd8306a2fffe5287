import { describe, expect, it } from 'vitest';
import type { GroupParams } from './params.ts';
import { buildVisits } from './visits.ts';

const group = (code: string, items: string[]): GroupParams => ({ code, items, allocation: { mode: 'none', count: 1 }, reserve: 0 });
const drawn = (group: string, id: string) => ({ group, id, class: 'A' as const, ticket: '00', rank: 1 });

describe('visits, 1+X (docs/draw-spec.md §6)', () => {
  it('one visit per object, items the sorted union of the groups that drew it, visits sorted by id', () => {
    const groups = [group('FOOD', ['F2', 'F1']), group('PRICE', ['P1']), group('AD', ['A1'])];
    const visits = buildVisits(
      groups,
      [drawn('FOOD', 'Y'), drawn('PRICE', 'X'), drawn('PRICE', 'Y')],
      [
        { ...drawn('AD', 'Z'), used: false, reason: null },
        { ...drawn('AD', 'X'), used: true, reason: '已注销' },
      ],
    );
    expect(visits).toEqual([
      { id: 'X', items: ['A1', 'P1'] },
      { id: 'Y', items: ['F1', 'F2', 'P1'] },
    ]);
  });
});
