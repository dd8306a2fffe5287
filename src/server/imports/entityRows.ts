// Row parsing and validation for 检查对象名录库 imports (一单两库 — imports of
// 100 to 1,000,000 rows, row-level error report). Pure: lookups (units, divisions,
// industries) are passed in, so the same rules run in tests, the server and the CLI.
import { enterpriseTypeCodeOf } from '../../core/entities/enterpriseTypes.ts';
import { normalizeUscc, validateUscc } from '../../core/uscc/index.ts';
import type { ColumnSpec } from '../files/spreadsheet.ts';

export type EntityColumnKey =
  | 'uscc'
  | 'name'
  | 'subjectType'
  | 'enterpriseType'
  | 'enterpriseTypeName'
  | 'regStatus'
  | 'establishedOn'
  | 'address'
  | 'legalRep'
  | 'regAuthority'
  | 'regionCode'
  | 'unitCode'
  | 'industryCode'
  | 'licences'
  | 'tags'
  | 'riskClass'
  | 'riskClassSince';

/** The column layout of an official 市场主体名录 export, with the aliases seen in the wild. */
export const ENTITY_COLUMNS: Record<EntityColumnKey, ColumnSpec> = {
  uscc: {
    label: '统一社会信用代码',
    aliases: ['社会信用代码', '信用代码', '统一代码', 'USCC', '注册号/统一社会信用代码', '统一社会信用代码/注册号'],
    required: true,
  },
  name: { label: '名称', aliases: ['企业名称', '主体名称', '市场主体名称', '单位名称', '字号名称', '企业(机构)名称'], required: true },
  subjectType: { label: '主体类别', aliases: ['主体类型', '市场主体类型', '市场主体类别'], required: false },
  enterpriseType: { label: '企业类型', aliases: ['企业类型代码', '类型', '企业(机构)类型'], required: false },
  // The export writes the code's name beside it for people to read; it is not imported.
  enterpriseTypeName: { label: '企业类型名称', required: false },
  regStatus: { label: '登记状态', aliases: ['经营状态', '企业状态', '状态'], required: false },
  establishedOn: { label: '成立日期', aliases: ['注册日期', '成立时间', '登记日期'], required: false },
  address: { label: '住所', aliases: ['住所(经营场所)', '经营场所', '地址', '注册地址', '住所/经营场所'], required: false },
  legalRep: { label: '法定代表人', aliases: ['经营者', '法定代表人/经营者', '法定代表人(负责人)', '负责人', '法人代表'], required: false },
  regAuthority: { label: '登记机关', aliases: ['登记机构'], required: false },
  regionCode: { label: '所属区划', aliases: ['行政区划', '区划代码', '所属区县', '行政区划代码'], required: false },
  unitCode: { label: '管辖单位', aliases: ['管辖机关', '管辖所', '所属监管所', '监管单位', '管辖单位代码'], required: false },
  industryCode: { label: '行业代码', aliases: ['国民经济行业代码', '行业', '所属行业代码', '行业门类代码'], required: false },
  licences: { label: '许可资质', aliases: ['许可/资质', '许可资质标签', '许可证', '资质'], required: false },
  tags: { label: '标签', aliases: ['个性化标注', '自定义标签', '标注'], required: false },
  riskClass: { label: '风险分类', aliases: ['信用风险分类', '风险等级', '信用风险分类结果', '风险类别'], required: false },
  riskClassSince: { label: '风险分类日期', aliases: ['分类日期', '风险分类时间', '分类时间', '评定日期'], required: false },
};

/** A monthly 信用风险分类 push: code → class (+ date). */
export const RISK_CLASS_COLUMNS: Record<'uscc' | 'riskClass' | 'riskClassSince' | 'name', ColumnSpec> = {
  uscc: ENTITY_COLUMNS.uscc,
  riskClass: { ...ENTITY_COLUMNS.riskClass, required: true },
  riskClassSince: ENTITY_COLUMNS.riskClassSince,
  // Pushed files usually carry the name for people to read; it is not imported.
  name: { ...ENTITY_COLUMNS.name, required: false },
};

export interface RowIssue {
  rowNumber: number;
  column: string;
  value: string;
  reason: string;
  level: 'error' | 'warning';
}

export interface EntityRecord {
  uscc: string;
  name: string | null;
  subjectType: 'enterprise' | 'individual' | 'cooperative' | 'other' | null;
  enterpriseType: string | null;
  regStatus: string | null;
  establishedOn: string | null;
  address: string | null;
  legalRep: string | null;
  regAuthority: string | null;
  regionCode: string | null;
  unitCode: string | null;
  industryCode: string | null;
  tags: string[] | null;
  riskClass: 'A' | 'B' | 'C' | 'D' | null;
  riskClassSince: string | null;
}

