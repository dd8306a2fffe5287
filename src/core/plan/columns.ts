import { foldWidth } from './cell.ts';

/** The structured fields of a plan-table row. */
export type PlanField =
  | 'seq'
  | 'region'
  | 'name'
  | 'taskType'
  | 'items'
  | 'population'
  | 'quota'
  | 'frequency'
  | 'riskPolicy'
  | 'period'
  /** 完成时限: the day the task is to be done by (a day, unlike the period). */
  | 'deadline'
  | 'initiator'
  | 'initiatingDepartment'
  | 'cooperatingDepartments'
  | 'mode'
  /** 任务编号 as exported by shuangsuiji: recognised so it is not an unknown column, never imported. */
  | 'taskCode';

export const planFieldLabel: Record<PlanField, string> = {
  seq: '序号',
  region: '地市',
  name: '抽查任务名称',
  taskType: '抽查类型',
  items: '抽查事项',
  population: '抽查对象范围',
  quota: '抽查比例/数量',
  frequency: '频次',
  riskPolicy: '信用风险分类管理',
  period: '抽查起止时间',
  deadline: '完成时限',
  initiator: '发起主体/指导单位',
  initiatingDepartment: '发起部门',
  cooperatingDepartments: '配合部门',
  mode: '抽查检查模式',
  taskCode: '任务编号',
};

/** What a column of a table is read as: one of the fields, or nothing (its cells kept as written). */
export type ColumnTarget = PlanField | 'ignore';

export const IGNORE_LABEL = '忽略';

/** The fields a person may map a column to (任务编号 is ours: a new plan numbers its own tasks). */
export const mappableFields = (Object.keys(planFieldLabel) as PlanField[]).filter((field) => field !== 'taskCode');

/** The Chinese name of a target, as the mapping screen and the command line show it. */
export function columnTargetLabel(target: ColumnTarget): string {
  return target === 'ignore' ? IGNORE_LABEL : planFieldLabel[target];
}

/**
 * A target from what a person typed: a field's key ("name") or its Chinese label ("抽查任务名称"),
 * or 忽略/ignore. null when it is neither.
 */
export function columnTargetOf(text: string): ColumnTarget | null {
  const key = headerKey(text);
  if (key === IGNORE_LABEL || key === 'ignore') return 'ignore';
  for (const field of mappableFields) if (field === key || headerKey(planFieldLabel[field]) === key) return field;
  return null;
}

/**
 * A header as it is matched and remembered: full-width forms folded, every space and line break
 * removed ("抽查比例\n（数量）" and "抽查比例 (数量)" are one header).
 */
export function headerKey(header: string): string {
  return foldWidth(header).replace(/\s/g, '');
}

// Bureaus name the same column differently ("编号", "任务名称", "检查内容", "牵头部门", "参与部门",
// "抽查比例(数量)", "检查方式", "实施时间"), so headers are matched by keywords on the header key.
// Order matters: the first rule that matches decides ("抽查比例及频次" is the quota cell, it
// carries both; "任务编号" is our own export, unlike a bureau's "编号", which is a sequence number).
const HEADER_RULES: [ColumnTarget, RegExp][] = [
  ['taskCode', /^任务编号$/],
  ['seq', /^(序号|编号|顺序号|抽查计划编号|计划编号|任务序号|No\.?)$/i],
  ['ignore', /^(备注|说明|备注说明|其他|附注)$/],
  ['region', /^(地市|地区|县市区|所属地区|区域|所属区域|地市名称)$/],
  ['name', /任务名称$|^(抽查任务|任务|抽查计划名称|计划名称|抽查项目名称|抽查项目|项目名称|检查任务|检查任务名称|抽查名称)$/],
  ['taskType', /^(抽查|任务|检查)?类型$|^定向(\/|或|、)?不定向$/],
  ['items', /^(抽查|检查)(事项|内容)(及内容|内容|清单)?$|^(事项|内容)$|^抽查事项名称$/],
  ['population', /对象(范围|类型|名称)?$|^抽查主体$|^检查主体范围$/],
  ['quota', /比例|数量|户数/],
  ['frequency', /^(抽查|检查)?频(次|率)$/],
  ['riskPolicy', /风险/],
  ['deadline', /^(完成|办结|截止|结束)(时限|期限|时间|日期)$|^时限$/],
  ['period', /起止|起至|时间|时限|期限/],
  ['initiator', /发起主体|指导单位/],
  ['initiatingDepartment', /^(发起|牵头|组织|责任)(部门|单位)$|^牵头(科室|处室|股室)$/],
  ['cooperatingDepartments', /^(配合|参与|协同|协作|联合|协助)(部门|单位|科室)$/],
  ['mode', /模式|方式|检查主体/],
];

