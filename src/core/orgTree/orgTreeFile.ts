// The org tree of a real installation as an operator lists it in a file (`ssj init --org-tree`):
// one row per unit — 单位代码, 单位名称, 上级单位代码, 单位类型 (and optionally 简称, 部门类别).
// Every row is checked before anything is written; a file with any problem gives back every
// problem (row, column, value, why) and no unit. Pure: the division codes (GB/T 2260) it checks
// against are a parameter.
//
// The tree has one root, the 省级 unit (上级单位代码 left empty). A bureau (省级/市级/县级) is
// coded by its 6-digit division code, which must be of its level and lie inside its parent
// bureau's division; the units below a bureau (股室/科室, 市场监管所, 联合抽查成员单位) take any
// code of lower-case letters, digits and hyphens and share their bureau's division.
import { unitKindLabel, type UnitKind } from '../glossary.ts';

/** The file's columns: the label on the header row, other accepted spellings, whether it must be there. */
export const orgTreeColumns = {
  code: { label: '单位代码', required: true },
  name: { label: '单位名称', required: true },
  parentCode: { label: '上级单位代码', aliases: ['上级代码', '上级单位'], required: true },
  kind: { label: '单位类型', aliases: ['类型', '单位级别'], required: true },
  shortName: { label: '简称', aliases: ['单位简称'], required: false },
  deptType: { label: '部门类别', aliases: ['成员单位类别'], required: false },
} satisfies Record<string, { label: string; aliases?: string[]; required: boolean }>;
export type OrgTreeColumn = keyof typeof orgTreeColumns;

/** Which kinds of unit may sit directly below a unit of each kind (a 直辖市's districts and a 省直管县 are 县级 below the province). */
export const childUnitKinds: Record<UnitKind, readonly UnitKind[]> = {
  province: ['city', 'county', 'office'],
  city: ['county', 'office', 'station'],
  county: ['office', 'station', 'department'],
  office: [],
  station: [],
  department: [],
};

/** The words a file may use in 单位类型 for each kind, besides its label in the glossary. */
const kindWords: Record<UnitKind, readonly string[]> = {
  province: ['省级', '省局', '省'],
  city: ['市级', '市局', '地市'],
  county: ['县级', '县局', '县区'],
  office: ['股室', '科室', '处室', '股室/科室'],
  station: ['所', '监管所', '市场监管所'],
  department: ['联合抽查成员单位', '联合检查成员部门', '成员单位', '成员部门'],
};

const unitKindByWord = new Map<string, UnitKind>(
  (Object.keys(kindWords) as UnitKind[]).flatMap((kind) => [kind, unitKindLabel[kind], ...kindWords[kind]].map((w) => [w, kind] as const)),
);

/** The kind a 单位类型 cell names, or null. */
export function unitKindOf(cell: string): UnitKind | null {
  return unitKindByWord.get(cell.trim().replace(/\s+/g, '')) ?? null;
}

const bureauLevel: Partial<Record<UnitKind, number>> = { province: 1, city: 2, county: 3 };
const levelLabel: Record<number, string> = { 1: '省级', 2: '市级', 3: '县级' };

export const UNIT_CODE_PATTERN = /^[0-9a-z-]{2,64}$/;

/** A row of the file as read: every cell as text (empty when blank). */
export interface OrgTreeFileRow {
  /** The row's number in the file (the header is row 1). */
  row: number;
  code: string;
  name: string;
  parentCode: string;
  kind: string;
  shortName: string;
  deptType: string;
}

/** A division of GB/T 2260 (reference data): level 1 province, 2 city, 3 county. */
export interface Division {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
}

export interface OrgTreeRowError {
  row: number;
  column: string;
  value: string;
  message: string;
}

/** A unit to create, parents listed before their children. */
export interface PlannedUnit {
  code: string;
  name: string;
  shortName: string;
  kind: UnitKind;
  parentCode: string | null;
  /** Ancestor codes and its own, joined by '.'. */
  path: string;
  regionCode: string;
  deptType: string | null;
  /** Its place among its siblings, in the file's order. */
  sortOrder: number;
  /** Its row in the file. */
  row: number;
}

export type OrgTreeCheck = { ok: true; units: PlannedUnit[] } | { ok: false; errors: OrgTreeRowError[] };

interface CheckedRow {
  source: OrgTreeFileRow;
  kind: UnitKind | null;
}

const label = (column: OrgTreeColumn) => orgTreeColumns[column].label;

