import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { checkScan, isOpen, parseReceipt, RECEIPT_RANDOM_BYTES, receiptOf, requireOpen, scanLimitBytes, startReview } from './index.ts';

const bytes = fc.uint8Array({ minLength: RECEIPT_RANDOM_BYTES, maxLength: RECEIPT_RANDOM_BYTES });

describe('回执编号', () => {
  it('reads back what it wrote, also typed in lower case, with spaces or a full-width dash', () => {
    fc.assert(
      fc.property(bytes, (random) => {
        const made = receiptOf(random);
        expect(made.receipt.startsWith(`${made.code}-`)).toBe(true);
        expect(parseReceipt(made.receipt)).toEqual(made);
        expect(parseReceipt(` ${made.receipt.toLowerCase().replace('-', '－')} `)).toEqual(made);
      }),
    );
  });

  it('different random bytes give different numbers', () => {
    fc.assert(
      fc.property(bytes, bytes, (a, b) => {
        fc.pre(a.some((x, i) => x % 32 !== b[i]! % 32));
        expect(receiptOf(a).receipt).not.toBe(receiptOf(b).receipt);
      }),
    );
  });

  it('refuses text that is not a 回执编号', () => {
    for (const text of [
      '',
      'SQ123',
      'SQABCDEFGH',
      'SQABCDEFGH-ABCDEFGHJKLMNPQ',
      'SQABCDEFGI-ABCDEFGHJKLMNPQR',
      'XXABCDEFGH-ABCDEFGHJKLMNPQR',
    ]) {
      expect(parseReceipt(text)).toBeNull();
    }
    expect(parseReceipt('SQABCDEFGH-ABCDEFGHJKLMNPQR')).toEqual({ code: 'SQABCDEFGH', receipt: 'SQABCDEFGH-ABCDEFGHJKLMNPQR' });
  });
});

describe('申请状态', () => {
  it('已提交 → 审核中 once; decisions only while open', () => {
    expect(startReview('submitted')).toBe('reviewing');
    expect(() => startReview('reviewing')).toThrow(DomainError);
    expect(() => startReview('approved')).toThrow(/不能再受理/);
    expect(isOpen('submitted') && isOpen('reviewing')).toBe(true);
    expect(isOpen('approved') || isOpen('rejected')).toBe(false);
    expect(() => requireOpen('submitted')).not.toThrow();
    expect(() => requireOpen('rejected')).toThrow(/已驳回|不能再次审核/);
  });
});

describe('扫描件', () => {
  const pdf = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
  const webp = new Uint8Array([...new TextEncoder().encode('RIFF'), 0, 0, 0, 0, ...new TextEncoder().encode('WEBP')]);

  it('accepts a PDF or PNG told by its content', () => {
    expect(checkScan({ fileName: '授权书.pdf', declaredMime: 'application/pdf', bytes: pdf })).toMatchObject({ ok: true, kind: 'pdf' });
    expect(checkScan({ fileName: '执照.png', declaredMime: null, bytes: png })).toMatchObject({ ok: true, kind: 'png' });
  });

  it('refuses WebP, a disguised file and one over 5 MB, in Chinese naming the scan', () => {
    expect(checkScan({ fileName: 'a.webp', declaredMime: 'image/webp', bytes: webp })).toMatchObject({ ok: false, httpCode: 'BAD_FILE' });
    const disguised = checkScan({ fileName: '授权书.pdf', declaredMime: 'application/pdf', bytes: new TextEncoder().encode('<html>') });
    expect(disguised).toMatchObject({ ok: false, httpCode: 'BAD_FILE' });
    expect(!disguised.ok && disguised.message).toMatch(/^扫描件“授权书\.pdf”/);
    const big = new Uint8Array(scanLimitBytes + 1);
    big.set(pdf);
    expect(checkScan({ fileName: 'big.pdf', declaredMime: null, bytes: big })).toMatchObject({ ok: false, httpCode: 'PAYLOAD_TOO_LARGE' });
  });
});
