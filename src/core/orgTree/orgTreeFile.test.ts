import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkOrgTree, unitKindOf, type Division, type OrgTreeCheck, type OrgTreeFileRow, type OrgTreeRowError } from './orgTreeFile.ts';

const divisionList: Division[] = [
  { code: '140000', name: '山西省', level: 1, parentCode: null },
  { code: '140500', name: '晋城市', level: 2, parentCode: '140000' },
  { code: '140581', name: '高平市', level: 3, parentCode: '140500' },
  { code: '140525', name: '泽州县', level: 3, parentCode: '140500' },
  { code: '140900', name: '忻州市', level: 2, parentCode: '140000' },
  { code: '140981', name: '原平市', level: 3, parentCode: '140900' },
  { code: '110000', name: '北京市', level: 1, parentCode: null },
  { code: '110101', name: '东城区', level: 3, parentCode: '110000' },
];
const divisions = new Map(divisionList.map((d) => [d.code, d]));

let nextRow = 2;
function row(code: string, name: string, parentCode: string, kind: string, extra: Partial<OrgTreeFileRow> = {}): OrgTreeFileRow {
  return { row: nextRow++, code, name, parentCode, kind, shortName: '', deptType: '', ...extra };
}

function gaoping(): OrgTreeFileRow[] {
  nextRow = 2;
  return [
    row('140000', '山西省市场监督管理局', '', '省级'),
    row('140500', '晋城市市场监督管理局', '140000', '市级'),
    row('140581', '高平市市场监督管理局', '140500', '县级', { shortName: '高平市局' }),
    row('140581-xyjg', '高平市市场监督管理局信用监管股', '140581', '股室'),
    row('140581-mishan', '高平市市场监督管理局米山市场监管所', '140581', '所'),
    row('140581-zj', '高平市住房和城乡建设局', '140581', '联合抽查成员单位', { deptType: '住建' }),
  ];
}

function errorsOf(check: OrgTreeCheck): OrgTreeRowError[] {
  if (check.ok) throw new Error('expected the file to be refused');
  return check.errors;
}

describe('checkOrgTree: a correct file', () => {
  it('plans every unit with its path, division and order, parents first', () => {
    const check = checkOrgTree(gaoping(), divisions);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.units.map((u) => u.path)).toEqual([
      '140000',
      '140000.140500',
      '140000.140500.140581',
      '140000.140500.140581.140581-xyjg',
      '140000.140500.140581.140581-mishan',
      '140000.140500.140581.140581-zj',
    ]);
    const zj = check.units.find((u) => u.code === '140581-zj')!;
    expect(zj).toMatchObject({
      kind: 'department',
      regionCode: '140581',
      deptType: '住建',
      shortName: '高平市住房和城乡建设局',
      sortOrder: 2,
    });
    expect(check.units.find((u) => u.code === '140581')).toMatchObject({ kind: 'county', regionCode: '140581', shortName: '高平市局' });
  });

  it('accepts a parent listed after its children, and a 直辖市 district directly below the province', () => {
    nextRow = 2;
    const rows = [row('110101', '北京市东城区市场监督管理局', '110000', '县级'), row('110000', '北京市市场监督管理局', '', '省级')];
    expect(checkOrgTree(rows, divisions).ok).toBe(true);
  });

  it('reads the kind in the words operators use', () => {
    const words = ['股室', '科室', ' 市场监管所 ', '联合检查成员部门', '县级', '乡级'];
    expect(words.map(unitKindOf)).toEqual(['office', 'office', 'station', 'department', 'county', null]);
  });
});

