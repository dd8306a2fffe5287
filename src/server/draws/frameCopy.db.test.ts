// A stored frame file streamed out of the database (storedFramePieces, binary COPY) on each
// engine: the pieces are the value's UTF-8 bytes exactly, cut after a newline, in shared memory.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { storedFramePieces } from './frameCopy.ts';

const databases = await openTestDatabases();
afterAll(async () => {
  for (const d of databases) await d.dispose();
});

describe.each(databases.map((d) => [d.name, d] as const))('stored frame file streamed on %s', (_name, testDb: TestDatabase) => {
  const read = async (query: string, min: number) => {
    const pieces: Uint8Array[] = [];
    for await (const piece of storedFramePieces(testDb.database, query, min)) pieces.push(piece);
    return pieces;
  };

  it('gives the stored bytes in pieces of whole lines; refuses no row or two', async () => {
    const db = testDb.database.db;
    await sql`CREATE TABLE frame_probe (n int PRIMARY KEY, frame text NOT NULL)`.execute(db);
    // Long enough to arrive in several chunks; ids with characters beyond ASCII, tabs and backslashes kept as they are.
    const lines = Array.from(
      { length: 30_000 },
      (_, i) => `9114058${String(i).padStart(10, '0')}${i % 7 === 0 ? '统\\' : 'X'}\t${'ABCDU'[i % 5]}\n`,
    );
    const frame = lines.join('');
    await db
      .insertInto('frame_probe' as never)
      .values({ n: 1, frame } as never)
      .execute();
    await db
      .insertInto('frame_probe' as never)
      .values({ n: 2, frame: 'A1\tA\nB2\tB' } as never)
      .execute();

    const pieces = await read('SELECT frame FROM frame_probe WHERE n = 1', 4096);
    // A server streams it (many pieces); PGlite returns COPY output at once (one piece).
    expect(pieces.length).toBeGreaterThan(testDb.database.engine === 'postgres' ? 10 : 0);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(frame);
    for (const piece of pieces) {
      expect(piece.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(piece[piece.length - 1]).toBe(0x0a);
    }
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(4096);
    // A file whose last line has no newline ends with that partial line (the reader refuses it).
    const partial = await read('SELECT frame FROM frame_probe WHERE n = 2', 4);
    expect(partial.map((p) => Buffer.from(p).toString('utf8'))).toEqual(['A1\tA\n', 'B2\tB']);
    // One whole piece when the minimum is larger than the file.
    expect((await read('SELECT frame FROM frame_probe WHERE n = 1', 1 << 30)).map((p) => p.length)).toEqual([Buffer.byteLength(frame)]);

    await expect(read('SELECT frame FROM frame_probe WHERE n = 3', 4096)).rejects.toThrow(/exactly one stored frame file/);
    await expect(read('SELECT frame FROM frame_probe ORDER BY n', 4096)).rejects.toThrow(/exactly one stored frame file/);
    await sql`DROP TABLE frame_probe`.execute(db);
  });
});
