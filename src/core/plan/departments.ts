import { type CellResult, failed, parsed, quote, tidyCell } from './cell.ts';

/** 发起主体/指导单位 (seed 000): "市局组织发起/食品生产科指导". */
export interface InitiatorCell {
  initiator: string;
  guide: string | null;
}

export function parseInitiatorCell(raw: string): CellResult<InitiatorCell> {
  const text = tidyCell(raw);
  if (text === '') return failed('发起主体/指导单位未填写：请写成“市局组织发起/信用科牵头”。');
  const [initiator = '', ...rest] = text.split(/[/／]/).map((part) => part.trim());
  const guide = rest.join('/');
  if (initiator === '') return failed(`发起主体/指导单位 ${quote(raw)} 缺少发起主体：请写成“市局组织发起/信用科牵头”。`);
  return parsed({ initiator, guide: guide === '' ? null : guide });
}

/** 发起部门 of a joint task (seed 004): one department. */
export function parseInitiatingDepartment(raw: string): CellResult<string> {
  const text = tidyCell(raw);
  if (text === '') return failed('发起部门未填写：请填写发起该联合抽查任务的部门全称，如“原平市统计局”。');
  const names = splitDepartments(text);
  if (names.length > 1) {
    return failed(`发起部门 ${quote(raw)} 写了多个部门：发起部门只能有一个，其余请填入“配合部门”。`);
  }
  return parsed(text);
}

/** 配合部门 (seed 004): one or more departments separated by 、，；or spaces; may be empty. */
export function parseCooperatingDepartments(raw: string): CellResult<string[]> {
  return parsed(splitDepartments(tidyCell(raw)));
}

function splitDepartments(text: string): string[] {
  return text.split(/[、,，;；\s]+/).filter((name) => name !== '');
}
