// Reads a 随机抽查事项清单 file (.xlsx/.csv) into items, collecting every row error so the
// user can fix the whole file at once (all-or-nothing import).
import { AppError } from '../http/errors.ts';
import { matchHeader, readSpreadsheetRows } from '../files/spreadsheet.ts';
import { ITEM_COLUMNS, parseItemRow, type CheckItemFields, type ItemColumnKey, type RowError } from './itemRows.ts';

/** A list has dozens to a few hundred items; anything far beyond is the wrong file. */
export const MAX_ITEM_ROWS = 5000;
const MAX_REPORTED_ERRORS = 500;

export interface ItemFile {
  items: CheckItemFields[];
  errors: RowError[];
  /** Data rows read (header excluded). */
  rowCount: number;
  unknownColumns: string[];
}

export async function readItemFile(filePath: string, fileName: string): Promise<ItemFile> {
  let index: Record<ItemColumnKey, number | undefined> | null = null;
  let unknownColumns: string[] = [];
  const items: CheckItemFields[] = [];
  const errors: RowError[] = [];
  const codeRows = new Map<string, number>();
  let rowCount = 0;
  for await (const row of readSpreadsheetRows(filePath, { fileName })) {
    if (!index) {
      const match = matchHeader(row.cells, ITEM_COLUMNS);
      if (match.missing.length > 0) {
        throw new AppError(
          'BAD_FILE',
          `文件「${fileName}」第 ${row.rowNumber} 行（表头）缺少必需的列：${match.missing.join('、')}。` +
            `请使用事项清单模板的表头（序号、事项编码、抽查类别、抽查事项、抽查内容、检查依据、检查对象、检查方式、检查主体、事项类别、检查人员要求、抽查指引）。` +
            (match.unknown.length > 0 ? `无法识别的列：${match.unknown.join('、')}。` : ''),
          { missing: match.missing, unknown: match.unknown, rowNumber: row.rowNumber },
        );
      }
      index = match.index;
      unknownColumns = match.unknown;
      continue;
    }
    rowCount += 1;
    if (rowCount > MAX_ITEM_ROWS) {
      throw new AppError('BAD_FILE', `文件「${fileName}」超过 ${MAX_ITEM_ROWS} 行事项，不像一份抽查事项清单。请确认选择了正确的文件。`);
    }
    const parsed = parseItemRow(row.rowNumber, row.cells, index);
    if (!parsed.item) {
      if (errors.length < MAX_REPORTED_ERRORS) errors.push(...parsed.errors);
      continue;
    }
    const firstRow = codeRows.get(parsed.item.itemCode);
    if (firstRow !== undefined) {
      errors.push({
        rowNumber: row.rowNumber,
        column: ITEM_COLUMNS.itemCode.label,
        value: parsed.item.itemCode,
        message: `事项与第 ${firstRow} 行重复（事项编码相同，或未填编码时抽查类别和抽查事项都相同），请删除重复行或填写不同的事项编码`,
      });
      continue;
    }
    codeRows.set(parsed.item.itemCode, row.rowNumber);
    items.push(parsed.item);
  }
  if (!index) throw new AppError('BAD_FILE', `文件「${fileName}」没有内容（连表头都没有），请选择填好的事项清单。`);
  if (rowCount === 0) throw new AppError('BAD_FILE', `文件「${fileName}」只有表头，没有事项行。`);
  return { items, errors, rowCount, unknownColumns };
}
