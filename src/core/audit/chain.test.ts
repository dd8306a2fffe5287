import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { auditRowHash, checkChainPage, GENESIS_HASH, type AuditRowContent, type ChainedAuditRow } from './chain.ts';

function buildChain(contents: Omit<AuditRowContent, 'seq'>[]): ChainedAuditRow[] {
  let prev = GENESIS_HASH;
  return contents.map((content, index) => {
    const row: AuditRowContent = { ...content, seq: index + 1 };
    const rowHash = auditRowHash(prev, row);
    const chained = { ...row, prevHash: prev, rowHash };
    prev = rowHash;
    return chained;
  });
}

const contentArb = fc.record({
  unitCode: fc.constant('140581'),
  at: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  actorUserId: fc.option(fc.uuid(), { nil: null }),
  actorName: fc.string({ minLength: 1, maxLength: 8 }),
  action: fc.constantFrom('user.login', 'user.logout', 'org.create'),
  objectType: fc.constant('user'),
  objectId: fc.string({ minLength: 1, maxLength: 10 }),
  summary: fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string(), fc.integer())),
});

const start = { lastHash: GENESIS_HASH, lastSeq: 0, checked: 0 };

describe('audit hash chain', () => {
  it('is a known SM3 value for a fixed row (guards the documented formula)', () => {
    const row: AuditRowContent = {
      unitCode: '140581',
      seq: 1,
      at: '2026-01-01T00:00:00.000Z',
      actorUserId: null,
      actorName: '系统',
      action: 'demo.load',
      objectType: 'database',
      objectId: 'demo',
      summary: { after: { units: 3 } },
    };
    // SM3("000…0\n" + JCS(row)) — JCS sorts the keys.
    const expectedInput =
      GENESIS_HASH +
      '\n{"action":"demo.load","actorName":"系统","actorUserId":null,"at":"2026-01-01T00:00:00.000Z","objectId":"demo","objectType":"database","seq":1,"summary":{"after":{"units":3}},"unitCode":"140581"}';
    expect(auditRowHash(GENESIS_HASH, row)).toMatch(/^[0-9a-f]{64}$/);
    return import('node:crypto').then(({ createHash }) => {
      expect(auditRowHash(GENESIS_HASH, row)).toBe(createHash('sm3').update(expectedInput, 'utf8').digest('hex'));
    });
  });

  it('accepts an untouched chain of any length, in pages of any size', () => {
    fc.assert(
      fc.property(fc.array(contentArb, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 7 }), (contents, pageSize) => {
        const rows = buildChain(contents);
        let state = start;
        for (let i = 0; i < rows.length; i += pageSize) {
          const result = checkChainPage(state, rows.slice(i, i + pageSize));
          expect(result.firstBreak).toBeNull();
          state = result;
        }
        expect(state.checked).toBe(rows.length);
      }),
    );
  });

  it('names the first altered row when any field of any row changes', () => {
    fc.assert(
      fc.property(
        fc.array(contentArb, { minLength: 2, maxLength: 20 }),
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 3 }),
        (contents, pick, extra) => {
          const rows = buildChain(contents);
          const index = pick % rows.length;
          const tampered = rows.map((r) => ({ ...r }));
          tampered[index]!.actorName = tampered[index]!.actorName + extra;
          const result = checkChainPage(start, tampered);
          expect(result.firstBreak).toMatchObject({ reason: 'row_hash_mismatch', seq: index + 1 });
          expect(result.checked).toBe(index);
        },
      ),
    );
  });

  it('detects a deleted row in the middle as a sequence gap', () => {
    fc.assert(
      fc.property(fc.array(contentArb, { minLength: 3, maxLength: 20 }), fc.nat(), (contents, pick) => {
        const rows = buildChain(contents);
        const index = 1 + (pick % (rows.length - 2));
        const result = checkChainPage(start, [...rows.slice(0, index), ...rows.slice(index + 1)]);
        expect(result.firstBreak).toMatchObject({ reason: 'seq_gap', seq: index + 2, expectedSeq: index + 1 });
      }),
    );
  });

  it('detects a row re-hashed by someone who changed it (the next link breaks)', () => {
    const rows = buildChain(
      [0, 1, 2].map((i) => ({
        unitCode: '140581',
        at: '2026-01-01T00:00:00.000Z',
        actorUserId: null,
        actorName: `u${i}`,
        action: 'a',
        objectType: 'o',
        objectId: `${i}`,
        summary: {},
      })),
    );
    const forged = rows.map((r) => ({ ...r }));
    const { prevHash, rowHash: _old, ...content } = forged[1]!;
    content.actorName = 'forger';
    forged[1] = { ...content, prevHash, rowHash: auditRowHash(prevHash, content) };
    const result = checkChainPage(start, forged);
    expect(result.firstBreak).toMatchObject({ reason: 'prev_hash_mismatch', seq: 3 });
  });
});
