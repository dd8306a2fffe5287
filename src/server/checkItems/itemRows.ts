// 随机抽查事项清单的表格布局与逐行校验（seed 003 一(一)）. The columns follow the official
// lists (序号 / 抽查类别 / 抽查事项 / 检查对象 / 事项类别（重点/一般）/ 检查方式 / 检查主体 /
// 检查依据), with aliases for the variants different bureaus use. Pure: no database.
import { createHash } from 'node:crypto';
import type { ColumnSpec } from '../files/spreadsheet.ts';
import type { CheckMethod, SubjectLevel } from '../../db/tables/checkItems.ts';

export const CHECK_METHODS: readonly CheckMethod[] = ['实地核查', '书面检查', '网络监测', '委托专业机构'];
export const SUBJECT_LEVELS: readonly SubjectLevel[] = ['省级', '市级', '县级'];

export type ItemColumnKey =
  | 'seq'
  | 'itemCode'
  | 'category'
  | 'name'
  | 'content'
  | 'legalBasis'
  | 'target'
  | 'methods'
  | 'subjectLevel'
  | 'isKey'
  | 'staffRequirements'
  | 'guide';

export const ITEM_COLUMNS: Record<ItemColumnKey, ColumnSpec> = {
  seq: { label: '序号', required: false },
  itemCode: { label: '事项编码', aliases: ['事项代码', '编码', '事项编号'], required: false },
  category: { label: '抽查类别', aliases: ['检查类别', '事项大类', '抽查事项类别'], required: true },
  name: { label: '抽查事项', aliases: ['事项名称', '检查事项', '抽查事项名称'], required: true },
  content: { label: '抽查内容', aliases: ['抽查子项', '抽查子项/内容', '检查内容', '抽查项目'], required: false },
  legalBasis: { label: '检查依据', aliases: ['抽查依据', '依据'], required: true },
  target: { label: '检查对象', aliases: ['抽查对象'], required: true },
  methods: { label: '检查方式', aliases: ['抽查方式'], required: true },
  subjectLevel: { label: '检查主体', aliases: ['实施主体', '检查层级', '抽查主体'], required: true },
  isKey: { label: '事项类别', aliases: ['重点/一般', '事项性质', '是否重点'], required: false },
  staffRequirements: { label: '检查人员要求', aliases: ['人员要求', '检查人员资质', '所需专长'], required: false },
  guide: { label: '抽查指引', aliases: ['检查指引', '工作指引'], required: false },
};

/** One item as parsed from a row (or stored). */
export interface CheckItemFields {
  itemCode: string;
  seq: number;
  category: string;
  name: string;
  content: string;
  legalBasis: string;
  target: string;
  methods: CheckMethod[];
  subjectLevel: SubjectLevel;
  isKey: boolean;
  staffRequirements: string[];
  guide: string;
}

export interface RowError {
  rowNumber: number;
  column: string;
  value: string;
  message: string;
}

// Wording found in published lists, mapped to the four 检查方式 of the platform.
const METHOD_WORDS: ReadonlyArray<readonly [RegExp, CheckMethod]> = [
  [/^(实地核查|实地检查|现场检查|现场核查|实地核实)$/, '实地核查'],
  [/^(书面检查|书面审查|书面核查|材料审查|资料审查)$/, '书面检查'],
  [/^(网络监测|网络检查|网上检查|网络核查|网络巡查|在线监测)$/, '网络监测'],
  [/^(委托专业机构|委托第三方|委托专业机构检查|专业机构|抽样检验|抽样检测|检验检测|抽检)$/, '委托专业机构'],
];

const LIST_SEPARATOR = /[、,，;；/|\n]+/;

