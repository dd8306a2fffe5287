// The database layer on both engines: migrations, type parsing, transactions, persistence.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from './database.ts';
import { listMigrations, migrate } from './migrate.ts';
import { openTestDatabases, type TestDatabase } from './testDatabase.ts';

const databases = await openTestDatabases();
afterAll(async () => {
  for (const d of databases) await d.dispose();
});

describe.each(databases.map((d) => [d.name, d] as const))('database layer on %s', (_name, testDb: TestDatabase) => {
  it('applies every migration once, then none', async () => {
    const first = await migrate(testDb.database);
    expect(first.applied).toEqual(listMigrations().map((m) => m.version));
    const second = await migrate(testDb.database);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(first.applied.length);
  });

  it('a reworded comment keeps an applied migration valid, a changed statement does not; whole-text checksums are recorded anew', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-migrations-'));
    const file = path.join(dir, '29991231_0001_checksum_probe.sql');
    const write = (text: string) => fs.writeFileSync(file, text);
    try {
      write('-- 校验和探针：第一版说明\nCREATE TABLE checksum_probe (id int);\n');
      expect((await migrate(testDb.database, dir)).applied).toEqual(['29991231_0001_checksum_probe']);
      write('-- 校验和探针：改写后的说明\n--\nCREATE TABLE checksum_probe (id int);  \n');
      expect(await migrate(testDb.database, dir)).toEqual({ applied: [], alreadyApplied: 1 });
      write('-- 校验和探针：改写后的说明\nCREATE TABLE checksum_probe (id bigint);\n');
      await expect(migrate(testDb.database, dir)).rejects.toThrow(/29991231_0001_checksum_probe\.sql 在应用后被修改/);
      // An installation that recorded the whole file's checksum (before comments were left out).
      write('-- 校验和探针：第一版说明\nCREATE TABLE checksum_probe (id int);\n');
      const [probe] = listMigrations(dir);
      await sql`UPDATE schema_migration SET checksum = ${probe!.textChecksum} WHERE version = ${probe!.version}`.execute(testDb.database.db);
      expect(await migrate(testDb.database, dir)).toEqual({ applied: [], alreadyApplied: 1 });
      const { rows } = await sql<{ checksum: string }>`SELECT checksum FROM schema_migration WHERE version = ${probe!.version}`.execute(
        testDb.database.db,
      );
      expect(rows[0]!.checksum.trim()).toBe(probe!.checksum);
      expect(probe!.checksum).not.toBe(probe!.textChecksum);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams COPY … TO STDOUT as whole-line pieces: the frame file of a query, as its text', async () => {
    const query = `SELECT '91140581' || lpad(g::text, 10, '0') AS id, substr('ABCDU', 1 + g % 5, 1) AS class FROM generate_series(1, 20000) g ORDER BY 1`;
    const pieces: Uint8Array[] = [];
    for await (const piece of testDb.database.copyOut(query, 4096)) pieces.push(piece);
    const text = Buffer.concat(pieces).toString('utf8');
    const expected = Array.from({ length: 20000 }, (_, i) => `91140581${String(i + 1).padStart(10, '0')}\t${'ABCDU'[(i + 1) % 5]}\n`).join('');
    expect(text).toBe(expected);
    for (const piece of pieces) expect(piece[piece.length - 1]).toBe(0x0a);
    if (testDb.database.engine === 'postgres') expect(pieces.length).toBeGreaterThan(5); // streamed (380 kB in pieces of at least 4 kB), not one blob
    // Rows longer than a socket chunk (and than the 1 MB the fast path carries) arrive whole.
    const long: Uint8Array[] = [];
    for await (const piece of testDb.database.copyOut(`SELECT g, repeat(chr(65 + g), g * 300000) FROM generate_series(0, 5) g`)) long.push(piece);
    const longLines = Buffer.concat(long).toString('utf8').split('\n');
    expect(longLines.slice(0, -1).map((l) => l.length)).toEqual([0, 1, 2, 3, 4, 5].map((g) => 2 + g * 300000));
    expect(longLines[3]).toBe(`3\t${'D'.repeat(900000)}`);
    // A reader that stops early (a bad line) leaves no half-read COPY on a pooled connection.
    for (let round = 0; round < 3; round++) {
      for await (const piece of testDb.database.copyOut(query, 4096)) {
        expect(piece.length).toBeGreaterThan(0);
        break;
      }
      const { rows: after } = await sql<{ n: string }>`SELECT count(*) AS n FROM generate_series(1, 7)`.execute(testDb.database.db);
      expect(after[0]!.n).toBe('7');
    }
    // A failing query surfaces its error and leaves the connection usable.
    const failing = async () => {
      for await (const _ of testDb.database.copyOut('SELECT 1/0')) void _;
    };
    await expect(failing()).rejects.toThrow(/division by zero/);
    const { rows } = await sql<{ one: number }>`SELECT 1 AS one`.execute(testDb.database.db);
    expect(rows[0]!.one).toBe(1);
  });

  it('returns DATE, INT8 and NUMERIC as strings, timestamptz as Date', async () => {
    const { rows } = await sql<{ d: unknown; i: unknown; n: unknown; t: unknown }>`
      SELECT DATE '2025-12-15' AS d, 9007199254740993::int8 AS i, 0.1::numeric(10,4) AS n, TIMESTAMPTZ '2025-01-01T00:00:00Z' AS t`.execute(testDb.database.db);
    expect(rows[0]).toMatchObject({ d: '2025-12-15', i: '9007199254740993', n: '0.1000' });
    expect(rows[0]!.t).toBeInstanceOf(Date);
  });

  it('reports correct affected-row counts and rolls back a failed transaction whole', async () => {
    const db = testDb.database.db;
    await db.insertInto('ref_division').values([
      { code: '990001', name: '测试一', level: 1, parent_code: null },
      { code: '990002', name: '测试二', level: 1, parent_code: null },
    ]).execute();
    const updated = await db.updateTable('ref_division').set({ name: '改' }).where('code', 'in', ['990001', '990002']).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(2n);
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('ref_division').values({ code: '990003', name: '测试三', level: 1, parent_code: null }).execute();
        await trx.insertInto('ref_division').values({ code: '990001', name: '重复', level: 1, parent_code: null }).execute();
      }),
    ).rejects.toThrow();
    expect(await db.selectFrom('ref_division').select('code').where('code', '=', '990003').executeTakeFirst()).toBeUndefined();
    await db.deleteFrom('ref_division').where('code', 'like', '99%').execute();
  });

  it('keeps concurrent transactions apart', async () => {
    const db = testDb.database.db;
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        db.transaction().execute(async (trx) => {
          await trx.insertInto('ref_division').values({ code: `98000${i}`, name: `并发${i}`, level: 1, parent_code: null }).execute();
          const n = await trx.selectFrom('ref_division').select((eb) => eb.fn.countAll<string>().as('n')).where('code', '=', `98000${i}`).executeTakeFirstOrThrow();
          expect(n.n).toBe('1');
        }),
      ),
    );
    const all = await db.selectFrom('ref_division').select('code').where('code', 'like', '98000%').execute();
    expect(all).toHaveLength(8);
    await db.deleteFrom('ref_division').where('code', 'like', '98%').execute();
  });

  it('refuses an applied migration that was edited afterwards', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-mig-'));
    for (const m of listMigrations()) fs.writeFileSync(path.join(dir, m.file), m.script);
    const extra = '20990101_0001_probe.sql';
    fs.writeFileSync(path.join(dir, extra), 'CREATE TABLE migration_probe (id int);');
    expect((await migrate(testDb.database, dir)).applied).toEqual(['20990101_0001_probe']);
    fs.writeFileSync(path.join(dir, extra), 'CREATE TABLE migration_probe (id bigint);');
    await expect(migrate(testDb.database, dir)).rejects.toThrow(/被修改/);
  });

  it('leaves the database unchanged when a migration fails half-way', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-mig-'));
    for (const m of listMigrations()) fs.writeFileSync(path.join(dir, m.file), m.script);
    fs.writeFileSync(path.join(dir, '20990101_0001_probe.sql'), 'CREATE TABLE migration_probe (id int);');
    fs.writeFileSync(path.join(dir, '20990102_0001_broken.sql'), 'CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;');
    await expect(migrate(testDb.database, dir)).rejects.toThrow(/20990102_0001_broken\.sql/);
    const { rows } = await sql<{ n: string }>`SELECT count(*)::int8 AS n FROM information_schema.tables WHERE table_name = 'half_done'`.execute(testDb.database.db);
    expect(rows[0]!.n).toBe('0');
  });
});

