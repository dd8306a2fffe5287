// Reference data (reference/README.md): administrative divisions (GB/T 2260), industries
// (GB/T 4754-2017) and the holiday calendar, loaded from the files in reference/ on every
// start. Parsing is pure (tested without a database); loading is idempotent.
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { DB, RefDivisionTable, RefHolidayTable, RefIndustryTable } from './schema.ts';

/** Where the reference files live (repository root / reference). */
export const referenceDir = path.resolve(import.meta.dirname, '../../reference');

export const referenceFiles = {
  divisions: 'cn-divisions-to-county.csv',
  industries: 'gbt4754-2017-full-unverified.csv',
  holidays: 'cn-holidays-2023-2026.json',
} as const;

export type DivisionRow = Insertable<RefDivisionTable>;
export type IndustryRow = Insertable<RefIndustryTable>;
export type HolidayRow = Insertable<RefHolidayTable>;

// ---------------------------------------------------------------- CSV

/**
 * RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF
 * line ends; a leading BOM is dropped; blank lines are skipped.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else {
      field += c;
    }
  }
  if (quoted) throw new Error('CSV 格式错误：引号没有闭合');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** CSV with a header line → one object per record, keyed by the header's column names. */
export function parseCsvRecords(text: string): Array<Record<string, string>> {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((cells, index) => {
    if (cells.length !== header.length) {
      throw new Error(`CSV 第 ${index + 2} 行有 ${cells.length} 列，表头有 ${header.length} 列`);
    }
    return Object.fromEntries(header.map((name, column) => [name, cells[column]!]));
  });
}

// ---------------------------------------------------------------- divisions (GB/T 2260)

const DIVISION_LEVEL: Record<string, number> = { province: 1, city: 2, county: 3 };

/**
 * cn-divisions-to-county.csv (`code,name,level,parent`) → ref_division rows. Levels
 * province/city/county become 1/2/3. County-level units of the municipalities (北京 …)
 * and the 省直辖县级 units have a province as their parent: kept as given.
 */
export function parseDivisions(csvText: string): DivisionRow[] {
  const rows = parseCsvRecords(csvText).map((record, index): DivisionRow => {
    const where = `区划代码第 ${index + 2} 行`;
    const code = record.code ?? '';
    const level = DIVISION_LEVEL[record.level ?? ''];
    if (!/^\d{6}$/.test(code)) throw new Error(`${where}：代码 ${JSON.stringify(code)} 不是 6 位数字`);
    if (level === undefined) throw new Error(`${where}：级别 ${JSON.stringify(record.level)} 应为 province/city/county`);
    if (!record.name) throw new Error(`${where}：名称为空`);
    const parent = record.parent ?? '';
    if ((level === 1) !== (parent === '')) throw new Error(`${where}：只有省级单位没有上级代码`);
    return { code, name: record.name, level, parent_code: parent === '' ? null : parent };
  });
  checkTree(rows, '区划代码');
  return rows;
}

// ---------------------------------------------------------------- industries (GB/T 4754-2017)

const INDUSTRY_LEVEL: Record<string, number> = { 门类: 1, 大类: 2, 中类: 3, 小类: 4 };

/**
 * gbt4754-2017-full-unverified.csv (`section,code,level,name,note`) → ref_industry rows.
 * Parents follow the code structure: 大类 '52' → 门类 'F' (its section column); 中类 '526'
 * → '52'; 小类 '5265' → '526'.
 */
export function parseIndustries(csvText: string): IndustryRow[] {
  const rows = parseCsvRecords(csvText).map((record, index): IndustryRow => {
    const where = `行业分类第 ${index + 2} 行`;
    const code = record.code ?? '';
    const level = INDUSTRY_LEVEL[record.level ?? ''];
    if (level === undefined) throw new Error(`${where}：级别 ${JSON.stringify(record.level)} 应为 门类/大类/中类/小类`);
    const pattern = level === 1 ? /^[A-T]$/ : new RegExp(`^\\d{${level}}$`);
    if (!pattern.test(code)) throw new Error(`${where}：${record.level}代码 ${JSON.stringify(code)} 格式不对`);
    if (!record.name) throw new Error(`${where}：名称为空`);
    const parent = level === 1 ? null : level === 2 ? (record.section ?? '') : code.slice(0, level - 1);
    return { code, name: record.name, level, parent_code: parent };
  });
  checkTree(rows, '行业分类');
  return rows;
}

/** Codes unique, every parent present and exactly one level up. */
function checkTree(rows: Array<{ code: string; level: number; parent_code?: string | null }>, what: string): void {
  const levelOf = new Map<string, number>();
  for (const row of rows) {
    if (levelOf.has(row.code)) throw new Error(`${what}：代码 ${row.code} 重复`);
    levelOf.set(row.code, row.level);
  }
  for (const row of rows) {
    if (!row.parent_code) continue;
    const parentLevel = levelOf.get(row.parent_code);
    if (parentLevel === undefined) throw new Error(`${what}：${row.code} 的上级 ${row.parent_code} 不存在`);
    if (parentLevel >= row.level) throw new Error(`${what}：${row.code} 的上级 ${row.parent_code} 级别不比它高`);
  }
}

