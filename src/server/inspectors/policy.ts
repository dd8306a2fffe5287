// Who may do what to a person in the 执法检查人员名录库 and to a 回避声明: the unit that keeps the
// person and the units above it read and act on them — except a member department's people, whom
// only the department keeps (directoryUnits.ts); nobody else learns that they exist.
import type { Selectable } from 'kysely';
import type { InspectorRecusalTable } from '../../db/tables/inspectorDirectory.ts';
import { namedUnitRowPolicy, unitRowPolicy, type RowAccess, type RowLoader } from '../access/unitRows.ts';
import { directoryCaller } from './directoryUnits.ts';
import type { InspectorRow } from './inspectorRecord.ts';

export type DirectoryAccess = RowAccess;
export type RecusalRecord = Selectable<InspectorRecusalTable>;

/** A unit-row loader seen from the directory: a department's people are reached only by the department. */
function directoryLoader<R>(load: RowLoader<R>): RowLoader<R> {
  return async (db, caller, id, access) => load(db, await directoryCaller(db, caller), id, access);
}

/** The person (with the unit's name), locked for an action; NOT_FOUND (no names) outside the caller's units. */
export const loadInspectorFor: RowLoader<InspectorRow> = directoryLoader(namedUnitRowPolicy('inspector', '执法检查人员'));

/** The 回避声明, locked for an action; NOT_FOUND (no names) outside the caller's units. */
export const loadRecusalFor: RowLoader<RecusalRecord> = directoryLoader(unitRowPolicy('inspector_recusal', '回避声明'));
