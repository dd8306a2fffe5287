// What the `ssj import` / `ssj export` commands of a directory share: the file that must exist,
// the row import run as the command line's system user of the owning unit (--unit; the audit rows
// name 'ssj 命令行'), the count it reports, and the export of a unit's rows to an .xlsx file.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { loadScope } from '../server/access/scope.ts';
import type { ImportActor, RowImportResult } from '../server/files/rowImport.ts';
import { dbOptions, withDatabase } from './dbOptions.ts';
import { reportCommandError } from './reportCommandError.ts';

export const CLI_ACTOR_NAME = 'ssj 命令行';

/** False (and the exit code set, the path named) when the file to import is not there. */
export function importFileExists(file: string): boolean {
  if (fs.existsSync(file)) return true;
  console.error(`找不到文件 ${file}，请检查路径。`);
  process.exitCode = 1;
  return false;
}

/** `ssj import <name> <file> --unit <code> [--dry-run]`: an all-or-nothing row import. */
export function rowImportCommand(
  importCommand: Command,
  spec: {
    name: string;
    description: string;
    fileHelp: string;
    unitHelp: string;
    /** The measure word of the counts: 个, 人. */
    unit: string;
    run: (db: Kysely<DB>, filePath: string, fileName: string, actor: ImportActor, options: { dryRun: boolean }) => Promise<RowImportResult>;
  },
): void {
  dbOptions(
    importCommand
      .command(spec.name)
      .description(spec.description)
      .argument('<file>', spec.fileHelp)
      .requiredOption('--unit <code>', spec.unitHelp)
      .option('--dry-run', '只检查，不写入'),
  ).action(async (file: string, opts) => {
    if (!importFileExists(file)) return;
    await withDatabase(opts, async (database) => {
      try {
        const actor = { userId: null, name: CLI_ACTOR_NAME, unitCode: opts.unit };
        const result = await spec.run(database.db, path.resolve(file), path.basename(file), actor, { dryRun: Boolean(opts.dryRun) });
        const u = spec.unit;
        console.log(
          `${result.dryRun ? '检查完成（未写入）' : '导入完成'}：共 ${result.total} 行，新增 ${result.created} ${u}，更新 ${result.updated} ${u}，无变化 ${result.unchanged} ${u}。`,
        );
      } catch (error) {
        reportCommandError(error);
      }
    });
  });
}

/** The action of `ssj export <name> --unit <code> --out <file>`: the unit's rows and those below it, to an .xlsx file. */
export function exportAction(
  write: (db: Kysely<DB>, unitCodes: readonly string[], opts: Record<string, string>) => Promise<{ buffer: Buffer; count: number }>,
  done: (unitName: string, count: number, out: string) => string,
) {
  return async (opts: Record<string, string> & { dataDir: string; unit: string; out: string }) => {
    await withDatabase(opts, async (database) => {
      try {
        const scope = await loadScope(database.db, opts.unit);
        const { buffer, count } = await write(database.db, scope.unitCodes, opts);
        fs.writeFileSync(opts.out, buffer);
        console.log(done(scope.unitName, count, opts.out));
      } catch (error) {
        reportCommandError(error);
      }
    });
  };
}