export interface UnitRef {
  code: string;
  regionCode: string;
}

export interface EntityRowContext {
  /** The importing unit: entities without a 管辖单位 column/value belong to it. */
  defaultUnit: UnitRef;
  /** Units the importer may write to, by code, name and short name. */
  unitsInScope: ReadonlyMap<string, UnitRef>;
  /** Every known unit (to tell "unknown" from "outside your scope"). */
  allUnits: ReadonlyMap<string, UnitRef>;
  /** Division codes (ref_division) by code and by name. */
  divisions: ReadonlyMap<string, string>;
  /** GB/T 4754 codes in ref_industry. */
  industries: ReadonlySet<string>;
}

const SUBJECT_TYPES: ReadonlyArray<[RegExp, EntityRecord['subjectType'] & string]> = [
  [/^(企业|公司|enterprise)$/i, 'enterprise'],
  [/^(个体工商户|个体|个体户|individual)$/i, 'individual'],
  [/^(农民专业合作社|合作社|农专社|cooperative)$/i, 'cooperative'],
  [/^(其他组织|其他|other)$/i, 'other'],
];
const SUBJECT_TYPE_HINT = '企业、个体工商户、农民专业合作社、其他组织';

export const REG_STATUSES = ['存续', '在业', '吊销', '注销', '迁出', '撤销', '停业', '其他'] as const;
// Official exports write e.g. 存续（在营、开业、在册）or 吊销，未注销.
const REG_STATUS_ALIASES: ReadonlyArray<[RegExp, string]> = [
  [/^(存续|在营|开业|在册|正常)/, '存续'],
  [/^在业/, '在业'],
  [/^吊销/, '吊销'],
  [/^注销/, '注销'],
  [/^迁出/, '迁出'],
  [/^撤销/, '撤销'],
  [/^(停业|歇业)/, '停业'],
  [/^其他/, '其他'],
];

/**
 * `parse` with its answers remembered: a large file repeats the same dates, 主体类别 and 登记状态
 * texts over and over. At most `limit` texts are kept (then the memory starts afresh).
 */
function memoised<T>(parse: (text: string) => T, limit = 20_000): (text: string) => T {
  let known = new Map<string, T>();
  return (text) => {
    const hit = known.get(text);
    if (hit !== undefined || known.has(text)) return hit as T;
    const value = parse(text);
    if (known.size >= limit) known = new Map();
    known.set(text, value);
    return value;
  };
}

/** 'YYYY-MM-DD' for the date formats people type, or null when it is not a real date. */
export function parseDate(text: string): string | null {
  const m = /^(\d{4})(?:[-/.年](\d{1,2})[-/.月](\d{1,2})日?|(\d{2})(\d{2}))(?:[ T]00:00(?::00)?)?$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2] ?? m[4]);
  const day = Number(m[3] ?? m[5]);
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const parseDateMemo = memoised(parseDate, 50_000);
const subjectTypeOf = memoised((text) => SUBJECT_TYPES.find(([re]) => re.test(text))?.[1] ?? null, 1000);
const regStatusOf = memoised((text) => REG_STATUS_ALIASES.find(([re]) => re.test(text))?.[1] ?? null, 1000);

/** A 行业代码 cell's GB/T 4754 code (a leading 门类 letter dropped), or null when malformed. */
const industryCodeOf = memoised((text) => {
  const code = text.replace(/^[A-Ta-t](?=\d)/, '');
  return /^\d{2,4}$/.test(code) ? code : null;
}, 5000);

export function parseRiskClass(text: string): 'A' | 'B' | 'C' | 'D' | null {
  const t = text.replace(/\s/g, '').toUpperCase();
  const m = /^([ABCD])(类|级)?$/.exec(t);
  if (m) return m[1] as 'A' | 'B' | 'C' | 'D';
  const byLabel: Record<string, 'A' | 'B' | 'C' | 'D'> = { 低风险: 'A', 一般风险: 'B', 较高风险: 'C', 高风险: 'D' };
  return byLabel[t] ?? null;
}

const riskClassOf = memoised(parseRiskClass, 1000);

/** Tags from a cell: separated by 、，,；;| or line breaks; trimmed, de-duplicated, order kept. */
export function splitTags(text: string): string[] {
  if (text === '') return [];
  const seen = new Set<string>();
  for (const part of text.split(/[、，,；;|\n\r]+/)) {
    const tag = part.trim();
    if (tag) seen.add(tag);
  }
  return [...seen];
}

/** 主体类别 implied by a valid code's positions 1–2 (GB 32100 表3), when the file has none. */
function subjectTypeFromUscc(code: string): EntityRecord['subjectType'] {
  if (code.length !== 18 || code[0] !== '9') return 'other';
  if (code[1] === '1') return 'enterprise';
  if (code[1] === '2') return 'individual';
  if (code[1] === '3') return 'cooperative';
  return 'other';
}

