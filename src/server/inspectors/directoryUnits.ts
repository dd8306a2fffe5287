// Whose 执法检查人员名录库 a unit keeps. A member department of joint inspections (org unit kind
// 'department', e.g. 原平市统计局 under 原平市市场监督管理局 in the org tree) keeps its own
// directory: the bureau above it neither reads nor edits the department's people, and the
// bureau's matching pool does not count them. The department's own login keeps them as any unit.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { UnitScope } from '../access/scope.ts';
import type { Caller } from '../http/route.ts';

/** The units of the scope whose people the scope's unit keeps: its units less the member departments below it. */
export async function directoryUnitsOf(db: Kysely<DB> | Transaction<DB>, scope: UnitScope): Promise<string[]> {
  const departments = await db
    .selectFrom('org_unit')
    .select('code')
    .where('code', 'in', scope.unitCodes)
    .where('kind', '=', 'department')
    .where('code', '<>', scope.unitCode)
    .execute();
  if (departments.length === 0) return scope.unitCodes;
  const others = new Set(departments.map((d) => d.code));
  return scope.unitCodes.filter((code) => !others.has(code));
}

/** The caller with its scope narrowed to the directories its unit keeps (for the directory's policy and lists). */
export async function directoryCaller(db: Kysely<DB> | Transaction<DB>, caller: Caller): Promise<Caller> {
  const unitCodes = await directoryUnitsOf(db, caller.scope);
  return unitCodes === caller.scope.unitCodes ? caller : { ...caller, scope: { ...caller.scope, unitCodes } };
}
