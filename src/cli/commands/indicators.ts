// ssj indicators --unit CODE --year YYYY [--json]: the same numbers as the console's 统计分析
// (docs/indicators.md), read as a system user of the unit.
import type { Command } from 'commander';
import { dbOptions, withDatabase } from '../dbOptions.ts';
import { loadScope } from '../../server/access/scope.ts';
import { AppError } from '../../server/http/errors.ts';
import type { Caller } from '../../server/http/route.ts';
import { indicatorsOfUnit } from '../../server/indicators/indicatorViews.ts';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const lightText = { green: '达标', amber: '接近目标', red: '未达标', none: '' } as const;

export function registerIndicatorCommands(program: Command): void {
  dbOptions(
    program
      .command('indicators')
      .description('统计指标：单位（含下级单位）某年度的全部考核指标')
      .requiredOption('--unit <code>', '单位代码，如 140581')
      .requiredOption('--year <year>', '年度，如 2025')
      .option('--json', '以 JSON 输出'),
  ).action(async (opts: { unit: string; year: string; json?: boolean; dataDir: string; databaseUrl?: string }) => {
    const year = Number(opts.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      console.error(`--year ${opts.year} 不是有效年度：请写四位年份，如 2025。`);
      process.exitCode = 1;
      return;
    }
    await withDatabase(opts, async (database) => {
      const db = database.db;
      try {
        const caller: Caller = {
          userId: '',
          username: 'ssj',
          displayName: 'ssj 命令行',
          role: 'leader',
          scope: await loadScope(db, opts.unit),
          sessionTokenHash: '',
        };
        const view = await indicatorsOfUnit(db, caller, { unitCode: opts.unit, year });
        if (opts.json) {
          const indicators = view.indicators.map(({ key, name, numerator, denominator, value, target, met }) => ({
            key,
            name,
            numerator,
            denominator,
            value,
            target,
            met,
          }));
          console.log(JSON.stringify({ unit: view.unit.code, year, indicators }, null, 2));
          return;
        }
        console.log(`${view.unit.name} ${year} 年度统计指标`);
        for (const f of view.indicators) {
          const target = f.target === null ? '' : `（目标 ${percent(f.target)}）`;
          console.log(`  ${f.name}：${percent(f.value)} = ${f.numerator} / ${f.denominator}${target} ${lightText[f.light]}`);
        }
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        console.error(error.message);
        process.exitCode = 1;
      }
    });
  });
}
