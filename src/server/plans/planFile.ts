// Reads a plan table from a file: .xlsx/.csv as a sheet (cells may hold line breaks), .tsv/.txt
// as text laid out as in the seed files (wrapped cells are joined). GBK text is detected.
import fs from 'node:fs';
import path from 'node:path';
import { type ColumnChoices, parsePlanGrid, parsePlanTable, planFieldLabel, type PlanTable } from '../../core/plan/index.ts';
import { detectTextEncoding } from '../files/csv.ts';
import { readSpreadsheetRows } from '../files/spreadsheet.ts';
import { AppError } from '../http/errors.ts';

/** A plan table has dozens of rows; anything far beyond is the wrong file. */
export const MAX_PLAN_ROWS = 2000;

export async function readPlanFile(filePath: string, fileName: string, year: number, columns: ColumnChoices = {}): Promise<PlanTable> {
  const ext = path.extname(fileName).toLowerCase();
  let table: PlanTable;
  if (ext === '.tsv' || ext === '.txt') {
    const bytes = fs.readFileSync(filePath);
    if (bytes.length === 0) throw new AppError('BAD_FILE', `文件「${fileName}」是空的，请选择填好的计划表。`);
    const text = new TextDecoder(detectTextEncoding(bytes.subarray(0, 64 * 1024))).decode(bytes);
    table = parsePlanTable(text, { year, columns });
  } else {
    const grid: string[][] = [];
    const rowNumbers: number[] = [];
    for await (const row of readSpreadsheetRows(filePath, { fileName })) {
      grid.push(row.cells);
      rowNumbers.push(row.rowNumber);
      if (grid.length > MAX_PLAN_ROWS) {
        throw new AppError('BAD_FILE', `文件「${fileName}」超过 ${MAX_PLAN_ROWS} 行，不像一份年度抽查计划表。请确认选择了正确的文件。`);
      }
    }
    if (grid.length === 0) throw new AppError('BAD_FILE', `文件「${fileName}」是空的，请选择填好的计划表。`);
    table = parsePlanGrid(grid, { year, columns }, rowNumbers);
  }
  assertReadable(table, fileName);
  return table;
}

/** A table without a header or without any task row cannot be imported at all. */
export function assertReadable(table: PlanTable, source: string): void {
  if (table.columns.length === 0) {
    throw new AppError(
      'BAD_FILE',
      `「${source}」中没有找到计划表的表头：表头一行应包含“抽查任务名称”（或“任务名称”“抽查任务”）和至少两个其他列名（序号、抽查事项、抽查对象范围、抽查比例/数量、抽查起止时间、抽查检查模式……）。`,
      { problems: table.problems },
    );
  }
  if (table.tasks.length === 0) {
    throw new AppError('BAD_FILE', `「${source}」只有表头，没有任务行。`, { columns: table.columns.map((c) => c.header) });
  }
  if (table.tasks.length > MAX_PLAN_ROWS) {
    throw new AppError('BAD_FILE', `「${source}」有 ${table.tasks.length} 个任务，超过 ${MAX_PLAN_ROWS} 个，不像一份年度抽查计划表。`);
  }
}

/** Saving needs the columns a task cannot do without (the task name): the preview shows them to map. */
export function assertImportable(table: PlanTable, source: string): void {
  if (table.missing.required.length === 0) return;
  const names = table.missing.required.map((field) => `“${planFieldLabel[field]}”`).join('、');
  throw new AppError(
    'BAD_FILE',
    `「${source}」的表头中没有${names}列：请在列对应中指定哪一列是${names}（命令行：--column 列名=字段），或把列名改为${names}后重新导入。`,
    { missing: table.missing.required },
  );
}
