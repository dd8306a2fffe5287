// Opens the database, applies migrations, loads reference data and — on first start — the demo data.
import type { Database } from '../db/database.ts';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { loadReferenceData } from '../db/reference-data.ts';
import { loadDemo } from '../demo/loadDemo.ts';
import { recordAudit } from './audit/recordAudit.ts';
import { loadDemoCheckItems } from '../demo/checkItems.ts';
import { failInterruptedJobs } from './jobs/jobs.ts';
import { loadDemoRecusals } from '../demo/recusals.ts';
import { loadDemoSubLibraries } from '../demo/subLibraries.ts';
import { loadDemoDirectoryObjects } from '../demo/directoryObjects.ts';
import { loadDemoPlans } from '../demo/plans.ts';
import { linkDemoInspectorAccounts, loadDemoInspections } from '../demo/inspections.ts';

export interface BootOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Load the demo data when the database has no org units yet. */
  demoOnFirstStart: boolean;
  /** Entities per county for the demo (smaller in tests). */
  demoEntitiesPerCounty?: number;
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

export async function loadDemoWithAudit(database: Database, options: { entitiesPerCounty?: number; log?: (line: string) => void } = {}) {
  const started = Date.now();
  const baseCounts = await loadDemo(database, { entitiesPerCounty: options.entitiesPerCounty, onProgress: options.log });
  await database.db.transaction().execute(async (trx) => {
    // The registries built on the directories: 事项清单 and claims, 回避 declarations, 名录分库.
    const checkItemClaims = await loadDemoCheckItems(trx);
    const recusals = await loadDemoRecusals(trx);
    const subLibraries = await loadDemoSubLibraries(trx);
    const directoryObjects = await loadDemoDirectoryObjects(trx);
    Object.assign(baseCounts, { checkItemClaims, recusals, subLibraries, directoryObjects });
    options.log?.(
      `抽查事项认领 ${checkItemClaims} 项，回避声明 ${recusals} 条，名录分库 ${subLibraries} 个，其他检查对象（产品/项目/行为）${directoryObjects} 个`,
    );
  });
  // 年度抽查计划: the seed plans, through the plan use cases (each in its own transaction).
  const plans = await loadDemoPlans(database.db);
  Object.assign(baseCounts, { plans: plans.plans, planTasks: plans.tasks });
  options.log?.(`年度抽查计划 ${plans.plans} 份（任务 ${plans.tasks} 个）`);
  // 检查实施: the inspector login linked to its person; one finished task with published results.
  const inspectorLogins = await linkDemoInspectorAccounts(database.db);
  const inspections = await loadDemoInspections(database.db);
  Object.assign(baseCounts, { inspectorLogins, publishedResults: inspections.results, openFollowups: inspections.followups });
  options.log?.(`已公示检查结果 ${inspections.results} 条，问题台账 ${inspections.followups} 项`);
  const counts = baseCounts;
  await database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('app_setting')
      .values({ key: 'demo_loaded', value: JSON.stringify({ at: new Date().toISOString(), counts }) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const root = await trx.selectFrom('org_unit').select('code').where('parent_code', 'is', null).orderBy('code').executeTakeFirstOrThrow();
    await recordAudit(trx, {
      unitCode: root.code,
      actorUserId: null,
      actorName: '系统',
      action: 'demo.load',
      objectType: 'database',
      objectId: 'demo',
      after: counts,
    });
  });
  options.log?.(`演示数据已载入（${((Date.now() - started) / 1000).toFixed(1)} 秒）：${JSON.stringify(counts)}`);
  return counts;
}

export async function bootDatabase(options: BootOptions): Promise<Booted> {
  const log = options.log ?? (() => undefined);
  const database = await openDatabase({ databaseUrl: options.databaseUrl, dataDir: options.dataDir });
  try {
    log(`数据库：${database.location}`);
    const report = await migrate(database);
    if (report.applied.length) log(`已应用迁移：${report.applied.join(', ')}`);
    await loadReferenceData(database);
    const interrupted = await failInterruptedJobs(database.db);
    if (interrupted) log(`上次停止时有 ${interrupted} 个导入任务未完成，已标记为失败（名录库未被修改），请重新导入。`);
    let demoJustLoaded = false;
    if (options.demoOnFirstStart && !(await hasOrgUnits(database))) {
      log('首次启动：正在载入演示数据……');
      await loadDemoWithAudit(database, { entitiesPerCounty: options.demoEntitiesPerCounty, log });
      demoJustLoaded = true;
    }
    return { database, migrationsApplied: report.applied, demoLoaded: await demoIsLoaded(database), demoJustLoaded };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}
