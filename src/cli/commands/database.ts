// ssj db copy --to URL: moves an installation (usually the embedded PGlite of ./data) to an
// empty PostgreSQL server database or Citus coordinator, then checks the copy there — the same
// row count in every table and every audit chain intact. See docs/operator-guide.md.
import type { Command } from 'commander';
import { dbOptions, withDatabase } from '../dbOptions.ts';
import { copyDatabase, CopyRefused } from '../../db/copyDatabase.ts';
import { openDatabase } from '../../db/database.ts';
import { verifyAuditChain } from '../../server/audit/verifyAuditChain.ts';

export function registerDatabaseCommands(program: Command): void {
  const db = program.command('db').description('数据库的迁移与备份');
  dbOptions(
    db
      .command('copy')
      .description('把当前数据库（默认嵌入式 ./data/pglite）完整复制到一个空的 PostgreSQL 数据库，并在目标库上校验行数与审计链')
      .requiredOption('--to <url>', '目标 PostgreSQL 连接串，如 postgres://postgres@127.0.0.1:5432/ssj（须为空库）'),
  ).action(async (opts) => {
    await withDatabase(opts, async (source) => {
      console.log(`源数据库：${source.location}`);
      let report;
      try {
        report = await copyDatabase(source, opts.to, (p) => {
          console.log(`  [${p.tablesDone}/${p.tables}] ${p.table}：${p.rows.toLocaleString()} 行`);
        });
      } catch (error) {
        if (error instanceof CopyRefused) {
          console.error(error.message);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
      console.log(`已复制 ${report.tables.length} 张表、共 ${report.totalRows.toLocaleString()} 行到 ${report.target}，各表行数与源库一致。`);
      const target = await openDatabase({ databaseUrl: opts.to });
      try {
        const chains = await verifyAuditChain(target.db);
        if (!chains.ok) {
          console.error(`目标库审计链校验失败：${chains.firstBroken?.message ?? ''}`);
          process.exitCode = 1;
          return;
        }
        console.log(`目标库审计链完整：${chains.chains} 条链，共 ${chains.checked} 条记录。`);
        console.log(`现在可以用 DATABASE_URL=${report.target} npm start（或 ssj serve --database-url …）在 PostgreSQL 上启动。`);
      } finally {
        await target.close();
      }
    });
  });
}
