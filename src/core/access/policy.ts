// Declarative role × module policy, shared by the server (enforcement) and the
// web console (menu). The server is the authority: the menu only mirrors it.
import { codesOf, type Role } from '../glossary.ts';

export const modules = {
  directories: '一单两库',
  plans: '年度计划',
  tasks: '抽查任务',
  results: '检查结果',
  followup: '后续处置',
  stats: '统计分析',
  admin: '系统管理',
} as const;
export type ModuleKey = keyof typeof modules;
export const moduleKeys = codesOf(modules);

export type Access = 'none' | 'read' | 'write';

/**
 * What each role may do in each module, within the units it can see. Writing in 统计分析 is
 * setting the 考核目标 and the 填报数 of a unit: its 系统管理员 and its 信用监管科/股 (the office that
 * runs 双随机 and writes the plan's targets); the 业务科室 that inspect are judged by them.
 */
export const policy: Record<Role, Record<ModuleKey, Access>> = {
  admin: { directories: 'write', plans: 'read', tasks: 'read', results: 'read', followup: 'read', stats: 'write', admin: 'write' },
  planner: { directories: 'write', plans: 'write', tasks: 'write', results: 'read', followup: 'read', stats: 'write', admin: 'none' },
  staff: { directories: 'read', plans: 'read', tasks: 'write', results: 'write', followup: 'write', stats: 'read', admin: 'none' },
  inspector: { directories: 'read', plans: 'none', tasks: 'read', results: 'write', followup: 'none', stats: 'none', admin: 'none' },
  leader: { directories: 'read', plans: 'read', tasks: 'read', results: 'read', followup: 'read', stats: 'read', admin: 'none' },
  auditor: { directories: 'read', plans: 'read', tasks: 'read', results: 'read', followup: 'read', stats: 'read', admin: 'read' },
};

export function accessOf(role: Role, module: ModuleKey): Access {
  return policy[role][module];
}

export function canRead(role: Role, module: ModuleKey): boolean {
  return policy[role][module] !== 'none';
}

export function canWrite(role: Role, module: ModuleKey): boolean {
  return policy[role][module] === 'write';
}

/** Modules shown in the console menu for a role, in menu order. */
export function menuFor(role: Role): ModuleKey[] {
  return moduleKeys.filter((m) => canRead(role, m));
}

/**
 * Org-tree visibility: a unit sees itself and everything below it
 * (county sees its 股室/所; city sees its counties; nobody sees a sibling or a parent).
 * Paths are dotted materialised paths, e.g. "sx.jc.gp.xyg".
 */
export function unitPathCovers(viewerPath: string, targetPath: string): boolean {
  return targetPath === viewerPath || targetPath.startsWith(viewerPath + '.');
}

/**
 * The assignment a login opens on: the one that may change the most modules (a planner before a
 * leader's read-only view), then one in the user's home unit, then the first listed.
 */
export function defaultAssignment<A extends { unitCode: string; role: Role }>(
  assignments: readonly A[],
  homeUnitCode: string,
): A | undefined {
  const writes = (a: A) => moduleKeys.filter((m) => policy[a.role][m] === 'write').length;
  return [...assignments]
    .map((a, i) => ({ a, i }))
    .sort(
      (x, y) => writes(y.a) - writes(x.a) || Number(y.a.unitCode === homeUnitCode) - Number(x.a.unitCode === homeUnitCode) || x.i - y.i,
    )[0]?.a;
}
