import { type CellResult, foldCell, foldWidth, quote as quoteCell, tidyCell } from './cell.ts';
import {
  type ColumnChoices,
  type ColumnSource,
  type PlanField,
  EXPECTED_FIELDS,
  REQUIRED_FIELDS,
  headerKey,
  isHeaderRow,
  likelyHeaderIndex,
  mappableFields,
  planFieldLabel,
  readColumn,
} from './columns.ts';
import { type InitiatorCell, parseCooperatingDepartments, parseInitiatingDepartment, parseInitiatorCell } from './departments.ts';
import { type ItemList, parseItemList } from './items.ts';
import { type ModeCell, parseModeCell } from './mode.ts';
import { type Period, parseDeadline, parsePeriod } from './period.ts';
import { type Frequency, type Quota, parseFrequency, parseQuotaCell } from './quota.ts';
import { type RiskPolicy, parseRiskPolicy } from './riskPolicy.ts';
import { type TaskType, parseTaskType } from './taskType.ts';

export interface PlanColumn {
  /** The header as written in the table. */
  header: string;
  /** The header as matched and remembered (folded, without spaces): see headerKey. */
  key: string;
  /** null when the column is not read as a field; its cells are kept in `extraCells`. */
  field: PlanField | null;
  /** Not read on purpose (备注, or mapped to 忽略): kept in `extraCells`, not reported. */
  ignored: boolean;
  /** How the field was decided: the header's own name, a mapping remembered or given, or not at all. */
  source: ColumnSource;
}

/** One task row. A field is null when its column is absent or its cell could not be parsed (see problems). */
export interface PlanTask {
  /** 1-based lines of the text this row came from (more than one when a cell wraps). */
  lines: number[];
  seq: number | null;
  region: string | null;
  name: string | null;
  taskType: TaskType | null;
  items: ItemList | null;
  population: string | null;
  quota: Quota | null;
  frequency: Frequency | null;
  /** Draw batches per year: from the frequency, or 1 when the table states none (an annual plan). */
  batchesPerYear: number;
  riskPolicy: RiskPolicy | null;
  period: Period | null;
  /** 完成时限, an ISO date within the plan year (parseDeadline). */
  deadline: string | null;
  initiator: InitiatorCell | null;
  initiatingDepartment: string | null;
  cooperatingDepartments: string[] | null;
  mode: ModeCell | null;
  /** Every mapped cell as written, by field. */
  raw: Partial<Record<PlanField, string>>;
  /** Cells under headers that are not known columns. */
  extraCells: { header: string; raw: string }[];
}

export interface PlanProblem {
  line: number;
  /** 1-based task row in the table; null for header problems. */
  row: number | null;
  /** The row's 序号 as written. */
  seq: string | null;
  /** The header as written; null for a whole-row problem. */
  column: string | null;
  field: PlanField | null;
  raw: string;
  /** error: the field could not be read (it is null); warning: read, but check it. */
  severity: 'error' | 'warning';
  message: string;
}

export interface SkippedLine {
  line: number;
  kind: 'blank' | 'header' | 'repeatedHeader' | 'text' | 'beforeHeader';
  text: string;
}

export interface PlanTable {
  columns: PlanColumn[];
  tasks: PlanTask[];
  problems: PlanProblem[];
  /** Every line that is not part of a task row, with why, so nothing is dropped silently. */
  skipped: SkippedLine[];
  /** Fields no column is read as: the required ones (the task name) block an import. */
  missing: { required: PlanField[]; expected: PlanField[] };
}

export interface ParsePlanTableOptions {
  /** The plan year: 起止时间 "3月—11月" becomes dates in this year. */
  year: number;
  /** Columns mapped by the unit before (remembered) or with this import (chosen), by header key. */
  columns?: ColumnChoices;
}

interface RawRow {
  lines: number[];
  cells: string[];
  columns: PlanColumn[];
}

/**
 * Parse a plan table pasted or saved as tab-separated text, laid out as in the seeds
 * : a header row, then task rows. Headers may repeat
 * (one per printed page, with a page title line between); a row with fewer cells than
 * the header that is followed by more cells is a cell wrapped onto the next line.
 */
export function parsePlanTable(text: string, options: ParsePlanTableOptions): PlanTable {
  const { rows, skipped, firstColumns, headerProblems } = splitRows(text, options.columns ?? {});
  return finishTable(rows, skipped, firstColumns, headerProblems, options);
}

/**
 * Parse a plan table already split into rows and cells (a worksheet): the first row naming
 * known columns is the header; later header rows (one per printed page) switch the columns.
 * `rowNumbers[i]` is the sheet row of `grid[i]`, reported as the problem's line.
 */
