// Who may do what to a version of a 随机抽查事项清单:
// - read: the issuing unit and the units above it (drafts included); the units below it read
//   its issued versions (they claim items from them).
// - act (issue the draft): the issuing unit and the units above it; the row is locked.
// Anything else — a sibling's list, a draft of a unit above, a made-up id — gets the one
// NOT_FOUND answer, without the id or any name.
import type { Selectable } from 'kysely';
import type { CheckItemVersionTable } from '../../db/tables/checkItems.ts';
import { outOfReach } from '../access/reach.ts';
import type { RowAccess, RowLoader } from '../access/unitRows.ts';
import type { Caller } from '../http/route.ts';

export type CheckItemVersionRow = Selectable<CheckItemVersionTable>;
export type CheckItemVersionAccess = RowAccess;

/** The version as the caller may read it or act on it (locked); NOT_FOUND for anything else. */
export const loadCheckItemVersionFor: RowLoader<CheckItemVersionRow, Pick<Caller, 'scope'>> = async (db, caller, id, access) => {
  const above = caller.scope.path.split('.');
  const row = await db
    .selectFrom('check_item_version')
    .selectAll()
    .where('id', '=', id)
    .where((eb) =>
      access === 'act'
        ? eb('issuing_unit_code', 'in', caller.scope.unitCodes)
        : eb.or([eb('issuing_unit_code', 'in', caller.scope.unitCodes), eb.and([eb('issuing_unit_code', 'in', above), eb('status', '=', 'issued')])]),
    )
    .$if(access === 'act', (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) throw outOfReach('抽查事项清单版本');
  return row;
};
