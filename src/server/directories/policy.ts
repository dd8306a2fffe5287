// Who may do what to a 市场主体 of the 检查对象名录库: the unit that has it in its charge and the
// units above it read it, mark it (个性化标注) and correct its risk class; nobody else learns that
// it exists — a code outside the caller's units answers as a code that does not exist.
import type { Selectable } from 'kysely';
import type { MarketEntityTable } from '../../db/schema.ts';
import { outOfReach } from '../access/reach.ts';
import type { RowAccess, RowLoader } from '../access/unitRows.ts';
import type { Caller } from '../http/route.ts';

export type EntityRow = Selectable<MarketEntityTable>;
export type EntityAccess = RowAccess;

/**
 * The entity with this code in the caller's units (a code may recur across regions: the first
 * region's), locked for an action; NOT_FOUND (no names) for anything else.
 */
export const loadEntityFor: RowLoader<EntityRow, Pick<Caller, 'scope'>> = async (db, caller, uscc, access) => {
  const found = await db
    .selectFrom('market_entity')
    .selectAll()
    .where('uscc', '=', uscc.toUpperCase())
    .where('unit_code', 'in', caller.scope.unitCodes)
    .orderBy('region_code')
    .limit(1)
    .executeTakeFirst();
  const row =
    found && access === 'act'
      ? // Locked by its whole key: on Citus a lock must name one shard.
        await db
          .selectFrom('market_entity')
          .selectAll()
          .where('region_code', '=', found.region_code)
          .where('uscc', '=', found.uscc)
          .where('unit_code', 'in', caller.scope.unitCodes)
          .forUpdate()
          .executeTakeFirst()
      : found;
  if (!row) throw outOfReach('市场主体');
  return row;
};
