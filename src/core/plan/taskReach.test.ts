import { describe, expect, it } from 'vitest';
import type { ModeCell } from './mode.ts';
import { levelOfKind, taskReach, type UnitLevel } from './taskReach.ts';

const mode = (...codes: string[]): ModeCell => ({
  modes: codes.map((code) => {
    const level = { 省: 'province', 市: 'city', 县: 'county' } as const;
    return { code, drawLevel: level[code[0] as '省'], inspectLevel: level[code[2] as '县'] };
  }),
  initiatorText: null,
});

/**
 * taskReach for a unit at `level` (its own plan, a participant of the joint task, or another unit)
 * and a task of a plan made at `ownerLevel`, as [relation, canDraw, inspects]; null: not reached.
 */
function reach(whose: 'own' | 'participant' | 'other', level: UnitLevel, ownerLevel: UnitLevel, ...modes: string[]) {
  const r = taskReach({ own: whose === 'own', participant: whose === 'participant', level, ownerLevel, mode: mode(...modes) });
  return r && [r.relation, r.canDraw, r.inspects];
}

describe('taskReach', () => {
  it('市抽县查 in a city plan: the city draws, a county inspects but cannot draw', () => {
    expect(reach('own', 'city', 'city', '市抽县查')).toEqual(['own', true, false]);
    expect(reach('other', 'county', 'city', '市抽县查')).toEqual(['upper', false, true]);
  });
  it('县抽县查 in a city plan: each county draws and inspects; 市抽市查 does not reach counties', () => {
    expect(reach('other', 'county', 'city', '市抽市查', '县抽县查')).toEqual(['upper', true, true]);
    expect(reach('other', 'county', 'city', '市抽市查')).toBeNull();
  });
  it('a county plan of its own draws and inspects; joint members inspect', () => {
    expect(reach('own', 'county', 'county', '县抽县查')).toEqual(['own', true, true]);
    expect(reach('participant', 'county', 'county', '县抽县查')).toEqual(['joint', false, true]);
  });
  it('a joint task is drawn by its 发起部门: the initiating member department, not the plan’s unit', () => {
    const joint = (whose: 'own' | 'participant', initiator: 'unit' | 'department' | null) => {
      const r = taskReach({
        own: whose === 'own',
        participant: whose === 'participant',
        initiator,
        level: 'county',
        ownerLevel: 'county',
        mode: mode('县抽县查'),
      });
      return r && [r.relation, r.canDraw, r.inspects];
    };
    // 住建局 发起, the bureau 配合: 住建局 draws, the bureau sees the task and inspects with it.
    expect(joint('participant', 'unit')).toEqual(['joint', true, true]);
    expect(joint('own', 'department')).toEqual(['own', false, true]);
    // Another named department (配合) draws nothing either way.
    expect(joint('participant', 'department')).toEqual(['joint', false, true]);
    // The bureau 发起, 教育局 配合: the bureau draws as before.
    expect(joint('own', null)).toEqual(['own', true, true]);
    expect(joint('participant', null)).toEqual(['joint', false, true]);
  });
  it('股室、所、部门 act at their bureau level', () => {
    expect(levelOfKind('station', 'county')).toBe('county');
    expect(levelOfKind('city', null)).toBe('city');
    expect(levelOfKind('department', null)).toBeNull();
  });
});
