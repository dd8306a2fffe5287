// Who may see whose indicators: a unit sees itself and every unit below it (a county its 股室 and
// 所, a city its counties, the province every city); a sibling or a parent is out of reach, with
// the one NOT_FOUND that names nobody.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { loadUnitFor } from '../orgs/policy.ts';

export interface IndicatorUnit {
  code: string;
  name: string;
  kind: string;
  path: string;
}

export type IndicatorAccess = 'read' | 'act';

/** The unit, when the caller's scope covers it (locked for a change of its targets): the org tree's own rule. */
export async function loadIndicatorUnitFor(
  db: Kysely<DB> | Transaction<DB>,
  caller: Caller,
  unitCode: string,
  access: IndicatorAccess,
): Promise<IndicatorUnit> {
  const { code, name, kind, path } = await loadUnitFor(db, caller, unitCode, access);
  return { code, name, kind, path };
}
