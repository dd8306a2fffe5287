// How the directory commands print a refused request: the message, then up to 50 row errors of
// a refused file (src/server/files/rowImport.ts, a check-item list's), exit code 1. Anything that is not an AppError
// is rethrown.
import type { RowError } from '../server/checkItems/itemRows.ts';
import type { ImportRowError } from '../server/files/rowImport.ts';
import { AppError } from '../server/http/errors.ts';

export function reportCommandError(error: unknown): void {
  if (!(error instanceof AppError)) throw error;
  console.error(error.message);
  // A directory import numbers its rows in `row`, a check-item list import in `rowNumber`.
  const rows = (error.details as { errors?: (ImportRowError | RowError)[] } | null | undefined)?.errors ?? [];
  for (const e of rows.slice(0, 50)) {
    const row = 'row' in e ? e.row : e.rowNumber;
    console.error(`  第 ${row} 行「${e.column}」${e.value ? `（${e.value}）` : ''}：${e.message}`);
  }
  if (rows.length > 50) console.error(`  ……另有 ${rows.length - 50} 处错误未列出`);
  process.exitCode = 1;
}
