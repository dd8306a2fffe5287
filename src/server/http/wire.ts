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
