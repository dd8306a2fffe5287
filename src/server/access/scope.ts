// Org-tree scoping on the server: the active unit sees itself and its descendants.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { unitPathCovers } from '../../core/access/policy.ts';

export interface UnitScope {
  unitCode: string;
  unitName: string;
  path: string;
  /** Every unit code the active unit may see (itself and all below). */
  unitCodes: string[];
}

export async function loadScope(db: Kysely<DB>, unitCode: string): Promise<UnitScope> {
  // One round trip per request: the unit joined with itself and every unit below it.
  const rows = await db
    .selectFrom('org_unit as me')
    .innerJoin('org_unit as u', (join) => join.on(sql<boolean>`u.path = me.path OR u.path LIKE me.path || '.%'`))
    .select(['me.name as unit_name', 'me.path as unit_path', 'u.code'])
    .where('me.code', '=', unitCode)
    .execute();
  const first = rows[0];
  if (!first) throw new AppError('NOT_FOUND', `单位 ${unitCode} 不存在`);
  return { unitCode, unitName: first.unit_name, path: first.unit_path, unitCodes: rows.map((r) => r.code) };
}

/** Throws FORBIDDEN_UNIT unless the scope covers the unit. */
export async function assertUnitInScope(db: Kysely<DB>, scope: UnitScope, unitCode: string): Promise<void> {
  if (scope.unitCodes.includes(unitCode)) return;
  const target = await db.selectFrom('org_unit').select(['code', 'path']).where('code', '=', unitCode).executeTakeFirst();
  if (!target) throw new AppError('NOT_FOUND', `单位代码 ${unitCode} 不存在，请核对后重试`, { unitCode });
  if (!unitPathCovers(scope.path, target.path)) {
    throw new AppError(
      'FORBIDDEN_UNIT',
      `您当前所在单位（${scope.unitName}）无权访问单位 ${unitCode} 的数据。只能访问本单位及下级单位的数据；如需跨单位协作，请由共同的上级单位办理。`,
      { unitCode },
    );
  }
}
