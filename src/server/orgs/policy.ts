// Who may see or act on a unit of the org tree: the active unit and every unit below it. A unit
// elsewhere in the tree — a sibling, a parent, a code that does not exist — gets the one answer
// for anything out of reach, naming no unit.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, OrgUnitTable } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { outOfReach } from '../access/reach.ts';
import { loadOwnedRowFor } from '../access/unitRows.ts';

export type UnitRow = Selectable<OrgUnitTable>;
export type UnitAccess = 'read' | 'act';

/** The unit, locked for 'act' (a child is being added under it); NOT_FOUND for anything outside the caller's units. */
export async function loadUnitFor(db: Kysely<DB> | Transaction<DB>, caller: Caller, code: string, access: UnitAccess): Promise<UnitRow> {
  return loadOwnedRowFor(db, caller, { table: 'org_unit', key: 'code', unitColumn: 'code', id: code, what: '单位' }, access);
}

/** Every unit code must lie in the caller's units (a user's home unit, the units of its roles). */
export function assertUnitsInReach(caller: Caller, codes: readonly string[]): void {
  for (const code of codes) if (!caller.scope.unitCodes.includes(code)) throw outOfReach('单位');
}
