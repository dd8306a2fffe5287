// The audit log's hash chain: each row's hash covers the previous row's hash
// and the row's own content, so altering, inserting or deleting a row inside a chain breaks
// every later link. Pure: the server writes with it, `ssj audit verify` and the API check with it.
import { canonicalJson } from '../canonical/jcs.ts';
import { sm3Hex } from '../hash/sm3.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRowContent {
  unitCode: string;
  seq: number;
  at: string; // ISO 8601 with milliseconds, UTC
  actorUserId: string | null;
  actorName: string;
  action: string;
  objectType: string;
  objectId: string;
  summary: unknown;
}

export interface ChainedAuditRow extends AuditRowContent {
  prevHash: string;
  rowHash: string;
}

/** row_hash = SM3(prev_hash ‖ "\n" ‖ JCS(row content)), hex lower-case. */
export function auditRowHash(prevHash: string, row: AuditRowContent): string {
  return sm3Hex(`${prevHash}\n${canonicalJson(row)}`);
}

export type ChainBreak =
  | { reason: 'seq_gap'; unitCode: string; seq: number; expectedSeq: number }
  | { reason: 'prev_hash_mismatch'; unitCode: string; seq: number; expected: string; found: string }
  | { reason: 'row_hash_mismatch'; unitCode: string; seq: number; expected: string; found: string };

export interface ChainCheck {
  checked: number;
  lastHash: string;
  lastSeq: number;
  firstBreak: ChainBreak | null;
}

/**
 * Incremental check of one unit's chain: feed rows in seq order, page by page,
 * carrying the returned state. Stops at the first break.
 */
export function checkChainPage(
  state: { lastHash: string; lastSeq: number; checked: number },
  rows: readonly ChainedAuditRow[],
): ChainCheck {
  let { lastHash, lastSeq, checked } = state;
  for (const row of rows) {
    const { prevHash, rowHash, ...content } = row;
    if (row.seq !== lastSeq + 1) {
      return {
        checked,
        lastHash,
        lastSeq,
        firstBreak: { reason: 'seq_gap', unitCode: row.unitCode, seq: row.seq, expectedSeq: lastSeq + 1 },
      };
    }
    if (prevHash !== lastHash) {
      return {
        checked,
        lastHash,
        lastSeq,
        firstBreak: { reason: 'prev_hash_mismatch', unitCode: row.unitCode, seq: row.seq, expected: lastHash, found: prevHash },
      };
    }
    const expected = auditRowHash(prevHash, content);
    if (expected !== rowHash) {
      return {
        checked,
        lastHash,
        lastSeq,
        firstBreak: { reason: 'row_hash_mismatch', unitCode: row.unitCode, seq: row.seq, expected, found: rowHash },
      };
    }
    lastHash = rowHash;
    lastSeq = row.seq;
    checked += 1;
  }
  return { checked, lastHash, lastSeq, firstBreak: null };
}

export function describeBreak(b: ChainBreak): string {
  switch (b.reason) {
    case 'seq_gap':
      return `单位 ${b.unitCode} 的审计链在序号 ${b.expectedSeq} 处缺失记录（下一条为 ${b.seq}）：记录被删除或插入`;
    case 'prev_hash_mismatch':
      return `单位 ${b.unitCode} 第 ${b.seq} 条记录的前序哈希与上一条不符：上一条记录被改动或链被截接`;
    case 'row_hash_mismatch':
      return `单位 ${b.unitCode} 第 ${b.seq} 条记录的内容与其哈希不符：该记录在写入后被改动`;
  }
}
