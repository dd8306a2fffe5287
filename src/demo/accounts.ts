// Demo accounts: one 高平市局 account per role, the upper levels (晋城, 忻州, 山西), a
// sibling county (泽州) and the 原平 住建局 member department, so that scoping ("nobody
// sees a sibling's data") can be tried by hand, plus one account with two assignments for
// the unit/role switcher. Names are invented.
import type { Insertable } from 'kysely';
import type { AppUserTable, UserRoleTable } from '../db/schema.ts';
import { roleLabel, type Role } from '../core/glossary.ts';
import { buildOrgTree } from './orgTree.ts';
import type { Random } from './random.ts';

/** Every demo account has this password (printed at start-up; change it in production). */
export const DEMO_PASSWORD = 'Ssj-demo-2026';

export interface DemoAssignment {
  unitCode: string;
  role: Role;
}

// A role is held in a unit and reaches that unit and everything below it. People of a 股室
// or 所 (home unit) work for the whole county — a 食品流通股 officer follows food businesses
// registered under every 所, an inspector can be matched to any object of the county — so
// their roles are held at the county bureau.
export interface DemoAccountSpec {
  username: string;
  displayName: string;
  /** Where the person sits (股室, 所, or the bureau itself). */
  homeUnitCode: string;
  /** Only where the account also appears as a person in the inspector directory. */
  gender?: '男' | '女';
  /** The first is the one a login starts with. */
  assignments: readonly DemoAssignment[];
}

export const demoAccountSpecs: readonly DemoAccountSpec[] = [
  { username: 'sx.admin', displayName: '郝志刚', homeUnitCode: '140000-xyjg', assignments: [{ unitCode: '140000', role: 'admin' }] },
  { username: 'jc.planner', displayName: '常晓燕', homeUnitCode: '140500-xyjg', assignments: [{ unitCode: '140500', role: 'planner' }] },
  { username: 'jc.leader', displayName: '秦国栋', homeUnitCode: '140500', assignments: [{ unitCode: '140500', role: 'leader' }] },
  { username: 'xz.planner', displayName: '温建华', homeUnitCode: '140900-xyjg', assignments: [{ unitCode: '140900', role: 'planner' }] },
  { username: 'gp.admin', displayName: '牛海涛', homeUnitCode: '140581-bgs', assignments: [{ unitCode: '140581', role: 'admin' }] },
  { username: 'gp.planner', displayName: '申丽娟', homeUnitCode: '140581-xyjg', assignments: [{ unitCode: '140581', role: 'planner' }] },
  { username: 'gp.staff', displayName: '毕宏伟', homeUnitCode: '140581-splt', assignments: [{ unitCode: '140581', role: 'staff' }] },
  {
    username: 'gp.inspector',
    displayName: '焦志强',
    homeUnitCode: '140581-mishan',
    gender: '男',
    assignments: [{ unitCode: '140581', role: 'inspector' }],
  },
  { username: 'gp.leader', displayName: '李卫东', homeUnitCode: '140581', assignments: [{ unitCode: '140581', role: 'leader' }] },
  { username: 'gp.auditor', displayName: '冯雅琴', homeUnitCode: '140581', assignments: [{ unitCode: '140581', role: 'auditor' }] },
  {
    username: 'gp.multi',
    displayName: '段思远',
    homeUnitCode: '140581-xyjg',
    assignments: [
      { unitCode: '140581', role: 'planner' },
      { unitCode: '140581', role: 'leader' },
    ],
  },
  { username: 'yp.planner', displayName: '贾文斌', homeUnitCode: '140981-xyjg', assignments: [{ unitCode: '140981', role: 'planner' }] },
  { username: 'yp.zj', displayName: '邢玉兰', homeUnitCode: '140981-zj', assignments: [{ unitCode: '140981-zj', role: 'staff' }] },
  { username: 'zz.planner', displayName: '卫晓东', homeUnitCode: '140525-xyjg', assignments: [{ unitCode: '140525', role: 'planner' }] },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  /** Home unit, e.g. 高平市市场监督管理局食品流通股 */
  unitName: string;
  /** e.g. 信用监管科/股、领导 */
  roleLabel: string;
}

const unitNames = new Map(buildOrgTree().map((u) => [u.code, u.name]));

/** For the start-up banner: who can log in as what (password DEMO_PASSWORD). */
export const demoAccounts: readonly DemoAccount[] = demoAccountSpecs.map((spec) => ({
  username: spec.username,
  displayName: spec.displayName,
  unitName: unitNames.get(spec.homeUnitCode) ?? spec.homeUnitCode,
  roleLabel: [...new Set(spec.assignments.map((a) => roleLabel[a.role]))].join('、'),
}));

export interface DemoUsers {
  users: Array<Insertable<AppUserTable> & { id: string }>;
  roles: Array<Insertable<UserRoleTable>>;
}

/**
 * app_user and user_role rows. passwordHashes maps username → argon2id hash (hashing is
 * slow and async, so the caller does it); ids come from the seeded generator.
 */
export function buildDemoUsers(passwordHashes: ReadonlyMap<string, string>, random: Random): DemoUsers {
  const users: DemoUsers['users'] = [];
  const roles: DemoUsers['roles'] = [];
  for (const spec of demoAccountSpecs) {
    const hash = passwordHashes.get(spec.username);
    if (!hash) throw new Error(`缺少演示账号 ${spec.username} 的密码哈希`);
    const id = random.uuid();
    users.push({ id, username: spec.username, display_name: spec.displayName, home_unit_code: spec.homeUnitCode, password_hash: hash });
    for (const a of spec.assignments) roles.push({ user_id: id, unit_code: a.unitCode, role: a.role });
  }
  return { users, roles };
}
