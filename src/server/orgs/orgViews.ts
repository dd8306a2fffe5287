// 组织机构 read views: the caller's unit and the units below it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { loadUnitFor, type UnitRow } from './policy.ts';

export interface OrgUnitView {
  code: string;
  name: string;
  shortName: string;
  kind: UnitRow['kind'];
  parentCode: string | null;
  path: string;
  regionCode: string;
  deptType: string | null;
}

export function presentUnit(u: Pick<UnitRow, 'code' | 'name' | 'short_name' | 'kind' | 'parent_code' | 'path' | 'region_code' | 'dept_type'>): OrgUnitView {
  return {
    code: u.code,
    name: u.name,
    shortName: u.short_name,
    kind: u.kind,
    parentCode: u.parent_code,
    path: u.path,
    regionCode: u.region_code,
    deptType: u.dept_type,
  };
}

export async function listUnits(db: Kysely<DB>, caller: Caller): Promise<{ items: OrgUnitView[] }> {
  const rows = await db.selectFrom('org_unit').selectAll().where('code', 'in', caller.scope.unitCodes).orderBy('sort_order').orderBy('name').execute();
  return { items: rows.map(presentUnit) };
}

export async function getUnit(db: Kysely<DB>, caller: Caller, code: string): Promise<OrgUnitView> {
  return presentUnit(await loadUnitFor(db, caller, code, 'read'));
}
