// Building blocks of response schemas (what an answer looks like on the wire).
import { z } from 'zod';

/**
 * A moment (timestamptz) as ISO-8601 text. Use cases may hand over the Date the database gave;
 * the client receives the text.
 */
export const instant = z.union([z.date(), z.string()]).transform((v) => (typeof v === 'string' ? v : v.toISOString()));

/** A calendar day 'YYYY-MM-DD' (DATE columns arrive as text from both engines). */
export const day = z.string();

/**
 * A value whose shape is a type of the core (a result record, a ledger item, a draw bundle):
 * passed through as the core built it, typed for the client by that same type.
 */
export function coreValue<T>() {
  return z.custom<T>(() => true);
}

/** A paged list answer. */
export function paged<S extends z.ZodType>(item: S) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}

/** One of the codes of a glossary label map (resultCategoryLabel, ledgerStatusLabel …). */
export function codeOf<K extends string>(labels: Record<K, string>) {
  return z.enum(Object.keys(labels) as [K, ...K[]]);
}

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;
/** A database row with its columns named as on the wire: `unit_name` → `unitName`. */
export type CamelRow<R> = { [K in keyof R as K extends string ? CamelCase<K> : K]: R[K] };

/**
 * A row's columns under their wire names (`risk_class_since` → `riskClassSince`), values as they
 * are: for lists whose answer is the selected columns themselves. A column answered under another
 * name is selected under that name (`'c.review_reason as reason'`).
 */
export function camelRow<R extends object>(row: R): CamelRow<R> {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => [column.replace(/_([a-z0-9])/g, (_, next: string) => next.toUpperCase()), value]),
  ) as CamelRow<R>;
}

/** The unit a row belongs to, by code and name, as the lists show it (spread into an object schema). */
export const unitFields = { unitCode: z.string(), unitName: z.string() };
