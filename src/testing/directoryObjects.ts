// 其他检查对象 for a test, made through the API as the given client: one object per code, each
// named by its position, all in one region and tagged with one tag (what a 名录分库 rule selects).
import { expect } from 'vitest';
import type { ApiClient } from './apiClient.ts';
import type { ObjectKind } from '../core/glossary.ts';

export async function addObjects(
  client: ApiClient,
  objects: { kind: ObjectKind; codes: readonly string[]; name: (i: number) => string; tag?: string; regionCode: string },
): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  for (const [i, code] of objects.codes.entries()) {
    const made = await client.post('/api/directory-objects', {
      kind: objects.kind,
      code,
      name: objects.name(i + 1),
      regionCode: objects.regionCode,
      ...(objects.tag ? { tags: [objects.tag] } : {}),
    });
    expect(made.status, JSON.stringify(made.body)).toBe(200);
    ids[code] = made.body.id;
  }
  return ids;
}
