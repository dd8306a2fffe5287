// Walking a zod schema's definition: the pieces the route-wide code needs (field labels for
// messages, sample requests, the route-table checks) to see through wrappers alike.
import type { z } from 'zod';

export type AnySchema = z.core.$ZodType;
export type SchemaDef = Record<string, unknown> & { type: string };

export function defOf(schema: AnySchema): SchemaDef {
  return schema._zod.def as unknown as SchemaDef;
}

/**
 * The schema one wrapper down: the inner schema of optional, nullable, default, prefault,
 * readonly, catch and nonoptional; the input side of a pipe; a lazy schema's target. Undefined
 * for a schema that wraps nothing.
 */
export function wrappedSchema(schema: AnySchema): AnySchema | undefined {
  const def = defOf(schema);
  if (def.type === 'pipe') return def.in as AnySchema;
  if (def.type === 'lazy') return (def.getter as () => AnySchema)();
  return def.innerType as AnySchema | undefined;
}
