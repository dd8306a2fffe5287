// Who may do what to a person in the 执法检查人员名录库 and to a 回避声明: the unit that keeps the
// person and the units above it read and act on them; nobody else learns that they exist.
import type { Selectable } from 'kysely';
import type { InspectorRecusalTable } from '../../db/tables/inspectorDirectory.ts';
import { namedUnitRowPolicy, unitRowPolicy, type RowAccess } from '../access/unitRows.ts';

export type DirectoryAccess = RowAccess;
export type RecusalRecord = Selectable<InspectorRecusalTable>;

/** The person (with the unit's name), locked for an action; NOT_FOUND (no names) outside the caller's units. */
export const loadInspectorFor = namedUnitRowPolicy('inspector', '执法检查人员');

/** The 回避声明, locked for an action; NOT_FOUND (no names) outside the caller's units. */
export const loadRecusalFor = unitRowPolicy('inspector_recusal', '回避声明');
