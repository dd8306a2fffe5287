// A directory row written together with its audit row, in the caller's transaction: a new row
// with the values it was created with, a changed row with only the fields that changed (before
// and after). The forms and the row imports of the 执法检查人员 and 其他检查对象 directories all
// write through here, so a change looks the same in the log whichever way it came in; so does
// taking up a 停止公示 application.
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { UnitRowTable } from '../access/unitRows.ts';
import { nowOf } from '../clock.ts';
import type { Caller } from '../http/route.ts';
import { actorOf, recordAudit, type AuditEntry } from './recordAudit.ts';

/** Tables keyed by (unit_code, id): a write names the whole key (on Citus a write must name one shard). */
export type UnitKeyedTable = UnitRowTable | 'publication_request';

/** Who writes: the unit whose audit chain gets the row, the acting person, and when (the wall clock when left out). */
export type AuditAuthor = Pick<AuditEntry, 'unitCode' | 'actorUserId' | 'actorName' | 'at'>;

/** The caller as the author of an audit row, in its active unit's chain, at the caller's instant. */
export function authorOf(caller: Pick<Caller, 'userId' | 'displayName' | 'scope' | 'now'>): AuditAuthor {
  return { unitCode: caller.scope.unitCode, ...actorOf(caller), at: nowOf(caller) };
}

/** The fields a form or an imported row changes, and their values before and after, for the audit entry. */
export interface FieldChange {
  changed: string[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** Compares two flat records field by field (by value); the audit entry keeps only what changed. */
export function fieldChange<T extends Record<string, unknown>>(before: T, after: T): FieldChange {
  const changed = Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  return {
    changed,
    before: Object.fromEntries(changed.map((k) => [k, before[k]])),
    after: Object.fromEntries(changed.map((k) => [k, after[k]])),
  };
}

// Kysely cannot follow a table name that is a type parameter; the public signatures keep the
// column types of the named table, the query itself is built against one of them.
const untyped = (trx: Transaction<DB> | Kysely<DB>) => trx as unknown as Kysely<Pick<DB, 'inspector'>>;

/** Inserts a row and its `<action>` audit row (after: the row's values unless told otherwise); returns the new id. */
export async function insertAudited<T extends UnitKeyedTable>(
  trx: Transaction<DB> | Kysely<DB>,
  author: AuditAuthor,
  write: { table: T; values: Insertable<DB[T]>; action: string; after?: unknown; note?: string },
): Promise<string> {
  const inserted = await untyped(trx)
    .insertInto(write.table as 'inspector')
    .values(write.values as Insertable<DB['inspector']>)
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    ...author,
    action: write.action,
    objectType: write.table,
    objectId: inserted.id,
    after: write.after ?? write.values,
    note: write.note,
  });
  return inserted.id;
}

/**
 * Updates one row by its whole key and writes the `<action>` audit row with the values before
 * and after. `change` is what the audit row keeps (from `fieldChange`, or a status before and
 * after); the caller decides beforehand whether anything changed at all.
 */
export async function updateAudited<T extends UnitKeyedTable>(
  trx: Transaction<DB> | Kysely<DB>,
  author: AuditAuthor,
  write: {
    table: T;
    row: { unit_code: string; id: string };
    set: Updateable<DB[T]>;
    action: string;
    change: { before?: unknown; after: unknown };
    note?: string | undefined;
  },
): Promise<void> {
  const { unit_code: unitCode, ...set } = write.set as Updateable<DB['inspector']>;
  if (unitCode !== undefined && unitCode !== write.row.unit_code) {
    await moveToUnit(trx, write.table, write.row, String(unitCode), set);
  } else if (Object.keys(set).length > 0) {
    // The owning unit is the distribution column on Citus: an UPDATE never names it, even unchanged.
    await untyped(trx)
      .updateTable(write.table as 'inspector')
      .set(set)
      .where('unit_code', '=', write.row.unit_code)
      .where('id', '=', write.row.id)
      .execute();
  }
  await recordAudit(trx, {
    ...author,
    action: write.action,
    objectType: write.table,
    objectId: write.row.id,
    before: write.change.before,
    after: write.change.after,
    note: write.note,
  });
}

/** Rows that refer to a row of these tables by (unit_code, <column>): they move with it. */
const rowsReferring: Partial<Record<UnitKeyedTable, { table: UnitKeyedTable; column: 'inspector_id' }[]>> = {
  inspector: [{ table: 'inspector_recusal', column: 'inspector_id' }],
};

/**
 * Gives a row another owning unit. The owning unit is part of the key (and the distribution
 * column on Citus, where no UPDATE may change it), so the row and the rows referring to it are
 * deleted and written again under the new unit, with the same ids, in the caller's transaction.
 */
async function moveToUnit(
  trx: Transaction<DB> | Kysely<DB>,
  table: UnitKeyedTable,
  row: { unit_code: string; id: string },
  unitCode: string,
  set: Record<string, unknown>,
): Promise<void> {
  const q = trx as unknown as Kysely<Pick<DB, 'inspector' | 'inspector_recusal'>>;
  const current = await q
    .selectFrom(table as 'inspector')
    .selectAll()
    .where('unit_code', '=', row.unit_code)
    .where('id', '=', row.id)
    .executeTakeFirstOrThrow();
  const children = [];
  for (const child of rowsReferring[table] ?? []) {
    const rows = await q
      .selectFrom(child.table as 'inspector_recusal')
      .selectAll()
      .where('unit_code', '=', row.unit_code)
      .where(child.column, '=', row.id)
      .execute();
    await q
      .deleteFrom(child.table as 'inspector_recusal')
      .where('unit_code', '=', row.unit_code)
      .where(child.column, '=', row.id)
      .execute();
    children.push({ table: child.table, rows });
  }
  await q
    .deleteFrom(table as 'inspector')
    .where('unit_code', '=', row.unit_code)
    .where('id', '=', row.id)
    .execute();
  await q
    .insertInto(table as 'inspector')
    .values({ ...current, ...set, unit_code: unitCode } as Insertable<DB['inspector']>)
    .execute();
  for (const child of children) {
    if (child.rows.length === 0) continue;
    await q
      .insertInto(child.table as 'inspector_recusal')
      .values(child.rows.map((r) => ({ ...r, unit_code: unitCode })) as Insertable<DB['inspector_recusal']>[])
      .execute();
  }
}
