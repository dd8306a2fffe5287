// The worker threads of an import give, batch for batch, what the import's own thread gives:
// row numbers (after the pieces before), issues, fingerprints and staging lines, and, once given
// the stored fingerprints, the same rows found unchanged.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeUscc } from '../../core/uscc/index.ts';
import { matchHeader } from '../files/spreadsheet.ts';
import { CsvRecordCutter, type CsvPiece } from '../files/csvPieces.ts';
import { FINGERPRINT_VALUES, StoredFingerprints, type FingerprintField } from './entityFingerprint.ts';
import { ENTITY_COLUMNS, type UnitRef } from './entityRows.ts';
import { isStoredUnchanged, rowKey, rowLine, shiftRowNumbers, validateCsvPiece, type RowValidationSetup } from './validatedRows.ts';
import { RowValidationPool, validationThreads } from './validationPool.ts';

const HEADER = '统一社会信用代码,企业名称,主体类别,登记状态,成立日期,住所,法定代表人,管辖单位,行业代码,许可资质,风险分类,风险分类日期';
const unit: UnitRef = { code: '140581', regionCode: '140581' };
const station: UnitRef = { code: '140581-mishan', regionCode: '140581' };
const units = new Map([
  ['140581', unit],
  ['140581-mishan', station],
]);
const setup: RowValidationSetup = {
  kind: 'entity_import',
  index: matchHeader(HEADER.split(','), ENTITY_COLUMNS).index,
  context: {
    defaultUnit: unit,
    unitsInScope: units,
    allUnits: units,
    divisions: new Map([['140581', '140581']]),
    industries: new Set(['5212']),
  },
  today: '2026-11-23',
  fingerprintFields: Object.keys(FINGERPRINT_VALUES) as FingerprintField[],
  fileName: '池.csv',
};

describe('row validation on worker threads', () => {
  it.skipIf(validationThreads(1, 1) === 0)(
    'gives every piece of a file the rows, issues, fingerprints and staging lines of the import’s own thread',
    async () => {
      // Each column mostly valid, sometimes not; free text with quotes, commas and line breaks.
      const text = fc.constantFrom('高平市测试商行', '"引号"商行', '逗,号', '两\r\n行', ' 空格 ', '');
      const columns = [
        text,
        fc.constantFrom('企业', '个体工商户', '', '不知道'),
        fc.constantFrom('存续', '吊销，未注销', '', '在营中?'),
        fc.constantFrom('2020/3/15', '2019-01-02', '', '不是日期'),
        text,
        text,
        fc.constantFrom('140581-mishan', '140581', '', '别的所'),
        fc.constantFrom('5212', 'F5212', '9999', '', 'x1'),
        fc.constantFrom('', '食品经营许可、加油站', '"a,b"'),
        fc.constantFrom('A', 'D', '', '高风险', 'E'),
        fc.constantFrom('2026-10-01', ''),
      ];
      const row = fc.tuple(
        fc.nat(400),
        fc.tuple(...columns),
        fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 500, maxLength: 3000 }), async (rows) => {
          const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
          const lines = rows.map(([n, cells, bad]) =>
            [
              bad ? `X${n}` : makeUscc({ authority: '9', type: '1', division: '140581', orgCode8: `P${String(n).padStart(7, '0')}` }),
              ...cells,
            ]
              .map(quote)
              .join(','),
          );
          // The text as a reader hands it out: in pieces of whole records, cut from slices of 4 KB.
          const text = `${lines.join('\r\n')}\r\n`;
          const cutter = new CsvRecordCutter(',');
          const pieces: CsvPiece[] = [];
          const bytes = new TextEncoder().encode(text);
          for (let at = 0; at < bytes.length; at += 4096) {
            const piece = cutter.push(bytes.subarray(at, at + 4096));
            if (piece) pieces.push({ bytes: piece, encoding: 'utf-8', delimiter: ',', last: false });
          }
          pieces.push({ bytes: cutter.end(), encoding: 'utf-8', delimiter: ',', last: true });
          expect(pieces.length).toBeGreaterThan(rows.length / 100);
          const pool = new RowValidationPool(2);
          try {
            pool.setUp(setup);
            const fromWorkers = await Promise.all(pieces.map((piece) => pool.validate({ kind: 'csv', piece })));
            let before = 0;
            pieces.forEach((piece, k) => {
              const here = validateCsvPiece(setup, piece, before);
              shiftRowNumbers(fromWorkers[k]!, before);
              expect(fromWorkers[k]).toEqual(here);
              before += here.records;
            });
            const all = fromWorkers.flatMap((b) => b.rowNumbers.map((_, i) => rowKey(b, i).fingerprint));
            expect(all.length).toBeGreaterThan(0);
            expect(all.every((f) => /^[0-9a-f]{16}$/.test(f))).toBe(true);

            // Stored entities for some codes: every other one as the first row with it has it,
            // the rest with another fingerprint. Given them, the workers leave the equal rows
            // without a staging line, as the import's thread does, and only those.
            const stored = new StoredFingerprints(16, { shared: true });
            const storedPrint = new Map<string, string>();
            fromWorkers.forEach((b) =>
              b.rowNumbers.forEach((_, i) => {
                const { uscc, fingerprint } = rowKey(b, i);
                if (storedPrint.has(uscc)) return;
                const print =
                  storedPrint.size % 2 === 0 ? fingerprint : `${fingerprint.slice(0, 15)}${fingerprint[15] === '0' ? '1' : '0'}`;
                storedPrint.set(uscc, print);
                const line = new TextEncoder().encode(`${uscc}\t${print}140581`);
                stored.addLine(line, 0, line.length);
              }),
            );
            pool.compareWith({ fingerprints: stored, fileSetsRegion: false });
            const compared = await Promise.all(pieces.map((piece) => pool.validate({ kind: 'csv', piece })));
            let unchanged = 0;
            before = 0;
            pieces.forEach((piece, k) => {
              const here = validateCsvPiece(setup, piece, before, { fingerprints: stored, fileSetsRegion: false });
              shiftRowNumbers(compared[k]!, before);
              expect(compared[k]).toEqual(here);
              here.rowNumbers.forEach((_, i) => {
                const { uscc, fingerprint } = rowKey(here, i);
                expect(isStoredUnchanged(here, i)).toBe(storedPrint.get(uscc) === fingerprint);
                if (isStoredUnchanged(here, i)) unchanged += 1;
                else expect(rowLine(here, i)).toBe(rowLine(fromWorkers[k]!, i));
              });
              before += here.records;
            });
            expect(unchanged).toBeGreaterThan(0);
          } finally {
            await pool.close();
          }
        }),
        { numRuns: 8 },
      );
    },
    120_000,
  );

  it.skipIf(validationThreads(1, 1) === 0)(
    'imports side by side share the cores: the threads one holds are not given to another until it closes',
    async () => {
      const all = validationThreads(1, 1);
      const first = new RowValidationPool(all);
      try {
        expect(validationThreads(1, 1)).toBe(0);
      } finally {
        await first.close();
        await first.close();
      }
      expect(validationThreads(1, 1)).toBe(all);
      expect(validationThreads(99_999)).toBe(0);
    },
  );
});
