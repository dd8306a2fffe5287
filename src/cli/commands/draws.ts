// ssj draw export TASK --out FILE [--public]: the bundle of a task's draw of record
// (the latest drawn, not voided, draw of the batch), or of a draw code such as 140581-2025-001-1.
import fs from 'node:fs';
import type { Command } from 'commander';
import { dbOptions, withDatabase } from '../dbOptions.ts';
import { bundleFile } from '../../server/draws/drawViews.ts';
import { drawQuery, drawsOfTask } from '../../server/draws/policy.ts';

export function registerDrawCommands(program: Command): void {
  const draw = program.command('draw').description('双随机抽取');
  dbOptions(
    draw
      .command('export')
      .description('导出抽取包（JSON）：审计包含抽查名录与排除名单，--public 只含哈希与户数；可用 ssj verify 复核')
      .argument('<task>', '任务编号（如 140581-2025-001，合并抽取的任一任务亦可）或抽取编号（如 140581-2025-001-1）')
      .requiredOption('--out <file>', '输出文件，如 draw.bundle.json')
      .option('--batch <n>', '批次（任务编号时使用，默认 1）', '1')
      .option('--public', '导出公开包（不含名录，只含哈希与各等级户数）'),
  ).action(async (task: string, opts) => {
    await withDatabase(opts, async (database) => {
      const db = database.db;
      const byCode = await drawQuery(db).where('d.draw_code', '=', task).executeTakeFirst();
      const row =
        byCode ??
        (await drawQuery(db)
          .where(drawsOfTask(task))
          .where('d.batch_no', '=', Number(opts.batch))
          .where('d.status', '=', 'drawn')
          .orderBy('d.attempt', 'desc')
          .executeTakeFirst());
      if (!row) {
        console.error(`没有找到任务或抽取编号 ${task} 的已摇号抽取记录（第 ${opts.batch} 批）。`);
        process.exitCode = 1;
        return;
      }
      if (row.status !== 'drawn') {
        console.error(`抽取记录 ${row.draw_code} 当前为“${row.status === 'voided' ? '已作废' : '已承诺、待摇号'}”，没有抽取包。`);
        process.exitCode = 1;
        return;
      }
      const bundle = await bundleFile(db, row, opts.public ? 'public' : 'auditor');
      fs.writeFileSync(opts.out, JSON.stringify(bundle, null, 2));
      console.log(
        `已导出 ${row.draw_code} 的${opts.public ? '公开' : '审计'}抽取包到 ${opts.out}（抽中 ${bundle.sample.length} 户，备选 ${bundle.reserves.length} 户）。`,
      );
    });
  });
}