export function parsePlanGrid(
  grid: readonly (readonly string[])[],
  options: ParsePlanTableOptions,
  rowNumbers?: readonly number[],
): PlanTable {
  const rows: RawRow[] = [];
  const skipped: SkippedLine[] = [];
  const headerProblems: PlanProblem[] = [];
  let columns: PlanColumn[] = [];
  let firstColumns: PlanColumn[] = [];
  const isHeader = headerTest(grid, options.columns ?? {});
  grid.forEach((rawCells, i) => {
    const lineNo = rowNumbers?.[i] ?? i + 1;
    const cells = [...rawCells];
    while (cells.length > 0 && (cells[cells.length - 1] ?? '').trim() === '') cells.pop();
    const text = cells.join('\t');
    if (cells.length === 0) return void skipped.push({ line: lineNo, kind: 'blank', text });
    if (isHeader(i, cells)) {
      columns = columnsOf(cells, options.columns ?? {});
      skipped.push({ line: lineNo, kind: firstColumns.length === 0 ? 'header' : 'repeatedHeader', text });
      if (firstColumns.length === 0) {
        firstColumns = columns;
        headerProblems.push(...unknownHeaderProblems(columns, lineNo));
      }
      return;
    }
    if (columns.length === 0) return void skipped.push({ line: lineNo, kind: 'beforeHeader', text });
    if (cells.filter((cell) => cell.trim() !== '').length === 1 && cells.length === 1)
      return void skipped.push({ line: lineNo, kind: 'text', text });
    rows.push({ lines: [lineNo], cells, columns });
  });
  return finishTable(rows, skipped, firstColumns, headerProblems, options);
}

/**
 * One task from its cells keyed by field, as the plan editor sends them: the same cell
 * parsers and messages as an imported row.
 */
export function parseTaskCells(
  cells: Partial<Record<PlanField, string>>,
  options: ParsePlanTableOptions,
): { task: PlanTask; problems: PlanProblem[] } {
  const fields = Object.keys(cells) as PlanField[];
  const columns: PlanColumn[] = fields.map((field) => ({
    header: planFieldLabel[field],
    key: headerKey(planFieldLabel[field]),
    field,
    ignored: false,
    source: 'header',
  }));
  const problems: PlanProblem[] = [];
  const task = parseRow({ lines: [1], cells: fields.map((field) => cells[field] ?? ''), columns }, 1, options, problems);
  return { task, problems };
}

/** The columns of a header row, each read through the mappings. */
function columnsOf(cells: readonly string[], choices: ColumnChoices): PlanColumn[] {
  return cells.map((cell) => {
    const header = cell.trim();
    const { target, source } = readColumn(header, choices);
    return {
      header,
      key: headerKey(header),
      field: target === null || target === 'ignore' ? null : target,
      ignored: target === 'ignore',
      source,
    };
  });
}

/**
 * Which rows are headers: every row naming the task name and two more known columns; when no row
 * does, the one row that looks most like a header (likelyHeaderIndex), so its columns can be mapped.
 */
function headerTest(rows: readonly (readonly string[])[], choices: ColumnChoices) {
  const strict = rows.some((cells) => isHeaderRow(cells, choices));
  const likely = strict ? null : likelyHeaderIndex(rows, choices);
  return (index: number, cells: readonly string[]) => index === likely || isHeaderRow(cells, choices);
}

function missingOf(columns: readonly PlanColumn[]): PlanTable['missing'] {
  const present = new Set(columns.map((column) => column.field));
  return {
    required: REQUIRED_FIELDS.filter((field) => !present.has(field)),
    expected: EXPECTED_FIELDS.filter((field) => !present.has(field)),
  };
}

function missingColumnProblems(missing: PlanTable['missing'], lineNo: number): PlanProblem[] {
  const problem = (field: PlanField, severity: PlanProblem['severity'], message: string): PlanProblem => ({
    line: lineNo,
    row: null,
    seq: null,
    column: null,
    field,
    raw: '',
    severity,
    message,
  });
  return [
    ...missing.required.map((field) =>
      problem(
        field,
        'error',
        `表头中没有“${planFieldLabel[field]}”列：请在列对应中指定哪一列是${planFieldLabel[field]}，或把该列的列名改为“${planFieldLabel[field]}”。`,
      ),
    ),
    ...missing.expected.map((field) =>
      problem(field, 'warning', `表头中没有“${planFieldLabel[field]}”列：如表中有此列，请在列对应中指定；没有则导入后逐个任务填写。`),
    ),
  ];
}

