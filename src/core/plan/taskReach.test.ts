import { describe, expect, it } from 'vitest';
import type { ModeCell } from './mode.ts';
import { levelOfKind, taskReach } from './taskReach.ts';

const mode = (...codes: string[]): ModeCell => ({
  modes: codes.map((code) => {
    const level = { 省: 'province', 市: 'city', 县: 'county' } as const;
    return { code, drawLevel: level[code[0] as '省'], inspectLevel: level[code[2] as '县'] };
  }),
  initiatorText: null,
});

describe('taskReach', () => {
  it('市抽县查 in a city plan: the city draws, a county inspects but cannot draw', () => {
    expect(taskReach({ own: true, participant: false, level: 'city', ownerLevel: 'city', mode: mode('市抽县查') })).toEqual({
      relation: 'own',
      canDraw: true,
      inspects: false,
    });
    expect(taskReach({ own: false, participant: false, level: 'county', ownerLevel: 'city', mode: mode('市抽县查') })).toEqual({
      relation: 'upper',
      canDraw: false,
      inspects: true,
    });
  });
  it('县抽县查 in a city plan: each county draws and inspects; 市抽市查 does not reach counties', () => {
    expect(taskReach({ own: false, participant: false, level: 'county', ownerLevel: 'city', mode: mode('市抽市查', '县抽县查') })).toEqual({
      relation: 'upper',
      canDraw: true,
      inspects: true,
    });
    expect(taskReach({ own: false, participant: false, level: 'county', ownerLevel: 'city', mode: mode('市抽市查') })).toBeNull();
  });
  it('a county plan of its own draws and inspects; joint members inspect', () => {
    expect(taskReach({ own: true, participant: false, level: 'county', ownerLevel: 'county', mode: mode('县抽县查') })).toEqual({
      relation: 'own',
      canDraw: true,
      inspects: true,
    });
    expect(taskReach({ own: false, participant: true, level: 'county', ownerLevel: 'county', mode: mode('县抽县查') })).toEqual({
      relation: 'joint',
      canDraw: false,
      inspects: true,
    });
  });
  it('股室、所、部门 act at their bureau level', () => {
    expect(levelOfKind('station', 'county')).toBe('county');
    expect(levelOfKind('city', null)).toBe('city');
    expect(levelOfKind('department', null)).toBeNull();
  });
});
