// One query layer over two engines: embedded PGlite (default, file-backed under ./data)
// or a PostgreSQL server (DATABASE_URL). Same SQL, same migrations, same Kysely code.
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PglitePool } from './pglite-pool.ts';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { fastCopyTo } from './copyTo.ts';
import type { DB } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  engine: Engine;
  /** Where the data lives, for log lines (never contains a password). */
  location: string;
  db: Kysely<DB>;
  /** Runs a multi-statement SQL script in one transaction (migrations, bulk DDL). */
  execScript(script: string): Promise<void>;
  /**
   * Streams the text-format output of `COPY (query) TO STDOUT` — `value\tvalue\n` per row —
   * in pieces of whole lines of at least `minPieceBytes` (except the last), without holding
   * the whole result. COPY takes no bind parameters: `query` is literal SQL built by the
   * caller from trusted parts only. Text format escapes a backslash in a value as `\\`.
   */
  copyOut(query: string, minPieceBytes?: number): AsyncGenerator<Uint8Array>;
  /**
   * The binary-format output of `COPY (query) TO STDOUT (FORMAT binary)`, as it arrives (chunks
   * cut anywhere; PGlite gives it as one chunk). For a value too large to hold twice, e.g. a
   * stored frame file read while it is hashed. Same rule for `query` as copyOut. Runs on a
   * connection of its own: on PGlite (one connection) it waits for an open transaction to end.
   */
  copyOutBinary(query: string): AsyncGenerator<Uint8Array>;
  /**
   * Loads `text` — rows in COPY's text format, `value\tvalue\n` with `\N` for NULL and
   * backslash escapes — by `COPY table (columns) FROM STDIN`, outside any transaction.
   * `format` gives COPY's options instead (e.g. `csv, HEADER true`).
   */
  copyIn(table: string, columns: readonly string[], text: string, format?: string): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres://… — when set, PostgreSQL is used. */
  databaseUrl?: string;
  /** PGlite data directory; 'memory://' for an in-memory database (tests). */
  dataDir?: string;
  /** Connections of the PostgreSQL pool (default 10). */
  pgPoolMax?: number;
}

// The Database of each open Kysely instance, for code that is handed only the Kysely instance
// (the imports) and loads rows by COPY.
const databases = new WeakMap<Kysely<DB>, Database>();

/** The Database a Kysely instance belongs to (null for a transaction or a foreign instance). */
export function databaseOf(db: Kysely<DB>): Database | null {
  return databases.get(db) ?? null;
}

const copyStatement = (table: string, columns: readonly string[], source: string, format: string | undefined) =>
  `COPY ${table} (${columns.join(', ')}) FROM ${source}${format ? ` WITH (FORMAT ${format})` : ''}`;

// Both engines return DATE, INT8 and NUMERIC as strings: dates must not shift with the
// process time zone, and counts/ratios must not lose precision.
const OID_DATE = 1082;
const OID_INT8 = 20;
const OID_NUMERIC = 1700;
const identity = (value: string) => value;

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const database = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.pgPoolMax ?? 10)
    : await openPglite(options.dataDir ?? './data/pglite');
  databases.set(database.db, database);
  return database;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable URL)';
  }
}

