import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsv, parseCsvRecords, parseDivisions, parseHolidays, parseIndustries, readReferenceData } from './reference-data.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,b,c\n1,"x, y","say ""hi"""\n2,"two\nlines",\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
  });

  it('accepts CRLF, a BOM, a missing final newline and skips blank lines', () => {
    expect(parseCsv('\ufeffa,b\r\n\r\n1,2')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('rejects an unclosed quote', () => {
    expect(() => parseCsv('a,"b\n')).toThrow(/引号/);
  });

  it('round-trips any table written with RFC 4180 quoting', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', ' ', '1') });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (table) => {
        const width = table[0]!.length;
        const rows = table.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? 'x'));
        const text = rows.map((row) => row.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\r\n');
        expect(parseCsv(text)).toEqual(rows);
      }),
    );
  });

  it('maps records by header and rejects a ragged row', () => {
    expect(parseCsvRecords('code,name\n140581,高平市\n')).toEqual([{ code: '140581', name: '高平市' }]);
    expect(() => parseCsvRecords('code,name\n140581\n')).toThrow(/第 2 行/);
  });
});

describe('parseDivisions', () => {
  const csv = 'code,name,level,parent\n140000,山西省,province,\n140500,晋城市,city,140000\n140581,高平市,county,140500\n';

  it('turns province/city/county into levels 1/2/3 with parent codes', () => {
    expect(parseDivisions(csv)).toEqual([
      { code: '140000', name: '山西省', level: 1, parent_code: null },
      { code: '140500', name: '晋城市', level: 2, parent_code: '140000' },
      { code: '140581', name: '高平市', level: 3, parent_code: '140500' },
    ]);
  });

  it('rejects a missing parent, a bad code and an unknown level', () => {
    expect(() => parseDivisions(csv + '140981,原平市,county,140900\n')).toThrow(/140900 不存在/);
    expect(() => parseDivisions(csv + '14058,高平,county,140500\n')).toThrow(/6 位数字/);
    expect(() => parseDivisions(csv + '140582,某,town,140500\n')).toThrow(/级别/);
  });
});

describe('parseIndustries', () => {
  const csv = [
    'section,code,level,name,note',
    'F,F,门类,"批发和零售业",',
    'F,52,大类,"零售业",',
    'F,526,中类,"汽车、摩托车、零配件和燃料及其他动力销售",',
    'F,5265,小类,"机动车燃油零售",',
  ].join('\n');

  it('derives parents from the code structure', () => {
    expect(parseIndustries(csv).map((r) => [r.code, r.level, r.parent_code])).toEqual([
      ['F', 1, null],
      ['52', 2, 'F'],
      ['526', 3, '52'],
      ['5265', 4, '526'],
    ]);
  });

  it('rejects a 小类 whose 中类 is missing', () => {
    expect(() => parseIndustries(csv + '\nF,5271,小类,"家用视听设备零售",')).toThrow(/527 不存在/);
  });
});

describe('parseHolidays', () => {
  it('keeps off days and 调休 working days, sorted by date', () => {
    const json = JSON.stringify({
      years: {
        2025: {
          offDays: [{ date: '2025-10-01', name: '国庆节、中秋节' }],
          adjustedWorkdays: [{ date: '2025-09-28', name: '国庆节、中秋节' }],
        },
      },
    });
    expect(parseHolidays(json)).toEqual([
      { day: '2025-09-28', is_off_day: false, name: '国庆节、中秋节' },
      { day: '2025-10-01', is_off_day: true, name: '国庆节、中秋节' },
    ]);
  });

  it('rejects a day that is both off and a working day', () => {
    const json = JSON.stringify({
      years: { 2025: { offDays: [{ date: '2025-10-01', name: 'x' }], adjustedWorkdays: [{ date: '2025-10-01', name: 'x' }] } },
    });
    expect(() => parseHolidays(json)).toThrow(/2025-10-01/);
  });
});

describe('the files in reference/', () => {
  const data = readReferenceData();

  it('hold the whole country down to county level', () => {
    const byLevel = [1, 2, 3].map((level) => data.divisions.filter((d) => d.level === level).length);
    expect(byLevel).toEqual([34, 337, 2846]);
    const shanxi = data.divisions.filter((d) => d.code.startsWith('14'));
    expect(shanxi.filter((d) => d.level === 3)).toHaveLength(117);
    expect(data.divisions).toContainEqual({ code: '140581', name: '高平市', level: 3, parent_code: '140500' });
    expect(data.divisions).toContainEqual({ code: '140981', name: '原平市', level: 3, parent_code: '140900' });
  });

  it('hold the four GB/T 4754-2017 levels (one official 小类 is missing: see reference/README.md)', () => {
    const byLevel = [1, 2, 3, 4].map((level) => data.industries.filter((d) => d.level === level).length);
    expect(byLevel).toEqual([20, 97, 473, 1381]);
    expect(data.industries).toContainEqual({ code: '5265', name: '机动车燃油零售', level: 4, parent_code: '526' });
  });

  it('hold 2023–2026 holidays including the 2025 调休 working Saturdays', () => {
    expect(data.holidays).toHaveLength(142);
    expect(data.holidays.filter((h) => !h.is_off_day)).toHaveLength(26);
    expect(data.holidays).toContainEqual({ day: '2025-09-28', is_off_day: false, name: '国庆节、中秋节' });
    expect(data.holidays).toContainEqual({ day: '2026-02-17', is_off_day: true, name: '春节' });
  });
});