describe('embedded database files', () => {
  it('keeps data across a restart and refuses a second process on the same directory', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-data-')), 'pglite');
    const first = await openDatabase({ dataDir: dir });
    await migrate(first);
    await first.db.insertInto('ref_division').values({ code: '140581', name: '高平市', level: 3, parent_code: '140500' }).execute();
    // A live foreign pid in the lockfile stands for another process.
    const lockFile = `${dir}.pid`;
    expect(fs.readFileSync(lockFile, 'utf8')).toBe(String(process.pid));
    await first.close();
    expect(fs.existsSync(lockFile)).toBe(false);

    fs.writeFileSync(lockFile, String(process.ppid));
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(/正被进程/);
    fs.unlinkSync(lockFile);

    const again = await openDatabase({ dataDir: dir });
    expect((await migrate(again)).applied).toEqual([]);
    const row = await again.db.selectFrom('ref_division').selectAll().where('code', '=', '140581').executeTakeFirst();
    expect(row?.name).toBe('高平市');
    await again.close();
  });

  it('closes the embedded database even when no query ran, so a command that returns early still exits', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-data-')), 'pglite');
    const first = await openDatabase({ dataDir: dir });
    await migrate(first);
    await first.close();
    const unused = await openDatabase({ dataDir: dir });
    expect(fs.existsSync(path.join(dir, 'postmaster.pid'))).toBe(true);
    await unused.close();
    // PGlite removes its postmaster.pid only when it is really closed.
    expect(fs.existsSync(path.join(dir, 'postmaster.pid'))).toBe(false);
    expect(fs.existsSync(`${dir}.pid`)).toBe(false);
  });
});
