// Who may do what to an 其他检查对象 (产品/项目/行为/标准): the unit that keeps it and the units above
// it read and act on it; nobody else learns that it exists.
import { namedUnitRowPolicy, type RowAccess } from '../access/unitRows.ts';

export type ObjectAccess = RowAccess;

/** The object (with the unit's name), locked for an action; NOT_FOUND (no names) outside the caller's units. */
export const loadObjectFor = namedUnitRowPolicy('directory_object', '检查对象');