/** Checks a whole org-tree file; either every unit to create, or every problem. */
export function checkOrgTree(rows: readonly OrgTreeFileRow[], divisions: ReadonlyMap<string, Division>): OrgTreeCheck {
  const errors: OrgTreeRowError[] = [];
  const fail = (source: OrgTreeFileRow, column: OrgTreeColumn, message: string) =>
    errors.push({ row: source.row, column: label(column), value: source[column], message });

  // Each row on its own: the cells, and the first row of each code.
  const byCode = new Map<string, CheckedRow>();
  const checked: CheckedRow[] = [];
  for (const source of rows) {
    const kind = checkCells(source, fail);
    const entry = { source, kind };
    checked.push(entry);
    if (!source.code) continue;
    const first = byCode.get(source.code);
    if (first) fail(source, 'code', `单位代码与第 ${first.source.row} 行重复，每个单位的代码须唯一`);
    else byCode.set(source.code, entry);
  }

  // Each row against its parent: known, of a kind that may hold it, its division inside the parent's.
  const roots: CheckedRow[] = [];
  for (const entry of checked) {
    const { source, kind } = entry;
    if (!source.parentCode) {
      if (kind === 'province') {
        if (roots.length > 0)
          fail(source, 'kind', `已有省级单位（第 ${roots[0]!.source.row} 行），一个安装只能有一个省级单位作为组织机构的根`);
        roots.push(entry);
      } else if (kind) {
        fail(source, 'parentCode', '请填写上级单位代码：只有省级单位（组织机构的根）没有上级单位');
      }
      continue;
    }
    if (kind === 'province') {
      fail(source, 'parentCode', '省级单位是组织机构的根，上级单位代码须留空');
      continue;
    }
    const parent = byCode.get(source.parentCode);
    if (!parent) {
      fail(source, 'parentCode', `上级单位代码「${source.parentCode}」不是文件中任何一行的单位代码，请先列出上级单位或改正代码`);
      continue;
    }
    if (parent.source.code === source.code) continue; // a unit its own parent: reported as a cycle below
    if (kind && parent.kind && !childUnitKinds[parent.kind].includes(kind)) {
      const allowed = childUnitKinds[parent.kind].map((k) => unitKindLabel[k]).join('、') || '无下级单位';
      fail(
        source,
        'kind',
        `「${unitKindLabel[parent.kind]}」单位（第 ${parent.source.row} 行）下不能设「${unitKindLabel[kind]}」单位；可设：${allowed}`,
      );
    }
  }
  if (roots.length === 0 && rows.length > 0) {
    errors.push({
      row: rows[0]!.row,
      column: label('kind'),
      value: rows[0]!.kind,
      message: '文件中没有组织机构的根：须有一行单位类型为「省级」、上级单位代码留空的单位，其他单位都在它之下',
    });
  }

  // Cycles: a unit whose chain of parents comes back to itself never reaches the root.
  for (const cycle of parentCycles(checked, byCode)) {
    const chain = [...cycle, cycle[0]!].map((e) => e.source.code).join(' → ');
    for (const entry of cycle) fail(entry.source, 'parentCode', `上级单位形成循环（${chain}），任何单位都不能是自己的上级或上级的上级`);
  }

  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };

  const units = placeUnits(roots[0]!, checked);
  const divisionErrors = checkDivisions(units, byCode, divisions);
  if (divisionErrors.length > 0) return { ok: false, errors: sortErrors(divisionErrors) };
  return { ok: true, units };
}

/** The cells of one row on their own; returns the kind when it is readable. */
function checkCells(
  source: OrgTreeFileRow,
  fail: (source: OrgTreeFileRow, column: OrgTreeColumn, message: string) => void,
): UnitKind | null {
  const kind = source.kind ? unitKindOf(source.kind) : null;
  if (!source.kind) fail(source, 'kind', '请填写单位类型');
  else if (!kind) fail(source, 'kind', `无法识别的单位类型，可填：${Object.values(unitKindLabel).join('、')}（也可写 股室、科室、所）`);

  if (!source.code) fail(source, 'code', '请填写单位代码');
  else if (kind && isBureauKind(kind) && !BUREAU_CODE_PATTERN.test(source.code)) {
    fail(source, 'code', bureauCodeFormat(kind));
  } else if (!UNIT_CODE_PATTERN.test(source.code)) fail(source, 'code', '单位代码只能包含小写字母、数字和连字符（2–64 位）');

  if (!source.name) fail(source, 'name', '请填写单位名称');
  else if (source.name.length < 2 || source.name.length > 100) fail(source, 'name', '单位名称须为 2–100 个字');
  if (source.shortName.length > 40) fail(source, 'shortName', '简称最多 40 个字');

  if (source.deptType && kind && kind !== 'department') fail(source, 'deptType', '只有联合抽查成员单位填写部门类别，其他单位请留空');
  else if (source.deptType.length > 20) fail(source, 'deptType', '部门类别最多 20 个字');
  return kind;
}

