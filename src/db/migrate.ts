// Forward-only migrations: plain timestamped .sql files, each applied in its own
// transaction and recorded with its checksum. The same files run on PGlite and PostgreSQL.
// The checksum covers the statements, not the comment lines: a comment may be reworded after a
// migration was applied, a statement never.
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
  /** SHA-256 of the statements: the script without its whole-line `--` comments and trailing blanks. */
  checksum: string;
  /** SHA-256 of the whole file, what installations recorded before comments were left out. */
  textChecksum: string;
  script: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The script's statements: whole-line comments dropped, trailing blanks trimmed. */
export function statementsOf(script: string): string {
  return script
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
}

/**
 * Whole-file checksums recorded by installations before the checksum left comments out, for the
 * files whose comments were reworded since (they no longer match the file's text): a recorded
 * value here stands for the same statements.
 */
const EARLIER_TEXT_CHECKSUMS: Record<string, string> = {
  '20261123_0001_foundation': 'c3054e72105265c527ab51f996e11a87b17442cc57f2e4bc999d72d64c54b8c4',
  '20261123_0004_inspector_directory': '9d7f39d4c1e77efdf41a6adfd36963ab5e4ee8a27b5e42843e80a805b47bd647',
  '20261123_0005_sub_libraries': '7d47cc59e9a5b04d5e376ec1b3f5cd8555524218503e4db50384941c61eb924f',
  '20261123_0006_directory_objects': '1f5afe9230f622b1caf9daf57b69c0c977747574b51ae4a229814cb8eed6b58e',
  '20261123_0007_plans': '65413cbd3efe790fc917234852fcf5dcf617501884a288afdb3cea14b35b8f7b',
  '20261123_0008_draws': 'd86ff1cfdc74a14106f4f15c06f2cddd5f940ed744e57928050a8fdb276f0f0d',
  '20261123_0009_inspection_results': 'cf6c02af034a0b78eac742de126a22df9299a50bc4a22dab5a5b65d6200ba065',
};

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
        checksum: sha256(statementsOf(script)),
        textChecksum: sha256(script),
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
      const earlierForm = recorded === migration.textChecksum || recorded === EARLIER_TEXT_CHECKSUMS[migration.version];
      if (earlierForm) {
        // Recorded over the whole text by an earlier version: the same statements, recorded anew.
        await sql`UPDATE schema_migration SET checksum = ${migration.checksum} WHERE version = ${migration.version}`.execute(database.db);
      } else if (recorded !== migration.checksum) {
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
