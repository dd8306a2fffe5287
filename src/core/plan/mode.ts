import { type CellResult, failed, parsed, quote, tidyCell } from './cell.ts';

/** The level of a unit that draws or inspects (glossary unitKindLabel). */
export type ModeLevel = 'province' | 'city' | 'county';

/** 抽查检查模式: who draws the objects and who inspects them. */
export interface InspectionMode {
  /** As written: 省抽县查, 市抽县查, 市抽市查, 县抽县查. */
  code: string;
  drawLevel: ModeLevel;
  inspectLevel: ModeLevel;
}

export interface ModeCell {
  /** One or more modes: seed 000 has "【市抽市查】 【县抽县查】 市县两级…" (each level runs its own). */
  modes: InspectionMode[];
  /** The text beside the mode: who initiates and who carries out, e.g. "高平市市场监管局发起并实施检查". */
  initiatorText: string | null;
}

const levelOf: Record<string, ModeLevel> = { 省: 'province', 市: 'city', 县: 'county' };
const HOW = '请以“【市抽县查】”开头写明模式（省抽县查、市抽县查、市抽市查、县抽县查），其后可写发起和实施单位';

export function parseModeCell(raw: string): CellResult<ModeCell> {
  const text = tidyCell(raw);
  if (text === '') return failed(`抽查检查模式未填写：${HOW}。`);
  const modes: InspectionMode[] = [];
  for (const m of text.matchAll(/([省市县])抽([省市县])查/g)) {
    const code = m[0];
    if (modes.some((mode) => mode.code === code)) continue;
    modes.push({ code, drawLevel: levelOf[m[1] ?? ''] ?? 'county', inspectLevel: levelOf[m[2] ?? ''] ?? 'county' });
  }
  if (modes.length === 0) return failed(`抽查检查模式 ${quote(raw)} 中没有找到模式：${HOW}。`);
  const rest = text
    .replace(/[【\[]?\s*[省市县]抽[省市县]查\s*[】\]]?/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:、。，；：]+|[\s,;:、，；：]+$/g, '');
  return parsed({ modes, initiatorText: rest === '' ? null : rest });
}