describe('checkOrgTree: every problem, by row and column', () => {
  it('a parent code that is not in the file', () => {
    const rows = gaoping();
    rows[3]!.parentCode = '140582';
    expect(errorsOf(checkOrgTree(rows, divisions))).toEqual([
      { row: 5, column: '上级单位代码', value: '140582', message: expect.stringContaining('不是文件中任何一行的单位代码') },
    ]);
  });

  it('a code used twice names the first row', () => {
    const rows = gaoping();
    rows[4]!.code = '140581-xyjg';
    expect(errorsOf(checkOrgTree(rows, divisions))).toEqual([
      { row: 6, column: '单位代码', value: '140581-xyjg', message: expect.stringContaining('与第 5 行重复') },
    ]);
  });

  it('a cycle names each unit in it and the chain', () => {
    nextRow = 2;
    const rows = [
      row('140000', '山西省市场监督管理局', '', '省级'),
      row('140500', '晋城市市场监督管理局', '140000', '市级'),
      row('140500-a', '甲科室', '140500-b', '科室'),
      row('140500-b', '乙科室', '140500-a', '科室'),
    ];
    const errors = errorsOf(checkOrgTree(rows, divisions));
    expect(errors.map((e) => [e.row, e.column])).toEqual(
      expect.arrayContaining([
        [4, '上级单位代码'],
        [5, '上级单位代码'],
      ]),
    );
    expect(errors.find((e) => e.row === 4)!.message).toContain('140500-a → 140500-b → 140500-a');
  });

  it('a unit that is its own parent is a cycle', () => {
    const rows = gaoping();
    rows[3]!.parentCode = '140581-xyjg';
    expect(errorsOf(checkOrgTree(rows, divisions))).toEqual([
      expect.objectContaining({ row: 5, column: '上级单位代码', message: expect.stringContaining('循环') }),
    ]);
  });

  it('bad division codes: not six digits, not a division, of another level, outside the parent', () => {
    const rows = gaoping();
    rows[2]!.code = 'gaoping';
    rows[3]!.parentCode = rows[4]!.parentCode = rows[5]!.parentCode = 'gaoping';
    expect(errorsOf(checkOrgTree(rows, divisions))).toEqual([
      { row: 4, column: '单位代码', value: 'gaoping', message: expect.stringContaining('6 位行政区划代码') },
    ]);

    const unknown = gaoping();
    unknown[2]!.code = '140599';
    unknown[3]!.parentCode = unknown[4]!.parentCode = unknown[5]!.parentCode = '140599';
    expect(errorsOf(checkOrgTree(unknown, divisions))).toEqual([
      { row: 4, column: '单位代码', value: '140599', message: expect.stringContaining('不是现行的行政区划代码') },
    ]);

    const level = gaoping();
    level[1]!.code = '140581';
    level[2]!.code = '140500';
    level[2]!.parentCode = '140581';
    level[3]!.parentCode = level[4]!.parentCode = level[5]!.parentCode = '140500';
    expect(errorsOf(checkOrgTree(level, divisions)).map((e) => [e.row, e.message])).toEqual([
      [3, expect.stringContaining('是县级区划「高平市」，与单位类型「市级」不符')],
      [4, expect.stringContaining('是市级区划「晋城市」，与单位类型「县级」不符')],
    ]);

    const outside = gaoping();
    outside[2]!.code = '140981';
    outside[3]!.parentCode = outside[4]!.parentCode = outside[5]!.parentCode = '140981';
    expect(errorsOf(checkOrgTree(outside, divisions))).toEqual([
      { row: 4, column: '单位代码', value: '140981', message: expect.stringContaining('区划「原平市」不在上级单位的区划「晋城市」之内') },
    ]);
  });

  it('no root, two roots, a province with a parent, a unit without one', () => {
    const noRoot = gaoping().slice(1);
    const errors = errorsOf(checkOrgTree(noRoot, divisions));
    expect(errors).toEqual(
      expect.arrayContaining([
        { row: 3, column: '单位类型', value: '市级', message: expect.stringContaining('没有组织机构的根') },
        { row: 3, column: '上级单位代码', value: '140000', message: expect.stringContaining('不是文件中任何一行') },
      ]),
    );

    const two = [...gaoping(), row('110000', '北京市市场监督管理局', '', '省级')];
    expect(errorsOf(checkOrgTree(two, divisions))).toEqual([
      expect.objectContaining({ row: 8, column: '单位类型', message: expect.stringContaining('已有省级单位（第 2 行）') }),
    ]);

    const misplaced = gaoping();
    misplaced[0]!.parentCode = '140500';
    misplaced[1]!.parentCode = '';
    expect(errorsOf(checkOrgTree(misplaced, divisions)).map((e) => [e.row, e.column])).toEqual([
      [2, '上级单位代码'],
      [2, '单位类型'],
      [3, '上级单位代码'],
    ]);
  });

  it('cells: kind, code characters, name, 部门类别 only for member units, a kind below a kind that cannot hold it', () => {
    const rows = gaoping();
    rows[3]!.kind = '乡级';
    rows[4]!.code = '140581_Mishan';
    rows[4]!.name = '';
    rows[3]!.deptType = '';
    rows[1]!.deptType = '住建';
    rows.push(row('140581-xyjg-1', '信用监管股一组', '140581-mishan', '股室'));
    expect(errorsOf(checkOrgTree(rows, divisions)).map((e) => [e.row, e.column, e.message])).toEqual([
      [3, '部门类别', expect.stringContaining('只有联合抽查成员单位填写部门类别')],
      [5, '单位类型', expect.stringContaining('无法识别的单位类型')],
      [6, '单位代码', expect.stringContaining('只能包含小写字母、数字和连字符')],
      [6, '单位名称', '请填写单位名称'],
      [8, '上级单位代码', expect.stringContaining('不是文件中任何一行')],
    ]);

    const below = gaoping();
    below.push(row('140581-sub', '米山所一组', '140581-mishan', '所'));
    expect(errorsOf(checkOrgTree(below, divisions))).toEqual([
      expect.objectContaining({
        row: 8,
        column: '单位类型',
        message: expect.stringContaining('「市场监管所」单位（第 6 行）下不能设「市场监管所」单位；可设：无下级单位'),
      }),
    ]);
  });
});

