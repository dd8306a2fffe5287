// The demo installation: the base data set (loadDemo) and the registries, plans and inspections
// built on it through the product's own use cases, recorded in the audit log. `npm start` loads
// it into an empty database; tests and benchmarks load it directly.
import type { Database } from '../db/database.ts';
import { recordAudit } from '../server/audit/recordAudit.ts';
import { loadDemo } from './loadDemo.ts';
import { loadDemoCheckItems } from './checkItems.ts';
import { loadDemoRecusals } from './recusals.ts';
import { loadDemoJointSubLibraries, loadDemoSubLibraries } from './subLibraries.ts';
import { loadDemoDirectoryObjects } from './directoryObjects.ts';
import { loadDemoPlans } from './plans.ts';
import { linkDemoInspectorAccounts, loadDemoInspections } from './inspections.ts';

export async function loadDemoWithAudit(database: Database, options: { entitiesPerCounty?: number; log?: (line: string) => void } = {}) {
  const started = Date.now();
  const baseCounts = await loadDemo(database, { entitiesPerCounty: options.entitiesPerCounty, onProgress: options.log });
  await database.db.transaction().execute(async (trx) => {
    // The registries built on the directories: 事项清单 and claims, 回避 declarations, 名录分库.
    const checkItemClaims = await loadDemoCheckItems(trx);
    const recusals = await loadDemoRecusals(trx);
    const subLibraries = (await loadDemoSubLibraries(trx)) + (await loadDemoJointSubLibraries(trx));
    const directoryObjects = await loadDemoDirectoryObjects(trx);
    Object.assign(baseCounts, { checkItemClaims, recusals, subLibraries, directoryObjects });
    options.log?.(
      `抽查事项认领 ${checkItemClaims} 项，回避声明 ${recusals} 条，名录分库 ${subLibraries} 个，其他检查对象（产品/项目/行为/标准）${directoryObjects} 个`,
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
  options.log?.(`已公示检查结果 ${inspections.results} 条，问题台账未完结 ${inspections.followups} 项`);
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

/** For the server's first start: loads the demo into the empty database it was given. */
export function demoForEmptyDatabase(options: { entitiesPerCounty?: number } = {}) {
  return async (database: Database, log: (line: string) => void) => {
    log('首次启动：正在载入演示数据……');
    return loadDemoWithAudit(database, { entitiesPerCounty: options.entitiesPerCounty, log });
  };
}
