// Presents one PGlite instance as the small part of a `pg.Pool` that Kysely's stock
// PostgresDialect uses, and serialises access: PGlite is a single connection, so a
// transaction must own it until it commits (do not use kysely-pglite).
import type { PGlite } from '@electric-sql/pglite';

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}

export interface PgLikeResult {
  command: string;
  rowCount: number;
  rows: unknown[];
}

export interface PgLikeClient {
  query(sql: string, params?: readonly unknown[]): Promise<PgLikeResult>;
  release(): void;
}

function commandOf(sql: string): string {
  const match = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*(\w+)/.exec(sql);
  return (match?.[1] ?? '').toUpperCase();
}

export class PglitePool {
  private readonly mutex = new Mutex();
  constructor(readonly pglite: PGlite) {}

  async connect(): Promise<PgLikeClient> {
    const release = await this.mutex.acquire();
    let released = false;
    const pglite = this.pglite;
    return {
      async query(sql, params) {
        const result = await pglite.query(sql, params ? [...params] : []);
        const command = commandOf(sql);
        const rowCount = result.affectedRows ?? result.rows.length;
        return { command, rowCount, rows: result.rows };
      },
      release() {
        if (!released) {
          released = true;
          release();
        }
      },
    };
  }

  /** Runs a multi-statement script while holding the connection. */
  exec(script: string): Promise<void> {
    return this.holding(async () => void (await this.pglite.exec(script)));
  }

  /** The whole output of `COPY (query) TO STDOUT` (text or binary format), while holding the connection. */
  copyOut(query: string, format: 'text' | 'binary' = 'text'): Promise<Uint8Array> {
    return this.holding(async () => {
      const result = await this.pglite.query(`COPY (${query}) TO '/dev/blob'${format === 'binary' ? ' (FORMAT binary)' : ''}`);
      return result.blob ? new Uint8Array(await result.blob.arrayBuffer()) : new Uint8Array(0);
    });
  }

  /** `COPY … FROM '/dev/blob'` of the given text, while holding the connection. */
  copyIn(statement: string, text: string): Promise<void> {
    return this.holding(async () => void (await this.pglite.query(statement, [], { blob: new Blob([text]) })));
  }

  end(): Promise<void> {
    return this.holding(() => this.pglite.close());
  }

  private async holding<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.mutex.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }
}
