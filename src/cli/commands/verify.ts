// ssj verify BUNDLE.json — checks a draw bundle (docs/draw-spec.md §9, §10) with the same pure
// engine the portal page /gs/verify runs in the browser. Exit 0 VALID, 1 INVALID (the first
// mismatch is named), 2 the file cannot be read or is not JSON.
import fs from 'node:fs';
import type { Command } from 'commander';
import { verifyBundle, type VerifyResult } from '../../core/draw/index.ts';

const SCOPE_LABEL = { auditor: '审计版', public: '公示版' } as const;

/** The one line the CLI prints for a result. */
export function formatVerifyResult(result: VerifyResult): string {
  if (result.status === 'VALID') return `VALID（${SCOPE_LABEL[result.scope]}）`;
  return `INVALID：第一处不符 ${result.field}：应为 ${result.expected}，实为 ${result.found}`;
}

export function registerVerifyCommand(program: Command): void {
  program
    .command('verify <bundle>')
    .description('验证摇号结果包（ssj-draw/1）：重算承诺、种子、分配、号签、样本与备选顺序，输出 VALID 或第一处不符')
    .option('--json', '以 JSON 输出验证结果')
    .action((file: string, opts: { json?: boolean }) => {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        console.error(`无法读取文件 ${file}：${(e as Error).message}`);
        process.exitCode = 2;
        return;
      }
      let bundle: unknown;
      try {
        bundle = JSON.parse(text);
      } catch (e) {
        console.error(`文件 ${file} 不是有效的 JSON，无法作为摇号结果包验证：${(e as Error).message}`);
        process.exitCode = 2;
        return;
      }
      const result = verifyBundle(bundle);
      console.log(opts.json ? JSON.stringify(result, null, 2) : formatVerifyResult(result));
      if (result.status === 'VALID' && !opts.json) {
        // The classification each group's class column is (docs/draw-spec.md §11), checked with P.
        for (const g of (bundle as { params: { groups: { code: string; classification?: string }[] } }).params.groups) {
          console.log(`抽查组 ${g.code} 风险分类依据：${g.classification ?? '信用风险分类'}`);
        }
      }
      process.exitCode = result.status === 'VALID' ? 0 : 1;
    });
}
