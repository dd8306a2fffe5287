// Opens the database, applies migrations, loads reference data and — when the caller asks for
// it and the database has no org tree yet — fills an empty installation (the CLI passes the demo
// loader; the server itself knows nothing of the demo).
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { loadReferenceData } from '../db/reference-data.ts';
import { failInterruptedJobs } from './jobs/jobs.ts';
import { sweepOrphanTempDirs } from './files/tempDirs.ts';

export interface BootOptions {
  databaseUrl?: string;
  dataDir: string;
  pgPoolMax?: number;
  /** Fills a database that has no org units yet (the demo, for `npm start`); not called otherwise. */
  fillEmptyDatabase?: (database: Database, log: (line: string) => void) => Promise<unknown>;
  log?: (line: string) => void;
}

export interface Booted {
  database: Database;
  migrationsApplied: string[];
  demoLoaded: boolean;
  demoJustLoaded: boolean;
}

export async function hasOrgUnits(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom('org_unit').select('code').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function demoIsLoaded(database: Database): Promise<boolean> {
  const row = await database.db.selectFrom('app_setting').select('key').where('key', '=', 'demo_loaded').executeTakeFirst();
  return row !== undefined;
}

export async function bootDatabase(options: BootOptions): Promise<Booted> {
  const log = options.log ?? (() => undefined);
  const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir, pgPoolMax: options.pgPoolMax });
  try {
    log(`数据库：${database.location}`);
    const report = await migrate(database);
    if (report.applied.length) log(`已应用迁移：${report.applied.join(', ')}`);
    await loadReferenceData(database);
    const interrupted = await failInterruptedJobs(database.db);
    if (interrupted) log(`上次停止时有 ${interrupted} 个导入任务未完成，已标记为失败（名录库未被修改），请重新导入。`);
    const orphans = sweepOrphanTempDirs();
    if (orphans) log(`已清理 ${orphans} 个中断的上传或导入留下的临时文件夹。`);
    let demoJustLoaded = false;
    if (options.fillEmptyDatabase && !(await hasOrgUnits(database))) {
      await options.fillEmptyDatabase(database, log);
      demoJustLoaded = await demoIsLoaded(database);
    }
    return { database, migrationsApplied: report.applied, demoLoaded: await demoIsLoaded(database), demoJustLoaded };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}
