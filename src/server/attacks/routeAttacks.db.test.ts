// The standing attack suite, part one: every route of the table under hostile requests — odd
// text in every string of a schema-shaped body, in every query value and path parameter,
// malformed JSON, wrong media types, requests from another site. Whatever the answer, it is
// never a server error, and a cross-site state change is refused before it is read.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import type { AnyRoute } from '../http/route.ts';
import { ApiClient } from '../../testing/apiClient.ts';
import { gpAccount, roleFor, routeKey as key, routes, sessionEnders } from './routeCallers.ts';
import { clientPerRole, demoAppPerSuite } from '../../testing/demoApp.ts';
import { oddTexts, oddUrlValues, sampleOf } from './requestCorpus.ts';

function fill(path: string, value: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, () => value);
}

const databases = await openTestDatabases();

describe.each(databases.map((d) => [d.name, d] as const))('hostile requests on %s', (_name, testDb: TestDatabase) => {
  const demo = demoAppPerSuite(testDb);
  const clients = clientPerRole((role) => demo.as(gpAccount[role]));
  const failures: string[] = [];

  const clientFor = (route: AnyRoute) => {
    const role = roleFor(route);
    return role ? clients.get(role)! : new ApiClient(demo.app());
  };

  async function expectNoServerError(what: string, answer: Promise<{ status: number; body: unknown }>) {
    const response = await answer;
    if (response.status >= 500) failures.push(`${what} → ${response.status} ${JSON.stringify(response.body).slice(0, 200)}`);
  }

  it('never answers a server error to odd text in bodies, queries and paths', async () => {
    failures.length = 0;
    for (const route of routes) {
      if (sessionEnders.has(key(route)) || route.upload) continue;
      const client = clientFor(route);
      const method = route.method.toUpperCase();
      const hasBody = route.method !== 'get' && route.method !== 'delete';
      const samplePath = fill(route.path, '00000000-0000-4000-8000-000000000000');
      for (const text of oddTexts) {
        if (hasBody && route.body) {
          const body = sampleOf(route.body as z.core.$ZodType, text);
          await expectNoServerError(`${key(route)} body ${JSON.stringify(text.slice(0, 12))}`, client.request(method, samplePath, body));
        }
      }
      for (const value of oddUrlValues) {
        if (route.path.includes(':')) {
          await expectNoServerError(`${key(route)} path ${value.slice(0, 12)}`, client.request(method, fill(route.path, value), hasBody ? {} : undefined));
        }
        if (route.query) {
          const shape = ((route.query as z.core.$ZodType)._zod.def as unknown as { shape?: Record<string, unknown> }).shape ?? {};
          for (const name of Object.keys(shape)) {
            await expectNoServerError(
              `${key(route)} query ${name}=${value.slice(0, 12)}`,
              client.request(method, `${samplePath}?${name}=${value}`, hasBody ? {} : undefined),
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses malformed JSON and wrong media types with a 4xx, never a server error', async () => {
    failures.length = 0;
    for (const route of routes) {
      if (route.method === 'get' || route.method === 'delete' || sessionEnders.has(key(route))) continue;
      const client = clientFor(route);
      const path = fill(route.path, '00000000-0000-4000-8000-000000000000');
      const method = route.method.toUpperCase();
      for (const [body, type] of [
        ['{"a": ', 'application/json'],
        ['[]', 'application/json'],
        ['null', 'application/json'],
        ['"x"', 'application/json'],
        ['[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]', 'application/json'],
        ['{"a":1}', 'text/plain; application/json'],
        ['{"a":1}', 'application/x-www-form-urlencoded'],
        ['\uFFFE\u0000', 'application/json'],
      ] as const) {
        const response = await client.request(method, path, body, { 'content-type': type });
        if (response.status >= 500) failures.push(`${key(route)} ${type} ${JSON.stringify(body).slice(0, 20)} → ${response.status}`);
        if (!route.upload && type !== 'application/json' && response.status < 400) failures.push(`${key(route)} accepted ${type}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses every state change sent from another site, before reading it', async () => {
    const admin = clients.get('admin')!;
    for (const route of routes) {
      if (route.method === 'get') continue;
      const path = fill(route.path, '00000000-0000-4000-8000-000000000000');
      for (const headers of [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }] as Record<string, string>[]) {
        const response = await admin.request(route.method.toUpperCase(), path, {}, headers);
        expect(response.status, `${key(route)} ${JSON.stringify(headers)}`).toBe(403);
        expect(response.body.code).toBe('FORBIDDEN_ORIGIN');
      }
    }
  });
});
