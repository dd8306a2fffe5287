// Forward-only migrations: plain timestamped .sql files, each applied in its own
// transaction and recorded with its checksum. The same files run on PGlite and PostgreSQL.
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from './database.ts';
import { distributeOnCitus } from './citus.ts';

export const migrationsDir = path.join(import.meta.dirname, 'migrations');

export interface MigrationFile {
  version: string;
  file: string;
  checksum: string;
  script: string;
}

export function listMigrations(dir = migrationsDir): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d{8}_\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((file) => {
      const script = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: file.replace(/\.sql$/, ''),
        file,
        script,
        checksum: createHash('sha256').update(script).digest('hex'),
      };
    });
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(database: Database, dir = migrationsDir): Promise<MigrationReport> {
  await database.execScript(
    `CREATE TABLE IF NOT EXISTS schema_migration (
       version text PRIMARY KEY,
       checksum char(64) NOT NULL,
       applied_at timestamptz NOT NULL DEFAULT now()
     );`,
  );
  const done = await sql<{ version: string; checksum: string }>`SELECT version, checksum FROM schema_migration`.execute(database.db);
  const known = new Map(done.rows.map((row) => [row.version, row.checksum.trim()]));
  const report: MigrationReport = { applied: [], alreadyApplied: 0 };
  for (const migration of listMigrations(dir)) {
    const recorded = known.get(migration.version);
    if (recorded) {
      if (recorded !== migration.checksum) {
        throw new Error(
          `迁移文件 ${migration.file} 在应用后被修改（校验和不一致）。迁移只能新增不能修改：请恢复该文件，并把改动写成新的迁移文件。`,
        );
      }
      report.alreadyApplied += 1;
      continue;
    }
    const record = `INSERT INTO schema_migration (version, checksum) VALUES ('${migration.version}', '${migration.checksum}');`;
    try {
      await database.execScript(`${migration.script}\n;\n${record}`);
    } catch (error) {
      throw new Error(`迁移 ${migration.file} 执行失败，数据库未改变：${(error as Error).message}`);
    }
    report.applied.push(migration.version);
  }
  // Where Citus is installed, place the tables the migrations created (nothing elsewhere).
  await distributeOnCitus(database);
  return report;
}
