import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceDir } from '../../db/reference-data.ts';
import { enterpriseTypeCodeOf, enterpriseTypeLabel, enterpriseTypeName, enterpriseTypes } from './enterpriseTypes.ts';

describe('企业类型 code table', () => {
  it('holds exactly the reference list shipped in reference/', () => {
    const reference = JSON.parse(fs.readFileSync(path.join(referenceDir, 'enterprise-codes.json'), 'utf8')) as {
      企业类型: Array<{ code: string; name: string }>;
    };
    expect(enterpriseTypes.map(([code, name]) => ({ code, name }))).toEqual(reference.企业类型);
  });

  it('shows a known code as 名称（代码）', () => {
    expect(enterpriseTypeLabel('1130')).toBe('有限责任公司(自然人投资或控股)（1130）');
    expect(enterpriseTypeLabel('9100')).toBe(`${enterpriseTypeName('9100')}（9100）`);
    expect(enterpriseTypeName('9100')).toMatch(/合作社/);
  });

  it('shows an unknown code with （未知代码） and nothing as —', () => {
    expect(enterpriseTypeLabel('0000')).toBe('0000（未知代码）');
    expect(enterpriseTypeLabel(null)).toBe('—');
    expect(enterpriseTypeLabel('  ')).toBe('—');
  });

  it('reads back every label it writes, and a name that names one code, as the code (property)', () => {
    const codesNamed = (name: string) => enterpriseTypes.filter(([, n]) => n === name).length;
    fc.assert(
      fc.property(fc.constantFrom(...enterpriseTypes), ([code, name]) => {
        expect(enterpriseTypeCodeOf(enterpriseTypeLabel(code))).toBe(code);
        expect(enterpriseTypeCodeOf(code)).toBe(code);
        const written = name.replace(/\(/g, '（').replace(/\)/g, '）');
        expect(enterpriseTypeCodeOf(written)).toBe(codesNamed(name) === 1 ? code : written);
      }),
    );
  });

  it('keeps text it does not know as written', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), (text) => {
        const trimmed = text.trim();
        fc.pre(trimmed !== '' && !/\d{4}\s*[）)]$/.test(trimmed) && !enterpriseTypes.some(([, n]) => n === trimmed));
        const code = enterpriseTypeCodeOf(text);
        expect(code === trimmed || enterpriseTypes.some(([c]) => c === code)).toBe(true);
      }),
    );
    expect(enterpriseTypeCodeOf('')).toBeNull();
    expect(enterpriseTypeCodeOf('某种新类型')).toBe('某种新类型');
  });
});