const cellOf = (cells: string[], index: number | undefined): string | undefined => (index === undefined ? undefined : (cells[index] ?? ''));

/** A present, non-empty cell, else null. */
function textOf(cells: string[], index: number | undefined): string | null {
  const v = cellOf(cells, index);
  return v === undefined || v === '' ? null : v;
}

function addIssue(
  issues: RowIssue[],
  rowNumber: number,
  level: RowIssue['level'],
  key: EntityColumnKey,
  value: string,
  reason: string,
): void {
  issues.push({ rowNumber, column: ENTITY_COLUMNS[key].label, value, reason, level });
}

/**
 * Validates one row of an entity file. Columns missing from the file give null (the import
 * then keeps the stored value); present but empty optional cells give null too, except
 * tags, which become [] (the file says "no tags").
 */
export function parseEntityRow(
  rowNumber: number,
  cells: string[],
  index: Record<EntityColumnKey, number | undefined>,
  context: EntityRowContext,
): { record: EntityRecord | null; issues: RowIssue[] } {
  // No named closures per row (each costs a function object, and more under tsx's keepNames).
  const issues: RowIssue[] = [];

  const uscc = parseUsccCell(
    cellOf(cells, index.uscc) ?? '',
    (reason) => addIssue(issues, rowNumber, 'error', 'uscc', cellOf(cells, index.uscc) ?? '', reason),
    (reason) => addIssue(issues, rowNumber, 'warning', 'uscc', cellOf(cells, index.uscc) ?? '', reason),
  );

  const name = textOf(cells, index.name);
  if (!name) addIssue(issues, rowNumber, 'error', 'name', '', '名称为空；请填写市场主体的登记名称');

  let subjectType: EntityRecord['subjectType'] = null;
  const subjectText = cellOf(cells, index.subjectType);
  if (subjectText) {
    subjectType = subjectTypeOf(subjectText);
    if (!subjectType)
      addIssue(issues, rowNumber, 'error', 'subjectType', subjectText, `主体类别“${subjectText}”无法识别；应为${SUBJECT_TYPE_HINT}之一`);
  } else if (uscc) {
    subjectType = subjectTypeFromUscc(uscc);
  }

  let regStatus: string | null = null;
  const statusText = cellOf(cells, index.regStatus);
  if (statusText) {
    regStatus = regStatusOf(statusText);
    if (!regStatus)
      addIssue(issues, rowNumber, 'error', 'regStatus', statusText, `登记状态“${statusText}”无法识别；应为${REG_STATUSES.join('、')}之一`);
  } else {
    regStatus = '存续';
  }

  const establishedOn = dateCell(cellOf(cells, index.establishedOn), (v) =>
    addIssue(issues, rowNumber, 'error', 'establishedOn', v, `成立日期“${v}”不是有效日期；请写成 2020-03-15 或 2020/3/15`),
  );

  let unit: UnitRef = context.defaultUnit;
  const unitText = cellOf(cells, index.unitCode);
  if (unitText) {
    const found = context.unitsInScope.get(unitText);
    if (found) unit = found;
    else {
      const reason = context.allUnits.has(unitText)
        ? `管辖单位“${unitText}”不在您单位的管辖范围内；只能导入本单位及下级单位管辖的主体，请核对或交由该单位导入`
        : `管辖单位“${unitText}”不存在；请填写系统中的单位代码（如 140581-mishan）或单位名称`;
      addIssue(issues, rowNumber, 'error', 'unitCode', unitText, reason);
    }
  }

  let regionCode = unit.regionCode;
  const regionText = cellOf(cells, index.regionCode);
  if (regionText) {
    const found = context.divisions.get(regionText);
    if (found) regionCode = found;
    else
      addIssue(
        issues,
        rowNumber,
        'error',
        'regionCode',
        regionText,
        `所属区划“${regionText}”不是有效的行政区划；请填写6位区划代码（如 140581）或区划名称`,
      );
  }

  let industryCode: string | null = null;
  const industryText = cellOf(cells, index.industryCode);
  if (industryText) {
    const code = industryCodeOf(industryText);
    if (code === null) {
      addIssue(
        issues,
        rowNumber,
        'error',
        'industryCode',
        industryText,
        `行业代码“${industryText}”格式不对；应为 GB/T 4754 的2–4位数字代码（如 5212，可带门类字母 F5212）`,
      );
    } else {
      industryCode = code;
      if (context.industries.size > 0 && !context.industries.has(code)) {
        addIssue(
          issues,
          rowNumber,
          'warning',
          'industryCode',
          industryText,
          `行业代码“${industryText}”不在 GB/T 4754-2017 代码表中；已照原样导入，请核对`,
        );
      }
    }
  }

  const licencesText = cellOf(cells, index.licences);
  const tagsText = cellOf(cells, index.tags);
  const tags =
    licencesText === undefined && tagsText === undefined
      ? null
      : !tagsText
        ? splitTags(licencesText ?? '')
        : [...new Set([...splitTags(licencesText ?? ''), ...splitTags(tagsText)])];

  let riskClass: EntityRecord['riskClass'] = null;
  const riskText = cellOf(cells, index.riskClass);
  if (riskText) {
    riskClass = riskClassOf(riskText);
    if (!riskClass)
      addIssue(
        issues,
        rowNumber,
        'error',
        'riskClass',
        riskText,
        `风险分类“${riskText}”无法识别；应为 A、B、C、D（低风险、一般风险、较高风险、高风险）之一`,
      );
  }
  const riskClassSince = dateCell(cellOf(cells, index.riskClassSince), (v) =>
    addIssue(issues, rowNumber, 'error', 'riskClassSince', v, `风险分类日期“${v}”不是有效日期；请写成 2026-10-01`),
  );
  if (riskClassSince && !riskText)
    addIssue(issues, rowNumber, 'error', 'riskClass', '', '填写了风险分类日期但没有风险分类；请补上风险分类（A/B/C/D）或删去日期');

  if (issues.some((i) => i.level === 'error') || !uscc) return { record: null, issues };
  return {
    record: {
      uscc,
      name,
      subjectType,
      enterpriseType: enterpriseTypeCodeOf(textOf(cells, index.enterpriseType)),
      regStatus,
      establishedOn,
      address: textOf(cells, index.address),
      legalRep: textOf(cells, index.legalRep),
      regAuthority: textOf(cells, index.regAuthority),
      regionCode,
      unitCode: unit.code,
      industryCode,
      tags,
      riskClass,
      riskClassSince,
    },
    issues,
  };
}

