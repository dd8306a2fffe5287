// ssj — command-line interface of the 双随机、一公开 platform. Thin wrappers over server/core.
import { Command, Option } from 'commander';
import { dbOptions, withDatabase } from './dbOptions.ts';
import { registerEntityCommands } from './commands/entities.ts';
import { registerCheckItemCommands } from './commands/checkItems.ts';
import { registerInspectorCommands } from './commands/inspectors.ts';
import { registerObjectCommands } from './commands/objects.ts';
import { registerVerifyCommand } from './commands/verify.ts';
import { registerPlanCommands } from './commands/plans.ts';
import { registerDrawCommands } from './commands/draws.ts';
import { registerDatabaseCommands } from './commands/database.ts';
import { registerIndicatorCommands } from './commands/indicators.ts';
import { loadConfig } from '../server/config.ts';
import { startServer } from '../server/main.ts';
import { migrate } from '../db/migrate.ts';
import { loadReferenceData } from '../db/reference-data.ts';
import { hasOrgUnits } from '../server/boot.ts';
import { demoForEmptyDatabase, loadDemoWithAudit } from '../demo/installDemo.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { refuseEmptyInstallation, registerInitCommand } from './commands/init.ts';
import { DEMO_PASSWORD, demoAccounts } from '../demo/accounts.ts';
import { buildWeb, webBuildIsStale } from './webBuild.ts';
import { verifyPassword } from '../server/auth/password.ts';
import type { Database } from '../db/database.ts';

const log = (line: string) => console.log(line);

function printDemoAccounts(): void {
  log('');
  log('演示账号（密码均为 ' + DEMO_PASSWORD + '）：');
  for (const account of demoAccounts) {
    log(`  ${account.username.padEnd(16)} ${account.displayName}  ${account.unitName} · ${account.roleLabel}`);
  }
  log('');
}

async function demoPasswordStillWorks(database: Database): Promise<boolean> {
  const first = demoAccounts[0];
  if (!first) return false;
  const row = await database.db.selectFrom('app_user').select('password_hash').where('username', '=', first.username).executeTakeFirst();
  return row !== undefined && (await verifyPassword(row.password_hash, DEMO_PASSWORD));
}

const program = new Command();
program.name('ssj').description('双随机、一公开 市场监管随机抽查平台').showHelpAfterError('（使用 --help 查看用法）');

dbOptions(
  program
    .command('serve')
    .description('启动服务：网页控制台、公示门户和 API（默认 http://localhost:3000）')
    .addOption(new Option('-p, --port <port>', '监听端口').env('PORT').default('3000'))
    .addOption(new Option('--host <host>', '监听地址').env('HOST').default('0.0.0.0'))
    .option('--no-demo', '首次启动时不载入演示数据（正式部署：先用 ssj init 建立组织机构和系统管理员）')
    .option('--no-build', '不检查/构建网页控制台'),
).action(async (opts) => {
  const config = loadConfig({ port: opts.port, host: opts.host, dataDir: opts.dataDir, databaseUrl: opts.databaseUrl || undefined });
  if (opts.build && webBuildIsStale(config.webDir)) await buildWeb(log);
  const server = await startServer(config, { fillEmptyDatabase: opts.demo ? demoForEmptyDatabase() : refuseEmptyInstallation, log });
  log(`双随机、一公开监管平台已启动：${server.url}`);
  log(`  监管端控制台 ${server.url}/console    公示门户 ${server.url}/gs    接口说明 ${server.url}/api/docs`);
  // On every start while the demo accounts still open with the demo password (a newcomer who
  // restarts has them again); never once that password has been changed.
  if (server.booted.demoLoaded || (await demoPasswordStillWorks(server.booted.database))) printDemoAccounts();
  const stop = async () => {
    log('正在停止……');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
});

dbOptions(program.command('migrate').description('应用数据库迁移（只增不改）并载入参考数据')).action(async (opts) => {
  await withDatabase(opts, async (database) => {
    const report = await migrate(database);
    const ref = await loadReferenceData(database);
    log(`${database.location}：新应用 ${report.applied.length} 个迁移，已有 ${report.alreadyApplied} 个。参考数据：${JSON.stringify(ref)}`);
  });
});

dbOptions(program.command('demo').description('载入演示数据（仅限空数据库）'))
  .option('--entities-per-county <n>', '每个县的市场主体数（默认按演示规模）')
  .action(async (opts) => {
    await withDatabase(opts, async (database) => {
      await migrate(database);
      await loadReferenceData(database);
      if (await hasOrgUnits(database)) {
        console.error('数据库中已有组织机构，演示数据只能载入空数据库。请换一个空的数据目录（--data-dir）或数据库。');
        process.exitCode = 2;
        return;
      }
      await loadDemoWithAudit(database, { entitiesPerCounty: opts.entitiesPerCounty ? Number(opts.entitiesPerCounty) : undefined, log });
      printDemoAccounts();
    });
  });

registerInitCommand(program);

const importCommand = program.command('import').description('从 .xlsx / .csv 文件导入（--dry-run 只检查不写入）');
const exportCommand = program.command('export').description('导出为 .xlsx 文件');
registerEntityCommands(importCommand, exportCommand);
registerCheckItemCommands(importCommand, exportCommand);
registerInspectorCommands(importCommand, exportCommand);
registerObjectCommands(importCommand, exportCommand);
registerPlanCommands(program);
registerDrawCommands(program);
registerVerifyCommand(program);
registerDatabaseCommands(program);
registerIndicatorCommands(program);
registerAuditCommands(program);

program.parseAsync(process.argv).catch((error: Error) => {
  console.error(`错误：${error.message}`);
  process.exitCode = 1;
});
