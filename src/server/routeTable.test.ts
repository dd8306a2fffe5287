// The route table is the API's contract: these checks hold for every route, so a new endpoint
// cannot slip in without them.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allRoutes } from './routes.ts';
import type { AnyRoute } from './http/route.ts';
import { defOf, wrappedSchema, type AnySchema } from './http/schemaWalk.ts';


/** Every object property below a schema, with whether it (or a wrapper of it) carries a label. */
function unlabelledFields(schema: AnySchema, path: string, out: string[], labelled = false): void {
  const def = defOf(schema);
  const hasLabel = labelled || z.globalRegistry.get(schema as z.ZodType)?.description !== undefined;
  const inner = wrappedSchema(schema);
  if (inner) return unlabelledFields(inner, path, out, hasLabel);
  switch (def.type) {
    case 'object':
      for (const [key, child] of Object.entries(def.shape as Record<string, AnySchema>)) {
        const childDef = child._zod.def as { type: string; values?: unknown[] };
        // A literal discriminator (action: 'close') is not a field a person fills in.
        if (childDef.type === 'literal') continue;
        unlabelledFields(child, path ? `${path}.${key}` : key, out, false);
      }
      return;
    case 'array':
      if (!hasLabel) out.push(path);
      unlabelledFields(def.element as AnySchema, `${path}[]`, out, true);
      return;
    case 'union':
      for (const option of def.options as AnySchema[]) unlabelledFields(option, path, out, hasLabel);
      return;
    default:
      if (!hasLabel && path !== '' && !path.endsWith('[]')) out.push(path);
  }
}

const key = (r: AnyRoute) => `${r.method.toUpperCase()} ${r.path}`;

describe('the route table', () => {
  it('has one route per method and path', () => {
    const keys = allRoutes.map(key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('declares every path parameter in the params schema of routes that declare their answer', () => {
    const missing: string[] = [];
    for (const route of allRoutes as readonly AnyRoute[]) {
      if (!route.response) continue;
      const names = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
      if (names.length === 0) continue;
      const shape = route.params ? ((route.params as AnySchema)._zod.def as unknown as { shape?: Record<string, unknown> }).shape : undefined;
      for (const name of names) if (!shape || !(name in shape)) missing.push(`${key(route)} :${name}`);
    }
    expect(missing).toEqual([]);
  });

  it('labels every request field in Chinese, so a refusal names the field as the page does', () => {
    const unlabelled: string[] = [];
    for (const route of allRoutes as readonly AnyRoute[]) {
      if (!route.response) continue;
      for (const [where, schema] of [
        ['params', route.params],
        ['query', route.query],
        ['body', route.body],
      ] as const) {
        if (!schema) continue;
        const fields: string[] = [];
        unlabelledFields(schema as AnySchema, '', fields);
        unlabelled.push(...fields.map((f) => `${key(route)} ${where}.${f}`));
      }
    }
    expect(unlabelled).toEqual([]);
  });
});
