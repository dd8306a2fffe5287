// Who may do what to a 名录分库: a unit uses the sub-libraries defined by itself, by the units
// below it and by the units above it (a city's 全市加油站 serves its counties); the defining unit
// and the units above it change or delete one. Anybody else — a sibling county — learns nothing:
// the same 404 as for an id that names nothing.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { normalizeRule, type SubLibraryRule, type SubLibraryRuleInput } from '../../core/subLibraries/rule.ts';
import { outOfReach } from '../access/reach.ts';
import type { UnitScope } from '../access/scope.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';

/** read: look and count; link: 事项 → 对象 (the row is locked, so a delete waits); edit: change or delete. */
export type SubLibraryAccess = 'read' | 'link' | 'edit';

type Db = Kysely<DB> | Transaction<DB>;

/** Owners whose sub-libraries the scope may use: its own units and the units above it. */
export function visibleOwnerCodes(scope: UnitScope): string[] {
  return [...new Set([...scope.unitCodes, ...scope.path.split('.')])];
}

export interface StoredSubLibrary {
  id: string;
  unitCode: string;
  /** The defining unit's name. */
  unitName: string;
  name: string;
  description: string;
  rule: SubLibraryRule;
  updatedAt: Date;
}

/** The sub-libraries the scope may use (sub_library as s, with its unit as o), and how to read a row of them. */
export function usableSubLibraries(db: Db, scope: UnitScope) {
  return db
    .selectFrom('sub_library as s')
    .innerJoin('org_unit as o', 'o.code', 's.unit_code')
    .select(['s.id', 's.unit_code', 'o.name as unit_name', 's.name', 's.description', 's.rule', 's.updated_at'])
    .where('s.unit_code', 'in', visibleOwnerCodes(scope));
}

type UsableRow = Awaited<ReturnType<ReturnType<typeof usableSubLibraries>['executeTakeFirstOrThrow']>>;

export function storedSubLibrary(row: UsableRow): StoredSubLibrary {
  return {
    id: row.id,
    unitCode: row.unit_code,
    unitName: row.unit_name,
    name: row.name,
    description: row.description,
    rule: normalizeRule(row.rule as SubLibraryRuleInput),
    updatedAt: row.updated_at,
  };
}

/**
 * A sub-library the scope may use, or the out-of-reach 404 (also when it belongs to another
 * branch). For reads in a unit's scope other than the caller's (a plan's unit, a draw's).
 */
export async function loadSubLibraryInScope(db: Db, scope: UnitScope, id: string): Promise<StoredSubLibrary> {
  const row = await usableSubLibraries(db, scope).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw outOfReach('名录分库');
  return storedSubLibrary(row);
}

/**
 * The sub-library as the caller may reach it; for `link` and `edit` locked (by its whole key) and
 * read again under the lock. `edit` is refused (403) for a sub-library a unit above defined: the
 * caller sees it in the list, so naming its defining unit tells nothing new.
 */
export async function loadSubLibraryFor(db: Db, caller: Caller, id: string, access: SubLibraryAccess): Promise<StoredSubLibrary> {
  const found = await loadSubLibraryInScope(db, caller.scope, id);
  if (access === 'read') return found;
  if (access === 'edit' && !caller.scope.unitCodes.includes(found.unitCode)) {
    throw new AppError(
      'FORBIDDEN_UNIT',
      `名录分库“${found.name}”由上级单位（${found.unitName}）定义，本单位只能使用，不能修改或删除；如需调整，请联系${found.unitName}。`,
      null,
    );
  }
  const locked = await db
    .selectFrom('sub_library')
    .select(['name', 'description', 'rule', 'updated_at'])
    .where('unit_code', '=', found.unitCode)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!locked) throw outOfReach('名录分库');
  return {
    ...found,
    name: locked.name,
    description: locked.description,
    rule: normalizeRule(locked.rule as SubLibraryRuleInput),
    updatedAt: locked.updated_at,
  };
}

/** A rule may name only the caller's units (and units below them) in its 管辖单位 condition. */
export function assertRuleWithinReach(rule: SubLibraryRule, caller: Caller): void {
  const outside = rule.unitCodes.filter((c) => !caller.scope.unitCodes.includes(c));
  if (outside.length > 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      `规则的“管辖单位”条件中 ${outside.join('、')} 不是您当前所在单位（${caller.scope.unitName}）或其下级单位，请删除后重试。`,
      { issues: [{ field: 'rule.unitCodes', message: `不在本单位范围内：${outside.join('、')}` }] },
    );
  }
}
