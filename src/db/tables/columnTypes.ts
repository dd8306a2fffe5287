// Column types the table files share: how DATE and JSON columns are read and written.
import type { ColumnType } from 'kysely';

/** A DATE column: 'YYYY-MM-DD' text both ways (both engines hand DATE over as text). */
export type DateString = ColumnType<string, string, string>;
/** A DATE column that may be empty. */
export type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;
/** A JSON column: read as the value, written as its JSON text. */
export type Json<T> = ColumnType<T, string, string>;
/** A JSON column that may be empty. */
export type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;
