// One row read by its whole key. Most tables are keyed by the owning unit's code and something
// more (an id, a year, an indicator); naming the whole key lets Citus read it from one shard.
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from './schema.ts';

type Row<T extends keyof DB> = Selectable<DB[T]>;

/** These columns of the row with this key (every key column with its value), or undefined when there is none. */
export async function keyedRow<T extends keyof DB & string, C extends keyof Row<T> & string>(
  db: Kysely<DB> | Transaction<DB>,
  table: T,
  key: Partial<Row<T>>,
  columns: readonly C[],
): Promise<Pick<Row<T>, C> | undefined> {
  // Kysely cannot follow a table name that is a type parameter: the query is typed as one table.
  let query = (db as unknown as Kysely<Pick<DB, 'inspector'>>).selectFrom(table as 'inspector').select(columns as unknown as 'id'[]);
  for (const [column, value] of Object.entries(key)) query = query.where(column as 'id', '=', value as string);
  return (await query.executeTakeFirst()) as Pick<Row<T>, C> | undefined;
}

/** Like keyedRow, for a row that must exist (a missing one is a server fault). */
export async function keyedRowOrThrow<T extends keyof DB & string, C extends keyof Row<T> & string>(
  db: Kysely<DB> | Transaction<DB>,
  table: T,
  key: Partial<Row<T>>,
  columns: readonly C[],
): Promise<Pick<Row<T>, C>> {
  const row = await keyedRow(db, table, key, columns);
  if (!row) throw new Error(`no ${table} row with this key`);
  return row;
}
