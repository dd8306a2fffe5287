// ssj audit verify | anchor — the audit log's hash chains and their anchored heads.
import fs from 'node:fs';
import type { Command } from 'commander';
import { dbOptions, withDatabase } from '../dbOptions.ts';
import { parseAnchorFile, type ChainHead } from '../../core/audit/anchor.ts';
import { anchorAuditChains, latestAnchors, verifyWithAnchors } from '../../server/audit/auditAnchor.ts';

const log = (line: string) => console.log(line);

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('审计日志');

  dbOptions(
    audit
      .command('verify')
      .description('校验审计日志哈希链；链断或链首不再到达锚定位置时指出第一处问题并以状态码 1 退出')
      .option('--anchor <file>', '用 ssj audit anchor 保存的锚定文件核对链首（检出锚定后从链尾删除的记录）')
      .option('--anchored', '用数据库中最近一次锚定的链首核对（锚定表本身也可能被改动，以保存在库外的文件为准）'),
  ).action(async (opts: { anchor?: string; anchored?: boolean; dataDir: string; databaseUrl?: string }) => {
    let fileAnchors: ChainHead[] | null = null;
    if (opts.anchor) {
      if (!fs.existsSync(opts.anchor)) {
        console.error(`找不到锚定文件 ${opts.anchor}，请检查路径。`);
        process.exitCode = 1;
        return;
      }
      try {
        fileAnchors = parseAnchorFile(fs.readFileSync(opts.anchor, 'utf8')).heads;
      } catch (error) {
        console.error(error instanceof SyntaxError ? `锚定文件 ${opts.anchor} 不是有效的 JSON，请使用 ssj audit anchor 生成的文件。` : (error as Error).message);
        process.exitCode = 1;
        return;
      }
    }
    await withDatabase(opts, async (database) => {
      const anchors = fileAnchors ?? (opts.anchored ? await latestAnchors(database.db) : []);
      const result = await verifyWithAnchors(database.db, anchors, {
        onProgress: (n) => {
          if (process.stderr.isTTY) process.stderr.write(`\r已校验 ${n} 条`);
        },
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      if (result.firstBroken) {
        console.error(`审计链断裂：${result.firstBroken.message}`);
        console.error(JSON.stringify(result.firstBroken));
        log(`断点之前已校验 ${result.checked} 条记录。`);
        process.exitCode = 1;
        return;
      }
      if (result.anchorBroken) {
        console.error(`审计链与锚定不符：${result.anchorBroken.message}`);
        console.error(JSON.stringify(result.anchorBroken));
        process.exitCode = 1;
        return;
      }
      log(`审计链完整：${result.chains} 条链，共 ${result.checked} 条记录。${anchors.length ? `已核对 ${anchors.length} 个锚定的链首。` : '未核对锚定（链尾被删除只有核对锚定才能发现，见 --anchor）。'}`);
    });
  });

  dbOptions(
    audit
      .command('anchor')
      .description('锚定各审计链的链首：写入数据库并输出 JSON；请把输出与每日备份一同保存在数据库之外')
      .option('--out <file>', '把锚定写入此文件（默认输出到屏幕）'),
  ).action(async (opts: { out?: string; dataDir: string; databaseUrl?: string }) => {
    await withDatabase(opts, async (database) => {
      const anchored = await anchorAuditChains(database.db);
      const text = `${JSON.stringify(anchored, null, 2)}\n`;
      if (opts.out) {
        fs.writeFileSync(opts.out, text);
        log(`已锚定 ${anchored.heads.length} 条审计链的链首，写入 ${opts.out}。请把该文件与备份一同保存在数据库之外。`);
      } else {
        process.stdout.write(text);
      }
    });
  });
}