async function openPostgres(databaseUrl: string, poolMax: number): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: poolMax,
    types: {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        if (oid === OID_DATE || oid === OID_INT8 || oid === OID_NUMERIC) return identity;
        return pg.types.getTypeParser(oid, format as 'text');
      },
    } as pg.CustomTypesConfig,
  });
  // An idle connection the server ends (a restart, an administrator, a dropped database) is
  // removed from the pool and replaced on the next query; it must not end the process.
  pool.on('error', (error) => {
    console.warn(`数据库连接已被服务器关闭（${error.message}），下次查询时将重新连接。`);
  });
  // Fail fast with a clear message if the server is not reachable.
  const probe = await pool.connect();
  probe.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    engine: 'postgres',
    location: redactUrl(databaseUrl),
    db,
    async execScript(script) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(script);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async *copyOut(query, minPieceBytes = 1 << 20) {
      const client = await pool.connect();
      let readToEnd = false;
      try {
        yield* wholeLinePieces(client.query(fastCopyTo(`COPY (${query}) TO STDOUT`)), minPieceBytes);
        readToEnd = true;
      } finally {
        // A reader that stopped early (or an error) leaves the server mid-COPY on this
        // connection: it is closed rather than handed back to the pool.
        client.release(readToEnd ? undefined : new Error('COPY not read to the end'));
      }
    },
    async *copyOutBinary(query) {
      const client = await pool.connect();
      let readToEnd = false;
      try {
        yield* client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`)) as AsyncIterable<Uint8Array>;
        readToEnd = true;
      } finally {
        client.release(readToEnd ? undefined : new Error('COPY not read to the end'));
      }
    },
    async copyIn(table, columns, text, format) {
      const client = await pool.connect();
      let failed: Error | undefined;
      try {
        const into = client.query(copyFrom(copyStatement(table, columns, 'STDIN', format)));
        await new Promise<void>((resolve, reject) => {
          into.on('error', reject);
          into.on('finish', resolve);
          into.end(text);
        });
      } catch (error) {
        failed = error as Error;
        throw error;
      } finally {
        client.release(failed);
      }
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * Re-cuts a stream of byte chunks into pieces of whole lines of at least `minBytes`. Pieces are
 * plain Uint8Arrays of their own (not Buffers: Buffer#slice shares memory, and a piece may be
 * transferred to a worker thread).
 */
async function* wholeLinePieces(chunks: AsyncIterable<Uint8Array>, minBytes: number): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let size = 0;
  const join = () => {
    const joined = new Uint8Array(size);
    let at = 0;
    for (const part of parts) {
      joined.set(part, at);
      at += part.length;
    }
    return joined;
  };
  for await (const chunk of chunks) {
    parts.push(chunk);
    size += chunk.length;
    if (size < minBytes) continue;
    const joined = join();
    const end = joined.lastIndexOf(0x0a) + 1;
    if (end === 0) {
      parts = [joined];
      continue;
    }
    yield end === size ? joined : joined.slice(0, end);
    parts = end < size ? [joined.slice(end)] : [];
    size -= end;
  }
  if (size > 0) yield join();
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir === 'memory://';
  let unlock = () => {};
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create(inMemory ? undefined : dataDir, {
      // Extensions load differently on PGlite: they are bundled and must be named here
      // (on a PostgreSQL server they come from the contrib package).
      extensions: { pg_trgm },
      parsers: {
        [OID_DATE]: identity,
        [OID_INT8]: identity,
        [OID_NUMERIC]: identity,
      },
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const pool = new PglitePool(pglite);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: pool as never }) });
  return {
    engine: 'pglite',
    location: inMemory ? 'PGlite (内存)' : `PGlite ${path.resolve(dataDir)}`,
    db,
    async execScript(script) {
      await pool.exec(`BEGIN;\n${script}\n;COMMIT;`).catch(async (error) => {
        await pool.exec('ROLLBACK').catch(() => undefined);
        throw error;
      });
    },
    async *copyOut(query) {
      // PGlite runs in this process and returns COPY output as one blob.
      const all = await pool.copyOut(query);
      if (all.length > 0) yield all;
    },
    async *copyOutBinary(query) {
      const all = await pool.copyOut(query, 'binary');
      if (all.length > 0) yield all;
    },
    async copyIn(table, columns, text, format) {
      await pool.copyIn(copyStatement(table, columns, "'/dev/blob'", format), text);
    },
    async close() {
      await db.destroy();
      // Kysely ends the pool only if a query ever ran: a command that opened the database and
      // returned before querying (a dry run, a refused argument) would leave PGlite running and
      // the process would never exit. Close it here on every path.
      if (!pglite.closed) await pglite.close();
      unlock();
    },
  };
}

/**
 * Two processes on one PGlite directory corrupt it: keep a pid lockfile beside it and
 * refuse to start while another live process holds it.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.pid`);
  if (fs.existsSync(lockPath)) {
    const pid = Number(fs.readFileSync(lockPath, 'utf8').trim());
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(
        `数据目录 ${path.resolve(dataDir)} 正被进程 ${pid} 使用。嵌入式数据库同一时间只能由一个进程打开：请先停止该进程，或用 --data-dir 指定其他目录。`,
      );
    }
  }
  fs.writeFileSync(lockPath, String(process.pid));
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
