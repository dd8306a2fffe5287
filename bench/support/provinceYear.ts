// The province-year the indicators and Citus benches generate (src/testing/indicatorYear.ts):
// Shanxi's 11 cities and their counties (117), `scale` × 4,000,000 entities, with tasks, draws,
// visits, results and follow-up items in proportion; and a 领导 of a unit to ask as.
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { loadScope } from '../../src/server/access/scope.ts';
import type { Caller } from '../../src/server/http/route.ts';
import { generateIndicatorYear, type GeneratedYear } from '../../src/testing/indicatorYear.ts';

export function generateProvinceYear(db: Kysely<DB>, year: number, scale: number): Promise<GeneratedYear> {
  return generateIndicatorYear(db, {
    seed: 7,
    year,
    cities: 11,
    countiesPerCity: 30,
    entitiesPerCounty: Math.round((4_000_000 * scale) / 117),
    tasksPerCounty: Math.max(2, Math.round(40 * scale)),
    drawsPerTask: 2,
    visitsPerDraw: 26,
    objectPool: Math.round((4_000_000 * scale) / 117),
  });
}

export async function leaderAt(db: Kysely<DB>, unitCode: string): Promise<Caller> {
  return {
    userId: '00000000-0000-4000-8000-000000000000',
    username: 'bench',
    displayName: '基准测试',
    role: 'leader',
    scope: await loadScope(db, unitCode),
    sessionTokenHash: '',
  };
}
