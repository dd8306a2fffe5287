// Who may see whose indicators: a unit sees itself and every unit below it (a county its 股室 and
// 所, a city its counties, the province every city); a sibling or a parent is out of reach, with
// the one NOT_FOUND that names nobody.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { outOfReach } from '../access/reach.ts';

export interface IndicatorUnit {
  code: string;
  name: string;
  kind: string;
  path: string;
}

export type IndicatorAccess = 'read' | 'act';

/** The unit, when the caller's scope covers it (locked for a change of its targets). */
export async function loadIndicatorUnitFor(
  db: Kysely<DB> | Transaction<DB>,
  caller: Caller,
  unitCode: string,
  access: IndicatorAccess,
): Promise<IndicatorUnit> {
  const row = await db
    .selectFrom('org_unit')
    .select(['code', 'name', 'kind', 'path'])
    .where('code', '=', unitCode)
    .where('code', 'in', caller.scope.unitCodes)
    .$if(access === 'act', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw outOfReach('单位');
  return row;
}