// ------------------------------------------------------------------ generated trees

interface Generated {
  rows: OrgTreeFileRow[];
  divisions: Map<string, Division>;
}

const subUnits = fc.record({ offices: fc.nat(3), stations: fc.nat(3), departments: fc.nat(2) });
const countyArb = fc.record({ n: fc.integer({ min: 1, max: 98 }), subs: subUnits });
const cityArb = fc.record({
  n: fc.integer({ min: 1, max: 89 }),
  counties: fc.uniqueArray(countyArb, { selector: (c) => c.n, maxLength: 4 }),
  subs: subUnits,
});

/** A valid tree: a province, its cities and their counties, counties directly below the province (直辖市 style), and 股室/所/成员单位 below each. */
const validTree: fc.Arbitrary<Generated> = fc
  .record({
    p: fc.integer({ min: 11, max: 65 }),
    cities: fc.uniqueArray(cityArb, { selector: (c) => c.n, maxLength: 3 }),
    direct: fc.uniqueArray(countyArb, { selector: (c) => c.n, maxLength: 2 }),
    subs: subUnits,
  })
  .map(({ p, cities, direct, subs }) => {
    const rows: Omit<OrgTreeFileRow, 'row'>[] = [];
    const divisions = new Map<string, Division>();
    const bureau = (code: string, level: number, parent: string | null, kind: string) => {
      divisions.set(code, { code, name: `区划${code}`, level, parentCode: parent });
      rows.push({ code, name: `${code}市场监督管理局`, parentCode: parent ?? '', kind, shortName: '', deptType: '' });
    };
    const below = (code: string, s: { offices: number; stations: number; departments: number }, kind: 'province' | 'city' | 'county') => {
      const add = (slug: string, k: string, deptType = '') =>
        rows.push({ code: `${code}-${slug}`, name: `${code}${slug}单位`, parentCode: code, kind: k, shortName: '', deptType });
      for (let i = 0; i < s.offices; i++) add(`o${i}`, '股室');
      if (kind !== 'province') for (let i = 0; i < s.stations; i++) add(`s${i}`, '所');
      if (kind === 'county') for (let i = 0; i < s.departments; i++) add(`d${i}`, '联合抽查成员单位', '住建');
    };
    const pad = (n: number) => String(n).padStart(2, '0');
    const province = `${p}0000`;
    bureau(province, 1, null, '省级');
    below(province, subs, 'province');
    for (const city of cities) {
      const cityCode = `${p}${pad(city.n)}00`;
      bureau(cityCode, 2, province, '市级');
      below(cityCode, city.subs, 'city');
      for (const county of city.counties) {
        const countyCode = `${p}${pad(city.n)}${pad(county.n)}`;
        bureau(countyCode, 3, cityCode, '县级');
        below(countyCode, county.subs, 'county');
      }
    }
    for (const county of direct) {
      const countyCode = `${p}99${pad(county.n)}`;
      bureau(countyCode, 3, province, '县级');
      below(countyCode, county.subs, 'county');
    }
    return { rows, divisions };
  })
  .chain(({ rows, divisions }) =>
    fc
      .shuffledSubarray(rows, { minLength: rows.length })
      .map((shuffled) => ({ rows: shuffled.map((r, i) => ({ ...r, row: i + 2 })), divisions })),
  );

