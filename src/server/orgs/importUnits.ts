// The units an import may name in its 管辖单位/单位 column: the importing unit and every unit
// below it, found by code, full name or short name (the short name only when unambiguous).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../http/errors.ts';

export interface ImportUnit {
  code: string;
  name: string;
  short_name: string;
  region_code: string;
}

export async function loadImportUnits(db: Kysely<DB>, unitCode: string) {
  const owner = await db.selectFrom('org_unit').select(['code', 'name', 'path']).where('code', '=', unitCode).executeTakeFirst();
  if (!owner) throw new AppError('NOT_FOUND', `单位代码 ${unitCode} 不存在，请核对 --unit 参数。`);
  const units = await db
    .selectFrom('org_unit')
    .select(['code', 'name', 'short_name', 'region_code'])
    .where((eb) => eb.or([eb('path', '=', owner.path), eb('path', 'like', `${owner.path}.%`)]))
    .execute();
  const unitByKey = new Map<string, ImportUnit>();
  for (const u of units) {
    unitByKey.set(u.code, u);
    unitByKey.set(u.name, u);
    if (!unitByKey.has(u.short_name)) unitByKey.set(u.short_name, u);
  }
  return { owner, units, unitByKey };
}