function unknownHeaderProblems(columns: readonly PlanColumn[], lineNo: number): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const reported = new Set<string>();
  for (const column of columns) {
    if (column.field !== null || column.ignored || column.header === '' || reported.has(column.header)) continue;
    reported.add(column.header);
    problems.push({
      line: lineNo,
      row: null,
      seq: null,
      column: column.header,
      field: null,
      raw: column.header,
      severity: 'warning',
      message: `列名“${column.header}”不是已知的列，其内容原样保留：请在列对应中指定它对应的字段（${mappableFields.map((field) => planFieldLabel[field]).join('、')}）或选择“忽略”，也可把列名改为其中之一。`,
    });
  }
  return problems;
}

function finishTable(
  rows: RawRow[],
  skipped: SkippedLine[],
  firstColumns: PlanColumn[],
  headerProblems: PlanProblem[],
  options: ParsePlanTableOptions,
): PlanTable {
  const missing = missingOf(firstColumns);
  const headerLine = skipped.find((s) => s.kind === 'header')?.line ?? 1;
  const problems: PlanProblem[] = [...headerProblems];
  if (firstColumns.length > 0) problems.push(...missingColumnProblems(missing, headerLine));
  const tasks = rows.map((row, index) => parseRow(row, index + 1, options, problems));
  flagDuplicateSeq(tasks, problems);
  if (firstColumns.length === 0) {
    problems.push({
      line: 1,
      row: null,
      seq: null,
      column: null,
      field: null,
      raw: '',
      severity: 'error',
      message:
        '没有找到表头：表头一行应含“抽查任务名称”（或“任务名称”）和至少两个其他列名（序号、抽查事项、抽查对象范围……），用制表符分隔。',
    });
  }
  problems.sort((a, b) => a.line - b.line);
  return { columns: firstColumns, tasks, problems, skipped, missing };
}

function splitRows(text: string, choices: ColumnChoices) {
  const rows: RawRow[] = [];
  const skipped: SkippedLine[] = [];
  const headerProblems: PlanProblem[] = [];
  let columns: PlanColumn[] = [];
  let firstColumns: PlanColumn[] = [];
  const reportedHeaders = new Set<string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const isHeader = headerTest(
    lines.map((line) => line.split('\t')),
    choices,
  );

  lines.forEach((line, i) => {
    const lineNo = i + 1;
    const cells = line.split('\t');
    const blank = cells.every((cell) => cell.trim() === '');
    const last = rows[rows.length - 1];
    if (!blank && last && last.lines[last.lines.length - 1] === lineNo - 1 && !isHeader(i, cells)) {
      const width = last.columns.length;
      if (last.cells.length < width && last.cells.length + cells.length - 1 <= width) {
        last.cells[last.cells.length - 1] += `\n${cells[0] ?? ''}`;
        last.cells.push(...cells.slice(1));
        last.lines.push(lineNo);
        return;
      }
    }
    if (blank) return void skipped.push({ line: lineNo, kind: 'blank', text: line });
    if (isHeader(i, cells)) {
      columns = columnsOf(cells, choices);
      skipped.push({ line: lineNo, kind: firstColumns.length === 0 ? 'header' : 'repeatedHeader', text: line });
      if (firstColumns.length === 0) firstColumns = columns;
      for (const problem of unknownHeaderProblems(columns, lineNo)) {
        if (reportedHeaders.has(problem.raw)) continue;
        reportedHeaders.add(problem.raw);
        headerProblems.push(problem);
      }
      return;
    }
    if (columns.length === 0) return void skipped.push({ line: lineNo, kind: 'beforeHeader', text: line });
    if (cells.length === 1) return void skipped.push({ line: lineNo, kind: 'text', text: line });
    rows.push({ lines: [lineNo], cells, columns });
  });
  return { rows, skipped, firstColumns, headerProblems };
}