/** The codes at or below a unit in a generated tree. */
function subtree(rows: readonly OrgTreeFileRow[], code: string): string[] {
  const out = [code];
  for (let i = 0; i < out.length; i++) for (const r of rows) if (r.parentCode === out[i]) out.push(r.code);
  return out;
}

describe('checkOrgTree: generated trees', () => {
  it('a valid tree always passes, in any row order, parents planned before children', () => {
    fc.assert(
      fc.property(validTree, ({ rows, divisions }) => {
        const check = checkOrgTree(rows, divisions);
        expect(check.ok).toBe(true);
        if (!check.ok) return;
        expect(check.units).toHaveLength(rows.length);
        const seen = new Map<string, string>();
        for (const unit of check.units) {
          if (unit.parentCode) expect(unit.path).toBe(`${seen.get(unit.parentCode)}.${unit.code}`);
          else expect(unit.path).toBe(unit.code);
          seen.set(unit.code, unit.path);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a unit whose parent is itself or below it always fails, naming its row and 上级单位代码', () => {
    fc.assert(
      fc.property(
        validTree.chain((tree) =>
          fc.record({ tree: fc.constant(tree), at: fc.integer({ min: 0, max: tree.rows.length - 1 }), pick: fc.nat() }),
        ),
        ({ tree, at, pick }) => {
          const rows = tree.rows.map((r) => ({ ...r }));
          const unit = rows[at]!;
          fc.pre(unit.parentCode !== '');
          const below = subtree(rows, unit.code);
          unit.parentCode = below[pick % below.length]!;
          const errors = errorsOf(checkOrgTree(rows, tree.divisions));
          expect(errors).toContainEqual(
            expect.objectContaining({ row: unit.row, column: '上级单位代码', message: expect.stringContaining('循环') }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a unit whose parent is not in the file always fails, naming its row and 上级单位代码', () => {
    fc.assert(
      fc.property(
        validTree.chain((tree) => fc.record({ tree: fc.constant(tree), at: fc.integer({ min: 0, max: tree.rows.length - 1 }) })),
        ({ tree, at }) => {
          const rows = tree.rows.map((r) => ({ ...r }));
          const unit = rows[at]!;
          fc.pre(unit.parentCode !== '');
          unit.parentCode = `${unit.parentCode}-missing`;
          const errors = errorsOf(checkOrgTree(rows, tree.divisions));
          expect(errors).toContainEqual(expect.objectContaining({ row: unit.row, column: '上级单位代码', value: unit.parentCode }));
        },
      ),
      { numRuns: 200 },
    );
  });
});
