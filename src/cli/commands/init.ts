// ssj init — a real installation's first start: the org tree from the operator's file and the
// first system administrator, whose one-time password is printed once (docs/operator-guide.md,
// 正式部署的首次启动). `ssj init --template FILE` writes the file's template.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { unitKindLabel, type UnitKind } from '../../core/glossary.ts';
import { migrate } from '../../db/migrate.ts';
import { loadReferenceData } from '../../db/reference-data.ts';
import { initInstallation, orgTreeTemplate } from '../../server/orgs/installCommands.ts';
import { dbOptions, withDatabase } from '../dbOptions.ts';
import { CLI_ACTOR_NAME, importFileExists } from '../directoryFiles.ts';
import { reportCommandError } from '../reportCommandError.ts';

/** What `ssj serve --no-demo` says instead of starting a server nobody can log into. */
export const EMPTY_INSTALLATION_HINT =
  '数据库中还没有组织机构和账号，启动后无人能够登录，服务未启动。\n' +
  '正式部署请先建立组织机构和第一个系统管理员：\n' +
  '  1. ssj init --template 组织机构.xlsx            （得到模板，按本局的单位填写）\n' +
  '  2. ssj init --org-tree 组织机构.xlsx --admin-username admin --admin-name 姓名\n' +
  '然后再次启动。只想试用平台，请去掉 --no-demo，首次启动会载入演示数据。（详见 docs/operator-guide.md「正式部署的首次启动」）';

/** The fill of `ssj serve --no-demo` for a database without units: refuse to start, saying what to run. */
export async function refuseEmptyInstallation(): Promise<never> {
  throw new Error(EMPTY_INSTALLATION_HINT);
}

export function registerInitCommand(program: Command): void {
  dbOptions(
    program
      .command('init')
      .description('正式部署的首次启动：从文件建立组织机构和第一个系统管理员（仅限空数据库）')
      .option(
        '--org-tree <file>',
        '组织机构文件（.xlsx/.csv），第 1 行为表头：单位代码、单位名称、上级单位代码、单位类型（及简称、部门类别）',
      )
      .option('--admin-username <username>', '第一个系统管理员的用户名（3–40 位小写字母、数字、点、下划线或连字符）')
      .option('--admin-name <name>', '系统管理员姓名', '系统管理员')
      .option('--admin-unit <code>', '系统管理员所在单位的代码（默认为省级根单位）')
      .option('--template <file>', '只写出组织机构文件的模板（.xlsx），不使用数据库'),
  ).action(async (opts) => {
    if (opts.template) {
      fs.writeFileSync(opts.template, await orgTreeTemplate());
      console.log(
        `已写出组织机构模板 ${opts.template}：按“填写说明”工作表改为本局的单位后，运行 ssj init --org-tree ${opts.template} --admin-username 用户名。`,
      );
      return;
    }
    if (!opts.orgTree || !opts.adminUsername) {
      console.error(
        '请指定组织机构文件和系统管理员用户名，如：ssj init --org-tree 组织机构.xlsx --admin-username admin。模板：ssj init --template 组织机构.xlsx。',
      );
      process.exitCode = 1;
      return;
    }
    if (!importFileExists(opts.orgTree)) return;
    await withDatabase(opts, async (database) => {
      await migrate(database);
      await loadReferenceData(database);
      try {
        const { units, admin } = await initInstallation(database.db, {
          filePath: path.resolve(opts.orgTree),
          fileName: path.basename(opts.orgTree),
          adminUsername: opts.adminUsername,
          adminName: opts.adminName,
          adminUnitCode: opts.adminUnit,
          actorName: CLI_ACTOR_NAME,
        });
        const byKind = (Object.keys(unitKindLabel) as UnitKind[])
          .map((kind) => [kind, units.filter((u) => u.kind === kind).length] as const)
          .filter(([, n]) => n > 0)
          .map(([kind, n]) => `${unitKindLabel[kind]} ${n}`)
          .join('，');
        const adminUnit = units.find((u) => u.code === admin.unitCode)!;
        console.log(`已建立组织机构：共 ${units.length} 个单位（${byKind}）。`);
        console.log(`第一个系统管理员：${admin.username}（${admin.displayName}，${adminUnit.name}）`);
        console.log(`一次性密码：${admin.password}`);
        console.log('此密码只显示这一次，请立即记下并当面交给本人；首次登录后须改为自己的密码。');
        console.log('下一步：启动服务（ssj serve 或 npm start），用此账号登录监管端控制台，增设账号和名录库。');
      } catch (error) {
        reportCommandError(error);
      }
    });
  });
}
