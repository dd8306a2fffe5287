// Which published plan tasks a unit acts on, and how: its own plans' tasks;
// tasks of plans above it that its level inspects (市抽县查: the city draws, each county
// inspects) or draws (县抽县查 in a city plan: each county draws and inspects); joint tasks
// naming it as 发起部门 or 配合部门. A joint task is drawn by its 发起部门 alone: the member
// department when one initiates (the plan's unit then only 配合), else the plan's unit.
import type { ModeCell, ModeLevel } from './mode.ts';

export type UnitLevel = ModeLevel;

export interface TaskReach {
  relation: 'own' | 'upper' | 'joint';
  canDraw: boolean;
  inspects: boolean;
}

/** The level of a unit kind; 股室/所/部门 act at their bureau's level. */
export function levelOfKind(kind: string, bureauKind: string | null): UnitLevel | null {
  const k = kind === 'office' || kind === 'station' || kind === 'department' ? bureauKind : kind;
  return k === 'province' || k === 'city' || k === 'county' ? k : null;
}

/**
 * Who initiates a joint task (发起部门), seen from the unit asking: `unit` — the unit itself (a
 * member department the task names as 发起部门); `department` — another member department; null —
 * the plan's unit (or the task is not joint).
 */
export type JointInitiator = 'unit' | 'department' | null;

/**
 * How a unit at `level` relates to a task of a plan owned at `ownerLevel`: `own` when the plan
 * is its own (or below it), `participant` when a joint task names it.
 */
export function taskReach(input: {
  own: boolean;
  participant: boolean;
  initiator?: JointInitiator;
  level: UnitLevel | null;
  ownerLevel: UnitLevel | null;
  mode: ModeCell | null;
}): TaskReach | null {
  const modes = input.mode?.modes ?? [];
  if (input.initiator === 'unit') return { relation: 'joint', canDraw: true, inspects: true };
  if (input.own && input.initiator === 'department') return { relation: 'own', canDraw: false, inspects: true };
  if (input.own) {
    const drawsHere = modes.length === 0 || modes.some((m) => m.drawLevel === input.ownerLevel);
    const inspectsHere = modes.length === 0 || modes.some((m) => m.inspectLevel === input.ownerLevel);
    return { relation: 'own', canDraw: drawsHere, inspects: inspectsHere };
  }
  if (input.participant) return { relation: 'joint', canDraw: false, inspects: true };
  if (input.level === null || input.level === input.ownerLevel) return null;
  const inspects = modes.some((m) => m.inspectLevel === input.level);
  const draws = modes.some((m) => m.drawLevel === input.level && m.inspectLevel === input.level);
  if (!inspects) return null;
  return { relation: 'upper', canDraw: draws, inspects };
}
