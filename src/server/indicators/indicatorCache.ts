// The cache of computed 统计分析 answers (docs/indicators.md, “The cache”): per server process and
// database handle, least recently used first out, at most CACHE_ENTRIES answers. An answer is
// kept under everything it depends on that can change: the facts version (the sum of
// facts_version, raised in the transaction of every audit row, so by every committed state change
// in whatever order transactions commit), the holiday calendar's contents (loaded from
// reference files, not audited), and today's date; plus the question itself (kind, year, units).
// A change commits → the next read sees a higher version → a new key, computed afresh.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayInChina } from '../clock.ts';

/** Answers kept per database handle (a province dashboard is a few kilobytes). */
export const CACHE_ENTRIES = 256;

type Entry = { value: Promise<unknown> };
const caches = new WeakMap<object, Map<string, Entry>>();

/** The part of the key that changes with the facts: version, calendar, today. */
export async function factsStamp(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ facts: string | null; calendar: string | null }>`
    SELECT (SELECT sum(n)::text FROM facts_version) AS facts,
           (SELECT md5(string_agg(day::text || ':' || is_off_day::text, ',' ORDER BY day)) FROM ref_holiday) AS calendar`.execute(db);
  return `${rows[0]?.facts ?? '0'}|${rows[0]?.calendar ?? ''}|${todayInChina()}`;
}

/**
 * The answer to `question` computed by `compute`, from the cache when the facts have not changed
 * since it was computed. Concurrent readers of one key share one computation; a failed one is
 * not kept. Each reader gets its own copy, so no caller can change a kept answer.
 */
export async function cachedAnswer<T>(db: Kysely<DB>, question: readonly unknown[], compute: () => Promise<T>): Promise<T> {
  const key = JSON.stringify([await factsStamp(db), ...question]);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let entry = cache.get(key);
  if (entry) {
    cache.delete(key); // most recently used last
  } else {
    entry = { value: compute() };
    entry.value.catch(() => cache.get(key) === entry && cache.delete(key));
  }
  cache.set(key, entry);
  while (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  return structuredClone((await entry.value) as T);
}

/** Drops every kept answer of a database handle (the bench, to time a cold start). */
export function forgetCachedAnswers(db: Kysely<DB>): void {
  caches.delete(db);
}

/** How many answers are kept for a database handle (tests). */
export function cachedAnswers(db: Kysely<DB>): number {
  return caches.get(db)?.size ?? 0;
}
