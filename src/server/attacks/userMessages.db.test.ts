// Every refusal a person may read is Chinese: invalid input sent to every route of the table —
// an empty body, empty strings, wrong types, odd values in every query parameter and in the path —
// and each answer's message is checked for English words, field paths (items.0.x) and error codes
// (userTextProblems). A message may echo what was sent, so the invalid text sent is not English.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { z } from 'zod';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { roles, type Role } from '../../core/glossary.ts';
import type { AnyRoute } from '../http/route.ts';
import { ApiClient } from '../../testing/apiClient.ts';
import { gpAccount, roleFor, routeKey as key, routes, sessionEnders } from './routeCallers.ts';
import { loginAs, startDemoApp } from '../../testing/demoApp.ts';
import { userTextProblems } from '../../testing/userText.ts';
import { sampleOf } from './requestCorpus.ts';

/** The same value with every leaf replaced (strings, numbers, booleans). */
function mapLeaves(value: unknown, leaf: (v: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => mapLeaves(v, leaf));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, leaf)]));
  return leaf(value);
}

function queryKeys(route: AnyRoute): string[] {
  if (!route.query) return [];
  return Object.keys(((route.query as z.core.$ZodType)._zod.def as unknown as { shape?: Record<string, unknown> }).shape ?? {});
}

const fill = (path: string, value: string) => path.replace(/:([A-Za-z0-9_]+)/g, () => value);
const UUID = '00000000-0000-4000-8000-000000000000';

const databases = await openTestDatabases();

describe.each(databases.map((d) => [d.name, d] as const))('messages a person reads, on %s', (_name, testDb: TestDatabase) => {
  let app: Hono;
  const clients = new Map<Role, ApiClient>();

  beforeAll(async () => {
    app = await startDemoApp(testDb);
    for (const role of roles) clients.set(role, await loginAs(app, gpAccount[role]));
  });
  afterAll(() => testDb.dispose());

  it('no refusal of invalid input says English, a field path or an error code', async () => {
    const found = new Map<string, string>();
    const check = async (route: AnyRoute, what: string, method: string, path: string, body?: unknown) => {
      const role = roleFor(route);
      const client = role ? clients.get(role)! : new ApiClient(app);
      const response = await client.request(method, path, body);
      if (response.status < 400) return;
      const message = (response.body as { message?: unknown } | null)?.message;
      const problems = typeof message === 'string' ? userTextProblems(message) : ['没有 message'];
      if (problems.length && !found.has(`${key(route)} ${problems.join('')}`))
        found.set(
          `${key(route)} ${problems.join('')}`,
          `${key(route)} ${what} → ${response.status} ${problems.join('，')}：${String(message)}`,
        );
    };
    for (const route of routes) {
      if (sessionEnders.has(key(route))) continue;
      const method = route.method.toUpperCase();
      const hasBody = route.method !== 'get' && route.method !== 'delete';
      const path = fill(route.path, UUID);
      if (hasBody && route.body && !route.upload) {
        const schema = route.body as z.core.$ZodType;
        await check(route, 'body {}', method, path, {});
        await check(
          route,
          'body empty strings',
          method,
          path,
          mapLeaves(sampleOf(schema, ''), (v) => (typeof v === 'string' ? '' : v)),
        );
        await check(route, 'body 无效', method, path, sampleOf(schema, '无效'));
        await check(
          route,
          'body wrong types',
          method,
          path,
          mapLeaves(sampleOf(schema, '无效'), (v) => (typeof v === 'string' ? 12345 : '无效')),
        );
        await check(
          route,
          'body negative numbers',
          method,
          path,
          mapLeaves(sampleOf(schema, '无效'), (v) => (typeof v === 'number' ? -1 : v)),
        );
      }
      for (const name of queryKeys(route)) {
        for (const value of ['', '%E6%97%A0%E6%95%88', '-1', '12345', '0']) {
          await check(route, `query ${name}=${value}`, method, `${path}?${name}=${value}`, hasBody ? {} : undefined);
        }
      }
      if (route.path.includes(':')) {
        for (const value of ['12345', '%E6%97%A0%E6%95%88', '-1']) {
          await check(route, `path ${value}`, method, fill(route.path, value), hasBody ? {} : undefined);
        }
      }
    }
    expect([...found.values()]).toEqual([]);
  });
});