export function splitList(text: string): string[] {
  return text
    .split(LIST_SEPARATOR)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function parseMethods(text: string): { methods: CheckMethod[]; unknown: string[] } {
  const methods: CheckMethod[] = [];
  const unknown: string[] = [];
  for (const word of splitList(text)) {
    const hit = METHOD_WORDS.find(([pattern]) => pattern.test(word));
    if (!hit) unknown.push(word);
    else if (!methods.includes(hit[1])) methods.push(hit[1]);
  }
  methods.sort((a, b) => CHECK_METHODS.indexOf(a) - CHECK_METHODS.indexOf(b));
  return { methods, unknown };
}

/**
 * 检查主体 → the lowest level that may carry the item out: "县级以上市场监管部门" is a county
 * item, "省、市级市场监管部门" a city item.
 */
export function parseSubjectLevel(text: string): SubjectLevel | null {
  // 「市场监管」 names the department, not the level.
  const t = text.replace(/市场/g, '');
  if (/县|区级/.test(t)) return '县级';
  if (/市/.test(t)) return '市级';
  if (/省/.test(t)) return '省级';
  return null;
}

export function parseIsKey(text: string): boolean | null {
  const t = text.replace(/\s/g, '');
  if (t === '' || /^(一般|一般检查事项|一般事项|否|N)$/i.test(t)) return false;
  if (/^(重点|重点检查事项|重点事项|是|Y)$/i.test(t)) return true;
  return null;
}

/** A stable code for lists that carry none: derived from 抽查类别 + 抽查事项. */
export function derivedItemCode(category: string, name: string): string {
  return 'X' + createHash('sha256').update(`${category}\u0000${name}`).digest('hex').slice(0, 10).toUpperCase();
}

const ITEM_CODE = /^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$/;

/**
 * Parses one data row. `index` gives the cell position of each column (from matchHeader).
 * Returns the item, or the errors of this row (each naming its column and how to fix it).
 */
export function parseItemRow(
  rowNumber: number,
  cells: string[],
  index: Record<ItemColumnKey, number | undefined>,
): { item: CheckItemFields; errors: [] } | { item: null; errors: RowError[] } {
  const cell = (key: ItemColumnKey) => {
    const i = index[key];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const errors: RowError[] = [];
  const fail = (key: ItemColumnKey, message: string) =>
    errors.push({ rowNumber, column: ITEM_COLUMNS[key].label, value: cell(key), message });

  const category = cell('category');
  const name = cell('name');
  const legalBasis = cell('legalBasis');
  const target = cell('target');
  if (category === '') fail('category', '抽查类别为空，请填写，如「登记事项检查」');
  if (name === '') fail('name', '抽查事项为空，请填写事项名称');
  if (legalBasis === '') fail('legalBasis', '检查依据为空，请填写法律法规条款');
  if (target === '') fail('target', '检查对象为空，请填写，如「企业、个体工商户」');
  if (name.length > 200) fail('name', '抽查事项超过 200 字，请精简');

  const { methods, unknown } = parseMethods(cell('methods'));
  if (cell('methods') === '') fail('methods', `检查方式为空，请填写 ${CHECK_METHODS.join('、')} 中的一项或多项`);
  else if (unknown.length > 0) fail('methods', `无法识别的检查方式「${unknown.join('、')}」，应为 ${CHECK_METHODS.join('、')}（可用顿号分隔多项）`);

  const subjectLevel = parseSubjectLevel(cell('subjectLevel'));
  if (subjectLevel === null) fail('subjectLevel', '检查主体应写明层级，如「省级」「市级」「县级以上市场监管部门」');

  const isKey = parseIsKey(cell('isKey'));
  if (isKey === null) fail('isKey', '事项类别应为「重点检查事项」或「一般检查事项」（也可写 重点/一般）');

  let itemCode = cell('itemCode');
  if (itemCode !== '' && !ITEM_CODE.test(itemCode)) fail('itemCode', '事项编码只能由字母、数字、点、横线、下划线组成（不超过 40 位）');
  if (itemCode === '' && category !== '' && name !== '') itemCode = derivedItemCode(category, name);

  let seq = rowNumber - 1;
  const seqText = cell('seq');
  if (seqText !== '') {
    if (!/^\d{1,6}$/.test(seqText)) fail('seq', '序号应为正整数');
    else seq = Number(seqText);
  }

  if (errors.length > 0) return { item: null, errors };
  return {
    item: {
      itemCode,
      seq,
      category,
      name,
      content: cell('content'),
      legalBasis,
      target,
      methods,
      subjectLevel: subjectLevel!,
      isKey: isKey!,
      staffRequirements: splitList(cell('staffRequirements')),
      guide: cell('guide'),
    },
    errors: [],
  };
}

/** Fields compared between versions, with their Chinese labels (for the diff view). */
export const COMPARED_FIELDS: ReadonlyArray<readonly [keyof CheckItemFields, string]> = [
  ['category', '抽查类别'],
  ['name', '抽查事项'],
  ['content', '抽查内容'],
  ['legalBasis', '检查依据'],
  ['target', '检查对象'],
  ['methods', '检查方式'],
  ['subjectLevel', '检查主体'],
  ['isKey', '事项类别'],
  ['staffRequirements', '检查人员要求'],
  ['guide', '抽查指引'],
];

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface VersionDiff {
  added: Array<{ itemCode: string; name: string }>;
  removed: Array<{ itemCode: string; name: string }>;
  changed: Array<{ itemCode: string; name: string; changes: FieldChange[] }>;
  unchanged: number;
}

function fieldText(value: CheckItemFields[keyof CheckItemFields]): string {
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'boolean') return value ? '重点检查事项' : '一般检查事项';
  return String(value);
}

/** Differences between two versions of one list, by item code (序号 changes are ignored). */
export function diffVersions(before: readonly CheckItemFields[], after: readonly CheckItemFields[]): VersionDiff {
  const old = new Map(before.map((i) => [i.itemCode, i]));
  const next = new Map(after.map((i) => [i.itemCode, i]));
  const diff: VersionDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const item of after) {
    const prev = old.get(item.itemCode);
    if (!prev) {
      diff.added.push({ itemCode: item.itemCode, name: item.name });
      continue;
    }
    const changes: FieldChange[] = [];
    for (const [field, label] of COMPARED_FIELDS) {
      const a = fieldText(prev[field]);
      const b = fieldText(item[field]);
      if (a !== b) changes.push({ field, label, before: a, after: b });
    }
    if (changes.length > 0) diff.changed.push({ itemCode: item.itemCode, name: item.name, changes });
    else diff.unchanged += 1;
  }
  for (const item of before) if (!next.has(item.itemCode)) diff.removed.push({ itemCode: item.itemCode, name: item.name });
  return diff;
}
