// Shared by every `ssj` command that opens the database.
import { Option, type Command } from 'commander';
import { openDatabase, type Database } from '../db/database.ts';

export function dbOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--data-dir <dir>', '嵌入式数据库（PGlite）数据目录').env('SSJ_DATA_DIR').default('./data/pglite'))
    .addOption(new Option('--database-url <url>', 'PostgreSQL 连接串；设置后不使用嵌入式数据库').env('DATABASE_URL'));
}

export async function withDatabase<T>(opts: { dataDir: string; databaseUrl?: string }, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ dataDir: opts.dataDir, databaseUrl: opts.databaseUrl || undefined });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}