// ---------------------------------------------------------------- holidays

interface HolidayFile {
  years: Record<string, { offDays: Array<{ date: string; name: string }>; adjustedWorkdays: Array<{ date: string; name: string }> }>;
}

/**
 * cn-holidays-2023-2026.json → ref_holiday rows: statutory off days (is_off_day true) and
 * 调休 working weekend days (false). A date listed twice must agree with itself.
 */
export function parseHolidays(jsonText: string): HolidayRow[] {
  const file = JSON.parse(jsonText) as HolidayFile;
  const byDay = new Map<string, HolidayRow>();
  for (const [year, days] of Object.entries(file.years ?? {})) {
    const entries = [
      ...(days.offDays ?? []).map((d) => ({ ...d, off: true })),
      ...(days.adjustedWorkdays ?? []).map((d) => ({ ...d, off: false })),
    ];
    for (const { date, name, off } of entries) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
        throw new Error(`节假日 ${year}：日期 ${JSON.stringify(date)} 格式不对`);
      }
      const known = byDay.get(date);
      if (known && known.is_off_day !== off) throw new Error(`节假日：${date} 既是休息日又是调休上班日`);
      byDay.set(date, { day: date, is_off_day: off, name });
    }
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

// ---------------------------------------------------------------- loading

export interface ReferenceData {
  divisions: DivisionRow[];
  industries: IndustryRow[];
  holidays: HolidayRow[];
}

/** Reads and parses the three reference files (throws on any malformed row). */
export function readReferenceData(dir = referenceDir): ReferenceData {
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  return {
    divisions: parseDivisions(read(referenceFiles.divisions)),
    industries: parseIndustries(read(referenceFiles.industries)),
    holidays: parseHolidays(read(referenceFiles.holidays)),
  };
}

/** Rows per INSERT statement in bulk loads (also keeps parameters far below 65,535). */
export const INSERT_BATCH_SIZE = 1000;

/**
 * Inserts rows with multi-row INSERT statements of at most `batchSize` rows, in order
 * (so parents can precede children). Returns the number of rows inserted. Pass a
 * transaction to make the whole load atomic.
 */
export async function insertInBatches<T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: ReadonlyArray<Insertable<DB[T]>>,
  options: { onConflictDoNothing?: boolean; batchSize?: number; onBatch?: (inserted: number, total: number) => void } = {},
): Promise<number> {
  const batchSize = Math.min(options.batchSize ?? INSERT_BATCH_SIZE, INSERT_BATCH_SIZE);
  let inserted = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    // Kysely cannot type a generic table name's values: the rows are typed by the signature.
    let query = db.insertInto(table).values(batch as never);
    if (options.onConflictDoNothing) query = query.onConflict((oc) => oc.doNothing());
    const result = await query.executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
    options.onBatch?.(Math.min(start + batchSize, rows.length), rows.length);
  }
  return inserted;
}

export interface ReferenceCounts {
  divisions: number;
  industries: number;
  holidays: number;
}

/**
 * Fills ref_division, ref_industry and ref_holiday from reference/ in one transaction.
 * Idempotent: rows already present (including operator edits) are left alone
 * (ON CONFLICT DO NOTHING), so it runs on every start. Returns the row count of each
 * table afterwards.
 */
export async function loadReferenceData(database: Database, options: { dir?: string } = {}): Promise<ReferenceCounts> {
  const data = readReferenceData(options.dir);
  return database.db.transaction().execute(async (trx) => {
    // Parents first: the file lists provinces, then cities, then counties; sort anyway.
    const divisions = [...data.divisions].sort((a, b) => a.level - b.level);
    await insertInBatches(trx, 'ref_division', divisions, { onConflictDoNothing: true });
    await insertInBatches(trx, 'ref_industry', data.industries, { onConflictDoNothing: true });
    await insertInBatches(trx, 'ref_holiday', data.holidays, { onConflictDoNothing: true });
    return countReferenceRows(trx);
  });
}

async function countReferenceRows(db: Kysely<DB>): Promise<ReferenceCounts> {
  const result = await sql<{ divisions: string; industries: string; holidays: string }>`
    SELECT (SELECT count(*) FROM ref_division) AS divisions,
           (SELECT count(*) FROM ref_industry) AS industries,
           (SELECT count(*) FROM ref_holiday) AS holidays`.execute(db);
  const row = result.rows[0]!;
  return { divisions: Number(row.divisions), industries: Number(row.industries), holidays: Number(row.holidays) };
}