function parseRow(row: RawRow, rowNo: number, options: ParsePlanTableOptions, problems: PlanProblem[]): PlanTask {
  const line = row.lines[0] ?? 0;
  const seqIndex = row.columns.findIndex((column) => column.field === 'seq');
  const seqRaw = seqIndex >= 0 ? (row.cells[seqIndex] ?? '').trim() : null;
  const report = (column: PlanColumn | null, raw: string, severity: PlanProblem['severity'], message: string) =>
    problems.push({ line, row: rowNo, seq: seqRaw, column: column?.header ?? null, field: column?.field ?? null, raw, severity, message });

  const task: PlanTask = {
    lines: row.lines,
    seq: null,
    region: null,
    name: null,
    taskType: null,
    items: null,
    population: null,
    quota: null,
    frequency: null,
    batchesPerYear: 1,
    riskPolicy: null,
    period: null,
    deadline: null,
    initiator: null,
    initiatingDepartment: null,
    cooperatingDepartments: null,
    mode: null,
    raw: {},
    extraCells: [],
  };

  if (row.cells.length < row.columns.length) {
    report(
      null,
      row.cells.join('\t'),
      'warning',
      `本行只有${row.cells.length}列，表头有${row.columns.length}列：缺少的列按空白处理，请核对是否错列。`,
    );
  }
  row.cells.slice(row.columns.length).forEach((cell, i) => {
    if (cell.trim() === '') return;
    report(
      null,
      cell,
      'error',
      `本行第${row.columns.length + i + 1}列超出表头（表头只有${row.columns.length}列）：请删除多余内容或补上列名。`,
    );
    task.extraCells.push({ header: '', raw: cell });
  });

  row.columns.forEach((column, i) => {
    const raw = row.cells[i] ?? '';
    if (column.field === null) {
      if (column.header !== '' || raw.trim() !== '') task.extraCells.push({ header: column.header, raw });
      return;
    }
    if (column.field === 'taskCode') return; // a new plan numbers its own tasks
    task.raw[column.field] = raw;
    const warnIfCut = (col: PlanColumn, text: string) => {
      if (bracketsBalanced(text)) return;
      report(col, text, 'warning', `${col.header} ${quoteCell(text)} 的括号不成对，内容可能被截断：请核对并补全。`);
    };
    const take = <T>(result: CellResult<T>, assign: (value: T) => void) => {
      if (!result.ok) return void report(column, raw, 'error', result.message);
      assign(result.value);
      if (result.warning !== undefined) report(column, raw, 'warning', result.warning);
    };
    const text = tidyCell(raw);
    switch (column.field) {
      case 'seq':
        if (/^\d+$/.test(foldCell(raw))) task.seq = Number(foldCell(raw));
        else report(column, raw, 'error', `序号 ${text === '' ? '未填写' : `“${raw.trim()}”不是整数`}：请填写任务的序号，如“1”。`);
        break;
      case 'region':
        task.region = text === '' ? null : text;
        break;
      case 'name':
        task.name = text === '' ? null : text;
        if (text !== '') warnIfCut(column, raw);
        else report(column, raw, 'error', '抽查任务名称未填写：请填写任务名称，如“对加油站的计量监督抽查”。');
        break;
      case 'population':
        task.population = text === '' ? null : text;
        if (text !== '') warnIfCut(column, raw);
        else report(column, raw, 'error', '抽查对象范围未填写：请写明抽查对象，如“全市加油站”或“全市范围内存续的企业”。');
        break;
      case 'taskType':
        take(parseTaskType(raw), (value) => (task.taskType = value));
        break;
      case 'items':
        take(parseItemList(raw), (value) => (task.items = value));
        break;
      case 'quota':
        take(parseQuotaCell(raw), (value) => {
          task.quota = value.quota;
          if (value.frequency !== null) task.frequency = value.frequency;
        });
        break;
      case 'frequency':
        if (text !== '') take(parseFrequency(raw), (value) => (task.frequency = value));
        break;
      case 'riskPolicy':
        take(parseRiskPolicy(raw), (value) => (task.riskPolicy = value));
        break;
      case 'period':
        take(parsePeriod(raw, options.year), (value) => (task.period = value));
        break;
      case 'deadline':
        if (text !== '') take(parseDeadline(raw, options.year), (value) => (task.deadline = value));
        break;
      case 'initiator':
        take(parseInitiatorCell(raw), (value) => (task.initiator = value));
        break;
      case 'initiatingDepartment':
        take(parseInitiatingDepartment(raw), (value) => (task.initiatingDepartment = value));
        break;
      case 'cooperatingDepartments':
        take(parseCooperatingDepartments(raw), (value) => (task.cooperatingDepartments = value));
        break;
      case 'mode':
        take(parseModeCell(raw), (value) => (task.mode = value));
        break;
    }
  });
  task.batchesPerYear = task.frequency?.batchesPerYear ?? 1;
  return task;
}

function bracketsBalanced(text: string): boolean {
  let depth = 0;
  for (const ch of foldWidth(text)) {
    if (ch === '(') depth += 1;
    if (ch === ')') depth -= 1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function flagDuplicateSeq(tasks: readonly PlanTask[], problems: PlanProblem[]) {
  const seen = new Map<number, number>();
  tasks.forEach((task, i) => {
    if (task.seq === null) return;
    const first = seen.get(task.seq);
    if (first === undefined) return void seen.set(task.seq, i + 1);
    problems.push({
      line: task.lines[0] ?? 0,
      row: i + 1,
      seq: String(task.seq),
      column: '序号',
      field: 'seq',
      raw: String(task.seq),
      severity: 'warning',
      message: `序号 ${task.seq} 与第${first}行重复：请为每个任务填写不同的序号。`,
    });
  });
}
