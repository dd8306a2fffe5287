import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inspectorDrawability, type DrawabilityInput } from './drawability.ts';

const valid: DrawabilityInput = {
  category: 'enforcement',
  certNo: '140581202001',
  certExpiresOn: '2027-06-30',
  status: '在岗',
  statusSince: null,
};

describe('inspectorDrawability', () => {
  it('an 在岗 执法人员 with a current certificate is drawable', () => {
    expect(inspectorDrawability(valid, '2026-11-23')).toEqual({ drawable: true, reason: null, code: null });
  });

  it('an expired certificate makes an 执法人员 not drawable, naming the date', () => {
    const result = inspectorDrawability({ ...valid, certExpiresOn: '2025-03-01' }, '2026-11-23');
    expect(result).toEqual({ drawable: false, code: 'certificate_expired', reason: '不可抽取：执法证已过期（2025-03-01）' });
  });

  it('the certificate is valid through its expiry day and expired the day after', () => {
    expect(inspectorDrawability({ ...valid, certExpiresOn: '2026-11-23' }, '2026-11-23').drawable).toBe(true);
    expect(inspectorDrawability({ ...valid, certExpiresOn: '2026-11-23' }, '2026-11-24').drawable).toBe(false);
  });

  it('a missing certificate number or expiry makes an 执法人员 not drawable', () => {
    expect(inspectorDrawability({ ...valid, certNo: null }, '2026-11-23')).toMatchObject({ drawable: false, code: 'no_certificate' });
    expect(inspectorDrawability({ ...valid, certNo: '  ' }, '2026-11-23')).toMatchObject({ drawable: false, code: 'no_certificate' });
    expect(inspectorDrawability({ ...valid, certExpiresOn: null }, '2026-11-23')).toMatchObject({ drawable: false, code: 'no_expiry' });
  });

  it('a 专业技术人员 needs no certificate', () => {
    expect(inspectorDrawability({ ...valid, category: 'expert', certNo: null, certExpiresOn: null }, '2026-11-23').drawable).toBe(true);
  });

  it('调离 and 退休 people are never drawable, with the date in the reason', () => {
    expect(inspectorDrawability({ ...valid, status: '调离', statusSince: '2026-05-01' }, '2026-11-23')).toEqual({
      drawable: false,
      code: 'left',
      reason: '不可抽取：已调离（2026-05-01）',
    });
    expect(inspectorDrawability({ ...valid, category: 'expert', status: '退休', statusSince: null }, '2026-11-23')).toMatchObject({
      drawable: false,
      code: 'retired',
    });
  });

  it('rejects a malformed date instead of comparing strings wrongly', () => {
    expect(() => inspectorDrawability(valid, '2026-1-5')).toThrow();
  });

  const day = fc
    .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const input = fc.record({
    category: fc.constantFrom('enforcement' as const, 'expert' as const),
    certNo: fc.option(fc.stringMatching(/^[0-9]{6,14}$/), { nil: null }),
    certExpiresOn: fc.option(day, { nil: null }),
    status: fc.constantFrom('在岗' as const, '调离' as const, '退休' as const),
    statusSince: fc.option(day, { nil: null }),
  });

  it('property: drawable exactly when 在岗 and (expert or certificate present and not expired); not drawable always has a reason', () => {
    fc.assert(
      fc.property(input, day, (i, today) => {
        const result = inspectorDrawability(i, today);
        const expected =
          i.status === '在岗' && (i.category === 'expert' || (i.certNo !== null && i.certExpiresOn !== null && i.certExpiresOn >= today));
        expect(result.drawable).toBe(expected);
        if (!result.drawable) expect(result.reason).toMatch(/^不可抽取：/);
      }),
    );
  });

  it('property: a drawable 执法人员 stays drawable on every earlier day (expiry only moves one way)', () => {
    fc.assert(
      fc.property(input, day, day, (i, a, b) => {
        const [earlier, later] = a <= b ? [a, b] : [b, a];
        if (inspectorDrawability(i, later).drawable) expect(inspectorDrawability(i, earlier).drawable).toBe(true);
      }),
    );
  });
});
