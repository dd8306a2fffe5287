import { foldCell } from './cell.ts';

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
  initiator: '发起主体/指导单位',
  initiatingDepartment: '发起部门',
  cooperatingDepartments: '配合部门',
  mode: '抽查检查模式',
  taskCode: '任务编号',
};

// Header names differ between the seeds (and a wrapped header cell arrives with a space:
// "信用风险管理 分类管理", "抽取检查起 至时间"), so headers are matched by keywords after
// removing whitespace. Order matters: "抽查比例及频次" is the quota cell (it carries both).
const HEADER_RULES: [PlanField, RegExp][] = [
  ['seq', /^序号$/],
  ['taskCode', /^任务编号$/],
  ['region', /^(地市|地区|县市区|所属地区)$/],
  ['name', /任务名称$/],
  ['taskType', /^抽查类型$/],
  ['items', /^抽查事项$|^检查事项$/],
  ['population', /对象范围$|^抽查对象$/],
  ['quota', /比例|数量/],
  ['frequency', /^(抽查)?频次$/],
  ['riskPolicy', /风险/],
  ['period', /时间|起止/],
  ['initiator', /发起主体|指导单位/],
  ['initiatingDepartment', /^发起部门$|^发起单位$/],
  ['cooperatingDepartments', /配合(部门|单位)/],
  ['mode', /模式|检查方式|检查主体/],
];

export function fieldOfHeader(header: string): PlanField | null {
  const text = foldCell(header).replace(/\s/g, '');
  if (text === '') return null;
  for (const [field, pattern] of HEADER_RULES) if (pattern.test(text)) return field;
  return null;
}

/** A line is a header when at least three of its cells name known columns and 序号 is one of them. */
export function isHeaderRow(cells: readonly string[]): boolean {
  const fields = cells.map(fieldOfHeader);
  return fields.includes('seq') && fields.filter((field) => field !== null).length >= 3;
}