/** A risk-class push row: code → class (+ date; today when empty). */
export function parseRiskClassRow(
  rowNumber: number,
  cells: string[],
  index: Record<'uscc' | 'riskClass' | 'riskClassSince' | 'name', number | undefined>,
  today: string,
): { record: { uscc: string; riskClass: 'A' | 'B' | 'C' | 'D'; riskClassSince: string } | null; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const push = (key: 'uscc' | 'riskClass' | 'riskClassSince', value: string, reason: string, level: 'error' | 'warning' = 'error') =>
    issues.push({ rowNumber, column: RISK_CLASS_COLUMNS[key].label, value, reason, level });
  const rawCode = cellOf(cells, index.uscc) ?? '';
  const uscc = parseUsccCell(
    rawCode,
    (r) => push('uscc', rawCode, r),
    (r) => push('uscc', rawCode, r, 'warning'),
  );
  const riskText = cellOf(cells, index.riskClass) ?? '';
  const riskClass = riskText ? parseRiskClass(riskText) : null;
  if (!riskText) push('riskClass', '', '风险分类为空；请填写 A、B、C 或 D');
  else if (!riskClass)
    push('riskClass', riskText, `风险分类“${riskText}”无法识别；应为 A、B、C、D（低风险、一般风险、较高风险、高风险）之一`);
  const since = dateCell(cellOf(cells, index.riskClassSince), (v) =>
    push('riskClassSince', v, `风险分类日期“${v}”不是有效日期；请写成 2026-10-01`),
  );
  if (!uscc || !riskClass || issues.some((i) => i.level === 'error')) return { record: null, issues };
  return { record: { uscc, riskClass, riskClassSince: since ?? today }, issues };
}

function dateCell(value: string | undefined, onError: (value: string) => void): string | null {
  if (!value) return null;
  const date = parseDateMemo(value);
  if (!date) onError(value);
  return date;
}

/**
 * A code cell → the code to store, or null with an error. Normalisation (spaces, full-width,
 * lower case) is applied but reported; a code failing only its check character is imported
 * with a warning — pilot-era codes were legitimately issued that way (validate-uscc.ts).
 */
export function parseUsccCell(raw: string, onError: (reason: string) => void, onWarning: (reason: string) => void): string | null {
  if (!raw) {
    onError('统一社会信用代码为空；每一行都必须有18位统一社会信用代码');
    return null;
  }
  const code = normalizeUscc(raw);
  const result = validateUscc(code);
  if (!result.ok && result.reason !== 'check_char_mismatch') {
    onError(result.message);
    return null;
  }
  if (code !== raw) onWarning(`代码含空格、全角字符或小写字母，已规范化为 ${code}`);
  if (!result.ok) onWarning(`校验码不符（${result.message}）；已按原样导入并标记，请向登记机关核实`);
  else if (result.orgCodeWarning) onWarning(result.orgCodeWarning.message);
  return code;
}
