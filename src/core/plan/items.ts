import { type CellResult, failed, foldWidth, parsed, quote, tidyCell } from './cell.ts';

/** 抽查事项: the items checked in one visit ("1+X"), as written in the plan table. */
export interface ItemList {
  /** Text before the numbered items, e.g. "食品生产监督检查" in "食品生产监督检查：1. …". */
  heading: string | null;
  items: string[];
}

const HOW = '请逐项列出，如“1.登记事项检查；2.公示信息检查”，或用“；”“、”分隔';

interface Marker {
  number: number;
  index: number;
  length: number;
}

// "1." / "1、" count only at the start or after a separator (so "2024年" or "0.1" never do);
// "(1)" counts anywhere, because seed 000 writes "…的检查(5) 生产范围的检查" with no separator.
const MARKER = /(^|[\s;,:。、])(\d{1,2})[.、](?!\d)|\((\d{1,2})\)/g;

function findNumbering(text: string): Marker[] {
  const markers: Marker[] = [];
  for (const m of text.matchAll(MARKER)) {
    const lead = m[1] ?? '';
    const number = Number(m[2] ?? m[3]);
    if (number !== markers.length + 1) continue;
    markers.push({ number, index: (m.index ?? 0) + lead.length, length: m[0].length - lead.length });
  }
  return markers;
}

const EDGE_PUNCTUATION = /^[\s;,:。、.；，：．]+|[\s;,:。、.；，：．]+$/g;

function cleanItem(text: string): string {
  return text.replace(EDGE_PUNCTUATION, '');
}

/** Split on 、 outside brackets: "(含教学仪器、音体美卫器材)" stays one piece. */
function splitEnumeration(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if ('(（《'.includes(ch)) depth += 1;
    if (')）》'.includes(ch) && depth > 0) depth -= 1;
    if (ch === '、' && depth === 0) {
      pieces.push(current);
      current = '';
    } else current += ch;
  }
  pieces.push(current);
  return pieces;
}

export function parseItemList(raw: string): CellResult<ItemList> {
  // Markers are found in the width-folded text; item names are cut from the text as written.
  const text = tidyCell(raw);
  if (text === '') return failed(`抽查事项未填写：${HOW}。`);
  const folded = foldWidth(text);
  const markers = findNumbering(folded);
  if (markers.length > 0) {
    const heading = cleanItem(text.slice(0, markers[0]?.index ?? 0));
    const items: string[] = [];
    const empty: number[] = [];
    markers.forEach((marker, i) => {
      const item = cleanItem(text.slice(marker.index + marker.length, markers[i + 1]?.index ?? text.length));
      if (item === '') empty.push(marker.number);
      else items.push(item);
    });
    if (items.length === 0) return failed(`抽查事项 ${quote(raw)} 只有编号没有内容：${HOW}。`);
    const value = { heading: heading === '' ? null : heading, items };
    if (empty.length === 0) return parsed(value);
    return parsed(value, `抽查事项第${empty.join('、')}项只有编号没有内容（原文可能被截断）：请补全该项或删去编号。`);
  }
  const bySemicolon = text
    .split(/[;；]/)
    .map(cleanItem)
    .filter((item) => item !== '');
  if (bySemicolon.length > 1) return parsed({ heading: null, items: bySemicolon });
  const single = bySemicolon[0] ?? '';
  // "农药、肥料、种子、兽药、饲料的检查" is one item: the 、 list shares the head "…检查".
  // "证照、会议和培训、…、经营场所等" and "质量管理体系认证活动、有机产品认证活动" are lists.
  if (/检查$/.test(single)) return parsed({ heading: null, items: [single] });
  const pieces = splitEnumeration(single.replace(/等$/, ''))
    .map(cleanItem)
    .filter((item) => item !== '');
  return parsed({ heading: null, items: pieces.length > 0 ? pieces : [single] });
}
