// 抽查结果公告 under a crowd. What the portal shows changes only when a result is published (or
// re-published after a correction) or its publication is stopped, and each of those raises the
// published-results version (public_results_version) in its own transaction. The portal's
// answers are kept in memory under that version and sent with an ETag naming it:
// - a request learns the version from a read of that one row that started after the request
//   arrived; requests that arrive while a read is on its way share the next read (VersionGate),
//   so a crowd costs one primary-key read per round trip, not one per request, and a result whose
//   publication is stopped disappears with the commit that stops it, on every server process
//   that shares the database;
// - it answers from memory when the same question was answered at that version, else asks the
//   database once (concurrent misses of one question share that one query) and keeps the answer;
// - a browser or proxy that sends If-None-Match with the current ETag gets 304 without a body;
// - answers are `Cache-Control: public, no-cache`: every use revalidates.
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppContext } from '../http/route.ts';
import { escapeLike } from '../http/sqlText.ts';
import { AppError } from '../http/errors.ts';
import { validateUscc } from '../../core/uscc/index.ts';
import type { ObjectKind } from '../../core/glossary.ts';

/** Raises the published-results version; call in the transaction that changes what the portal shows. */
export async function bumpPublicResultsVersion(trx: Kysely<DB>): Promise<void> {
  await trx
    .updateTable('public_results_version')
    .set({ version: sql`version + 1` })
    .where('id', '=', 1)
    .execute();
}

/** The current published-results version. */
export async function publicResultsVersion(db: Kysely<DB>): Promise<string> {
  const row = await db.selectFrom('public_results_version').select('version').where('id', '=', 1).executeTakeFirst();
  return String(row?.version ?? '0');
}

/** Columns of visit_result that the portal shows or filters on: a change of one raises the version. */
export const portalColumns = ['published_on', 'stopped_on', 'public_text', 'public_content', 'checked_on', 'entity_name', 'uscc'] as const;

export interface PublicResultRow {
  id: string;
  entity_name: string;
  uscc: string;
  object_kind: ObjectKind | null;
  authority: string;
  task_code: string;
  checked_on: string | null;
  public_text: string | null;
  published_on: string | null;
  draw_id: string;
}

function publicRows(db: Kysely<DB>) {
  return db
    .selectFrom('visit_result as r')
    .innerJoin('org_unit as o', 'o.code', 'r.unit_code')
    .select([
      'r.id',
      'r.entity_name',
      'r.uscc',
      'r.object_kind',
      'o.name as authority',
      'r.task_code',
      'r.checked_on',
      'r.public_text',
      'r.published_on',
      'r.draw_id',
    ])
    .where('r.published_on', 'is not', null)
    .where('r.stopped_on', 'is', null);
}

export const publicPageSize = 20;

/**
 * A question to the portal's search as asked: a code prefix in upper case — of a 统一社会信用代码
 * (6–18 letters and digits) or of a 其他检查对象's own code (6–40 letters, digits and . _ / -) —
 * or a part of the name.
 */
export function portalQuestion(q: string | undefined): { kind: 'code' | 'name'; term: string } | null {
  const text = (q ?? '').trim();
  if (!text) return null;
  return /^[0-9A-Za-z][0-9A-Za-z._/-]{5,39}$/.test(text) ? { kind: 'code', term: text.toUpperCase() } : { kind: 'name', term: text };
}

/** Published, not stopped results by code prefix (统一社会信用代码 or 对象编码) or by a part of the name. */
export async function searchPublishedResults(db: Kysely<DB>, q: string | undefined, page: number): Promise<PublicResultRow[]> {
  return publishedResultsQuery(db, q, page).execute();
}

/** The query of searchPublishedResults. */
function publishedResultsQuery(db: Kysely<DB>, q: string | undefined, page: number) {
  let query = publicRows(db);
  const question = portalQuestion(q);
  if (question) {
    query =
      question.kind === 'code'
        ? query.where('r.uscc', 'like', `${escapeLike(question.term)}%`)
        : query.where('r.entity_name', 'like', `%${escapeLike(question.term)}%`);
  }
  return query
    .orderBy('r.published_on', 'desc')
    .orderBy('r.uscc')
    .orderBy('r.id')
    .limit(publicPageSize)
    .offset((page - 1) * publicPageSize);
}

/**
 * When nothing was found for an 18-character code that cannot be a 统一社会信用代码 (a mistyped
 * character, a wrong check digit), the person is told why instead of "nothing found".
 */
export function refuseInvalidCode(text: string | undefined, found: number): void {
  const term = (text ?? '').trim().toUpperCase();
  if (found > 0 || !/^[0-9A-Z]{18}$/.test(term)) return;
  const check = validateUscc(term);
  if (!check.ok) throw new AppError('VALIDATION_FAILED', `统一社会信用代码 ${term} 无效：${check.message}。`, { uscc: term });
}

/**
 * The published, not stopped results of one market entity (kind null, by its 统一社会信用代码) or
 * of one 其他检查对象 (by its kind and own code), newest check first.
 */