/** The target a header names by itself (no mapping), or null when it names none. */
export function fieldOfHeader(header: string): ColumnTarget | null {
  const text = headerKey(header);
  if (text === '') return null;
  for (const [target, pattern] of HEADER_RULES) if (pattern.test(text)) return target;
  return null;
}

/** Mappings by header key: the ones the unit confirmed before, and the ones given with this import. */
export interface ColumnChoices {
  remembered?: Readonly<Record<string, ColumnTarget>>;
  chosen?: Readonly<Record<string, ColumnTarget>>;
}

/** How a column's target was decided. */
export type ColumnSource = 'header' | 'remembered' | 'chosen' | 'unknown';

export interface ColumnReading {
  target: ColumnTarget | null;
  source: ColumnSource;
}

/** A header's target: the mapping given now, else the one remembered, else the header's own name. */
export function readColumn(header: string, choices: ColumnChoices = {}): ColumnReading {
  const key = headerKey(header);
  const chosen = choices.chosen?.[key];
  if (chosen !== undefined) return { target: chosen, source: 'chosen' };
  const remembered = choices.remembered?.[key];
  if (remembered !== undefined) return { target: remembered, source: 'remembered' };
  const target = fieldOfHeader(header);
  return { target, source: target === null ? 'unknown' : 'header' };
}

function fieldsOf(cells: readonly string[], choices: ColumnChoices): PlanField[] {
  return cells.map((cell) => readColumn(cell, choices).target).filter((t): t is PlanField => t !== null && t !== 'ignore');
}

/**
 * A line is a header when at least three of its cells name known columns and the task name is one
 * of them (the seeds also have 序号; other bureaus' tables may not).
 */
export function isHeaderRow(cells: readonly string[], choices: ColumnChoices = {}): boolean {
  const fields = fieldsOf(cells, choices);
  return fields.includes('name') && new Set(fields).size >= 3;
}

/**
 * When no line is a header: the first line, among the first ten that are not blank, that looks like
 * one — at least three short cells without a bare number, two of them known columns. Its unknown
 * columns (the task name among them) are then shown to be mapped, instead of "no header".
 */
export function likelyHeaderIndex(rows: readonly (readonly string[])[], choices: ColumnChoices = {}): number | null {
  let seen = 0;
  for (let i = 0; i < rows.length && seen < 10; i += 1) {
    const cells = (rows[i] ?? []).map((cell) => cell.trim()).filter((cell) => cell !== '');
    if (cells.length === 0) continue;
    seen += 1;
    if (cells.length < 3 || cells.some((cell) => /^\d+(\.\d+)?$/.test(cell) || cell.length > 30)) continue;
    if (new Set(fieldsOf(cells, choices)).size >= 2) return i;
  }
  return null;
}

/**
 * The columns a table should have to be drawn from: without a task name it cannot be imported; the
 * others can be filled in task by task afterwards.
 */
export const REQUIRED_FIELDS: readonly PlanField[] = ['name'];
export const EXPECTED_FIELDS: readonly PlanField[] = ['items', 'population', 'quota', 'period'];