/** The cycles among the rows' parent links (each cycle once, in the order its members are met). */
function parentCycles(checked: readonly CheckedRow[], byCode: ReadonlyMap<string, CheckedRow>): CheckedRow[][] {
  const state = new Map<CheckedRow, 'walking' | 'done'>();
  const cycles: CheckedRow[][] = [];
  for (const start of checked) {
    const walk: CheckedRow[] = [];
    let at: CheckedRow | undefined = start;
    while (at && !state.has(at)) {
      state.set(at, 'walking');
      walk.push(at);
      at = at.source.parentCode && at.kind !== 'province' ? byCode.get(at.source.parentCode) : undefined;
    }
    if (at && state.get(at) === 'walking') cycles.push(walk.slice(walk.indexOf(at)));
    for (const entry of walk) state.set(entry, 'done');
  }
  return cycles;
}

/** Paths, divisions and sibling order, from the root down (parents before children). */
function placeUnits(root: CheckedRow, checked: readonly CheckedRow[]): PlannedUnit[] {
  const children = new Map<string, CheckedRow[]>();
  for (const entry of checked) {
    if (entry === root || !entry.source.parentCode || !entry.source.code) continue;
    const list = children.get(entry.source.parentCode) ?? [];
    list.push(entry);
    children.set(entry.source.parentCode, list);
  }
  const plan = (entry: CheckedRow, parent: PlannedUnit | null, sortOrder: number): PlannedUnit => {
    const { source } = entry;
    const kind = entry.kind!;
    return {
      code: source.code,
      name: source.name,
      shortName: source.shortName || source.name,
      kind,
      parentCode: parent?.code ?? null,
      path: parent ? `${parent.path}.${source.code}` : source.code,
      regionCode: isBureauKind(kind) || !parent ? source.code : parent.regionCode,
      deptType: kind === 'department' ? source.deptType || null : null,
      sortOrder,
      row: source.row,
    };
  };
  const units = [plan(root, null, 0)];
  for (let i = 0; i < units.length; i += 1) {
    const parent = units[i]!;
    (children.get(parent.code) ?? []).forEach((entry, order) => units.push(plan(entry, parent, order)));
  }
  return units;
}

/** A bureau's code is a division of its level, inside its parent bureau's division. */
function checkDivisions(
  units: readonly PlannedUnit[],
  byCode: ReadonlyMap<string, CheckedRow>,
  divisions: ReadonlyMap<string, Division>,
): OrgTreeRowError[] {
  const errors: OrgTreeRowError[] = [];
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  for (const unit of units) {
    if (!isBureauKind(unit.kind)) continue;
    const source = byCode.get(unit.code)!.source;
    const parent = unit.parentCode ? unitByCode.get(unit.parentCode) : undefined;
    const problem = bureauDivisionProblem(unit.code, unit.kind, parent?.regionCode ?? null, divisions);
    if (problem) errors.push({ row: source.row, column: label('code'), value: source.code, message: problem });
  }
  return errors;
}

/** 省级, 市级 and 县级 units are bureaus: their unit code is their own division code. */
export function isBureauKind(kind: UnitKind): boolean {
  return kind in bureauLevel;
}

/**
 * Why a bureau's code cannot be its division (GB/T 2260): not a current division, a division of
 * another level, or outside the parent bureau's division `parentRegion`; null when it fits.
 */
export function bureauDivisionProblem(
  code: string,
  kind: UnitKind,
  parentRegion: string | null,
  divisions: ReadonlyMap<string, Division>,
): string | null {
  if (!BUREAU_CODE_PATTERN.test(code)) return bureauCodeFormat(kind);
  const division = divisions.get(code);
  if (!division) return '不是现行的行政区划代码（GB/T 2260），请核对单位所在地的 6 位区划代码';
  if (division.level !== bureauLevel[kind]) {
    return `是${levelLabel[division.level] ?? ''}区划「${division.name}」，与单位类型「${unitKindLabel[kind]}」不符`;
  }
  if (parentRegion !== null && !divisionWithin(code, parentRegion, divisions)) {
    const parentDivision = divisions.get(parentRegion);
    return `区划「${division.name}」不在上级单位的区划「${parentDivision?.name ?? parentRegion}」之内，请核对单位代码或上级单位代码`;
  }
  return null;
}

const BUREAU_CODE_PATTERN = /^\d{6}$/;
const bureauCodeFormat = (kind: UnitKind) => `${unitKindLabel[kind]}单位的单位代码须为其 6 位行政区划代码（GB/T 2260），如 140581`;

function divisionWithin(code: string, ancestor: string, divisions: ReadonlyMap<string, Division>): boolean {
  for (let at = divisions.get(code); at; at = at.parentCode ? divisions.get(at.parentCode) : undefined) {
    if (at.parentCode === ancestor) return true;
  }
  return false;
}

function sortErrors(errors: OrgTreeRowError[]): OrgTreeRowError[] {
  const order = Object.values(orgTreeColumns).map((c) => c.label);
  return errors.sort((a, b) => a.row - b.row || order.indexOf(a.column) - order.indexOf(b.column));
}