export async function publishedResultsOf(db: Kysely<DB>, code: string, kind: ObjectKind | null = null): Promise<PublicResultRow[]> {
  return publicRows(db)
    .where('r.uscc', '=', code)
    .$if(kind === null, (q) => q.where('r.object_kind', 'is', null))
    .$if(kind !== null, (q) => q.where('r.object_kind', '=', kind))
    .orderBy('r.checked_on', 'desc')
    .orderBy('r.id')
    .execute();
}

/**
 * Of these draws, the ones of a 部门联合 task (its plan is a joint plan): their visits are one
 * inspection by several departments, each publishing its own part (read on its own: on Citus a
 * result and its draw may sit on different shards).
 */
export async function jointDrawIds(db: Kysely<DB>, drawIds: readonly string[]): Promise<Set<string>> {
  if (drawIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('draw as d')
    .innerJoin('plan as p', (j) => j.onRef('p.unit_code', '=', 'd.plan_unit_code').onRef('p.id', '=', 'd.plan_id'))
    .select('d.id')
    .where('d.id', 'in', [...new Set(drawIds)])
    .where('p.kind', '=', 'joint')
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * The published parts of each joint inspection among `rows` (one per draw, in the rows' order):
 * each department's 检查机关, 检查日期 and 检查结果, shown together and recognised by all (互认).
 */
export async function jointInspectionsOf(db: Kysely<DB>, rows: readonly PublicResultRow[]) {
  const joint = await jointDrawIds(
    db,
    rows.map((r) => r.draw_id),
  );
  const groups = new Map<string, PublicResultRow[]>();
  for (const r of rows) if (joint.has(r.draw_id)) groups.set(r.draw_id, [...(groups.get(r.draw_id) ?? []), r]);
  return { joint, inspections: [...groups.values()] };
}

interface Kept {
  version: string;
  etag: string;
  /** The JSON answer, encoded once. */
  body: Uint8Array<ArrayBuffer>;
}

/** Answers kept, at most `limit` questions, least recently used out. */
class AnswerCache {
  private readonly kept = new Map<string, Kept>();
  private readonly pending = new Map<string, Promise<Kept>>();
  constructor(private readonly limit: number) {}

  async get(key: string, version: string, compute: () => Promise<unknown>): Promise<Kept> {
    const hit = this.kept.get(key);
    if (hit && hit.version === version) {
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit;
    }
    const pendingKey = `${version}\u0000${key}`;
    let waiting = this.pending.get(pendingKey);
    if (!waiting) {
      waiting = (async () => {
        const body = new TextEncoder().encode(JSON.stringify(await compute()));
        const digest = createHash('sha256').update(key).digest('base64url').slice(0, 16);
        const kept = { version, etag: `"r${version}-${digest}"`, body };
        this.kept.delete(key);
        this.kept.set(key, kept);
        while (this.kept.size > this.limit) this.kept.delete(this.kept.keys().next().value!);
        return kept;
      })().finally(() => this.pending.delete(pendingKey));
      this.pending.set(pendingKey, waiting);
    }
    return waiting;
  }
}

/**
 * The published-results version as of a moment: `current()` resolves with a value read by a
 * query that started after it was called. While one read is on its way, every caller waits for
 * the next one (which starts when that read ends), so a commit that ended before the call is
 * always seen, and concurrent callers share one read.
 */
export class VersionGate {
  private running: Promise<string> | null = null;
  private queued: Promise<string> | null = null;
  constructor(private readonly read: () => Promise<string>) {}

  current(): Promise<string> {
    if (!this.running) return this.start();
    if (!this.queued) {
      this.queued = this.running
        .catch(() => undefined)
        .then(() => {
          this.queued = null;
          return this.start();
        });
    }
    return this.queued;
  }

  private start(): Promise<string> {
    const reading: Promise<string> = this.read().finally(() => {
      if (this.running === reading) this.running = null;
    });
    this.running = reading;
    return reading;
  }
}

interface PortalState {
  gate: VersionGate;
  answers: AnswerCache;
}

/** One cache per application instance (a server process; tests start several over one database). */
const states = new WeakMap<AppContext, PortalState>();

function stateOf(app: AppContext): PortalState {
  let state = states.get(app);
  if (!state) {
    state = { gate: new VersionGate(() => publicResultsVersion(app.database.db)), answers: new AnswerCache(20_000) };
    states.set(app, state);
  }
  return state;
}

/**
 * A portal answer: 304 when the client holds the current one, else the kept or freshly computed
 * JSON. `compute` returns the answer as the route's response schema gives it out (already
 * parsed: what is kept is exactly what is sent).
 */
export async function answerPublic(c: Context, app: AppContext, key: string, compute: () => Promise<unknown>): Promise<Response> {
  const state = stateOf(app);
  const version = await state.gate.current();
  const kept = await state.answers.get(key, version, compute);
  const headers = { ETag: kept.etag, 'Cache-Control': 'public, no-cache' };
  const held = c.req.header('If-None-Match');
  if (held && held.split(',').some((tag) => tag.trim().replace(/^W\//, '') === kept.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(kept.body, { status: 200, headers: { ...headers, 'Content-Type': 'application/json; charset=UTF-8' } });
}
