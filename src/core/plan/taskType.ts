import { type CellResult, failed, foldCell, parsed, quote } from './cell.ts';

/** 抽查类型: 定向 (a defined population) / 不定向 (all entities of a kind). */
export type TaskType = 'directed' | 'undirected';

export function parseTaskType(raw: string): CellResult<TaskType> {
  const text = foldCell(raw).replace(/\s/g, '');
  if (text === '') return failed('抽查类型未填写：请填写“定向”或“不定向”。');
  if (/^不定向(抽查)?$/.test(text)) return parsed('undirected');
  if (/^定向(抽查)?$/.test(text)) return parsed('directed');
  return failed(`抽查类型 ${quote(raw)} 无法识别：请填写“定向”或“不定向”。`);
}
