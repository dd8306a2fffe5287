// Who may do what to the 检查方案 of a joint task:
// - read: every unit that reaches the task (tasks/policy.ts: the plan's units, the units that draw
//   or inspect it, the departments it names);
// - draft (write or edit): the task's 发起部门, the unit that draws it (its reach says canDraw);
// - agree (确认): a 配合部门 of the task (a department it names, or the plan's unit when a member
//   department initiates), as its admin or planner.
// Anything outside the task's reach gets the one NOT_FOUND answer, with no names.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { SchemeDepartment } from '../../core/jointSchemes/index.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { loadTaskFor, type TaskInReach } from '../tasks/policy.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type SchemeAccess = 'read' | 'draft' | 'agree';

export interface SchemeTask {
  task: TaskInReach;
  /** The 配合部门: each has a part in the scheme and agrees to it. */
  departments: SchemeDepartment[];
  initiatingName: string;
}

/** The departments a joint task names, with their names, in the task's order. */
export async function departmentsOf(db: Db, codes: readonly string[]): Promise<SchemeDepartment[]> {
  if (codes.length === 0) return [];
  const rows = await db
    .selectFrom('org_unit')
    .select(['code', 'name'])
    .where('code', 'in', [...codes])
    .execute();
  const names = new Map(rows.map((r) => [r.code, r.name]));
  return codes.map((code) => ({ code, name: names.get(code) ?? code }));
}

/** The joint task as the caller may use its scheme; NOT_FOUND out of reach, a Chinese refusal otherwise. */
export async function loadSchemeTaskFor(db: Kysely<DB>, caller: Caller, taskCode: string, access: SchemeAccess): Promise<SchemeTask> {
  const task = await loadTaskFor(db, caller, taskCode);
  if (task.participants.length === 0) {
    throw new AppError('UNPROCESSABLE', `任务 ${task.code} 不是部门联合任务，没有检查方案。`);
  }
  if (access === 'draft' && !task.reach.canDraw) {
    throw new AppError('FORBIDDEN_UNIT', '检查方案由发起部门（抽取本任务的单位）制定：本单位只能查看或确认。');
  }
  if (access === 'agree') {
    if (!task.cooperatingUnits.includes(caller.scope.unitCode)) {
      throw new AppError('FORBIDDEN_UNIT', '只有本任务的配合部门才能确认检查方案：请切换到该部门后再确认。');
    }
    if (caller.role !== 'admin' && caller.role !== 'planner') {
      throw new AppError('FORBIDDEN_ROLE', '检查方案须由部门的系统管理员或计划管理员确认。');
    }
  }
  const [initiating] = await departmentsOf(db, [task.initiatingUnitCode]);
  return { task, departments: await departmentsOf(db, task.cooperatingUnits), initiatingName: initiating!.name };
}
